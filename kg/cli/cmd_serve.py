"""`kg serve`: the store as a read-only SPARQL 1.1 endpoint (/sparql) and a web UI (/)."""

from __future__ import annotations

from typing import Optional

import typer

from kg.cli.app import StoreOption, app, err_console, fail


@app.command()
def serve(
    store: Optional[str] = StoreOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (0.0.0.0 exposes the store to the network)."),
    port: int = typer.Option(8000, "--port", "-p", help="TCP port."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds a query may run before it is stopped."),
    max_rows: int = typer.Option(10000, "--max-rows", help="Most rows (or triples) returned by one query."),
    workers: int = typer.Option(2, "--workers", help="Query worker processes (queries run in parallel)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Log warnings and errors only."),
) -> None:
    """Serve the store read-only: SPARQL 1.1 Protocol at /sparql, web UI at /.

    The store is opened read-only for each query, so the server never writes and `kg build`
    can update the store while it runs (the next query sees the new data).
    """
    from kg.serve import serve as run_server
    from kg.store import StoreError, open_store
    from kg.store.registry import default_location

    location = store or default_location()
    if location.startswith(("http://", "https://")):
        raise fail("kg serve needs a store folder, not an endpoint URL", 2)
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise fail("--timeout, --max-rows and --workers must be positive", 2)
    try:  # fail fast, with the usual one-line message, if the store is missing or busy
        open_store(location, read_only=True).close()
    except StoreError as exc:
        raise fail(str(exc), 1) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(
            f"kg: warning: listening on {host}: the store becomes visible to every machine that can reach "
            f"this one on port {port} (read-only, but everything in it is readable)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"kg: serving {location} at http://{shown}:{port}/ (SPARQL: /sparql); Ctrl-C stops", markup=False, highlight=False)
    run_server(location, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers, log_level="warning" if quiet else "info")
