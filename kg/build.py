"""`kg build`: read → extract → map → load, on one process or many.

The work per report (read the file, check its sha256 against the store, extract, map to RDF and
serialise as N-Triples) is a plain function of the file, ``process_file``, so it runs the same in
this process, in a ``multiprocessing`` pool (``jobs > 1``, spawn-safe: the worker needs nothing
but the path) or on a cluster engine (``engine="dask"``). Only the main process touches the
store. Results stream in input order, so memory stays flat however many reports there are.

Loading (kg.loading; measured in bench/README.md, "Loading"): the main process spools each
report's N-Quads to a temporary file and a background thread loads them in bursts through
``Store.replace_graphs_nquads``, each report all or nothing, while the next reports are extracted.
Oxigraph bulk-loads the graphs it does not hold yet (a fresh build) under an intent log and
replaces the others one transaction each. The worker ships the report as N-Quads text (the graph
name already on every line), so the single writer does no per-line work.

A report too big to pass around as one text (more than ``SPOOL_TRIPLES`` triples: a report of many
megabytes) is mapped and serialised in chunks into a temporary file, which the store loads in
chunks, all or nothing; ``progress.loading(doc_id, quads)``, if the progress callback has it, hears
how far that load is. ``progress.storing(quads)`` hears how much is still being loaded once every
report is extracted, ``progress.optimizing(quads)`` that the store is being compacted.

Before any report, the build loads the regions graph (kg.rdf.regions: the gazetteer's regions with
their codes and parents, once for the whole store instead of in every report graph) unless the
store holds the same version.

``emit_nquads=DIR`` also writes each report's quads to ``DIR/<doc id>.nq`` (and the ontology and
regions graphs to ``DIR/_ontology.nq`` and ``DIR/_regions.nq``): files many workers can produce and any quad store can bulk-load.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import URIRef

from kg.api import ONTOLOGY_GRAPH, BuildOutcome, BuildSummary, ontology_triples
from kg.loading import GraphLoader
from kg.rdf import nt
from kg.rdf.mapping import EXTRACTOR_VERSION
from kg.rdf.regions import REGIONS_GRAPH, regions_graph_ntriples
from kg.read import ReadError, iter_report_paths, read_report
from kg.store import Store, open_store
from kg.store.terms import to_ox

ProgressCallback = Callable[[BuildOutcome], None]
# (outcome, graph IRI, the graph: its N-Quads text, or the Path of a temporary N-Triples file holding
# it for a big report) — the last two None unless the report loads
WorkResult = tuple[BuildOutcome, "str | None", "bytes | Path | None"]
Task = tuple[str, "str | None", "tuple[str, str] | None", bool, "str | None"]

AUTO_FILES_PER_JOB = 50
SERIALISE_CHUNK = 5_000  # triples serialised at a time
SPOOL_TRIPLES = 20_000  # a report with more goes through a temporary file (the largest of 10,000 generated: 2,312)
OPTIMIZE_AFTER_QUADS = 250_000  # bulk-loaded in one build: compact the store afterwards (Store.optimize; ~1.5 µs a quad, and queries 1.2–6× faster after)
IN_FLIGHT_PER_JOB = 128  # finished-but-unloaded reports allowed per worker
START_METHOD = os.environ.get("KG_MP_START", "spawn")  # spawn is safe with threads and open stores


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -- the per-report work (runs in workers) --------------------------------------------------------
def _ntriples(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """N-Triples text of rdflib triples, one ``s p o .`` line each (what pyoxigraph's serialiser
    writes: every term is written by pyoxigraph, so IRIs are validated and literals escaped). The
    text of each IRI is made once per call — predicates, classes and entities repeat — which makes
    this about 3× faster than building ``ox.Triple`` objects and serialising them."""
    iris: dict[Any, str] = {}
    lines = []
    for triple in triples:
        parts = []
        for term in triple:
            text = iris.get(term) if type(term) is URIRef else None
            if text is None:
                text = str(to_ox(term))
                if type(term) is URIRef:
                    iris[term] = text
            parts.append(text)
        lines.append(f"{parts[0]} {parts[1]} {parts[2]} .\n")
    return "".join(lines)


def nquads(graph: str, nt: str | bytes) -> bytes:
    """N-Triples of one graph → N-Quads in that graph."""
    g = ox.NamedNode(graph)
    data = nt.encode("utf-8") if isinstance(nt, str) else nt
    quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def emit_name(doc_id: str) -> str:
    return doc_id.replace(os.sep, "_") + ".nq"


def _serialise(graph: str, triples: Iterator[tuple[str, str, str]], emit: Path | None) -> tuple[int, "bytes | Path"]:
    """Join N-Triples token triples (kg.rdf.nt) into lines, in chunks: (count, N-Triples as UTF-8),
    or (count, temporary file) once there are more than ``SPOOL_TRIPLES`` (a big report never has
    all its text in memory at once). Each chunk is encoded here, so a string UTF-8 cannot hold
    fails in the worker, as this report's error, and the single writer gets bytes it hands to the
    store as they are (decoding 200 KB a report from the pipe and encoding it again for the store
    cost the writer ~0.8 s per 1,000 reports). ``emit``: also write the quads there."""
    pieces: list[bytes] = []
    count = 0
    spool = None
    name = ""
    out = emit.open("wb") if emit else None
    try:
        while True:
            chunk = list(itertools.islice(triples, SERIALISE_CHUNK))
            if not chunk:
                break
            data = "".join([f"{s} {p} {o} .\n" for s, p, o in chunk]).encode("utf-8")
            count += len(chunk)
            del chunk
            if out is not None:
                out.write(nquads(graph, data))
            if spool is None and count > SPOOL_TRIPLES:
                fd, name = tempfile.mkstemp(prefix="kg-build-", suffix=".nt")
                spool = os.fdopen(fd, "wb")
                spool.write(b"".join(pieces))
                pieces = []
            if spool is not None:
                spool.write(data)
            else:
                pieces.append(data)
    except BaseException:
        if spool is not None:
            spool.close()
            os.unlink(name)
        raise
    finally:
        if out is not None:
            out.close()
    if spool is not None:
        spool.close()
        return count, Path(name)
    return count, b"".join(pieces)


Extracting = Callable[[str, str, int, int], None]  # (doc id, stage, done characters, total)


def process_file(task: Task, extracting: Extracting | None = None) -> WorkResult:
    """Read, fingerprint, extract and map one file. Never raises: a failure is an outcome.
    ``extracting(doc_id, stage, done, total)`` hears how many characters have been read (in this
    process only: a big report takes minutes; see kg.nlp.extract)."""
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
        from kg.rdf.mapping import report_ntriples

        doc_id = report.doc_id
        on_chunk = (lambda stage, done, total: extracting(doc_id, stage, done, total)) if extracting else None  # type: ignore[misc]
        extraction = extract(report, progress=on_chunk)
        graph, triples = report_ntriples(extraction)
        emit = Path(emit_dir) / emit_name(report.doc_id) if emit_dir else None
        outcome.triples, data = _serialise(graph, triples, emit)
        if isinstance(data, bytes):  # N-Quads: the graph is appended here, in parallel, not by the single writer
            data = data.replace(b" .\n", f" <{graph}> .\n".encode("utf-8"))
        outcome.entities = len(extraction.entities)
        outcome.collaborations = len(extraction.collaborations)
        return outcome, str(graph), data
    except ReadError as exc:
        outcome.status, outcome.error = "failed", str(exc)
    except Exception as exc:  # an extractor bug on one file must not stop the other 9,999
        outcome.status = "failed"
        outcome.error = f"{path}: internal error while extracting ({type(exc).__name__}: {' '.join(str(exc).split())})"
    return outcome, None, None


def _init_worker() -> None:
    from kg.nlp.extract import load_pipeline

    load_pipeline()


# -- engines: an ordered stream of results ----------------------------------------------------------
def _run_serial(tasks: list[Task], extracting: Extracting | None = None) -> Iterator[WorkResult]:
    for task in tasks:
        yield process_file(task, extracting)


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


# -- the build ------------------------------------------------------------------------------------
def write_regions_graph(store: Store, emit_dir: str | None = None) -> bool:
    """Load the regions graph (kg.rdf.regions: every gazetteer region, its code and parent) unless
    the store holds this gazetteer's version already; True when written. It goes in before any
    report, so a report graph is never without the hierarchy its regions belong to."""
    version, text = regions_graph_ntriples()
    if emit_dir:
        (Path(emit_dir) / "_regions.nq").write_bytes(nquads(REGIONS_GRAPH, text))
    if not text:
        return False
    graph = f"<{REGIONS_GRAPH}>"  # a constant of kg's, not text from a document
    _, rows = store.query_values(f"SELECT ?v WHERE {{ GRAPH {graph} {{ {graph} {nt.KGO.gazetteerVersion} ?v }} }}")
    if any(row[0] == version for row in rows):
        return False
    store.replace_graph_ntriples(REGIONS_GRAPH, text)
    return True


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
        write_regions_graph(store, emit_dir)
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
            results = _run_serial(tasks, getattr(progress, "extracting", None))
        with GraphLoader(store, getattr(progress, "loading", None)) as loader:
            for outcome, graph, data in results:
                if graph is not None and data is not None:
                    loader.load(graph, data, outcome.doc_id, outcome.triples)
                summary.outcomes.append(outcome)
                if progress:
                    progress(outcome)
            storing = getattr(progress, "storing", None)
            if storing and loader.given > loader.loaded:
                storing(loader.given - loader.loaded)  # the last burst is still loading: say so
            loader.flush()
        if loader.loaded >= OPTIMIZE_AFTER_QUADS:
            optimizing = getattr(progress, "optimizing", None)
            if optimizing:
                optimizing(loader.loaded)
            store.optimize()
    return summary
