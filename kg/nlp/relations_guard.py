"""Defensive checks on the entity mentions a collaboration may be stated between.

* broken mentions — a span that swallowed a list or a clause (甲公司与乙大学, 甲已与乙, 支持甲公司,
  服务乙研究院, 区内企业甲公司) can never match a real name, so it is never an endpoint; the shorter
  mentions nested inside it become visible to the rules instead.
* echoes — a name (or alias) the entity side found somewhere in the report but missed, or only
  partly covered, in a sentence that may state a collaboration (依托甲农大建设… where only the region
  甲 was marked). The echo is a mention at the new offsets carrying the span of a recognised
  occurrence, so the relation maps to the entity the resolver already built.

Both work on the few candidate sentences and the mention list only (no per-token loops).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.nlp.relations_text import ORG_TYPES, Ent

# a verb, preposition or connector that a name never starts with
VERB_START_RE = re.compile(
    r"^(?:支持|推动|推进|鼓励|服务|承接|引进|依托|联合|携手|牵手|只有|加快|促进|助力|帮助|协助|组织|指导|带动"
    r"|围绕|面向|对接|培育|打造|建设|组建|共建|入选|获批|认定|申报|参与|参加|与|和|同|跟|及|并|由|向|对|在|为|将|已)"
)
# a generic head word written before a name (区内企业甲公司)
GENERIC_LEAD_RE = re.compile(r"^(?:新区|园区|区内|县内|市内|本地|当地|辖区|龙头|重点|骨干|科技型)?(?:企业|高校|院校|单位)(?!集团)")
SEP_IN_NAME_RE = re.compile(r"已与|已和|与|和|同|、|及")


def broken(e: Ent, forms: set[str]) -> bool:
    t = e.text
    if e.anaphor or len(t) < 3:
        return False
    if VERB_START_RE.match(t):
        return True
    if e.label == "ENTERPRISE" and GENERIC_LEAD_RE.match(t) and len(t) > 6:
        return True
    for m in SEP_IN_NAME_RE.finditer(t, 1):
        before, after = t[: m.start()], t[m.end() :]
        # a list or clause swallowed: a recognised name on either side of the separator
        if (len(after) >= 2 and after in forms) or (len(before) >= 2 and before in forms):
            return True
    return False


# one cheap test first: most names have none of these
_SUSPECT_RE = re.compile(VERB_START_RE.pattern + r"|.[与和同、及]|^.{0,4}(?:企业|高校|院校|单位)")


def drop_broken(ents: list[Ent]) -> list[Ent]:
    suspect = [e for e in ents if _SUSPECT_RE.search(e.text)]
    if not suspect:
        return ents
    forms = {e.text for e in ents}
    bad = {id(e) for e in suspect if broken(e, forms)}
    return [e for e in ents if id(e) not in bad] if bad else ents


_NAME_TAIL_RE = re.compile(r"(?:(?!建设|建成|组建|筹建|共建|合作|签|的|与|和|同|、|及|在|将|已)[\u4e00-\u9fa5]){0,8}?(?:大学|学院|研究院|研究所|公司|集团|中心|实验室|局|厅|委|政府)")


class Echoes:
    """Occurrences of the report's own organisation names in sentences where no mention covers them."""

    def __init__(self, text: str, ents: list[Ent]) -> None:
        self.text = text
        first: dict[str, Ent] = {}
        for e in ents:
            t = e.text
            if t not in first and e.label in ORG_TYPES and len(t) >= 4 and e.span is not None and not e.anaphor:
                first[t] = e
        self.first = first
        self.names = sorted(first, key=len, reverse=True)
        # every occurrence of every name in the report, (start, -length, name) sorted: found once
        # with str.find over the whole text, then cut per sentence with a bisect
        occ: list[tuple[int, int, str]] = []
        for name in self.names:
            neg_len = -len(name)
            i = text.find(name)
            while i != -1:
                occ.append((i, neg_len, name))
                i = text.find(name, i + 1)
        occ.sort()
        self.occ = occ
        self.occ_starts = [o[0] for o in occ]

    def _occurrences(self, s: int, e: int) -> list[tuple[int, int, str]]:
        """(start, end, name) of the names in text[s:e], leftmost first, the longest at a start, not
        overlapping: the matches of the alternation of the names, longest first (a regex compiled per
        report cost more than the whole relation search; the occurrences are found once per report)."""
        lo = bisect_left(self.occ_starts, s)
        hi = bisect_left(self.occ_starts, e, lo)
        out: list[tuple[int, int, str]] = []
        last = s
        for a, neg_len, name in self.occ[lo:hi]:
            if a >= last and a - neg_len <= e:
                last = a - neg_len
                out.append((a, last, name))
        return out

    def in_sentence(self, s: int, e: int, inside: list[Ent]) -> tuple[list[Ent], list[Ent]]:
        """(echo mentions, mentions they replace) for text[s:e]."""
        if not self.names:
            return [], []
        new: list[Ent] = []
        drop: list[Ent] = []
        occurrences = self._occurrences(s, e)
        if not occurrences:
            return new, drop
        # most occurrences are the mentions themselves: skipped below as "covered", found by a lookup
        spans = {(x.start, x.end) for x in inside}
        for a, b, name in occurrences:
            if (a, b) in spans:
                continue  # a mention already
            over = [x for x in inside if x.start < b and a < x.end]
            if any(not (a <= x.start and x.end <= b) or (x.start, x.end) == (a, b) for x in over):
                continue  # covered by (or crossing) a mention already
            tm = _NAME_TAIL_RE.match(self.text, b)
            if tm and not any(b <= x.start < tm.end() for x in inside):
                continue  # the prefix of a longer, unrecognised name (甲大学乙学院)
            src = self.first[name]
            if src.start == a:
                continue
            new.append(Ent(a, b, src.label, src.text, src.span, anaphor=True))
            drop.extend(over)
        return new, drop
