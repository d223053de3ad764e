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


def test_company_short_name_without_definition_is_an_alias():
    # the short name is the part after the region and a place word, or its head plus industry word
    text = "湖南雁峰山朗晴生物科技有限公司和衡阳市拓川精工机械有限公司获评创新型企业。朗晴生物与湘南学院共建联合实验室,拓川精工与南华大学合作研制新型轴承。"
    ex = extract_text(text)
    assert "朗晴生物" in ex.entity("湖南雁峰山朗晴生物科技有限公司").aliases
    assert "拓川精工" in ex.entity("衡阳市拓川精工机械有限公司").aliases
    pairs = {frozenset((c.a, c.b)) for c in ex.collaborations}
    assert frozenset(("湖南雁峰山朗晴生物科技有限公司", "湘南学院")) in pairs
    assert frozenset(("衡阳市拓川精工机械有限公司", "南华大学")) in pairs


def test_company_short_name_not_an_industry_phrase():
    # 精工机械 opens with an industry word; 机械制造 stands inside a longer phrase
    ex = extract_text("衡阳市拓川精工机械有限公司投产。全市精工机械产业规模扩大。")
    assert ex.entity("衡阳市拓川精工机械有限公司").aliases == []
    assert not any(e.name == "精工机械" for e in ex.entities)
