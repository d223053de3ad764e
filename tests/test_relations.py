"""Collaboration rules (kg_relations) on short made-up sentences, one family per test.

All names here are invented. Entities are placed by hand in doc.spans["kg_entities"] (every
occurrence of each given name, nested allowed), exactly as the entity components would.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
import spacy
from spacy.tokens import SpanGroup


def _register() -> None:
    try:
        import kg.nlp  # noqa: F401
    except ImportError:  # another component mid-change: load the relation modules alone
        import kg

        for name in ("kg.nlp", "kg.nlp.components"):
            sys.modules.pop(name, None)
            mod = types.ModuleType(name)
            mod.__path__ = [str(Path(kg.__file__).parent / name.split(".", 1)[1].replace(".", "/"))]
            sys.modules[name] = mod
        import kg.nlp.components.relations  # noqa: F401


_register()

U, C, G, P, R, I, PE = "UNIVERSITY", "ENTERPRISE", "GOVERNMENT", "PLATFORM", "REGION", "RESEARCH_INSTITUTE", "PERSON"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("kg_relations")
    return nlp


def rels(nlp, text: str, ents: dict[str, str]) -> set[tuple[str, str, str]]:
    doc = nlp.make_doc(text)
    spans = []
    for name, label in ents.items():
        for m in re.finditer(re.escape(name), text):
            spans.append(doc.char_span(m.start(), m.end(), label=label))
    doc.spans["kg_entities"] = SpanGroup(doc, name="kg_entities", spans=spans)
    doc = nlp.get_pipe("kg_relations")(doc)
    out = set()
    for a, b, kind, sent, trigger in doc._.kg_relations:
        assert sent.start_char < sent.end_char  # the evidence sentence (may hold an anaphor only)
        assert isinstance(trigger, str) and trigger
        if kind == "HOSTS":
            out.add((a.text, b.text, kind))
        else:
            x, y = sorted((a.text, b.text))
            out.add((x, y, kind))
    return out


def pairs(found) -> set[frozenset[str]]:
    return {frozenset(r[:2]) for r in found}


# ---- agreements --------------------------------------------------------------------------


def test_simple_agreement(nlp):
    got = rels(nlp, "近日,星河大学与蓝海科技有限公司签订战略合作协议。", {"星河大学": U, "蓝海科技有限公司": C})
    assert got == {("星河大学", "蓝海科技有限公司", "COOPERATES")}


def test_list_with_deng(nlp):
    text = "星河大学、北辰大学、东岳学院等高校分别与蓝海科技有限公司签约。"
    got = rels(nlp, text, {"星河大学": U, "北辰大学": U, "东岳学院": U, "蓝海科技有限公司": C})
    assert pairs(got) == {frozenset((x, "蓝海科技有限公司")) for x in ("星河大学", "北辰大学", "东岳学院")}


def test_multi_party_cross_pairs_only(nlp):
    text = "星河大学、北辰大学与蓝海科技有限公司、远山集团签署产学研合作协议。"
    ents = {"星河大学": U, "北辰大学": U, "蓝海科技有限公司": C, "远山集团": C}
    assert pairs(rels(nlp, text, ents)) == {
        frozenset((a, b)) for a in ("星河大学", "北辰大学") for b in ("蓝海科技有限公司", "远山集团")
    }


def test_he_connector_and_left_list(nlp):
    text = "青松市人民政府和远山集团等企业与星河大学签订了合作协议。"
    ents = {"青松市人民政府": G, "远山集团": C, "星河大学": U}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("青松市人民政府", "星河大学")), frozenset(("远山集团", "星河大学"))}


def test_signing_without_connector(nlp):
    text = "星河大学、蓝海科技有限公司正式签署合作协议。"
    assert pairs(rels(nlp, text, {"星河大学": U, "蓝海科技有限公司": C})) == {frozenset(("星河大学", "蓝海科技有限公司"))}


def test_elided_subject_in_second_clause(nlp):
    text = "星河大学与蓝海科技有限公司联合申报的云杉工程技术研究中心和与远山集团联合申报的松涛工程技术研究中心获批。"
    ents = {"星河大学": U, "蓝海科技有限公司": C, "远山集团": C, "云杉工程技术研究中心": P, "松涛工程技术研究中心": P}
    got = rels(nlp, text, ents)
    assert ("星河大学", "蓝海科技有限公司", "CO_BUILDS") in got
    assert ("星河大学", "远山集团", "CO_BUILDS") in got
    assert ("远山集团", "松涛工程技术研究中心", "HOSTS") in got
    assert ("星河大学", "云杉工程技术研究中心", "HOSTS") in got
    assert frozenset(("蓝海科技有限公司", "远山集团")) not in pairs(got)


def test_representatives_map_to_their_organisations(nlp):
    text = "青松市人民政府副市长张明与星河大学副校长李华签订合作协议。"
    ents = {"青松市人民政府": G, "张明": PE, "星河大学": U, "李华": PE}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("青松市人民政府", "星河大学"))}


def test_person_co_building_a_workstation(nlp):
    text = "北辰研究院研究员张明与蓝海科技有限公司合作建设的张明院士工作站揭牌。"
    ents = {"北辰研究院": I, "张明": PE, "蓝海科技有限公司": C, "张明院士工作站": P}
    got = rels(nlp, text, ents)
    assert ("张明", "蓝海科技有限公司", "CO_BUILDS") in got
    assert not any(r[2] == "HOSTS" for r in got)  # the station is named after its builder


# ---- lead with partners --------------------------------------------------------------------


def test_lead_with_partners(nlp):
    text = "云杉创新中心于去年成立。该中心联合星河大学、北辰大学等单位开展关键技术攻关。"
    ents = {"云杉创新中心": P, "星河大学": U, "北辰大学": U}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("云杉创新中心", "星河大学")), frozenset(("云杉创新中心", "北辰大学"))}


def test_shoushou_qianshou(nlp):
    text = "蓝海科技有限公司携手星河大学共建联合实验室。"
    assert pairs(rels(nlp, text, {"蓝海科技有限公司": C, "星河大学": U})) == {frozenset(("蓝海科技有限公司", "星河大学"))}


# ---- hosting -----------------------------------------------------------------------------


def test_yituo_build(nlp):
    text = "依托星河大学组建的云杉重点实验室顺利获批。"
    assert rels(nlp, text, {"星河大学": U, "云杉重点实验室": P}) == {("星河大学", "云杉重点实验室", "HOSTS")}


def test_platform_then_yituo(nlp):
    text = "云杉重点实验室,依托星河大学建设;松涛重点实验室,依托北辰大学建设。"
    ents = {"星河大学": U, "云杉重点实验室": P, "北辰大学": U, "松涛重点实验室": P}
    assert rels(nlp, text, ents) == {("星河大学", "云杉重点实验室", "HOSTS"), ("北辰大学", "松涛重点实验室", "HOSTS")}


def test_yi_wei_yituo_with_anaphor(nlp):
    text = "云杉协同创新中心获认定,该中心以松涛重点实验室、海韵工程技术研究中心为依托开展研究。"
    ents = {"云杉协同创新中心": P, "松涛重点实验室": P, "海韵工程技术研究中心": P}
    got = rels(nlp, text, ents)
    assert got == {("松涛重点实验室", "云杉协同创新中心", "HOSTS"), ("海韵工程技术研究中心", "云杉协同创新中心", "HOSTS")}


def test_you_qiantou_lianhe(nlp):
    text = "由星河大学牵头,联合蓝海科技有限公司等企业建设的云杉技术创新中心将开展攻关。"
    ents = {"星河大学": U, "蓝海科技有限公司": C, "云杉技术创新中心": P}
    assert rels(nlp, text, ents) == {
        ("星河大学", "云杉技术创新中心", "HOSTS"),
        ("蓝海科技有限公司", "云杉技术创新中心", "HOSTS"),
        ("星河大学", "蓝海科技有限公司", "CO_BUILDS"),
    }


def test_host_unit_designation(nlp):
    text = "星河大学被确定为云杉产业技术研发中心建设依托单位。"
    assert rels(nlp, text, {"星河大学": U, "云杉产业技术研发中心": P}) == {("星河大学", "云杉产业技术研发中心", "HOSTS")}


def test_founding_by_two_units(nlp):
    text = "蓝海科技有限公司、远山集团出资成立云杉研究院。"
    ents = {"蓝海科技有限公司": C, "远山集团": C, "云杉研究院": P}
    assert rels(nlp, text, ents) == {
        ("蓝海科技有限公司", "云杉研究院", "HOSTS"),
        ("远山集团", "云杉研究院", "HOSTS"),
        ("蓝海科技有限公司", "远山集团", "CO_BUILDS"),
    }


def test_our_school_platforms(nlp):
    text = "星河大学召开大会。我校云杉协同创新中心和松涛协同创新中心被认定为省级中心。"
    ents = {"星河大学": U, "云杉协同创新中心": P, "松涛协同创新中心": P}
    assert rels(nlp, text, ents) == {("星河大学", "云杉协同创新中心", "HOSTS"), ("星河大学", "松涛协同创新中心", "HOSTS")}


def test_name_containing_host_needs_explicit_statement(nlp):
    ents = {"星河大学": U, "星河大学云杉实验室": P}
    assert rels(nlp, "星河大学筹建星河大学云杉实验室。", ents) == set()
    assert rels(nlp, "依托星河大学建设星河大学云杉实验室。", ents) == {("星河大学", "星河大学云杉实验室", "HOSTS")}


def test_co_build_without_hosting(nlp):
    text = "青松区人民政府与星河大学签署战略合作协议,共建星河大学青松研究院。"
    ents = {"青松区人民政府": G, "星河大学": U, "星河大学青松研究院": P}
    got = rels(nlp, text, ents)
    assert pairs(got) == {frozenset(("青松区人民政府", "星河大学"))}


def test_table_with_host_column(nlp):
    text = (
        "附件\n序号 |\n平台名称 |\n依托单位 |\n1 |\n云杉工程技术研究中心 |\n星河大学、蓝海科技有限公司 |\n"
        "2 |\n松涛工程技术研究中心 |\n远山集团 |\n"
    )
    ents = {"云杉工程技术研究中心": P, "星河大学": U, "蓝海科技有限公司": C, "松涛工程技术研究中心": P, "远山集团": C}
    assert rels(nlp, text, ents) == {
        ("星河大学", "云杉工程技术研究中心", "HOSTS"),
        ("蓝海科技有限公司", "云杉工程技术研究中心", "HOSTS"),
        ("星河大学", "蓝海科技有限公司", "CO_BUILDS"),
        ("远山集团", "松涛工程技术研究中心", "HOSTS"),
    }


def test_table_one_line_rows(nlp):
    text = "实验室名称 | 依托单位\n云杉重点实验室 | 星河大学\n松涛重点实验室 | 北辰大学\n"
    ents = {"云杉重点实验室": P, "星河大学": U, "松涛重点实验室": P, "北辰大学": U}
    assert rels(nlp, text, ents) == {("星河大学", "云杉重点实验室", "HOSTS"), ("北辰大学", "松涛重点实验室", "HOSTS")}


# ---- what is not a collaboration -------------------------------------------------------------


def test_anonymised_party_never_paired(nlp):
    assert rels(nlp, "xx大学与蓝海科技有限公司签订合作协议。", {"xx大学": U, "蓝海科技有限公司": C}) == set()
    assert rels(nlp, "某公司与星河大学签订合作协议。", {"某公司": C, "星河大学": U}) == set()


def test_generic_party_never_paired(nlp):
    text = "星河大学与青松县20多家规上企业签订合作协议。"
    assert rels(nlp, text, {"星河大学": U, "青松县": R}) == set()
    text = "星河大学与青松县企业代表开展合作。"
    assert rels(nlp, text, {"星河大学": U, "青松县": R}) == set()


def test_visit_and_event_are_not_collaborations(nlp):
    ents = {"星河大学": U, "蓝海科技有限公司": C}
    assert rels(nlp, "星河大学与蓝海科技有限公司举行会谈并就合作事宜交换意见。", ents) == set()
    assert rels(nlp, "星河大学与蓝海科技有限公司合作举办创新创业大赛。", ents) == set()
    assert rels(nlp, "星河大学与蓝海科技有限公司联合主办创新论坛。", ents) == set()


def test_trigger_inside_a_name_does_not_fire(nlp):
    text = "省部共建云杉重点实验室、星河大学获评先进单位。"
    assert rels(nlp, text, {"省部共建云杉重点实验室": P, "星河大学": U}) == set()


def test_elided_subject_in_a_work_report_is_not_guessed(nlp):
    text = "青松市科技局召开会议。全年加强与星河大学的合作,推动成果转化。"
    assert rels(nlp, text, {"青松市科技局": G, "星河大学": U}) == set()


def test_region_party(nlp):
    text = "星河大学等院校已与青松、白桦等县开展合作。"
    ents = {"星河大学": U, "青松": R, "白桦": R}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("星河大学", "青松")), frozenset(("星河大学", "白桦"))}


# ---- component contract ------------------------------------------------------------------


def test_no_entities_no_relations(nlp):
    doc = nlp("星河大学与蓝海科技有限公司签订合作协议。")
    assert doc._.kg_relations == []


def test_config_round_trip(nlp):
    from spacy import util

    cfg = nlp.config.to_str()
    nlp2 = util.load_model_from_config(util.load_config_from_str(cfg), auto_fill=True)
    assert "kg_relations" in nlp2.pipe_names


def test_dash_connector_and_signing_representatives(nlp):
    ents = {"星河大学": U, "蓝海科技有限公司": C, "张明": PE, "李华": PE}
    text = "星河大学—蓝海科技有限公司战略合作签约仪式举行。"
    assert pairs(rels(nlp, text, ents)) == {frozenset(("星河大学", "蓝海科技有限公司"))}
    text = "星河大学校长张明、蓝海科技有限公司董事长李华代表双方签约。"
    assert pairs(rels(nlp, text, ents)) == {frozenset(("星河大学", "蓝海科技有限公司"))}


def test_platform_designated_by_its_own_builder(nlp):
    text = "蓝海科技有限公司获批组建省级云杉工程技术研究中心。"
    ents = {"蓝海科技有限公司": C, "云杉工程技术研究中心": P}
    assert rels(nlp, text, ents) == {("蓝海科技有限公司", "云杉工程技术研究中心", "HOSTS")}
    text = "云杉重点实验室(依托单位:星河大学)通过验收。"
    assert rels(nlp, text, {"星河大学": U, "云杉重点实验室": P}) == {("星河大学", "云杉重点实验室", "HOSTS")}


def test_list_item_after_comma_is_not_a_partner(nlp):
    text = "工作站分别是云杉工作站,北辰研究院研究员张明与蓝海科技有限公司合作建设的张明工作站。"
    ents = {"云杉工作站": P, "北辰研究院": I, "张明": PE, "蓝海科技有限公司": C, "张明工作站": P}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("张明", "蓝海科技有限公司"))}


def test_self_reference_of_a_university_news_item(nlp):
    text = "我校与蓝海科技有限公司签署校企合作协议。星河大学校长出席。星河大学是一所大学。"
    ents = {"星河大学": U, "蓝海科技有限公司": C}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("星河大学", "蓝海科技有限公司"))}


def test_representative_with_organisation(nlp):
    text = "星河大学校长张明与蓝海科技有限公司签署协议。"
    ents = {"星河大学": U, "蓝海科技有限公司": C, "张明": PE}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("星河大学", "蓝海科技有限公司"))}


def test_joint_undertaking_without_connector(nlp):
    text = "该项目由星河大学、蓝海科技有限公司等单位共同承担。"
    assert pairs(rels(nlp, text, {"星河大学": U, "蓝海科技有限公司": C})) == {frozenset(("星河大学", "蓝海科技有限公司"))}


def test_signed_pairs_listed_after_the_trigger(nlp):
    text = "现场签约项目5个,包括:星河大学与蓝海科技有限公司的新材料项目、北辰大学和远山集团的智能装备项目。"
    ents = {"星河大学": U, "蓝海科技有限公司": C, "北辰大学": U, "远山集团": C}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("星河大学", "蓝海科技有限公司")), frozenset(("北辰大学", "远山集团"))}


def test_agreement_then_co_building_is_co_builds(nlp):
    text = "青松区人民政府与星河大学签署战略合作协议,共建星河大学青松研究院。"
    ents = {"青松区人民政府": G, "星河大学": U, "星河大学青松研究院": P}
    assert rels(nlp, text, ents) == {("星河大学", "青松区人民政府", "CO_BUILDS")}


def test_generic_subject_is_not_resolved(nlp):
    text = "全市企业与星河大学、北辰大学开展产学研合作。"
    assert rels(nlp, text, {"星河大学": U, "北辰大学": U}) == set()


def test_taking_part_in_a_matchmaking_event_is_not_a_collaboration(nlp):
    ents = {"星河大学": U, "北辰大学": U, "蓝海科技有限公司": C}
    assert rels(nlp, "星河大学与北辰大学等高校的专家参加了产学研对接会。", ents) == set()
    assert rels(nlp, "星河大学与蓝海科技有限公司举办合作交流活动。", ents) == set()
    assert pairs(rels(nlp, "星河大学与蓝海科技有限公司开展产学研合作。", ents)) == {frozenset(("星河大学", "蓝海科技有限公司"))}


# ---- general classes found on blind text (all names invented) ----------------------------


def test_co_built_institute_gets_no_hosts_without_yituo(nlp):
    text = "县政府与星河大学共建的青松产业技术研究院运行良好。"
    ents = {"县政府": G, "星河大学": U, "青松产业技术研究院": P}
    assert rels(nlp, text, ents) == {("县政府", "星河大学", "CO_BUILDS")}


def test_jointly_applied_platform_keeps_hosts(nlp):
    text = "星河大学与蓝海科技有限公司联合申报的云杉工程技术研究中心获批。"
    ents = {"星河大学": U, "蓝海科技有限公司": C, "云杉工程技术研究中心": P}
    assert ("星河大学", "云杉工程技术研究中心", "HOSTS") in rels(nlp, text, ents)


def test_anonymised_sub_unit_is_no_party(nlp):
    text = "支持蓝海科技有限公司与北辰研究院某研究所开展联合攻关。"
    assert rels(nlp, text, {"蓝海科技有限公司": C, "北辰研究院": I}) == set()


def test_list_signing_with_a_generic_other_side(nlp):
    text = "促成星河大学、北辰大学等高校与区内企业签订合作协议12项。"
    assert rels(nlp, text, {"星河大学": U, "北辰大学": U}) == set()


def test_deepen_cooperation_with_short_form_in_brackets(nlp):
    text = "区政府深化与星河农业大学(以下简称“星河农大”)合作,新建驿站2个。"
    got = pairs(rels(nlp, text, {"区政府": G, "星河农业大学": U, "星河农大": U}))
    assert got == {frozenset(("区政府", "星河农业大学"))}


def test_collaborative_rnd_between_two_institutes(nlp):
    text = "推动云杉机器人研究院与松涛实验室开展协同研发。"
    got = pairs(rels(nlp, text, {"云杉机器人研究院": P, "松涛实验室": P}))
    assert got == {frozenset(("云杉机器人研究院", "松涛实验室"))}


def test_company_short_form_builds_its_lab_within_the_year(nlp):
    text = "蓝海食品年内建成宠粮营养省级企业重点实验室。"
    got = rels(nlp, text, {"蓝海食品": C, "宠粮营养省级企业重点实验室": P})
    assert got == {("蓝海食品", "宠粮营养省级企业重点实验室", "HOSTS")}


def test_respectively_hosted_by_a_list_in_order(nlp):
    text = "双方将共建云杉食品研究院、松涛蔬菜研究院和青柏兽药研究院三个研究院。三个研究院分别依托星河大学食品学院、园林学院和兽医学院建设。"
    ents = {"云杉食品研究院": P, "松涛蔬菜研究院": P, "青柏兽药研究院": P, "星河大学食品学院": U, "园林学院": U, "兽医学院": U}
    got = {r for r in rels(nlp, text, ents) if r[2] == "HOSTS"}
    assert got == {
        ("星河大学食品学院", "云杉食品研究院", "HOSTS"),
        ("园林学院", "松涛蔬菜研究院", "HOSTS"),
        ("兽医学院", "青柏兽药研究院", "HOSTS"),
    }


def test_respectively_with_the_platform_list_before(nlp):
    text = "云杉研究院、松涛研究院分别依托星河大学、北辰大学建设。"
    ents = {"云杉研究院": P, "松涛研究院": P, "星河大学": U, "北辰大学": U}
    assert rels(nlp, text, ents) == {("星河大学", "云杉研究院", "HOSTS"), ("北辰大学", "松涛研究院", "HOSTS")}


def test_definite_anaphor_hosted_by_a_sub_unit(nlp):
    text = "星河大学与蓝海科技有限公司共建的云杉芯片联合实验室揭牌。该联合实验室依托星河大学电子学院建设。"
    ents = {"星河大学": U, "蓝海科技有限公司": C, "云杉芯片联合实验室": P, "星河大学电子学院": U}
    got = rels(nlp, text, ents)
    assert ("星河大学电子学院", "云杉芯片联合实验室", "HOSTS") in got
    assert ("星河大学", "云杉芯片联合实验室", "HOSTS") not in got


def test_bare_head_noun_jointly_hosted(nlp):
    text = "双方签约共建高原生态云杉联合研究中心。根据协议,联合研究中心依托星河大学生态学院和北辰研究所共同建设。"
    ents = {"高原生态云杉联合研究中心": P, "星河大学生态学院": U, "北辰研究所": I}
    got = rels(nlp, text, ents)
    assert ("星河大学生态学院", "高原生态云杉联合研究中心", "HOSTS") in got
    assert ("北辰研究所", "高原生态云杉联合研究中心", "HOSTS") in got
    assert ("北辰研究所", "星河大学生态学院", "CO_BUILDS") in got


def test_clause_chain_subject_anaphor_hosted(nlp):
    text = "三方共同组建青松寒区建造研究院。该研究院为独立法人的新型研发机构,依托星河大学土木学院筹建。"
    ents = {"青松寒区建造研究院": P, "星河大学土木学院": U}
    assert rels(nlp, text, ents) == {("星河大学土木学院", "青松寒区建造研究院", "HOSTS")}


def test_bare_head_noun_after_connector(nlp):
    text = "青松新区揭牌了云杉智能建造研究院。据悉,蓝海建设股份有限公司已与研究院达成技术合作意向。"
    ents = {"云杉智能建造研究院": P, "蓝海建设股份有限公司": C}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("蓝海建设股份有限公司", "云杉智能建造研究院"))}


def test_hosting_through_a_units_strengths(nlp):
    text = "双方将共建星河大学青松研究院,依托星河大学材料学院的学科优势,打造新型研发机构。"
    ents = {"星河大学青松研究院": P, "星河大学材料学院": U}
    assert ("星河大学材料学院", "星河大学青松研究院", "HOSTS") in rels(nlp, text, ents)


def test_no_antecedent_no_anaphor(nlp):
    text = "该研究院依托星河大学建设。"
    assert rels(nlp, text, {"星河大学": U}) == set()


def test_region_as_clause_subject_with_partner_list(nlp):
    text = "近年来,青松市深入实施“科技兴市”战略,先后与北辰研究所、星河农业大学等高校院所建立合作关系。"
    ents = {"青松市": R, "科技兴市": "PROGRAM", "北辰研究所": I, "星河农业大学": U}
    assert pairs(rels(nlp, text, ents)) == {frozenset(("青松市", "北辰研究所")), frozenset(("青松市", "星河农业大学"))}


def test_topic_is_not_the_subject_where_the_sentence_has_its_own(nlp):
    # the news item is about 星河大学, but the sentence's subject is a region: no 星河大学 pair
    text = (
        "星河大学与青松市签约。星河大学校长出席。星河大学将派出专家。"
        "近年来,青松深入实施“科技兴市”战略,先后与北辰研究所建立合作关系。"
    )
    ents = {"星河大学": U, "青松市": R, "科技兴市": "PROGRAM", "北辰研究所": I}
    got = pairs(rels(nlp, text, ents))
    assert frozenset(("星河大学", "北辰研究所")) not in got


def test_platform_subject_leads_its_partner(nlp):
    text = "云杉产业技术研究院由县政府和星河农业大学共同组建,联合北辰重点实验室团队开展研发。"
    ents = {"云杉产业技术研究院": P, "县政府": G, "星河农业大学": U, "北辰重点实验室": P}
    got = rels(nlp, text, ents)
    assert frozenset(("云杉产业技术研究院", "北辰重点实验室")) in pairs(got)
    assert ("星河农业大学", "云杉产业技术研究院", "HOSTS") in got


def test_three_party_agreement_building_one_named_platform(nlp):
    text = "星河大学、北辰研究院与青松新区管委会签署三方合作协议,共同组建青松寒区建造研究院。"
    ents = {"星河大学": U, "北辰研究院": I, "青松新区管委会": G, "青松寒区建造研究院": P}
    got = rels(nlp, text, ents)
    assert {frozenset(r[:2]) for r in got if r[2] == "CO_BUILDS"} == {
        frozenset(("星河大学", "北辰研究院")),
        frozenset(("星河大学", "青松新区管委会")),
        frozenset(("北辰研究院", "青松新区管委会")),
    }


def test_co_building_a_generic_platform_is_cooperation(nlp):
    text = "星河大学、北辰大学与蓝海科技有限公司签订产学研合作协议,三方将在装备领域共建研发平台。"
    ents = {"星河大学": U, "北辰大学": U, "蓝海科技有限公司": C}
    assert rels(nlp, text, ents) == {
        ("星河大学", "蓝海科技有限公司", "COOPERATES"),
        ("北辰大学", "蓝海科技有限公司", "COOPERATES"),
    }


def test_topic_not_carried_into_an_uncoordinated_clause_after_an_unmarked_subject(nlp):
    text = (
        "星河大学与青松市签约。星河大学校长出席。星河大学将派出专家。"
        "近年来,青松深入实施创新战略,先后与北辰研究所建立合作关系。"
        "星河大学举办论坛,并与蓝海科技有限公司签订合作协议。"
    )
    ents = {"星河大学": U, "青松市": R, "北辰研究所": I, "蓝海科技有限公司": C}
    got = pairs(rels(nlp, text, ents))
    assert frozenset(("星河大学", "北辰研究所")) not in got
    assert frozenset(("星河大学", "蓝海科技有限公司")) in got


def test_broken_mentions_are_never_endpoints(nlp):
    # the entity side swallowed a list (甲与乙) or a leading verb / generic head word
    text = "支持蓝海石化与北辰石油大学共建云杉新材料联合实验室。服务北辰研究院的项目与远山集团签约。"
    ents = {"蓝海石化与北辰石油大学": U, "北辰石油大学": U, "云杉新材料联合实验室": P, "服务北辰研究院": I, "远山集团": C}
    got = pairs(rels(nlp, text, ents))
    assert not any("与" in n or n.startswith("服务") for p in got for n in p)
    text = "新区企业蓝海建造股份有限公司已与云杉研究院达成合作意向。"
    assert rels(nlp, text, {"新区企业蓝海建造股份有限公司": C, "云杉研究院": P}) == set()


def test_name_inside_a_list_swallowing_mention_survives(nlp):
    text = "星河大学与蓝海科技有限公司签约。由星河大学与蓝海科技有限公司联合组建的云杉工程技术研究中心获批。"
    ents = {"星河大学与蓝海科技有限公司": C, "星河大学": U, "蓝海科技有限公司": C, "云杉工程技术研究中心": P}
    got = rels(nlp, text, ents)
    assert ("星河大学", "云杉工程技术研究中心", "HOSTS") in got


def test_short_form_echoed_where_only_its_region_was_marked(nlp):
    # 星河农大 was found once (the alias definition); later only the region prefix 星河 is marked
    text = "区政府与星河农业大学(以下简称“星河农大”)合作。依托星河农大建设的云杉食品研究院运行。"
    doc = nlp.make_doc(text)
    spans = []
    for name, label, nth in (("星河农业大学", U, 0), ("星河农大", U, 0), ("区政府", G, 0), ("星河", R, 2), ("云杉食品研究院", P, 0)):
        ms = list(re.finditer(re.escape(name), text))
        m = ms[nth] if nth < len(ms) else ms[-1]
        spans.append(doc.char_span(m.start(), m.end(), label=label))
    doc.spans["kg_entities"] = SpanGroup(doc, name="kg_entities", spans=spans)
    doc = nlp.get_pipe("kg_relations")(doc)
    got = {(a.text, b.text, k) for a, b, k, _s, _t in doc._.kg_relations}
    assert ("星河农大", "云杉食品研究院", "HOSTS") in got
    assert not any(a == "星河" or b == "星河" for a, b, _k in got)


def test_joint_named_programme(nlp):
    ents = {"市政府": G, "星河大学": U, "北辰学院": U, "博士进企业": "PROGRAM"}
    text = "市政府与星河大学开展“博士进企业”行动。"
    assert pairs(rels(nlp, text, ents)) == {frozenset(("市政府", "星河大学"))}
    text = "市政府与北辰学院签订框架协议,与星河大学开展“博士进企业”行动。"
    assert pairs(rels(nlp, text, ents)) == {frozenset(("市政府", "北辰学院")), frozenset(("市政府", "星河大学"))}
    # 开展 without a named programme after it is no trigger on its own
    assert rels(nlp, "市政府与星河大学开展调研。", ents) == set()


def test_host_unit_after_comma_in_a_list_row(nlp):
    # a numbered list row: 平台名称，依托单位：甲、乙（共同依托）；
    text = "1．青岚市光电传感工程技术研究中心，依托单位：青岚明耀光电有限公司、青岚学院（共同依托）；2．青岚市果蔬保鲜重点实验室，依托单位：青岚市农业科学研究院；"
    got = rels(nlp, text, {"青岚市光电传感工程技术研究中心": P, "青岚明耀光电有限公司": C, "青岚学院": U,
                           "青岚市果蔬保鲜重点实验室": P, "青岚市农业科学研究院": I})
    assert got == {
        ("青岚明耀光电有限公司", "青岚市光电传感工程技术研究中心", "HOSTS"),
        ("青岚学院", "青岚市光电传感工程技术研究中心", "HOSTS"),
        ("青岚学院", "青岚明耀光电有限公司", "CO_BUILDS"),
        ("青岚市农业科学研究院", "青岚市果蔬保鲜重点实验室", "HOSTS"),
    }


def test_subject_far_from_the_agreement_after_a_time_adverbial(nlp):
    # X是一家…企业,…,去年与Y签订…协议 / X作为…,…,今年在某方向又与Y签订: X is the subject
    ents = {"青岚明耀光电有限公司": C, "星河大学": U, "北辰学院": U}
    text = "青岚明耀光电有限公司是一家以传感器为主业的民营企业，公司成立以来坚持自主研发，去年与星河大学、北辰学院签订了产学研合作协议。"
    assert pairs(rels(nlp, text, ents)) == {
        frozenset(("青岚明耀光电有限公司", "星河大学")), frozenset(("青岚明耀光电有限公司", "北辰学院"))}
    text = "青岚明耀光电有限公司作为全市龙头企业，近三年研发投入增长两成，今年在光学镀膜方向又与星河大学签订了合作协议。"
    assert pairs(rels(nlp, text, ents)) == {frozenset(("青岚明耀光电有限公司", "星河大学"))}
    # a later clause with a subject of its own is not continued
    text = "青岚明耀光电有限公司营收增长两成，全市企业去年与星河大学签订了合作协议。"
    assert pairs(rels(nlp, text, ents)) == set()


def test_three_party_cobuilding_pairs_every_builder(nlp):
    ents = {"青岚明耀光电有限公司": C, "星河大学": U, "北辰学院": U, "青岚光电研究中心": P}
    text = "青岚明耀光电有限公司与星河大学、北辰学院三方合作共建的青岚光电研究中心正式启用。"
    assert pairs(rels(nlp, text, ents)) == {
        frozenset(("青岚明耀光电有限公司", "星河大学")), frozenset(("青岚明耀光电有限公司", "北辰学院")),
        frozenset(("星河大学", "北辰学院"))}
    # two parties on one side without 三方: only the cross pairs
    text = "青岚明耀光电有限公司与星河大学、北辰学院合作共建的青岚光电研究中心正式启用。"
    assert frozenset(("星河大学", "北辰学院")) not in pairs(rels(nlp, text, ents))


def test_lead_with_partners_building_a_platform_hosts_it(nlp):
    ents = {"星河大学": U, "青岚市农业科学研究院": I, "青岚明耀光电有限公司": C, "青岚光电工程技术研究中心": P}
    text = "星河大学牵头，联合青岚市农业科学研究院和青岚明耀光电有限公司组建的青岚光电工程技术研究中心，去年获批省级中心。"
    got = rels(nlp, text, ents)
    assert {(h, "青岚光电工程技术研究中心", "HOSTS") for h in ("星河大学", "青岚市农业科学研究院", "青岚明耀光电有限公司")} <= got
    # a lead with partners and no platform built: no hosting
    text = "星河大学牵头，联合青岚市农业科学研究院和青岚明耀光电有限公司开展技术攻关。"
    assert not any(k == "HOSTS" for _a, _b, k in rels(nlp, text, ents))


def test_investor_builds_its_platform(nlp):
    ents = {"青岚明耀光电有限公司": C, "青岚光电工程技术研究中心": P, "省科技厅": G}
    text = "青岚明耀光电有限公司投资1.2亿元建设的青岚光电工程技术研究中心今年通过省科技厅验收。"
    assert ("青岚明耀光电有限公司", "青岚光电工程技术研究中心", "HOSTS") in rels(nlp, text, ents)


def test_definite_anaphor_may_stand_for_a_research_body_named_like_a_centre(nlp):
    # 该中心 after a research institute whose name ends in 中心 is that institute, not an earlier platform
    ents = {"青岚光电工程技术研究中心": P, "星河科学院青岚装备制造研究中心": I, "青岚明耀光电有限公司": C, "北辰机械有限公司": C}
    text = ("青岚明耀光电有限公司建有青岚光电工程技术研究中心。星河科学院青岚装备制造研究中心也带来了多项成果。"
            "该中心联合北辰机械有限公司打造智能装备中试基地。")
    got = pairs(rels(nlp, text, ents))
    assert frozenset(("星河科学院青岚装备制造研究中心", "北辰机械有限公司")) in got
    assert frozenset(("青岚光电工程技术研究中心", "北辰机械有限公司")) not in got


def test_passive_support_pairs_the_clause_subject_with_the_supporters(nlp):
    ents = {"张明": PE, "明耀光电": C, "星河大学": U, "青岚市农业科学研究院": I}
    text = "公司董事长张明说，近年来，明耀光电在传感器方面持续发力，其自主设计的检测线项目，先后得到了星河大学和青岚市农业科学研究院的技术支持。"
    assert pairs(rels(nlp, text, ents)) == {
        frozenset(("明耀光电", "星河大学")), frozenset(("明耀光电", "青岚市农业科学研究院"))}
    # support without an organisation subject (a person, a region's work) is no pair
    text = "张明说，这项工作得到了星河大学的大力支持。"
    assert pairs(rels(nlp, text, ents)) == set()


def test_region_written_before_a_name_is_not_the_party(nlp):
    ents = {"青岚县": R, "星河省": R, "北辰市": R, "南岗区": R, "清溪大学": U, "暹罗": R}
    text = "青岚县与星河省北辰市南岗区签订科技协作协议。"
    assert pairs(rels(nlp, text, ents)) == {frozenset(("青岚县", "南岗区"))}
    text = "青岚县与暹罗清溪大学开展合作研究。"
    assert pairs(rels(nlp, text, ents)) == {frozenset(("青岚县", "清溪大学"))}


def test_hosting_with_a_place_or_partner_between_host_and_verb():
    from kg.nlp.extract import extract_text

    x = extract_text(
        "我们依托星河农林科学院，在石桥镇建设了河谷特色果树种质资源圃。"
        "青川市依托青川陶瓷产业园，与星河理工大学合作建设了精密陶瓷检测与研发公共服务平台。"
    )
    pairs = {(c.a, c.b, c.kind) for c in x.collaborations}
    assert ("星河农林科学院", "河谷特色果树种质资源圃", "HOSTS") in pairs, pairs
    assert ("青川陶瓷产业园", "精密陶瓷检测与研发公共服务平台", "HOSTS") in pairs, pairs
    assert not any(c.kind == "HOSTS" and c.a == "星河理工大学" for c in x.collaborations), pairs


def test_joint_building_by_two_parties_is_co_building_not_hosting():
    from kg.nlp.extract import extract_text

    x = extract_text("由星河大学与南宁市青秀区人民政府共建的石桥服装产业研究院成立三年。支持星河大学、青石理工大学共同建设的白马湖泊研究站争创国家平台。")
    kinds = {frozenset((c.a, c.b)): c.kind for c in x.collaborations}
    assert kinds.get(frozenset(("星河大学", "南宁市青秀区人民政府"))) == "CO_BUILDS", kinds
    assert kinds.get(frozenset(("星河大学", "青石理工大学"))) == "CO_BUILDS", kinds
    assert not any(c.kind == "HOSTS" for c in x.collaborations), kinds
    x = extract_text("由星河大学牵头组建的石桥服装产业研究院成立。")
    assert [(c.a, c.b, c.kind) for c in x.collaborations] == [("星河大学", "石桥服装产业研究院", "HOSTS")]
