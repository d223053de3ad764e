"""Issue 5, hostile names: HTML/JS, SPARQL/Turtle metacharacters and IRI-breaking characters in
entity names survive model → kg.rdf → store → export → rdflib parse, and come back intact from
queries (bound as literals). HTML views escape them (kg/viz, kg/serve: tested there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from conftest import run_kg
from kg.model import Collaboration, Entity, Extraction, Report
from kg.rdf.mapping import report_graph
from kg.store import open_store

HOSTILE = [
    "<script>alert('x')</script>科技有限公司",
    '<img src=x onerror="alert(1)">研究院',
    "javascript:alert(document.cookie)//实验室",
    'He said "hi" > 你好 \\ 反斜杠 \\n 公司',
    "line one\nline two\r\nline three 公司",
    "}}; DROP ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #大学",
    '""" \'\'\' ``` <http://evil/> . _:b0 @zh ^^xsd:string 中心',
    "<urn:x> <urn:y> <urn:z> . 平台",
    "a b{c}d|e^f`g<h>i\"j\\k 园区",
    "\u200b\u202e\ufeff 隐藏字符 \u0000\u0007 控制",
    "&amp; &lt;b&gt; &#x3C;script&#x3E; 实体",
    "𠮷" * 3 + "🚀 科技",
]
TYPES = ["ENTERPRISE", "RESEARCH_INSTITUTE", "PLATFORM", "ENTERPRISE", "ENTERPRISE", "UNIVERSITY",
         "PLATFORM", "PLATFORM", "PLATFORM", "GOVERNMENT", "ENTERPRISE", "ENTERPRISE"]


def hostile_extraction(doc_id: str = 'evil "<doc>" \\ name.txt') -> Extraction:
    text = "\n".join(HOSTILE)
    entities, offset = [], 0
    for name, etype in zip(HOSTILE, TYPES):
        entities.append(Entity(name=name, type=etype, aliases=[name + "<alias>"], spans=[(offset, offset + len(name))]))
        offset += len(name) + 1
    collaborations = [
        Collaboration(a=HOSTILE[0], b=HOSTILE[5], kind="COOPERATES", evidence=HOSTILE[3] + HOSTILE[4], span=(0, 5), trigger="<合作>"),
        Collaboration(a=HOSTILE[1], b=HOSTILE[2], kind="HOSTS", evidence="\"'\\\n", span=(1, 2)),
    ]
    report = Report(doc_id=doc_id, text=text, title="<title>标题</title> \"\\", sha256="0" * 64)
    return Extraction(report=report, entities=entities, collaborations=collaborations)


@pytest.fixture()
def loaded(tmp_path: Path) -> Path:
    location = tmp_path / "store"
    graph, triples = report_graph(hostile_extraction())
    with open_store(str(location)) as store:
        store.replace_graph(graph, triples)
    return location


def labels_in(ds_or_graph) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(o) for o in ds_or_graph.objects(None, RDFS.label)}


def test_mapping_keeps_names_verbatim() -> None:
    _, triples = report_graph(hostile_extraction())
    labels = {str(o) for _, p, o in triples if p == RDFS.label}
    assert set(HOSTILE) <= labels
    for s, _, o in triples:  # IRIs are hashed: nothing of a name leaks into one
        for term in (s, o):
            if isinstance(term, URIRef):
                assert not any(ch in str(term) for ch in ' <>"{}|\\^`\n'), term


@pytest.mark.parametrize("fmt,parse_as", [("nquads", "nquads"), ("trig", "trig"), ("turtle", "turtle"), ("ntriples", "nt")])
def test_serialises_and_parses_back(loaded: Path, fmt: str, parse_as: str) -> None:
    with open_store(str(loaded), read_only=True) as store:
        data = store.dump(fmt)
    if parse_as in ("nquads", "trig"):
        parsed = Dataset()
        parsed.parse(data=data, format=parse_as)
        labels = {str(o) for _, _, o, _ in parsed.quads((None, RDFS.label, None, None))}
    else:
        parsed = Graph()
        parsed.parse(data=data, format=parse_as)
        labels = labels_in(parsed)
    assert set(HOSTILE) <= labels
    assert "<title>标题</title> \"\\" in labels


def test_query_returns_names_intact(loaded: Path) -> None:
    with open_store(str(loaded), read_only=True) as store:
        rows = store.query("SELECT ?e ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }").rows
        assert set(HOSTILE) <= {str(r["l"]) for r in rows}
        for name in HOSTILE:  # and each one, bound as a literal, finds exactly its entity
            hit = store.query(
                "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
                {"l": Literal(name, lang="zh")},
            ).rows
            assert len(hit) == 1, name


def test_cli_query_json_returns_names_intact(loaded: Path) -> None:
    result = run_kg(
        "query", "SELECT ?l ?ev WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l . OPTIONAL { ?c <https://w3id.org/kg-innovation/ontology#evidence> ?ev } }",
        "--format", "json", store=loaded,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert set(HOSTILE) <= {r["l"] for r in rows}
    assert HOSTILE[3] + HOSTILE[4] in {r["ev"] for r in rows}
    bound = run_kg(
        "query", "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        "--bind", f"l={HOSTILE[5]}", "--format", "json", store=loaded,
    )
    assert bound.returncode == 0 and len(json.loads(bound.stdout)) == 1, bound.stderr


def test_hostile_text_through_extraction(tmp_path: Path) -> None:
    """A report whose text carries markup and metacharacters next to real names: whatever the
    extractor makes of it loads, exports and parses back, and every name is quoted from the text."""
    f = tmp_path / "evil.txt"
    f.write_text(
        "2025年<script>alert(1)</script>科技工作总结\n"
        "“<img src=x onerror=alert(1)>”科技有限公司与兰州大学签订合作协议。\n"
        "甘肃\"引号\\反斜杠>科技有限公司与javascript:alert(1)研究院合作共建实验室。\n"
        "} ; DROP ALL ; 高台县人民政府与兰州理工大学共建“新能源<研究院>”。\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    built = run_kg("build", str(f), store=store)
    assert built.returncode == 0, built.stderr
    exported = run_kg("export", "--format", "nquads", store=store)
    ds = Dataset()
    ds.parse(data=exported.stdout, format="nquads")
    from kg.read import read_report

    text = read_report(f).text
    report = [o for _, _, o, _ in ds.quads((None, URIRef("https://w3id.org/kg-innovation/ontology#docId"), None, None))]
    assert [str(r) for r in report] == ["evil.txt"]
    mentioned = {s for s, _, _, _ in ds.quads((None, URIRef("https://w3id.org/kg-innovation/ontology#mentionedIn"), None, None))}
    alias = URIRef("https://w3id.org/kg-innovation/ontology#alias")
    for s in mentioned:  # a name as written is the label or an alias (the label may be canonical)
        forms = {str(o) for p in (RDFS.label, alias) for _, _, o, _ in ds.quads((s, p, None, None))}
        kinds = {str(o) for p in (URIRef("https://w3id.org/kg-innovation/ontology#entityType"), RDF.type) for _, _, o, _ in ds.quads((s, p, None, None))}
        if "REGION" in kinds or "https://w3id.org/kg-innovation/ontology#Region" in kinds:
            continue  # regions may be inferred from the gazetteer (兰州大学 → 兰州市), not quoted
        assert any(form in text for form in forms), forms
