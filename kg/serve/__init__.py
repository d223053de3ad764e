"""`kg serve`: a read-only SPARQL 1.1 endpoint and a web UI over a store folder.

    from kg.serve import create_app, serve
    serve(".kg", host="127.0.0.1", port=8000)

Queries run in killable worker processes (kg.serve.worker) that open the store read-only for
each request, so a timeout really stops the query and ``kg build`` can update the store while
the server runs (requests made during the build are answered 503, try again).
"""

from __future__ import annotations

from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10000


def create_app(location: str, **options: Any) -> Any:
    from kg.serve.app import create_app as _create

    return _create(location, **options)


def serve(
    location: str,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    workers: int = 2,
    log_level: str = "info",
) -> None:
    """Run the server in the foreground until interrupted."""
    import uvicorn

    app = create_app(location, timeout=timeout, max_rows=max_rows, workers=workers)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level == "debug", lifespan="on")
