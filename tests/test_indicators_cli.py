"""Issue 7: observations in the store and `kg indicators` region × year tables."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_kg
from kg.api import ONTOLOGY_GRAPH, ontology_triples
from kg.indicators import extract_indicators
from kg.model import Entity, Extraction, Report
from kg.rdf import report_graph
from kg.store import open_store

# Short reports written for the test, with known figures.
REPORTS = {
    "a2023.txt": ("甲水县", 2023, "2023年，甲水县新认定高新技术企业5家，全县高新技术企业达到21家。"),
    "a2024.txt": ("甲水县", 2024, "2024年，全县高新技术企业达到27家，技术合同成交额1.5亿元。"),
    "b2024.txt": ("乙山县", 2024, "2024年，乙山县高新技术企业达到12家。"),
}


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with open_store(str(path)) as store:
        store.replace_graph(ONTOLOGY_GRAPH, ontology_triples())
        for doc, (region, year, text) in REPORTS.items():
            x = Extraction(
                report=Report(doc_id=doc, text=text, year=year),
                entities=[Entity(name=region, type="REGION")],
                subject_region=region,
                indicators=extract_indicators(text, region, year),
            )
            store.replace_graph(*report_graph(x))
    return path


def test_region_by_year_table(tmp_path: Path) -> None:
    store = _store(tmp_path)
    out = run_kg("indicators", "--indicator", "高新技术企业", "--format", "json", store=store)
    assert out.returncode == 0, out.stderr
    rows = {(r["region"], r["qualifier"], r["kind"]): r for r in json.loads(out.stdout)}
    jia = rows[("甲水县", "", "actual")]
    assert jia["2024"] == 27 and jia["2023"] == 21
    assert rows[("甲水县", "认定", "actual")]["2023"] == 5  # newly recognised ones stay apart
    assert rows[("乙山县", "", "actual")]["2024"] == 12


def test_alias_finds_the_concept_and_csv_has_bom(tmp_path: Path) -> None:
    store = _store(tmp_path)
    out = run_kg("indicators", "--indicator", "技术合同成交额", "--format", "csv", store=store)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("\ufeff")
    assert "150000000" in out.stdout and "甲水县" in out.stdout


def test_unknown_indicator_is_one_line(tmp_path: Path) -> None:
    out = run_kg("indicators", "--indicator", "不存在的指标", store=_store(tmp_path))
    assert out.returncode == 1 and out.stderr.count("\n") == 1


def test_observations_conform_to_shapes(tmp_path: Path) -> None:
    out = run_kg("validate", store=_store(tmp_path))
    assert out.returncode == 0, out.stdout + out.stderr


def test_concept_is_the_head_of_the_label() -> None:
    from kg.indicators.normalise import concept_for

    hnte = concept_for("高新技术企业")
    assert hnte is not None
    assert concept_for("省级高新技术企业") == hnte  # a kind of high-tech enterprise
    assert concept_for("高企所得税减免税额") != hnte  # a tax amount, not a count of enterprises
