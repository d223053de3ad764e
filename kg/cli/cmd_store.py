"""`kg stats`, `kg export`, `kg validate`: looking at the store as a whole."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from kg.api import KnowledgeGraph
from kg.cli.app import StoreOption, app, console, fail


@app.command()
def stats(
    store: Optional[str] = StoreOption,
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Reports, entities by type, collaborations by kind, and quads in the store."""
    s = KnowledgeGraph(store).stats()
    if as_json:
        sys.stdout.write(json.dumps(s, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table(title=f"kg stats — {s['store']}")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("reports", str(s["reports"]))
    table.add_row("entities", str(s["entities"]))
    for t, n in s["entities_by_type"].items():
        table.add_row(f"  {t}", str(n))
    table.add_row("collaborations", str(s["collaborations"]))
    for k, n in s["collaborations_by_kind"].items():
        table.add_row(f"  {k}", str(n))
    table.add_row("indicator observations", str(s["observations"]))
    table.add_row("quads (incl. ontology graph)", str(s["quads"]))
    console.print(table, markup=False)


class ExportFormat(str, Enum):
    turtle = "turtle"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"
    ntriples = "ntriples"
    graphml = "graphml"
    csv = "csv"


@app.command()
def export(
    fmt: ExportFormat = typer.Option(
        ExportFormat.nquads, "--format", "-f",
        help="nquads/trig/jsonld keep one graph per report; turtle/ntriples merge them; graphml and csv are the network view.",
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    store: Optional[str] = StoreOption,
) -> None:
    """Serialise the whole store (RDF), or its network view (GraphML, CSV of ties)."""
    data = KnowledgeGraph(store).export(fmt.value)
    if output:
        output.write_bytes(data)
        console.print(f"wrote {len(data):,} bytes to {output}", markup=False)
    else:
        sys.stdout.buffer.write(data)


@app.command()
def validate(
    store: Optional[str] = StoreOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print pySHACL's full report."),
) -> None:
    """Check the graph against the SHACL shapes of ontology/shapes*.ttl."""
    report = KnowledgeGraph(store).validate()
    if report.conforms:
        console.print(f"conforms: {report.triples_checked:,} triples checked against the shapes", markup=False)
        return
    if verbose:
        console.print(report.text, markup=False)
    raise fail(f"does not conform: {report.violations} violations (run `kg validate -v` for the list)", 1)
