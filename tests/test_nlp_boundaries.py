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


# --- left boundaries -----------------------------------------------------------------------

def test_conjunction_between_company_and_university():
    out = ents("支持金禾化工与西南石油大学共建实验室。")
    assert ("西南石油大学", "UNIVERSITY") in out
    assert not any("与" in n for n, _t in out)


def test_adverb_before_conjunction_ends_the_name():
    out = names("此前,远航科技已与南京大学签署协议。", "UNIVERSITY")
    assert out == {"南京大学"}


def test_verbs_only_and_take_over_end_the_name():
    assert names("本地只有运城学院一所高校。", "UNIVERSITY") == {"运城学院"}


def test_company_name_with_tong_is_not_cut():
    assert "苏州同和精密机械有限公司" in names("苏州同和精密机械有限公司投产。", "ENTERPRISE")


def test_subunit_with_conjunction_stays_whole():
    assert "海洋科学与工程学院" in names("依托海洋科学与工程学院建设。", "UNIVERSITY")


def test_lab_name_with_conjunction_and_common_word_region():
    # 资源 is also a county short form; it must not cut the lab name
    assert "江南大学食品营养与资源利用重点实验室" in names("依托江南大学食品营养与资源利用重点实验室开展研究。", "PLATFORM")


# --- platform and university suffixes ------------------------------------------------------

def test_joint_lab_and_joint_research_centre():
    out = names("双方共建智能传感联合实验室和高原生态联合研究中心。", "PLATFORM")
    assert {"智能传感联合实验室", "高原生态联合研究中心"} <= out


def test_generic_joint_centre_is_not_a_name():
    assert names("建设一批校企联合创新中心。", "PLATFORM") == set()


def test_pilot_base_energy_base_and_agri_zone():
    out = names("建设榆林能源化工基地、渭南新材料中试基地和杨凌农业高新技术产业示范区。", "PLATFORM")
    assert {"榆林能源化工基地", "渭南新材料中试基地", "杨凌农业高新技术产业示范区"} <= out


def test_designated_class_of_zone_is_not_a_name():
    assert names("争创国家级生态农业创新示范区。", "PLATFORM") == set()


def test_university_science_park_branch_and_its_parent():
    out = names("共建兰州大学国家大学科技园天水分园。", "PLATFORM")
    assert {"兰州大学国家大学科技园天水分园", "兰州大学国家大学科技园"} <= out


def test_university_branch_campus_and_office():
    out = names("东南大学苏州分校与南京大学科学技术处签约。", "UNIVERSITY")
    assert {"东南大学苏州分校", "南京大学科学技术处"} <= out


def test_long_university_subunit():
    assert "浙江大学计算机科学与技术学院" in names("依托浙江大学计算机科学与技术学院建设。", "UNIVERSITY")


def test_academy_inside_institute_name_is_separate():
    out = ents("与中国科学院长沙材料研究所合作。")
    assert ("中国科学院", "RESEARCH_INSTITUTE") in out


def test_footer_line_is_boilerplate():
    assert names("正文。\n西京学院科技处版权所有 电话:000", "UNIVERSITY") == set()


# --- government bodies ---------------------------------------------------------------------

def test_composite_bureau_names_with_conjunctions():
    out = names("区经济科技和信息化局、县农业和科技促进局参加会议。", "GOVERNMENT")
    assert {"区经济科技和信息化局", "县农业和科技促进局"} <= out


def test_branch_bureau_and_committee_after_a_zone():
    out = names("开发区自然资源分局和高新区党工委联合部署。", "GOVERNMENT")
    assert {"开发区自然资源分局", "高新区党工委"} <= out


def test_party_committee_of_a_named_zone():
    out = names("杨凌农高区党工委书记出席。", "GOVERNMENT")
    assert "杨凌农高区党工委" in out


def test_prefecture_short_form_with_relative_level():
    out = names("在湘西州委、州政府的领导下推进。", "GOVERNMENT")
    assert "湘西州委" in out
    assert names("在湘西州委、州政府的领导下推进。", "REGION") == set()


def test_science_commission():
    out = names("浦东新区科委与江苏省科学技术委员会合作。", "GOVERNMENT")
    assert {"浦东新区科委", "江苏省科学技术委员会"} <= out


def test_common_word_region_does_not_extend_a_body():
    assert "省发展改革委" in names("会同省发展改革委研究。", "GOVERNMENT")


# --- aliases and nested names --------------------------------------------------------------

def aliases(text, name):
    for e in extract_text(text).entities:
        if e.name == name:
            return set(e.aliases)
    raise AssertionError(f"{name} not extracted: {[x.name for x in extract_text(text).entities]}")


def test_company_short_name_merged_into_full_name():
    text = "黑龙江北辰乳业有限公司投产,北辰乳业扩能。"
    assert aliases(text, "黑龙江北辰乳业有限公司") == {"北辰乳业"}
    assert "北辰乳业" not in names(text, "ENTERPRISE")


def test_zone_short_forms_merge_with_long_forms():
    text = "张掖高新技术产业开发区与张掖高新区、酒泉经济技术开发区和酒泉经开区。"
    assert "张掖高新区" in aliases(text, "张掖高新技术产业开发区")
    assert "酒泉经开区" in aliases(text, "酒泉经济技术开发区")


def test_zones_of_different_regions_stay_apart():
    out = names("张掖高新区与酒泉高新区合作。", "PLATFORM")
    assert {"张掖高新区", "酒泉高新区"} <= out


def test_zone_prefixed_platform_and_bare_form_merge():
    assert "甲乙智能研究院" in aliases("西安新区甲乙智能研究院揭牌,甲乙智能研究院将聚焦建造。", "西安新区甲乙智能研究院")


def test_short_form_definition_inside_a_name():
    text = "中国科学院(以下简称“中科院”)武汉分院参与研发。中科院武汉分院院长出席。"
    assert aliases(text, "中国科学院武汉分院") == {"中科院武汉分院"}
    assert "中科院" in aliases(text, "中国科学院")


def test_designation_before_company_name():
    assert names("园区企业远大智能装备股份有限公司投产。", "ENTERPRISE") == {"远大智能装备股份有限公司"}


def test_academy_institute_with_boundary_word_inside():
    # 过 is a boundary word elsewhere; the academy pattern's full name wins over the cut tail
    out = names("中科院过程工程研究所设立分中心。", "RESEARCH_INSTITUTE")
    assert "中科院过程工程研究所" in out and "程工程研究所" not in out


# --- policies and programmes ---------------------------------------------------------------

def test_policy_with_bracketed_period():
    assert "平凉市科技创新三年行动计划(2024—2026年)" in names("落实《平凉市科技创新三年行动计划(2024—2026年)》。", "POLICY")


def test_quoted_pair_sharing_one_cue():
    out = extract_text("推行“揭榜挂帅”“赛马”制度。").entities
    forms = {f for e in out if e.type == "PROGRAM" for f in [e.name, *e.aliases]}
    assert {"揭榜挂帅", "赛马"} <= forms


def test_quoted_programme_name_ending_in_cue():
    assert "浙江特支计划" in names("对入选“浙江特支计划”的团队给予支持。", "PROGRAM")
    assert names("对入选“浙江特支计划”的团队给予支持。", "REGION") == set()


def test_quoted_discipline_is_not_a_programme():
    assert names("以“材料科学与工程”“软件工程”学科群为突破口。", "PROGRAM") == set()


def test_quoted_reform_is_not_a_programme():
    assert names("深入推进“三评”制度改革。", "PROGRAM") == set()


def test_paired_assistance_schemes():
    out = names("深化沪滇协作,推进“科技援疆”工作。", "PROGRAM")
    assert {"沪滇协作", "科技援疆"} <= out


# --- regions named institutions, region short forms inside words --------------------------

def test_institute_named_by_region_and_field():
    out = names("市政府共建的运城产业技术研究院和运城智能制造中试基地投入运行。", "PLATFORM")
    assert {"运城产业技术研究院", "运城智能制造中试基地"} <= out


def test_level_designation_with_region_is_not_a_name():
    assert names("争创省级产业技术研究院。", "PLATFORM") == set()


def test_short_region_form_heading_an_ordinary_word():
    assert names("攻关高密度互连技术,确保长治久安。", "REGION") == set()


def test_prefecture_short_form_standing_alone():
    assert "长治" in names("长治科技创新仍有短板。", "REGION")


def test_campus_and_abbreviated_university_prefixes():
    out = names("在闵行校区揭牌,依托河北农大建设。", "REGION")
    assert out == set()


def test_known_event_then_zone():
    assert "秦皇岛经开区" in names("举办科技活动周秦皇岛经开区专场。", "PLATFORM")


def test_listed_university_name_followed_by_sheng_is_a_student_word() -> None:
    """浙江大学生… is 江苏 + 大学生 (students), even though 浙江大学 is a listed university."""
    from kg.nlp import extract_text

    names = {(e.name, e.type) for e in extract_text("第五届浙江大学生创新创业大赛在杭州举行。").entities}
    assert ("浙江大学", "UNIVERSITY") not in names
    assert ("浙江大学", "UNIVERSITY") in {(e.name, e.type) for e in extract_text("浙江大学与杭州市签约。").entities}


def test_left_boundary_after_come_from_and_site_verbs():
    # 来自 / 选址 / 做大做强 are verbs before a name, not part of it
    assert "青岚大学" in names("来自青岚大学的6名专家受聘挂职。", "UNIVERSITY")
    assert "青岚经济开发区" in names("研究院选址青岚经济开发区，首期建设面积5000平方米。", "PLATFORM")
    assert "青岚陶瓷众创空间" in names("做大做强青岚陶瓷众创空间，力争新增在孵企业30家。", "PLATFORM")


def test_no_person_from_serve_as_post_or_deputy():
    # 任 is the verb before a post; 分管副市长 holds no name; 揭榜团队 is a team of a scheme
    out = names("成立由市长任组长、分管副市长任副组长的领导小组，由青岚大学教授陈立群担任首任院长。揭榜团队应由高校与企业联合组成。", "PERSON")
    assert out == {"陈立群"}


def test_heading_number_and_group_noun_before_a_conjunction_start_no_name():
    from kg.nlp.extract import extract_text

    text = "（一）临川市工程技术研究中心（10家）\n1.青石精密制造工程技术研究中心\n推荐当地5家精细化工企业与联合研究院开展对接。"
    out = {(e.name, e.type) for e in extract_text(text).entities}
    assert ("青石精密制造工程技术研究中心", "PLATFORM") in out, out
    assert not any(n.startswith(("（一）", "(一)")) or "企业与" in n for n, _t in out), out


def test_preposition_tong_before_a_region_starts_a_name():
    from kg.nlp.extract import extract_text

    out = {(e.name, e.type) for e in extract_text("专家团队驻点三年，同贵州青石茶业有限公司联合攻关，与上海交通大学、同济大学合作。").entities}
    assert ("贵州青石茶业有限公司", "ENTERPRISE") in out and ("同济大学", "UNIVERSITY") in out, out
    assert not any(n.startswith("同贵州") for n, _t in out), out
