"""Region linker: codes, parent chains, short/long forms, boundary checks."""

from kg.nlp.extract import extract_text


def ents(text, **kw):
    return {(e.name, e.type): e for e in extract_text(text, **kw).entities}


def test_county_code_and_chain():
    e = ents("今年高台县新增科技型企业。")[("高台县", "REGION")]
    assert e.code == "620724"
    assert e.parents == ["张掖市", "甘肃省"]


def test_short_and_long_forms_merge():
    out = ents("韩城市今年科技工作成效明显。韩城的企业积极参与。")
    e = out[("韩城市", "REGION")]
    assert "韩城" in e.aliases


def test_no_match_inside_words():
    out = ents("搭建创新平台,推动高新区发展。")
    assert not any(t == "REGION" for _n, t in out)


def test_region_prefix_of_a_name_is_not_a_region():
    out = ents("青石岭橡胶有限公司落户镇江新材料产业园。")
    assert ("镇江", "REGION") not in out
    out = ents("镇江青石岭橡胶有限公司获奖。镇江科技工作成效明显。")
    assert ("镇江", "REGION") in out


def test_province_short_and_country():
    out = ents("企业产品销往美国、德国,与陕西高校合作。")
    assert ("美国", "REGION") in out and ("德国", "REGION") in out and ("陕西", "REGION") in out


def test_media_outlet_is_not_a_region():
    out = ents("据青海日报报道,企业获奖。")
    assert ("青海", "REGION") not in out


def test_towns_in_a_list_and_after_a_county():
    out = ents("支持青石镇、白沙乡和马家河镇发展,高台县巷道镇建设顺利。乡镇、城镇协同,打造特色小镇。")
    for name in ("青石镇", "白沙乡", "马家河镇", "巷道镇"):
        assert (name, "REGION") in out, name
    assert not any(n in ("乡镇", "城镇", "特色小镇", "小镇") for n, _t in out)


def test_single_town_after_a_place_preposition_and_its_government():
    out = ents("我们依托省农科院，在青石镇建设了蔬菜种质资源圃，在白沙乡建设马铃薯基地。高台县巷道镇人民政府积极配合。")
    for name in ("青石镇", "白沙乡"):
        assert (name, "REGION") in out, name
    assert ("高台县巷道镇人民政府", "GOVERNMENT") in out  # the town only as a prefix: no region of its own
    # generic heads and 乡镇/乡村 words are not towns
    out = ents("在重点镇建设示范点，在贫困乡开展帮扶，在偏远乡镇推广技术，高台县各乡镇人民政府要加强领导。")
    assert not any(t == "REGION" and n != "高台县" for n, t in out), out
    assert not any(t == "GOVERNMENT" for n, t in out), out
