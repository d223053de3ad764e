"""Handing report graphs to the store during `kg build`: spooled to disk, loaded in bursts by a
background thread.

Why bursts. Oxigraph's bulk loader writes each call's quads as sorted index files and ingests them
into RocksDB, which then merges ("compacts") them into its levels in background threads. How much
merging it does depends on how fast the files arrive: ingested one batch at a time while reports
are being extracted, RocksDB merges every few batches into the whole growing level, again and again;
ingested back to back, it merges many at once. Loading the 9.24 million quads of the 10,000
generated reports in batches of 100,000 (bench/README.md, "Loading"): back to back 116 s of CPU;
spread over the 3 minutes a build takes, 197 s; in bursts of 3 million quads at the same average
rate, 122 s. A serial 10,000-report build spent 143 s of CPU in RocksDB's merge threads — more than
its extraction.

Why bursts that grow. Merging costs in proportion to what the store holds already, so a burst as
large as everything loaded before it (each burst at most doubles the store) keeps the merging of
a large build low, while a small build still loads as it extracts: with one fixed 2-million-quad
burst, 1,000 reports (0.93 M quads) loaded only once all were extracted, 11.9 s → 15.7 s.

Why a thread. ``bulk_load`` releases the GIL, so the main thread keeps receiving (or, with one
process, extracting) reports while a burst loads: loading overlaps extraction on any number of
cores, and the burst size costs no waiting.

So: ``GraphLoader.load`` appends each report's N-Quads to a temporary file (memory stays flat: the
main process holds only an index of it); once it holds as many quads as were handed over before it
(at least ``BATCH_QUADS``, at most ``BURST_QUADS``) it is handed to the loader thread, which gives the store batches of about ``BATCH_QUADS`` quads (each report all or
nothing: ``Store.replace_graphs_nquads``) back to back. At most one burst loads while the next
waits; a third blocks the build until there is room (the store is then the bottleneck, and the
build waits for it as it did before). Reports keep their order: a graph given twice ends as its
last version. A failure in the thread is raised in the main thread at its next call; an interrupt
stops the thread after the batch it is loading, and the reports not loaded yet are simply not in the
store (their fingerprints are not either, so the next build extracts them again).
"""

from __future__ import annotations

import queue
import tempfile
import threading
from pathlib import Path
from typing import IO, Callable, Iterator

from kg.store import Store

BATCH_QUADS = 100_000  # quads handed to the store at once (≈ 85 reports; the bulk loader holds ≈ +250 MB while it sorts them)
BURST_QUADS = 2_000_000  # the largest burst the loader thread loads back to back (≈ 440 MB of temporary file); smaller ones while the store is small


def _release_freed_memory() -> None:
    """Return the C heap's free pages to the OS (glibc ``malloc_trim``; a no-op elsewhere)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class _Spool:
    """Report graphs in a temporary file, in order: (graph IRI, bytes, quads) per report. The file
    is unnamed (gone with the process, however it ends) and lives in the system's temporary folder:
    set TMPDIR to put it on another disk (a 10,000-report build keeps up to ~1.3 GB there at once)."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="kg-build-")
        self.index: list[tuple[str, int, int]] = []
        self.quads = 0

    def add(self, graph: str, data: bytes, quads: int) -> None:
        self.file.write(data)
        self.index.append((graph, len(data), quads))
        self.quads += quads

    def batches(self, size: int) -> Iterator[tuple[list[tuple[str, bytes]], int]]:
        """(reports, quads) of about ``size`` quads each, read back in order."""
        self.file.seek(0)
        batch: list[tuple[str, bytes]] = []
        quads = 0
        for graph, length, n in self.index:
            batch.append((graph, self.file.read(length)))
            quads += n
            if quads >= size:
                yield batch, quads
                batch, quads = [], 0
        if batch:
            yield batch, quads

    def close(self) -> None:
        self.file.close()


class GraphLoader:
    """Loads report graphs into ``store`` from a background thread (see the module docstring). Use
    it as a context manager: leaving the block stops the thread (after a ``flush()`` every graph
    given is in the store)."""

    def __init__(
        self,
        store: Store,
        loading: Callable[[str, int], None] | None = None,
        burst_quads: int | None = None,
        batch_quads: int | None = None,
    ) -> None:
        self.store = store
        self.loading = loading
        self.burst_quads = burst_quads or BURST_QUADS
        self.batch_quads = batch_quads or BATCH_QUADS
        self.given = 0  # quads handed to this loader
        self.loaded = 0  # quads the store has taken from this loader
        self._spool: _Spool | None = None
        self._handed = 0  # quads handed to the thread so far
        self._bursts: queue.Queue[_Spool | None] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kg-graph-loader", daemon=True)
        self._thread.start()

    def __enter__(self) -> "GraphLoader":
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(interrupted=exc_type is not None)

    # -- the main thread -----------------------------------------------------------------------------
    def load(self, graph: str, data: "bytes | Path", doc_id: str = "", quads: int = 0) -> None:
        """``data``: the report's N-Quads as UTF-8 (every line in ``graph``), or the Path of a temporary
        N-Triples file (a big report, loaded here and now, after everything before it); ``quads``:
        how many statements it holds."""
        self._raise_failure()
        self.given += quads
        if isinstance(data, Path):
            try:
                self.flush()
                _release_freed_memory()  # the big report's extraction is gone: give its pages back first
                progress = (lambda _g, n: self.loading(doc_id, n)) if self.loading else None  # type: ignore[misc]
                self.store.replace_graphs_ntriples([(graph, data)], progress=progress)
                self.loaded += quads
            finally:
                data.unlink(missing_ok=True)
            return
        if self._spool is None:
            self._spool = _Spool()
        if not quads:
            quads = data.count(b"\n")
            self.given += quads
        self._spool.add(graph, data, quads)
        if self._spool.quads >= min(self.burst_quads, max(self.batch_quads, self._handed)):
            self._hand_over()

    def flush(self) -> None:
        """Return once every graph given so far is in the store."""
        self._hand_over()
        self._bursts.join()
        self._raise_failure()

    def close(self, interrupted: bool = False) -> None:
        """Stop the thread: at once (after its current batch) when ``interrupted``, else after it
        has loaded what it was handed. Graphs still in the spool are not loaded."""
        if interrupted:
            self._stop.set()
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        self._bursts.put(None)
        self._thread.join()

    def _hand_over(self) -> None:
        if self._spool is not None and self._spool.index:
            spool, self._spool = self._spool, None
            self._handed += spool.quads
            self._bursts.put(spool)  # blocks while one burst loads and another waits
            self._raise_failure()

    def _raise_failure(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._stop.set()
            raise error

    # -- the loader thread ---------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            spool = self._bursts.get()
            try:
                if spool is None:
                    return
                if self._stop.is_set():
                    continue
                for batch, quads in spool.batches(self.batch_quads):
                    if self._stop.is_set():
                        break
                    self.store.replace_graphs_nquads(batch)
                    self.loaded += quads
            except BaseException as exc:  # handed to the main thread; later bursts are dropped
                self._error = exc
                self._stop.set()
            finally:
                if spool is not None:
                    spool.close()
                self._bursts.task_done()
