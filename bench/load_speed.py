"""Which way of loading one report graph into Oxigraph is fastest while staying all-or-nothing?

    python bench/load_speed.py [CORPUS_DIR] [--n 300]

Extracts N reports once, then loads their graphs into fresh stores five ways and prints
reports/s for each: (1) Store.replace_graph with rdflib triples (the OxigraphStore path: term
conversion + one SPARQL UPDATE DROP + INSERT DATA), (2) the same UPDATE built from the worker's
N-Triples text, (3) pyoxigraph Store.load of the N-Triples into the named graph (one transaction),
(4) Store.extend with parsed quads (one transaction), (5) bulk_extend (fast, but NOT transactional:
shown for reference only).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))


def prepare(corpus: Path, n: int) -> list[tuple[str, str]]:
    from kg.build import process_file

    out = []
    for path in sorted(corpus.glob("*.txt"))[:n]:
        outcome, graph, nt = process_file((str(path), None, None, True, None))
        if graph:
            out.append((graph, nt))
    return out


def measure(items: list[tuple[str, str]]) -> dict[str, float]:
    from rdflib import URIRef

    from kg.build import nquads

    from kg.store import open_store
    from kg.store.terms import from_ox

    results: dict[str, float] = {}
    parsed = [
        (g, [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES)])
        for g, nt in items
    ]

    def timed(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        with tempfile.TemporaryDirectory() as d:
            store = ox.Store(d)
            t = time.perf_counter()
            fn(store)
            store.flush()
            results[name] = len(items) / (time.perf_counter() - t)
            del store

    with tempfile.TemporaryDirectory() as d:
        with open_store(str(Path(d) / "s")) as kgstore:
            t = time.perf_counter()
            for g, triples in parsed:
                kgstore.replace_graph(URIRef(g), triples)
            results["Store.replace_graph (rdflib triples → UPDATE)"] = len(items) / (time.perf_counter() - t)

    def update(store: ox.Store) -> None:
        for g, nt in items:
            store.update(f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n{nt}}} }}")

    def load(store: ox.Store) -> None:
        for g, nt in items:
            store.load(nt.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))

    def extend(store: ox.Store) -> None:
        for g, nt in items:
            gn = ox.NamedNode(g)
            store.extend(ox.Quad(t.subject, t.predicate, t.object, gn) for t in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES))

    def bulk(store: ox.Store) -> None:
        for g, nt in items:
            gn = ox.NamedNode(g)
            store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, gn) for t in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES))

    def load_batched(store: ox.Store, k: int = 64) -> None:
        for i in range(0, len(items), k):
            data = b"".join(nquads(g, nt) for g, nt in items[i : i + k])
            store.load(data, format=ox.RdfFormat.N_QUADS)

    timed("UPDATE DROP + INSERT DATA from N-Triples text", update)
    timed("Store.load(N-Quads of 64 reports) (one transaction per batch)", load_batched)
    timed("Store.load(N-Triples, to_graph) (transaction)", load)
    timed("Store.extend(parsed quads) (transaction)", extend)
    timed("Store.bulk_extend (NOT transactional; reference)", bulk)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=None)
    ap.add_argument("--n", type=int, default=300)
    a = ap.parse_args(argv)
    import corpus as corpus_mod

    folder = Path(a.corpus) if a.corpus else corpus_mod.generate(a.n, Path(tempfile.gettempdir()) / f"kg-bench-corpus-{a.n}")
    import pickle

    cache = Path(tempfile.gettempdir()) / f"kg-load-speed-{folder.name}-{a.n}.pickle"
    if cache.is_file() and cache.stat().st_mtime > folder.stat().st_mtime:
        items = pickle.loads(cache.read_bytes())
    else:
        items = prepare(folder, a.n)
        cache.write_bytes(pickle.dumps(items))
    triples = sum(nt.count("\n") for _, nt in items)
    print(f"{len(items)} report graphs, {triples} triples ({triples / max(1, len(items)):.0f} per report)")
    for name, rate in measure(items).items():
        print(f"{rate:10.0f} reports/s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
