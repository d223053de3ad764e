"""Issue 2: a GBK-encoded and a UTF-16 report decode to the same entities as their UTF-8 twin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLE_DIR, run_kg
from kg.read import read_report

SAMPLE = sorted(SAMPLE_DIR.glob("*.txt"))[0]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_encoded_twin_gives_same_entities(tmp_path: Path, encoding: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-le":  # BOM-less UTF-16 is rare but real; give it the BOM Windows writes
        data = b"\xff\xfe" + data
    twin = tmp_path / SAMPLE.name
    twin.write_bytes(data)
    assert read_report(twin).text == read_report(SAMPLE).text
    ref = json.loads(run_kg("extract", "--format", "jsonl", str(SAMPLE)).stdout)
    out = run_kg("extract", "--format", "jsonl", str(twin))
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["entities"] == ref["entities"]
    assert got["collaborations"] == ref["collaborations"]


def test_detected_encoding_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes("泾川县科技局组织开展科技特派员培训，全县新增高新技术企业3家。".encode("gbk"))
    report = read_report(f)
    assert report.encoding == "gb18030"
    assert "科技特派员" in report.text


def test_html_markup_and_scripts_are_stripped(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>科技工作总结</title><style>p{color:red}</style>"
        "<script>var x='南京大学';</script></head><body><p>江苏大学&nbsp;与镇江某公司合作。</p></body></html>",
        encoding="utf-8",
    )
    report = read_report(f)
    assert "color" not in report.text and "var x" not in report.text
    assert "江苏大学" in report.text and "<p>" not in report.text


def test_report_metadata(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("张掖市2024年科技创新工作总结\n\n全年新增高新技术企业5家。\n", encoding="utf-8")
    report = read_report(f)
    assert report.doc_id == "r.txt"
    assert report.title == "张掖市2024年科技创新工作总结"
    assert report.year == 2024
    assert len(report.sha256) == 64
