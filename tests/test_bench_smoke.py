"""The benchmark harness end to end at a tiny size (the real run is `python bench/run.py`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402  (bench/corpus.py)


def test_corpus_is_reproducible_and_report_sized(tmp_path: Path) -> None:
    a = corpus.generate(4, tmp_path / "a")
    b = corpus.generate(6, tmp_path / "b")
    files_a = sorted(p.name for p in a.glob("*.txt"))
    assert len(files_a) == 4 and files_a == sorted(p.name for p in b.glob("*.txt"))[:4]  # prefix of the bigger corpus
    for name in files_a:
        text = (a / name).read_text(encoding="utf-8")
        assert text == (b / name).read_text(encoding="utf-8")
        assert 2500 <= len(text) <= 5000 and "{" not in text  # every slot filled


def test_bench_runs_and_writes_the_table(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    res = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "3", "--repeat", "1", "--jobs", "1",
         "--extract-sample", "2", "--serial-up-to", "0", "--workdir", str(tmp_path / "work"), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    for needle in ("## Machine", "one process", "jieba", "`kg build --jobs 1` wall time", "peak memory", "store on disk",
                   "query collaborations — Oxigraph", "query two_hop — rdflib in-memory", "`kg hubs`", "`kg viz`"):  # fmt: skip
        assert needle in text, needle
    data = json.loads(out.with_suffix(".json").read_text())
    [size] = data["sizes"]
    assert size["reports"] == 3 and size["quads"] > 0 and size["build_s"] > 0
    assert {"collaborations", "entities_by_region", "two_hop"} <= set(size["queries"])
    assert all("rows" in size["queries"][q] for q in ("collaborations", "entities_by_region", "platforms_hosts", "reports", "two_hop"))


def test_a_slow_rdflib_query_is_cut_and_the_next_one_still_runs(tmp_path: Path) -> None:
    import run  # bench/run.py

    nq = tmp_path / "g.nq"
    nq.write_text(
        "".join(f"<urn:s{i}> <urn:p{i % 7}> \"o{i}\" <urn:g{i % 3}> .\n" for i in range(1500)), encoding="utf-8"
    )
    queries = {
        # a three-way cross product of 1,500 triples: billions of rows, far beyond the cut
        "slow": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }",
        "fast": "SELECT ?s WHERE { ?s <urn:p3> ?o }",
    }
    res = run.run_queries("rdflib", str(nq), queries, {"slow": 1.0, "fast": 30.0}, tmp_path, 0, 120)
    assert res["slow"] == {"cut_s": 1.0}
    assert res["fast"]["rows"] == len([i for i in range(1500) if i % 7 == 3])
    assert res["load_s"] > 0 and res["peak_mb"] > 0


def test_rdflib_cuts_default_to_a_multiple_of_oxigraphs_time() -> None:
    import run  # bench/run.py

    ox = {"a": {"rows": 1, "s": 4.0}, "b": {"rows": 1, "s": 0.01}, "c": {"cut_s": 45.0}}
    assert run.rdflib_cuts(ox, ["a", "b", "c"], 45.0, None) == {"a": 100.0, "b": 45.0, "c": 45.0}
    assert run.rdflib_cuts(ox, ["a", "b"], 45.0, 300.0) == {"a": 300.0, "b": 300.0}
