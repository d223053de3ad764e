"""kg.rdf.nt: the N-Triples text the mapping writes parses back to the same terms, in pyoxigraph
(what kg build loads) and in rdflib (what the Python API returns), and both paths of the mapping
describe the same graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.nlp import extract
from kg.rdf import nt
from kg.rdf.mapping import report_graph, report_ntriples
from kg.read import read_report
from kg.store.terms import to_ox

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "reports"
HOSTILE = [
    "普通名称",
    'quote " inside',
    "back\\slash and \\n literal",
    "line\nbreak\rcarriage\ttab",
    "<script>alert(1)</script> onerror=x javascript:void(0)",
    "nul\x00bell\x07esc\x1bdel\x7f",
    "bidi \u202e and zero-width \u200b and astral 𠀀😀",
    "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_literals_parse_back_identically(text: str) -> None:
    subject, predicate = nt.iri("https://example.org/s"), nt.iri("https://example.org/p")
    for token, expected in (
        (nt.literal(text), Literal(text)),
        (nt.lang_literal(text), Literal(text, lang="zh")),
    ):
        parsed = list(ox.parse(f"{subject} {predicate} {token} .\n".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        assert len(parsed) == 1
        assert parsed[0].object.value == text
        assert nt.to_rdflib(token) == expected


def test_typed_literals_and_iris() -> None:
    assert nt.to_rdflib(nt.integer(42)) == Literal(42)
    assert nt.to_rdflib(nt.iri("https://example.org/x")) == URIRef("https://example.org/x")
    for bad in ("https://example.org/a b", "https://example.org/<x>", 'https://e.org/"'):
        with pytest.raises(ValueError):
            nt.iri(bad)


def test_build_text_and_api_triples_are_the_same_graph() -> None:
    report = read_report(sorted(SAMPLE.glob("*.txt"))[2])
    x = extract(report)
    graph, rdflib_triples = report_graph(x)
    name, tokens = report_ntriples(x)
    assert str(graph) == name
    text = "".join(nt.line(t) for t in tokens).encode("utf-8")
    from_text = {(str(t.subject), str(t.predicate), str(t.object)) for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)}
    from_api = {tuple(str(to_ox(term)) for term in t) for t in rdflib_triples}
    assert len(from_api) > 300
    assert from_text == from_api
