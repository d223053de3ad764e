"""Government bodies: relative and region-prefixed forms, generic groups rejected."""

from kg.model import Report
from kg.nlp.extract import extract, extract_text


def names(text):
    return {(e.name, e.type) for e in extract_text(text).entities}


def test_relative_bodies():
    out = names("在县委、县政府的领导下,县科技局会同省科技厅开展工作。")
    assert {("县委", "GOVERNMENT"), ("县政府", "GOVERNMENT"), ("县科技局", "GOVERNMENT"), ("省科技厅", "GOVERNMENT")} <= out


def test_region_chain_body():
    out = names("重庆市九龙坡区人民政府与企业签约。")
    assert ("重庆市九龙坡区人民政府", "GOVERNMENT") in out


def test_generic_groups_are_not_bodies():
    out = names("科技部门和各级政府要加强协作,市县政府要落实责任。")
    assert not any(t == "GOVERNMENT" for _n, t in out)


def test_national_body_not_inside_word():
    out = names("科技部门积极对接。")
    assert ("科技部", "GOVERNMENT") not in out
    assert ("科技部", "GOVERNMENT") in names("获得科技部支持。")


def test_relative_body_canonical_uses_subject_region():
    r = Report(doc_id="t.txt", text="张掖市科技工作会议召开。市科技局表示,张掖市将加大投入。", region="张掖市")
    ent = extract(r).entity("市科技局")
    assert ent is not None and ent.name == "市科技局"
    assert ent.canonical == "张掖市科技局"


def test_long_and_short_body_forms_merge():
    r = Report(doc_id="t.txt", text="青海省科学技术厅发布通知。省科技厅要求各单位落实。青海省各地积极响应。", region="青海省")
    ex = extract(r)
    ent = ex.entity("省科技厅")
    assert ent is not None and ent.name == "青海省科学技术厅"


def test_party_committees_and_league_offices():
    out = names("认真贯彻自治区党委决策部署,锡林郭勒盟行政公署发布通知,企业党委书记讲话。")
    assert ("自治区党委", "GOVERNMENT") in out and ("锡林郭勒盟行政公署", "GOVERNMENT") in out
    assert not any(n.endswith("企业党委") for n, _t in out)


def test_ministry_sub_unit():
    out = names("与科技部火炬中心共同举办。")
    assert ("科技部火炬中心", "GOVERNMENT") in out
