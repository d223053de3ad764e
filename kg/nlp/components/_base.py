"""Shared helpers of the rule components: character classes, boundary grammar, span creation.

All components work on ``text_of(doc)`` with compiled regexes and Aho-Corasick automata (no per-token
Python loops) and turn only their final proposals into ``Span`` objects. Facts that several
components need (region hits) are computed once and cached in ``doc.user_data``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, Mapping

import ahocorasick_rs
from spacy.tokens import Doc, Span

from kg import gazetteers as gz
from kg.nlp.doc_ext import CANDIDATES

CJK = "\u4e00-\u9fff"
# characters that may occur inside an organisation name
NAME_CHARS = f"{CJK}0-9A-Za-z（）()·—"
NAME_CHAR_RE = re.compile(f"[{NAME_CHARS}]")
# anonymisation placeholders: a name containing one is never an entity
ANON_RE = re.compile(r"[xX×ｘＸ*＊某]|[xX]{2}")
QUOTE_OPEN = "“‘「『\""
QUOTE_CLOSE = "”’」』\""

# Priorities of proposing families, used by the selector on conflicting overlaps.
PRIORITY = {
    "kg_quoted": 60,
    "kg_gazetteer": 55,
    "kg_government": 50,
    "kg_org_grammar": 40,
    "kg_persons": 35,
    "kg_enterprise_names": 32,
    "kg_regions": 30,
    "kg_propagate": 20,
}


def text_of(doc: Doc) -> str:
    """``doc.text`` once per Doc (spaCy rebuilds the string from its tokens on every access)."""
    t = doc.user_data.get("kg_text")
    if t is None:
        t = doc.user_data["kg_text"] = doc.text
    return t


def is_anonymised(name: str) -> bool:
    return bool(ANON_RE.search(name))


def make_span(doc: Doc, start: int, end: int, label: str, component: str) -> Span | None:
    """A Span over characters [start, end) (see ``make_spans``), or None where there is none."""
    spans = make_spans(doc, ((start, end, label, component),))
    return spans[0] if spans else None


def make_spans(
    doc: Doc, keys: Iterable[tuple[int, int, str, str]], made: Mapping[tuple[int, int, str, str], Span | None] | None = None
) -> list[Span]:
    """Spans for ``(start, end, label, component)`` keys, in order, leaving out those that give none;
    a key with a Span in ``made`` takes that Span.

    With kg's one-token-per-character tokenizer the token index is the character offset less the
    whitespace folded away before it (recorded by the tokenizer), which avoids ``Doc.char_span``'s
    per-call token lookups; otherwise char_span. The Doc's facts are read once for all keys, and
    labels go to Span as their StringStore hashes (a str label is hashed again for every Span)."""
    breaks = doc.user_data.get("kg_char_breaks")
    text = text_of(doc)
    n_chars = len(text)
    n_tokens = len(doc)
    strings = doc.vocab.strings
    ids: dict[str, int] = {}  # label or component -> its StringStore hash
    if made is not None and all(span is None for span in made.values()):
        made = None  # no Span made in advance (the usual case): nothing to look up
    if breaks is not None:
        offsets, shifts = _break_lists(doc, breaks)
        last = len(offsets) - 1
    out: list[Span] = []
    for key in keys:
        span = made.get(key) if made is not None else None
        if span is None:
            start, end, label, component = key
            if breaks is not None:
                # token index = char offset - whitespace folded away before it (shifts[i] from offsets[i] on)
                i = bisect.bisect_right(offsets, start) - 1
                if start < end and (i == last or offsets[i + 1] >= end):
                    j = i  # no break inside the span: the end's shift is the start's
                else:
                    j = bisect.bisect_right(offsets, end - 1) - 1
                ts, te = start - shifts[i], end - shifts[j]
                if 0 <= ts < te <= n_tokens:
                    label_id = ids.get(label)
                    if label_id is None:
                        label_id = ids[label] = strings.add(label)
                    comp_id = ids.get(component)
                    if comp_id is None:
                        comp_id = ids[component] = strings.add(component)
                    span = Span(doc, ts, te, label=label_id, kb_id=comp_id)
                    # a span that neither starts nor ends on whitespace maps exactly (each other
                    # character is a token); one that does is checked, since a whitespace run is a
                    # single token
                    exact = end <= n_chars and not (text[start].isspace() or text[end - 1].isspace())
                    if not exact and not (span.start_char == start and span.end_char == end):
                        span = None
            if span is None:
                span = doc.char_span(start, end, label=label, kb_id=component, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


def _break_lists(doc: Doc, breaks: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The tokenizer's (offset, shift) pairs as two int lists (bisection over ints, not tuples),
    made once per Doc: make_span calls for single spans would otherwise rebuild them each time."""
    lists = doc.user_data.get("kg_char_break_lists")
    if lists is None or len(lists[0]) != len(breaks):
        lists = doc.user_data["kg_char_break_lists"] = ([b[0] for b in breaks], [b[1] for b in breaks])
    return lists


# the characters of anonymisation placeholders (ANON_RE matches where one of them stands)
_PLACEHOLDER_CHAR_RE = re.compile("[xX×ｘＸ*＊某]")


def _placeholder_marks(doc: Doc) -> list[int]:
    """Sorted offsets of placeholder characters in the doc (few or none in most texts), cached."""
    marks = doc.user_data.get("kg_placeholder_marks")
    if marks is None:
        marks = doc.user_data["kg_placeholder_marks"] = [m.start() for m in _PLACEHOLDER_CHAR_RE.finditer(text_of(doc))]
    return marks


def add_candidate(doc: Doc, start: int, end: int, label: str, component: str) -> None:
    """Record one candidate (character offsets); see ``add_candidates``."""
    add_candidates(doc, ((start, end, label),), component)


def add_candidates(doc: Doc, items: Iterable[tuple[int, int, str]], component: str) -> None:
    """Record candidates ``(start, end, label)`` of ``component`` in ``doc.user_data["kg_cand_tuples"]``.

    Candidates are plain ``(start, end, label, component)`` keys; most are never selected, so no
    ``Span`` is made for them here (Span construction was a tenth of the pipeline's time): the
    selector makes Spans for the chosen ones only. The value is None when the offsets lie on
    token boundaries — with kg's tokenizer every non-whitespace character is a token of its own,
    so a span that neither starts nor ends on whitespace is exactly representable and
    ``make_span`` will give exactly these offsets later. Otherwise (whitespace at an edge, or
    another tokenizer) the Span is made now, as before, since ``Doc.char_span`` may widen it or
    refuse it; the value is then that Span (whose offsets may differ from the key).

    A component outside kg may still append Spans to ``doc.spans[CANDIDATES]``; the selector
    reads those too. ``candidate_spans(doc)`` gives the candidates as Spans, for inspection.
    """
    text = text_of(doc)
    n = len(text)
    user_data = doc.user_data
    exact = "kg_char_breaks" in user_data
    marks = _placeholder_marks(doc)
    cands = user_data.get("kg_cand_tuples")
    for start, end, label in items:
        if end <= start:
            continue
        if marks:
            # a placeholder inside (is_anonymised), or right before: the name continues into
            # one (xx州人民政府)
            i = bisect.bisect_left(marks, start - 1 if start > 0 else 0)
            if i < len(marks) and marks[i] < end:
                continue
        span = None
        if not exact or not 0 <= start < end <= n or text[start].isspace() or text[end - 1].isspace():
            span = make_span(doc, start, end, label, component)
            if span is None:
                continue
        if cands is None:
            cands = user_data["kg_cand_tuples"] = {}
        key = (start, end, label, component)
        if key in cands:
            # the same proposal twice: the rebuilt SpanGroup of earlier versions keyed such
            # duplicates by the Span's own offsets (see kg.nlp.components.selector.candidates)
            user_data["kg_cand_dups"] = True
        cands[key] = span


def candidate_spans(doc: Doc) -> list[Span]:
    """Every candidate of the Doc as a labelled Span (kb_id_ = proposing component), for tests and
    debugging; the pipeline itself keeps candidates as offsets."""
    out = []
    for (s, e, label, comp), span in doc.user_data.get("kg_cand_tuples", {}).items():
        span = span if span is not None else make_span(doc, s, e, label, comp)
        if span is not None:
            out.append(span)
    return out + list(doc.spans.get(CANDIDATES, []))


def find_all(text: str, word: str) -> list[int]:
    """Start offsets of every occurrence of ``word`` in ``text`` (overlapping ones too), by
    str.find hops: much faster than a regex scan for a word that is rare in the text."""
    out: list[int] = []
    i = text.find(word)
    while i != -1:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def matches_at(rx: re.Pattern, text: str, starts: Iterable[int]) -> list[re.Match]:
    """The matches of ``rx.finditer(text)``, given every offset where one can start: the pattern
    is tried at those offsets only, in text order, each after the end of the last match (matches
    do not overlap; ``rx`` never matches the empty string). For patterns that a plain scan tries
    at nearly every position (one opening with a large character class) but that hold a rare
    word at a fixed distance from their start."""
    out: list[re.Match] = []
    lo = 0  # end of the previous match
    for q in sorted(set(starts)):
        if q >= lo:
            m = rx.match(text, q)
            if m is not None:
                out.append(m)
                lo = m.end()
    return out


def automaton(patterns: list[str]) -> ahocorasick_rs.AhoCorasick:
    """Leftmost-longest automaton, as the library builds it by default (a contiguous NFA).

    A DFA scans 15-40% faster in a loop over many texts, but it is several times larger, and in
    the pipeline each automaton scans a report once between stretches of Python work that push it
    out of the CPU caches: there the NFAs took 0.33 s over 600 reports and the DFAs 0.43 s."""
    return ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


@lru_cache(maxsize=1)
def region_automaton() -> tuple[ahocorasick_rs.AhoCorasick, list[str]]:
    forms = sorted(gz.regions().forms)
    return automaton(forms), forms


def region_hits(doc: Doc) -> list[tuple[int, int, str]]:
    """All raw (start, end, form) region-form matches in the doc (no boundary checks), cached."""
    hits = doc.user_data.get("kg_region_hits")
    if hits is None:
        ac, forms = region_automaton()
        hits = [(s, e, forms[i]) for i, s, e in ac.find_matches_as_indexes(text_of(doc))]
        doc.user_data["kg_region_hits"] = hits
    return hits


def region_end_index(doc: Doc) -> dict[int, int]:
    """end offset -> start offset of region-form matches (for left-extension of names)."""
    idx = doc.user_data.get("kg_region_ends")
    if idx is None:
        idx = {}
        for s, e, _f in region_hits(doc):
            idx.setdefault(e, s)
        doc.user_data["kg_region_ends"] = idx
    return idx


def region_start_set(doc: Doc) -> set[int]:
    st = doc.user_data.get("kg_region_starts")
    if st is None:
        st = {s for s, _e, _f in region_hits(doc)}
        doc.user_data["kg_region_starts"] = st
    return st


def firm_region_start_set(doc: Doc) -> set[int]:
    """Starts of region matches that are not also common words (资源, 合作 …: region_stop.txt)."""
    st = doc.user_data.get("kg_region_firm_starts")
    if st is None:
        stop = gz.region_stop()
        st = {s for s, _e, f in region_hits(doc) if f not in stop}
        doc.user_data["kg_region_firm_starts"] = st
    return st


@lru_cache(maxsize=1)
def soft_boundary_re() -> re.Pattern:
    words = sorted(set(gz.boundary_words()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


# hard boundary: anything that cannot be inside a name
HARD_RE = re.compile(f"[^{NAME_CHARS}]")
DIGIT_RE = re.compile(r"[0-9０-９]+(?![0-9A-Za-z])(?:[年月日号]度?|[家个所项批座名位条类只种级届期次])?|[一二三四五六七八九十百千万两几多余]+[家个所项批座名位条类只种级届期次]|经(?=[省市县区国])")
CONJ = "和与及"
# an adverb before a conjunction makes it a sentence connective (X已与Y大学 …), never part of a name
_ADVERB_BEFORE_CONJ = set("已曾还也均都并正将先又再")
_CONJ_RE = re.compile("[和与及同]")
_BRACKET_RE = re.compile("[()（）]")
# a list or heading number that opens a line or clause: （一） (2) （十二）; it opens with a bracket
_ENUMERATOR_RE = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[)）]")
_ENUMERATOR_OPEN = frozenset("（(")
# plural nouns for a group of organisations: a conjunction after one joins two parties, not one name
_GROUP_NOUNS = frozenset({"企业", "高校", "院所", "单位", "机构", "部门", "院校"})


def left_start(doc: Doc, s: int, max_len: int, known_ends: dict[int, int] | None = None) -> int:
    """Start of the name whose head (the part before the suffix) ends at ``s``.

    Scans left over name characters (hard boundary: punctuation, quotes, spaces), then cuts after
    the rightmost soft boundary word (verbs, prepositions, quantifiers); a conjunction 和/与/及
    cuts only where the text before it is itself a complete name (ends in an organisation suffix
    or a known entity). Among the possible starts, the rightmost one that begins with a region
    name is preferred when the cut would otherwise split a name that starts with a region.
    """
    text = text_of(doc)
    lo = s - max_len if s > max_len else 0
    # the last hard boundary in the window: the first one in the window read backwards
    m = HARD_RE.search(text[lo:s][::-1])
    start = s - m.start() if m else lo
    if start < s and text[start] in _ENUMERATOR_OPEN:
        em = _ENUMERATOR_RE.match(text, start, s)
        if em is not None:
            start = em.end()  # a heading's number: （一）某市工程技术研究中心
    if s - start <= 0:
        return s
    # quantifiers such as 3家 / 一批
    for m in DIGIT_RE.finditer(text, start, s):
        start = m.end()
    cuts = [start]
    for m in soft_boundary_re().finditer(text, start, s):
        if m.group() == "共建" and text[m.start() - 2 : m.start()] == "省部":
            continue
        cuts.append(m.end())
    for cm in _CONJ_RE.finditer(text, start, s):
        if _cut_after_conjunction(doc, text, start, cm, cuts, known_ends or {}):
            cuts.append(cm.start() + 1)
    best = max(cuts)
    # unbalanced brackets: a name does not start inside an open bracket
    seg = text[best:s]
    if _BRACKET_RE.search(seg):
        for j in range(len(seg) - 1, -1, -1):
            if seg[j] in "(（" and ")" not in seg[j:] and "）" not in seg[j:]:
                best += j + 1  # a cut after every other one
                cuts.append(best)
                break
            if seg[j] in ")）" and "(" not in seg[:j] and "（" not in seg[:j]:
                best += j + 1
                cuts.append(best)
                break
    region_starts = region_start_set(doc)
    if best not in region_starts and not _is_verbish_cut(text, best):
        # a weak cut (联合, 省级 …) right before: an earlier region start inside the same stretch
        # makes a plausible name start (中国联合网络通信 …, 泾川省级农业科技园区)
        strong = [c for c in cuts if c < best and (c == cuts[0] or _is_verbish_cut(text, c))]
        floor = max(strong) if strong else cuts[0]
        reg = [c for c in cuts if c in region_starts and floor <= c < best]
        if reg:
            best = max(reg)
    return best


def _cut_after_conjunction(doc: Doc, text: str, start: int, cm: re.Match, cuts: list[int], ends: dict[int, int]) -> bool:
    """Whether a name may start right after the conjunction ``cm`` (和/与/及, or the preposition
    同) found in the window from ``start``: where the text before it is itself a complete name.
    (The region and gazetteer sets are looked up here, as most windows hold no conjunction.)"""
    i = cm.start()
    if cm.group() == "同":
        # the preposition 同 (…，同某省某公司联合攻关): only before a region or after a name (同济大学 is one name)
        return (i + 1) in firm_region_start_set(doc) or i in ends
    return (
        i == start
        or i in ends
        or (i + 1) in firm_region_start_set(doc)
        or (i + 1) in doc.user_data.get("kg_gaz_org_starts", ())
        or text[i - 1 : i] in _ADVERB_BEFORE_CONJ
        or ends_with_suffix(text, start, i)
        or text[i - 2 : i] in _GROUP_NOUNS  # 5家精细化工企业与某研究院: a group, then a name
        or is_generic(text[max(cuts[:1] + [c for c in cuts if c <= i]) : i] or "的")
    )


def _is_verbish_cut(text: str, pos: int) -> bool:
    """True when the soft boundary just before ``pos`` is a real verb/preposition, not a name part."""
    return not (text[pos - 2 : pos] in ("联合", "合作", "发展", "创新") or text[pos - 2 : pos].endswith("级"))


@lru_cache(maxsize=1)
def _suffix_tail_re() -> re.Pattern:
    sfx = list(gz.org_suffixes()) + ["局", "厅", "委", "部", "办", "政府", "中心", "院", "所", "站", "园", "区", "县", "市", "省"]
    return re.compile("(?:" + "|".join(map(re.escape, sorted(set(sfx), key=len, reverse=True))) + ")$")


@lru_cache(maxsize=1)
def generic_re() -> re.Pattern:
    words = sorted(gz.generic_words(), key=len, reverse=True)
    return re.compile("^(?:" + "|".join(map(re.escape, words)) + "|[的和与及、]" + ")+$")


@lru_cache(maxsize=1)
def _generic_first_chars() -> frozenset[str]:
    """The characters a generic_re() match can open with."""
    return frozenset(w[0] for w in gz.generic_words()) | frozenset("的和与及、")


def is_generic(text: str) -> bool:
    """``generic_re().match(text)``: only generic words (and 的和与及、). The first character
    settles most texts, without trying the 200 words."""
    return text[:1] in _generic_first_chars() and generic_re().match(text) is not None


def ends_with_suffix(text: str, start: int, end: int) -> bool:
    return bool(_suffix_tail_re().search(text[max(start, end - 10) : end]))
