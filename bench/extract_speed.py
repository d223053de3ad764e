"""Extraction speed and peak memory of the whole entity/relation pipeline on a large input.

usage: python bench/extract_speed.py [--mb 5] [--shared ../shared]

Builds a synthetic corpus by repeating the sample reports (data/reports, or ../shared/corpus and its
dev texts) to about ``--mb`` megabytes, split into report-sized documents, runs ``kg.nlp.extract``
over all of them on one core and prints characters per second and peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path


def corpus(shared: Path, repo: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((repo / "data" / "reports").glob("*.txt"))]
    for folder in (shared / "corpus", shared / "corpus" / "dev"):
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


def main() -> None:
    repo = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--shared", default=str(repo.parent / "shared"))
    args = ap.parse_args()
    from kg.model import Report
    from kg.nlp.extract import extract, load_pipeline

    base = corpus(Path(args.shared), repo)
    if not base:
        sys.exit("no sample texts found")
    target = int(args.mb * 1_000_000)
    docs, total, i = [], 0, 0
    while total < target:
        t = base[i % len(base)]
        docs.append(Report(doc_id=f"r{i}.txt", text=t))
        total += len(t)
        i += 1
    nlp = load_pipeline()
    extract(Report(doc_id="warm.txt", text=base[0]), nlp=nlp)  # load gazetteers once
    t0, c0 = time.perf_counter(), time.process_time()
    n_ent = 0
    for r in docs:
        n_ent += len(extract(r, nlp=nlp).entities)
    dt, ct = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents {len(docs)}  characters {total:,}  entities {n_ent:,}")
    print(f"wall {dt:.2f} s: {total / dt:,.0f} chars/s   cpu {ct:.2f} s: {total / ct:,.0f} chars/s   peak RSS {peak_mb:.0f} MB")
    # one big report too (chunking path)
    big = Report(doc_id="big.txt", text="\n".join(base) * max(1, target // (10 * sum(map(len, base)))))
    t0, c0 = time.perf_counter(), time.process_time()
    extract(big, nlp=nlp)
    dt, ct = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"one report of {len(big.text):,} chars: wall {len(big.text) / dt:,.0f} chars/s, "
        f"cpu {len(big.text) / ct:,.0f} chars/s  peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
