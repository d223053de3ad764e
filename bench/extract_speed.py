"""Extraction speed and peak memory of the whole entity/relation pipeline on a large input.

usage: python bench/extract_speed.py [--mb 5] [--doc-chars 2200] [--components] [--shared ../shared]

Builds a synthetic corpus by repeating the sample reports (data/reports, or ../shared/corpus and its
dev texts) to about ``--mb`` megabytes, split into report-sized documents, runs ``kg.nlp.extract``
over all of them on one core and prints characters per second and peak RSS.

``--doc-chars N`` cuts the repeated sample text into documents of N characters instead (report-sized
pieces: per-document overheads weigh more). ``--components`` also prints the CPU time of each stage
(Doc construction, each pipeline component, kg.resolve, indicators) over the same documents.
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


def per_stage(docs, nlp, total: int) -> None:
    """CPU seconds of each stage of kg.nlp.extract._extract over ``docs`` (plain-simplified texts)."""
    from kg.indicators import extract_indicators
    from kg.nlp.doc_ext import entity_spans
    from kg.resolve import resolve_report

    clock = time.process_time
    cost: dict[str, float] = {}

    def add(name: str, t0: float) -> float:
        t1 = clock()
        cost[name] = cost.get(name, 0.0) + t1 - t0
        return t1

    for r in docs:
        t = clock()
        doc = nlp.make_doc(r.text)
        doc._.kg_meta = {"doc_id": r.doc_id, "title": r.title, "year": r.year, "region": r.region}
        doc.user_data["kg_text"] = r.text
        t = add("make_doc", t)
        for name, component in nlp.pipeline:
            doc = component(doc)
            t = add(name, t)
        mentions = [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in entity_spans(doc)]
        rels = [
            ((a.start_char, a.end_char), (b.start_char, b.end_char), k, (se.start_char, se.end_char), tr)
            for a, b, k, se, tr in doc._.kg_relations or []
        ]
        doc.user_data.clear()
        for key in list(doc.spans):
            del doc.spans[key]
        doc._.kg_relations = None
        del doc
        t = add("(collect)", t)
        ex = resolve_report(r, mentions, rels)
        t = add("resolve_report", t)
        extract_indicators(r.text, ex.subject_region, r.year)
        add("indicators", t)
    all_cpu = sum(cost.values())
    print(f"per stage (cpu s, share; whole {total / all_cpu:,.0f} chars/s):")
    for name, sec in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24s} {sec:7.3f}  {100 * sec / all_cpu:5.1f}%")


def main() -> None:
    repo = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--shared", default=str(repo.parent / "shared"))
    ap.add_argument("--doc-chars", type=int, default=0, help="documents of this many characters")
    ap.add_argument("--components", action="store_true", help="CPU time per pipeline stage")
    ap.add_argument("--no-big", action="store_true", help="skip the one-big-report run")
    args = ap.parse_args()
    from kg.model import Report
    from kg.nlp.extract import extract, load_pipeline

    base = corpus(Path(args.shared), repo)
    if not base:
        sys.exit("no sample texts found")
    target = int(args.mb * 1_000_000)
    docs, total, i = [], 0, 0
    if args.doc_chars > 0:
        joined = "\n".join(base)
        n = args.doc_chars
        while total < target:
            start = (i * n) % len(joined)
            t = (joined[start:] + "\n" + joined)[:n]
            docs.append(Report(doc_id=f"r{i}.txt", text=t))
            total += len(t)
            i += 1
    else:
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
    if args.components:
        per_stage(docs, nlp, total)
    if args.no_big:
        return
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
