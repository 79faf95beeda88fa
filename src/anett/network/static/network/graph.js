// Network graph: a small force-directed layout in SVG, no library.
// Nodes: actors (blue, size by firms reached; brokers with an amber ring), firms (grey;
// isolated ones red) or, for many firms, one node per district. Drag nodes, wheel to zoom,
// drag the background to pan, click a node to highlight its neighbours.
(function () {
  var svg = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!svg || !source) return;
  var data = JSON.parse(source.textContent);
  var info = document.getElementById("graph-info");
  var NS = "http://www.w3.org/2000/svg";
  var W = svg.clientWidth || 900, H = svg.clientHeight || 560;
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);

  var nodes = data.nodes.map(function (n, i) {
    var a = (2 * Math.PI * i) / Math.max(1, data.nodes.length);
    var r = n.type === "actor" ? 0.25 : 0.42;
    return Object.assign({}, n, {
      x: W / 2 + Math.cos(a) * W * r + (Math.random() - 0.5) * 20,
      y: H / 2 + Math.sin(a) * H * r + (Math.random() - 0.5) * 20,
      vx: 0, vy: 0, fixed: false,
    });
  });
  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; });
  var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target]; })
    .map(function (e) { return Object.assign({}, e, { s: byId[e.source], t: byId[e.target] }); });
  var neighbours = {};
  edges.forEach(function (e) {
    (neighbours[e.source] = neighbours[e.source] || {})[e.target] = true;
    (neighbours[e.target] = neighbours[e.target] || {})[e.source] = true;
  });

  function radius(n) {
    if (n.type === "actor") return 6 + Math.min(18, Math.sqrt(n.size || 0) * 2);
    if (n.type === "firm_group") return 5 + Math.min(20, Math.sqrt(n.size) * 1.5);
    return 4;
  }

  var scale = 1, panX = 0, panY = 0;
  var view = document.createElementNS(NS, "g");
  svg.appendChild(view);
  var edgeLayer = document.createElementNS(NS, "g");
  var nodeLayer = document.createElementNS(NS, "g");
  view.appendChild(edgeLayer);
  view.appendChild(nodeLayer);

  edges.forEach(function (e) {
    var line = document.createElementNS(NS, "line");
    var kind = e.s.type === "actor" && e.t.type === "actor" ? "relation" : e.kinds[0];
    line.setAttribute("class", "edge " + kind);
    line.setAttribute("stroke-width", Math.min(6, 1 + Math.log(e.weight) ));
    var title = document.createElementNS(NS, "title");
    title.textContent = e.kinds.join(", ") + (e.weight > 1 ? " (" + e.weight + ")" : "");
    line.appendChild(title);
    edgeLayer.appendChild(line);
    e.el = line;
  });
  nodes.forEach(function (n) {
    var g = document.createElementNS(NS, "g");
    var cls = "node " + n.type + (n.broker ? " broker" : "") + (n.isolated ? " isolated" : "");
    g.setAttribute("class", cls);
    g.setAttribute("data-id", n.id);
    var c = document.createElementNS(NS, "circle");
    c.setAttribute("r", radius(n));
    g.appendChild(c);
    var title = document.createElementNS(NS, "title");
    title.textContent = n.label + (n.kreis ? " – " + n.kreis : "") +
      (n.type === "firm_group" || n.type === "actor" ? " (" + n.size + ")" : "");
    g.appendChild(title);
    if (n.type !== "firm") {
      var t = document.createElementNS(NS, "text");
      t.setAttribute("x", radius(n) + 3);
      t.setAttribute("y", 4);
      t.textContent = n.type === "firm_group"
        ? n.label + " (" + n.size + (n.isolated ? " " + (info.dataset.unreached || "") : "") + ")"
        : n.label;
      g.appendChild(t);
    }
    nodeLayer.appendChild(g);
    n.el = g;
  });

  function draw() {
    edges.forEach(function (e) {
      e.el.setAttribute("x1", e.s.x); e.el.setAttribute("y1", e.s.y);
      e.el.setAttribute("x2", e.t.x); e.el.setAttribute("y2", e.t.y);
    });
    nodes.forEach(function (n) { n.el.setAttribute("transform", "translate(" + n.x + "," + n.y + ")"); });
  }

  // Fruchterman–Reingold: all nodes repel (k²/d), linked nodes attract (d²/k), gravity keeps
  // unlinked groups near the centre; the step size cools down. Above 400 nodes the repulsion
  // only looks at nearby nodes (grid buckets).
  var k = Math.sqrt((W * H) / Math.max(1, nodes.length)) * 0.75;
  var temperature = W / 8;
  // Gravity balances the summed repulsion: the cloud settles at a radius of about k·√(N/G).
  var GRAVITY = 2;
  function repel(a, b) {
    var dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
    var f = (k * k) / d / d;
    a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
  }
  function tick() {
    nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
    var i, j;
    if (nodes.length <= 400) {
      for (i = 0; i < nodes.length; i++) for (j = i + 1; j < nodes.length; j++) repel(nodes[i], nodes[j]);
    } else {
      var cell = k * 2, grid = {};
      nodes.forEach(function (n) {
        var key = Math.floor(n.x / cell) + ":" + Math.floor(n.y / cell);
        (grid[key] = grid[key] || []).push(n);
      });
      Object.keys(grid).forEach(function (key) {
        var p = key.split(":"), gx = +p[0], gy = +p[1], here = grid[key];
        for (var ox = -1; ox <= 1; ox++) for (var oy = -1; oy <= 1; oy++) {
          var there = grid[(gx + ox) + ":" + (gy + oy)];
          if (!there) continue;
          here.forEach(function (a) { there.forEach(function (b) { if (a.index < b.index) repel(a, b); }); });
        }
      });
    }
    edges.forEach(function (e) {
      var dx = e.s.x - e.t.x, dy = e.s.y - e.t.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      var f = d / k;
      e.s.dx -= dx * f; e.s.dy -= dy * f; e.t.dx += dx * f; e.t.dy += dy * f;
    });
    nodes.forEach(function (n) {
      n.dx -= (n.x - W / 2) * GRAVITY; n.dy -= (n.y - H / 2) * GRAVITY;
      if (n.fixed) return;
      var len = Math.sqrt(n.dx * n.dx + n.dy * n.dy) + 0.01;
      var step = Math.min(len, temperature);
      n.x += (n.dx / len) * step; n.y += (n.dy / len) * step;
    });
    temperature *= 0.975;
  }
  nodes.forEach(function (n, i) { n.index = i; });
  function fit() {
    if (!nodes.length) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) {
      var r = radius(n) + 4;
      x0 = Math.min(x0, n.x - r); y0 = Math.min(y0, n.y - r);
      x1 = Math.max(x1, n.x + r + (n.type === "firm" ? 0 : 90)); y1 = Math.max(y1, n.y + r);
    });
    scale = Math.min(2, Math.min(W / (x1 - x0 + 20), H / (y1 - y0 + 20)));
    panX = (W - (x1 - x0) * scale) / 2 - x0 * scale;
    panY = (H - (y1 - y0) * scale) / 2 - y0 * scale;
    applyView();
  }
  var userMoved = false;
  function run() {
    for (var s = 0; s < 2; s++) tick();
    draw();
    if (!userMoved) fit();
    if (temperature > 0.5) requestAnimationFrame(run);
    else svg.setAttribute("data-ready", "1");
  }
  draw();
  requestAnimationFrame(run);

  // Zoom and pan.
  function applyView() { view.setAttribute("transform", "translate(" + panX + "," + panY + ") scale(" + scale + ")"); }
  function toGraph(evt) {
    var r = svg.getBoundingClientRect();
    var x = ((evt.clientX - r.left) / r.width) * W, y = ((evt.clientY - r.top) / r.height) * H;
    return { x: (x - panX) / scale, y: (y - panY) / scale, sx: x, sy: y };
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    userMoved = true;
    var p = toGraph(evt);
    var factor = evt.deltaY < 0 ? 1.15 : 1 / 1.15;
    scale = Math.max(0.2, Math.min(6, scale * factor));
    panX = p.sx - p.x * scale; panY = p.sy - p.y * scale;
    applyView();
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    var g = evt.target.closest ? evt.target.closest(".node") : null;
    var p = toGraph(evt);
    userMoved = true;
    if (g) {
      var n = byId[g.getAttribute("data-id")];
      drag = { node: n, moved: false };
      n.fixed = true;
    } else {
      drag = { pan: true, x: p.sx - panX, y: p.sy - panY };
    }
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    var p = toGraph(evt);
    if (drag.node) { drag.node.x = p.x; drag.node.y = p.y; drag.moved = true; draw(); }
    else { panX = p.sx - drag.x; panY = p.sy - drag.y; applyView(); }
  });
  svg.addEventListener("pointerup", function () {
    if (drag && drag.node && !drag.moved) select(drag.node);
    drag = null;
  });

  function select(n) {
    var near = neighbours[n.id] || {};
    svg.classList.add("focus");
    nodes.forEach(function (m) { m.el.classList.toggle("on", m === n || !!near[m.id]); });
    edges.forEach(function (e) { e.el.classList.toggle("on", e.s === n || e.t === n); });
    info.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = n.label;
    info.appendChild(strong);
    var text = n.type === "actor" ? " – " + n.size + " " + (info.dataset.firms || "firms")
      : (n.kreis ? " – " + n.kreis : "");
    if (n.type === "firm_group") text = " – " + n.size;
    info.appendChild(document.createTextNode(text + " "));
    if (n.url) {
      var a = document.createElement("a");
      a.href = n.url; a.textContent = "→";
      info.appendChild(a);
    }
  }
  svg.addEventListener("dblclick", function () {
    svg.classList.remove("focus");
    userMoved = false; fit();
  });
})();
