"""Selector: nesting, crossing spans, propagation, boilerplate lines."""

from kg.nlp.components.selector import select
from kg.nlp.extract import extract_text


def test_crossing_spans_higher_priority_wins():
    out = select([(0, 6, "ENTERPRISE", "kg_org_grammar"), (4, 10, "POLICY", "kg_quoted")])
    assert [c[3] for c in out] == ["kg_quoted"]


def test_nested_region_prefix_dropped_but_nested_host_kept():
    out = select([(0, 8, "PLATFORM", "kg_org_grammar"), (0, 4, "UNIVERSITY", "kg_gazetteer"), (0, 2, "REGION", "kg_regions")])
    labels = sorted(c[2] for c in out)
    assert labels == ["PLATFORM", "UNIVERSITY"]


def test_every_occurrence_becomes_a_mention():
    ex = extract_text("东华理工大学团队来访。双方商定,东华理工大学派驻专家。")
    assert len(ex.entity("东华理工大学").spans) == 2


def test_boilerplate_lines_ignored():
    ex = extract_text("东华理工大学与企业合作。\n上一篇:青山论坛顺利召开\n下一篇:江西冻雨过后景观")
    names = {e.name for e in ex.entities}
    assert "东华理工大学" in names
    assert not any("论坛" in n or n == "江西" for n in names)


def test_defined_short_form_is_an_alias():
    ex = extract_text("青云山新材料有限公司(以下简称“青云新材”)与东华理工大学合作。青云新材将投入资金。")
    e = ex.entity("青云山新材料有限公司")
    assert "青云新材" in e.aliases and len(e.spans) == 3
