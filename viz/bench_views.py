#!/usr/bin/env python3
"""Time `kg hubs`, `kg metrics` and `kg viz` on a large synthetic store (hand-made extractions).

    python viz/bench_views.py --reports 3000 --store /tmp/kg-bench-views

Each synthetic report names a region, a few universities/institutes, enterprises and platforms
drawn from fixed pools (seeded) and states 6 collaborations among them, so the store has the
shape of the real graph at thousands of reports without depending on the extractor.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def synthesise(store: Path, n_reports: int, seed: int = 1) -> None:
    sys.path.insert(0, str(REPO))
    from kg.model import Collaboration, Entity, Extraction, Report
    from kg.rdf.mapping import report_graph
    from kg.store import open_store

    rng = random.Random(seed)
    unis = [f"第{i}大学" for i in range(300)]
    insts = [f"第{i}研究院所" for i in range(200)]
    ents = [f"第{i}科技有限公司" for i in range(4000)]
    plats = [f"第{i}重点实验室" for i in range(600)]
    regions = [(f"{6201 + i:04d}00", f"第{i}市") for i in range(60)]
    with open_store(str(store)) as st:
        for r in range(n_reports):
            code, rname = regions[r % len(regions)]
            region = Entity(name=rname, type="REGION", code=code, parents=["甘肃省"])
            chosen = [
                Entity(name=n, type=t, located_in=rname if rng.random() < 0.7 else None)
                for n, t in (
                    [(rng.choice(unis), "UNIVERSITY") for _ in range(2)]
                    + [(rng.choice(insts), "RESEARCH_INSTITUTE")]
                    + [(rng.choice(ents), "ENTERPRISE") for _ in range(4)]
                    + [(rng.choice(plats), "PLATFORM") for _ in range(2)]
                )
            ]
            uniq = {e.name: e for e in chosen}
            names = list(uniq)
            collabs = []
            for _ in range(6):
                a, b = rng.sample(names, 2)
                kind = "HOSTS" if uniq[b].type == "PLATFORM" else rng.choice(["COOPERATES", "COOPERATES", "CO_BUILDS"])
                collabs.append(Collaboration(a=a, b=b, kind=kind, evidence=f"{a}与{b}合作（报告{r}）。"))
            ex = Extraction(
                report=Report(doc_id=f"syn_{r:05d}.txt", text="", title=f"合成报告{r}", sha256=str(r)),
                entities=[region, *uniq.values()],
                collaborations=collabs,
                subject_region=rname,
            )
            graph, triples = report_graph(ex)
            st.replace_graph(graph, triples)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=3000)
    ap.add_argument("--store", default="/tmp/kg-bench-views")
    args = ap.parse_args()
    store = Path(args.store)
    if store.exists():
        shutil.rmtree(store)
    t = time.perf_counter()
    synthesise(store, args.reports)
    print(f"synthesised {args.reports} reports in {time.perf_counter() - t:.1f} s")
    env = {**os.environ, "KG_STORE": str(store)}
    kg = [sys.executable, "-m", "kg"]
    subprocess.run([*kg, "stats"], env=env, check=True)
    print(f"kg hubs --top 10: {timed([*kg, 'hubs', '--top', '10'], env):.1f} s")
    print(f"kg metrics --top 10: {timed([*kg, 'metrics', '--top', '10'], env):.1f} s")
    out = store.parent / "kg-bench-view.html"
    print(f"kg viz (default view): {timed([*kg, 'viz', '-o', str(out)], env):.1f} s → {out.stat().st_size / 1e6:.1f} MB")
    out2 = store.parent / "kg-bench-focus.html"
    print(f"kg viz --focus 第1大学 --depth 1: {timed([*kg, 'viz', '-o', str(out2), '--focus', '第1大学'], env):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
