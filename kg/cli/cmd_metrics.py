"""`kg metrics`: degree, weighted degree, betweenness, PageRank, components and communities."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from kg.cli.app import StoreOption, app, console, fail
from kg.cli.output import OutputFormat, emit_rows

COLUMNS = ["type", "name", "degree", "weighted_degree", "betweenness", "pagerank", "component", "community"]


@app.command()
def metrics(
    top: int = typer.Option(10, "--top", "-n", min=1, help="How many entities to list per type (by PageRank)."),
    kinds: Optional[str] = typer.Option(
        None, "--kinds", help="Comma-separated edge kinds to keep (default all: COOPERATES,HOSTS,CO_BUILDS,PARTICIPATES_IN,LOCATED_IN,PART_OF)."
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    store: Optional[str] = StoreOption,
) -> None:
    """Network measures of the graph, listed per entity type (Louvain with a fixed seed)."""
    from kg.analysis.graph import EDGE_KINDS
    from kg.analysis.metrics import metrics as measure
    from kg.store import open_store

    kind_list = None
    if kinds:
        kind_list = [k.strip().upper() for k in kinds.split(",") if k.strip()]
        unknown = sorted(set(kind_list) - set(EDGE_KINDS))
        if unknown:
            raise fail(f"unknown edge kind(s) {', '.join(unknown)} (known: {', '.join(EDGE_KINDS)})", 2)
    with open_store(store, read_only=True) as st:
        result = measure(st, top=top, kinds=kind_list)
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    rows = [{c: getattr(m, c) for c in COLUMNS} for ms in result.per_type.values() for m in ms]
    if fmt == OutputFormat.table:
        console.print(
            f"{result.nodes} nodes, {result.edges} edges (kinds: {', '.join(result.kinds)}); "
            f"{result.components} connected components (largest {result.largest_component}); "
            f"{result.communities} Louvain communities (seed 42, modularity {result.modularity}); "
            f"betweenness: {result.betweenness_method}",
            markup=False,
        )
    emit_rows(COLUMNS, rows, fmt, title=f"top {top} per type by PageRank" if fmt == OutputFormat.table else None)
