"""Score the extractor on the development set (../shared gold files) and print score.py's tables.

usage: python bench/devscore.py [--shared ../shared] [--json OUT]

Runs kg's extraction over the five sample reports and the dev partnership texts, writes the
ANNOTATION.md JSON Lines to a temporary file and runs ../shared/eval/score.py on each gold file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def _read(path: Path):
    try:
        from kg.read import read_report

        return read_report(path)
    except ImportError:  # before kg.read exists
        from kg.model import Report

        return Report(doc_id=path.name, text=path.read_text(encoding="utf-8"), path=str(path))


def errors(shared: Path, gold_name: str, pred_path: str) -> str:
    """Per-report false positives and false negatives (typed), for error analysis."""
    sys.path.insert(0, str(shared / "eval"))
    import score as sc  # type: ignore

    gold, pred = sc.load(str(shared / "gold" / f"{gold_name}.jsonl")), sc.load(pred_path)
    lines = []
    for doc, g in gold.items():
        ge, pe = g.get("entities", []), pred.get(doc, {}).get("entities", [])
        pairs = sc.match_entities(ge, pe, True)
        mg, mp = {a for a, _ in pairs}, {b for _, b in pairs}
        fn = [f"{e['name']}/{e['type'][:4]}" for i, e in enumerate(ge) if i not in mg]
        fp = [f"{e['name']}/{e['type'][:4]}" for i, e in enumerate(pe) if i not in mp]
        lines.append(f"## {doc}\n  FN: {' ; '.join(fn)}\n  FP: {' ; '.join(fp)}")
    return "\n".join(lines)


def run(shared: Path, show_errors: bool = False) -> dict[str, str]:
    from kg.nlp import extract

    out: dict[str, str] = {}
    for gold_name, files in (
        ("seeds", sorted((shared / "corpus").glob("*.txt"))),
        ("dev", sorted((shared / "corpus" / "dev").glob("*.txt"))),
    ):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
            for f in files:
                fh.write(json.dumps(extract(_read(f)).to_json(with_indicators=False), ensure_ascii=False) + "\n")
        res = subprocess.run(
            [sys.executable, str(shared / "eval" / "score.py"), str(shared / "gold" / f"{gold_name}.jsonl"), fh.name],
            capture_output=True,
            text=True,
            check=True,
        )
        out[gold_name] = res.stdout + (("\n" + errors(shared, gold_name, fh.name)) if show_errors else "")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--errors", action="store_true", help="list false positives and negatives per report")
    args = ap.parse_args()
    for name, table in run(Path(args.shared), args.errors).items():
        print(f"== {name} ==\n{table}")


if __name__ == "__main__":
    main()
