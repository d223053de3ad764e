"""Person names from by-lines and titles."""

from kg.nlp.extract import extract_text


def persons(text):
    return {e.name for e in extract_text(text).entities if e.type == "PERSON"}


def test_byline():
    assert "李明华" in persons("来源:青山县科技局 作者:李明华 发布时间:2025-01-02")


def test_title_before_name():
    assert persons("市长张建国要求,加快创新。") == {"张建国"}


def test_title_before_verb_is_not_a_name():
    assert persons("市委书记强调,坚持创新引领。") == set()


def test_name_before_title():
    out = persons("负责人陈思远教授介绍,团队与刘洋院士合作。")
    assert {"陈思远", "刘洋"} <= out


def test_workstation_owner():
    assert "周立群" in persons("建成周立群院士工作站。")


def test_slash_bylines_and_delegations():
    assert persons("记者/林若溪 来源/青山日报 日期/2024-01-02") == {"林若溪"}
    assert "赵东明" in persons("(文/赵东明)")
    assert "孙建华" in persons("孙建华一行先后走访三家企业。")
