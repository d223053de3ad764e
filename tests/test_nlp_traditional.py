"""Reports in traditional characters: extracted on a simplified copy, names reported as written.

Each text below is written twice by hand, in traditional and simplified characters; the traditional
one must give the same entities, types and collaborations (compared through the character table),
with every name, alias and evidence sentence exactly as the traditional text writes it.
"""

from __future__ import annotations

import pytest

from kg.model import Report
from kg.nlp.extract import extract, extract_text
from kg.nlp.variants import has_traditional, to_simplified, ts_table
from kg.rdf.mapping import entity_node_iri, report_graph

# (traditional, simplified) twins
TWINS = {
    "universities": (
        "蘭州大學與西北師範大學簽訂戰略合作協議，雙方將聯合開展科研攻關。",
        "兰州大学与西北师范大学签订战略合作协议，双方将联合开展科研攻关。",
    ),
    "companies": (
        "甘肅銀光化學工業集團有限公司與蘭州理工大學開展產學研合作。",
        "甘肃银光化学工业集团有限公司与兰州理工大学开展产学研合作。",
    ),
    "hosted_lab": (
        "依托蘭州大學建設的甘肅省乾旱農業生態重點實驗室通過驗收。",
        "依托兰州大学建设的甘肃省乾旱农业生态重点实验室通过验收。",
    ),
    "government_region": (
        "2024年，高臺縣科技局組織企業申報項目。高臺縣與張掖市農業科學研究院簽訂合作協議。",
        "2024年，高台县科技局组织企业申报项目。高台县与张掖市农业科学研究院签订合作协议。",
    ),
    "report": (
        "2025年蘭州市科技創新工作總結\n"
        "蘭州大學與甘肅省科學院合作共建重點實驗室。\n"
        "高臺縣人民政府與蘭州理工大學簽訂合作協議。\n"
        "甘肅省科技廳支持蘭州新區建設科技企業孵化器。\n"
        "全市高新技術企業達到1200家，技術合同成交額達到50億元。\n",
        "2025年兰州市科技创新工作总结\n"
        "兰州大学与甘肃省科学院合作共建重点实验室。\n"
        "高台县人民政府与兰州理工大学签订合作协议。\n"
        "甘肃省科技厅支持兰州新区建设科技企业孵化器。\n"
        "全市高新技术企业达到1200家，技术合同成交额达到50亿元。\n",
    ),
}


def _facts(ext, convert=lambda s: s):
    ents = {(convert(e.name), e.type) for e in ext.entities}
    collabs = {(frozenset((convert(c.a), convert(c.b))), c.kind) for c in ext.collaborations}
    return ents, collabs


@pytest.mark.parametrize("case", sorted(TWINS))
def test_twins_have_the_same_facts(case: str) -> None:
    trad, simp = TWINS[case]
    assert len(trad) == len(simp) and to_simplified(trad) == simp  # the twins are character twins
    t, s = extract_text(trad), extract_text(simp)
    t_ents, t_collabs = _facts(t, to_simplified)
    s_ents, s_collabs = _facts(s)
    assert s_ents, "the simplified twin must give entities for the comparison to mean anything"
    assert t_ents == s_ents
    assert t_collabs == s_collabs
    assert t.subject_region is None or to_simplified(t.subject_region) == s.subject_region


@pytest.mark.parametrize("case", sorted(TWINS))
def test_names_are_as_written_and_offsets_hold(case: str) -> None:
    trad, _simp = TWINS[case]
    ext = extract_text(trad)
    assert ext.report.text == trad  # the extraction keeps the original report
    for ent in ext.entities:
        written = {trad[s:e] for s, e in ent.spans}
        assert ent.name in written, (ent.name, written)
        assert set(ent.aliases) <= written
        assert ent.name in trad
    for collab in ext.collaborations:
        assert collab.evidence == trad[collab.span[0] : collab.span[1]]
        assert {collab.a, collab.b} <= {e.name for e in ext.entities}
    for obs in ext.indicators:
        assert obs["text"] == trad[obs["start"] : obs["end"]]


def test_expected_traditional_names() -> None:
    ext = extract_text(TWINS["hosted_lab"][0] + TWINS["government_region"][0] + TWINS["companies"][0])
    got = {(e.name, e.type) for e in ext.entities}
    assert {
        ("蘭州大學", "UNIVERSITY"),
        ("甘肅省乾旱農業生態重點實驗室", "PLATFORM"),
        ("高臺縣科技局", "GOVERNMENT"),
        ("高臺縣", "REGION"),
        ("甘肅銀光化學工業集團有限公司", "ENTERPRISE"),
    } <= got
    pairs = {(c.a, c.b, c.kind) for c in ext.collaborations}
    assert ("蘭州大學", "甘肅省乾旱農業生態重點實驗室", "HOSTS") in pairs
    region = ext.entity("高臺縣")
    assert region is not None and region.code == "620724"  # gazetteer fields stay grounded


def test_indicators_quote_the_original() -> None:
    trad = TWINS["report"][0]
    obs = extract_text(trad).indicators
    assert obs and all(o["text"] in trad for o in obs)
    assert any("技術合同成交額" in o["text"] for o in obs)


def test_mixed_writing_keeps_both_forms() -> None:
    ext = extract_text("高台县科技局与兰州大学合作。高臺縣科技局與蘭州大學簽約。")
    uni = ext.entity("兰州大学")
    assert uni is not None and uni is ext.entity("蘭州大學")
    assert uni.name == "兰州大学" and uni.aliases == ["蘭州大學"]  # first written form is the name


def test_same_iri_across_scripts() -> None:
    """蘭州大學 in one report and 兰州大学 in another are one node; its label is the simplified
    canonical form and the written form is an alias."""
    trad = extract(Report(doc_id="trad.txt", text=TWINS["universities"][0]))
    simp = extract(Report(doc_id="simp.txt", text=TWINS["universities"][1]))
    t_ent, s_ent = trad.entity("蘭州大學"), simp.entity("兰州大学")
    assert t_ent is not None and s_ent is not None
    assert t_ent.canonical == "兰州大学"
    assert entity_node_iri(t_ent) == entity_node_iri(s_ent)
    _g, triples = report_graph(trad)
    node = entity_node_iri(t_ent)
    objs = {str(o) for s, _p, o in triples if s == node}
    assert {"兰州大学", "蘭州大學"} <= objs


def test_simplified_text_is_untouched() -> None:
    table = ts_table()
    assert all(len(s) == 1 for s in table.values())
    # characters that are also correct simplified characters stay (乾县, 著名, 於 as a surname)
    for ch in "乾著於台里干后发":
        assert ord(ch) not in table, ch
    simp = TWINS["report"][1]
    assert not has_traditional(simp) and to_simplified(simp) == simp
    assert has_traditional("蘭") and to_simplified("衞生署") == "卫生署"  # Hong Kong variant
