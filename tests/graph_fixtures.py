"""Hand-made extractions → test stores (independent of the extractor's current output)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from kg.model import Collaboration, Entity, Extraction, Report
from kg.build import write_regions_graph
from kg.rdf.mapping import report_graph
from kg.store import open_store


def ent(name: str, type_: str, located_in: str | None = None, code: str | None = None, parents: Iterable[str] = ()) -> Entity:
    return Entity(name=name, type=type_, located_in=located_in, code=code, parents=list(parents))


def collab(a: str, b: str, kind: str = "COOPERATES", evidence: str = "") -> Collaboration:
    return Collaboration(a=a, b=b, kind=kind, evidence=evidence or f"{a}与{b}开展合作。")


def extraction(doc_id: str, entities: list[Entity], collaborations: list[Collaboration], subject_region: str | None = None, title: str | None = None) -> Extraction:
    report = Report(doc_id=doc_id, text="", title=title or doc_id, sha256=doc_id)
    return Extraction(report=report, entities=entities, collaborations=collaborations, subject_region=subject_region)


def build_store(path: Path, extractions: Iterable[Extraction]) -> str:
    """Write the extractions into a fresh Oxigraph store at ``path``, with the regions graph as
    ``kg build`` writes it; return its location."""
    with open_store(str(path)) as store:
        write_regions_graph(store)
        for ex in extractions:
            graph, triples = report_graph(ex)
            store.replace_graph(graph, triples)
    return str(path)


def hub_world() -> list[Extraction]:
    """A small world with a known answer.

    甘肃农业大学 ties to three enterprises (in two regions), hosts one platform and co-builds
    with a fourth enterprise; 兰州大学 ties to one enterprise; 张掖研究所 to one. The expected
    top hub is 甘肃农业大学 with 4 partners, 1 platform hosted, 2 regions reached.
    """
    zy = ent("张掖市", "REGION", code="620700", parents=["甘肃省"])
    lz = ent("兰州市", "REGION", code="620100", parents=["甘肃省"])
    gau = ent("甘肃农业大学", "UNIVERSITY", located_in="兰州市")
    lzu = ent("兰州大学", "UNIVERSITY", located_in="兰州市")
    inst = ent("张掖研究所", "RESEARCH_INSTITUTE", located_in="张掖市")
    e1 = ent("甲公司", "ENTERPRISE", located_in="张掖市")
    e2 = ent("乙公司", "ENTERPRISE", located_in="张掖市")
    e3 = ent("丙公司", "ENTERPRISE", located_in="兰州市")
    e4 = ent("丁公司", "ENTERPRISE", located_in="兰州市")
    lab = ent("旱作农业重点实验室", "PLATFORM", located_in="兰州市")
    prog = ent("科技特派员计划", "PROGRAM")
    r1 = extraction(
        "r1.txt",
        [zy, lz, gau, e1, e2, lab, lzu],
        [
            collab("甘肃农业大学", "甲公司", evidence="甘肃农业大学与甲公司签订合作协议。"),
            collab("甘肃农业大学", "乙公司", evidence="甘肃农业大学与乙公司开展产学研合作。"),
            collab("甘肃农业大学", "旱作农业重点实验室", "HOSTS", evidence="旱作农业重点实验室依托甘肃农业大学建设。"),
            collab("兰州大学", "甲公司", evidence="兰州大学与甲公司合作。"),
        ],
        subject_region="张掖市",
    )
    r2 = extraction(
        "r2.txt",
        [lz, gau, e3, e4, inst, e1, prog],
        [
            collab("甘肃农业大学", "丙公司", evidence="甘肃农业大学与丙公司联合攻关。"),
            collab("丁公司", "甘肃农业大学", "CO_BUILDS", evidence="丁公司与甘肃农业大学共建研发中心。"),
            # the same sentence as in r1 — not independent evidence, so it counts once
            collab("甘肃农业大学", "甲公司", evidence="甘肃农业大学与甲公司签订合作协议。"),
            collab("张掖研究所", "甲公司", evidence="张掖研究所与甲公司合作。"),
        ],
        subject_region="兰州市",
    )
    return [r1, r2]
