"""Report-level resolution: aliases, canonical names, relation endpoints."""

from kg.model import Report
from kg.resolve import resolve_report


def test_abbreviation_becomes_alias_of_full_form():
    text = "中国科学院专家来访。中科院团队参与。"
    m = [(0, 5, "RESEARCH_INSTITUTE", "kg_gazetteer"), (10, 13, "RESEARCH_INSTITUTE", "kg_gazetteer")]
    ex = resolve_report(Report(doc_id="t", text=text), m, [])
    assert len(ex.entities) == 1
    e = ex.entities[0]
    assert e.name == "中国科学院" and e.aliases == ["中科院"]


def test_relation_endpoint_on_alias_maps_to_entity_name():
    text = "中国科学院专家来访。中科院与东华理工大学合作。"
    m = [
        (0, 5, "RESEARCH_INSTITUTE", "kg_gazetteer"),
        (10, 13, "RESEARCH_INSTITUTE", "kg_gazetteer"),
        (14, 20, "UNIVERSITY", "kg_org_grammar"),
    ]
    rel = [((10, 13), (14, 20), "COOPERATES", (10, 23), "合作")]
    ex = resolve_report(Report(doc_id="t", text=text), m, rel)
    assert [c.to_json() for c in ex.collaborations] == [["中国科学院", "东华理工大学", "COOPERATES"]] or [
        c.to_json() for c in ex.collaborations
    ] == [["东华理工大学", "中国科学院", "COOPERATES"]]


def test_region_entity_has_code_parents_and_located_in():
    text = "高台县科技局组织活动。高台县企业参加。"
    m = [(0, 6, "GOVERNMENT", "kg_government"), (11, 14, "REGION", "kg_regions")]
    ex = resolve_report(Report(doc_id="t", text=text), m, [])
    reg = ex.entity("高台县")
    assert reg.code == "620724" and reg.parents == ["张掖市", "甘肃省"]
    assert ex.entity("高台县科技局").located_in == "高台县"
    assert ex.subject_region == "高台县"


def test_anonymised_mentions_dropped():
    text = "xx市科技局开展工作。"
    ex = resolve_report(Report(doc_id="t", text=text), [(0, 6, "GOVERNMENT", "x")], [])
    assert ex.entities == []


def test_subject_region_prefers_the_title():
    from kg.nlp.extract import extract_text

    ex = extract_text("2024年青海省科技厅工作要点\n支持西宁、海东建设平台。西宁、海东加强合作。")
    assert ex.subject_region == "青海省"


def test_relative_city_body_of_a_county_level_city_is_its_own():
    from kg.model import Report
    from kg.nlp.extract import extract

    text = "醴陵市科学技术局2024年工作总结\n醴陵市科学技术局在株洲市科技局的指导下推进工作。市科技局联合湖南工业大学开展技术攻关。"
    ex = extract(Report(doc_id="t", text=text, title="醴陵市科学技术局2024年工作总结"))
    assert ex.subject_region == "醴陵市"
    pairs = {frozenset((c.a, c.b)) for c in ex.collaborations}
    assert frozenset(("醴陵市科学技术局", "湖南工业大学")) in pairs
    assert "市科技局" not in ex.entity("株洲市科技局").aliases


def test_talent_scheme_and_its_support_plan_form_are_one_programme():
    # “甲乙英才支持计划” with the scheme 甲乙英才 nested in it: one programme, not two
    text = "组织开展“青岚英才支持计划”申报，3人入选。"
    s = text.index("青岚英才支持计划")
    m = [(s, s + 8, "PROGRAM", "kg_quoted"), (s, s + 4, "PROGRAM", "kg_gazetteer")]
    ex = resolve_report(Report(doc_id="t", text=text), m, [])
    assert [(e.name, e.aliases) for e in ex.entities] == [("青岚英才支持计划", ["青岚英才"])]


def test_short_form_of_an_institute_takes_the_full_names_type():
    from kg.nlp.extract import extract_text

    x = extract_text("中国科学院星澜创新研究院（以下简称“星澜研究院”）落户我市。依托星澜研究院建设了稀土冶金中试基地。")
    ents = {e.name: e for e in x.entities}
    full = ents["中国科学院星澜创新研究院"]
    assert full.type == "RESEARCH_INSTITUTE" and "星澜研究院" in full.aliases, ents
    assert "星澜研究院" not in ents


def test_a_platform_name_that_ends_another_platform_name_is_its_short_form():
    from kg.nlp.extract import extract_text

    x = extract_text("星河大学—青川陶瓷先进材料联合研究院揭牌。陶瓷先进材料联合研究院将开展攻关。石桥科学院玉林产业技术研究院成立，玉林产业技术研究院已引进团队。")
    ents = {e.name: e for e in x.entities if e.type == "PLATFORM"}
    assert "陶瓷先进材料联合研究院" in ents["星河大学—青川陶瓷先进材料联合研究院"].aliases, ents
    assert "陶瓷先进材料联合研究院" not in ents and "玉林产业技术研究院" not in ents, ents
