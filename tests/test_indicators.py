"""Indicator observations: pattern families, normalisation, concepts, RDF/SHACL, dev-set regression.

All sentences here are written for the test (invented regions 青川县/云溪市 and figures).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.indicators import (
    broader_concepts,
    concept_for,
    detect_subject_region,
    detect_year,
    extract_indicators,
    normalise_observation,
    normalise_unit,
    observation_triples,
)
from kg.indicators.rdf import KGO, QB, observation_iri

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIELDS = ("indicator", "qualifier", "value", "unit", "region", "year", "kind", "text")


def ex(text, region="青川县", year=2024):
    return extract_indicators(text, region, year)


def one(text, **kw):
    obs = ex(text, **kw)
    assert len(obs) == 1, obs
    return obs[0]


def find(obs, value, unit=None):
    hits = [o for o in obs if o["value"] == value and (unit is None or o["unit"] == unit)]
    assert hits, (value, obs)
    return hits[0]


# ---- format ------------------------------------------------------------------------------------


def test_format_and_offsets():
    text = "今年,全县高新技术企业达到35家。"
    o = one(text)
    assert set(o) >= {"indicator", "value", "unit", "region", "year", "kind", "text", "start", "end"}
    assert text[o["start"]: o["end"]] == o["text"]
    assert (o["indicator"], o["value"], o["unit"], o["region"], o["year"], o["kind"]) == (
        "高新技术企业", 35, "家", "青川县", 2024, "actual")


# ---- pattern families --------------------------------------------------------------------------


def test_daodao_reaches():
    obs = ex("全县省级科技创新型企业达到18家、高新技术企业达到27家。")
    assert [(o["indicator"], o["value"]) for o in obs] == [("省级科技创新型企业", 18), ("高新技术企业", 27)]


def test_xinzeng_qualifier():
    o = one("新增高新技术企业6家。")
    assert o["indicator"] == "高新技术企业" and o["qualifier"] == "新增" and o["value"] == 6


def test_leiji_qualifier():
    o = one("累计入库科技型中小企业88家。")
    assert o["indicator"] == "科技型中小企业" and "累计" in o["qualifier"] and o["value"] == 88


def test_share_of():
    obs = ex("全年财政科技支出3100万元,占一般公共预算支出的1.2%。")
    money = find(obs, 3100, "万元")
    share = find(obs, 1.2, "%")
    assert money["indicator"] == "财政科技支出"
    assert share["indicator"] == "财政科技支出占一般公共预算支出比重"


def test_share_of_gdp_ratio_form():
    o = one("研发投入占gdp比重为2.1%。")
    assert o["indicator"] == "研发投入占GDP比重" and o["value"] == 2.1


def test_growth_rate_is_separate_observation():
    obs = ex("技术合同成交额4.5亿元,同比增长12.5%。")
    assert find(obs, 4.5, "亿元")["indicator"] == "技术合同成交额"
    g = find(obs, 12.5, "%")
    assert g["indicator"] == "技术合同成交额增长率" and "同比" in g["qualifier"]


def test_growth_rate_with_own_subject():
    o = one("财政科技投入同比增长20.5%。")
    assert o["indicator"] == "财政科技投入增长率"


def test_lizheng_target():
    o = one("力争全县有研发活动的规上企业达到9家以上。")
    assert o["kind"] == "target" and o["value"] == 9 and o["indicator"] == "有研发活动的规上企业"


def test_plan_document_is_target():
    text = "青川县2025年科技工作要点\n\n主要目标是:登记科技成果12项以上,选派科技特派员80名以上。\n"
    obs = extract_indicators(text, None, None)
    assert {o["kind"] for o in obs} == {"target"}
    assert {o["year"] for o in obs} == {2025}
    assert {o["region"] for o in obs} == {"青川县"}
    assert find(obs, 80)["indicator"] == "科技特派员"


def test_from_raised_to_target():
    obs = ex("研发经费投入强度从1.1%调增至1.8%,高新技术企业总数从40家调增至60家。")
    assert [(o["indicator"], o["value"], o["kind"]) for o in obs] == [
        ("研发经费投入强度", 1.1, "target"), ("研发经费投入强度", 1.8, "target"),
        ("高新技术企业总数", 40, "target"), ("高新技术企业总数", 60, "target")]


def test_from_to_actual_with_stated_years():
    obs = ex("科技型企业由2019年的30家增加到2023年的75家。")
    assert [(o["indicator"], o["value"], o["year"]) for o in obs] == [
        ("科技型企业", 30, 2019), ("科技型企业", 75, 2023)]


def test_training_sessions():
    o = one("开展农业实用技术培训45余场(次)。")
    assert o["value"] == 45 and o["unit"] == "场(次)" and "培训" in o["indicator"]


def test_multiple():
    obs = ex("备案科技型中小企业320家,数量是上年的2倍。")
    m = find(obs, 2, "倍")
    assert "数量" in m["indicator"] and "科技型中小企业" in m["indicator"]


def test_lists_with_fenbie_and_ge():
    obs = ex("力争高新技术企业、省级科技创新型企业分别达到8家和12家以上。")
    assert [(o["indicator"], o["value"]) for o in obs] == [("高新技术企业", 8), ("省级科技创新型企业", 12)]
    obs = ex("新增高新技术企业和科技型中小企业各3家。")
    assert sorted(o["indicator"] for o in obs) == ["科技型中小企业", "高新技术企业"]
    assert {o["value"] for o in obs} == {3}


def test_breakdown_in_brackets_inherits_head_noun():
    obs = ex("建成科技企业孵化器6个(其中国家级2个、省级4个)。")
    assert find(obs, 2)["indicator"] == "国家级科技企业孵化器"
    assert find(obs, 4)["indicator"] == "省级科技企业孵化器"


def test_number_before_noun():
    o = one("公开遴选45名科技专家入库。")
    assert o["indicator"] == "科技专家" and o["unit"] == "名"


def test_second_measure_of_same_thing():
    obs = ex("申报立项市级科技项目9项、260万元。")
    assert find(obs, 260, "万元")["indicator"] == find(obs, 9, "项")["indicator"]


# ---- things that are not observations ----------------------------------------------------------


@pytest.mark.parametrize("text", [
    "新增高新技术企业1xx家。",
    "20xx年新增高新技术企业*家。",
    "专利授权量达到2x5件。",
    "全年技术合同成交额xx.5亿元。",
    "在全市排名第12位,居第3名。",
    "咨询电话:0931-8812345。",
    "新增高新技术企业十二家。",
    "认真落实实施方案中的18项重点任务。",
    "对新认定的企业奖补20万元/户。",
    "扫一扫下载本文档,共5页,每下载1次扣除权益。",
])
def test_not_observations(text):
    assert ex(text) == []


def test_national_figures_dropped_in_county_report():
    assert ex("全国仅有12家园区入选。") == []


# ---- region and year ---------------------------------------------------------------------------


def test_subject_region_and_year_from_title():
    text = "当前位置:首页\n\n踔厉奋发——2024年云溪市科技创新工作综述\n\n2024年,全市新增高新技术企业21家。\n"
    region, _level, masked = detect_subject_region(text)
    assert region == "云溪市" and not masked
    assert detect_year(text) == 2024
    o = one(text, region=region, year=2024)
    assert o["region"] == "云溪市" and o["year"] == 2024


def test_masked_region_and_year_give_null():
    text = "xx市科技创新工作综述\n20xx年,全市高新技术企业达到90家。\n"
    region, _level, masked = detect_subject_region(text)
    assert region is None and masked
    o = one(text, region=None, year=None)
    assert o["region"] is None and o["year"] is None


def test_scope_year_overrides_report_year():
    obs = ex("2023年以来,全县新增科技型中小企业14家。", year=2024)
    assert obs[0]["year"] == 2023


# ---- normalisation -----------------------------------------------------------------------------


@pytest.mark.parametrize("value,unit,expected", [
    (7.2, "亿元", (720000000.0, "元")),
    (1.05, "亿元", (105000000.0, "元")),
    (2482, "万元", (24820000.0, "元")),
    (53.88, "万人", (538800.0, "人")),
    (131, "名", (131.0, "人")),
    (1.05, "%", (1.05, "%")),
    (41, "家", (41.0, "count")),
    (70, "场(次)", (70.0, "count")),
    (300, "万平方米", (3000000.0, "平方米")),
])
def test_units(value, unit, expected):
    assert normalise_unit(value, unit) == expected


def test_concept_mapping():
    hnte = concept_for("高新技术企业")
    assert hnte and hnte.endswith("ind-hnte")
    assert concept_for("高企") == hnte == concept_for("国家高新技术企业")
    assert concept_for("国家级科技企业孵化器").endswith("ind-incubators")
    assert concept_for("研发投入占GDP比重").endswith("ind-rd-intensity")
    assert concept_for("研发经费投入增长率") is None  # a rate is not the amount
    assert concept_for("完全无关的东西") is None
    up = broader_concepts(hnte)
    assert any(u.endswith("ind-tech-enterprise") for u in up)
    n = normalise_observation({"indicator": "技术合同交易额", "value": 3.5, "unit": "亿元"})
    assert n["base_value"] == 350000000.0 and n["concept"].endswith("ind-tech-contract-turnover")


def test_concept_scheme_size_and_structure():
    g = Graph().parse(REPO / "ontology" / "indicators.ttl")
    from rdflib.namespace import SKOS

    concepts = set(g.subjects(SKOS.inScheme, KGO.IndicatorScheme))
    assert 30 <= len(concepts) <= 70
    assert (KGO.IndicatorStructure, RDF.type, QB.DataStructureDefinition) in g
    dims = set(g.objects(None, QB.dimension))
    assert {KGO.refArea, KGO.refPeriod, KGO.indicator, KGO.observationKind} <= dims
    assert KGO.value in set(g.objects(None, QB.measure))


# ---- RDF and SHACL -----------------------------------------------------------------------------

REPORT = URIRef("https://w3id.org/kg-innovation/id/report/test0001")
REGION = URIRef("https://w3id.org/kg-innovation/id/region/000001")


def _graph(observations, region_iri=REGION):
    g = Graph()
    for o in observations:
        for t in observation_triples(o, REPORT, region_iri):
            g.add(t)
    return g


def test_observation_triples():
    o = one("全年技术合同成交额6.3亿元。")
    g = _graph([o])
    s = observation_iri(str(REPORT), o["start"], o["end"], o["indicator"])
    assert (s, RDF.type, KGO.Observation) in g and (s, RDF.type, QB.Observation) in g
    assert g.value(s, KGO.value) == Literal("6.3", datatype=XSD.decimal)
    assert g.value(s, KGO.baseUnit) == Literal("元")
    assert float(g.value(s, KGO.baseValue)) == 630000000.0
    assert g.value(s, KGO.refPeriod) == Literal("2024", datatype=XSD.gYear)
    assert str(g.value(s, KGO.indicator)).endswith("ind-tech-contract-turnover")
    assert g.value(s, KGO.observationKind) == KGO.Actual
    assert str(g.value(s, KGO.evidence)) == o["text"]
    # stable IRIs
    assert set(_graph([o]).subjects()) == set(g.subjects())


def test_shacl_conformance():
    from pyshacl import validate

    obs = ex("新增高新技术企业6家,技术合同成交额2.5亿元。力争研发投入强度达到2%以上。")
    obs += extract_indicators("xx市科技工作综述\n全市众创空间达到5家。", None, None)  # masked region
    data = _graph(obs[:-1]) + _graph(obs[-1:], region_iri=None)
    shapes = Graph().parse(REPO / "ontology" / "shapes_indicators.ttl")
    ont = Graph().parse(REPO / "ontology" / "indicators.ttl")
    conforms, _g, report = validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")
    assert conforms, report


def test_shacl_catches_bad_observation():
    from pyshacl import validate

    o = one("新增高新技术企业6家。")
    g = _graph([o])
    s = next(g.subjects(RDF.type, KGO.Observation))
    g.add((s, KGO.refArea, URIRef("https://w3id.org/kg-innovation/id/region/999999")))  # two regions
    g.set((s, KGO.observationKind, Literal("maybe")))
    shapes = Graph().parse(REPO / "ontology" / "shapes_indicators.ttl")
    conforms, _g, _r = validate(g, shacl_graph=shapes, inference="none")
    assert not conforms


def test_canned_query_region_by_year():
    """kg/queries/indicators.rq on a small graph: region × year, narrower concepts, rollup."""
    from rdflib.namespace import RDFS

    county = URIRef("https://w3id.org/kg-innovation/id/region/100001")
    city = URIRef("https://w3id.org/kg-innovation/id/region/100000")
    g = Graph().parse(REPO / "ontology" / "indicators.ttl")
    g.add((county, KGO.partOf, city))
    g.add((county, RDFS.label, Literal("青川县", lang="zh")))
    g.add((city, RDFS.label, Literal("云溪市", lang="zh")))
    for year, n in ((2023, 30), (2024, 41)):
        report = URIRef(f"https://w3id.org/kg-innovation/id/report/test{year}")
        for o in ex(f"{year}年,全县高新技术企业达到{n}家。", year=year):
            for t in observation_triples(o, report, county):
                g.add(t)
    q = (REPO / "kg" / "queries" / "indicators.rq").read_text(encoding="utf-8")
    rows = list(g.query(q, initBindings={"concept_label": Literal("高企", lang="zh"),
                                         "rollup": Literal(False)}))
    got = sorted((str(r.region_label), int(r.year), float(r.value)) for r in rows)
    assert got == [("青川县", 2023, 30.0), ("青川县", 2024, 41.0)]
    rows = list(g.query(q, initBindings={"concept_label": Literal("科技型企业")}))  # broader concept
    got = sorted((str(r.region_label), int(r.year), float(r.value)) for r in rows)
    assert ("云溪市", 2024, 41.0) in got and ("青川县", 2023, 30.0) in got


# ---- speed and dev-set regression --------------------------------------------------------------


def test_fast_enough():
    import time

    # about one figure per 150 characters, denser than real reports (one per ~280)
    filler = "常态化开展服务活动,推动创新要素集聚,营造良好创新生态,不断提升科技服务水平。"
    para = ("2024年,全县新增高新技术企业6家,技术合同成交额2.5亿元,同比增长8.1%。" + filler * 4 + "\n") * 3000
    extract_indicators("高新技术企业3家。", None, None)  # warm-up (gazetteer load)
    t0 = time.perf_counter()
    extract_indicators(para, "青川县", 2024)
    rate = len(para) / (time.perf_counter() - t0)
    assert rate > 300_000, f"{rate:.0f} chars/s"  # ~900k on the dev machine; margin for loaded CI


DEV_F1 = 0.982  # reached on the dev set when this test was written


@pytest.mark.skipif(not (SHARED / "gold" / "indicators_seeds.jsonl").is_file(), reason="../shared absent")
def test_dev_set_regression(tmp_path):
    spec = importlib.util.spec_from_file_location("score_indicators", SHARED / "eval" / "score_indicators.py")
    si = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(si)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for path in sorted((SHARED / "corpus").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            region, _l, _m = detect_subject_region(text)
            obs = extract_indicators(text, region, detect_year(text))
            fh.write(json.dumps({"doc": path.name, "indicators": [{k: o[k] for k in FIELDS if k in o} for o in obs]},
                                ensure_ascii=False) + "\n")
    r = si.score(si.load(SHARED / "gold" / "indicators_seeds.jsonl"), si.load(pred))
    assert r["f1"] >= DEV_F1 - 0.02, r
    acc = r["attribute_accuracy"]
    assert acc["region"] >= 0.9 and acc["year"] >= 0.8 and acc["kind"] >= 0.9, r
