"""Query evaluation in worker processes that can be killed.

pyoxigraph cannot interrupt a running query, so every query runs in a child process; when it
takes longer than the timeout the child is killed and replaced, and the client gets a clear
error. Each request opens the store read-only and closes it again (about 20 ms on the sample
store): the server never holds the store lock between requests, so ``kg build`` can run while
the server is up, and the next request sees the rebuilt store without a restart. While a build
holds the store, requests are answered 503 ("try again").
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing as mp
import os
import re
import signal
import sys
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

# -- requests and answers ----------------------------------------------------------------------


@dataclass
class Answer:
    """What a worker sends back: a payload, or an HTTP status with a one-line message."""

    status: int = 200
    message: str = ""
    media_type: str = ""
    body: bytes = b""
    truncated: bool = False
    result: Any = None  # a QueryResult for "select" requests


class QueryTimeout(Exception):
    pass


class WorkerCrashed(Exception):
    pass


# -- the child side -----------------------------------------------------------------------------


def _die_with_parent() -> None:
    """Linux: be killed when the server process goes away, even in the middle of a query."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def _worker_main(conn: Connection, location: str, max_rows: int, parent_pid: int) -> None:
    _die_with_parent()
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's business
    import kg.store.oxigraph_store  # noqa: F401  (warm the imports before the first request)

    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = _handle(request, location, max_rows)
        except Exception as exc:  # a bug: report it, keep serving
            traceback.print_exc()
            answer = Answer(500, f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())}")
        try:
            conn.send(answer)
        except (EOFError, OSError):
            return


def _handle(request: tuple, location: str, max_rows: int) -> Answer:
    from kg.store import StoreBusyError, StoreError, open_store
    from kg.store.base import QuerySyntaxError, ReadOnlyError

    op = request[0]
    try:
        store = open_store(location, read_only=True)
    except StoreBusyError as exc:
        return Answer(503, f"{exc}")
    except StoreError as exc:
        return Answer(500, str(exc))
    try:
        if op == "sparql":
            _, text, accept, explicit = request
            return _protocol_query(store, text, accept, explicit, max_rows)
        if op == "select":
            _, text, bindings = request
            try:
                result = store.query(text, bindings)
            except (QuerySyntaxError, ReadOnlyError) as exc:
                return Answer(400, str(exc))
            truncated = len(result.rows) > max_rows or len(result.triples) > max_rows
            result.rows = result.rows[:max_rows]
            result.triples = result.triples[:max_rows]
            return Answer(200, result=result, truncated=truncated)
        if op == "viz":
            return _viz_page(store, *request[1:])
        if op == "sleep":  # for tests of the timeout machinery only
            import time

            time.sleep(request[1])
            return Answer(200)
        return Answer(500, f"unknown worker request {op!r}")
    finally:
        store.close()


def _viz_page(store: Any, focus: str | None, depth: int) -> Answer:
    """The whole-graph (or focused) interactive view of kg.viz, as one self-contained page."""
    import tempfile

    try:
        from kg.viz import render
    except ImportError as exc:
        return Answer(501, f"the graph view (kg.viz) is not available: {exc}")
    with tempfile.TemporaryDirectory(prefix="kg-serve-viz-") as tmp:
        try:
            render(store, f"{tmp}/view.html", focus=focus or None, depth=depth)
        except ValueError as exc:
            return Answer(404, str(exc))
        with open(f"{tmp}/view.html", "rb") as fh:
            return Answer(200, media_type="text/html; charset=utf-8", body=fh.read())


def uses_service(sparql: str) -> bool:
    """A SERVICE clause outside strings, IRIs, comments and names: Oxigraph would fetch its URL,
    which would let anyone who can query the server make it send requests (SSRF)."""
    from kg.store.oxigraph_store import _NOT_KEYWORDS, _STRINGS_AND_IRIS

    return bool(re.search(r"\bSERVICE\b", _NOT_KEYWORDS.sub(" ", _STRINGS_AND_IRIS.sub(" ", sparql)), re.IGNORECASE))


def _protocol_query(store: Any, text: str, accept: str | None, explicit: str | None, max_rows: int) -> Answer:
    """One SPARQL Protocol query, serialised in the negotiated format, cut at ``max_rows``."""
    import pyoxigraph as ox

    from kg.serve import results as R
    from kg.store.ordering import OrderedSolutions, run_ordered
    from kg.store.oxigraph_store import PREFIXES, looks_like_update

    raw = getattr(store, "_store", None)
    if raw is None:
        return Answer(500, "kg serve needs an Oxigraph store folder")
    if uses_service(text):
        return Answer(403, "this endpoint does not run federated queries: SERVICE is refused (the server would fetch the URL)")
    try:
        result = run_ordered(lambda q: raw.query(q, use_default_graph_as_union=True), text)
    except SyntaxError as exc:
        word = looks_like_update(text)
        if word:
            return Answer(403, f"this endpoint is read-only: {word} and other SPARQL updates are refused")
        return Answer(400, f"SPARQL syntax error: {' '.join(str(exc).split())}")
    except (OSError, RuntimeError, ValueError) as exc:
        return Answer(400, f"query failed: {' '.join(str(exc).split())}")
    kind = "ask" if isinstance(result, ox.QueryBoolean) else "select" if isinstance(result, (ox.QuerySolutions, OrderedSolutions)) else "graph"
    try:
        fmt = R.choose_format(kind, accept, explicit)
    except R.NotAcceptable as exc:
        return Answer(406, str(exc))
    try:
        if kind == "ask":
            body = R.convert_results(R.ask_json(bool(result)), fmt)
            return Answer(200, media_type=R.content_type(fmt), body=body)
        if kind == "select":
            variables = [v.value for v in result.variables]
            rows = list(itertools.islice(result, max_rows + 1))
            truncated = len(rows) > max_rows
            body = R.convert_results(R.select_json(variables, rows[:max_rows]), fmt)
            return Answer(200, media_type=R.content_type(fmt), body=body, truncated=truncated)
        triples = list(itertools.islice(result, max_rows + 1))
        truncated = len(triples) > max_rows
        body = R.serialize_triples(triples[:max_rows], fmt, {k: v for k, v in PREFIXES.items() if k != "kgid"})
        return Answer(200, media_type=R.content_type(fmt), body=body, truncated=truncated)
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation errors surface while iterating
        return Answer(400, f"query failed: {' '.join(str(exc).split())}")


# -- the parent side ----------------------------------------------------------------------------


class _Worker:
    def __init__(self, ctx: Any, location: str, max_rows: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, location, max_rows, os.getpid()), daemon=True, name="kg-serve-worker"
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float = 60.0) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise WorkerCrashed("a query worker did not start")
        try:
            if self.conn.recv() != "ready":
                raise WorkerCrashed("a query worker sent an unexpected greeting")
        except (EOFError, OSError):
            raise WorkerCrashed("a query worker failed to start") from None
        self.ready = True

    def roundtrip(self, request: tuple, timeout: float) -> Answer:
        try:
            self.conn.send(request)
            if not self.conn.poll(timeout):
                raise QueryTimeout()
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise WorkerCrashed("the query worker died") from None

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """A few worker processes; each request takes an idle one, a timed-out one is replaced."""

    def __init__(self, location: str, timeout: float = 10.0, max_rows: int = 10000, size: int = 2) -> None:
        self.location = location
        self.timeout = timeout
        self.max_rows = max_rows
        self.size = max(1, size)
        self._ctx = mp.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.location, self.max_rows)
        self._all.add(worker)
        return worker

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        # processes are started from the event-loop thread (the death signal follows that thread)
        workers = [self._spawn() for _ in range(self.size)]
        for worker in workers:
            await loop.run_in_executor(None, worker.wait_ready)
            self._idle.put_nowait(worker)

    async def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, worker.kill)
        fresh = self._spawn()
        try:
            await loop.run_in_executor(None, fresh.wait_ready)
        except WorkerCrashed:
            self._all.discard(fresh)
            raise
        assert self._idle is not None
        self._idle.put_nowait(fresh)

    async def call(self, request: tuple, timeout: float | None = None) -> Answer:
        """Run one request in a worker; raise QueryTimeout after ``timeout`` seconds."""
        assert self._idle is not None, "QueryPool.start() first"
        limit = self.timeout if timeout is None else timeout
        worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        try:
            answer = await loop.run_in_executor(None, worker.roundtrip, request, limit)
        except (QueryTimeout, WorkerCrashed):
            await self._replace(worker)
            raise
        except BaseException:  # cancelled mid-query: the worker's state is unknown
            asyncio.ensure_future(self._replace(worker))
            raise
        self._idle.put_nowait(worker)
        return answer

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._all if w.process.pid]

    def close(self) -> None:
        for worker in list(self._all):
            try:
                worker.conn.close()
            except OSError:
                pass
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in list(self._all):
            worker.process.join(3)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(3)
        self._all.clear()
