"""`kg build`: read → extract → map → load, on one process or many.

The work per report (read the file, check its sha256 against the store, extract, map to RDF and
serialise as N-Triples) is a plain function of the file, ``process_file``, so it runs the same in
this process, in a ``multiprocessing`` pool (``jobs > 1``, spawn-safe: the worker needs nothing
but the path) or on a cluster engine (``engine="dask"``). Only the main process touches the
store: it loads each report's graph in one transaction, so a crash leaves the old graph or the
new one, never half of either. Results stream in input order, so memory stays flat however many
reports there are.

Loading (measured in bench/results.md): a graph that is not in the store yet is loaded with
Oxigraph's transactional ``Store.load`` of the N-Triples text into the named graph; a graph that is
already there is replaced by one SPARQL UPDATE (DROP + INSERT DATA), also one transaction. Both
skip the rdflib → pyoxigraph term conversion in the main process, which is what keeps it from
becoming the serial bottleneck when extraction runs on several cores.

``emit_nquads=DIR`` also writes each report's quads to ``DIR/<doc id>.nq`` (and the ontology to
``DIR/_ontology.nq``): files many workers can produce and any quad store can bulk-load.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import URIRef

from kg.api import ONTOLOGY_GRAPH, BuildOutcome, BuildSummary, ontology_triples
from kg.rdf.mapping import EXTRACTOR_VERSION
from kg.read import ReadError, iter_report_paths, read_report
from kg.store import Store, open_store
from kg.store.terms import from_ox, to_ox

ProgressCallback = Callable[[BuildOutcome], None]
# (outcome, graph IRI, N-Triples text of the graph) — the last two None unless the report loads
WorkResult = tuple[BuildOutcome, "str | None", "str | None"]
Task = tuple[str, "str | None", "tuple[str, str] | None", bool, "str | None"]

AUTO_FILES_PER_JOB = 50
FLUSH_EVERY_QUADS = 400_000  # ≈ 400 MB of pending writes; see GraphLoader._written
IN_FLIGHT_PER_JOB = 32  # finished-but-unloaded reports allowed per worker
START_METHOD = os.environ.get("KG_MP_START", "spawn")  # spawn is safe with threads and open stores


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -- the per-report work (runs in workers) --------------------------------------------------------
def _ntriples(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    return ox.serialize([ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples], format=ox.RdfFormat.N_TRIPLES).decode(
        "utf-8"
    )


def nquads(graph: str, nt: str) -> bytes:
    """N-Triples of one graph → N-Quads in that graph."""
    g = ox.NamedNode(graph)
    quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def emit_name(doc_id: str) -> str:
    return doc_id.replace(os.sep, "_") + ".nq"


def process_file(task: Task) -> WorkResult:
    """Read, fingerprint, extract and map one file. Never raises: a failure is an outcome."""
    path, error, known, force, emit_dir = task
    outcome = BuildOutcome(path=path, doc_id=os.path.basename(path))
    try:
        if error is not None:
            raise ReadError(path, error)
        report = read_report(path)
        outcome.doc_id = report.doc_id
        if not force and known == (report.sha256, EXTRACTOR_VERSION):
            outcome.status = "unchanged"
            return outcome, None, None
        from kg.nlp import extract
        from kg.rdf.mapping import report_graph

        extraction = extract(report)
        graph, triples = report_graph(extraction)
        nt = _ntriples(triples)
        outcome.entities = len(extraction.entities)
        outcome.collaborations = len(extraction.collaborations)
        outcome.triples = len(triples)
        if emit_dir:
            (Path(emit_dir) / emit_name(report.doc_id)).write_bytes(nquads(str(graph), nt))
        return outcome, str(graph), nt
    except ReadError as exc:
        outcome.status, outcome.error = "failed", str(exc)
    except Exception as exc:  # an extractor bug on one file must not stop the other 9,999
        outcome.status = "failed"
        outcome.error = f"{path}: extraction failed ({type(exc).__name__}: {' '.join(str(exc).split())})"
    return outcome, None, None


def _init_worker() -> None:
    from kg.nlp.extract import load_pipeline

    load_pipeline()


# -- engines: an ordered stream of results ----------------------------------------------------------
def _run_serial(tasks: list[Task]) -> Iterator[WorkResult]:
    for task in tasks:
        yield process_file(task)


def start_pool(jobs: int) -> Any:
    """Start the workers (each loads the pipeline in the background while the main process opens the store)."""
    return multiprocessing.get_context(START_METHOD).Pool(jobs, initializer=_init_worker)


def _run_pool(tasks: list[Task], jobs: int, pool: Any = None) -> Iterator[WorkResult]:
    """Results in input order, with at most ``IN_FLIGHT_PER_JOB * jobs`` reports extracted but not yet
    consumed: when loading is slower than extraction, ``imap`` alone would buffer every finished
    report in the main process (≈1 GB of N-Triples at 10,000 reports)."""
    chunksize = max(1, min(8, len(tasks) // (jobs * 8) or 1))
    window = threading.BoundedSemaphore(max(IN_FLIGHT_PER_JOB * jobs, 2 * chunksize * jobs))

    def feed() -> Iterator[Task]:
        for task in tasks:
            window.acquire()  # blocks the pool's feeder thread, not the main thread
            yield task

    with pool or start_pool(jobs) as p:
        for result in p.imap(process_file, feed(), chunksize=chunksize):
            window.release()
            yield result


def _run_dask(tasks: list[Task], jobs: int) -> Iterator[WorkResult]:
    """A local Dask cluster (``pip install 'dask[distributed]'``); point DASK_SCHEDULER at a
    running scheduler (tcp://host:8786) to use a real cluster instead."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--engine dask needs dask: pip install 'dask[distributed]'") from None
    address = os.environ.get("DASK_SCHEDULER")
    cluster = None if address else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(address or cluster)
    try:
        batch = max(jobs * 16, 64)  # bounded in-flight results: memory stays flat
        for i in range(0, len(tasks), batch):
            futures = client.map(process_file, tasks[i : i + batch], pure=False)
            for fut in futures:
                yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- loading --------------------------------------------------------------------------------------
class GraphLoader:
    """Loads one report graph (N-Triples text) all-or-nothing, by the fastest path the store has."""

    def __init__(self, store: Store) -> None:
        self.store = store
        native = getattr(store, "_store", None)
        self._ox = native if isinstance(native, ox.Store) else None
        self._existing = {str(g) for g in store.graphs()}
        self._unflushed = 0

    def _written(self, nt: str) -> None:
        """Oxigraph keeps committed writes in memory until ``flush()`` (~1 KB per quad: 2.7 GB at
        10,000 reports without flushing). Flushing bounds that, but each flush writes new level-0
        files: every 50,000 quads kept the main process at ~190 MB but the 10k build crawled (8,194
        reports in 13.5 min, 3 GB on disk, vs 10,000 in 6.2 min unflushed), so flush rarely."""
        self._unflushed += nt.count("\n")
        if self._ox is not None and self._unflushed >= FLUSH_EVERY_QUADS:
            self._ox.flush()
            self._unflushed = 0

    def load(self, graph: str, nt: str) -> None:
        if hasattr(self.store, "replace_graph_ntriples"):
            self.store.replace_graph_ntriples(graph, nt)  # type: ignore[attr-defined]
        elif self._ox is not None and graph not in self._existing:
            # a new graph: one transactional load of the N-Triples into the named graph
            # (lenient: the text was serialised by pyoxigraph from valid terms; re-validating IRIs costs ~30 %)
            self._ox.load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph), lenient=True)
        elif self._ox is not None:
            # an existing graph: DROP + INSERT DATA in one update (one transaction), as replace_graph does
            g = f"<{graph}>"
            self._ox.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{nt}}} }}")
        else:
            triples = [
                (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                for t in ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
            ]
            self.store.replace_graph(URIRef(graph), triples)
        self._existing.add(graph)
        self._written(nt)


# -- the build ------------------------------------------------------------------------------------
def stored_fingerprints(store: Store) -> dict[str, tuple[str, str]]:
    res = store.query(
        "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#> "
        "SELECT ?doc ?sha ?ver WHERE { ?r a kgo:Report ; kgo:docId ?doc . "
        "OPTIONAL { ?r kgo:sha256 ?sha } OPTIONAL { ?r kgo:extractor ?ver } }"
    )
    return {str(r["doc"]): (str(r["sha"] or ""), str(r["ver"] or "")) for r in res.rows}


def run_build(
    location: str | None,
    paths: Iterable[str | os.PathLike[str]],
    *,
    force: bool = False,
    progress: ProgressCallback | None = None,
    jobs: int = 1,
    engine: str = "process",
    emit_nquads: str | os.PathLike[str] | None = None,
) -> BuildSummary:
    """Build (or update) the store at ``location`` from ``paths``; see the module docstring."""
    summary = BuildSummary()
    emit_dir = str(emit_nquads) if emit_nquads else None
    if emit_dir:
        Path(emit_dir).mkdir(parents=True, exist_ok=True)
    found = list(iter_report_paths(paths))
    if jobs <= 0:  # auto: one process per core, but not for a handful of files (startup costs ~1 s)
        jobs = min(default_jobs(), max(1, len(found) // AUTO_FILES_PER_JOB))
    jobs = min(jobs, max(1, len(found)))
    pool = start_pool(jobs) if engine == "process" and jobs > 1 else None
    try:
        return _build_into(location, found, summary, force, progress, jobs, engine, emit_dir, pool)
    finally:
        if pool is not None:
            pool.terminate()


def _build_into(
    location: str | None,
    found: list[tuple[Path, ReadError | None]],
    summary: BuildSummary,
    force: bool,
    progress: ProgressCallback | None,
    jobs: int,
    engine: str,
    emit_dir: str | None,
    pool: Any,
) -> BuildSummary:
    with open_store(location, read_only=False) as store:
        onto = ontology_triples()
        store.replace_graph(ONTOLOGY_GRAPH, onto)
        if emit_dir:
            (Path(emit_dir) / "_ontology.nq").write_bytes(nquads(str(ONTOLOGY_GRAPH), _ntriples(onto)))
        known = stored_fingerprints(store)
        tasks: list[Task] = [
            (str(path), error.problem if error is not None else None, known.get(path.name), force, emit_dir)
            for path, error in found
        ]
        if engine == "dask":
            results = _run_dask(tasks, max(1, jobs))
        elif pool is not None:
            results = _run_pool(tasks, jobs, pool)
        else:
            results = _run_serial(tasks)
        loader = GraphLoader(store)
        for outcome, graph, nt in results:
            if graph is not None and nt is not None:
                loader.load(graph, nt)
            summary.outcomes.append(outcome)
            if progress:
                progress(outcome)
    return summary
