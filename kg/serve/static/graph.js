// Graph page: search → neighbourhood (vis-network, served by this server) → evidence.
(function () {
  "use strict";
  var page = document.getElementById("graph-page");
  var searchForm = document.getElementById("search-form");
  var searchInput = document.getElementById("search");
  var list = document.getElementById("search-results");
  var side = document.getElementById("side");
  var statusEl = document.getElementById("graph-status");
  var COLORS = {
    ENTERPRISE: "#f4a261", UNIVERSITY: "#2a9d8f", RESEARCH_INSTITUTE: "#264653", PLATFORM: "#e9c46a",
    PROGRAM: "#8ab17d", POLICY: "#b5838d", REGION: "#a8dadc", GOVERNMENT: "#e76f51", EVENT: "#6d597a", PERSON: "#cdb4db"
  };
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, {
    nodes: { shape: "dot", size: 14, font: { face: "WenQuanYi Micro Hei, sans-serif", size: 14 } },
    edges: { arrows: { to: { enabled: false } }, font: { size: 11, align: "middle" }, smooth: { type: "dynamic" } },
    physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 160, avoidOverlap: 0.5 } },
    interaction: { hover: true }
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function link(text, href) {
    var a = el("a", text);
    a.href = href;
    return a;
  }

  function addNode(n) {
    var data = { id: n.id, label: n.label, title: n.type + " · " + n.label, color: COLORS[n.type] || "#97c2fc", kgType: n.type, href: n.href };
    if (nodes.get(n.id)) nodes.update(data); else nodes.add(data);
  }

  function showNode(id) {
    var n = nodes.get(id);
    side.textContent = "";
    if (!n) return;
    side.appendChild(el("h2", n.label, "node-title"));
    side.appendChild(el("p", n.kgType, "badge"));
    if (n.href) side.appendChild(link("open entity page", n.href));
    var collabs = edges.get({ filter: function (e) { return e.from === id || e.to === id; } });
    side.appendChild(el("h3", collabs.length + " collaborations"));
    collabs.forEach(function (e) { side.appendChild(evidenceBlock(e)); });
  }

  function evidenceBlock(e) {
    var div = el("div", null, "evidence-block");
    var a = nodes.get(e.from), b = nodes.get(e.to);
    div.appendChild(el("p", (a ? a.label : e.from) + " — " + e.kind + " — " + (b ? b.label : e.to), "edge-title"));
    div.appendChild(el("blockquote", e.evidence, "evidence"));
    var p = el("p", null, "muted");
    if (e.report_href) p.appendChild(link(e.report || "report", e.report_href)); else p.textContent = e.report;
    if (e.report_title) p.appendChild(el("span", " " + e.report_title));
    div.appendChild(p);
    return div;
  }

  function openNeighbourhood(iri) {
    statusEl.textContent = "loading…";
    fetch("/api/neighbourhood?iri=" + encodeURIComponent(iri), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.error) { statusEl.textContent = data.error; return; }
        data.nodes.forEach(addNode);
        data.edges.forEach(function (e) {
          var item = { id: e.id, from: e.from, to: e.to, label: e.kind, title: e.evidence,
                       arrows: e.kind === "HOSTS" ? "to" : "", evidence: e.evidence, kind: e.kind,
                       report: e.report, report_title: e.report_title, report_href: e.report_href };
          if (edges.get(e.id)) edges.update(item); else edges.add(item);
        });
        statusEl.textContent = data.nodes.length + " nodes, " + data.edges.length + " collaborations";
        network.selectNodes([iri]);
        network.stabilize(100);
        network.fit({ animation: false });
        showNode(iri);
      })
      .catch(function (err) { statusEl.textContent = "failed: " + err; });
  }

  function search(q) {
    list.textContent = "";
    statusEl.textContent = "searching…";
    fetch("/api/search?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (hits) {
        if (hits.error) { statusEl.textContent = hits.error; return; }
        statusEl.textContent = hits.length + " matches";
        hits.forEach(function (h) {
          var li = el("li");
          var b = el("button", h.label, "hit");
          b.type = "button";
          b.setAttribute("data-iri", h.iri);
          b.addEventListener("click", function () { openNeighbourhood(h.iri); });
          li.appendChild(b);
          li.appendChild(el("span", " " + h.type, "muted"));
          list.appendChild(li);
        });
      });
  }

  searchForm.addEventListener("submit", function (ev) { ev.preventDefault(); search(searchInput.value); });
  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      var e = edges.get(params.edges[0]);
      side.textContent = "";
      if (e) side.appendChild(evidenceBlock(e));
    }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) openNeighbourhood(params.nodes[0]);
  });
  var overview = document.getElementById("overview");
  overview.addEventListener("toggle", function () {
    var frame = document.getElementById("overview-frame");
    if (overview.open && !frame.getAttribute("src")) frame.setAttribute("src", frame.getAttribute("data-src"));
  });
  network.on("stabilizationIterationsDone", function () { network.fit({ animation: false }); });
  var start = page.getAttribute("data-start");
  if (start) openNeighbourhood(start);
  window.kgGraph = { nodes: nodes, edges: edges, open: openNeighbourhood };
})();
