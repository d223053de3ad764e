"""Issue 5, store integrity: SIGKILL mid-build, two builds at once, queries during a build,
idempotent rebuilds — all checked on the canonical N-Quads of `kg export` (sorted lines; the
graph uses no blank nodes, so sorted N-Quads are canonical).

Crash trials: CI runs a handful (seeds 0–2); `pytest -m slow` runs 24 more. Each kills
`kg build` at a random moment, then checks that the store opens, that every report graph in it
is exactly the one a clean build writes (all or nothing per report), and that re-running the
build gives exactly the clean build's quads.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import time
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import SAMPLE_DIR, kg_executable

N_REPORTS = 12
LONG_REPORTS = 240
CI_SEEDS = range(3)
SLOW_SEEDS = range(3, 27)


def kg(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*kg_executable(), *args], capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def start_build(corpus: Path, store: Path, *extra: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [*kg_executable(), "build", str(corpus), "--store", str(store), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def export_lines(store: Path) -> list[str]:
    result = kg("export", "--format", "nquads", "--store", str(store))
    assert result.returncode == 0, f"store does not open after the kill: {result.stderr}"
    assert "Traceback" not in result.stderr
    lines = sorted(ln for ln in result.stdout.splitlines() if ln.strip())
    assert not any(re.search(r"(^|\s)_:", ln) for ln in lines), "blank nodes make the comparison non-canonical"
    return lines


def by_graph(lines: list[str]) -> dict[str, set[str]]:
    graphs: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        graph = line.rstrip(" .").rsplit(" ", 1)[-1]
        graphs[graph].add(line)
    return graphs


def _write_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct reports made from the sample (paragraphs shuffled, a unique title)."""
    folder.mkdir()
    samples = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SAMPLE_DIR.glob("*.txt"))]
    for i in range(n):
        rnd = random.Random(i)
        lines = list(samples[i % len(samples)])
        body = [ln for ln in lines[1:] if ln.strip()]
        rnd.shuffle(body)
        body = body[:15]
        (folder / f"r{i:03d}.txt").write_text(f"2025年第{i}号科技创新工作总结\n" + "\n".join(body), encoding="utf-8")
    return folder


def _reference(corpus: Path, store: Path, n: int) -> dict:
    t0 = time.monotonic()
    result = kg("build", str(corpus), "--store", str(store))
    seconds = time.monotonic() - t0
    assert result.returncode == 0, result.stderr
    lines = export_lines(store)
    graphs = by_graph(lines)
    assert len(graphs) == n + 2  # the reports, the ontology graph and the regions graph
    return {"store": store, "lines": lines, "graphs": graphs, "seconds": seconds}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("corpus") / "reports", N_REPORTS)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _reference(corpus, tmp_path_factory.mktemp("ref") / "store", N_REPORTS)


# The concurrency tests need a first build that is still writing when a second process tries the
# store (~0.3 s of start-up, then its lock wait): 240 reports built with --jobs 1 hold the lock for
# ~3 s (the 12 of the crash trials now take under one), checked against their own clean build.
@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("long") / "reports", LONG_REPORTS)


@pytest.fixture(scope="module")
def long_reference(long_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _reference(long_corpus, tmp_path_factory.mktemp("longref") / "store", LONG_REPORTS)


def check_complete(lines: list[str], reference: dict) -> int:
    """Every graph in the store equals the clean build's graph; returns how many reports there are."""
    graphs = by_graph(lines)
    for name, quads in graphs.items():
        assert name in reference["graphs"], f"unexpected graph {name}"
        assert quads == reference["graphs"][name], f"graph {name} is partial: {len(quads)} of {len(reference['graphs'][name])} quads"
    shared = ("<https://w3id.org/kg-innovation/ontology>", "<https://w3id.org/kg-innovation/gazetteer/regions>")
    return len(graphs) - sum(1 for g in shared if g in graphs)


def crash_trial(seed: int, corpus: Path, reference: dict, tmp_path: Path) -> tuple[int, float]:
    rnd = random.Random(seed)
    store = tmp_path / "store"
    forced = seed % 2 == 1  # odd seeds: kill a --force rebuild of a complete store (replace, not add)
    if forced:
        shutil.copytree(reference["store"], store)
    proc = start_build(corpus, store, *(["--force"] if forced else []))
    if rnd.random() < 0.2:  # sometimes during start-up, before or while the store is created
        delay = rnd.uniform(0.0, 1.5)
    else:  # mostly while it writes: from the moment it holds the store until the end of a clean build
        t0 = time.monotonic()
        wait_for_writer(store, proc)
        delay = rnd.uniform(0.0, max(0.3, reference["seconds"] - (time.monotonic() - t0)))
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    present = 0
    if store.exists() and (store / "kg-store.json").exists():
        present = check_complete(export_lines(store), reference)
        if forced:
            assert present == N_REPORTS, "a --force rebuild killed midway lost reports"
    rebuilt = kg("build", str(corpus), "--store", str(store))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert export_lines(store) == reference["lines"]
    return present, delay


@pytest.mark.parametrize("seed", CI_SEEDS)
def test_sigkill_mid_build(seed: int, corpus: Path, reference: dict, tmp_path: Path) -> None:
    present, delay = crash_trial(seed, corpus, reference, tmp_path)
    print(f"seed {seed}: killed after {delay:.2f}s, {present} complete reports in the store")


@pytest.mark.slow
@pytest.mark.parametrize("seed", SLOW_SEEDS)
def test_sigkill_mid_build_long(seed: int, corpus: Path, reference: dict, tmp_path: Path) -> None:
    present, delay = crash_trial(seed, corpus, reference, tmp_path)
    print(f"seed {seed}: killed after {delay:.2f}s, {present} complete reports in the store")


# -- idempotence ----------------------------------------------------------------------------------
def test_build_twice_identical_export(corpus: Path, reference: dict, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(reference["store"], store)
    again = kg("build", str(corpus), "--store", str(store))
    assert again.returncode == 0 and re.search(r"reports unchanged \(skipped\)\W+12\b", again.stdout), again.stdout
    assert export_lines(store) == reference["lines"]
    forced = kg("build", str(corpus), "--store", str(store), "--force")
    assert forced.returncode == 0 and re.search(r"reports loaded\W+12\b", forced.stdout), forced.stdout
    assert export_lines(store) == reference["lines"]


# -- concurrency ----------------------------------------------------------------------------------
def wait_for_writer(store: Path, proc: subprocess.Popen, timeout: float = 30) -> str:
    """Wait until the build holds the store's write lock (its pid is in kg.lock)."""
    deadline = time.monotonic() + timeout
    lock = store / "kg.lock"
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().strip() == str(proc.pid):
            return str(proc.pid)
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    raise AssertionError("the build never took the store lock")


def test_second_build_refuses_clearly(long_corpus: Path, long_reference: dict, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = start_build(long_corpus, store, "--jobs", "1")
    pid = wait_for_writer(store, first)
    second = kg("build", str(long_corpus), "--store", str(store), env={"KG_LOCK_WAIT": "0.5"})
    still_running = first.poll() is None
    first.communicate()
    assert still_running, "the first build finished before the second tried; make the corpus bigger"
    assert first.returncode == 0
    assert second.returncode == 1
    lines = [ln for ln in second.stderr.splitlines() if ln.strip()]
    assert lines[-1] == f"kg: store {store} is in use by another kg process (pid {pid}); try again when it has finished"
    assert "Traceback" not in second.stderr
    assert export_lines(store) == long_reference["lines"]


def test_second_build_waits_then_runs(long_corpus: Path, long_reference: dict, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = start_build(long_corpus, store, "--jobs", "1")
    wait_for_writer(store, first)
    second = kg("build", str(long_corpus), "--store", str(store), env={"KG_LOCK_WAIT": "120"})
    _, first_err = first.communicate()
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second.stderr
    assert "is in use by another kg process" in second.stderr and "waiting up to 120 s" in second.stderr
    assert re.search(r"reports unchanged \(skipped\)\W+240\b", second.stdout), second.stdout
    assert export_lines(store) == long_reference["lines"]


def test_query_during_build_says_busy(long_corpus: Path, long_reference: dict, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(long_reference["store"], store)
    first = start_build(long_corpus, store, "--force", "--jobs", "1")
    pid = wait_for_writer(store, first)
    query = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store))
    still_running = first.poll() is None
    first.communicate()
    assert still_running
    assert query.returncode == 1
    assert query.stderr.strip() == f"kg: store {store} is busy: another kg process (pid {pid}) is writing it; try again when it has finished"
    after = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store), "--format", "csv")
    assert after.returncode == 0 and int(after.stdout.split()[1]) > 0


def test_database_locked_outside_kg(reference: dict, corpus: Path, tmp_path: Path) -> None:
    """A process that bypasses kg's lock and holds the RocksDB database: kg says so in one line."""
    import pyoxigraph

    store = tmp_path / "store"
    shutil.copytree(reference["store"], store)
    holder = pyoxigraph.Store(str(store / "oxigraph"))
    try:
        result = kg("build", str(corpus), "--store", str(store))
    finally:
        del holder
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"kg: store {store} is in use by another process (its database is locked); try again when it has finished"
    )
    assert export_lines(store) == reference["lines"]


def test_killed_before_marker_is_still_a_store(tmp_path: Path, corpus: Path) -> None:
    """A build killed after creating the folder but before writing kg-store.json leaves only kg's
    own files; the next build must accept the folder rather than call it "not a kg store"."""
    store = tmp_path / "store"
    (store / "oxigraph").mkdir(parents=True)
    (store / "kg.lock").write_text("")
    result = kg("build", str(corpus / "r000.txt"), "--store", str(store))
    assert result.returncode == 0, result.stderr
