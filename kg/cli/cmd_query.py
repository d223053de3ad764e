"""`kg query`: read-only SPARQL — inline text, a .rq file, or a canned query by name."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from kg.api import KnowledgeGraph, canned_query, canned_query_names
from kg.cli.app import StoreOption, app, console, fail
from kg.cli.output import OutputFormat, emit_rows


@app.command()
def query(
    sparql: Optional[str] = typer.Argument(None, help="SPARQL text or a path to a .rq file."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="A canned query from kg/queries (see --list)."),
    bind: Optional[List[str]] = typer.Option(
        None, "--bind", "-b", help="VAR=VALUE: bind ?VAR to the string literal VALUE (never spliced into the text)."
    ),
    list_queries: bool = typer.Option(False, "--list", help="List the canned queries and exit."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    store: Optional[str] = StoreOption,
) -> None:
    """Run a read-only SPARQL query over the store (union of all report graphs)."""
    if list_queries:
        for qname in canned_query_names():
            console.print(qname, markup=False)
        return
    if name:
        try:
            text = canned_query(name)
        except KeyError as exc:
            raise fail(str(exc.args[0]), 2) from None
    elif sparql:
        path = Path(sparql)
        text = path.read_text(encoding="utf-8") if sparql.endswith(".rq") and path.is_file() else sparql
    else:
        raise fail("give SPARQL text, a .rq file or --name (see --list)", 2)
    bindings = {}
    for item in bind or []:
        var, sep, value = item.partition("=")
        if not sep or not var.strip().lstrip("?"):
            raise fail(f"--bind expects VAR=VALUE, got {item!r}", 2)
        bindings[var.strip().lstrip("?")] = _literal(value)
    result = KnowledgeGraph(store).query(text, bindings)
    if result.kind == "ask":
        sys.stdout.write(("true" if result.boolean else "false") + "\n")
    elif result.kind == "graph":
        from rdflib import Graph

        g = Graph()
        for t in result.triples:
            g.add(t)
        sys.stdout.write(g.serialize(format="turtle" if fmt == OutputFormat.table else "json-ld"))
    else:
        emit_rows(result.variables, result.rows, fmt)
        if fmt == OutputFormat.table:
            console.print(f"{len(result.rows)} rows", markup=False, style="dim")


def _literal(value: str):  # type: ignore[no-untyped-def]
    """Chinese text is bound with @zh, the language of every label in the graph."""
    from rdflib import Literal

    return Literal(value, lang="zh") if any("\u4e00" <= ch <= "\u9fff" for ch in value) else Literal(value)
