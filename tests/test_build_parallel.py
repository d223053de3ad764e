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
    assert "_ontology.nq" in files and len(files) == 10
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
