"""kg.loading.GraphLoader: report graphs spooled to disk and loaded in bursts by a background
thread — every graph lands whole and in order, a failure in the thread reaches the build, and an
interrupt leaves the store consistent."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import process_file
from kg.loading import GraphLoader
from kg.store import StoreError, open_store

from conftest import SAMPLE_DIR


@pytest.fixture(scope="module")
def report_graphs() -> list[tuple[str, bytes, int]]:
    """(graph IRI, N-Quads, quads) of the five sample reports, as the build workers produce them."""
    out = []
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        outcome, graph, data = process_file((str(path), None, None, True, None))
        assert outcome.status != "failed" and isinstance(data, bytes)
        out.append((graph, data, outcome.triples))
    return out


def _quads(store_dir: Path) -> set[str]:
    with open_store(str(store_dir), read_only=True) as store:
        return {line for line in store.dump("nquads").decode("utf-8").splitlines() if line.strip()}


def _all_lines(graphs: list[tuple[str, bytes, int]]) -> set[str]:
    return {line for _g, data, _n in graphs for line in data.decode("utf-8").splitlines() if line.strip()}


def test_bursts_and_batches_load_every_graph_whole(tmp_path: Path, report_graphs: list[tuple[str, bytes, int]]) -> None:
    """Bursts of at most ~2 reports, each report a batch: the store holds exactly the reports'
    quads, and ``loaded`` counts them."""
    sizes = sorted(n for _g, _d, n in report_graphs)
    with open_store(str(tmp_path / "s"), read_only=False) as store:
        with GraphLoader(store, burst_quads=sizes[0] + sizes[1], batch_quads=1) as loader:
            for graph, data, n in report_graphs:
                loader.load(graph, data, quads=n)
            loader.flush()
            assert loader.loaded == sum(sizes)
    assert _quads(tmp_path / "s") == _all_lines(report_graphs)
    assert not (tmp_path / "s" / "pending.json").exists()


def test_each_burst_is_as_large_as_everything_before_it(tmp_path: Path, report_graphs: list[tuple[str, bytes, int]]) -> None:
    """The burst rule: at least a batch, at least what was handed over before, at most the cap."""
    bursts: list[int] = []

    class Recording(GraphLoader):
        def _hand_over(self) -> None:
            if self._spool is not None and self._spool.index:
                bursts.append(self._spool.quads)
            super()._hand_over()

    graphs = report_graphs * 3  # the same graphs again: replaced, as a re-build would
    smallest = min(n for _g, _d, n in report_graphs)
    with open_store(str(tmp_path / "s"), read_only=False) as store:
        with Recording(store, burst_quads=10**9, batch_quads=smallest) as loader:
            for graph, data, n in graphs:
                loader.load(graph, data, quads=n)
            loader.flush()
    assert sum(bursts) == sum(n for _g, _d, n in graphs) and len(bursts) >= 3
    assert bursts[0] >= smallest
    assert all(b >= sum(bursts[:i]) for i, b in enumerate(bursts[:-1]))  # the last: what flush() found
    assert _quads(tmp_path / "s") == _all_lines(report_graphs)


def test_a_graph_given_twice_ends_as_its_last_version(tmp_path: Path, report_graphs: list[tuple[str, bytes, int]]) -> None:
    first_graph, first_data, n = report_graphs[0]
    other_data = report_graphs[1][1].replace(f"<{report_graphs[1][0]}> .".encode(), f"<{first_graph}> .".encode())
    with open_store(str(tmp_path / "s"), read_only=False) as store:
        with GraphLoader(store, burst_quads=n, batch_quads=n) as loader:  # each version in its own burst
            loader.load(first_graph, first_data, quads=n)
            loader.load(first_graph, other_data, quads=report_graphs[1][2])
            loader.flush()
    assert _quads(tmp_path / "s") == {line for line in other_data.decode("utf-8").splitlines() if line.strip()}


class _FailingStore:
    """Takes the first batch, then fails as a full disk would."""

    def __init__(self, store: object) -> None:
        self.store = store
        self.calls = 0

    def replace_graphs_nquads(self, items: list[tuple[str, bytes]]) -> None:
        self.calls += 1
        if self.calls > 1:
            raise StoreError("cannot write the store: No space left on device")
        self.store.replace_graphs_nquads(items)  # type: ignore[attr-defined]


def test_a_failure_in_the_loader_thread_reaches_the_build(tmp_path: Path, report_graphs: list[tuple[str, bytes, int]]) -> None:
    with open_store(str(tmp_path / "s"), read_only=False) as store:
        failing = _FailingStore(store)
        with pytest.raises(StoreError, match="No space left"):
            with GraphLoader(failing, burst_quads=1, batch_quads=1) as loader:  # type: ignore[arg-type]
                for graph, data, n in report_graphs:
                    loader.load(graph, data, quads=n)
                loader.flush()
        assert failing.calls == 2  # the bursts after the failure were dropped, not tried
    with open_store(str(tmp_path / "s"), read_only=True) as store:
        graphs = {str(g) for g in store.graphs()}
    assert graphs == {report_graphs[0][0]}  # the first report whole, nothing of the second


def test_an_interrupt_stops_the_thread_and_keeps_whole_reports(tmp_path: Path, report_graphs: list[tuple[str, bytes, int]]) -> None:
    """Ctrl-C in the middle of a build: the loader stops after its current batch; the store opens
    for writing again without an intent log to replay, holding whole reports only."""
    with open_store(str(tmp_path / "s"), read_only=False) as store:
        with pytest.raises(KeyboardInterrupt):
            with GraphLoader(store, burst_quads=1, batch_quads=1) as loader:
                for i, (graph, data, n) in enumerate(report_graphs):
                    loader.load(graph, data, quads=n)
                    if i == 2:
                        raise KeyboardInterrupt
    assert not (tmp_path / "s" / "pending.json").exists()
    stored = _quads(tmp_path / "s")
    by_graph = {g: {line for line in d.decode("utf-8").splitlines() if line.strip()} for g, d, _n in report_graphs}
    kept = [g for g, lines in by_graph.items() if lines & stored]
    assert len(kept) <= 3
    assert stored == set().union(*(by_graph[g] for g in kept))  # whole reports, nothing else


def test_the_build_says_how_much_is_still_being_stored(tmp_path: Path) -> None:
    """Once every report is extracted the last burst is still loading; the progress callback's
    ``storing`` hears how many triples that is (the five samples: all of them, one burst)."""
    from kg.build import run_build

    told: list[int] = []

    def on_file(outcome: object) -> None:
        pass

    on_file.storing = told.append  # type: ignore[attr-defined]
    summary = run_build(str(tmp_path / "s"), [SAMPLE_DIR], progress=on_file)
    assert told == [sum(o.triples for o in summary.outcomes)] and told[0] > 1000
