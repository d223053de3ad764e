"""Choose which candidate spans become entity mentions.

1. Same span proposed with several labels: the family with the higher priority wins.
2. Crossing spans (partial overlap): the higher-priority, then longer, candidate wins.
3. Nested spans survive as separate entities (江苏大学 inside 江苏大学…重点实验室), except a region
   that is only the prefix of a longer name (镇江 in 镇江同立橡胶有限公司), names inside a document
   title other than government bodies, and a gazetteer short form at the start of a longer
   same-type name (中国电信 in 中国电信股份有限公司).
4. Every other occurrence of a selected name in the text becomes a mention too, so that relation
   patterns see all of them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from kg.nlp.components._base import PRIORITY, automaton
from kg.nlp.doc_ext import CANDIDATES, ENTITIES

Cand = tuple[int, int, str, str]  # start, end, label, component


def select(cands: list[Cand]) -> list[Cand]:
    best: dict[tuple[int, int], Cand] = {}
    for c in cands:
        key = (c[0], c[1])
        old = best.get(key)
        if old is None or PRIORITY.get(c[3], 0) > PRIORITY.get(old[3], 0):
            best[key] = c
    order = sorted(best.values(), key=lambda c: (-PRIORITY.get(c[3], 0), -(c[1] - c[0]), c[0]))
    chosen: list[Cand] = []
    for c in order:
        s, e = c[0], c[1]
        crossing = False
        for o in chosen:
            if o[0] < e and s < o[1] and not (o[0] <= s and e <= o[1]) and not (s <= o[0] and o[1] <= e):
                crossing = True
                break
        if not crossing:
            chosen.append(c)
    chosen.sort(key=lambda c: (c[0], -c[1]))
    out: list[Cand] = []
    for c in chosen:
        s, e, label, comp = c
        containers = [o for o in chosen if o is not c and o[0] <= s and e <= o[1] and (o[1] - o[0]) > (e - s)]
        if containers:
            if label == "REGION":
                continue
            if any(o[2] == "POLICY" for o in containers) and label not in ("GOVERNMENT", "POLICY"):
                continue
            if any(o[2] in ("POLICY",) for o in containers) and label == "POLICY" and comp != "kg_quoted":
                continue
            if comp in ("kg_gazetteer", "kg_propagate") and label == "ENTERPRISE" and any(
                o[2] == "ENTERPRISE" and o[0] == s for o in containers
            ):
                continue
        out.append(c)
    return out


def propagate(text: str, chosen: list[Cand]) -> list[Cand]:
    """Other occurrences of selected names (length ≥ 3) that no selected mention covers."""
    names: dict[str, Cand] = {}
    for c in chosen:
        name = text[c[0] : c[1]]
        if len(name) >= 3 and c[2] != "REGION":
            names.setdefault(name, c)
    if not names:
        return []
    keys = sorted(names)
    ac = automaton(keys)
    covered = sorted((c[0], c[1]) for c in chosen)
    starts = {(c[0], c[1]) for c in chosen}
    extra: list[Cand] = []
    import bisect

    for i, s, e in ac.find_matches_as_indexes(text):
        if (s, e) in starts:
            continue
        j = bisect.bisect_right(covered, (s, 10**12)) - 1
        inside = False
        k = j
        while k >= 0 and k > j - 50:
            cs, ce = covered[k]
            if cs <= s and e <= ce:
                inside = True
                break
            if cs < e and s < ce:
                inside = True  # crossing an existing mention
                break
            k -= 1
        if inside:
            continue
        c = names[keys[i]]
        extra.append((s, e, c[2], "kg_propagate"))
    return extra


class EntitySelector:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        cands = [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans.get(CANDIDATES, [])]
        chosen = select(cands)
        chosen += propagate(doc.text, chosen)
        spans = []
        for s, e, label, comp in sorted(chosen):
            span = doc.char_span(s, e, label=label, kb_id=comp, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[ENTITIES] = SpanGroup(doc, name=ENTITIES, spans=spans)
        return doc


@Language.factory("kg_entity_selector")
def make_entity_selector(nlp: Language, name: str) -> EntitySelector:
    return EntitySelector(name)
