"""Partnership hubs: who ties academia to industry.

Two sides: **academia** = UNIVERSITY and RESEARCH_INSTITUTE; **industry** = ENTERPRISE and
PLATFORM. A *cross-side tie* is a collaboration edge (COOPERATES, HOSTS or CO_BUILDS) between
an entity of one side and an entity of the other. A hub candidate is any entity of either side
with at least one partner on the other side or at least one hosted platform.

Score components of a candidate ``h``:

``partners``     distinct entities of the other side tied to ``h`` by COOPERATES or CO_BUILDS
                 (hosting is not a partnership: a platform that ``h`` hosts is counted under
                 ``platforms``, and a platform's host is not its partner);
``platforms``    distinct platforms ``h`` hosts (HOSTS edges with ``h`` as host);
``regions``      distinct regions reached through its partners and hosted platforms: each one's
                 located-in region, or, when the partner has none, the subject region of the
                 reports stating the tie;
``betweenness``  betweenness centrality of ``h`` in the academia–industry bipartite projection
                 (the graph of cross-side ties only; unweighted shortest paths, normalised;
                 sampled with ``k`` pivots and a fixed seed above ``EXACT_LIMIT`` nodes);
``evidence``     independent evidence sentences behind its cross-side ties and hosted platforms.

Score (0–100)::

    score = 100 × ( 0.35 · partners/max_partners
                  + 0.25 · betweenness/max_betweenness
                  + 0.15 · platforms/max_platforms
                  + 0.10 · regions/max_regions
                  + 0.15 · log(1+evidence)/log(1+max_evidence) )

each maximum taken over all candidates (a component whose maximum is 0 contributes 0). Ties are
broken by partners, evidence, then name, so the ranking is deterministic.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from kg.analysis.graph import COLLAB_KINDS, PREFIX

ACADEMIA = frozenset({"UNIVERSITY", "RESEARCH_INSTITUTE"})
INDUSTRY = frozenset({"ENTERPRISE", "PLATFORM"})
WEIGHTS = {"partners": 0.35, "betweenness": 0.25, "platforms": 0.15, "regions": 0.10, "evidence": 0.15}
EXACT_LIMIT = 1500  # nodes in the bipartite projection above which betweenness is sampled
SAMPLES = 100
SEED = 42


def side(entity_type: str) -> str | None:
    if entity_type in ACADEMIA:
        return "academia"
    if entity_type in INDUSTRY:
        return "industry"
    return None


@dataclass
class Partner:
    name: str
    type: str
    kinds: list[str]
    evidence: str
    report: str


@dataclass
class Hub:
    rank: int
    name: str
    type: str
    side: str
    score: float
    partners: int
    platforms: int
    regions: int
    betweenness: float
    evidence: int
    iri: str = ""
    region: str = ""
    partner_list: list[Partner] = field(default_factory=list)
    platform_list: list[str] = field(default_factory=list)
    region_list: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["partners_detail"] = d.pop("partner_list")
        d["platforms_hosted"] = d.pop("platform_list")
        d["regions_reached"] = d.pop("region_list")
        return d


@dataclass
class HubsResult:
    hubs: list[Hub]
    candidates: int
    betweenness_method: str  # "exact" or "approximate (k=…, seed=…)"
    projection_nodes: int
    projection_edges: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "hubs": [h.to_dict() for h in self.hubs],
            "candidates": self.candidates,
            "betweenness": self.betweenness_method,
            "projection": {"nodes": self.projection_nodes, "edges": self.projection_edges},
            "weights": dict(WEIGHTS),
        }


def betweenness(g: nx.Graph, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = SEED) -> tuple[dict[Any, float], str]:
    """Normalised betweenness, exact up to ``exact_limit`` nodes, else sampled with a fixed seed."""
    n = g.number_of_nodes()
    if n <= exact_limit:
        return nx.betweenness_centrality(g, normalized=True), "exact"
    k = min(samples, n)
    return nx.betweenness_centrality(g, k=k, normalized=True, seed=seed), f"approximate (k={k} sampled pivots, seed={seed})"


def _tie_regions(store: Any) -> dict[str, str]:
    """report doc id → label of its subject region (for partners with no region of their own).

    Two small queries rather than one join: in the union of the report graphs a region's label
    is stated once per report that mentions it (9,000 times for a province at 10,000 reports),
    so joining it to the reports made 840,000 rows for 10,000 answers."""
    if store is None:
        return {}
    docs = store.query_values(
        PREFIX + "SELECT DISTINCT ?doc ?reg WHERE { ?r a kgo:Report ; kgo:docId ?doc ; kgo:subjectRegion ?reg }"
    )[1]
    labels: dict[str, list[str]] = {}
    for reg, label in store.query_values(
        PREFIX + "SELECT DISTINCT ?reg ?label WHERE { { SELECT DISTINCT ?reg WHERE { ?r a kgo:Report ; kgo:subjectRegion ?reg } } "
        "?reg rdfs:label ?label }"
    )[1]:
        labels.setdefault(reg or "", []).append(label or "")
    out: dict[str, str] = {}
    for doc, reg in docs:
        for label in labels.get(reg or "", ()):
            out[doc or ""] = min(out.get(doc or "", label), label)
    return out


def rank_hubs(
    g: nx.MultiGraph, top: int | None = 10, store: Any = None, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES
) -> HubsResult:
    """Rank the partnership hubs of the graph from ``to_networkx`` (see the module docstring)."""
    subject_region = _tie_regions(store)
    proj = nx.Graph()
    partners: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    hosted: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(dict)
    evidence_keys: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for u, v, kind, d in g.edges(keys=True, data=True):
        if kind not in COLLAB_KINDS:
            continue
        if kind == "HOSTS":
            host, platform = d.get("source", u), d.get("target", v)
            if g.nodes[platform]["type"] == "PLATFORM" and side(g.nodes[host]["type"]):
                hosted[host][platform] = d.get("evidence", [])
                for ev in d.get("evidence", []):
                    evidence_keys[host].add((host, platform, ev["sentence"]))
        su, sv = side(g.nodes[u]["type"]), side(g.nodes[v]["type"])
        if not su or not sv or su == sv:
            continue
        proj.add_edge(u, v)
        if kind == "HOSTS":
            continue  # counted for the host under platforms; being hosted is not a partnership
        for a, b in ((u, v), (v, u)):
            entry = partners[a].setdefault(b, {"kinds": set(), "evidence": []})
            entry["kinds"].add(kind)
            entry["evidence"].extend(d.get("evidence", []))
            for ev in d.get("evidence", []):
                evidence_keys[a].add((a, b, ev["sentence"]))
    bc, method = betweenness(proj, exact_limit=exact_limit, samples=samples)

    raw: list[dict[str, Any]] = []
    candidates = set(partners) | {h for h in hosted if side(g.nodes[h]["type"])}
    for node in sorted(candidates):
        attrs = g.nodes[node]
        own_hosted = hosted.get(node, {})
        plist: list[Partner] = []
        regions: set[str] = set()
        ties = dict(partners.get(node, {}))
        for p, evs in own_hosted.items():
            ties.setdefault(p, {"kinds": {"HOSTS"}, "evidence": list(evs)})
        for p, entry in ties.items():
            pattrs = g.nodes[p]
            evs = sorted(entry["evidence"], key=lambda e: (e["report"], e["sentence"]))
            if pattrs.get("region"):
                regions.add(pattrs["region"])
            else:
                regions.update(subject_region[e["report"]] for e in evs if e["report"] in subject_region)
            if p in own_hosted:
                continue
            plist.append(
                Partner(
                    name=pattrs["label"],
                    type=pattrs["type"],
                    kinds=sorted(entry["kinds"]),
                    evidence=evs[0]["sentence"] if evs else "",
                    report=evs[0]["report"] if evs else "",
                )
            )
        plist.sort(key=lambda p: (p.name, p.type))
        raw.append(
            {
                "iri": node,
                "name": attrs["label"],
                "type": attrs["type"],
                "side": side(attrs["type"]),
                "region": attrs.get("region", ""),
                "partners": len(plist),
                "platforms": len(own_hosted),
                "regions": len(regions),
                "betweenness": float(bc.get(node, 0.0)),
                "evidence": len(evidence_keys[node]),
                "partner_list": plist,
                "platform_list": sorted(g.nodes[p]["label"] for p in own_hosted),
                "region_list": sorted(regions),
            }
        )

    def mx(key: str) -> float:
        return max((r[key] for r in raw), default=0) or 0

    maxima = {k: mx(k) for k in WEIGHTS}
    for r in raw:
        s = 0.0
        for key, w in WEIGHTS.items():
            if not maxima[key]:
                continue
            if key == "evidence":
                s += w * math.log1p(r[key]) / math.log1p(maxima[key])
            else:
                s += w * r[key] / maxima[key]
        r["score"] = round(100 * s, 2)
    raw.sort(key=lambda r: (-r["score"], -r["partners"], -r["evidence"], r["name"], r["iri"]))
    chosen = raw if top is None else raw[:top]
    hubs = [
        Hub(rank=i + 1, betweenness=round(r.pop("betweenness"), 6), **{k: v for k, v in r.items()})
        for i, r in enumerate(chosen)
    ]
    return HubsResult(
        hubs=hubs,
        candidates=len(raw),
        betweenness_method=method,
        projection_nodes=proj.number_of_nodes(),
        projection_edges=proj.number_of_edges(),
    )


def hubs(store: Any, top: int | None = 10) -> HubsResult:
    """``kg.analysis.hubs(store, top)``: read the store and rank its partnership hubs."""
    from kg.analysis.graph import to_networkx

    # only the collaboration edges count, and no node's list of reports is used
    return rank_hubs(to_networkx(store, kinds=COLLAB_KINDS, mentions=False), top=top, store=store)
