/* A small force-directed network in SVG, no library: window.KG_NETWORK = {nodes: [{label, kind, href}],
   edges: [[a, b, kind]]}. Start positions are a fixed spiral and the layout runs a fixed number of
   steps, so the same data always gives the same picture. network.html#focus=PAGE centres on a node. */
(function () {
  "use strict";
  var DATA = window.KG_NETWORK || {nodes: [], edges: []};
  var SVGNS = "http://www.w3.org/2000/svg";
  var box = document.getElementById("net");
  var info = document.getElementById("netinfo");
  var find = document.getElementById("netfind");
  var showLabels = document.getElementById("showlabels");
  var nodes = DATA.nodes.map(function (n, i) {
    var r = 12 * Math.sqrt(i + 1), t = i * 2.399963;
    return {i: i, label: n.label, kind: n.kind, href: n.href, x: r * Math.cos(t), y: r * Math.sin(t),
            vx: 0, vy: 0, deg: 0, nb: [], fixed: false};
  });
  var edges = DATA.edges.map(function (e) {
    nodes[e[0]].deg++; nodes[e[1]].deg++;
    nodes[e[0]].nb.push(e[1]); nodes[e[1]].nb.push(e[0]);
    return {a: nodes[e[0]], b: nodes[e[1]], kind: e[2]};
  });

  function step(alpha) {
    var n = nodes.length, i, j, a, b, dx, dy, d2, d, f;
    for (i = 0; i < n; i++) {
      a = nodes[i];
      for (j = i + 1; j < n; j++) {
        b = nodes[j];
        dx = a.x - b.x; dy = a.y - b.y; d2 = dx * dx + dy * dy + 0.01;
        if (d2 > 40000) continue;
        f = 260 * alpha / d2;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    edges.forEach(function (e) {
      dx = e.b.x - e.a.x; dy = e.b.y - e.a.y; d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      f = (d - 34) / d * 0.08 * alpha;
      e.a.vx += dx * f; e.a.vy += dy * f; e.b.vx -= dx * f; e.b.vy -= dy * f;
    });
    nodes.forEach(function (p) {
      p.vx -= p.x * 0.012 * alpha; p.vy -= p.y * 0.012 * alpha;
      if (!p.fixed) { p.x += p.vx; p.y += p.vy; }
      p.vx *= 0.6; p.vy *= 0.6;
    });
  }
  for (var k = 0; k < 400; k++) step(1 - k / 450);

  function make(tag, attrs, parent) {
    var e = document.createElementNS(SVGNS, tag);
    for (var key in attrs) e.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(e);
    return e;
  }
  var svg = make("svg", {width: "100%", height: "100%"}, box);
  var view = make("g", {}, svg);
  var gEdges = make("g", {"class": "edges"}, view);
  var gNodes = make("g", {"class": "nodes"}, view);
  edges.forEach(function (e) { e.el = make("line", {"class": "e e-" + e.kind}, gEdges); });
  nodes.forEach(function (p) {
    p.r = 4 + Math.sqrt(p.deg) * 2;
    p.el = make("g", {"class": "n k-" + p.kind + (p.deg < 3 ? " minor" : "")}, gNodes);
    make("circle", {r: p.r.toFixed(1)}, p.el);
    p.text = make("text", {x: (p.r + 3).toFixed(1), y: "4"}, p.el);
    p.text.textContent = p.label.length > 48 ? p.label.slice(0, 47) + "…" : p.label;
    var title = make("title", {}, p.el);
    title.textContent = p.label;
  });

  function draw() {
    edges.forEach(function (e) {
      e.el.setAttribute("x1", e.a.x.toFixed(1)); e.el.setAttribute("y1", e.a.y.toFixed(1));
      e.el.setAttribute("x2", e.b.x.toFixed(1)); e.el.setAttribute("y2", e.b.y.toFixed(1));
    });
    nodes.forEach(function (p) { p.el.setAttribute("transform", "translate(" + p.x.toFixed(1) + "," + p.y.toFixed(1) + ")"); });
  }

  var tf = {x: 0, y: 0, k: 1};
  function apply() {
    view.setAttribute("transform", "translate(" + tf.x + "," + tf.y + ") scale(" + tf.k + ")");
    svg.classList.toggle("zoomed", tf.k > 1.3);
  }
  function fit() {
    var W = box.clientWidth || 800, H = box.clientHeight || 600;
    var minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
    nodes.forEach(function (p) { minx = Math.min(minx, p.x); maxx = Math.max(maxx, p.x); miny = Math.min(miny, p.y); maxy = Math.max(maxy, p.y); });
    if (!nodes.length) return;
    tf.k = Math.min(W / (maxx - minx + 160), H / (maxy - miny + 80), 2.5);
    tf.x = W / 2 - tf.k * (minx + maxx) / 2; tf.y = H / 2 - tf.k * (miny + maxy) / 2;
    apply();
  }
  function centre(p, k) {
    var W = box.clientWidth || 800, H = box.clientHeight || 600;
    tf.k = k || Math.max(tf.k, 1.4); tf.x = W / 2 - tf.k * p.x; tf.y = H / 2 - tf.k * p.y; apply();
  }

  function mark(set, cls) {
    nodes.forEach(function (p) { p.el.classList.toggle(cls, !!set && set.has(p.i)); });
    svg.classList.toggle("has-" + cls, !!set);
    if (cls === "lit") edges.forEach(function (e) { e.el.classList.toggle("lit", !!set && set.has(e.a.i) && set.has(e.b.i)); });
  }
  function neighbourhood(p) { var s = new Set(p.nb); s.add(p.i); return s; }

  // interaction: drag nodes, pan the background, zoom with the wheel, hover, click to open
  var drag = null, moved = false, running = 0;
  function animate() {
    if (running <= 0) return;
    step(0.3); draw(); running--;
    requestAnimationFrame(animate);
  }
  function point(ev) {
    var r = svg.getBoundingClientRect();
    return {x: (ev.clientX - r.left - tf.x) / tf.k, y: (ev.clientY - r.top - tf.y) / tf.k, sx: ev.clientX, sy: ev.clientY};
  }
  nodes.forEach(function (p) {
    p.el.addEventListener("pointerdown", function (ev) {
      ev.stopPropagation(); drag = {node: p, start: point(ev)}; moved = false; p.fixed = true;
      svg.setPointerCapture(ev.pointerId);
    });
    p.el.addEventListener("pointerenter", function () {
      if (!drag) { mark(neighbourhood(p), "lit"); info.textContent = p.label + " — " + p.deg + " link" + (p.deg === 1 ? "" : "s"); }
    });
    p.el.addEventListener("pointerleave", function () { if (!drag) { mark(null, "lit"); info.textContent = ""; } });
  });
  svg.addEventListener("pointerdown", function (ev) { drag = {pan: true, sx: ev.clientX, sy: ev.clientY, x: tf.x, y: tf.y}; moved = false; svg.setPointerCapture(ev.pointerId); });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    if (drag.pan) { tf.x = drag.x + ev.clientX - drag.sx; tf.y = drag.y + ev.clientY - drag.sy; apply(); moved = true; return; }
    var q = point(ev);
    if (Math.abs(q.sx - drag.start.sx) + Math.abs(q.sy - drag.start.sy) > 3) moved = true;
    drag.node.x = q.x; drag.node.y = q.y;
    if (running <= 0) { running = 60; animate(); } else { running = 60; }
  });
  svg.addEventListener("pointerup", function () {
    if (drag && drag.node) { drag.node.fixed = false; if (!moved) location.href = drag.node.href; }
    drag = null;
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect(), mx = ev.clientX - r.left, my = ev.clientY - r.top;
    var k = Math.min(8, Math.max(0.1, tf.k * Math.exp(-ev.deltaY * 0.0015)));
    tf.x = mx - (mx - tf.x) * k / tf.k; tf.y = my - (my - tf.y) * k / tf.k; tf.k = k; apply();
  }, {passive: false});
  showLabels.addEventListener("change", function () { svg.classList.toggle("nolabels", !showLabels.checked); });

  function fold(s) { return s.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  find.addEventListener("input", function () {
    var q = fold(find.value.trim());
    if (!q) { mark(null, "found"); info.textContent = ""; return; }
    var hits = nodes.filter(function (p) { return fold(p.label).indexOf(q) >= 0; });
    mark(new Set(hits.map(function (p) { return p.i; })), "found");
    info.textContent = hits.length + " found";
    if (hits.length) centre(hits[0]);
  });

  draw();
  info.textContent = nodes.length + " nodes, " + edges.length + " links";
  var focus = /#focus=(.+)$/.exec(location.hash);
  var target = focus ? nodes.filter(function (p) { return p.href === decodeURIComponent(focus[1]); })[0] : null;
  function frame() {
    if (target) { centre(target, 1.1); } else { fit(); }
  }
  if (target) { mark(neighbourhood(target), "lit"); mark(new Set([target.i]), "found"); info.textContent = target.label + " and the nodes next to it"; }
  frame();
  window.addEventListener("resize", frame);
}());
