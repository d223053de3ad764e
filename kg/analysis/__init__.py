"""Graph analysis of the store: networkx graph, partnership hubs, network measures.

    from kg.analysis import to_networkx, hubs, metrics
    with open_store(".kg", read_only=True) as store:
        g = to_networkx(store)          # typed nx.MultiGraph (edge key = kind)
        result = hubs(store, top=10)    # HubsResult: ranked Hub objects with score components
        m = metrics(store, top=10)      # MetricsResult: per-type degree, betweenness, PageRank …
"""

from kg.analysis.graph import EDGE_KINDS, collapse, to_networkx
from kg.analysis.hubs import Hub, HubsResult, rank_hubs
from kg.analysis.hubs import hubs as hubs
from kg.analysis.metrics import MetricsResult, compute_metrics
from kg.analysis.metrics import metrics as metrics

__all__ = [
    "EDGE_KINDS",
    "Hub",
    "HubsResult",
    "MetricsResult",
    "collapse",
    "compute_metrics",
    "hubs",
    "metrics",
    "rank_hubs",
    "to_networkx",
]
