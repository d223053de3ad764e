"""Score the indicator extractor on the dev set and print score_indicators.py's output.

usage: python bench/indicators_dev.py [--shared ../shared] [--out PRED.jsonl] [--show-errors]

Each report of <shared>/corpus/*.txt is read, its subject region and year detected from its title
lines (kg.indicators.detect_subject_region / detect_year), the observations extracted and written
as INDICATORS.md JSON Lines; then <shared>/eval/score_indicators.py scores them against
<shared>/gold/indicators_seeds.jsonl.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.indicators import detect_subject_region, detect_year, extract_indicators

FIELDS = ("indicator", "qualifier", "value", "unit", "region", "year", "kind", "text")


def predict(corpus: Path) -> tuple[list[dict], int, float]:
    lines, chars, t0 = [], 0, time.perf_counter()
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        chars += len(text)
        region, _level, _masked = detect_subject_region(text)
        year = detect_year(text)
        obs = extract_indicators(text, region, year)
        lines.append({"doc": path.name, "indicators": [{k: o[k] for k in FIELDS if k in o} for o in obs]})
    return lines, chars, time.perf_counter() - t0


def score(shared: Path, pred_path: Path, as_json: bool = False) -> str:
    cmd = [sys.executable, str(shared / "eval" / "score_indicators.py"),
           str(shared / "gold" / "indicators_seeds.jsonl"), str(pred_path)]
    if as_json:
        cmd.append("--json")
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def show_errors(shared: Path, pred: list[dict]) -> None:
    sys.path.insert(0, str(shared / "eval"))
    import score_indicators as si  # type: ignore

    gold = si.load(shared / "gold" / "indicators_seeds.jsonl")
    for line in pred:
        doc, pobs = line["doc"], line["indicators"]
        gobs = gold.get(doc, [])
        used: set[int] = set()
        for p in pobs:
            for gi, g in enumerate(gobs):
                if gi not in used and si.matches(g, p):
                    used.add(gi)
                    bad = [k for k in ("region", "year", "kind") if si.norm_text(g.get(k)) != si.norm_text(p.get(k))]
                    if bad:
                        print(f"ATTR {doc[:3]} {bad} gold={[g.get(k) for k in bad]} pred={[p.get(k) for k in bad]} | {p['indicator']} {p['value']}{p['unit']}")
                    break
            else:
                print(f"FP {doc[:3]} {p['indicator']!r} {p['value']}{p['unit']} | {p['text']}")
        for gi, g in enumerate(gobs):
            if gi not in used:
                print(f"FN {doc[:3]} {g['indicator']!r} {g['value']}{g['unit']} | {g['text']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--out", help="also keep the predictions here")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON")
    ap.add_argument("--show-errors", action="store_true")
    a = ap.parse_args()
    shared = Path(a.shared)
    pred, chars, secs = predict(shared / "corpus")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for line in pred:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        path = Path(fh.name)
    if a.out:
        Path(a.out).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    if a.show_errors:
        show_errors(shared, pred)
    print(score(shared, path, a.json), end="")
    print(f"extraction: {chars} chars in {secs * 1000:.1f} ms ({chars / max(secs, 1e-9) / 1000:.0f}k chars/s)")
    path.unlink()


if __name__ == "__main__":
    main()
