"""Collaboration relations between selected entity mentions (``kg_relations``).

Reads ``doc.spans["kg_entities"]`` and writes ``doc._.kg_relations`` as tuples
``(span_a, span_b, kind, sentence_span, trigger)`` with kind COOPERATES, HOSTS (a hosts platform
b) or CO_BUILDS. The rules live in :mod:`kg.nlp.relations_rules`; this component only splits
sentences, skips every sentence without a trigger word or without two entity mentions (so the
cost stays proportional to the few sentences that can state a collaboration), masks the rest
and runs the rule families over them. One relation per pair of names is kept, the most specific
kind winning (HOSTS over CO_BUILDS over COOPERATES).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.doc_ext import entity_spans
from kg.nlp.relations_anaphora import Anaphora
from kg.nlp.relations_guard import Echoes, drop_broken
from kg.nlp.relations_rules import (
    KIND_RANK,
    PREFILTER_RE,
    DocCtx,
    Rel,
    rule_agreements,
    rule_hosting,
    rule_passive_support,
    rule_tables,
)
from kg.nlp.relations_text import Ent, mask, outermost, sentences

TEXT_KEY = "kg_text"  # doc.user_data key of the Doc's text, cached for every component


def find_relations(text: str, ents: list[Ent], tables: bool = True) -> list[Rel]:
    """All collaborations stated in ``text`` between the given entity mentions."""
    if len(ents) < 2:
        return []
    ents = drop_broken(ents)
    outer = outermost(ents)
    ctx = DocCtx(text=text, outer=outer, all_ents=ents)
    if tables:
        rule_tables(ctx)
    starts = [e.start for e in outer]
    ana = echo = None
    i = 0
    for s, e in sentences(text):
        i = bisect_left(starts, s, i)  # sentences come in order: search on from the last one
        j = bisect_left(starts, e, i)
        if j == i:
            continue  # no mention starts in the sentence (most of them)
        # outer mentions do not overlap, so only the last one may run past the sentence end
        inside = outer[i:j] if outer[j - 1].end <= e else outer[i : j - 1]
        if len(inside) < 2 and not _may_use_context(text, s, e, inside):
            continue
        if not PREFILTER_RE.search(text, s, e):
            continue
        if ana is None:
            ana, echo = Anaphora(text, ents), Echoes(text, ents)
        syn, gone = echo.in_sentence(s, e, inside)
        if gone:
            inside = [x for x in inside if not any(x is g for g in gone)]
        syn += ana.in_sentence(s, e, inside + syn)
        if syn:
            inside = outermost(inside + syn)
        ms = mask(text, s, e, inside)
        rule_hosting(ctx, ms)
        rule_agreements(ctx, ms)
        rule_passive_support(ctx, ms)
    return _dedup(ctx.rels)


def _may_use_context(text: str, s: int, e: int, inside: list[Ent]) -> bool:
    """One mention may still pair with an anaphor or elided subject (该中心…, 并与X签约)."""
    if len(inside) != 1:
        return False
    seg = text[s:e]
    return ("与" in seg or "联合" in seg or "依托" in seg) or ("该" in seg) or ("我校" in seg)


def _dedup(rels: list[Rel]) -> list[Rel]:
    best: dict[frozenset[str], Rel] = {}
    order: list[frozenset[str]] = []
    for r in rels:
        key = frozenset((r.a.text, r.b.text))
        old = best.get(key)
        if old is None:
            best[key] = r
            order.append(key)
        elif KIND_RANK[r.kind] > KIND_RANK[old.kind]:
            best[key] = r
    return [best[k] for k in order]


class RelationFinder:
    def __init__(self, name: str, tables: bool = True) -> None:
        self.name = name
        self.tables = tables

    def __call__(self, doc: Doc) -> Doc:
        spans = entity_spans(doc)  # the selector's own Spans: a SpanGroup rebuilds each one on read
        if len(spans) < 2:
            doc._.kg_relations = []
            return doc
        # Doc.text re-joins every token (slower than this whole component); share one copy
        text = doc.user_data.get(TEXT_KEY)
        if text is None:
            text = doc.user_data[TEXT_KEY] = doc.text
        ents = [Ent(sp.start_char, sp.end_char, sp.label_, text[sp.start_char : sp.end_char], sp) for sp in spans]
        out = []
        for r in find_relations(text, ents, tables=self.tables):
            sent = doc.char_span(r.sent[0], r.sent[1], alignment_mode="expand")
            if sent is None:
                sent = doc[r.a.span.start : r.a.span.end]
            out.append((r.a.span, r.b.span, r.kind, sent, r.trigger))
        doc._.kg_relations = out
        return doc


@Language.factory("kg_relations", default_config={"tables": True})
def make_relation_finder(nlp: Language, name: str, tables: bool) -> RelationFinder:
    return RelationFinder(name, tables=tables)
