"""`kg viz`: one self-contained interactive HTML view of the graph (or of a neighbourhood)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.cli.app import StoreOption, app, console, fail


@app.command()
def viz(
    output: Path = typer.Option(Path("kg-graph.html"), "--output", "-o", help="HTML file to write."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Show the neighbourhood of the entity with this name (or alias)."),
    depth: int = typer.Option(1, "--depth", "-d", min=0, help="Neighbourhood depth around --focus."),
    types: Optional[str] = typer.Option(None, "--types", "-t", help="Comma-separated entity types to keep, e.g. UNIVERSITY,ENTERPRISE,PLATFORM."),
    min_weight: float = typer.Option(0, "--min-weight", "-w", min=0, help="Drop ties with fewer independent evidence sentences."),
    max_nodes: int = typer.Option(2000, "--max-nodes", min=10, help="Above this, show the top hubs and their neighbourhoods."),
    store: Optional[str] = StoreOption,
) -> None:
    """Write an interactive HTML view (works offline): colour/shape by type, legend, search, type
    filter, evidence in tooltips."""
    from kg.model import ENTITY_TYPES
    from kg.store import open_store
    from kg.viz import render

    type_list = None
    if types:
        type_list = [t.strip().upper() for t in types.split(",") if t.strip()]
        unknown = sorted(set(type_list) - set(ENTITY_TYPES))
        if unknown:
            raise fail(f"unknown type(s) {', '.join(unknown)} (known: {', '.join(ENTITY_TYPES)})", 2)
    with open_store(store, read_only=True) as st:
        try:
            result = render(st, output, focus=focus, depth=depth, types=type_list, min_weight=min_weight, max_nodes=max_nodes)
        except ValueError as exc:
            raise fail(str(exc), 2) from None
    console.print(
        f"wrote {result.path}: {result.nodes:,} entities, {result.edges:,} ties"
        f" (graph: {result.total_nodes:,} / {result.total_edges:,})",
        markup=False,
    )
    for note in result.notes:
        console.print(f"  {note}", markup=False, style="dim")
