"""Organisation-name grammar: suffix classes, left boundaries, nested names, brackets."""

from kg.nlp.extract import extract_text


def names(text):
    return {(e.name, e.type) for e in extract_text(text).entities}


def test_left_boundary_after_conjunction_and_verb():
    out = names("我市与东华理工大学签订协议,支持青云山新材料有限公司开展研发。")
    assert ("东华理工大学", "UNIVERSITY") in out
    assert ("青云山新材料有限公司", "ENTERPRISE") in out
    assert not any(n.startswith(("与", "支持")) for n, _t in out)


def test_list_of_names():
    out = names("联合厦门大学、南昌大学和湖南师范大学共同攻关。")
    assert {("厦门大学", "UNIVERSITY"), ("南昌大学", "UNIVERSITY"), ("湖南师范大学", "UNIVERSITY")} <= out


def test_nested_host_inside_platform():
    out = names("清河大学智能农机全国重点实验室正式揭牌。")
    assert ("清河大学智能农机全国重点实验室", "PLATFORM") in out
    assert ("清河大学", "UNIVERSITY") in out


def test_generic_designations_are_not_names():
    out = names("全县新建省级重点实验室2个、科技企业孵化器1家、众创空间3家。")
    assert not any(t == "PLATFORM" for _n, t in out)


def test_brackets_inside_name():
    out = names("星火汇(东湖)众创空间获评国家级众创空间。")
    assert ("星火汇(东湖)众创空间", "PLATFORM") in out


def test_research_institute_and_industrial_institute():
    out = names("中国科学院青海盐湖研究所与长兴新能源产业技术研究院签约。")
    assert ("中国科学院青海盐湖研究所", "RESEARCH_INSTITUTE") in out
    assert ("中国科学院", "RESEARCH_INSTITUTE") in out
    assert ("长兴新能源产业技术研究院", "PLATFORM") in out


def test_zone_with_region_prefix():
    out = names("推动张掖高新区高质量发展。")
    assert ("张掖高新区", "PLATFORM") in out


def test_short_enterprise_names_in_a_list():
    out = names("支持青禾药业、远航电工等3家高新技术企业上市。")
    assert ("青禾药业", "ENTERPRISE") in out and ("远航电工", "ENTERPRISE") in out


def test_abbreviation_gazetteer():
    out = names("与西工大、哈工大开展合作。")
    assert ("西工大", "UNIVERSITY") in out and ("哈工大", "UNIVERSITY") in out


def test_person_before_conjunction_ends_the_left_context():
    out = names("硕士生导师林海与青云山新材料(青山)有限公司签约。")
    assert ("青云山新材料(青山)有限公司", "ENTERPRISE") in out
    assert ("林海", "PERSON") in out


def test_field_before_a_level_word_names_the_platform():
    out = names("青禾农业年内建成果蔬保鲜与加工省级企业重点实验室,获批建设先进涂层材料省级工程技术研究中心。")
    assert ("果蔬保鲜与加工省级企业重点实验室", "PLATFORM") in out
    assert ("先进涂层材料省级工程技术研究中心", "PLATFORM") in out


def test_level_word_after_a_sentence_part_or_region_is_no_name():
    out = names("推动企业省级重点实验室建设,全市省级工程技术研究中心达9家,湖南省级重点实验室新增3家。")
    assert not any(t == "PLATFORM" for _n, t in out)


def test_zone_names_outside_the_administrative_table():
    out = names("公司总部位于宁波前湾新片区,参与“皖江硅谷”建设,入驻洋山综合保税区。")
    assert {("宁波前湾新片区", "PLATFORM"), ("皖江硅谷", "PLATFORM"), ("洋山综合保税区", "PLATFORM")} <= out


def test_zone_name_running_on_into_another_zone_word():
    out = names("加强与德阳科技城新区联动。")
    assert ("德阳科技城新区", "PLATFORM") in out
    assert ("德阳科技城", "PLATFORM") not in out


def test_foreign_university_name_does_not_hold_its_country():
    from kg.nlp.extract import extract_text

    out = {(e.name, e.type) for e in extract_text("支持星河大学与泰国清迈大学、缅甸仰光大学开展合作研究。").entities}
    assert {("清迈大学", "UNIVERSITY"), ("仰光大学", "UNIVERSITY"), ("泰国", "REGION"), ("缅甸", "REGION")} <= out
    assert ("泰国清迈大学", "UNIVERSITY") not in out
    out = {(e.name, e.type) for e in extract_text("中国科学技术大学与星河大学合作。").entities}
    assert ("中国科学技术大学", "UNIVERSITY") in out


def test_science_courtyard_is_a_platform_suffix_and_a_count_makes_a_category():
    from kg.nlp.extract import extract_text

    out = {(e.name, e.type) for e in extract_text("支持星河农业大学在我县设立青石油茶科技小院。在白沙乡建成茶叶科技小院2个，新增自治区级众创空间3家。").entities}
    assert ("青石油茶科技小院", "PLATFORM") in out
    assert not any(n in ("科技小院", "茶叶科技小院", "自治区级众创空间") for n, _t in out), out


def test_platform_heads_of_resource_banks_stations_and_service_platforms():
    out = names(
        "在石桥镇建设了河谷特色果树种质资源圃，推进青川州山地作物种质资源库建设，"
        "支持星河大学建设的白马湖泊研究站和青岭综合试验站，打造精密铸件检测与研发公共服务平台、"
        "区域医学中心临床研究平台。全省新建6个县域科技创新试验站，争创国家野外科学观测研究站。"
    )
    assert {
        ("河谷特色果树种质资源圃", "PLATFORM"),
        ("青川州山地作物种质资源库", "PLATFORM"),
        ("白马湖泊研究站", "PLATFORM"),
        ("青岭综合试验站", "PLATFORM"),
        ("精密铸件检测与研发公共服务平台", "PLATFORM"),
        ("区域医学中心临床研究平台", "PLATFORM"),
    } <= out, out
    assert not any(n in ("县域科技创新试验站", "国家野外科学观测研究站") for n, _t in out), out


def test_cooperative_is_an_enterprise_when_named_after_its_place():
    out = names("与临川县青石油茶专业合作社合作。服务涉农企业和合作社，带动农民专业合作社15家。")
    assert ("临川县青石油茶专业合作社", "ENTERPRISE") in out, out
    assert not any(n.endswith("合作社") and n != "临川县青石油茶专业合作社" for n, _t in out), out


def test_a_universitys_institute_named_by_its_field_is_a_university_unit():
    out = names("星河大学粉末冶金研究院、青山大学茶叶研究所、中国星海大学莱州海洋牧场研究院、星河大学青川产业技术研究院参加。")
    assert {("星河大学粉末冶金研究院", "UNIVERSITY"), ("青山大学茶叶研究所", "UNIVERSITY")} <= out, out
    assert ("星河大学青川产业技术研究院", "PLATFORM") in out, out
    assert ("中国星海大学莱州海洋牧场研究院", "PLATFORM") in out, out
