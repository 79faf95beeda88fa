// Dashboard map: districts coloured by the chosen figure (classes from the server), a legend,
// hidden districts hatched with "< 5"/"–", the BKG credit. No tile server (offline).
(function () {
  var el = document.getElementById("map");
  var select = document.getElementById("map-figure");
  if (!el || !window.L) return;
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution(
    '<a href="https://www.bkg.bund.de">' + el.dataset.credit + "</a>"
  );
  var renderer = L.svg();
  renderer.addTo(map);
  var layer = null;
  var labels = L.layerGroup().addTo(map);
  var legend = L.control({ position: "bottomright" });
  var legendDiv = L.DomUtil.create("div", "map-legend");
  legend.onAdd = function () { return legendDiv; };
  legend.addTo(map);
  var fitted = false;

  function addHatch() {
    var svg = renderer._container;
    if (!svg || svg.querySelector("#anett-hatch")) return;
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "anett-hatch");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "6");
    pattern.setAttribute("height", "6");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", "6"); bg.setAttribute("height", "6"); bg.setAttribute("fill", "#e4e7eb");
    var line = document.createElementNS(ns, "rect");
    line.setAttribute("width", "2.5"); line.setAttribute("height", "6"); line.setAttribute("fill", "#8b949e");
    pattern.appendChild(bg); pattern.appendChild(line); defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  function text(s) { var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }

  function drawLegend(data) {
    var html = "<strong>" + text(data.figure.label) + "</strong><br>";
    data.legend.forEach(function (row) {
      html += '<span class="sw" style="background:' + row.colour + '"></span>' + text(row.text) + "<br>";
    });
    if (data.features.some(function (f) { return f.properties.hidden; })) {
      html += '<span class="sw hatch"></span>' + text(el.dataset.hiddenLabel) + "<br>";
    }
    if (!data.legend.length) html += "–";
    legendDiv.innerHTML = html;
  }

  function load(figure) {
    var url = new URL(el.dataset.url, window.location.href);
    url.searchParams.set("figure", figure);
    el.dataset.loading = "1";
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (layer) map.removeLayer(layer);
        labels.clearLayers();
        layer = L.geoJSON(data, {
          renderer: renderer,
          style: function (f) {
            var p = f.properties;
            if (p.hidden) return { color: "#5b6470", weight: 1, dashArray: "3", fillColor: "url(#anett-hatch)", fillOpacity: 1 };
            return { color: "#0b4f8a", weight: 1.2, fillColor: p.colour || "#ffffff", fillOpacity: p.colour ? 0.85 : 0.3 };
          },
          onEachFeature: function (f, l) {
            var p = f.properties;
            l.bindTooltip(text(p.name) + " (" + p.ags + ")<br>" + text(data.figure.label) + ": " + text(p.display));
            labels.addLayer(L.marker(l.getBounds().getCenter(), {
              interactive: false,
              icon: L.divIcon({ className: "map-label", html: text(p.display), iconSize: null }),
            }));
          },
        }).addTo(map);
        if (!fitted) {
          if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
          else map.setView([51.0, 10.5], 7);
          fitted = true;
        }
        addHatch(); // the renderer's <svg> exists once the map has a view
        drawLegend(data);
        el.dataset.figure = figure;
        el.dataset.loaded = String(data.features.length);
        delete el.dataset.loading;
      });
  }

  load(select ? select.value : el.dataset.figure);
  if (select) {
    select.addEventListener("change", function () {
      load(select.value);
      var u = new URL(window.location.href);
      u.searchParams.set("figure", select.value);
      window.history.replaceState(null, "", u);
    });
  }
})();
