"""`kg query`: read-only SPARQL — inline text, a .rq file, or a canned query by name."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from kg.api import KnowledgeGraph, canned_query, canned_query_names
from kg.cli.app import StoreOption, app, console, fail
from kg.cli.output import OutputFormat, emit_rows
from kg.store.base import QueryResult, QueryTimeoutError

DEFAULT_TIMEOUT = 300.0  # seconds; generous: the canned queries take well under one


def run_query(location: str | None, sparql: str, bindings: dict, timeout: float) -> QueryResult:
    """Run a read-only query, in a child process that is killed after ``timeout`` seconds.

    The engine (pyoxigraph) has no cancellation, and a query such as a four-way cross join can
    run for hours inside one native call, so the only sound stop is a separate process: the
    child opens the store read-only (a shared lock, released by the kernel when it is killed),
    runs the query and sends the result back through a pipe. ``timeout`` 0 runs in-process.
    """
    if not timeout:
        return KnowledgeGraph(location).query(sparql, bindings)
    import multiprocessing as mp

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_query_child, args=(sender, location, sparql, bindings), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeoutError(
                f"query stopped after {timeout:g} s (--timeout); narrow it (LIMIT, fewer joins) or raise --timeout"
            )
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise QueryTimeoutError(f"the query process ended without a result (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if status == "ok":
        return payload
    raise payload


def _query_child(sender, location, sparql, bindings) -> None:  # type: ignore[no-untyped-def]
    try:
        result = KnowledgeGraph(location).query(sparql, bindings)
        message = ("ok", result)
    except Exception as exc:  # noqa: BLE001  (re-raised in the parent, whose boundary words it)
        try:
            import pickle

            pickle.dumps(exc)
            message = ("error", exc)
        except Exception:  # noqa: BLE001
            message = ("error", RuntimeError(f"{type(exc).__name__}: {exc}"))
    sender.send(message)
    sender.close()


@app.command()
def query(
    sparql: Optional[str] = typer.Argument(None, help="SPARQL text or a path to a .rq file."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="A canned query from kg/queries (see --list)."),
    bind: Optional[List[str]] = typer.Option(
        None, "--bind", "-b", help="VAR=VALUE: bind ?VAR to the string literal VALUE (never spliced into the text)."
    ),
    list_queries: bool = typer.Option(False, "--list", help="List the canned queries and exit."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    timeout: float = typer.Option(
        DEFAULT_TIMEOUT, "--timeout", "-t", min=0, help="Stop the query after this many seconds (0: no limit)."
    ),
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
    result = run_query(store, text, bindings, timeout)
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
