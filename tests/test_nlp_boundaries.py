"""General error classes found on blind data: person fragments, region prefixes, boundaries,
platform suffixes, government bodies, aliases, nested names. Sentences written for these tests."""

from kg.nlp.extract import extract_text


def ents(text):
    return {(e.name, e.type) for e in extract_text(text).entities}


def names(text, typ):
    return {e.name for e in extract_text(text).entities if e.type == typ}


# --- persons -------------------------------------------------------------------------------

def test_no_person_inside_an_academy_name():
    out = ents("双方与中国科学院长沙材料研究所签署协议。")
    assert not any(t == "PERSON" for _n, t in out)


def test_no_person_from_party_committee_before_title():
    assert names("高新区党工委书记、管委会主任王立新出席。", "PERSON") == {"王立新"}


def test_company_short_name_before_title_is_not_a_person():
    assert names("华芯科技董事长刘明远致辞。", "PERSON") == {"刘明远"}


def test_abbreviated_university_before_title_is_not_a_person():
    out = ents("上海交大副校长陈立国出席。")
    assert ("上海交大", "UNIVERSITY") in out and ("陈立国", "PERSON") in out
    assert not any(t == "PERSON" and n != "陈立国" for n, t in out)


def test_tibetan_names_after_titles_and_bylines():
    out = names("校长格桑多吉、副局长洛桑顿珠调研。(责任编辑:尼玛)", "PERSON")
    assert {"格桑多吉", "洛桑顿珠", "尼玛"} <= out


def test_contact_line_with_unit():
    assert "周晓" in names("联系人:县科技局 周晓 电话:0000", "PERSON")


def test_field_label_is_not_a_person():
    assert names("编辑:字体:大 中 小", "PERSON") == set()


def test_workstation_owner_still_a_person():
    assert "周立群" in names("建成周立群院士工作站。", "PERSON")


# --- region prefixes -----------------------------------------------------------------------

def test_region_prefix_of_unrecognised_body_is_not_a_region():
    assert names("浙江省科学技术委员会发布通知。", "REGION") == set()


def test_region_prefix_of_designation_is_not_a_region():
    assert names("支持企业申报湖南省新型研发机构。", "REGION") == set()


def test_region_prefix_kept_when_region_stands_alone():
    assert "浙江省" in names("浙江省科学技术委员会发布通知,浙江省将加大投入。", "REGION")
