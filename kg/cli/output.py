"""Rendering of tabular results as a rich table, CSV or JSON (shared by every command)."""

from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal
from enum import Enum
from typing import Any, Iterable, Sequence

from rich.table import Table


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def plain(value: Any) -> Any:
    """rdflib terms → str/int/float for output."""
    if value is None:
        return None
    to_python = getattr(value, "toPython", None)
    v = to_python() if to_python else value
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (int, float, bool)):
        return v
    return str(v)


def emit_rows(columns: Sequence[str], rows: Iterable[dict[str, Any]], fmt: OutputFormat, title: str | None = None) -> None:
    from kg.cli.app import console

    rows = [{c: plain(r.get(c)) for c in columns} for r in rows]
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt == OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(title=title, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*("" if r[c] is None else str(r[c]) for c in columns))
        console.print(table, markup=False)
