"""Network measures of the whole graph, reported per entity type.

Computed on the collapsed simple graph (one edge per pair, weight = the sum of the pair's edge
weights over the chosen kinds; all kinds by default):

- degree (distinct neighbours) and weighted degree (sum of weights);
- betweenness centrality (unweighted shortest paths, normalised); exact up to ``EXACT_LIMIT``
  nodes, above it sampled with ``k`` pivots and a fixed seed — the method is in the output;
- PageRank (weighted, alpha 0.85);
- connected components (numbered by size, largest first);
- Louvain communities (networkx, weighted, resolution 1, fixed seed), numbered by size then by
  the smallest member IRI, so the same store always gives the same numbering.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

import networkx as nx

from kg.analysis.graph import collapse

EXACT_LIMIT = 1500
SAMPLES = 100
SEED = 42


def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[Any, float]:
    """Weighted PageRank; networkx's (scipy) when available, else a pure-Python power iteration."""
    if g.number_of_nodes() == 0:
        return {}
    try:
        import scipy  # noqa: F401

        return nx.pagerank(g, alpha=alpha, weight="weight")
    except ImportError:
        pass
    nodes = list(g)
    n = len(nodes)
    strength = {u: sum(d.get("weight", 1) for _, _, d in g.edges(u, data=True)) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if strength[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u] == 0:
                continue
            share = alpha * rank[u] / strength[u]
            for v, d in g[u].items():
                new[v] += share * d.get("weight", 1)
        err = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if err < n * tol:
            break
    return rank


def louvain(g: nx.Graph, seed: int = SEED) -> list[list[Any]]:
    """Louvain communities, deterministic: fixed seed, sorted members, sorted communities."""
    if g.number_of_nodes() == 0:
        return []
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))  # a fixed node order, whatever order the graph was built in
    h.add_edges_from(sorted((min(u, v), max(u, v), {"weight": d.get("weight", 1)}) for u, v, d in g.edges(data=True)))
    comms = nx.community.louvain_communities(h, weight="weight", resolution=1.0, seed=seed)
    return sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c[0]))


@dataclass
class NodeMetrics:
    name: str
    type: str
    degree: int
    weighted_degree: float
    betweenness: float
    pagerank: float
    component: int
    community: int
    iri: str = ""


@dataclass
class MetricsResult:
    nodes: int
    edges: int
    components: int
    largest_component: int
    communities: int
    modularity: float
    betweenness_method: str
    kinds: list[str]
    per_type: dict[str, list[NodeMetrics]] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    all_nodes: dict[str, NodeMetrics] = field(default_factory=dict)
    community_sizes: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "components": self.components,
            "largest_component": self.largest_component,
            "communities": self.communities,
            "community_sizes": self.community_sizes,
            "modularity": self.modularity,
            "betweenness": self.betweenness_method,
            "kinds": self.kinds,
            "types": self.types,
            "per_type": {t: [asdict(m) for m in ms] for t, ms in self.per_type.items()},
        }


def compute_metrics(
    mg: nx.MultiGraph, top: int | None = 10, kinds: Iterable[str] | None = None, exact_limit: int = EXACT_LIMIT
) -> MetricsResult:
    g = collapse(mg, kinds)
    n = g.number_of_nodes()
    if n <= exact_limit:
        bc, method = nx.betweenness_centrality(g, normalized=True), "exact"
    else:
        k = min(SAMPLES, n)
        bc = nx.betweenness_centrality(g, k=k, normalized=True, seed=SEED)
        method = f"approximate (k={k} sampled pivots, seed={SEED})"
    pr = pagerank(g)
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    comp_of = {u: i + 1 for i, c in enumerate(comps) for u in c}
    comms = louvain(g)
    comm_of = {u: i + 1 for i, c in enumerate(comms) for u in c}
    modularity = nx.community.modularity(g, [set(c) for c in comms], weight="weight") if g.number_of_edges() else 0.0
    all_nodes: dict[str, NodeMetrics] = {}
    per_type: dict[str, list[NodeMetrics]] = defaultdict(list)
    for u, attrs in g.nodes(data=True):
        m = NodeMetrics(
            name=attrs.get("label", str(u)),
            type=attrs.get("type", ""),
            degree=g.degree(u),
            weighted_degree=float(g.degree(u, weight="weight")),
            betweenness=round(float(bc.get(u, 0.0)), 6),
            pagerank=round(float(pr.get(u, 0.0)), 6),
            component=comp_of.get(u, 0),
            community=comm_of.get(u, 0),
            iri=str(u),
        )
        all_nodes[str(u)] = m
        per_type[m.type].append(m)
    for t in per_type:
        per_type[t].sort(key=lambda m: (-m.pagerank, -m.degree, m.name, m.iri))
        if top is not None:
            per_type[t] = per_type[t][:top]
    return MetricsResult(
        nodes=n,
        edges=g.number_of_edges(),
        components=len(comps),
        largest_component=len(comps[0]) if comps else 0,
        communities=len(comms),
        modularity=round(float(modularity), 6),
        betweenness_method=method,
        kinds=sorted(set(kinds)) if kinds is not None else list(mg.graph.get("edge_kinds", ())),
        per_type=dict(sorted(per_type.items())),
        types=dict(sorted(Counter(m.type for m in all_nodes.values()).items())),
        all_nodes=all_nodes,
        community_sizes=[len(c) for c in comms],
    )


def metrics(store: Any, top: int | None = 10, kinds: Iterable[str] | None = None) -> MetricsResult:
    """``kg.analysis.metrics(store, top)``: read the store and measure its graph."""
    from kg.analysis.graph import to_networkx

    return compute_metrics(to_networkx(store), top=top, kinds=kinds)
