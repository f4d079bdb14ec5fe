/* graphbuild interactive graph: a small force layout in SVG, filters and an evidence panel.
 *
 * Safety: every string from articles reaches the page through textContent or
 * setAttribute of fixed, non-script attributes; links are kept only for
 * http(s) URLs. Nothing is ever parsed as HTML.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var BEND = { SUPPORTS: 1, OPPOSES: -1, MEETS: 0, REQUESTS: 0.5 };
  var LABEL_ALL_BELOW = 150; // label every node in graphs up to this size
  var LABEL_TOP = 60; // otherwise only the biggest nodes
  var LABEL_LENGTH = 32; // longer names are cut on the drawing (whole in the tooltip and panel)

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var FAMILIES = Object.keys(data.style.families); // the families graphbuild knows, in order
  var MAX_STEP = 40; // a node moves at most this far per tick: dense graphs cannot blow up
  var colors = data.style;
  var svg = document.getElementById("graph");
  var viewport = document.getElementById("viewport");
  var edgeLayer = document.getElementById("edges");
  var nodeLayer = document.getElementById("nodes");
  var details = document.getElementById("details");

  // ---------- model ----------
  var maxStatements = 1;
  data.nodes.forEach(function (n) { maxStatements = Math.max(maxStatements, n.statements || 0); });
  var laidOut = data.nodes.length > 0 && data.nodes.every(function (n) {
    return typeof n.x === "number" && typeof n.y === "number";
  });
  var nodes = data.nodes.map(function (n, i) {
    var angle = i * 2.399963, radius = 18 * Math.sqrt(i + 0.5); // phyllotaxis start: deterministic
    return {
      data: n, id: n.id, vx: 0, vy: 0,
      x: laidOut ? n.x : radius * Math.cos(angle), y: laidOut ? n.y : radius * Math.sin(angle),
      r: 5 + 15 * Math.sqrt((n.statements || 0) / maxStatements), fixed: false, visible: true,
      search: [n.name].concat(n.aliases || []).join("\n").toLowerCase()
    };
  });
  var byId = new Map(nodes.map(function (n) { return [n.id, n]; }));
  var edges = data.edges
    .map(function (e) { return { data: e, s: byId.get(e.source), t: byId.get(e.target), shown: e.count }; })
    .filter(function (e) { return e.s && e.t; });
  var springs = new Map();
  edges.forEach(function (e) {
    if (e.s === e.t) return;
    var key = e.s.id < e.t.id ? e.s.id + "\u0000" + e.t.id : e.t.id + "\u0000" + e.s.id;
    springs.set(key, [e.s, e.t]);
  });
  springs = Array.from(springs.values());

  var state = {
    families: new Set(FAMILIES), kinds: new Set(), types: new Set(),
    from: "", to: "", undated: true, hideIsolated: false, search: "", pinned: null
  };

  // ---------- small DOM helpers (text only, never HTML) ----------
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svgEl(tag, className) {
    var e = document.createElementNS(SVG_NS, tag);
    if (className) e.setAttribute("class", className);
    return e;
  }
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }
  function link(text, url) {
    var href = safeUrl(url);
    if (!href) return el("span", null, text);
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function checkbox(container, label, checked, onChange, swatch) {
    var wrap = el("label", "block");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.checked = checked;
    input.value = label;
    input.addEventListener("change", function () { onChange(input.checked); });
    wrap.appendChild(input);
    if (swatch) wrap.appendChild(swatch);
    wrap.appendChild(document.createTextNode(" " + label));
    container.appendChild(wrap);
    return input;
  }

  // ---------- controls ----------
  var familyBox = document.getElementById("families");
  FAMILIES.forEach(function (family) {
    var swatch = el("span", "swatch");
    swatch.style.background = colors.families[family];
    var total = edges.reduce(function (sum, e) { return sum + (e.data.family === family ? e.data.count : 0); }, 0);
    if (!total) return; // the legend names only what the graph holds
    checkbox(familyBox, family.toLowerCase() + " (" + total + ")", true, function (on) {
      if (on) state.families.add(family); else state.families.delete(family);
      update();
    }, swatch).dataset.family = family;
  });

  var kindCounts = new Map();
  edges.forEach(function (e) {
    Object.keys(e.data.kinds || {}).forEach(function (k) {
      kindCounts.set(k, (kindCounts.get(k) || 0) + e.data.kinds[k]);
    });
  });
  var kindInputs = [];
  var kindList = document.getElementById("kind-list");
  Array.from(kindCounts.keys()).sort().forEach(function (kind) {
    state.kinds.add(kind);
    var input = checkbox(kindList, kind.toLowerCase().replace(/_/g, " ") + " (" + kindCounts.get(kind) + ")", true, function (on) {
      if (on) state.kinds.add(kind); else state.kinds.delete(kind);
      update();
    });
    input.dataset.kind = kind;
    kindInputs.push([kind, input]);
  });
  function setAllKinds(on) {
    kindInputs.forEach(function (pair) {
      pair[1].checked = on;
      if (on) state.kinds.add(pair[0]); else state.kinds.delete(pair[0]);
    });
    update();
  }
  document.getElementById("kinds-all").addEventListener("click", function () { setAllKinds(true); });
  document.getElementById("kinds-none").addEventListener("click", function () { setAllKinds(false); });

  var typeList = document.getElementById("type-list");
  var typeCounts = new Map();
  nodes.forEach(function (n) { typeCounts.set(n.data.type, (typeCounts.get(n.data.type) || 0) + 1); });
  Array.from(typeCounts.keys()).sort().forEach(function (type) {
    state.types.add(type);
    var dot = el("span", "dot");
    dot.style.background = colors.types[type] || colors.other;
    checkbox(typeList, type + " (" + typeCounts.get(type) + ")", true, function (on) {
      if (on) state.types.add(type); else state.types.delete(type);
      update();
    }, dot).dataset.type = type;
  });

  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");
  if (data.meta.first_date) { dateFrom.min = dateTo.min = data.meta.first_date; }
  if (data.meta.last_date) { dateFrom.max = dateTo.max = data.meta.last_date; }
  dateFrom.addEventListener("change", function () { state.from = dateFrom.value; update(); });
  dateTo.addEventListener("change", function () { state.to = dateTo.value; update(); });
  document.getElementById("undated").addEventListener("change", function (ev) {
    state.undated = ev.target.checked; update();
  });
  document.getElementById("hide-isolated").addEventListener("change", function (ev) {
    state.hideIsolated = ev.target.checked; update();
  });
  var searchBox = document.getElementById("search");
  searchBox.addEventListener("input", function () { state.search = searchBox.value.trim().toLowerCase(); update(); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var hit = nodes.find(function (n) { return n.match; });
    if (hit) { centerOn(hit); showNode(hit); }
  });

  // ---------- drawing ----------
  var defs = document.getElementById("markers");
  FAMILIES.forEach(function (family) {
    var marker = svgEl("marker");
    marker.setAttribute("id", "arrow-" + family);
    marker.setAttribute("viewBox", "0 0 10 10");
    marker.setAttribute("refX", "9");
    marker.setAttribute("refY", "5");
    marker.setAttribute("markerWidth", "5");
    marker.setAttribute("markerHeight", "5");
    marker.setAttribute("orient", "auto-start-reverse");
    var tip = svgEl("path");
    tip.setAttribute("d", "M0,0 L10,5 L0,10 z");
    tip.setAttribute("fill", colors.families[family]);
    marker.appendChild(tip);
    defs.appendChild(marker);
  });

  edges.forEach(function (e, i) {
    e.line = svgEl("path", "edge");
    e.line.setAttribute("stroke", colors.families[e.data.family] || "#999");
    e.line.dataset.family = e.data.family;
    e.line.dataset.id = e.data.id;
    if (e.data.family !== "MEETS") e.line.setAttribute("marker-end", "url(#arrow-" + e.data.family + ")");
    e.hit = svgEl("path", "hit");
    e.hit.dataset.index = String(i);
    edgeLayer.appendChild(e.line);
    edgeLayer.appendChild(e.hit);
  });
  var labelEveryNode = nodes.length <= LABEL_ALL_BELOW;
  var labelled = new Set(nodes.slice().sort(function (a, b) { return b.r - a.r; }).slice(0, LABEL_TOP));
  nodes.forEach(function (n, i) {
    n.g = svgEl("g", "node" + (labelEveryNode || labelled.has(n) ? "" : " nolabel"));
    n.g.dataset.id = n.id;
    n.g.dataset.index = String(i);
    n.g.dataset.type = n.data.type;
    var circle = svgEl("circle");
    circle.setAttribute("r", n.r.toFixed(1));
    circle.setAttribute("fill", colors.types[n.data.type] || colors.other);
    var label = svgEl("text");
    label.setAttribute("dy", (-n.r - 3).toFixed(1));
    label.setAttribute("text-anchor", "middle");
    label.textContent = n.data.name.length > LABEL_LENGTH ? n.data.name.slice(0, LABEL_LENGTH - 1) + "\u2026" : n.data.name;
    var title = svgEl("title");
    title.textContent = n.data.name + " (" + n.data.type + ")";
    n.label = label;
    n.g.appendChild(circle);
    n.g.appendChild(label);
    n.g.appendChild(title);
    nodeLayer.appendChild(n.g);
  });

  function edgePath(e) {
    var s = e.s, t = e.t;
    if (s === t) {
      var r = s.r;
      return "M" + (s.x - r * 0.6) + "," + (s.y - r * 0.8) + " C" + (s.x - 3 * r) + "," + (s.y - 4 * r) + " " +
        (s.x + 3 * r) + "," + (s.y - 4 * r) + " " + (s.x + r * 0.6) + "," + (s.y - r * 0.8);
    }
    var dx = t.x - s.x, dy = t.y - s.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var bend = 0.12 * len * (BEND[e.data.family] || 0);
    var cx = (s.x + t.x) / 2 - dy / len * bend, cy = (s.y + t.y) / 2 + dx / len * bend;
    var ex = t.x - cx, ey = t.y - cy, elen = Math.sqrt(ex * ex + ey * ey) || 1;
    var gap = e.data.family === "MEETS" ? t.r : t.r + 2;
    var tx = t.x - ex / elen * gap, ty = t.y - ey / elen * gap;
    return "M" + s.x.toFixed(1) + "," + s.y.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " +
      tx.toFixed(1) + "," + ty.toFixed(1);
  }

  function render() {
    edges.forEach(function (e) {
      if (!e.visible) return;
      var d = edgePath(e);
      e.line.setAttribute("d", d);
      e.hit.setAttribute("d", d);
    });
    nodes.forEach(function (n) {
      if (n.visible) n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")");
    });
  }

  // ---------- filters ----------
  function shownCount(e) {
    var hist = e.data.hist;
    if (!hist) return e.data.count;
    var total = 0;
    for (var i = 0; i < hist.length; i++) {
      var kind = hist[i][0], date = hist[i][1];
      if (!state.kinds.has(kind)) continue;
      if (!date) { if (!state.undated) continue; }
      else if ((state.from && date < state.from) || (state.to && date > state.to)) continue;
      total += hist[i][2];
    }
    return total;
  }

  function evidenceShown(item) {
    if (!state.kinds.has(item.kind)) return false;
    if (!item.date) return state.undated;
    return !((state.from && item.date < state.from) || (state.to && item.date > state.to));
  }

  function update() {
    var degree = new Map();
    var shownEdges = 0, shownStatements = 0;
    edges.forEach(function (e) {
      e.shown = shownCount(e);
      e.visible = e.shown > 0 && state.families.has(e.data.family) &&
        state.types.has(e.s.data.type) && state.types.has(e.t.data.type);
      e.line.classList.toggle("hidden", !e.visible);
      e.hit.classList.toggle("hidden", !e.visible);
      if (e.visible) {
        e.line.setAttribute("stroke-width", (1.2 + 1.6 * Math.log(1 + e.shown)).toFixed(2));
        degree.set(e.s, true);
        degree.set(e.t, true);
        shownEdges += 1;
        shownStatements += e.shown;
      }
    });
    var matches = 0, shownNodes = 0;
    nodes.forEach(function (n) {
      n.visible = state.types.has(n.data.type) && (!state.hideIsolated || degree.has(n));
      n.match = !!state.search && n.visible && n.search.indexOf(state.search) >= 0;
      if (n.match) matches += 1;
      if (n.visible) shownNodes += 1;
      n.g.classList.toggle("hidden", !n.visible);
      n.g.classList.toggle("match", n.match);
      n.g.classList.toggle("dim", !!state.search && !n.match);
    });
    edges.forEach(function (e) {
      e.line.classList.toggle("dim", !!state.search && !(e.s.match || e.t.match));
    });
    document.getElementById("status").textContent =
      shownNodes + " of " + data.meta.actors + " actors, " + shownEdges + " relations (" + shownStatements +
      " statements) shown" + (data.meta.shown ? "; " + data.meta.shown : "");
    document.getElementById("search-result").textContent =
      state.search ? matches + (matches === 1 ? " actor matches" : " actors match") + (matches ? " (Enter: go to the first)" : "") : "";
    if (state.pinned && !state.pinned.visible) state.pinned = null;
    render();
    if (document.body.dataset.layout === "done") declutter();
  }

  // ---------- details panel ----------
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function showEdge(e) {
    clear(details);
    var d = e.data;
    var head = el("h2");
    head.appendChild(document.createTextNode(e.s.data.name + " "));
    var family = el("span", "family", d.family.toLowerCase());
    family.style.color = colors.families[d.family];
    head.appendChild(family);
    head.appendChild(document.createTextNode(" " + e.t.data.name));
    details.appendChild(head);
    var kinds = Object.keys(d.kinds || {}).map(function (k) { return k.toLowerCase().replace(/_/g, " ") + " " + d.kinds[k]; });
    var plover = Object.keys(d.plover_types || {}).map(function (k) { return k + " " + d.plover_types[k]; });
    var dl = el("dl");
    [["statements", d.count + (e.shown !== d.count ? " (" + e.shown + " within the filters)" : "")],
     ["events", d.events === undefined ? "" : String(d.events)],
     ["sources", d.sources === undefined ? "" : d.sources + " outlets, " + d.articles + " articles"],
     ["stance", typeof d.stance === "number" ? d.stance.toFixed(2) + " (from \u22121 to +1)" : ""],
     ["kinds", kinds.join(", ")],
     ["PLOVER", plover.join(", ") || "none"],
     ["Goldstein (mean)", d.goldstein === null || d.goldstein === undefined ? "none" : String(d.goldstein)],
     ["dates", d.first_date ? d.first_date + (d.last_date !== d.first_date ? " to " + d.last_date : "") : "undated"]
    ].filter(function (row) { return row[1]; })
      .forEach(function (row) { dl.appendChild(el("dt", null, row[0])); dl.appendChild(el("dd", null, row[1])); });
    details.appendChild(dl);
    var items = (d.evidence || []).filter(evidenceShown);
    details.appendChild(el("p", "meta", items.length
      ? "Evidence (the " + items.length + " most recent kept of " + d.count + "):"
      : "None of the evidence kept for this relation matches the filters."));
    var list = el("ul", "evidence");
    items.forEach(function (item) {
      var li = el("li");
      li.appendChild(el("blockquote", null, item.sentence));
      var meta = el("div", "meta");
      var parts = [item.date || "undated", (item.kind || "").toLowerCase().replace(/_/g, " "), item.modality];
      if (item.plover_type) parts.push(item.plover_type + (item.plover_mode ? " (" + item.plover_mode + ")" : ""));
      if (typeof item.goldstein === "number") parts.push("Goldstein " + item.goldstein);
      if (item.subject_sector || item.object_sector) parts.push("sectors " + (item.subject_sector || "-") + " / " + (item.object_sector || "-"));
      if (item.speaker) parts.push("said by " + item.speaker);
      meta.appendChild(document.createTextNode(parts.filter(Boolean).join(" · ") + " · "));
      meta.appendChild(link(item.title || item.article_id || "article", item.url));
      li.appendChild(meta);
      list.appendChild(li);
    });
    details.appendChild(list);
    if (state.pinned === e) details.appendChild(el("p", "hint", "Kept: click the background to release."));
  }

  function showNode(n) {
    clear(details);
    var d = n.data;
    details.appendChild(el("h2", null, d.name));
    var dl = el("dl");
    function row(key, value) {
      if (value === undefined || value === null || value === "") return;
      dl.appendChild(el("dt", null, key));
      var dd = el("dd");
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
      dl.appendChild(dd);
    }
    row("type", d.type);
    row("role", d.role);
    row("country", d.country);
    row("also", (d.aliases || []).join("; "));
    row("statements", d.statements);
    if (typeof d.wikidata === "string" && /^Q[0-9]+$/.test(d.wikidata)) {
      row("wikidata", link(d.wikidata, "https://www.wikidata.org/wiki/" + d.wikidata));
    }
    details.appendChild(dl);
    var list = el("ul", "evidence");
    edges.filter(function (e) { return e.visible && (e.s === n || e.t === n); })
      .sort(function (a, b) { return b.shown - a.shown; })
      .slice(0, 30)
      .forEach(function (e) {
        var li = el("li");
        var family = el("span", "family", e.data.family.toLowerCase());
        family.style.color = colors.families[e.data.family];
        li.appendChild(document.createTextNode(e.s.data.name + " "));
        li.appendChild(family);
        li.appendChild(document.createTextNode(" " + e.t.data.name + " (" + e.shown + ")"));
        list.appendChild(li);
      });
    details.appendChild(list);
  }

  function showHint() {
    clear(details);
    details.appendChild(el("p", "hint", "Hover over a relation to see its evidence; click it to keep it here."));
  }

  function setActive(e, on) { if (e) e.line.classList.toggle("active", on); }

  edgeLayer.addEventListener("mouseover", function (ev) {
    var index = ev.target.dataset && ev.target.dataset.index;
    if (index === undefined || state.pinned) return;
    var e = edges[Number(index)];
    setActive(e, true);
    showEdge(e);
  });
  edgeLayer.addEventListener("mouseout", function (ev) {
    var index = ev.target.dataset && ev.target.dataset.index;
    if (index === undefined || state.pinned) return;
    setActive(edges[Number(index)], false);
    showHint();
  });
  edgeLayer.addEventListener("click", function (ev) {
    var index = ev.target.dataset && ev.target.dataset.index;
    if (index === undefined) return;
    ev.stopPropagation();
    setActive(state.pinned, false);
    state.pinned = edges[Number(index)];
    setActive(state.pinned, true);
    showEdge(state.pinned);
  });
  nodeLayer.addEventListener("mouseover", function (ev) {
    var g = ev.target.closest && ev.target.closest(".node");
    if (!g || state.pinned) return;
    g.classList.add("hover");
    showNode(nodes[Number(g.dataset.index)]);
  });
  nodeLayer.addEventListener("mouseout", function (ev) {
    var g = ev.target.closest && ev.target.closest(".node");
    if (g) g.classList.remove("hover");
  });

  // ---------- zoom, pan, drag ----------
  var view = { x: 0, y: 0, k: 1 };
  function applyView() {
    viewport.setAttribute("transform", "translate(" + view.x.toFixed(1) + "," + view.y.toFixed(1) + ") scale(" + view.k.toFixed(4) + ")");
  }
  function fit() {
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    var box = null;
    try { box = nodeLayer.getBBox(); } catch (err) { box = null; } // labels included
    if (!box || !box.width || !nodes.some(function (n) { return n.visible; })) {
      view = { x: w / 2, y: h / 2, k: 1 }; applyView(); return;
    }
    var pad = 24;
    var k = Math.min((w - 2 * pad) / Math.max(box.width, 1), (h - 2 * pad) / Math.max(box.height, 1), 1.4);
    view = { k: k, x: w / 2 - k * (box.x + box.width / 2), y: h / 2 - k * (box.y + box.height / 2) };
    applyView();
  }
  function centerOn(n) {
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    view.k = Math.max(view.k, 1.2);
    view.x = w / 2 - view.k * n.x;
    view.y = h / 2 - view.k * n.y;
    applyView();
  }
  function toGraph(ev) {
    var box = svg.getBoundingClientRect();
    return { x: (ev.clientX - box.left - view.x) / view.k, y: (ev.clientY - box.top - view.y) / view.k };
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect();
    var px = ev.clientX - box.left, py = ev.clientY - box.top;
    var k = Math.min(Math.max(view.k * Math.exp(-ev.deltaY * 0.0015), 0.05), 12);
    view.x = px - (px - view.x) * k / view.k;
    view.y = py - (py - view.y) * k / view.k;
    view.k = k;
    applyView();
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    var g = ev.target.closest && ev.target.closest(".node");
    if (g) {
      var n = nodes[Number(g.dataset.index)];
      drag = { node: n };
      n.fixed = true;
    } else if (!(ev.target.classList && ev.target.classList.contains("hit"))) {
      drag = { pan: true, x: ev.clientX - view.x, y: ev.clientY - view.y, moved: false };
      svg.classList.add("panning");
    }
    if (drag) svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    if (drag.node) {
      var p = toGraph(ev);
      drag.node.x = p.x; drag.node.y = p.y;
      reheat(0.3);
    } else {
      view.x = ev.clientX - drag.x; view.y = ev.clientY - drag.y;
      drag.moved = true;
      applyView();
    }
  });
  svg.addEventListener("pointerup", function () {
    if (drag && drag.node) drag.node.fixed = false;
    if (drag && drag.pan && !drag.moved && state.pinned) {
      setActive(state.pinned, false);
      state.pinned = null;
      showHint();
    }
    drag = null;
    svg.classList.remove("panning");
  });

  // ---------- labels ----------
  // the biggest actors first; a label that would cover one already placed stays hidden
  // (hovering or finding an actor still shows its name)
  function declutter() {
    var placed = [];
    var order = nodes.filter(function (n) { return n.visible; })
      .sort(function (a, b) { return b.r - a.r || (a.id < b.id ? -1 : 1); });
    order.forEach(function (n, rank) {
      if (rank >= LABEL_TOP) { n.g.classList.add("nolabel"); return; }
      n.g.classList.remove("nolabel");
      var bb = n.label.getBBox();
      var box = [n.x + bb.x, n.y + bb.y, n.x + bb.x + bb.width, n.y + bb.y + bb.height];
      var clash = placed.some(function (p) {
        return box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1];
      });
      if (clash) n.g.classList.add("nolabel"); else placed.push(box);
    });
  }

  // ---------- force layout ----------
  // forces in the manner of d3-force: charge ~ 1/distance, springs toward a rest length
  var CHARGE = 700, SPRING_LENGTH = 90, SPRING = 0.25, GRAVITY = 0.05, FRICTION = 0.6;
  var alpha = 1, running = false, ticks = 0;
  function tick() {
    var n = nodes.length, i, j, a, b, dx, dy, d2, f;
    for (i = 0; i < n; i++) {
      a = nodes[i];
      for (j = i + 1; j < n; j++) {
        b = nodes[j];
        dx = b.x - a.x; dy = b.y - a.y;
        d2 = dx * dx + dy * dy;
        if (d2 > 90000) continue; // far apart: no push (keeps big graphs fast)
        if (d2 < 1) { dx = (i % 7) - 3 + 0.5; dy = (j % 5) - 2 + 0.5; d2 = dx * dx + dy * dy; }
        f = CHARGE * alpha / d2; // along (dx, dy): magnitude CHARGE * alpha / distance
        a.vx -= dx * f; a.vy -= dy * f;
        b.vx += dx * f; b.vy += dy * f;
      }
    }
    springs.forEach(function (pair) {
      a = pair[0]; b = pair[1];
      dx = b.x - a.x; dy = b.y - a.y;
      var d = Math.sqrt(dx * dx + dy * dy) || 0.1;
      f = (d - SPRING_LENGTH - a.r - b.r) / d * SPRING * alpha * 0.5;
      a.vx += dx * f; a.vy += dy * f;
      b.vx -= dx * f; b.vy -= dy * f;
    });
    nodes.forEach(function (p) {
      p.vx -= p.x * GRAVITY * alpha;
      p.vy -= p.y * GRAVITY * alpha;
      p.vx *= FRICTION; p.vy *= FRICTION;
      var speed = Math.sqrt(p.vx * p.vx + p.vy * p.vy);
      if (!(speed <= MAX_STEP)) { // too fast, or not a number at all
        var cut = speed > 0 && isFinite(speed) ? MAX_STEP / speed : 0;
        p.vx *= cut; p.vy *= cut;
      }
      if (!p.fixed) { p.x += p.vx; p.y += p.vy; }
    });
    alpha *= 0.985;
    ticks += 1;
  }
  function step() {
    var started = Date.now();
    while (alpha > 0.01 && Date.now() - started < 30) tick();
    render();
    if (ticks < 400 && !drag) fit();
    if (alpha > 0.01) {
      window.requestAnimationFrame(step);
    } else {
      running = false;
      declutter();
      document.body.dataset.layout = "done";
    }
  }
  function reheat(value) {
    alpha = Math.max(alpha, value);
    if (!running) { running = true; window.requestAnimationFrame(step); }
  }

  update();
  if (laidOut) alpha = 0.08; // laid out already (graphbuild's layout): only relax a little
  // settle small graphs before the first paint, then animate the rest
  var budget = Date.now();
  while (alpha > 0.05 && Date.now() - budget < 250) tick();
  render();
  fit();
  running = true;
  window.requestAnimationFrame(step);
  window.addEventListener("resize", fit);
})();
