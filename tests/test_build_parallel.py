"""`kg build --jobs N`: the same store as one process, per-file errors, skip-unchanged, N-Quads output."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from kg.api import KnowledgeGraph

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402  (bench/corpus.py)

from conftest import SAMPLE_DIR, run_kg  # noqa: E402


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample reports plus six generated ones and one broken file."""
    folder = tmp_path_factory.mktemp("inputs")
    for p in sorted(SAMPLE_DIR.glob("*.txt"))[2:]:  # the three short ones (speed)
        shutil.copy(p, folder / p.name)
    for i in range(6):
        name, text = corpus.report_text(i)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "zz_empty.txt").write_bytes(b"")
    return folder


def _lines(data: bytes) -> list[str]:
    return sorted(line for line in data.decode("utf-8").splitlines() if line.strip())


@pytest.fixture(scope="module")
def serial_export(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    store = tmp_path_factory.mktemp("s1") / "store"
    summary = KnowledgeGraph(str(store)).build([inputs], jobs=1)
    assert summary.count("loaded") == 9 and summary.count("failed") == 1
    return _lines(KnowledgeGraph(str(store)).export("nquads"))


def test_two_jobs_give_the_same_export_as_one(inputs: Path, serial_export: list[str], tmp_path: Path) -> None:
    store = tmp_path / "store"
    nq = tmp_path / "nq"
    seen: list[str] = []
    summary = KnowledgeGraph(str(store)).build([inputs], jobs=2, emit_nquads=nq, progress=lambda o: seen.append(o.doc_id))
    assert summary.count("loaded") == 9
    [failed] = summary.failed
    assert failed.doc_id == "zz_empty.txt" and "empty file" in failed.error and "\n" not in failed.error
    assert seen == sorted(seen), "results arrive in input order"
    export = _lines(KnowledgeGraph(str(store)).export("nquads"))
    assert export == serial_export
    # the per-report N-Quads files hold exactly the store's quads
    files = sorted(p.name for p in nq.glob("*.nq"))
    assert "_ontology.nq" in files and "_regions.nq" in files and len(files) == 11
    regions_quads = {line for line in export if "/gazetteer/regions>" in line.rsplit(" ", 2)[-2]}
    assert regions_quads and set((nq / "_regions.nq").read_text(encoding="utf-8").splitlines()) == regions_quads
    emitted = {line for p in nq.glob("r*.nq") for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    emitted |= {line for p in nq.glob("0*.nq") for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    report_quads = {line for line in export if "/id/report/" in line.rsplit(" ", 2)[-2]}
    assert emitted == report_quads

    # a second build skips everything unchanged; a changed file is rebuilt
    again = KnowledgeGraph(str(store)).build([inputs], jobs=2)
    assert again.count("unchanged") == 9 and again.count("loaded") == 0
    target = next(inputs.glob("r0000*.txt"))
    original = target.read_text(encoding="utf-8")
    try:
        target.write_text(original + "\n补充说明。\n", encoding="utf-8")
        third = KnowledgeGraph(str(store)).build([inputs], jobs=2)
        assert third.count("loaded") == 1 and third.count("unchanged") == 8
    finally:
        target.write_text(original, encoding="utf-8")


def test_cli_jobs_reports_bad_file_in_one_line_and_loads_the_rest(inputs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    res = run_kg("build", "--jobs", "2", str(inputs), store=store)
    assert res.returncode == 1  # one file failed
    lines = [ln for ln in res.stderr.splitlines() if "zz_empty.txt" in ln]
    assert len(lines) == 1 and "empty file" in lines[0]
    assert "reports loaded" in res.stdout and "9" in res.stdout.split("reports loaded")[1].splitlines()[0]


def test_unknown_engine_is_refused(inputs: Path, tmp_path: Path) -> None:
    res = run_kg("build", "--engine", "spark", str(inputs), store=tmp_path / "store")
    assert res.returncode == 2 and "unknown --engine" in res.stderr


@pytest.mark.slow
def test_dask_engine_gives_the_same_export(inputs: Path, serial_export: list[str], tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    store = tmp_path / "store"
    summary = KnowledgeGraph(str(store)).build([inputs], jobs=2, engine="dask")
    assert summary.count("loaded") == 9 and summary.count("failed") == 1
    assert _lines(KnowledgeGraph(str(store)).export("nquads")) == serial_export


# -- an unexpected extractor exception fails one file, not the build ----------------------------------
def test_extractor_bug_fails_one_file_in_one_line(inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.nlp

    real = kg.nlp.extract
    victim = sorted(p.name for p in inputs.glob("*.txt") if p.name != "zz_empty.txt")[1]

    def flaky(report, *args, **kwargs):  # type: ignore[no-untyped-def]
        if report.doc_id == victim:
            raise KeyError("boom\nsecond line")
        return real(report, *args, **kwargs)

    monkeypatch.setattr(kg.nlp, "extract", flaky)
    kg = KnowledgeGraph(str(tmp_path / "store"))
    summary = kg.build([inputs], jobs=1)
    failed = {o.doc_id: o.error for o in summary.outcomes if o.status == "failed"}
    assert set(failed) == {victim, "zz_empty.txt"}
    path = str(inputs / victim)
    assert failed[victim] == f"{path}: internal error while extracting (KeyError: 'boom\\nsecond line')"
    assert "\n" not in failed[victim]
    loaded = {o.doc_id for o in summary.outcomes if o.status == "loaded"}
    assert len(loaded) == len(summary.outcomes) - 2
    assert kg.stats()["reports"] == len(loaded)


# -- the store's N-Triples fast path and its intent log -----------------------------------------------
def _store_lines(store) -> list[str]:  # type: ignore[no-untyped-def]
    return _lines(store.dump("nquads"))


def test_ntriples_fast_paths_equal_replace_graph(tmp_path: Path) -> None:
    """replace_graph_ntriples (new and existing graph), the bulk batch and a big file all give
    the quads replace_graph gives, blank nodes skolemised the same way."""
    from rdflib import BNode, Literal, URIRef

    from kg.store import open_store
    from kg.store.base import Store

    ex = "https://example.org/"
    b = BNode()
    graphs = {
        f"{ex}g{i}": [(URIRef(f"{ex}s{i}"), URIRef(f"{ex}p"), Literal(f"值 {i} \"q\" .\\n")), (URIRef(f"{ex}s{i}"), URIRef(f"{ex}q"), URIRef(f"{ex}o"))]
        for i in range(4)
    }
    graphs[f"{ex}gb"] = [(URIRef(f"{ex}s"), URIRef(f"{ex}p"), b), (b, URIRef(f"{ex}p"), Literal("x"))]
    from kg.build import _ntriples

    nts = {g: _ntriples(t) for g, t in graphs.items()}
    with open_store(str(tmp_path / "ref"), read_only=False) as ref:
        for g, t in graphs.items():
            ref.replace_graph(URIRef(g), t)
        expected = _store_lines(ref)
    with open_store(str(tmp_path / "one"), read_only=False) as one:
        for g, nt in nts.items():
            one.replace_graph_ntriples(g, nt)
            one.replace_graph_ntriples(g, nt)  # again: the replace path
        assert _store_lines(one) == expected
    big = tmp_path / "g3.nt"
    big.write_text(nts[f"{ex}g3"], encoding="utf-8")
    with open_store(str(tmp_path / "batch"), read_only=False) as batch:
        batch.replace_graphs_ntriples([(g, nt) for g, nt in nts.items() if not g.endswith("g3")] + [(f"{ex}g0", nts[f"{ex}g0"])])
        batch.replace_graphs_ntriples([(f"{ex}g3", big)])
        batch.replace_graphs_ntriples([(f"{ex}g3", big)])  # replacing from a file
        assert _store_lines(batch) == expected
        assert not (tmp_path / "batch" / "pending.json").exists()
    # the interface's default (other backends): parse and replace_graph
    with open_store(str(tmp_path / "default"), read_only=False) as plain:
        for g, nt in nts.items():
            Store.replace_graph_ntriples(plain, g, nt)
        assert _store_lines(plain) == expected


def test_unfinished_bulk_load_is_rolled_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A crash inside a bulk load leaves pending.json: a reader says so in one line, the next
    writer removes exactly those graphs (and keeps the others)."""
    import json

    import pyoxigraph as ox

    from kg.store import open_store

    ex = "https://example.org/"
    folder = tmp_path / "store"
    with open_store(str(folder), read_only=False) as st:
        st.replace_graphs_ntriples([(f"{ex}keep", f"<{ex}s> <{ex}p> <{ex}o> .\n")])
        # what a kill between the log and its deletion leaves: the log, and (part of) the graphs
        (folder / "pending.json").write_text(json.dumps({"graphs": [f"{ex}half", f"{ex}never"]}), encoding="utf-8")
        st._store.bulk_load(f"<{ex}s> <{ex}p> <{ex}x> <{ex}half> .\n", format=ox.RdfFormat.N_QUADS)
    with open_store(str(folder), read_only=True) as reader:
        assert len(reader) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "last build" in err[0] and "interrupted" in err[0] and "`kg build`" in err[0]
    with open_store(str(folder), read_only=False) as writer:
        assert [str(g) for g in writer.graphs()] == [f"{ex}keep"]
        assert len(writer) == 1
    assert not (folder / "pending.json").exists()
    assert "removed the 2 reports" in capsys.readouterr().err


def test_large_build_compacts_the_store(tmp_path, monkeypatch) -> None:
    """A build that bulk-loads many quads ends with Store.optimize (reads on a freshly bulk-loaded
    Oxigraph store are several times slower until it is compacted); a small one does not."""
    import kg.build as build
    from kg.store.oxigraph_store import OxigraphStore

    calls: list[int] = []
    real = OxigraphStore.optimize

    def spy(self) -> None:
        calls.append(len(self))
        real(self)

    monkeypatch.setattr(OxigraphStore, "optimize", spy)
    sample = sorted(SAMPLE_DIR.glob("*.txt"))
    build.run_build(str(tmp_path / "small"), sample[:2], jobs=1)
    assert calls == []
    monkeypatch.setattr(build, "OPTIMIZE_AFTER_QUADS", 1000)
    heard: list[int] = []

    def on_file(outcome) -> None:
        pass

    on_file.optimizing = heard.append  # type: ignore[attr-defined]
    summary = build.run_build(str(tmp_path / "big"), sample, jobs=1, progress=on_file)
    assert summary.count("loaded") == len(sample)
    assert len(calls) == 1 and calls[0] > 1000 and heard and heard[0] > 1000
    from kg.api import KnowledgeGraph

    assert KnowledgeGraph(str(tmp_path / "big")).stats()["reports"] == len(sample)
