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


def run(shared: Path) -> dict[str, str]:
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
        out[gold_name] = res.stdout
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    for name, table in run(Path(args.shared)).items():
        print(f"== {name} ==\n{table}")


if __name__ == "__main__":
    main()
