"""Pipeline assembly: component order, config round-trip, tokenizer, chunking offsets."""

from kg.model import Report
from kg.nlp.extract import extract
from kg.nlp.pipeline import DEFAULT_COMPONENTS, build_pipeline, pipeline_from_config


def test_components_in_order():
    names = [n for n, _c in DEFAULT_COMPONENTS]
    assert names.index("kg_entity_selector") < names.index("kg_relations")
    assert names[-1] == "kg_relations"


def test_config_round_trip():
    nlp = build_pipeline()
    again = pipeline_from_config(nlp.config.to_str())
    assert again.pipe_names == nlp.pipe_names
    text = "南京大学与青云山新材料有限公司合作。"
    assert again.make_doc(text).text == text


def test_tokenizer_round_trips_whitespace():
    nlp = build_pipeline()
    for text in ("", "  ", "中 文\n\n  abc 12\t", "\u3000中国"):
        assert nlp.make_doc(text).text == text


def test_chunked_offsets(monkeypatch):
    import importlib

    ex = importlib.import_module("kg.nlp.extract")

    monkeypatch.setattr(ex, "MAX_CHUNK", 40)
    text = "第一段文字说明情况。\n" * 10 + "青云山新材料有限公司与东华理工大学合作。\n"
    r = extract(Report(doc_id="t.txt", text=text))
    e = r.entity("东华理工大学")
    assert e is not None and all(text[s:t] == "东华理工大学" for s, t in e.spans)
