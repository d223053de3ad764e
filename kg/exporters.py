"""Exports for tools outside the RDF world: GraphML (Gephi, Cytoscape, yEd) and CSV tables.

RDF serialisations are the store's own (``Store.dump``); these two go through the networkx view
of the graph (kg.analysis.to_networkx), flattening list attributes into text because GraphML and
CSV cells hold scalars only.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable

import networkx as nx

Exporter = Callable[[Any], bytes]
EXPORTERS: dict[str, Exporter] = {}


def register_exporter(name: str) -> Callable[[Exporter], Exporter]:
    def wrap(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        return fn

    return wrap


def _scalar(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)):
        return value
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "；".join(value)
    return json.dumps(value, ensure_ascii=False)


def _flat(graph: nx.MultiGraph) -> nx.MultiGraph:
    out = nx.MultiGraph() if not graph.is_directed() else nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for a, b, key, data in graph.edges(keys=True, data=True):
        out.add_edge(a, b, key=key, **{k: _scalar(v) for k, v in data.items()})
    return out


@register_exporter("graphml")
def export_graphml(store: Any) -> bytes:
    from kg.analysis import to_networkx

    buf = io.BytesIO()
    nx.write_graphml(_flat(to_networkx(store)), buf, encoding="utf-8")
    return buf.getvalue()


@register_exporter("csv")
def export_csv(store: Any) -> bytes:
    """Two tables in one file would not open in Excel, so: the tie list, one row per evidence
    sentence, with both parties' names and types (UTF-8 with BOM for Excel)."""
    from kg.analysis import to_networkx

    graph = to_networkx(store)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["source", "source_type", "kind", "target", "target_type", "weight", "evidence", "report"])
    for a, b, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[2], str(e[0]), str(e[1]))):
        src, dst = data.get("source", a), data.get("target", b)
        na, nb = graph.nodes[src], graph.nodes[dst]
        evidence = data.get("evidence") or [{}]
        for ev in evidence:
            writer.writerow(
                [na.get("label", src), na.get("type", ""), key, nb.get("label", dst), nb.get("type", ""),
                 data.get("weight", 1), ev.get("sentence", ""), ev.get("report", "")]
            )
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")
