"""One self-contained interactive HTML view of the graph (pyvis / vis-network 9.1.2, inlined).

The page makes no network request: pyvis renders with ``cdn_resources="in_line"`` (vis-network
JS and CSS inlined), its menus are off, and the Bootstrap ``<link>``/``<script>`` tags its
template always emits are removed (``render`` refuses to write a page that still references a
remote or relative resource). Everything else on the page — legend, search box, type filter,
tooltips — is plain inline HTML/JS written here.

Untrusted text (entity names, sentences and report names come from documents) never reaches
the page as markup: node and edge data go through Jinja's ``tojson`` (``<`` ``>`` ``&`` ``'``
escaped), no ``title`` strings are given to vis-network (it would render them as HTML); the
tooltips are DOM elements built with ``textContent`` by the inline script, and the few strings
put into the HTML itself are ``html.escape``d.

Layout: up to ``PHYSICS_LIMIT`` nodes vis-network's physics runs a bounded stabilisation (200
iterations, straight edges) and is switched off once stabilised; above, coordinates are
precomputed here (per connected component, Fruchterman–Reingold, fixed seed) and physics is
off from the start. Beyond ``max_nodes`` (2,000) the default view shows the top partnership hubs
and their direct neighbourhoods, and the page says so.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

MAX_NODES = 2000
PHYSICS_LIMIT = 300
SEED = 7

TYPE_STYLE: dict[str, tuple[str, str, str, str]] = {
    # type: (colour, vis shape, legend glyph, Chinese name)
    "ENTERPRISE": ("#1f77b4", "dot", "●", "企业"),
    "UNIVERSITY": ("#d62728", "diamond", "◆", "高校"),
    "RESEARCH_INSTITUTE": ("#ff7f0e", "square", "■", "科研院所"),
    "PLATFORM": ("#2ca02c", "triangle", "▲", "平台"),
    "PROGRAM": ("#9467bd", "star", "★", "计划/项目"),
    "POLICY": ("#8c564b", "triangleDown", "▼", "政策"),
    "REGION": ("#7f7f7f", "hexagon", "⬢", "地区"),
    "GOVERNMENT": ("#e377c2", "square", "■", "政府部门"),
    "EVENT": ("#bcbd22", "star", "★", "活动"),
    "PERSON": ("#17becf", "dot", "●", "人物"),
}
DEFAULT_STYLE = ("#999999", "dot", "●", "")

EDGE_STYLE: dict[str, dict[str, Any]] = {
    # kind: vis edge options, Chinese name, CSS border style for the legend
    "COOPERATES": {"color": "#4e79a7", "dashes": False, "name": "合作", "css": "solid"},
    "HOSTS": {"color": "#59a14f", "dashes": False, "arrows": "to", "name": "依托/承建 (host → platform)", "css": "solid"},
    "CO_BUILDS": {"color": "#f28e2b", "dashes": [8, 5], "name": "共建", "css": "dashed"},
    "PARTICIPATES_IN": {"color": "#b07aa1", "dashes": [2, 4], "name": "参与计划", "css": "dotted"},
    "LOCATED_IN": {"color": "#c7c7c7", "dashes": [4, 4], "name": "位于", "css": "dashed"},
    "PART_OF": {"color": "#dddddd", "dashes": [1, 3], "name": "隶属 (region tree)", "css": "dotted"},
}

MAX_TIP_EVIDENCE = 6
_REMOTE_TAG = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>|<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",
    re.IGNORECASE,
)
_COMMENTED_TAGS = re.compile(r"<!--\s*<(?:link|script)\b[\s\S]*?-->")
_ANY_EXTERNAL = re.compile(r"<(?:link|script|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=", re.IGNORECASE)


@dataclass
class RenderResult:
    path: str
    nodes: int  # nodes on the page
    edges: int  # edges on the page
    total_nodes: int  # nodes of the graph before the view was chosen
    total_edges: int
    aggregated: bool = False
    precomputed_layout: bool = False
    notes: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


# -- choosing the view ---------------------------------------------------------------------------


def find_nodes(g: nx.MultiGraph, name: str) -> list[Any]:
    """Nodes whose label or alias is ``name``; failing that, whose label contains it."""
    want = name.strip()
    exact = [n for n, d in g.nodes(data=True) if d.get("label") == want or want in d.get("aliases", ())]
    if exact:
        return sorted(exact)
    low = want.lower()
    return sorted(n for n, d in g.nodes(data=True) if low and low in str(d.get("label", "")).lower())


def select_view(
    g: nx.MultiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    min_weight: float = 0,
    max_nodes: int = MAX_NODES,
) -> tuple[nx.MultiGraph, list[str], bool, list[Any]]:
    """The subgraph to draw, notes for the page, whether it was cut down, and the focus nodes."""
    notes: list[str] = []
    focus_nodes: list[Any] = []
    if focus:
        focus_nodes = find_nodes(g, focus)
        if not focus_nodes:
            raise ValueError(f"no entity named {focus!r} in the graph")
    view = g.copy()
    if types:
        keep = {t.strip().upper() for t in types if t.strip()}
        view.remove_nodes_from([n for n, d in list(view.nodes(data=True)) if d.get("type") not in keep and n not in focus_nodes])
        notes.append("types: " + ", ".join(sorted(keep)))
    if min_weight and min_weight > 0:
        had_edges = {n for n in view if view.degree(n) > 0}
        view.remove_edges_from([(u, v, k) for u, v, k, d in list(view.edges(keys=True, data=True)) if d.get("weight", 1) < min_weight])
        view.remove_nodes_from([n for n in had_edges if view.degree(n) == 0 and n not in focus_nodes])
        notes.append(f"ties with weight ≥ {min_weight:g}")
    if focus_nodes:
        keep_nodes: set[Any] = set()
        for f in focus_nodes:
            keep_nodes |= set(nx.single_source_shortest_path_length(view, f, cutoff=max(0, depth)))
        view = view.subgraph(keep_nodes).copy()
        names = ", ".join(sorted({g.nodes[f]["label"] for f in focus_nodes}))
        notes.append(f"neighbourhood of {names} to depth {depth}")
    aggregated = False
    if view.number_of_nodes() > max_nodes:
        total = view.number_of_nodes()
        view, hub_count = _hub_neighbourhoods(view, max_nodes, focus_nodes)
        aggregated = True
        notes.append(
            f"showing {view.number_of_nodes():,} of {total:,} entities: the top {hub_count} partnership hubs (or, "
            f"failing hubs, the best-connected entities) and their direct neighbours — the full graph is too large "
            f"for one page; use --focus NAME, --types or --min-weight to look at another part"
        )
    return view, notes, aggregated, focus_nodes


def _hub_neighbourhoods(g: nx.MultiGraph, budget: int, must: list[Any]) -> tuple[nx.MultiGraph, int]:
    from kg.analysis.hubs import rank_hubs

    ranked = [h.iri for h in rank_hubs(g, top=None, exact_limit=500, samples=40).hubs]
    strength = dict(g.degree(weight="weight"))
    by_degree = sorted(g, key=lambda n: (-strength[n], str(n)))
    seen = set(ranked)
    centres = ranked + [n for n in by_degree if n not in seen]
    keep: set[Any] = set(must)
    hubs_used = 0
    for c in centres:
        if len(keep) >= budget:
            break
        keep.add(c)
        hubs_used += 1
        for nb in sorted(set(g[c]), key=lambda n: (-strength[n], str(n))):
            if len(keep) >= budget:
                break
            keep.add(nb)
    return g.subgraph(keep).copy(), hubs_used


# -- layout ----------------------------------------------------------------------------------------


def _fr_layout(g: nx.Graph, seed: int, iterations: int = 40) -> dict[Any, tuple[float, float]]:
    """Fruchterman–Reingold in numpy (no scipy needed), positions in about [-1, 1]²."""
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n < 400:
        pos = nx.spring_layout(g, seed=seed, iterations=iterations, weight=None)
        return {u: (float(p[0]), float(p[1])) for u, p in pos.items()}
    index = {u: i for i, u in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    a = np.zeros((n, n), dtype=np.float32)
    for u, v in g.edges():
        a[index[u], index[v]] = a[index[v], index[u]] = 1.0
    # dense O(n²) steps: bound the work (about 0.45 s per step at 2,000 nodes on this machine)
    iterations = max(10, min(iterations, int(4.0e7 / (n * n))))
    k = math.sqrt(1.0 / n)
    t = 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.clip(dist, 0.01, None, out=dist)
        force = (k * k / dist**2) - a * dist / k
        disp = (delta * force[:, :, None]).sum(axis=1)
        length = np.sqrt((disp**2).sum(axis=1))
        np.clip(length, 0.01, None, out=length)
        pos += disp * (t / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    return {u: (float(pos[i, 0]), float(pos[i, 1])) for u, i in index.items()}


def precompute_layout(g: nx.MultiGraph, seed: int = SEED) -> dict[Any, tuple[float, float]]:
    """Pixel coordinates: each connected component laid out on its own, components packed in rows."""
    simple = nx.Graph(g)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0])))
    out: dict[Any, tuple[float, float]] = {}
    x0 = y0 = 0.0
    row_h = 0.0
    row_w = 60.0 * math.sqrt(max(1, simple.number_of_nodes())) * 1.6
    for comp in comps:
        sub = simple.subgraph(comp)
        radius = 30.0 * math.sqrt(len(comp)) + 20.0
        local = _fr_layout(sub, seed)
        if x0 > 0 and x0 + 2 * radius > row_w:
            x0, y0, row_h = 0.0, y0 + row_h, 0.0
        for u, (x, y) in local.items():
            out[u] = (x0 + radius + x * radius, y0 + radius + y * radius)
        x0 += 2 * radius + 20
        row_h = max(row_h, 2 * radius + 20)
    return out


# -- the page ----------------------------------------------------------------------------------------


def _short(label: str, limit: int = 18) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _node_info(g: nx.MultiGraph, n: Any) -> dict[str, Any]:
    d = g.nodes[n]
    evidence: list[dict[str, str]] = []
    seen: set[str] = set()
    for _, _, k, ed in sorted(g.edges(n, keys=True, data=True), key=lambda e: (str(e[2]), str(e[1]))):
        for ev in ed.get("evidence", ()):
            if ev["sentence"] not in seen and len(evidence) < MAX_TIP_EVIDENCE:
                seen.add(ev["sentence"])
                evidence.append({"s": ev["sentence"], "r": ev.get("report", ""), "k": k})
    return {
        "name": d.get("label", str(n)),
        "type": d.get("type", ""),
        "cls": d.get("cls", ""),
        "region": d.get("region", ""),
        "code": d.get("admin_code", ""),
        "aliases": list(d.get("aliases", ()))[:8],
        "reports": list(d.get("reports", ()))[:8],
        "nreports": len(d.get("reports", ())),
        "evidence": evidence,
    }


def _edge_info(g: nx.MultiGraph, u: Any, v: Any, k: str, d: dict[str, Any]) -> dict[str, Any]:
    a, b = d.get("source", u), d.get("target", v)
    return {
        "kind": k,
        "a": g.nodes[a].get("label", str(a)),
        "b": g.nodes[b].get("label", str(b)),
        "weight": d.get("weight", 1),
        "evidence": [{"s": e["sentence"], "r": e.get("report", "")} for e in d.get("evidence", ())[:MAX_TIP_EVIDENCE]],
        "reports": list(d.get("reports", ()))[:MAX_TIP_EVIDENCE],
    }


def _vis_data(view: nx.MultiGraph, positions: dict[Any, tuple[float, float]] | None) -> tuple[list[dict], list[dict]]:
    degree = dict(view.degree())
    nodes: list[dict[str, Any]] = []
    for n in sorted(view, key=str):
        d = view.nodes[n]
        colour, shape, _, _ = TYPE_STYLE.get(d.get("type", ""), DEFAULT_STYLE)
        node: dict[str, Any] = {
            "id": str(n),
            "label": _short(d.get("label", str(n))),
            "shape": shape,
            "color": colour,
            "size": round(8 + 5 * math.sqrt(degree.get(n, 0)), 1),
            "kgType": d.get("type", ""),
            "kgInfo": _node_info(view, n),
        }
        if positions is not None and n in positions:
            node["x"], node["y"] = round(positions[n][0], 1), round(positions[n][1], 1)
        nodes.append(node)
    edges: list[dict[str, Any]] = []
    for i, (u, v, k, d) in enumerate(sorted(view.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))):
        style = EDGE_STYLE.get(k, EDGE_STYLE["COOPERATES"])
        a, b = d.get("source", u), d.get("target", v)
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": str(a),
            "to": str(b),
            "color": style["color"],
            "dashes": style["dashes"],
            "width": round(1 + 1.5 * math.log2(max(1, d.get("weight", 1))), 2),
            "kgKind": k,
            "kgInfo": _edge_info(view, u, v, k, d),
        }
        if style.get("arrows"):
            edge["arrows"] = style["arrows"]
        edges.append(edge)
    return nodes, edges


def _options(n: int, physics: bool) -> dict[str, Any]:
    return {
        "nodes": {
            "font": {"size": 13, "face": "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"},
            "borderWidth": 1,
            "scaling": {"label": {"drawThreshold": 3}},
        },
        "edges": {"smooth": False, "color": {"inherit": False}, "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > 500, "navigationButtons": False},
        "layout": {"randomSeed": SEED, "improvedLayout": n <= 100},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 120, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 25, "fit": True},
        },
    }


_STYLE = """
<style>
  html, body { margin: 0; padding: 0; height: 100%; font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
  #kg-panel { position: absolute; top: 0; left: 0; bottom: 0; width: 270px; overflow-y: auto; padding: 10px 12px;
              box-sizing: border-box; border-right: 1px solid #ddd; background: #fafafa; font-size: 13px; z-index: 5; }
  #kg-panel h1 { font-size: 15px; margin: 0 0 6px 0; }
  #kg-panel h2 { font-size: 13px; margin: 12px 0 4px 0; color: #444; }
  #kg-panel .kg-note { background: #fff4d6; border: 1px solid #e8c36a; padding: 6px; margin: 6px 0; border-radius: 3px; }
  #kg-panel .kg-stat { color: #555; }
  #kg-search { width: 100%; box-sizing: border-box; padding: 4px; font-size: 13px; }
  #kg-search-info { color: #555; min-height: 1.2em; }
  .kg-legend-row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
  .kg-glyph { display: inline-block; width: 1.2em; text-align: center; font-size: 15px; }
  .kg-line { display: inline-block; width: 28px; height: 0; border-top-width: 3px; }
  .card { position: absolute; top: 0; left: 270px; right: 0; bottom: 0; }
  #mynetwork { width: 100% !important; height: 100% !important; float: none !important; border: none !important; }
  .kg-tip { max-width: 460px; white-space: normal; font-size: 12px; line-height: 1.45; }
  .kg-tip b { font-size: 13px; }
  .kg-tip .kg-ev { margin: 3px 0 0 0; padding-left: 6px; border-left: 2px solid #ccc; }
  .kg-tip .kg-rep { color: #777; }
  div.vis-tooltip { max-width: 480px; white-space: normal !important; font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif !important; }
</style>
"""

_SCRIPT = r"""
<script type="text/javascript">
(function () {
  "use strict";
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function line(parent, label, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) { return; }
    var d = el("div");
    d.appendChild(el("span", "kg-rep", label + ": "));
    d.appendChild(document.createTextNode(Array.isArray(value) ? value.join("、") : String(value)));
    parent.appendChild(d);
  }
  function evidence(parent, list) {
    (list || []).forEach(function (ev) {
      var p = el("div", "kg-ev", ev.s);
      if (ev.r) { p.appendChild(el("span", "kg-rep", " — " + ev.r)); }
      parent.appendChild(p);
    });
  }
  function nodeTip(info) {
    var d = el("div", "kg-tip");
    d.appendChild(el("b", null, info.name));
    line(d, "type", info.type + (info.cls && info.cls.toUpperCase() !== info.type.replace("_", "") ? " (" + info.cls + ")" : ""));
    line(d, "region", info.region);
    line(d, "admin code", info.code);
    line(d, "aliases", info.aliases);
    line(d, "reports", info.reports.join(", ") + (info.nreports > info.reports.length ? " …(" + info.nreports + ")" : ""));
    if (info.evidence && info.evidence.length) { d.appendChild(el("div", "kg-rep", "evidence:")); evidence(d, info.evidence); }
    return d;
  }
  function edgeTip(info) {
    var d = el("div", "kg-tip");
    d.appendChild(el("b", null, info.a + " — " + info.kind + " — " + info.b));
    line(d, "weight (independent evidence)", info.weight);
    evidence(d, info.evidence);
    if (!(info.evidence || []).length) { line(d, "stated in", info.reports); }
    return d;
  }
  var kgNodes = nodes, kgEdges = edges;  // the vis DataSets pyvis created
  kgNodes.update(kgNodes.get().map(function (n) { return { id: n.id, title: nodeTip(n.kgInfo) }; }));
  kgEdges.update(kgEdges.get().map(function (e) { return { id: e.id, title: edgeTip(e.kgInfo) }; }));

  var usePhysics = KG_PHYSICS;
  window.kgReady = !usePhysics;
  function freeze() {
    if (window.kgReady) { return; }
    network.setOptions({ physics: false });
    window.kgReady = true;
  }
  if (usePhysics) {
    // physics off once the layout has stabilised (or after 20 s whatever happens)
    network.once("stabilizationIterationsDone", freeze);
    network.once("stabilized", freeze);
    setTimeout(freeze, 20000);
  }

  // type filter
  var hiddenTypes = {};
  Array.prototype.forEach.call(document.querySelectorAll("input.kg-type"), function (box) {
    box.addEventListener("change", function () {
      hiddenTypes[box.value] = !box.checked;
      kgNodes.update(kgNodes.get({ filter: function (n) { return n.kgType === box.value; } })
        .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
    });
  });

  // search
  var search = document.getElementById("kg-search"), info = document.getElementById("kg-search-info");
  function runSearch(zoom) {
    var q = search.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); info.textContent = ""; return []; }
    var hits = kgNodes.get({ filter: function (n) {
      if (hiddenTypes[n.kgType]) { return false; }
      var i = n.kgInfo, names = [i.name].concat(i.aliases || []);
      return names.some(function (s) { return String(s).toLowerCase().indexOf(q) >= 0; });
    } }).map(function (n) { return n.id; });
    network.selectNodes(hits);
    info.textContent = hits.length + (hits.length === 1 ? " match" : " matches");
    if (zoom && hits.length) { network.fit({ nodes: hits, animation: false }); }
    return hits;
  }
  search.addEventListener("input", function () { runSearch(false); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { runSearch(true); } });
  window.kgSearch = function (q) { search.value = q; return runSearch(true); };
})();
</script>
"""


def _panel(title: str, view: nx.MultiGraph, notes: list[str], total_nodes: int, total_edges: int) -> str:
    esc = html.escape
    type_counts: dict[str, int] = {}
    for _, d in view.nodes(data=True):
        type_counts[d.get("type", "")] = type_counts.get(d.get("type", ""), 0) + 1
    kind_counts: dict[str, int] = {}
    for _, _, k in view.edges(keys=True):
        kind_counts[k] = kind_counts.get(k, 0) + 1
    parts = [f'<div id="kg-panel"><h1>{esc(title)}</h1>']
    parts.append(
        f'<div class="kg-stat">{view.number_of_nodes():,} entities, {view.number_of_edges():,} ties shown'
        f" (graph: {total_nodes:,} entities, {total_edges:,} ties)</div>"
    )
    for note in notes:
        parts.append(f'<div class="kg-note">{esc(note)}</div>')
    parts.append('<h2>Search</h2><input id="kg-search" type="search" placeholder="name or alias, Enter to zoom" autocomplete="off">')
    parts.append('<div id="kg-search-info"></div>')
    parts.append("<h2>Entity types (tick to show)</h2>")
    ordered = [t for t in TYPE_STYLE if t in type_counts] + sorted(t for t in type_counts if t not in TYPE_STYLE)
    for t in ordered:
        colour, _, glyph, zh = TYPE_STYLE.get(t, DEFAULT_STYLE)
        parts.append(
            f'<label class="kg-legend-row"><input type="checkbox" class="kg-type" value="{esc(t)}" checked>'
            f'<span class="kg-glyph" style="color:{colour}">{glyph}</span>{esc(zh)} {esc(t)} ({type_counts[t]})</label>'
        )
    parts.append("<h2>Ties</h2>")
    for k, style in EDGE_STYLE.items():
        if k in kind_counts:
            parts.append(
                f'<div class="kg-legend-row"><span class="kg-line" style="border-top-style:{style["css"]};'
                f'border-top-color:{style["color"]}"></span>{esc(style["name"])} {esc(k)} ({kind_counts[k]})</div>'
            )
    parts.append(
        '<div class="kg-stat" style="margin-top:10px">Node size: degree. Edge width: independent evidence '
        "sentences. Hover for details; drag to move; scroll to zoom.</div></div>"
    )
    return "\n".join(parts)


def build_html(view: nx.MultiGraph, *, title: str, notes: list[str], total_nodes: int, total_edges: int) -> tuple[str, bool]:
    """The page for ``view``; returns (html, precomputed layout?)."""
    from pyvis.network import Network

    n = view.number_of_nodes()
    physics = n <= PHYSICS_LIMIT
    positions = None if physics else precompute_layout(view)
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line", heading="")
    nodes, edges = _vis_data(view, positions)
    # pyvis' add_node/add_edge are quadratic in the edge count; its template reads these lists
    net.nodes, net.edges = nodes, edges
    net.node_ids = [nd["id"] for nd in nodes]
    net.node_map = {nd["id"]: nd for nd in nodes}
    net.options = _options(n, physics)
    page = net.generate_html(name="kg.html")
    page = _COMMENTED_TAGS.sub("", page)
    page = _REMOTE_TAG.sub("", page)
    page = page.replace("<center>\n<h1></h1>\n</center>", "").replace("<center>\n          <h1></h1>\n        </center>", "")
    page = page.replace("<html>", '<!DOCTYPE html>\n<html lang="zh">', 1)
    page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    page = page.replace("</head>", _STYLE + "</head>", 1)
    page = page.replace("<body>", "<body>\n" + _panel(title, view, notes, total_nodes, total_edges), 1)
    script = _SCRIPT.replace("KG_PHYSICS", "true" if physics else "false")
    idx = page.rfind("</body>")
    page = page[:idx] + script + page[idx:]
    check_self_contained(page)
    return page, not physics


def check_self_contained(page: str) -> None:
    """Refuse a page that would load anything: every src/href to another resource is an error."""
    for m in _ANY_EXTERNAL.finditer(page):
        raise ValueError(f"the page would load an external resource: {m.group(0)[:120]}")


def render_graph(
    g: nx.MultiGraph,
    path: str | Path,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    min_weight: float = 0,
    max_nodes: int = MAX_NODES,
    title: str | None = None,
) -> RenderResult:
    view, notes, aggregated, focus_nodes = select_view(
        g, focus=focus, depth=depth, types=types, min_weight=min_weight, max_nodes=max_nodes
    )
    title = title or ("kg — " + (f"{focus} (depth {depth})" if focus else "innovation knowledge graph"))
    page, precomputed = build_html(view, title=title, notes=notes, total_nodes=g.number_of_nodes(), total_edges=g.number_of_edges())
    if precomputed:
        notes.append("layout precomputed (physics off)")
    out = Path(path)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return RenderResult(
        path=str(out),
        nodes=view.number_of_nodes(),
        edges=view.number_of_edges(),
        total_nodes=g.number_of_nodes(),
        total_edges=g.number_of_edges(),
        aggregated=aggregated,
        precomputed_layout=precomputed,
        notes=notes,
        focus=[g.nodes[f]["label"] for f in focus_nodes],
    )


def render(
    store: Any,
    path: str | Path,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    min_weight: float = 0,
    max_nodes: int = MAX_NODES,
    title: str | None = None,
) -> RenderResult:
    """``kg.viz.render(store, path, focus=…)``: write the HTML view of the store's graph."""
    from kg.analysis.graph import to_networkx

    return render_graph(
        to_networkx(store), path, focus=focus, depth=depth, types=types, min_weight=min_weight, max_nodes=max_nodes, title=title
    )

