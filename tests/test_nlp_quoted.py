"""Policies in 《》, quoted programmes and events, loan products, campaign years."""

from kg.nlp.extract import extract_text


def ents(text):
    return {e.name: e for e in extract_text(text).entities}


def test_policy_in_book_marks():
    out = ents("印发《青山县科技创新券管理办法》,刊登于《科技日报》。")
    assert out["青山县科技创新券管理办法"].type == "POLICY"
    assert "科技日报" not in out


def test_printed_policy_inside_notice():
    out = ents("《关于印发青山县“十四五”科技发展规划的通知》")
    assert out["青山县“十四五”科技发展规划"].type == "POLICY"


def test_quoted_programme_with_cue_merges_forms():
    out = ents("深入实施“百校联企”行动,推动“百校联企”提质扩面。")
    prog = [e for e in out.values() if e.type == "PROGRAM"]
    assert len(prog) == 1
    forms = {prog[0].name, *prog[0].aliases}
    assert "百校联企" in {f.strip("“”") for f in forms}


def test_quoted_non_names_are_ignored():
    out = ents("以科技创新“关键变量”催生高质量发展“最大增量”,培育“专精特新”企业。")
    assert not any(e.type == "PROGRAM" for e in out.values())


def test_loan_products():
    out = ents("推出“兴农贷”“科创贷”等产品,发放贷款3亿元,信贷规模扩大。")
    assert out["兴农贷"].type == "PROGRAM" and out["科创贷"].type == "PROGRAM"
    assert "信贷" not in out and not any(n.endswith("贷款") for n in out)


def test_event_ordinal_and_known_events():
    out = ents("成功举办第五届青山科技成果交易会,组织科技活动周活动。")
    assert out["青山科技成果交易会"].type == "EVENT"
    assert out["科技活动周"].type == "EVENT"


def test_gazetteer_programmes():
    out = ents("推行揭榜挂帅机制,选派科技特派员。")
    assert out["揭榜挂帅"].type == "PROGRAM" and out["科技特派员"].type == "PROGRAM"


def test_unquoted_policy_after_issuing_verbs():
    out = ents("研究制定出台青山县科技成果转化奖励办法,推动落实的工作细则。")
    assert out["青山县科技成果转化奖励办法"].type == "POLICY"
    assert not any(n.endswith("工作细则") for n in out)


def test_named_talent_schemes():
    out = ents("入选青山学者特聘教授计划,实施高层次人才引进计划。")
    assert out["青山学者特聘教授计划"].type == "PROGRAM"
    assert not any("高层次" in n for n in out)


def test_event_names_holding_a_verb():
    out = ents("6月3日,岳阳经济技术开发区校企人才合作集中签约活动举行。举办科技成果走进衡阳农机对接活动。")
    assert out["岳阳经济技术开发区校企人才合作集中签约活动"].type == "EVENT"
    assert out["科技成果走进衡阳农机对接活动"].type == "EVENT"


def test_local_series_of_a_known_event_is_not_a_new_event():
    out = ents("启动科技活动周岳阳经开区系列活动。")
    assert out["科技活动周"].type == "EVENT"
    assert not any(n.endswith("系列活动") for n in out)


def test_quoted_scheme_named_by_its_projects_funds_or_members():
    out = ents("设立“科贷通”引导资金,申报“院企双聘”项目8个,推荐市“千名工匠”42人,获评“湘江友谊奖”2人。")
    assert out["科贷通"].type == "PROGRAM"
    assert out["院企双聘"].type == "PROGRAM"
    assert out["千名工匠"].type == "PROGRAM"
    assert "湘江友谊奖" not in out


def test_quoted_research_project_title_is_not_a_scheme():
    out = ents("“高寒地区马铃薯脱毒种薯繁育技术”项目获省科技进步奖,突破“卡脖子”项目3个。")
    assert not any(e.type == "PROGRAM" for e in out.values())


def test_run_of_quoted_schemes_closed_by_a_designation():
    out = ents("引进“银发专家团”“企业科技官”“院士专家”等高端人才,用好“乡村工匠”和“技术经纪人”等政策。")
    for name in ("银发专家团", "企业科技官", "乡村工匠", "技术经纪人"):
        assert out[name].type == "PROGRAM"
    assert "院士专家" not in out


def test_joint_events_with_their_own_edition_are_two_events():
    out = ents("办好第二届星湖渔业发展大会暨2025年青川国际茶叶博览会。召开星湖科技奖励大会暨科技工作推进会议。")
    assert out["星湖渔业发展大会"].type == "EVENT" and out["青川国际茶叶博览会"].type == "EVENT", out
    assert not any("暨2025" in n for n in out), out


def test_region_before_edition_names_a_generic_event():
    out = ents("举办临川市第三届创新创业大赛。5月8日，临川市2025年产学研合作项目集中签约仪式举行。")
    assert out["临川市第三届创新创业大赛"].type == "EVENT", out
    assert out["临川市2025年产学研合作项目集中签约仪式"].type == "EVENT", out


def test_sub_event_and_short_fair_names():
    out = ents("组织参加第九届滇洽会科技成果展，办好青川国际陶瓷博览会科技成果展，持续办好“临川·石桥产学研对接周”。参观了科技成果展示厅。")
    for n in ("滇洽会", "滇洽会科技成果展", "青川国际陶瓷博览会", "青川国际陶瓷博览会科技成果展", "临川·石桥产学研对接周"):
        assert out[n].type == "EVENT", (n, out)
    assert not any(n.endswith("展示厅") for n in out), out


def test_a_places_product_brand_is_not_a_programme():
    out = ents("打响“青川翠芽”品牌，发挥“校地联动”品牌效应。")
    assert not any(e.type == "PROGRAM" and "翠芽" in n for n, e in out.items()), out
    assert any(e.type == "PROGRAM" and "校地联动" in n for n, e in out.items()), out
