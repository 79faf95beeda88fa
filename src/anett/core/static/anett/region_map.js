// Region map: district polygons without a tile server (offline), with the BKG credit.
(function () {
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution(
    '<a href="https://www.bkg.bund.de">' + el.dataset.credit + "</a>"
  );
  fetch(el.dataset.url, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: { color: "#0b4f8a", weight: 1.5, fillColor: "#5b8fc7", fillOpacity: 0.35 },
        onEachFeature: function (f, l) {
          var p = f.properties;
          l.bindTooltip(p.name + " (" + p.ags + ")" +
            (p.population ? "<br>" + p.population.toLocaleString("de-DE") + " Einw." : ""));
        },
      }).addTo(map);
      if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
      else map.setView([51.0, 10.5], 7);
      el.dataset.loaded = String(data.features.length);
    });
})();
