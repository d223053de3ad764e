"""`kg extract`: extraction only, no store — JSON Lines exactly as ../shared/ANNOTATION.md."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import List

import typer
from rich.table import Table

from kg.cli.app import app, console, err_console
from kg.read import ReadError, iter_report_paths, read_report


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command()
def extract(
    files: List[str] = typer.Argument(..., help="Report files or folders."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="jsonl (one line per report), json or table."),
) -> None:
    """Extract entities, collaborations and indicators from reports and print them."""
    from kg.nlp import extract as run_extract

    failed = 0
    collected = []
    for path, error in iter_report_paths(files):
        try:
            if error is not None:
                raise error
            extraction = run_extract(read_report(path))
        except ReadError as exc:
            failed += 1
            err_console.print(f"kg: {exc}", markup=False, highlight=False, soft_wrap=True)
            continue
        if fmt == ExtractFormat.jsonl:
            sys.stdout.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt == ExtractFormat.json:
            collected.append(extraction.to_json())
        else:
            _print_table(extraction)
    if fmt == ExtractFormat.json:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    if failed:
        raise typer.Exit(1)


def _print_table(extraction) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"{extraction.report.doc_id} (subject region: {extraction.subject_region or '—'})")
    for col in ("type", "name", "aliases"):
        table.add_column(col, overflow="fold")
    for e in sorted(extraction.entities, key=lambda e: (e.type, e.name)):
        table.add_row(e.type, e.name, "、".join(e.aliases))
    console.print(table, markup=False)
    if extraction.collaborations:
        ct = Table(title="collaborations")
        for col in ("a", "kind", "b", "evidence"):
            ct.add_column(col, overflow="fold")
        for c in extraction.collaborations:
            ct.add_row(c.a, c.kind, c.b, c.evidence)
        console.print(ct, markup=False)
