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

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import gazetteers as gz
from kg.nlp.components._base import CJK, PRIORITY, automaton, is_generic, make_spans, soft_boundary_re, text_of
from kg.nlp.doc_ext import CANDIDATES, set_entities

Cand = tuple[int, int, str, str]  # start, end, label, component


_ORG_LABELS = {"ENTERPRISE", "UNIVERSITY", "RESEARCH_INSTITUTE", "PLATFORM", "GOVERNMENT"}
# a person's name may sit inside an organisation name only before one of these (X院士工作站, X工作室)
_PERSON_IN_NAME = re.compile("院士|专家|教授|博士|大师|劳模|工作室|工作站|创新工作室")


def drop_person_fragments(text: str, cands: list[Cand]) -> list[Cand]:
    """PERSON candidates that overlap an organisation or government candidate are fragments of
    that name (国科学 in 中国科学院, 党工委 in …党工委书记), unless the name is a person's own
    part of the organisation (X院士工作站)."""
    persons = [c for c in cands if c[2] == "PERSON"]
    if not persons:
        return cands  # most texts: nothing to look at
    orgs = sorted((c[0], c[1]) for c in cands if c[2] in _ORG_LABELS)
    if not orgs:
        return cands
    starts = [o[0] for o in orgs]
    fragments = set()
    for c in persons:
        s, e = c[0], c[1]
        j = bisect.bisect_left(starts, e)
        for k in range(j - 1, max(-1, j - 60), -1):
            os_, oe = orgs[k]
            if oe > s and os_ < e and (os_, oe) != (s, e):
                if os_ <= s and e <= oe and _PERSON_IN_NAME.match(text, e):
                    continue
                fragments.add(c)
                break
    if not fragments:
        return cands
    return [c for c in cands if c not in fragments]


def select(cands: list[Cand]) -> list[Cand]:
    """The chosen candidates, sorted by (start, -end): one per span (the higher priority), no two
    crossing, contained ones dropped by the nesting rules (see the module docstring)."""
    best: dict[tuple[int, int], Cand] = {}
    for c in cands:
        key = (c[0], c[1])
        old = best.get(key)
        if old is None or PRIORITY.get(c[3], 0) > PRIORITY.get(old[3], 0):
            best[key] = c
    # Every rule compares a candidate only with candidates that overlap it, so each group of
    # overlapping candidates is decided on its own, and one that overlaps nothing (most of them)
    # is kept as it is. Groups follow one another in the text, so their results come in order.
    # A group runs on while the next start lies before the furthest end so far or repeats the
    # previous start (an empty span at the start of a longer one).
    order = sorted(best.values())  # by (start, end): one candidate per span
    out: list[Cand] = []
    first = 0  # where the current group starts in ``order``
    reach = prev = -1
    for k, c in enumerate(order):
        s = c[0]
        if s >= reach and s != prev:  # c opens a new group: decide the one before
            if k - first == 1:
                out.append(order[first])
            elif k > first:
                out += _select_group(order[first:k])
            first = k
        if c[1] > reach:
            reach = c[1]
        prev = s
    if len(order) - first == 1:
        out.append(order[first])
    elif len(order) > first:
        out += _select_group(order[first:])
    return out


def _select_group(group: list[Cand]) -> list[Cand]:
    """``select`` over a group of two or more overlapping candidates sorted by (start, end)."""
    if len(group) == 2:  # most groups: a region or short name at the edge of a longer name
        return _select_pair(group[0], group[1])
    return _select_overlapping(group)


def _rank(c: Cand) -> tuple[int, int, int]:
    """Order in which candidates claim their span: priority, then length, then position."""
    return (-PRIORITY.get(c[3], 0), -(c[1] - c[0]), c[0])


def _select_overlapping(cands: list[Cand]) -> list[Cand]:
    """``select`` over one group of overlapping candidates (one per span), sorted by (start, -end)."""
    order = sorted(cands, key=_rank)
    chosen: list[Cand] = []
    iv: list[tuple[int, int]] = []  # accepted intervals sorted by (start, end)
    iv_ends: list[int] = []  # their ends, in the same order
    for c in order:
        s, e = c[0], c[1]
        j = bisect.bisect_left(iv, (s, -1))
        crossing = False
        k = j
        while k < len(iv) and iv[k][0] < e:  # starts inside: must end inside
            if iv[k][1] > e and iv[k][0] > s:
                crossing = True
                break
            k += 1
        if not crossing and j:  # the 40 nearest that start before: must end before s or after e
            window = iv_ends[max(0, j - 40) : j]
            if max(window) > s:  # most often all of them end before s: nothing to look at
                for oe in window:
                    if s < oe < e:
                        crossing = True
                        break
        if not crossing:
            chosen.append(c)
            at = bisect.bisect_right(iv, (s, e))
            iv.insert(at, (s, e))
            iv_ends.insert(at, e)
    chosen.sort(key=lambda c: (c[0], -c[1]))
    out: list[Cand] = []
    open_: list[Cand] = []  # candidates whose span may still contain later ones (sorted by start)
    for c in chosen:
        s, e, label, comp = c
        open_ = [o for o in open_ if o[1] > s]
        containers = [o for o in open_ if o[0] <= s and e <= o[1] and (o[1] - o[0]) > (e - s)]
        open_.append(c)
        if containers and _dropped_inside(c, containers):
            continue
        out.append(c)
    return out


def _select_pair(a: Cand, b: Cand) -> list[Cand]:
    """``_select_overlapping`` for two overlapping candidates, ``a`` before ``b`` by (start, end)."""
    if a[0] < b[0] < a[1] < b[1]:  # crossing: the one that claims its span first stays
        return [min(a, b, key=_rank)]
    outer, inner = (a, b) if a[0] < b[0] else (b, a)  # by (start, -end)
    if (
        outer[0] <= inner[0]
        and inner[0] < outer[1]
        and inner[1] <= outer[1]
        and outer[1] - outer[0] > inner[1] - inner[0]
        and _dropped_inside(inner, [outer])
    ):
        return [outer]
    return [outer, inner]


def _dropped_inside(c: Cand, containers: list[Cand]) -> bool:
    """Whether ``c`` is dropped as nested inside the longer chosen ``containers``."""
    s, e, label, comp = c
    if label == "REGION":
        return True
    if label == "GOVERNMENT" and any(o[2] == "PLATFORM" for o in containers):
        return True  # 教育部重点实验室: a designation inside a platform name
    if any(o[2] == "POLICY" for o in containers) and label not in ("GOVERNMENT", "POLICY"):
        return True
    if any(o[2] in ("POLICY",) for o in containers) and label == "POLICY" and comp != "kg_quoted":
        return True
    if comp == "kg_org_grammar" and any(o[1] == e and o[2] == label and o[3] == comp for o in containers):
        return True  # the same name's tail with a shorter left boundary (程工程研究所 in 某所过程工程研究所)
    if comp in ("kg_gazetteer", "kg_propagate", "kg_enterprise_names") and label == "ENTERPRISE" and any(
        o[2] == "ENTERPRISE" and o[0] == s for o in containers
    ):
        return True
    return False


SHORT_FORM = re.compile(r"[（(](?:以下)?简称[:：]?[“\"]?([^”\"（）()，,。]{2,12})[”\"]?[)）]")


def short_forms(text: str, chosen: list[Cand]) -> list[Cand]:
    """A short form defined right after a name — X(以下简称“Y”) — is a mention of the same thing."""
    out: list[Cand] = []
    if "简称" not in text:
        return out  # the pattern's own word
    for s, e, label, _comp in chosen:
        m = SHORT_FORM.match(text, e, e + 20)
        if m and label != "REGION":
            out.append((m.start(1), m.end(1), label, "kg_propagate"))
    return out


_COMPANY_TAIL = re.compile("(?:集团股份有限公司|股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司|股份公司)$")
# words a company's short name never starts with: its industry or a descriptor (精密机械, 科技发展)
_INDUSTRY_LEAD = re.compile(
    "^(?:科技|技术|电子|信息|生物|医药|新材|材料|能源|新能|智能|智慧|装备|制造|精密|机械|食品|化工|电力|电气|农业|"
    "环保|建设|工程|投资|发展|实业|集团|控股|股份|产业|数字|网络|通信|软件|设备|汽车|药业|制药|实验|研究|有限|"
    "国际|中国|中心|管理|咨询|服务|贸易|商贸|物流|文化|旅游|农牧|牧业|种业|开发|半导|光电|新型|现代|绿色|高新)"
)
# what may stand right before a company's short name: punctuation, a list conjunction, a verb or
# preposition (checked with the soft-boundary words)
_SHORT_LEFT_OK = set("、，,。；;：:（(“\"与和及同由对向在将把为被让使从支推鼓助")


def company_short_forms(doc: Doc, chosen: list[Cand]) -> dict[str, Cand]:
    """Short names of the full company names in ``chosen`` (安徽某山甲乙生物科技有限公司 → 甲乙生物):
    the part between the leading regions and the company suffix, or four of its characters (a
    two-character head and the industry word after it) starting at most three characters in (a
    non-administrative place name may open the name). A form shared by two companies, a generic
    form or one opening with an industry word is left out. Returns form -> the full name's Cand."""
    from kg.nlp.components.orgs import strip_regions

    text = text_of(doc)
    forms: dict[str, Cand] = {}
    shared: set[str] = set()
    for c in chosen:
        if c[2] != "ENTERPRISE":
            continue
        name = text[c[0] : c[1]]
        m = _COMPANY_TAIL.search(name)
        if m is None:
            continue
        cs = strip_regions(doc, c[0], c[0] + m.start())
        core = text[cs : c[0] + m.start()]
        if len(core) < 4 or not core.isalnum():
            continue
        # a short name starts the core, or follows a place word that is not an administrative
        # region (a mountain, river, lake …: 某山甲乙生物科技)
        cand_forms = {core} | {core[i : i + 4] for i in range(0, min(4, len(core) - 3)) if i == 0 or core[i - 1] in _PLACE_END}
        for f in cand_forms:
            if len(f) < 4 or f == name or _INDUSTRY_LEAD.match(f) or is_generic(f) or not _CJK_ONLY.match(f):
                continue
            old = forms.get(f)
            if old is not None and text[old[0] : old[1]] != name:
                shared.add(f)
            forms.setdefault(f, c)
    for f in shared:
        forms.pop(f, None)
    return forms


_CJK_ONLY = re.compile(f"^[{CJK}]+$")
_PLACE_END = set("山江河湖岭峰海湾岛谷滩")
# a word after the form that makes it a phrase (某某机械产业), not a company
_SHORT_RIGHT_BAD = re.compile("产业|行业|领域|企业|技术|产品|设备|市场|项目|集群|园区|基地|板块")


def _short_left_ok(text: str, s: int) -> bool:
    if s == 0 or text[s - 1] in _SHORT_LEFT_OK or not _CJK_ONLY.match(text[s - 1]):
        return True
    m = soft_boundary_re().search(text, max(0, s - 4), s)
    while m is not None and m.end() != s:
        m = soft_boundary_re().search(text, m.start() + 1, s)
    return m is not None


def propagate(
    text: str, chosen: list[Cand], bp: list[tuple[int, int]] | None = None, short: dict[str, Cand] | None = None
) -> list[Cand]:
    """Other occurrences of selected names (length ≥ 3) that no selected mention covers, and of the
    companies' short names ``short`` (see company_short_forms) where a name can start.
    ``bp``: boilerplate_ranges(text), when the caller has it already."""
    if bp is None:
        bp = boilerplate_ranges(text)
    names: dict[str, Cand] = {}
    for f, c in (short or {}).items():
        names[f] = c
    for c in chosen:
        if c[2] == "REGION":
            continue
        name = text[c[0] : c[1]]
        if len(name) < 3:
            continue
        names.setdefault(name, c)
        if c[2] in ("PROGRAM", "EVENT") and "“" in name:
            bare = name.replace("“", "").replace("”", "")
            if len(bare) >= 4:
                names.setdefault(bare, c)  # “强科技”行动 also written 强科技行动
    if not names:
        return []
    keys = sorted(names)
    starts = {(c[0], c[1]) for c in chosen}
    if len(text) < 20000:
        hits = _other_occurrences(text, keys, starts)
    else:
        hits = automaton(keys).find_matches_as_indexes(text)
    if not hits:
        return []
    covered = sorted([(c[0], c[1]) for c in chosen])
    covered_ends = [ce for _cs, ce in covered]
    extra: list[Cand] = []
    for i, s, e in hits:
        if (s, e) in starts or (bp and any(a <= s < b for a, b in bp)):
            continue
        # inside or crossing one of the 50 mentions that start last at or before s: as every one
        # starts at or before s (< e), that is one ending after s
        j = bisect.bisect_right(covered, (s, 10**12))
        if j and max(covered_ends[max(0, j - 50) : j]) > s:
            continue
        c = names[keys[i]]
        if short and keys[i] in short and (not _short_left_ok(text, s) or _SHORT_RIGHT_BAD.match(text, e)):
            continue
        extra.append((s, e, c[2], "kg_propagate"))
    return extra


def _other_occurrences(text: str, keys: list[str], mentions: set[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(key index, start, end) of every occurrence of each key (non-overlapping per key) that is
    not one of the ``mentions`` spans, sorted by (start, -end). Most occurrences are the selected
    mentions themselves, so only the few others are kept and sorted."""
    found: list[tuple[int, int, int]] = []
    find = text.find
    for i, k in enumerate(keys):
        n = len(k)
        p = find(k)
        while p != -1:
            if (p, p + n) not in mentions:
                found.append((p, -(p + n), i))  # (start, end) is unique: no tie reaches i
            p = find(k, p + n)
    found.sort()
    return [(i, p, -neg_end) for p, neg_end, i in found]


# site boilerplate lines (navigation, footers): names there are not mentions of the report
_BOILERPLATE_WORDS = (
    r"上一篇|下一篇|上一条|下一条|相关阅读|相关新闻|相关链接|推荐阅读|热点推荐|版权所有|Copyright|copyright|"
    r"网站标识码|主办单位|承办单位|技术支持|联系我们|网站地图|打印本页|关闭窗口|扫一扫"
)
_BOILERPLATE = re.compile(
    rf"(?m)^[ \t]*(?:{_BOILERPLATE_WORDS}).*$"
    r"|^[^\n]{0,40}(?:版权所有|Copyright ©|Copyright©)[^\n]*$"
)
# every boilerplate line holds one of the words: a text without them (most reports) is settled by
# one scan for the words, which the regex engine runs much faster than the line-anchored pattern
_BOILERPLATE_WORD = re.compile(_BOILERPLATE_WORDS)


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    if not _BOILERPLATE_WORD.search(text):
        return []
    return [m.span() for m in _BOILERPLATE.finditer(text)]


def drop_prefix_regions(text: str, chosen: list[Cand], prefix: set[tuple[int, int]]) -> list[Cand]:
    """Region mentions that only open a longer name are dropped unless the same region (by
    administrative unit) also stands alone in the text."""
    if not prefix:
        return chosen
    regions = [c for c in chosen if c[2] == "REGION"]
    prefixed = [c for c in regions if (c[0], c[1]) in prefix]
    if not prefixed:
        return chosen
    table = gz.regions()

    def key(c: Cand) -> str:
        unit = table.lookup(text[c[0] : c[1]])
        return unit.code if unit is not None else text[c[0] : c[1]]

    alone = {key(c) for c in regions if (c[0], c[1]) not in prefix}
    dropped = {c for c in prefixed if key(c) not in alone}
    return [c for c in chosen if c not in dropped] if dropped else chosen


def candidates(doc: Doc) -> dict[Cand, Span | None]:
    """The Doc's candidates in proposal order: key -> its Span, or None where the Span is yet to
    be made (exact offsets; see kg.nlp.components._base.add_candidate).

    A candidate proposed twice is keyed by its Span's own offsets — which differ from the proposed
    ones only for a Span widened to whitespace token boundaries — as when candidates were read
    back from a SpanGroup. Spans that another component put in ``doc.spans[CANDIDATES]`` follow."""
    by_key: dict[Cand, Span | None] = doc.user_data.get("kg_cand_tuples") or {}
    # (with no Span made in advance, the usual case, every key is its own Span's offsets already)
    if doc.user_data.get("kg_cand_dups") and list(by_key.values()).count(None) != len(by_key):
        by_key = {
            (key if sp is None else (sp.start_char, sp.end_char, sp.label_, sp.kb_id_)): sp
            for key, sp in by_key.items()
        }
    group = doc.spans.get(CANDIDATES)
    if group:
        by_key = dict(by_key)
        for sp in group:
            by_key[(sp.start_char, sp.end_char, sp.label_, sp.kb_id_)] = sp
    return by_key


class EntitySelector:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        by_key = candidates(doc)
        cands = list(by_key)
        bp = boilerplate_ranges(text_of(doc))
        if bp:
            cands = [c for c in cands if not any(a <= c[0] < b for a, b in bp)]
        chosen = select(drop_person_fragments(text_of(doc), cands))
        chosen = drop_prefix_regions(text_of(doc), chosen, doc.user_data.get("kg_region_prefix", set()))
        chosen += short_forms(text_of(doc), chosen)
        chosen += propagate(text_of(doc), chosen, bp, company_short_forms(doc, chosen))
        set_entities(doc, make_spans(doc, sorted(chosen), by_key))
        return doc


@Language.factory("kg_entity_selector")
def make_entity_selector(nlp: Language, name: str) -> EntitySelector:
    return EntitySelector(name)
