"""Region linker: administrative divisions (and countries) by Aho-Corasick with boundary checks.

Full forms (高台县, 张掖市, 甘肃省) are proposed wherever they stand; short forms (高台, 张掖, 甘肃)
need support, since many are also ordinary words (新平 in 创新平台, 合作, 城关): a province or
country short form always counts; a prefecture short form unless it is on the common-word list;
a county short form only when its full form occurs in the same text, or when it is next to
another region in a list (蒲城、白水、大荔), or where it is not preceded by a word character. The
selector later drops region mentions that are only the prefix of a longer name (镇江同立橡胶有限公司).

A region directly followed by the rest of an organisation, body or designation name (上海市 in
上海市某某委员会, 山西省 in 山西省新型研发机构, 沈阳 in …沈阳分院) is marked as a prefix in
``doc.user_data["kg_region_prefix"]``: the selector keeps it only when the same region also stands
alone somewhere in the text (ANNOTATION.md: a region prefix alone is not a region entity).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteers as gz
import bisect
from dataclasses import dataclass
from functools import lru_cache

from kg.nlp.components._base import CJK, add_candidates, automaton, find_all, matches_at, region_hits, soft_boundary_re, text_of

# precompiled patterns of the literal re.<fn>(...) calls below (one compile, no re cache lookups)
_RX_0 = re.compile("([、和及与])")


_LIST_SEP = re.compile(r"^[、，,和与及至到/]$")
# left-context characters after which a short form may start a region mention
_LEFT_OK = set("、，,。；;：:（(“《 \n\t和与及在赴到至从对向为于是即等往来自经同跟驻年月日的")
# right-context: a short region followed by one of these is part of an ordinary word
_RIGHT_BAD_SHORT = set("路街桥")
# a short form that is the head of an ordinary word: 高密度, 长治久安
_WORD_AFTER_SHORT_WORDS = ("度", "性", "率", "久安")
_WORD_AFTER_SHORT = re.compile("|".join(_WORD_AFTER_SHORT_WORDS))
_MEDIA_WORDS = ("日报", "晚报", "早报", "卫视", "广播", "电视台", "新闻网", "客户端", "发布", "手机报", "在线")
_MEDIA = re.compile("|".join(_MEDIA_WORDS))
# a short form is followed by one of the words above only where this character follows it
_BAD_AFTER_SHORT_FIRST = frozenset(_RIGHT_BAD_SHORT) | {w[0] for w in _WORD_AFTER_SHORT_WORDS + _MEDIA_WORDS}


# the own country is a prefix of names (中国科学院) and 我国 stands for it; never a region mention
_NEVER = {"中国"}


# a town right after its county; a town's own government may follow directly (某县甲乙镇人民政府),
# not after another character (某县各乡镇人民政府)
_TOWN = re.compile(f"[{CJK}]{{1,4}}?(?:镇|乡|街道)(?![{CJK}](?:政府|党委|人民|企业|村民))(?!企业|村民)")
# a single town after a place preposition: 在甲乙镇建设…, 落户甲乙乡 (a two-character head, no
# 乡镇/乡村 word after, not a generic head such as 重点镇, 贫困乡)
_TOWN_AT = re.compile(f"(?:在|于|赴|到|落户|落地|位于|走进)([{CJK}]{{2}}(?:镇|乡))(?![镇乡村级域民])")
_TOWN_AT_GENERIC = {
    "贫困", "偏远", "边远", "山区", "农村", "全县", "全市", "全区", "各个", "每个", "部分", "试点", "示范", "重点", "中心",
    "特色", "小城", "建制", "民族", "工业", "旅游", "农业", "边境", "城镇", "乡镇", "周边", "附近", "所在", "当地", "本地",
    "我县", "我市", "我区", "全国", "省内", "市内", "县内", "区内", "外地", "各地", "基层", "城乡", "美丽", "文明", "卫生",
    "生态", "历史", "文化", "商贸", "专业", "产业", "其他", "其余", "相关", "有关", "新型", "现代", "传统", "森林", "宜居",
}
_VILLAGE = re.compile(f"[{CJK}]{{1,4}}?(?:村|社区)(?!民|委|级|集体|干部|振兴)")


_TOWN_LIST = re.compile(
    f"[{CJK}]{{2,6}}?(?:镇|乡)(?:[、和及与][{CJK}]{{2,3}}(?:镇|乡))+(?![{CJK}]?(?:政府|党委|人民|干部|企业))"
)
_FOREIGN_UNIV = re.compile(f"[{CJK}]{{2,10}}?大学")
_TOWN_PAIR = re.compile(f"[镇乡][、和及与][{CJK}]{{2,3}}[镇乡]")
_TOWN_ITEM = re.compile(f"([{CJK}]{{2,3}}?)(?:镇|乡)")
_TOWN_GENERIC = {"乡", "城", "城乡", "集", "村", "小", "特色小", "重点", "中心", "建制", "各乡", "全", "各", "乡", "农村"}
_TOWN_SEP = frozenset("、和及与")


def _town_pairs(text: str, town_chars: list[int]) -> list[re.Match]:
    """The matches of ``_TOWN_PAIR.finditer(text)``, tried only at the 镇/乡 (sorted offsets
    ``town_chars``) that a list separator follows."""
    return matches_at(_TOWN_PAIR, text, [q for q in town_chars if text[q + 1 : q + 2] in _TOWN_SEP])


# designations and bodies that continue a region prefix into a longer name
_PREFIX_TAILS = (
    "新型研发机构", "科技型中小企业", "高新技术企业", "分院", "分校", "分园", "分局", "委员会", "党工委", "工委", "市委", "县委",
    "区委", "州委", "省委", "旗委", "盟委", "农高区", "农业高新技术产业示范区", "示范区", "能源化工基地", "科技城", "科技创新城",
    "中试基地", "中试平台", "联合实验室", "研究中心", "科委", "科协", "校区", "农大", "师大", "工大", "医大", "科大", "理工",
)


@lru_cache(maxsize=1)
def _prefix_tail_ac():
    words = sorted(set(gz.org_suffixes()) | set(gz.gov_bodies()) | set(_PREFIX_TAILS))
    return automaton(words)


_MID_BAD = re.compile(f"[^{CJK}（）()·]|[的和与及、是在将对为]")


def tail_starts(doc: Doc) -> list[int]:
    """Sorted start offsets of organisation/body/designation tails in the doc (cached)."""
    st = doc.user_data.get("kg_tail_starts")
    if st is None:
        st = sorted([s for _i, s, _e in _prefix_tail_ac().find_matches_as_indexes(text_of(doc))])
        doc.user_data["kg_tail_starts"] = st
    return st


def continues_into_name(text: str, e: int, starts: list[int]) -> bool:
    """True when the text right after a region (ending at ``e``) is the rest of a longer name:
    a tail word starts within 14 characters with no boundary in between."""
    if e >= len(text) or not "\u4e00" <= text[e] <= "\u9fff":
        return False
    i = bisect.bisect_left(starts, e)
    if i == len(starts) or starts[i] - e > 14:
        return False
    mid = text[e : starts[i]]
    return not (mid and (_MID_BAD.search(mid) or soft_boundary_re().search(mid)))


# How a region form is taken before its context is looked at (see RegionLinker.__call__):
_SKIP = 0  # never a mention here (中国; a full form that is a common word)
_FULL = 1  # a full form: always
_FULL_LEFT = 2  # a two-character county name: only after a boundary (_left_ok)
_SHORT_ACCEPT = 3  # a province, country or prefecture short form
_SHORT_LEFT = 4  # a county short form: after a boundary, else pending (list adjacency)
_SHORT_STOP = 5  # a short form on the common-word list: pending unless its full form occurs


@dataclass(frozen=True, slots=True)
class _FormRule:
    rule: int
    present: str | None  # the code this form's occurrence makes present, if a counted full form
    codes: tuple[str, ...]  # codes of every unit the form may name
    town_host: bool  # a county-level or prefecture full form a town's name may follow


@lru_cache(maxsize=1)
def _form_rules() -> dict[str, _FormRule]:
    """What the region table says about each form, worked out once (not at every occurrence)."""
    table = gz.regions()
    stop = gz.region_stop()
    rules: dict[str, _FormRule] = {}
    for form, units in table.forms.items():
        unit = units[0]
        full = form in table.full_forms
        if form in _NEVER or (form in stop and full) or (full and not unit.current and form[:-1] in stop):
            rule = _SKIP
        elif full:
            rule = _FULL_LEFT if len(form) == 2 and unit.level == 3 else _FULL
        elif form in stop:
            rule = _SHORT_STOP
        elif unit.level <= 2:
            rule = _SHORT_ACCEPT
        else:
            rule = _SHORT_LEFT
        present = unit.code if full and form not in stop and form not in _NEVER and unit.current and form[:-1] not in stop else None
        town_host = full and unit.level >= 2 and form[-1] in "县区市旗"
        rules[form] = _FormRule(rule, present, tuple(u.code for u in units), town_host)
    return rules


class RegionLinker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        table = gz.regions()
        text = text_of(doc)
        n = len(text)
        hits = region_hits(doc)
        rules = _form_rules()
        hit_rules = [rules[f] for _s, _e, f in hits]
        full_present = {r.present for r in hit_rules if r.present is not None}
        accepted: list[tuple[int, int]] = []
        pending: list[tuple[int, int, str]] = []
        hosts: list[int] = []  # ends of accepted full forms that a town's name may follow
        for (s, e, form), r in zip(hits, hit_rules):
            rule = r.rule
            if rule == _SKIP:
                continue
            if rule == _FULL or rule == _FULL_LEFT:
                if rule == _FULL_LEFT and not self._left_ok(text, s):
                    continue
                accepted.append((s, e))
                if r.town_host:
                    hosts.append(e)
                continue
            if e < n and text[e] in _BAD_AFTER_SHORT_FIRST and (
                text[e] in _RIGHT_BAD_SHORT or _WORD_AFTER_SHORT.match(text, e) or _MEDIA.match(text, e)
            ):
                continue  # an ordinary word (高密度), a street (…路) or a media outlet (湖南日报, 陕西卫视)
            if not full_present.isdisjoint(r.codes):
                accepted.append((s, e))
            elif rule == _SHORT_STOP:
                pending.append((s, e, form))
            elif rule == _SHORT_ACCEPT or self._left_ok(text, s):
                accepted.append((s, e))
            else:
                pending.append((s, e, form))
        # list adjacency: a pending short form next to an accepted region in a list (only one
        # with a list separator on either side can be)
        pending = [
            p for p in pending if (p[0] >= 2 and text[p[0] - 1] in "、和与及") or (p[1] + 1 < n and text[p[1]] in "、和与及")
        ]
        acc_ends = {e for _s, e in accepted}
        acc_starts = {s for s, _e in accepted}
        changed = True
        while changed and pending:
            changed = False
            for item in list(pending):
                s, e, _form = item
                left = s >= 2 and text[s - 1] in "、和与及" and (s - 1) in acc_ends
                right = e + 1 < len(text) and text[e] in "、和与及" and (e + 1) in acc_starts
                if left or right:
                    accepted.append((s, e))
                    acc_ends.add(e)
                    acc_starts.add(s)
                    pending.remove(item)
                    changed = True
        # towns and villages named right after a county or town: 某某县甲乙镇丙丁村
        for e in hosts:
            pos = e
            for rx in (_TOWN, _VILLAGE):
                tm = rx.match(text, pos)
                if not tm or text[pos : tm.end() - 1] in _TOWN_GENERIC:
                    break
                accepted.append((pos, tm.end()))
                pos = tm.end()
        # enumerations of towns: 甲镇、乙镇和丙乡 (two or more items, each a 2–3 character head + 镇/乡)
        # the town patterns below hold 镇 or 乡 at a fixed place: they are tried only there
        town_chars = sorted(find_all(text, "镇") + find_all(text, "乡"))
        done_to = -1
        for pm in _town_pairs(text, town_chars):
            if pm.start() < done_to:
                continue
            m = _TOWN_LIST.search(text, max(0, pm.start() - 6), min(len(text), pm.end() + 60))
            if m is None or m.start() > pm.start():
                continue
            done_to = m.end()
            pos = m.start()
            items = []
            for part in _RX_0.split(m.group()):
                if len(part) == 1 and part in "、和及与":
                    pos += 1
                    continue
                items.append((pos, pos + len(part)))
                pos += len(part)
            s0, e0 = items[0]
            bm = None
            for bm in soft_boundary_re().finditer(text, s0, e0 - 1):
                pass
            if bm is not None:
                s0 = bm.end()
            if e0 - s0 > 4:
                s0 = e0 - 3  # no boundary found: the shortest reading (two-character head)
            items[0] = (s0, e0)
            if any(not (3 <= e - s <= 4) or text[s:e - 1] in _TOWN_GENERIC for s, e in items):
                continue
            accepted.extend(items)
        # _TOWN_AT: a one- or two-character preposition, two characters, then 镇/乡
        for tm in matches_at(_TOWN_AT, text, [q - k for q in town_chars for k in (3, 4) if q >= k]):
            if text[tm.start(1) : tm.end(1) - 1] not in _TOWN_AT_GENERIC:
                accepted.append(tm.span(1))
        prefix = doc.user_data.setdefault("kg_region_prefix", set())
        starts = tail_starts(doc) if accepted else []
        for s, e in accepted:
            if continues_into_name(text, e, starts) and not (
                _FOREIGN_UNIV.match(text, e) and (u := table.lookup(text[s:e])) is not None and u.level == 0
            ):  # 泰国清迈大学: the country stands as a region (the university's name is 清迈大学)
                prefix.add((s, e))
        add_candidates(doc, [(s, e, "REGION") for s, e in accepted], self.name)
        return doc

    @staticmethod
    def _left_ok(text: str, s: int) -> bool:
        return s == 0 or text[s - 1] in _LEFT_OK or not "\u4e00" <= text[s - 1] <= "\u9fff"


@Language.factory("kg_regions")
def make_region_linker(nlp: Language, name: str) -> RegionLinker:
    return RegionLinker(name)
