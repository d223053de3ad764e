"""Run the pipeline over a whole report and turn its Docs into an Extraction.

spaCy refuses texts over 1,000,000 characters (E088), and long reports are slow to hold as one
Doc anyway, so the text is cut into chunks at paragraph boundaries; offsets are shifted back to
report coordinates. Report-level work (merging mentions into entities, aliases, collaboration
endpoints) happens in ``kg.resolve`` after all chunks are seen.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from spacy.language import Language

from kg.model import Extraction, Report
from kg.nlp.doc_ext import ENTITIES
from kg.nlp.pipeline import build_pipeline

MAX_CHUNK = 100_000  # characters; well below spaCy's limit, keeps memory flat on huge reports


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    return build_pipeline()


def chunk_text(text: str, max_chunk: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """Yield (offset, chunk) pieces no longer than ``max_chunk``, cut after a newline if possible."""
    start, n = 0, len(text)
    while start < n:
        end = min(start + max_chunk, n)
        if end < n:
            cut = text.rfind("\n", start + max_chunk // 2, end)
            if cut == -1:
                cut = max(text.rfind(p, start + max_chunk // 2, end) for p in "。；;！？")
            if cut != -1:
                end = cut + 1
        yield start, text[start:end]
        start = end


def extract_text(text: str, doc_id: str = "text", nlp: Language | None = None) -> Extraction:
    """Extract from a bare string (convenience for notebooks and tests)."""
    return extract(Report(doc_id=doc_id, text=text), nlp=nlp)


def extract(report: Report, nlp: Language | None = None) -> Extraction:
    """Entities, collaborations (spaCy pipeline + kg.resolve) and indicator observations."""
    from kg.indicators import extract_indicators
    from kg.resolve import resolve_report

    nlp = nlp or load_pipeline()
    mentions: list[tuple[int, int, str, str]] = []  # (start, end, label, component)
    relations: list[tuple[tuple[int, int], tuple[int, int], str, tuple[int, int], str]] = []
    pieces = list(chunk_text(report.text))
    meta = {"doc_id": report.doc_id, "title": report.title, "year": report.year, "region": report.region}
    for offset, piece in pieces:
        doc = nlp.make_doc(piece)
        doc._.kg_meta = meta  # set before the components run, so they can read it
        doc.user_data["kg_text"] = piece  # == doc.text, which spaCy would rebuild on every access
        for _name, component in nlp.pipeline:
            doc = component(doc)
        for span in doc.spans.get(ENTITIES, []):
            mentions.append((span.start_char + offset, span.end_char + offset, span.label_, span.kb_id_))
        for a, b, kind, sent, trigger in doc._.kg_relations or []:
            relations.append(
                (
                    (a.start_char + offset, a.end_char + offset),
                    (b.start_char + offset, b.end_char + offset),
                    kind,
                    (sent.start_char + offset, sent.end_char + offset),
                    trigger,
                )
            )
        # break the Doc ↔ Span reference cycles (candidate spans cached in user_data, span groups),
        # so each chunk's Doc is freed now rather than at the next cyclic collection
        doc.user_data.clear()
        for key in list(doc.spans):
            del doc.spans[key]
        doc._.kg_relations = None
        del doc
    extraction = resolve_report(report, mentions, relations)
    extraction.indicators = extract_indicators(report.text, extraction.subject_region, report.year)
    return extraction
