"""Collaboration rules over masked sentences (see kg.nlp.relations_text).

Rule families, each a function over one masked sentence:

* hosting   依托X建设/组建/筹建Y, Y依托X建设, 以X为依托, X被确定为Y依托单位, Y的依托单位为X, 建在X的Y,
            由X(牵头)…组建/建设的Y, Y由X…组建, 我校/学校Y获批, X筹建/组建/出资成立Y → HOSTS X→Y
            (several hosts of one platform: CO_BUILDS among them)
* agreement A、B与/同/跟/和C、D + 合作/签约/签订…协议/对接/共建/联合申报… → every cross pair
            (COOPERATES, or CO_BUILDS for building triggers; …联合申报/共建的Y adds HOSTS)
* lead      A联合/携手/牵手B、C → A–B, A–C (该中心联合… resolves the anaphor)
* signing   A、B签署/签订…协议 (no connector) → all pairs in the subject list
* tables    rows of a table with a 依托单位 column → HOSTS each host, CO_BUILDS among hosts
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from kg.nlp.relations_text import (
    E,
    HOST_TYPES,
    ORG_TYPES,
    PARTY_TYPES,
    TAIL_FILLER_RE,
    Ent,
    Masked,
    affiliation,
    chain_back,
    chain_end,
    chain_forward,
    generic_after,
    is_anonymised,
)

# precompiled patterns of the literal re.<fn>(...) calls below (one compile, no re cache lookups)
_RX_YI = re.compile(f"以(?={E})")
_RX_YOU = re.compile(f"由(?={E})")
_RX_0 = re.compile("依托")
_RX_1 = re.compile(r"[^。；;]{0,40}?为依托")
_RX_2 = re.compile(r"[^，,。；;]{0,12}?(?:共同|合作|联合)?(?:共建|建设|组建|打造|成立|申报)")
_RX_3 = re.compile(r"序号|编号")
_RX_4 = re.compile(r"(?:了)?的")
_RX_5 = re.compile(r"[^，,。；;]{0,12}?(?:共同|合作|联合)?(?:共建|建设|组建|打造|成立|申报)(?:了)?的")
_RX_6 = re.compile(r"\d+")
_RX_7 = re.compile(r"共同|联合|合作")
_RX_8 = re.compile(r"[。；;：:]")
_RX_9 = re.compile(r"[。；;，,]")
_RX_10 = re.compile(r"(?:该|此)(?:中心|平台|实验室|基地|研究院|院|所|工作站)(?=以[^。；;]*为依托[，,]$)")
_RX_11 = re.compile(r"[^，,、；;。]*")
_RX_12 = re.compile(r"以[^。；;]*为依托[，,]")


COOPERATES, HOSTS, CO_BUILDS = "COOPERATES", "HOSTS", "CO_BUILDS"
KIND_RANK = {HOSTS: 3, CO_BUILDS: 2, COOPERATES: 1}

# cheap pre-filter on raw sentence text: only sentences with one of these are looked at
PREFILTER_RE = re.compile(
    r"合作|签约|签订|签署|签定|协议|对接|携手|牵手|共建|合建|联建|联合|产学研|依托|建在|牵头|组建|筹建"
    r"|建设|建成|成立|设立|创建|建立|打造|获批|认定|入选|结对|共同|协同|开展"
    r"|得到|受到|的大力支持|的技术支持|的支持|的帮助|的指导"
)
# Patterns scanned over every masked sentence (finditer) are written so that each alternative
# opens with a literal character — an optional or alternative lead word spelt out per alternative,
# in the same order ((?:战略)?合作 as 战略合作|合作, (?:甲|乙)X as 甲X|乙X) — so the regex engine
# skips to those characters instead of trying every position (2.5-4x faster, the same matches).
COOP_TRIG_RE = re.compile(
    r"战略合作(?:共建|建设)?|合作(?:共建|建设)?|签约|签订|签署|签定|协议|对接|共建|合建|联建"
    r"|共同(?:建设|组建|研发|申报|打造|成立)|联合(?:申报|攻关|研发|建设|组建|共建|培养|开展|成立|打造|承担)"
    r"|产学研|结对|携手|牵手|合作(?:成立|组建)|联合(?:成立|组建)|共同(?:成立|组建)|成立|组建"
    r"|共同(?:承担|完成|实施|研制|开发)|联合(?:承担|完成|实施|研制|开发)|合作(?:承担|完成|实施|研制|开发)"
    r"|协同(?:研发|攻关|开发)|合作研发|联合研究"
    f"|开展(?={E})|实施(?={E})|推进(?={E})"
)
TIGHT_PAIR_RE = re.compile(f"(?<={E})[与和同](?={E})")
SIGN_LIST_RE = re.compile(r"(签约|签订|签署|合作)[^。；;]{0,12}?(?:[:：]|包括|分别是|分别为|有)")
JOINT_RE = re.compile(r"^(?:共同|联合|合作)")
COBUILD_LATER_RE = re.compile(r"共建|合作共建|联合共建|共同建设|共同组建|联合组建")
BUILD_KIND_RE = re.compile(r"共建|合建|联建|建设|组建|申报|打造|成立")
SIGN_RE = re.compile(r"签约|签订|签署|签定")
LEAD_RE = re.compile(r"联合|携手|牵手")
VISIT_RE = re.compile(r"会谈|座谈|交流|考察|调研|走访|拜访|慰问|参观|会见|互访|出席|参加|举办|主办|承办|召开|观摩")
EVENT_NOUN_RE = re.compile(r"(?:交流)?(?:会|大会|活动|论坛|年会|峰会|沙龙|交流)")
EVENT_AFTER_RE = re.compile(r"(?:举办|主办|承办|召开|开展[^，,。]{0,8}活动)")
CONNECTOR_CHARS = "与同跟和—－"
# one connector character: the backward search for a trigger's connector looks only at these
# positions (found in C) instead of testing every character of the 70-character window
CONNECTOR_RE = re.compile("[" + re.escape(CONNECTOR_CHARS) + "]")
CONNECTOR_WINDOW = 69  # characters before a trigger searched for its connector
CLAUSE_START_RE = re.compile(
    r"(?:并|还|也|又|再|同时|另外|此外|将|并将|还将|积极|主动|先后|已|分别|今后|未来|下一步|随后|目前|其中"
    # time and topic adverbials opening a later clause of the same subject (…企业,…,去年与X签订;
    # …,今年在某方向又与X签订): the subject stays the sentence's
    r"|去年|今年|明年|近年来|近年|近期|近日|日前|此前|年内|当年|上半年|下半年|\d{4}年(?:\d{1,2}月)?"
    r"|近[一二两三四五六七八九十\d]+年(?:来)?"
    r"|在[^，,。；;：:\ue000-\uf8ff]{1,20}?(?:方面|领域|方向|期间))*"
)
# hosting
_JOINT_BUILD_RE = re.compile(r"共建|共同建设|合作共建|联合共建")
HOST_BUILD_RE = re.compile(r"(?:牵头|联合|共同|合作|出资|规划|指导规划|参与)?(?:建设|组建|筹建|成立|建立|设立|创建|打造|共建|新建|搭建|承建)")
HOST_TRAILER_RE = re.compile(
    r"(?:的[^，,。；;\ue000-\uf8ff]{0,8}?(?:优势|力量|资源|基础|团队|人才|积累)[，,]?)?"  # 依托X的学科优势,打造Y
    r"(?:等[^，,。；;\ue000-\uf8ff]{0,10}?)?"
    # 依托X,在某镇建设了Y / 依托X,与Z合作建设了Y: a place or a partner between the host and the verb
    f"(?:[，,]?(?:在|于){E}(?:等地)?)?(?:[，,]?(?:与|同|和){E}(?:[、和及]{E})*(?:等[^，,。；;\ue000-\uf8ff]{{0,6}}?)?)?"
    r"[，,]?(?:谋划|计划|重点|加快|积极|全力|规划|着力|联合|共同|合作|申报|拟|将|正在|成功|先后|分别|进行|开展)*"
)
BUILD_HEAD_RE = re.compile(r"(?:了|的|了的|而成的)?(?:一个|一家|一批)?(?:国家级|省级|市级|县级|省|市)?")
PLATFORM_BEFORE_GAP_RE = re.compile(r"[，,]?(?:是|为|将|拟|主要|均|已|正式)*")
PLATFORM_LIST_BEFORE_GAP_RE = re.compile(r"(?:等[^，,。；;\ue000-\uf8ff]{0,8}?)?[，,]?(?:是|为|将|拟|主要|均|已|正式|分别|还|也)*")
_SUBJECT_BUILD_VERB = "(?:筹建|组建|建设|建成|成立|设立|创建|建立|打造|新建|搭建)"
SUBJECT_BUILD_RE = re.compile(  # (?:牵头|出资|全力|积极|获批)?<verb>, literal-first (see COOP_TRIG_RE)
    "|".join(f"{lead}{_SUBJECT_BUILD_VERB}" for lead in ("牵头", "出资", "全力", "积极", "获批"))
    + "|筹建|组建|建设|建成|成立|设立|创建|建立|打造|新建|搭建"
)
# X(以下简称…)投资1.2亿元/出资建设Y: the investor builds its own platform
INVEST_FILLER_RE = re.compile(
    r"(?:还|也|已|又|先后|累计|共|总|自筹|独立)*(?:投资|出资|投入)(?:资金)?(?:约|近|超过?)?[\d.,，]*(?:多|余)?[万亿千百]*元?"
)
SUBJECT_HOST_TYPES = frozenset({"UNIVERSITY", "ENTERPRISE", "RESEARCH_INSTITUTE"})
UNIV_ANAPHOR_RE = re.compile(r"(?:我校|本校|学校|该校)(?:的)?(?=" + E + ")")
APPROVED_RE = re.compile(r"(?:被|获|成功|顺利|正式|入选|获批|认定|列入|成为|通过)")
PLATFORM_ANAPHOR_RE = re.compile(
    r"(?:该|此)(?:中心|平台|实验室|基地|研究院|院|所|工作站|园区|园|孵化器|联盟|站)$"
)
HOST_UNIT_RE_1 = re.compile(f"({E})被?(?:确定|认定|批准|遴选|列)?为({E})的?(?:建设|组建)?依托单位")
HOST_UNIT_RE_2 = re.compile(f"({E})[，,]?[(（]?的?(?:建设)?依托单位(?:为|是|:|：)")
BUILT_AT_RE_1 = re.compile(f"建在({E})的?({E})")
BUILT_AT_RE_2 = re.compile(f"({E})建在({E})")
TABLE_HOST_HEAD_RE = re.compile(r"依托|承建单位|建设单位|牵头单位|共建单位|承担单位")
TABLE_HEAD_WORD_RE = re.compile(r"序号|编号|名称|单位|负责人|类别|领域|地区|备注|学院|级别|批次|方向|主管部门|平台|中心|实验室|所在地|类型")
TABLE_PLATFORM_HEAD_RE = re.compile(r"名称|平台|中心|实验室|基地|工作站|研究院")


@dataclass
class Rel:
    a: Ent
    b: Ent
    kind: str
    sent: tuple[int, int]
    trigger: str


@dataclass
class DocCtx:
    text: str
    outer: list[Ent]
    all_ents: list[Ent]
    rels: list[Rel] = field(default_factory=list)
    hosts_of: dict[str, list[Ent]] = field(default_factory=dict)
    _topic: Ent | None | bool = False
    _top_univ: Ent | None | bool = False

    # ---- output -------------------------------------------------------------------------
    def add(self, a: Ent, b: Ent, kind: str, sent: tuple[int, int], trigger: str) -> None:
        if a.members or b.members:  # a plural anaphor (三个研究院): each name it stands for
            for x in a.members or [a]:
                for y in b.members or [b]:
                    self.add(x, y, kind, sent, trigger)
            return
        if a is b or a.text == b.text or is_anonymised(a) or is_anonymised(b):
            return
        if a.text in b.text or b.text in a.text:
            if kind != HOSTS:
                return
        if kind == HOSTS:
            self.hosts_of.setdefault(b.text, []).append(a)
        self.rels.append(Rel(a, b, kind, sent, trigger))

    def add_hosts(
        self,
        hosts: list[Ent],
        platforms: list[Ent],
        sent,
        trigger: str,
        explicit: bool = True,
        co_builds: bool = True,
        respectively: bool = False,
    ) -> None:
        hosts = [h for h in hosts if h.label in HOST_TYPES and h.label != "PERSON"]
        platforms = [m for y in platforms for m in (y.members or [y])]
        if respectively:
            # Y1、Y2和Y3分别依托A、B和C建设: pair in order (only when the lists are equally long)
            if len(hosts) == len(platforms) and len(hosts) > 1:
                for h, y in zip(hosts, platforms):
                    if y.label == "PLATFORM":
                        self.add(h, y, HOSTS, sent, trigger)
                return
        for y in platforms:
            if y.label != "PLATFORM":
                continue
            for h in hosts:
                if not explicit and h.text in y.text:
                    continue
                self.add(h, y, HOSTS, sent, trigger)
        if co_builds and platforms and any(y.label == "PLATFORM" for y in platforms):
            hosts = [h for h in hosts if h.label != "PLATFORM"]
            for i in range(len(hosts)):
                for j in range(i + 1, len(hosts)):
                    self.add(hosts[i], hosts[j], CO_BUILDS, sent, trigger)

    # ---- discourse ----------------------------------------------------------------------
    def topic(self) -> Ent | None:
        """The clearly dominant organisation of the text (elided subjects fall back to it)."""
        if self._topic is False:
            # only in a text about one organisation (a news item): the most mentioned non-government
            # organisation, mentioned early, at least 3 times, clearly ahead and a quarter of all
            # organisation mentions; work reports (elided subject = the report's own region) get none
            orgs = [e for e in self.outer if e.label in ORG_TYPES]
            cnt = Counter([e.text for e in orgs])  # a list is counted in C, a generator in Python
            best = cnt.most_common(2)
            self._topic = None
            if best and best[0][1] >= 3 and (len(best) == 1 or best[0][1] > best[1][1]) and best[0][1] * 4 >= len(orgs):
                first = next(e for e in self.outer if e.text == best[0][0])
                if first.label != "GOVERNMENT" and first.start < 400:
                    self._topic = first
        return self._topic  # type: ignore[return-value]

    def top_university(self) -> Ent | None:
        """The university a 我校/本校 refers to: the most mentioned one (nested mentions count)."""
        if self._top_univ is False:
            cnt = Counter(e.text for e in self.all_ents if e.label == "UNIVERSITY")
            self._top_univ = None
            if cnt:
                top = max(cnt.values())
                for e in sorted(self.all_ents, key=lambda e: e.start):
                    if e.label == "UNIVERSITY" and cnt[e.text] == top:
                        self._top_univ = e
                        break
        return self._top_univ  # type: ignore[return-value]

    def self_reference(self, word: str, pos: int) -> Ent | None:
        """我校/学校 → the text's university; 公司/集团 → its company; 我院/本院 → its institute."""
        if "校" in word:
            return self.top_university()
        labels = {"ENTERPRISE"} if ("公司" in word or "集团" in word) else {"RESEARCH_INSTITUTE"}
        cnt = Counter(e.text for e in self.outer if e.label in labels)
        if not cnt:
            return None
        name, n = cnt.most_common(1)[0]
        if n < 2 and len(cnt) > 1:
            return None
        return next(e for e in self.outer if e.text == name)

    def nearest_before(self, pos: int, labels: frozenset[str] | set[str], window: int = 800) -> Ent | None:
        best = None
        for e in self.outer:
            if e.end > pos:
                break
            if e.label in labels and pos - e.end <= window:
                best = e
        return best


def _valid_party(ms: Masked, k: int) -> bool:
    e = ms.ents[k]
    return e.label in PARTY_TYPES and not is_anonymised(e) and not generic_after(ms, k)


def _party_list(ms: Masked, members: list[int]) -> list[int]:
    return [k for k in members if _valid_party(ms, k)]


def _pair(ctx: DocCtx, ms: Masked, left: list, right: list, kind: str, trigger: str) -> None:
    """Cross pairs of two party lists (entries are placeholder indices or resolved Ents)."""
    sent = (ms.start, ms.end)

    def ent(x):
        return x if isinstance(x, Ent) else ms.ents[x]

    def affil(x):
        if isinstance(x, Ent):
            return None
        a = affiliation(ms, x)
        return ms.ents[a] if a is not None else None

    for x in left:
        for y in right:
            ex, ey = ent(x), ent(y)
            if ex.label == "PERSON" or ey.label == "PERSON":
                if ex.label == "PERSON" and ey.label == "PERSON":
                    ax, ay = affil(x), affil(y)
                    if ax is not None and ay is not None:
                        ctx.add(ax, ay, kind, sent, trigger)
                    continue
                if kind != CO_BUILDS:
                    # a representative signs for the organisation: 甲大学校长张三与乙公司签约
                    ax = affil(x) if ex.label == "PERSON" else ex
                    ay = affil(y) if ey.label == "PERSON" else ey
                    if ax is not None and ay is not None:
                        ctx.add(ax, ay, kind, sent, trigger)
                    continue
            ctx.add(ex, ey, kind, sent, trigger)


# ---------------------------------------------------------------------------------------
# hosting
# ---------------------------------------------------------------------------------------


def _platforms_after(ms: Masked, i: int) -> list[int]:
    """PLATFORM placeholders forming a list right after masked position i (after a build verb)."""
    members = chain_forward_head(ms, i, BUILD_HEAD_RE)
    return [k for k in members if ms.ents[k].label == "PLATFORM"]


def chain_forward_head(ms: Masked, i: int, head_re: re.Pattern) -> list[int]:
    """The party list whose first member follows masked position i after at most 7 characters
    that ``head_re`` accepts."""
    j = ms.next_ent(i)
    if j >= len(ms.m) or j - i > 7 or not head_re.fullmatch(ms.m[i:j]):
        return []
    return chain_forward(ms, j)


def _platform_before(ms: Masked, i: int) -> int | None:
    """The PLATFORM placeholder right before masked position i (Y,依托X建设 / Y由X组建)."""
    for k in range(len(ms.ents) - 1, -1, -1):
        p = ms.pos[k]
        if p >= i:
            continue
        if ms.ents[k].label == "PLATFORM" and PLATFORM_BEFORE_GAP_RE.fullmatch(ms.m[p + 1 : i]):
            return k
        return None
    return None


def _platforms_before(ms: Masked, i: int) -> list[int]:
    """The PLATFORM list right before masked position i (Y1、Y2分别依托…)."""
    return [k for k in chain_back(ms, i, PLATFORM_LIST_BEFORE_GAP_RE) if ms.ents[k].label == "PLATFORM"]


def _subject_platform(ms: Masked, i: int) -> int | None:
    """A PLATFORM opening the sentence and the only mention before position i: the subject of a
    clause chain (该研究院为新型研发机构,依托X筹建)."""
    if ms.ents and ms.ents[0].label == "PLATFORM" and ms.pos[0] <= 2:
        if len(ms.ents) == 1 or ms.pos[1] > i:
            return 0
    return None


def _anaphor_platform(ctx: DocCtx, ms: Masked, i: int) -> Ent | None:
    """该中心/该平台… ending at masked position i → the nearest preceding PLATFORM."""
    mt = PLATFORM_ANAPHOR_RE.search(ms.m[max(0, i - 6) : i])
    if not mt:
        return None
    # absolute position: approximate by the sentence start plus the placeholders before i
    before = [k for k in range(len(ms.ents)) if ms.pos[k] < i and ms.ents[k].label == "PLATFORM"]
    if before:
        return ms.ents[before[-1]]
    return ctx.nearest_before(ms.start, {"PLATFORM"})


def rule_hosting(ctx: DocCtx, ms: Masked) -> None:
    m = ms.m
    # each pattern but the last needs a literal word: a sentence without it skips that scan
    for cue, rule in _HOSTING_RULES:
        if cue in m:
            rule(ctx, ms)
    _host_subject_builds(ctx, ms)


def _host_relying_on(ctx: DocCtx, ms: Masked) -> None:
    """依托X(、Y)…建设/组建/筹建(的)Z   |   Z,依托X建设   |   Z1、Z2分别依托X1、X2建设"""
    m = ms.m
    sent = (ms.start, ms.end)
    ents = ms.ents
    for mt in _RX_0.finditer(m):
        hosts = _party_list(ms, chain_forward(ms, mt.end()))
        if not hosts:
            continue
        hosts = [k for k in hosts if ents[k].label in HOST_TYPES and ents[k].label not in ("PERSON",)]
        if not hosts:
            continue
        end = chain_end(ms, hosts)
        vb = None
        for vm in HOST_BUILD_RE.finditer(m, end, min(len(m), end + 30)):
            if HOST_TRAILER_RE.fullmatch(m[end : vm.start()]):
                vb = vm
            break
        if vb is None:
            continue
        resp = "分别" in m[max(0, mt.start() - 4) : mt.start()]
        # 依托X和Y共同建设: the hosts also co-build (ANNOTATION.md: joint hosts get CO_BUILDS)
        joint = len(hosts) > 1 and bool(_RX_7.search(m[end : vb.end()]))
        plats = _platforms_after(ms, vb.end())
        if not plats:
            plats = _platforms_before(ms, mt.start())
        if not plats:
            k = _subject_platform(ms, mt.start())
            plats = [k] if k is not None else []
        if not plats:
            y = _anaphor_platform(ctx, ms, mt.start())
            if y is not None:
                ctx.add_hosts([ents[h] for h in hosts], [y], sent, "依托", co_builds=joint)
            continue
        ctx.add_hosts(
            [ents[h] for h in hosts], [ents[p] for p in plats], sent, "依托", co_builds=joint, respectively=resp
        )


def _host_as_base(ctx: DocCtx, ms: Masked) -> None:
    """以X、Y为依托"""
    m = ms.m
    sent = (ms.start, ms.end)
    ents = ms.ents
    for mt in _RX_YI.finditer(m):
        members = chain_forward(ms, mt.end())
        if not members:
            continue
        end = chain_end(ms, members)
        tail = _RX_1.match(m[end:])
        if not tail:
            continue
        hosts = [ents[k] for k in _party_list(ms, members) if ents[k].label in HOST_TYPES]
        subj = chain_back(ms, mt.start())
        plats = [ents[k] for k in subj if ents[k].label == "PLATFORM"]
        if not plats:
            y = _anaphor_platform(ctx, ms, mt.start())
            plats = [y] if y is not None else []
        ctx.add_hosts(hosts, plats, sent, "为依托", co_builds=False)


def _host_unit(ctx: DocCtx, ms: Masked) -> None:
    """X被确定为Y建设依托单位 ; Y的依托单位为X"""
    m = ms.m
    sent = (ms.start, ms.end)
    ents = ms.ents
    for mt in HOST_UNIT_RE_1.finditer(m):
        a, b = ms.ent_at(mt.start(1)), ms.ent_at(mt.start(2))
        ctx.add_hosts([ents[a]], [ents[b]], sent, "依托单位")
    for mt in HOST_UNIT_RE_2.finditer(m):
        b = ms.ent_at(mt.start(1))
        hosts = _party_list(ms, chain_forward(ms, mt.end()))
        ctx.add_hosts([ents[k] for k in hosts], [ents[b]], sent, "依托单位")


def _host_built_at(ctx: DocCtx, ms: Masked) -> None:
    """建在X的Y ; Y建在X"""
    m = ms.m
    sent = (ms.start, ms.end)
    ents = ms.ents
    for mt in BUILT_AT_RE_1.finditer(m):
        a, b = ms.ent_at(mt.start(1)), ms.ent_at(mt.start(2))
        if ents[a].label != "REGION":
            ctx.add_hosts([ents[a]], [ents[b]], sent, "建在")
    for mt in BUILT_AT_RE_2.finditer(m):
        b, a = ms.ent_at(mt.start(1)), ms.ent_at(mt.start(2))
        if ents[a].label != "REGION":
            ctx.add_hosts([ents[a]], [ents[b]], sent, "建在")


def _host_built_by(ctx: DocCtx, ms: Masked) -> None:
    """由X(牵头)…(联合Y)…组建/建设的Z ; Z由X…组建"""
    m = ms.m
    sent = (ms.start, ms.end)
    ents = ms.ents
    for mt in _RX_YOU.finditer(m):
        start = mt.end()
        vb = None
        for vm in HOST_BUILD_RE.finditer(m, start, min(len(m), start + 70)):
            if not _RX_8.search(m[start : vm.start()]):
                vb = vm
            break
        if vb is None:
            continue
        hosts = [
            k
            for k in range(len(ents))
            if start <= ms.pos[k] < vb.start() and ents[k].label in HOST_TYPES and _valid_party(ms, k)
        ]
        hosts = [k for k in hosts if ents[k].label != "PERSON"]
        if not hosts:
            continue
        if len(hosts) > 1 and _JOINT_BUILD_RE.fullmatch(vb.group()) and "牵头" not in m[start : vb.start()]:
            continue  # 由A与B共建的Y: the builders co-build (ANNOTATION: 共建 gives CO_BUILDS only)
        plats = _platforms_after(ms, vb.end())
        if not plats:
            k = _platform_before(ms, mt.start())
            plats = [k] if k is not None else []
        ctx.add_hosts([ents[k] for k in hosts], [ents[p] for p in plats], sent, "由" + vb.group())


def _host_our_university(ctx: DocCtx, ms: Masked) -> None:
    """我校/学校Y(和Z)获批/被认定"""
    m = ms.m
    sent = (ms.start, ms.end)
    ents = ms.ents
    for mt in UNIV_ANAPHOR_RE.finditer(m):
        plats = [k for k in chain_forward(ms, mt.end()) if ents[k].label == "PLATFORM"]
        if not plats:
            continue
        if not APPROVED_RE.match(m, chain_end(ms, plats)):
            continue
        univ = ctx.top_university()
        if univ is not None:
            ctx.add_hosts([univ], [ents[k] for k in plats], sent, mt.group(), explicit=False)


def _host_subject_builds(ctx: DocCtx, ms: Masked) -> None:
    """X筹建/组建/出资成立Y (a university, company or institute building its own platform)"""
    m = ms.m
    sent = (ms.start, ms.end)
    ents = ms.ents
    # does the sentence mention an investment at all (投资/出资/投入: in every INVEST_FILLER_RE match)?
    invest = None
    for vm in SUBJECT_BUILD_RE.finditer(m):
        subj = chain_back(ms, vm.start())
        if not subj:
            if invest is None:
                invest = "投资" in m or "出资" in m or "投入" in m
            if invest:
                subj = chain_back(ms, vm.start(), INVEST_FILLER_RE)  # X投资1.2亿元建设的Y
        if not subj:
            continue
        first = ms.pos[subj[0]]
        if first > 0 and m[first - 1] in CONNECTOR_CHARS:
            continue  # A与B建设… is an agreement, handled there
        subj = [k for k in subj if ents[k].label in SUBJECT_HOST_TYPES and _valid_party(ms, k)]
        if not subj:
            continue
        if len(subj) > 1 and vm.group() == "建设" and m[max(0, vm.start() - 2) : vm.start()] == "共同":
            continue  # A、B共同建设的Y: co-built, not hosted
        plats = _platforms_after(ms, vm.end())
        if plats:
            ctx.add_hosts([ents[k] for k in subj], [ents[k] for k in plats], sent, vm.group(), explicit=False)


# ---------------------------------------------------------------------------------------
# agreements and partnerships
# ---------------------------------------------------------------------------------------


# (literal cue word, rule) of rule_hosting, in the order they run
_HOSTING_RULES = (
    ("依托", _host_relying_on),
    ("以", _host_as_base),
    ("依托单位", _host_unit),
    ("建在", _host_built_at),
    ("由", _host_built_by),
    ("校", _host_our_university),
)


def _elided_subject(
    ctx: DocCtx, ms: Masked, c: int, right: list[int], last_left: list, use_topic: bool = True
) -> list:
    """Subject of a clause that starts with its connector (…,并与X签约): resolved when simple."""
    m = ms.m
    if last_left and c > 0 and m[c - 1] in "和及、并":
        return last_left  # A与B联合申报的Y和与C联合申报的Z
    am = SELF_ANAPHOR_RE.search(m, 0, c)
    if am:
        e = ctx.self_reference(am.group(1), ms.start)
        if e is not None and e.text not in {ms.ents[k].text for k in right}:
            return [e]
    clause = max(m.rfind("，", 0, c), m.rfind(",", 0, c), m.rfind("：", 0, c), m.rfind(":", 0, c)) + 1
    if not CLAUSE_START_RE.fullmatch(m[clause:c]):
        return []
    if last_left:
        return last_left
    rset = {ms.ents[k].text for k in right}
    # the sentence's own subject: 甲大学相关负责人表示:…,与乙达成战略合作 ; 甲市深入实施…,先后与乙合作
    if ms.ents and ms.pos[0] < clause:
        head = m[: ms.pos[0]]
        if len(head) <= 10 and not any(ch in head for ch in CONNECTOR_CHARS):
            e0 = ms.ents[0]
            if e0.text not in rset and not e0.members and (
                e0.label in ORG_TYPES or (e0.label == "REGION" and _valid_party(ms, 0) and _verb_after(ms, 0))
            ):
                return [0]
            return []  # the sentence has a subject of its own: never fall back to the text's topic
    if not use_topic or any(ms.pos[k] < c for k in range(len(ms.ents))):
        return []  # a named mention before the connector: the topic is not the elided subject
    if clause > 0 and not COORD_RE.match(m, clause):
        # a later clause continues the discourse topic only when coordinated (…,并与X合作); after
        # a clause with a subject of its own (甲市深入实施…,先后与X合作) the topic has changed
        return []
    t = ctx.topic()
    if t is not None and t.start < ms.start and t.text not in rset:
        return [t]
    return []


COORD_RE = re.compile(r"(?:并|还|也|同时|此外|另外|另|并将|还将|同时还)")
_REGION_VERB_RE = re.compile(r"(?:还|也|将|已|先后|积极|持续|不断|进一步|近年来|深入|大力|全力|主动)*(?:实施|推进|推动|深化|加强|建立|建设|打造|引进|出台|制定|与|同|和|坚持|围绕|聚焦|依托|立足|发挥|探索|开展)")


def _verb_after(ms: Masked, k: int) -> bool:
    """A region name used as the subject of a clause (甲市深入实施…), not as a modifier."""
    return bool(_REGION_VERB_RE.match(ms.m, ms.pos[k] + 1))


SELF_ANAPHOR_RE = re.compile(
    r"(?:^|[，,：:])(?:\d+月\d+日|近日|日前|今年|上午|下午|此前|同时|此外|另外)*[，,]?"
    r"(我校|本校|学校|该校|我公司|本公司|该公司|公司|该集团|集团|我院|本院|该院)"
    r"(?:还|也|将|已|正式|分别|先后|积极|主动|成功|此次|首次|再次|近日|日前)*$"
)


def _lead_host(ctx: DocCtx, ms: Masked, k: int):
    """An anaphoric lead (该中心联合…) stands for the platform's host organisation when known."""
    e = ms.ents[k]
    if e.anaphor and not e.members:
        for h in ctx.hosts_of.get(e.text, []):
            if h.label in SUBJECT_HOST_TYPES:
                return h
    return k


def _resolve_lead(ctx: DocCtx, ms: Masked, i: int) -> list:
    """该中心联合… : the lead is the platform's host organisation when known, else the platform."""
    y = _anaphor_platform(ctx, ms, i)
    if y is None:
        return []
    for h in ctx.hosts_of.get(y.text, []):
        if h.label in SUBJECT_HOST_TYPES:
            return [h]
    return [y]


def _connectors_before(m: str, ts: int) -> list[int]:
    """Positions of the connector characters in the window before ts, nearest first."""
    found = [cm.start() for cm in CONNECTOR_RE.finditer(m, max(0, ts - CONNECTOR_WINDOW), ts)]
    found.reverse()
    return found


@lru_cache(maxsize=256)
def _trigger_traits(word: str) -> tuple[bool, str, bool]:
    """(a signing word, the relation kind it states, pairs a subject list without a connector) for
    one COOP_TRIG_RE match; the trigger words are a small fixed set, so each is classified once."""
    signs = bool(SIGN_RE.search(word))
    kind = CO_BUILDS if BUILD_KIND_RE.search(word) else COOPERATES
    list_pairs = signs or word.endswith("协议") or bool(JOINT_RE.match(word))
    return signs, kind, list_pairs


def rule_agreements(ctx: DocCtx, ms: Masked) -> None:
    m = ms.m
    _triggered_agreements(ctx, ms)
    if "签" in m or "合作" in m:  # every SIGN_LIST_RE match opens with 签约/签订/签署/合作
        _signing_list(ctx, ms)
    if "联合" in m or "携手" in m or "牵手" in m:  # the LEAD_RE words
        _lead_partners(ctx, ms)


def _connector_for(ms: Masked, ts: int) -> tuple[int, list[int]] | None:
    """The connector (与/同/跟/和 …) before a trigger at ts and the party list right after it."""
    m = ms.m
    best = None
    for c in _connectors_before(m, ts):
        ch = m[c]
        if c > 0 and m[c - 1] in "参给共协合相赞":
            continue
        right = chain_forward(ms, c + 1)
        if not right or chain_end(ms, right) > ts:
            continue
        gap = m[chain_end(ms, right) : ts]
        if len(gap) > 45 or VISIT_RE.search(gap) or _RX_9.search(gap):
            continue
        if ch != "和":
            best = (c, right)
            break
        if best is None and chain_back(ms, c):
            best = (c, right)
    return best


def _triggered_agreements(ctx: DocCtx, ms: Masked) -> None:
    """A、B与/同/跟/和C、D + 合作/签约/签订…协议/对接/共建/联合申报…, and A、B签署…协议."""
    m = ms.m
    last_left: list = []
    for tm in COOP_TRIG_RE.finditer(m):
        ts, te = tm.start(), tm.end()
        word = tm.group()
        if word in ("开展", "实施", "推进"):
            # 与X开展“甲”行动: a named joint programme; anything else after 开展 is no trigger here
            k = ms.ent_at(te)
            if k is None or ms.ents[k].label != "PROGRAM":
                continue
        if EVENT_AFTER_RE.match(m, te):
            continue
        signs, kind, list_pairs = _trigger_traits(word)
        if not signs and EVENT_NOUN_RE.match(m, te):
            continue  # 对接会, 合作交流活动: taking part in an event is not a collaboration
        best = _connector_for(ms, ts)
        if best is None:
            # A、B签署…协议 (no connector): every pair in the subject list
            if list_pairs:
                subj = _party_list(ms, chain_back(ms, ts))
                # A、B等高校与区内企业签订协议: the other side is generic, no pair inside the list
                if len(subj) >= 2 and not any(ch in CONNECTOR_CHARS for ch in m[chain_end(ms, subj) : ts]):
                    _pair_all(ctx, ms, subj, kind, word)
            continue
        c, right = best
        right = _party_list(ms, right)
        left: list = _party_list(ms, chain_back(ms, c))
        if not left:
            left = _elided_subject(ctx, ms, c, right, last_left)
        if not left or not right:
            continue
        last_left = left
        later = COBUILD_LATER_RE.search(m, te)
        named = later is not None and bool(_platforms_after(ms, later.end()))
        if kind == COOPERATES and later and (named or not _generic_built(m, later.end())):
            kind = CO_BUILDS  # …签署战略合作协议,共建Y (not: …四方将在…领域共建研发平台)
        _pair(ctx, ms, left, right, kind, word)
        multi_build = BUILD_KIND_RE.search(word) and MULTI_PARTY_RE.search(m, max(0, ts - 4), ts)
        if multi_build or (named and (JOINT_RE.match(later.group()) or MULTI_PARTY_RE.search(m, max(0, ts - 6), te))):
            # A与B、C三方合作共建(的)Y: three builders, every pair co-builds
            # A、B与C签署三方合作协议,共同组建Y: every party co-builds Y, so pairs inside a side too
            for side in (left, right):
                idx = [x for x in side if not isinstance(x, Ent)]
                if len(idx) > 1:
                    _pair_all(ctx, ms, idx, CO_BUILDS, later.group() if later else word)
        if kind == CO_BUILDS and "申报" in word:
            # 甲与乙联合申报的Y: the applicants are Y's supporting units (hosts); a Y that two
            # parties 共建 is co-built only (no HOSTS unless 依托 is stated)
            mt = _RX_4.match(m[te:])
            if mt:
                plats = _platforms_after(ms, te)
                parties = [x if isinstance(x, Ent) else ms.ents[x] for x in left + right]
                for k in plats:
                    y = ms.ents[k]
                    if not any(p.text in y.text for p in parties):
                        ctx.add_hosts(parties, [y], (ms.start, ms.end), word, explicit=False)


def _signing_list(ctx: DocCtx, ms: Masked) -> None:
    """签约项目包括:A与B…、C与D… (the trigger stands before the pairs)"""
    m = ms.m
    sm = SIGN_LIST_RE.search(m)
    if sm:
        for cm in TIGHT_PAIR_RE.finditer(m, sm.end()):
            c = cm.start()
            right = _party_list(ms, chain_forward(ms, c + 1))
            left = _party_list(ms, chain_back(ms, c))
            if not left or not right or COOP_TRIG_RE.search(m, chain_end(ms, right)):
                continue
            nxt = _RX_11.match(m[chain_end(ms, right) :]).group()
            if VISIT_RE.search(nxt):
                continue
            _pair(ctx, ms, left, right, COOPERATES, sm.group(1))


def _lead_partners(ctx: DocCtx, ms: Masked) -> None:
    """lead with partners: A联合/携手/牵手B、C"""
    m = ms.m
    for lm in LEAD_RE.finditer(m):
        partners = _party_list(ms, chain_forward(ms, lm.end()))
        if not partners:
            continue
        lead: list = _party_list(ms, chain_back(ms, lm.start()))
        if not lead:
            # 该中心以X为依托,联合Y (该中心 is a synthetic anaphor mention): the lead is the subject
            for k in range(len(ms.ents)):
                if ms.pos[k] >= lm.start():
                    break
                if ms.ents[k].anaphor and _RX_12.fullmatch(m[ms.pos[k] + 1 : lm.start()]):
                    lead = [k]
        lead = [_lead_host(ctx, ms, x) for x in lead]
        if not lead:
            # Y由A和B共同组建,联合C开展研发: the sentence's subject leads (never the text's topic)
            lead = _elided_subject(ctx, ms, lm.start(), partners, [], use_topic=False)
        if not lead:
            lead = _resolve_lead(ctx, ms, lm.start())
            if not lead:
                # 该中心以X为依托,联合Y : anaphor further back in the clause chain
                mt = _RX_10.search(m[: lm.start()])
                if mt:
                    lead = _resolve_lead(ctx, ms, mt.end())
        if not lead:
            continue
        end = chain_end(ms, partners)
        bm = _RX_2.match(m[end:])
        bm5 = _RX_5.match(m[end:]) if bm else None
        if bm5:
            # …联合B等建设的Y: handled by the hosting rules when introduced by 由; else co-building
            _pair(ctx, ms, lead, partners, CO_BUILDS, lm.group())
            # X牵头,联合A和B组建的Y: the lead is one of Y's hosts (the partners are, by the
            # subject-builds rule)
            plats = _platforms_after(ms, end + bm5.end())
            heads = [x if isinstance(x, Ent) else ms.ents[x] for x in lead]
            heads = [h for h in heads if h.label in SUBJECT_HOST_TYPES and not h.anaphor]
            if plats and heads:
                ctx.add_hosts(heads, [ms.ents[k] for k in plats], (ms.start, ms.end), lm.group(), explicit=False, co_builds=False)
        elif bm:
            _pair(ctx, ms, lead, partners, CO_BUILDS, lm.group())
        else:
            _pair(ctx, ms, lead, partners, COOPERATES, lm.group())


# passive support: (X…)得到了A和B的技术支持 / 获得A的大力支持
PASSIVE_RE = re.compile(r"得到(?:了)?|获得(?:了)?|受到(?:了)?")
PASSIVE_TAIL_RE = re.compile(r"(?:等[^，,。；;\ue000-\uf8ff]{0,8}?)?的(?:大力|鼎力|全力|长期|持续)?(?:技术|科研|智力|人才)?(?:支持|帮助|指导|支撑)")
PASSIVE_SUBJECT_TYPES = frozenset({"ENTERPRISE", "UNIVERSITY", "RESEARCH_INSTITUTE", "PLATFORM"})


def _clause_subject(ms: Masked, i: int, labels: frozenset[str]) -> int | None:
    """The nearest organisation before masked position i that opens a clause of the sentence
    (…,X在…持续发力,其…项目,先后得到了…): the subject a later clause leaves out."""
    m = ms.m
    for k in range(len(ms.ents) - 1, -1, -1):
        p = ms.pos[k]
        if p >= i:
            continue
        clause = max(m.rfind("，", 0, p), m.rfind(",", 0, p), m.rfind("：", 0, p), m.rfind(":", 0, p)) + 1
        if ms.ents[k].label in labels and CLAUSE_START_RE.fullmatch(m[clause:p]) and _valid_party(ms, k):
            return k
    return None


def rule_passive_support(ctx: DocCtx, ms: Masked) -> None:
    m = ms.m
    if not ("得到" in m or "获得" in m or "受到" in m):
        return  # none of the PASSIVE_RE verbs (most sentences): skip the scan
    for pm in PASSIVE_RE.finditer(m):
        partners = _party_list(ms, chain_forward(ms, pm.end()))
        if not partners or not PASSIVE_TAIL_RE.match(m, chain_end(ms, partners)):
            continue
        k = _clause_subject(ms, pm.start(), PASSIVE_SUBJECT_TYPES)
        if k is None or k in partners:
            continue
        _pair(ctx, ms, [k], partners, COOPERATES, pm.group())


MULTI_PARTY_RE = re.compile(r"[三四五六七多]方")
GENERIC_BUILT_RE = re.compile(r"(?:一批|若干|多个|各类)?(?:研发|创新|科研|技术|合作|产业)*(?:平台|载体|机构|基地|中心|实验室)")


def _generic_built(m: str, i: int) -> bool:
    """共建研发平台 / 共建创新载体: a generic object (no named platform is built)."""
    return bool(GENERIC_BUILT_RE.match(m, i))


def _pair_all(ctx: DocCtx, ms: Masked, members: list[int], kind: str, trigger: str) -> None:
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            _pair(ctx, ms, [members[i]], [members[j]], kind, trigger)


# ---------------------------------------------------------------------------------------
# tables with a 依托单位 column
# ---------------------------------------------------------------------------------------

_CELL_RE = re.compile(r"[^|\t\n]+")


def rule_tables(ctx: DocCtx) -> None:
    text = ctx.text
    if "|" not in text and "\t" not in text:
        return
    for hm in TABLE_HOST_HEAD_RE.finditer(text):
        # the header cell must be a short cell of a table line
        ls = text.rfind("\n", 0, hm.start()) + 1
        le = text.find("\n", hm.end())
        le = len(text) if le == -1 else le
        line = text[ls:le]
        if "|" not in line and "\t" not in line:
            continue
        _table_at(ctx, hm.start())


def _cells(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    out = []
    for cm in _CELL_RE.finditer(text, start, stop):
        ls = text.rfind("\n", 0, cm.start()) + 1
        le = text.find("\n", cm.end())
        line = text[ls : len(text) if le == -1 else le]
        if "|" not in line and "\t" not in line:
            continue
        s = cm.group()
        if s.strip():
            lead = len(s) - len(s.lstrip())
            out.append((cm.start() + lead, cm.start() + len(s.rstrip()), s.strip()))
    return out


def _table_at(ctx: DocCtx, pos: int) -> None:
    text = ctx.text
    # region: from a few lines before the header to the end of the table-like lines
    start = pos
    for _ in range(8):
        p = text.rfind("\n", 0, start - 1)
        if p == -1:
            start = 0
            break
        start = p + 1
        if "|" not in text[start:pos] and "\t" not in text[start:pos] and start < pos:
            pass
    stop = pos
    while True:
        nl = text.find("\n", stop)
        if nl == -1:
            stop = len(text)
            break
        nxt = text.find("\n", nl + 1)
        nxt = len(text) if nxt == -1 else nxt
        line = text[nl + 1 : nxt]
        if line.strip() and "|" not in line and "\t" not in line:
            stop = nl
            break
        stop = nxt
        if nxt >= len(text):
            break
    cells = _cells(text, start, stop)
    hi = next((i for i, c in enumerate(cells) if c[0] <= pos < c[1]), None)
    if hi is None:
        return
    # header: the run of short header-like cells around the host column
    h0 = hi
    while h0 > 0 and len(cells[h0 - 1][2]) <= 12 and TABLE_HEAD_WORD_RE.search(cells[h0 - 1][2]) and not _ents_in(ctx, cells[h0 - 1]):
        h0 -= 1
    h1 = hi
    while h1 + 1 < len(cells) and len(cells[h1 + 1][2]) <= 12 and TABLE_HEAD_WORD_RE.search(cells[h1 + 1][2]) and not _ents_in(ctx, cells[h1 + 1]):
        h1 += 1
    header = [c[2] for c in cells[h0 : h1 + 1]]
    ncols = len(header)
    hcol = hi - h0
    pcol = next((i for i, h in enumerate(header) if i != hcol and TABLE_PLATFORM_HEAD_RE.search(h)), None)
    if ncols < 2 or pcol is None:
        return
    numbered = bool(_RX_3.search(header[0]))
    row: list[tuple[int, int, str]] = []
    rows: list[list[tuple[int, int, str]]] = []
    for c in cells[h1 + 1 :]:
        if numbered and _RX_6.fullmatch(c[2]) and row:
            rows.append(row)
            row = []
        row.append(c)
        if len(row) == ncols:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    for r in rows:
        if len(r) != ncols:
            continue
        plats = [e for e in _ents_in(ctx, r[pcol]) if e.label == "PLATFORM"]
        hosts = [e for e in _ents_in(ctx, r[hcol]) if e.label in HOST_TYPES and e.label != "PERSON"]
        if plats and hosts:
            ctx.add_hosts(hosts, plats, (r[0][0], r[-1][1]), "依托单位")


def _ents_in(ctx: DocCtx, cell: tuple[int, int, str]) -> list[Ent]:
    return [e for e in ctx.outer if cell[0] <= e.start and e.end <= cell[1]]


__all__ = ["DocCtx", "Rel", "rule_agreements", "rule_passive_support", "rule_hosting", "rule_tables", "PREFILTER_RE", "KIND_RANK", "TAIL_FILLER_RE"]
