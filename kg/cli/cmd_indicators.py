"""`kg indicators`: region × year tables of one indicator from the stored observations."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import defaultdict
from typing import Any, Optional

import typer
from rdflib import Literal
from rdflib.namespace import XSD
from rich.table import Table

from kg.api import KnowledgeGraph, canned_query
from kg.cli.app import StoreOption, app, console, fail
from kg.cli.output import OutputFormat, plain

_LIST_INDICATORS = """
PREFIX kgo:  <https://w3id.org/kg-innovation/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?indicator (COUNT(DISTINCT ?obs) AS ?observations) (COUNT(DISTINCT ?region) AS ?regions)
WHERE {
  ?obs a kgo:Observation ; kgo:indicator ?c ; kgo:refArea ?region .
  ?c skos:prefLabel ?indicator . FILTER(lang(?indicator) = "zh")
}
GROUP BY ?indicator ORDER BY DESC(?observations) ?indicator
"""


def indicator_rows(kg: KnowledgeGraph, indicator: str, rollup: bool) -> list[dict[str, Any]]:
    """Rows of the canned indicators query; the label and the rollup flag are bound, not spliced."""
    bindings = {"concept_label": Literal(indicator), "rollup": Literal(rollup, datatype=XSD.boolean)}
    result = kg.query(canned_query("indicators"), bindings)
    return [{k: plain(v) for k, v in row.items()} for row in result.rows]


@app.command()
def indicators(
    indicator: Optional[str] = typer.Option(None, "--indicator", "-i", help="Indicator name or alias, e.g. 高新技术企业 or 高企."),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="Only this region (as labelled)."),
    rollup: bool = typer.Option(False, "--rollup", help="Also sum child regions into their parents."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    store: Optional[str] = StoreOption,
) -> None:
    """Region × year table of one indicator (values in base units: 元, 人, %, count)."""
    kg = KnowledgeGraph(store)
    if not indicator:
        rows = [{k: plain(v) for k, v in r.items()} for r in kg.query(_LIST_INDICATORS).rows]
        if not rows:
            raise fail("no indicator observations in the store", 1)
        _emit(["indicator", "observations", "regions"], rows, fmt, "indicators in the store (choose one with --indicator)")
        return
    rows = indicator_rows(kg, indicator, rollup)
    if region:
        rows = [r for r in rows if r.get("region_label") == region]
    if not rows:
        raise fail(f"no observations of {indicator!r}" + (f" in {region}" if region else ""), 1)
    years = sorted({r["year"] for r in rows if r.get("year") is not None})
    table: dict[tuple[str, str, str, str, str], dict[Any, Any]] = defaultdict(dict)
    for r in rows:
        key = (r.get("region_label") or "?", r["indicator"], r.get("qualifier") or "", r["kind"], r["unit"])
        year = r.get("year")
        table[key][year] = r["value"] if year not in table[key] else table[key][year] + r["value"]
    columns = ["region", "indicator", "qualifier", "kind", "unit", *[str(y) for y in years]]
    if any(r.get("year") is None for r in rows):
        columns.append("year unknown")
    out = []
    for (reg, ind, qual, kind, unit), by_year in sorted(table.items(), key=lambda kv: kv[0]):
        row = {"region": reg, "indicator": ind, "qualifier": qual, "kind": kind, "unit": unit}
        for y, v in by_year.items():
            row["year unknown" if y is None else str(y)] = _number(v)
        out.append(row)
    _emit(columns, out, fmt, f"{indicator} by region and year" + (" (with rollup)" if rollup else ""))


def _number(v: Any) -> Any:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _emit(columns: list[str], rows: list[dict[str, Any]], fmt: OutputFormat, title: str) -> None:
    if fmt == OutputFormat.csv:  # UTF-8 with BOM so that Excel opens the Chinese text correctly
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in columns} for r in rows)
        sys.stdout.buffer.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    elif fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    else:
        t = Table(title=title)
        for c in columns:
            t.add_column(c, justify="right" if c[:1].isdigit() or c == "year unknown" else "left")
        for r in rows:
            t.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
        console.print(t, markup=False)
