"""Shared helpers of the rule components: character classes, boundary grammar, span creation.

All components work on ``text_of(doc)`` with compiled regexes and Aho-Corasick automata (no per-token
Python loops) and turn only their final proposals into ``Span`` objects. Facts that several
components need (region hits) are computed once and cached in ``doc.user_data``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

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
    """A Span over characters [start, end). With kg's one-token-per-character tokenizer the token
    index is the character offset less the whitespace folded away before it (recorded by the
    tokenizer), which avoids ``Doc.char_span``'s per-call token lookups; otherwise char_span."""
    breaks = doc.user_data.get("kg_char_breaks")
    if breaks is not None:
        if len(breaks) == 1:
            ts, te = start, end
        else:
            i = bisect.bisect_right(breaks, (start, 1 << 60)) - 1
            ts = start - breaks[i][1]
            j = bisect.bisect_right(breaks, (end - 1, 1 << 60)) - 1
            te = end - 1 - breaks[j][1] + 1
        if 0 <= ts < te <= len(doc):
            span = Span(doc, ts, te, label=label, kb_id=component)
            # a span that neither starts nor ends on whitespace maps exactly (each other character
            # is a token); one that does is checked, since a whitespace run is a single token
            text = text_of(doc)
            if end <= len(text) and not (text[start].isspace() or text[end - 1].isspace()):
                return span
            if span.start_char == start and span.end_char == end:
                return span
    return doc.char_span(start, end, label=label, kb_id=component, alignment_mode="expand")


def add_candidate(doc: Doc, start: int, end: int, label: str, component: str) -> None:
    """Record one candidate (character offsets) in ``doc.user_data["kg_cand_tuples"]``.

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
    if end <= start:
        return
    text = text_of(doc)
    if is_anonymised(text[start:end]):
        return
    if start > 0 and text[start - 1] in "xX*＊某×ｘＸ":
        return  # the name continues into a placeholder (xx州人民政府)
    span = None
    if (
        "kg_char_breaks" not in doc.user_data
        or not 0 <= start < end <= len(text)
        or text[start].isspace()
        or text[end - 1].isspace()
    ):
        span = make_span(doc, start, end, label, component)
        if span is None:
            return
    cands = doc.user_data.get("kg_cand_tuples")
    if cands is None:
        cands = doc.user_data["kg_cand_tuples"] = {}
    key = (start, end, label, component)
    if key in cands:
        # the same proposal twice: the rebuilt SpanGroup of earlier versions keyed such
        # duplicates by the Span's own offsets (see kg.nlp.components.selector.candidates)
        doc.user_data["kg_cand_dups"] = True
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


# Up to this many patterns an automaton is built as a DFA: 15-40% faster scans of every report for
# under a megabyte (the suffix, body and gazetteer automata). The region forms (7,000+) stay an NFA:
# their DFA costs ~14 MB for ~10% on one scan. Matches are the same either way.
DFA_MAX_PATTERNS = 3000


def automaton(patterns: list[str], dfa: bool = True) -> ahocorasick_rs.AhoCorasick:
    """Leftmost-longest automaton; ``dfa=False`` for one built to scan a single text (a DFA takes
    several times longer to build)."""
    impl = ahocorasick_rs.Implementation.DFA if dfa and len(patterns) <= DFA_MAX_PATTERNS else None
    return ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, implementation=impl)


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
# a list or heading number that opens a line or clause: （一） (2) （十二）
_ENUMERATOR_RE = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[)）]")
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
    lo = max(0, s - max_len)
    # the last hard boundary in the window: the first one in the window read backwards
    m = HARD_RE.search(text[lo:s][::-1])
    start = s - m.start() if m else lo
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
    ends = known_ends or {}
    region_starts = region_start_set(doc)
    firm_starts = firm_region_start_set(doc)
    gaz_starts = doc.user_data.get("kg_gaz_org_starts", ())
    for cm in _CONJ_RE.finditer(text, start, s):
        i = cm.start()
        if cm.group() == "同":
            # the preposition 同 (…，同某省某公司联合攻关): only before a region or after a name (同济大学 is one name)
            if (i + 1) in firm_starts or i in ends:
                cuts.append(i + 1)
            continue
        if True:
            if (
                i == start
                or i in ends
                or (i + 1) in firm_starts
                or (i + 1) in gaz_starts
                or text[i - 1 : i] in _ADVERB_BEFORE_CONJ
                or ends_with_suffix(text, start, i)
                or text[i - 2 : i] in _GROUP_NOUNS  # 5家精细化工企业与某研究院: a group, then a name
                or generic_re().match(text[max(cuts[:1] + [c for c in cuts if c <= i]) : i] or "的")
            ):
                cuts.append(i + 1)
    # unbalanced brackets: a name does not start inside an open bracket
    last_cut = max(cuts)
    seg = text[last_cut:s]
    if _BRACKET_RE.search(seg):
        for j in range(len(seg) - 1, -1, -1):
            if seg[j] in "(（" and not any(c in ")）" for c in seg[j:]):
                cuts.append(last_cut + j + 1)
                break
            if seg[j] in ")）" and not any(c in "(（" for c in seg[:j]):
                cuts.append(last_cut + j + 1)
                break
    best = max(cuts)
    if best not in region_starts and not _is_verbish_cut(text, best):
        # a weak cut (联合, 省级 …) right before: an earlier region start inside the same stretch
        # makes a plausible name start (中国联合网络通信 …, 泾川省级农业科技园区)
        strong = [c for c in cuts if c < best and (c == cuts[0] or _is_verbish_cut(text, c))]
        floor = max(strong) if strong else cuts[0]
        reg = [c for c in cuts if c in region_starts and floor <= c < best]
        if reg:
            best = max(reg)
    return best


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


def ends_with_suffix(text: str, start: int, end: int) -> bool:
    return bool(_suffix_tail_re().search(text[max(start, end - 10) : end]))
