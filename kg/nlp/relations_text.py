"""Text machinery for collaboration finding: sentences, entity masking, party chains.

A sentence that contains a trigger and at least two entity mentions is turned into a *masked*
string: every outermost entity mention becomes one private-use character (U+E000 + index), quote
characters and whitespace are dropped, and a parenthesised alias right after a name
(``甲大学(甲大学某分校)``) is folded into the name before it. Rules are then plain regular
expressions over the masked string, so a trigger inside a name (省部共建…重点实验室) never fires
and a list of names reads as ``E、E和E``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import attrgetter

PUA0 = 0xE000
E = "[\ue000-\uf8ff]"  # one entity placeholder in a masked string

SENT_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_DROP = set("“”\"‘’'《》「」『』〈〉【】 \t\u3000\xa0")
# dropped characters as one class: str.translate with a dict looks up every CJK character in Python
# objects, a character-class sub runs in C (an order of magnitude faster on sentence segments)
_DROP_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_DROP)) + "]")
_PLACEHOLDER_RE = re.compile(E)
_OPEN, _CLOSE = "(（", ")）"
_SHORT_FORM_RE = re.compile(r"(?:以下|下文)?(?:简称|称)[:：]?[“‘\"']?")

# separators between members of one party list (A、B和C；A、B等高校以及C)
SEP_RE = re.compile(
    r"(?:(?:等|[一二两三四五六七八九十几\d]+[家所个位])[^\ue000-\uf8ff，,。；;：:]{0,12}?)?"
    r"(?:、|和|及|以及|或|/)"
)
# what may stand between the last member of a subject list and its verb or connector
TAIL_FILLER_RE = re.compile(
    r"(?:等[^，,。；;：:]{0,15}?)?(?:一行)?"
    r"(?:还|也|将|均|都|已|又|再|曾|分别|共同|正式|先后|一起|同时|再次|首次|积极|主动|全力|正在|已经"
    r"|近日|日前|今年|去年|年内|当年|年底前|明年|近年来|成功|顺利|计划|拟|要|双方|三方|各方|率先|牵头|携手|相继|通过|于\d{4}年|代表|获批"
    r"|持续|不断|进一步|继续|深化|加强|深入|推进|推动|拓展|强化|密切|扩大"
    r"|就[^，,。；;]{0,40}?(?:方面|领域|问题|事宜|项目)"
    r"|在[^，,。；;]{0,40}?(?:方面|领域|期间|上|中)"
    r"|(?:依照|按照|根据)[^，,。；;]{0,60}?(?:规定|要求|办法))*"
)
# what may stand between a connector (与/联合/依托 …) and the first member after it
HEAD_FILLER_RE = re.compile(r"(?:了|其)?")
# organisation + title + person: 甲大学党委常委、副校长张三
TITLE_GAP_RE = re.compile(
    r"[^，,。；;：:\ue000-\uf8ff]{0,16}(?:长|书记|主任|经理|总裁|教授|研究员|院士|委员|常委|负责人|导师|专家|总监|主席|理事|代表|工程师)"
)
# a generic party: a name used as a modifier (甲县20多家规上企业, 甲市企业代表)
QUANT_AFTER_RE = re.compile(r"[一二两三四五六七八九十几百千\d]+多?[家所个位名]")
REGION_MODIFIER_RE = re.compile(
    r"(?:企业|高校|院校|单位|部门|代表|科研|机构|地区|人民|群众|各|相关|规上|龙头|重点|本地|当地|籍)"
)
ANON_RE = re.compile(r"[xX×＊*]{1,}|某")

ORG_TYPES = frozenset({"ENTERPRISE", "UNIVERSITY", "RESEARCH_INSTITUTE", "PLATFORM", "GOVERNMENT"})
PARTY_TYPES = ORG_TYPES | {"REGION", "PERSON"}
HOST_TYPES = frozenset({"ENTERPRISE", "UNIVERSITY", "RESEARCH_INSTITUTE", "PLATFORM", "GOVERNMENT", "PERSON"})


@dataclass
class Ent:
    start: int
    end: int
    label: str
    text: str
    span: object = None  # the spaCy Span
    anaphor: bool = False  # a synthetic mention (该中心 …) standing for an earlier name
    members: list | None = None  # a plural anaphor (三个研究院): the names it stands for


@dataclass
class Masked:
    """One sentence with its outermost entities replaced by placeholder characters."""

    start: int
    end: int
    m: str
    ents: list[Ent]
    pos: list[int]  # placeholder index k -> position in m
    raw_after: list[str] = field(default_factory=list)  # masked text right after each entity

    def ent_at(self, i: int) -> int | None:
        """Entity index of the placeholder at masked position i (None if not a placeholder)."""
        if 0 <= i < len(self.m):
            k = ord(self.m[i]) - PUA0
            if 0 <= k < len(self.ents):
                return k
        return None

    def next_ent(self, i: int) -> int:
        """Masked position of the first placeholder at or after i (len(m) if none).

        A regex search in C instead of calling ent_at on every character; a private-use
        character of the raw text beyond the placeholder range is skipped as ent_at would."""
        m = self.m
        n = len(self.ents)
        while True:
            f = _PLACEHOLDER_RE.search(m, i)
            if f is None:
                return len(m)
            j = f.start()
            if ord(m[j]) - PUA0 < n:
                return j
            i = j + 1

    def last_ent_before(self, i: int) -> int:
        """Index of the last placeholder at a masked position before i (-1 if none)."""
        return bisect_left(self.pos, i) - 1


def sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in SENT_RE.finditer(text)]


_START, _END = attrgetter("start"), attrgetter("end")


def outermost(ents: list[Ent]) -> list[Ent]:
    """Drop mentions nested in (or crossing) an earlier, longer mention; dedupe equal spans."""
    out: list[Ent] = []
    last_end = -1
    # sorted by (start, -end), ties in input order: two stable sorts with C-level keys
    by_end = sorted(ents, key=_END, reverse=True)
    for e in sorted(by_end, key=_START):
        if e.start < last_end:
            continue
        out.append(e)
        last_end = e.end
    return out


def mask(text: str, start: int, end: int, ents: list[Ent]) -> Masked:
    """Masked form of text[start:end]; ``ents`` are the outermost entities inside it, sorted."""
    parts: list[str] = []
    kept: list[Ent] = []
    pos: list[int] = []
    # about half the sentences have nothing to drop: then every segment is a plain slice
    drop = _DROP_RE.search(text, start, end) is not None
    length = 0
    i = start
    j = 0
    n = len(ents)
    while j < n:
        e = ents[j]
        seg = _DROP_RE.sub("", text[i : e.start]) if drop else text[i : e.start]
        parts.append(seg)
        length += len(seg)
        pos.append(length)
        parts.append(chr(PUA0 + len(kept)))
        kept.append(e)
        length += 1
        i = e.end
        j += 1
        # fold a parenthesised alias: E(E) -> E, E(以下简称“E”) -> E
        if j < n and i < end and text[i] in _OPEN:
            sm = _SHORT_FORM_RE.match(text, i + 1, min(end, i + 12))
            if ents[j].start == (sm.end() if sm else i + 1):
                close = ents[j].end
                if close < end and text[close] in "”’\"'" and close + 1 < end:
                    close += 1
                if close < end and text[close] in _CLOSE:
                    i = close + 1
                    j += 1
    parts.append(_DROP_RE.sub("", text[i:end]) if drop else text[i:end])
    return Masked(start, end, "".join(parts), kept, pos)


def is_anonymised(e: Ent) -> bool:
    return bool(ANON_RE.search(e.text))


def generic_after(ms: Masked, k: int) -> bool:
    """Is entity k only a modifier of a generic head (甲县20多家企业, 甲市企业代表)?"""
    p = ms.pos[k] + 1
    after = ms.m[p : p + 8]
    if QUANT_AFTER_RE.match(after) or ANON_RE.match(after):
        return True  # 甲县20多家企业 ; 甲研究院某研究所 (the party is anonymised)
    if ms.ents[k].label == "REGION" and REGION_MODIFIER_RE.match(after):
        return True
    return False


def affiliation(ms: Masked, k: int) -> int | None:
    """For a PERSON placeholder k written as ORG+title+PERSON, the organisation's index."""
    if ms.ents[k].label != "PERSON" or k == 0:
        return None
    prev = k - 1
    gap = ms.m[ms.pos[prev] + 1 : ms.pos[k]]
    if ms.ents[prev].label in ORG_TYPES and TITLE_GAP_RE.fullmatch(gap):
        return prev
    return None


def chain_forward(ms: Masked, i: int, limit: int = 0) -> list[int]:
    """Members of a party list starting at masked position i (after a connector)."""
    m = ms.m
    # first member: right after the connector
    j = ms.next_ent(i)
    if j >= len(m) or not HEAD_FILLER_RE.fullmatch(m[i:j]):
        return []
    members = [ord(m[j]) - PUA0]
    k = members[0]
    while k + 1 < len(ms.ents):
        gap = m[ms.pos[k] + 1 : ms.pos[k + 1]]
        if not gap and ms.ents[k].label == "REGION" and ms.ents[k + 1].label in PARTY_TYPES:
            # 浙江省宁波市北仑区, 泰国清迈大学: a region written right before a name locates it;
            # the party is the name after it
            members[-1] = k + 1
            k += 1
        elif SEP_RE.fullmatch(gap):
            k += 1
            members.append(k)
        elif ms.ents[k + 1].label == "PERSON" and TITLE_GAP_RE.fullmatch(gap):
            # ORG + title + PERSON: the person is the party (the org is kept as affiliation)
            members[-1] = k + 1
            k += 1
        else:
            break
    if limit:
        members = [x for x in members if ms.pos[x] < limit]
    return members


def chain_back(ms: Masked, i: int, filler: re.Pattern = TAIL_FILLER_RE) -> list[int]:
    """Members of a party list ending before masked position i (before a verb or connector)."""
    m = ms.m
    tail = None
    pos = ms.pos
    # the placeholders at or after i are no candidates: start at the last one before i
    for k in range(ms.last_ent_before(i), -1, -1):
        p = pos[k]
        if filler.fullmatch(m[p + 1 : i]):
            tail = k
            break
        if i - p > 70:
            break
    if tail is None:
        return []
    members = [tail]
    k = tail
    while k > 0:
        gap = m[ms.pos[k - 1] + 1 : ms.pos[k]]
        if SEP_RE.fullmatch(gap):
            k -= 1
            members.append(k)
        elif ms.ents[k].label == "PERSON" and ms.ents[k - 1].label in ORG_TYPES and TITLE_GAP_RE.fullmatch(gap):
            k -= 1  # ORG + title + PERSON: the person stays the member, look before the org
            if k > 0 and SEP_RE.fullmatch(m[ms.pos[k - 1] + 1 : ms.pos[k]]):
                k -= 1
                members.append(k)
            else:
                break
        else:
            break
    members.reverse()
    return members


def chain_end(ms: Masked, members: list[int]) -> int:
    """Masked position just after the last member of a chain."""
    return ms.pos[members[-1]] + 1 if members else -1
