"""Issue 2: `kg extract --format jsonl` writes exactly the ANNOTATION.md format."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE_DIR, run_kg
from kg.model import COLLABORATION_KINDS, ENTITY_TYPES

ANONYMISED = ("xx", "XX", "*", "某")


def _check_line(obj: dict) -> None:
    assert set(obj) >= {"doc", "entities", "collaborations"}
    assert set(obj) <= {"doc", "subject_region", "entities", "collaborations", "indicators"}
    assert isinstance(obj["doc"], str) and "/" not in obj["doc"]
    assert obj.get("subject_region") is None or isinstance(obj["subject_region"], str)
    names = set()
    for e in obj["entities"]:
        assert set(e) == {"name", "type", "aliases"}
        assert e["type"] in ENTITY_TYPES
        assert isinstance(e["name"], str) and e["name"].strip()
        assert isinstance(e["aliases"], list) and all(isinstance(a, str) for a in e["aliases"])
        assert not any(mark in e["name"] for mark in ANONYMISED), e["name"]
        names.add(e["name"])
        names.update(e["aliases"])
    for c in obj["collaborations"]:
        assert isinstance(c, list) and len(c) == 3
        assert c[0] in names and c[1] in names and c[0] != c[1]
        assert c[2] in COLLABORATION_KINDS


def test_jsonl_matches_annotation_schema() -> None:
    out = run_kg("extract", "--format", "jsonl", *map(str, sorted(SAMPLE_DIR.glob("*.txt"))))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 5
    for line in lines:
        _check_line(json.loads(line))


def test_bad_file_is_one_line_and_others_still_extracted(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = sorted(SAMPLE_DIR.glob("*.txt"))[0]
    out = run_kg("extract", str(empty), str(good), str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "empty.txt" in errors[0] and "empty" in errors[0]
    assert "missing.txt" in errors[1]
    assert len(out.stdout.splitlines()) == 1 and json.loads(out.stdout)["doc"] == good.name
