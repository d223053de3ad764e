"""Platform anaphors for collaboration finding: 该中心 / 该联合实验室 / (与)研究院 / 三个研究院.

A report names a platform once and then refers to it by its head noun. Inside a sentence that
may state a collaboration, such a reference becomes a *synthetic* mention: an :class:`Ent` at the
anaphor's own offsets (so masking and the rules see one more placeholder) whose ``text`` and
``span`` are those of the antecedent (so the relation is reported between real names). Plural
references (三个研究院, 上述中心) carry the antecedent list in ``members``.

Antecedent: the nearest earlier PLATFORM mention (within ``WINDOW`` characters) whose name ends
with the anaphor's head noun; for a plural, the last N distinct such names. Only regex searches
over one sentence and a bisect over the sorted mentions: no per-token work.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.nlp.relations_text import Ent

WINDOW = 1500
_HEAD = r"(?:联合)?(?:产业技术研究院|产业研究院|研究院|研究中心|实验室|工程中心|创新中心|中心|平台|基地|工作站|孵化器)"
# 该中心, 此平台, 这一实验室, 该联合实验室
DEFINITE_RE = re.compile(r"(?:该|此|这一?|这个)(?:新型研发机构)?(" + _HEAD + ")")
# a bare head noun right after a connector or opening a clause and followed by a verb-like word
_BARE_NEXT = r"(?=依托|由|将|已|于|为|是|与|正式|成功|获|达成|签)"
BARE_RE = re.compile(r"(?:(?<=[与同跟和])|(?<=^)|(?<=[，,：:]))(" + _HEAD + ")" + _BARE_NEXT)
# 三个研究院, 两家实验室, 上述中心, 这些平台
_NUM = "一二两三四五六七八九十"
PLURAL_RE = re.compile(r"(?:([" + _NUM + r"\d]+)[个家所座]|上述|这些|以上)(" + _HEAD + ")")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九十")}
_CN["两"] = 2


def _count(word: str | None) -> int:
    if not word:
        return 0
    if word.isdigit():
        return int(word)
    return _CN.get(word, 0) if len(word) == 1 else 0


def _head_of(noun: str) -> str:
    return noun[2:] if noun.startswith("联合") and len(noun) > 3 else noun


# every _HEAD alternative ends with one of these words (and none is a prefix of another), so a
# sentence without one has no anaphor: one search of the sentence replaces three regex scans
_HEAD_WORDS = "研究院|中心|实验室|平台|基地|工作站|孵化器"
_HEAD_WORD_RE = re.compile(_HEAD_WORDS)
# Necessary conditions of PLURAL_RE and BARE_RE written literal-first, so the regex engine skips
# to those characters (the patterns themselves open with a digit class or a lookbehind and are
# tried at every position): a plural marker right before a head, a head word right before a verb.
_PLURAL_HINT_RE = re.compile("(?:个|家|所|座|上述|这些|以上)" + _HEAD)
_BARE_HINT_RE = re.compile("(?:" + _HEAD_WORDS + ")" + _BARE_NEXT)


class Anaphora:
    def __init__(self, text: str, ents: list[Ent]) -> None:
        self.text = text
        # antecedents: platforms, and research bodies named like one (该中心 after 某研究院某研究中心)
        self.plats = sorted(
            (e for e in ents if e.span is not None and (e.label == "PLATFORM" or (e.label == "RESEARCH_INSTITUTE" and _HEAD_WORD_RE.search(e.text[-3:])))),
            key=lambda e: e.start,
        )
        self.starts = [e.start for e in self.plats]
        self.ents = ents

    def _antecedents(self, pos: int, noun: str, n: int = 1) -> list[Ent]:
        full, head = noun, _head_of(noun)
        i = bisect_left(self.starts, pos)
        out: list[Ent] = []
        seen: set[str] = set()
        for k in range(i - 1, -1, -1):
            e = self.plats[k]
            if e.end > pos:
                continue
            if pos - e.end > WINDOW:
                break
            if (e.text.endswith(full) or e.text.endswith(head)) and e.text not in seen and len(e.text) > len(noun):
                seen.add(e.text)
                out.append(e)
                if len(out) >= n:
                    break
        out.reverse()
        return out

    def _patterns(self, s: int, e: int) -> list[tuple[re.Pattern, bool]]:
        """The anaphor patterns (with their plural flag) that may match in text[s:e], in order."""
        out: list[tuple[re.Pattern, bool]] = []
        if _PLURAL_HINT_RE.search(self.text, s, e):
            out.append((PLURAL_RE, True))
        out.append((DEFINITE_RE, False))
        if _BARE_HINT_RE.search(self.text, s, e):
            out.append((BARE_RE, False))
        return out

    def in_sentence(self, s: int, e: int, inside: list[Ent]) -> list[Ent]:
        """Synthetic mentions for the anaphors of text[s:e] that no real mention covers."""
        text = self.text
        found: list[Ent] = []
        if not _HEAD_WORD_RE.search(text, s, e):
            return found

        def free(a: int, b: int) -> bool:
            return not any(x.start < b and a < x.end for x in inside)

        for rx, plural in self._patterns(s, e):
            for m in rx.finditer(text, s, e):
                a, b = m.span()
                if not free(a, b) or any(f.start < b and a < f.end for f in found):
                    continue
                noun = m.group(m.lastindex)
                if plural:
                    n = _count(m.group(1))
                    ants = self._antecedents(a, noun, n if n >= 2 else 8)
                    if len(ants) < 2 or (n and len(ants) != n):
                        continue
                    found.append(Ent(a, b, "PLATFORM", "、".join(x.text for x in ants), ants[0].span, anaphor=True, members=ants))
                else:
                    ants = self._antecedents(a, noun)
                    if ants:
                        x = ants[0]
                        found.append(Ent(a, b, x.label, x.text, x.span, anaphor=True))
        return found
