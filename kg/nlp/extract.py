"""Run the pipeline over a whole report and turn its Docs into an Extraction.

spaCy refuses texts over 1,000,000 characters (E088), and long reports are slow to hold as one
Doc anyway, so the text is cut into chunks at paragraph boundaries; offsets are shifted back to
report coordinates. Report-level work (merging mentions into entities, aliases, collaboration
endpoints) happens in ``kg.resolve`` after all chunks are seen.

Traditional characters. The lexicons and gazetteers are simplified, so a report that holds
characters of the traditional → simplified table (kg.nlp.variants; one character for one, so every
offset holds) is extracted from a simplified copy of its text, title and region — pipeline,
resolution and indicators alike — and the surface forms are then restored from the ORIGINAL text:

* entity ``name`` and ``aliases`` are sliced from the original at the mention spans (a simplified
  form written two ways, 高台县 / 高臺縣, keeps the first as name and the other as an alias);
* collaboration endpoints follow their entity's restored name; ``evidence`` is the original
  sentence at the same span; ``subject_region`` and each indicator's ``region`` are restored where
  they are a form written in the report, and indicator ``text`` is the original span;
* gazetteer-derived and normalised fields stay simplified: ``canonical`` (the cross-report identity,
  hence the IRI and rdfs:label — 蘭州大學 here and 兰州大学 in another report are one node, the
  written form an alias), ``code``, ``parents``, ``located_in``, collaboration ``trigger`` and the
  indicator name and qualifier.

A text without such characters skips all this (one set test over its characters).

Huge reports. A report longer than ``STREAM_OBSERVATIONS_ABOVE`` characters (a 50 MB file holds
~190,000 indicator numbers, ~350 MB as dicts) gets an ``ObservationStream`` as its ``indicators``:
an iterable that extracts the observations one ``OBSERVATION_CHUNK`` at a time whenever it is
iterated, so ``kg build`` maps them to triples as they come and never holds them all. Each chunk
is cut at a paragraph boundary and read with the report's year; the one difference from
extracting the whole text at once is that a section heading's region or year does not carry
into the next chunk.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any, Callable, Iterator

from spacy.language import Language

from kg.model import Extraction, Report
from kg.nlp.doc_ext import entity_spans
from kg.nlp.pipeline import build_pipeline
from kg.nlp.variants import has_traditional, to_simplified

MAX_CHUNK = 100_000  # characters; well below spaCy's limit, keeps memory flat on huge reports
STREAM_OBSERVATIONS_ABOVE = 1_000_000  # characters (spaCy's own max_length): observations are streamed
OBSERVATION_CHUNK = 500_000  # characters per indicator-extraction piece of a huge report

# progress(stage, done characters, total characters), called after each chunk: stage "entities"
# (the pipeline) or "indicators" (an ObservationStream being iterated)
ExtractProgress = Callable[[str, int, int], None]


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


class ObservationStream:
    """The indicator observations of a huge report, extracted piece by piece each time it is
    iterated (see the module docstring); ``fix`` is applied to each one (restoring the written
    forms of a report in traditional characters)."""

    def __init__(self, text: str, subject_region: str | None, year: int | None, progress: ExtractProgress | None = None) -> None:
        from kg.indicators.extract import detect_year

        self.text = text
        self.subject_region = subject_region
        self.year = year if year is not None else detect_year(text)
        self.progress = progress
        self.fix: Callable[[dict[str, Any]], None] | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        from kg.indicators import extract_indicators

        for offset, piece in chunk_text(self.text, OBSERVATION_CHUNK):
            observations = extract_indicators(piece, self.subject_region, self.year)
            for obs in observations:
                if "start" in obs:
                    obs["start"] += offset
                    obs["end"] += offset
                if self.fix is not None:
                    self.fix(obs)
            yield from observations
            del observations
            if self.progress is not None:
                self.progress("indicators", offset + len(piece), len(self.text))


def extract(report: Report, nlp: Language | None = None, progress: ExtractProgress | None = None) -> Extraction:
    """Entities, collaborations (spaCy pipeline + kg.resolve) and indicator observations.

    A report in traditional characters is extracted from its simplified copy, names as written
    (see the module docstring). ``progress(stage, done, total)`` hears how many characters have
    been read (a 50 MB report takes minutes)."""
    if not has_traditional(report.text):
        return _extract(report, nlp, progress)
    simplified = dataclasses.replace(
        report,
        text=to_simplified(report.text),
        title=to_simplified(report.title) if report.title else report.title,
        region=to_simplified(report.region) if report.region else report.region,
    )
    return _restore_written_forms(_extract(simplified, nlp, progress), report)


def _extract(report: Report, nlp: Language | None = None, progress: ExtractProgress | None = None) -> Extraction:
    from kg.indicators import extract_indicators
    from kg.resolve import resolve_report

    nlp = nlp or load_pipeline()
    mentions: list[tuple[int, int, str, str]] = []  # (start, end, label, component)
    relations: list[tuple[tuple[int, int], tuple[int, int], str, tuple[int, int], str]] = []
    pieces = chunk_text(report.text)
    meta = {"doc_id": report.doc_id, "title": report.title, "year": report.year, "region": report.region}
    for offset, piece in pieces:
        doc = nlp.make_doc(piece)
        doc._.kg_meta = meta  # set before the components run, so they can read it
        doc.user_data["kg_text"] = piece  # == doc.text, which spaCy would rebuild on every access
        for _name, component in nlp.pipeline:
            doc = component(doc)
        for span in entity_spans(doc):
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
        if progress is not None:
            progress("entities", offset + len(piece), len(report.text))
    extraction = resolve_report(report, mentions, relations)
    if len(report.text) > STREAM_OBSERVATIONS_ABOVE:
        extraction.indicators = ObservationStream(report.text, extraction.subject_region, report.year, progress)  # type: ignore[assignment]
    else:
        extraction.indicators = extract_indicators(report.text, extraction.subject_region, report.year)
    return extraction


def _written(simp_text: str, orig_text: str, start: int, end: int) -> tuple[str, str]:
    """(simplified surface, original surface) of one mention: kg.resolve.surface cuts a short-form
    definition out of the simplified slice; the same character ranges are cut from the original."""
    from kg.resolve import _INNER_SHORT, surface

    simp, orig = simp_text[start:end], orig_text[start:end]
    if "简称" not in simp:
        return simp, orig
    pieces, pos = [], 0
    for m in _INNER_SHORT.finditer(simp):
        pieces.append(orig[pos : m.start()])
        pos = m.end()
    pieces.append(orig[pos:])
    return surface(simp), "".join(pieces)


def _restore_written_forms(extraction: Extraction, report: Report) -> Extraction:
    """Put the report's own forms back into an extraction made from its simplified copy."""
    simp_text, orig_text = extraction.report.text, report.text
    written: dict[str, str] = {}  # simplified surface → first original form, over the whole report
    names: dict[str, str] = {}  # simplified entity name → restored name
    for ent in extraction.entities:
        forms: dict[str, list[str]] = {}  # simplified surface → original forms in text order
        for s, e in sorted(ent.spans):
            simp, orig = _written(simp_text, orig_text, s, e)
            variants = forms.setdefault(simp, [])
            if orig not in variants:
                variants.append(orig)
            written.setdefault(simp, orig)
        if ent.canonical is None:
            ent.canonical = ent.name  # the simplified form: one identity across scripts
        new_forms: list[str] = []
        for simp in [ent.name, *ent.aliases]:
            for orig in forms.get(simp, [simp]):
                if orig not in new_forms:
                    new_forms.append(orig)
        names[ent.name] = new_forms[0]
        ent.name, ent.aliases = new_forms[0], new_forms[1:]
    for collab in extraction.collaborations:
        collab.a = names.get(collab.a, collab.a)
        collab.b = names.get(collab.b, collab.b)
        if collab.span != (0, 0):
            collab.evidence = orig_text[collab.span[0] : collab.span[1]]
    if extraction.subject_region:
        extraction.subject_region = written.get(extraction.subject_region, extraction.subject_region)

    def fix(obs: dict[str, Any]) -> None:
        if "start" in obs and "end" in obs:
            obs["text"] = orig_text[obs["start"] : obs["end"]]
        if obs.get("region"):
            obs["region"] = written.get(obs["region"], obs["region"])

    if isinstance(extraction.indicators, ObservationStream):
        extraction.indicators.fix = fix
    else:
        for obs in extraction.indicators:
            fix(obs)
    extraction.report = report
    return extraction
