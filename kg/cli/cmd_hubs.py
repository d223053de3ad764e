"""`kg hubs`: the university–enterprise partnership hubs with their score components."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from kg.cli.app import StoreOption, app, console
from kg.cli.output import OutputFormat, emit_rows

COLUMNS = ["rank", "name", "type", "score", "partners", "platforms", "regions", "betweenness", "evidence", "top_partners"]


@app.command()
def hubs(
    top: int = typer.Option(10, "--top", "-n", min=1, help="How many hubs to list."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    store: Optional[str] = StoreOption,
) -> None:
    """Rank the partnership hubs: universities/institutes tying academia to industry and
    enterprises/platforms tying industry to academia (score = weighted, normalised components:
    partners on the other side 0.35, bipartite betweenness 0.25, platforms hosted 0.15,
    regions reached 0.10, log evidence sentences 0.15)."""
    from kg.analysis.hubs import hubs as rank
    from kg.store import open_store

    with open_store(store, read_only=True) as st:
        result = rank(st, top=top)
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    rows = []
    for h in result.hubs:
        row = {c: getattr(h, c, None) for c in COLUMNS[:-1]}
        names = [p.name for p in h.partner_list]
        row["top_partners"] = "; ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else "")
        if fmt == OutputFormat.table:
            row["betweenness"] = f"{h.betweenness:.3f}"
        rows.append(row)
    emit_rows(COLUMNS, rows, fmt, title="kg hubs — partnership hubs" if fmt == OutputFormat.table else None)
    if fmt == OutputFormat.table:
        console.print(
            f"{len(result.hubs)} of {result.candidates} candidates; betweenness on the academia–industry projection "
            f"({result.projection_nodes} nodes, {result.projection_edges} ties): {result.betweenness_method}. "
            "Partners and evidence: --format json.",
            markup=False,
            style="dim",
        )
