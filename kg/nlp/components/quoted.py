"""Names marked by quotes and book-title marks, and programme/event grammar.

* 《…》 ending in a document word (办法, 方案, 规划, 意见, 措施, 通知 …) → POLICY; inside
  《关于印发X的通知》 X is a POLICY too. Other 《…》 (newspapers, books) are not entities.
* “X” followed (within a few characters) by a programme cue (行动, 工程, 计划, 机制, 人才, 专项,
  体系 …) → PROGRAM for the whole form and for X alone (resolution merges them); followed by an
  event cue (活动, 系列活动, 大会 …) → EVENT.
* loan products by the suffix 贷 (X贷, not 贷款/信贷) → PROGRAM.
* campaign years (…突破年, …提升年, …落实年) → PROGRAM.
* events by suffix (…大会, …博览会, …论坛, …大赛, …签约仪式 …) with a specific head; a leading
  ordinal (第七届) is left out of the name.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components._base import CJK, add_candidates, find_all, left_start, matches_at, text_of
from kg.nlp.components.orgs import is_generic_head, strip_regions

# precompiled patterns of the literal re.<fn>(...) calls below (one compile, no re cache lookups)
_RX_0 = re.compile("[、，,。；]")
_RX_1 = re.compile("^(?:关于|进一步|加快|加强|推进|促进|支持|鼓励)+")
_RX_2 = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[)）]")
_RX_3 = re.compile("[市县区省]")
_RX_4 = re.compile("[、，,。；的与和及]")
_RX_5 = re.compile("[，,。；;：:、]")


_POLICY_END = re.compile(
    "(?:办法|方案|规划|意见|措施|通知|规定|条例|细则|计划|规则|决定|纲要|指南|政策|标准|制度|规程|要点|公告|批复|"
    "实施方案|行动方案|工作方案|若干措施|若干政策|清单|目录|指引|名单|办法\\(试行\\)|（试行）|\\(试行\\)|（暂行）|\\(暂行\\)|法)$"
)
_BOOK = re.compile(r"《([^《》\n]{2,80})》")
_PERIOD_TAIL = re.compile(r"[（(](?:[0-9]{4}\s*[-—–~～至到]+\s*[0-9]{4}|[0-9]{4})年?(?:度)?[)）]$")
_PRINT = re.compile(r"关于(?:印发|转发)(.{4,60}?)的通知$")
_QUOTE = re.compile(r"[“\"]([^“”\"\n]{1,20})[”\"]")
_PROG_CUES = "行动计划|专项行动|行动方案|行动|人才计划|人才工程|工程|计划|机制|制度|人才|专项|体系|模式|品牌|基金|年"
_DISCIPLINE_AFTER = re.compile("[”“]*[^，。；]{0,12}?(?:学科|专业|方向|领域)")
_INNER_PROG = re.compile("(?:人才计划|支持计划|特支计划|人才工程|英才计划|计划|工程|专项行动|行动)$")
_EVENT_CUES = "系列活动|活动周|对接周|科普月|宣传月|活动月|活动|大会|论坛|大赛|竞赛|挑战赛|博览会|交易会|对接会|推介会|宣传周|宣传日|文化节|行(?!动)"
_EVENT_CUES_RE = re.compile(_EVENT_CUES)
_AFTER_QUOTE = re.compile(f"((?:(?![的等和与及之])[{CJK}]){{0,6}}?)({_EVENT_CUES}|{_PROG_CUES})(?![{CJK}]?(?:企业|单位|工作|项目|资金|改革))")
_LOAN = re.compile("贷(?!款)")
_NOT_LOAN = re.compile("(?:信|借|放|网|助|小|房|车|消费)贷$")
_CAMPAIGN_WORDS = ("突破", "提升", "落实", "推进", "攻坚", "建设", "服务", "创新", "质量", "效能", "深化")
_CAMPAIGN_YEAR = re.compile(f"(?:{'|'.join(_CAMPAIGN_WORDS)})年")
_CAMPAIGN_WORD_SET = frozenset(_CAMPAIGN_WORDS)
_EVENT_SUFFIX = re.compile(
    "(?:博览会|交易会|洽谈会|交流会|对接会|推介会|论坛|峰会|创新创业大赛|大赛|挑战赛|竞赛|活动周|宣传周|科技周|宣传日|"
    "开放日|签约仪式|签约活动|对接活动|系列活动|年会|展览会|科技节|电视电话会议|大会|对接周|文化节|成果展(?![示览销])|成就展(?![示览销]))"
)
# short names of fairs: 青洽会, 投洽会 (…洽谈会), 数博会, 东博会 (…博览会), 高交会 (…交易会) — one or two
# characters before the head, right after a boundary (punctuation, a verb, an edition number)
_FAIR_SHORT = re.compile("(?:洽会|博会|交会)(?![见谈议晤商点长])")
# an edition number or year written inside an event's name after its region: 某市第五届创新创业大赛,
# 某市2024年产学研合作项目集中签约仪式 (the region names the event when the rest is generic)
_MID_ORDINAL = re.compile(r"第[0-9一二三四五六七八九十百]+届|[0-9]{4}年?度?")
_HARD_STOP = re.compile(f"[^{CJK}0-9（）()·—]")


def _region_before_edition(doc: Doc, text: str, s: int) -> int | None:
    """Start of 某市 in 某市第五届创新创业大赛 / 某市2024年产学研合作项目集中签约仪式: an edition number or
    year right after a region, followed by generic words only up to the event word at ``s``."""
    lo = max(0, s - 24)
    for hm in _HARD_STOP.finditer(text, lo, s):
        lo = hm.end()
    om = None
    for om in _MID_ORDINAL.finditer(text, lo, s):
        pass
    if om is None or (om.end() < s and not is_generic_head(text[om.end() : s])):
        return None
    rs = left_start(doc, om.start(), 12)
    if rs >= om.start() or strip_regions(doc, rs, om.start()) != om.start():
        return None
    return rs
# Full-text patterns are written so that every alternative opens with a literal character
# (百…|千…|万… rather than [百千万]…, 国家现代…|现代… rather than (?:国家)?现代…, V(?:V)* rather than
# (?:V)+): the regex engine then skips to those characters instead of trying the pattern at every
# position (3-9x faster scans, the same matches in the same order).
# unquoted programme grammar: 百名…行动 / 千企…工程 campaigns, …专项行动, 现代…产业技术体系
_PROG_LEAD = "名家村企城园校县项人"  # what follows 百/千/万 in a campaign's name
_PROG_CAMPAIGN = f"[{_PROG_LEAD}][{CJK}]{{2,14}}?(?:行动|工程|计划)(?![{CJK}]?的)"
_PROG_GRAMMAR = re.compile(
    f"百{_PROG_CAMPAIGN}|千{_PROG_CAMPAIGN}|万{_PROG_CAMPAIGN}"
    f"|国家现代[{CJK}]{{2,4}}产业技术体系|现代[{CJK}]{{2,4}}产业技术体系"
)
_PROG_LEAD_SET = frozenset(_PROG_LEAD)


def _prog_grammar_matches(text: str) -> list[re.Match]:
    """The matches of ``_PROG_GRAMMAR.finditer(text)``, tried only where an alternative can start:
    百/千/万 before one of _PROG_LEAD, 现代, or 国家 before 现代 (万 and 现代 are common, such
    pairs are not)."""
    starts = [p for c in "百千万" for p in find_all(text, c) if text[p + 1 : p + 2] in _PROG_LEAD_SET]
    for q in find_all(text, "现代"):
        starts.append(q)
        if q >= 2 and text[q - 2 : q] == "国家":
            starts.append(q - 2)
    return matches_at(_PROG_GRAMMAR, text, starts)


# a document named without book-title marks, right after a verb of issuing
_ISSUE_VERB = "(?:出台|制定|印发|发布|修订|颁布|研究制定)了?"
_UNQUOTED_POLICY = re.compile(
    f"{_ISSUE_VERB}(?:{_ISSUE_VERB})*([{CJK}“”]{{4,30}}?(?:管理办法|实施办法|暂行办法|办法|实施方案|行动方案|"
    "工作方案|方案|规划|实施意见|指导意见|意见|若干措施|若干政策|措施|实施细则|细则|条例|规定))(?=[，。；、,;）)]|$)"
)
# paired-assistance and east–west cooperation schemes, named by provincial one-character
# abbreviations: 闽宁协作, 沪滇合作 (two abbreviations + 协作/对口协作), 科技援疆 / 援藏 (援 + abbreviation)
_PROV1 = "京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼"
_AID_SCHEME = re.compile(
    f"[{_PROV1}][{_PROV1}](?:对口)?协作(?![{CJK}]?(?:区|组|办))"
    f"|(?:科技|教育|医疗|人才|产业|智力)援[藏疆青](?![{CJK}]?(?:干部|人员|队|工作队|项目))"
)


def _aid_scheme_matches(text: str) -> list[re.Match]:
    """The matches of ``_AID_SCHEME.finditer(text)``, found by trying the pattern only where a
    match can start — 2 or 4 characters before 协作, 2 before 援 — in text order (the first
    alternative opens with a 37-character class, so a plain scan tries every position)."""
    starts = [i - k for i in find_all(text, "协作") for k in (2, 4) if i >= k]
    starts += [i - 2 for i in find_all(text, "援") if i >= 2]
    return matches_at(_AID_SCHEME, text, starts)


_EVENT_VERB = re.compile("(?:利用|借助|结合|依托|通过|抓住|借力)+")
# named talent schemes: 井冈学者特聘教授计划, 天山英才计划, 青城人才工程
_TALENT = re.compile(
    "(?:学者|英才|领军人才|拔尖人才)(?:特聘教授|攀登|青年|奖励)?(?:计划|工程|支持计划|奖励计划)"
)
_TALENT_GENERIC = re.compile("青年|高层次|优秀|拔尖|领军|科技|创新|高端|海外|本土|专业|技术|学科|骨干|引进|柔性|各类|知名|专家|科学家|人才")
_PERSONISH = re.compile("书记|市长|省长|县长|区长|主任|院士|教授|校长|院长|局长|厅长|董事长|总经理|代表|同志|领导")
_ORDINAL = re.compile(f"(?:第[0-9一二三四五六七八九十百]+届|[0-9]{{4}}年?|20[0-9x]{{2}}年?)")
_NUMERIC = re.compile(r"^[0-9一二三四五六七八九十百千万+\-·n]+$")


_LIGHT = re.compile(f"[^{CJK}]|开展|推进|实施|围绕|深化|持续|启动|推出|打造|创新|入选|获批|获得|申报|引进|入围|评为|参与|参加|纳入|以|在|和|与|及|的|为|是")


def light_start(text: str, s: int, max_len: int) -> int:
    """Left boundary for programme-like names: punctuation, quotes and a few verbs only."""
    lo = max(0, s - max_len)
    start = lo
    for m in _LIGHT.finditer(text, lo, s):
        start = m.end()
    return start


# what a named scheme's quoted name is written before: its projects, funds, loans, pilots
# (“某某”项目, “某某”合作资金, “某某”贷款), or a head count of its members (“百名某某”115人)
_SCHEME_NOUN = re.compile(
    f"(?:合作|引导|专项|配套|扶持)?资金|项目(?![{CJK}]?(?:库|建设|管理|申报|经理))|贷款|试点(?![{CJK}]?(?:单位|企业|县|市|区))|[0-9]+[人名]"
)
# a run of quoted names that a designation closes: “甲”“乙”等高端人才, “甲”和“乙”等政策
_LIST_CLOSE = re.compile(
    f"等[{CJK}]{{0,6}}?(?:人才|政策|行动|工程|计划|机制|品牌|举措|措施|项目|专项|服务)(?![{CJK}]?(?:企业|单位|工作|队伍))"
)
_LIST_GAP = re.compile("[、和及与]?[“\"]([^“”\"\n，。；、]{2,12})[”\"]")
# the characters that _SCHEME_NOUN, _LIST_GAP and _LIST_CLOSE can open with
_SCHEME_CONTEXT_FIRST = frozenset("合引专配扶资项贷试0123456789" "、和及与“\"" "等")
_PROJECT_TITLE = re.compile("(?:研究|应用|技术|开发|示范|研制|攻关|选育|集成|推广)$")
_NOT_SCHEME = re.compile("奖$|^(?:卡脖子|零突破|小巨人|专精特新|链主|双碳|一带一路)$")


def _quoted_scheme(text: str, m: re.Match, inner: str) -> bool:
    """Whether the quoted ``inner`` names a scheme by what follows it (no programme cue word)."""
    # what follows rules out most quotes at once, so it is looked at before the name itself
    return _scheme_context(text, m, inner) and not (
        _RX_0.search(inner) or _NUMERIC.match(inner) or is_generic_head(inner) or _NOT_SCHEME.search(inner)
    )


def _scheme_context(text: str, m: re.Match, inner: str) -> bool:
    """Whether what follows the quote ``m`` makes it a scheme's name: a scheme noun, or the end of
    a run of quoted names closed by 等 + a programme noun."""
    if text[m.end() : m.end() + 1] not in _SCHEME_CONTEXT_FIRST:
        return False  # most quotes: none of the patterns below can match here
    if _SCHEME_NOUN.match(text, m.end()):
        # a scheme's name is short; a long quoted title before 项目 is a research project's
        return len(inner) <= 8 and not _PROJECT_TITLE.search(inner)
    # in a run of quoted names closed by 等 + a programme noun
    pos, k = m.end(), 0
    while k < 8:
        lm = _LIST_GAP.match(text, pos)
        if lm is None:
            break
        pos, k = lm.end(), k + 1
    if _LIST_CLOSE.match(text, pos) is None:
        return False
    if k == 0:
        # the last of the run: a quoted name must come right before
        b = m.start()
        if b >= 1 and text[b - 1] in "、和及与":
            b -= 1
        return b >= 1 and text[b - 1] in "”\""
    return True


class QuotedNames:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found: list[tuple[int, int, str]] = []  # (start, end, label), recorded at the end
        add = lambda s, e, label: found.append((s, e, label))  # noqa: E731
        for m in _BOOK.finditer(text):
            inner = m.group(1).strip()
            core = _PERIOD_TAIL.sub("", inner)  # …三年行动计划(2024—2026年)
            if _POLICY_END.search(core) and len(core) >= 4:
                s = m.start(1)
                add(s, m.end(1), "POLICY")
                pm = _PRINT.search(inner)
                if pm:
                    add(s + pm.start(1), s + pm.end(1), "POLICY")
        for m in _QUOTE.finditer(text):
            inner = m.group(1)
            if len(inner) < 2:
                continue
            if (
                _INNER_PROG.search(inner)
                and len(inner) >= 4
                and not _RX_4.search(inner)  # 材料科学与工程: a discipline
                and not _DISCIPLINE_AFTER.match(text, m.end())
            ):
                head = _INNER_PROG.sub("", inner)
                if len(head) >= 2 and not is_generic_head(head) and not _NUMERIC.match(head):
                    add(m.start(1), m.end(1), "PROGRAM")  # “某某特支计划”, “某某英才工程”
                    continue
            am = _AFTER_QUOTE.match(text, m.end())
            if am is None and _quoted_scheme(text, m, inner):
                add(m.start(1), m.end(1), "PROGRAM")
                continue
            if am is None and text.startswith("“", m.end()):
                # “甲”“乙”制度: a pair of quoted names sharing one cue
                m2 = _QUOTE.match(text, m.end())
                if m2 is not None:
                    am2 = _AFTER_QUOTE.match(text, m2.end())
                    if am2 is not None and not _EVENT_CUES_RE.fullmatch(am2.group(2)) and not am2.group(1):
                        add(m.start(1), m.end(1), "PROGRAM")
                continue
            if not am or (_NUMERIC.match(inner) and not am.group(1)):
                continue
            cue = am.group(2)
            label = "EVENT" if _EVENT_CUES_RE.fullmatch(cue) else "PROGRAM"
            if label == "PROGRAM" and cue in ("人才", "模式", "体系", "品牌") and am.group(1) not in ("", "科技", "创新", "服务"):
                continue  # 的…人才, …合作模式: descriptive
            if cue == "行" and am.group(1):
                continue
            if cue == "品牌" and strip_regions(doc, m.start(1), m.end(1)) > m.start(1):
                continue  # “某县翠芽”品牌: a place's product brand, not a scheme
            if cue == "年" and not am.group(1) and len(inner) < 4:
                continue
            if _RX_0.search(inner):
                continue  # a quoted list or sentence, not a name
            start = m.start()
            # a short descriptive head before the quote belongs to the full form (孵化载体“…”行动)
            add(start, am.end(), label)
            add(m.start(1), m.end(1), label)
        for m in _UNQUOTED_POLICY.finditer(text):
            name = m.group(1)
            pm = _POLICY_END.search(name)
            head = name[: pm.start()] if pm else name
            if "的" in name or "和" in name or name.startswith(("有效", "相关", "配套", "具体")):
                continue
            core = _RX_1.sub("", head)
            if len(name) >= 7 and core not in ("", "工作", "实施", "具体", "相关", "配套", "管理", "专项"):
                add(m.start(1), m.end(1), "POLICY")
        for m in _LOAN.finditer(text):
            e = m.end()
            if e < len(text) and text[e : e + 2].endswith("款"):
                continue
            s = light_start(text, e - 1, 8)
            if e - s < 3 or _NOT_LOAN.search(text[s:e]):
                continue
            add(s, e, "PROGRAM")
        # _CAMPAIGN_YEAR.finditer, tried only at a campaign word right before 年 (its words are
        # common, 年 after them is rare)
        year_starts = [q - 2 for q in find_all(text, "年") if q >= 2 and text[q - 2 : q] in _CAMPAIGN_WORD_SET]
        for m in matches_at(_CAMPAIGN_YEAR, text, year_starts):
            s = light_start(text, m.start(), 8)
            if m.start() - s >= 2:
                add(s, m.end(), "PROGRAM")
        # ends of known event names (科技活动周, 全国科普日)
        known_events: set[int] | None = None  # worked out at the first 系列活动
        for m in _EVENT_SUFFIX.finditer(text):
            s, e = m.span()
            start = left_start(doc, s, 30)
            if start >= s:
                rs = _region_before_edition(doc, text, s)
                if rs is None:
                    continue
                start = rs
            if text[start - 2 : start] == "走进" and start - 2 > 0:
                # 高校院所走进某市产学研对接活动: who goes where is part of the event's name
                st2 = left_start(doc, start - 2, 30 - (s - start))
                if start - 2 - st2 >= 2 and not _PERSONISH.search(text, st2, start - 2):
                    start = st2
            if m.group() == "系列活动":
                if known_events is None:
                    known_events = {
                        k[1] for k in doc.user_data.get("kg_cand_tuples", {}) if k[2] == "EVENT" and k[3] == "kg_gazetteer"
                    }
                if any(k in known_events for k in range(start, s - 1)):
                    continue  # 科技活动周某区系列活动: the local programme of a known event
            vm = _EVENT_VERB.match(text, start, s)
            if vm:
                start = vm.end()
            om = _ORDINAL.match(text, start, s)
            if om:
                start = om.end()
            head_start = strip_regions(doc, start, s)
            head = text[head_start:s]
            if head_start == start and (is_generic_head(head) or len(head) < 2):
                # 某市第五届创新创业大赛, 某市2024年产学研合作项目集中签约仪式: a region before the
                # edition number names the event whose own words are generic
                rs = _region_before_edition(doc, text, s)
                if rs is None:
                    continue
                start = rs
            if _RX_3.match(text[start : start + 1]):
                continue
            if _PERSONISH.search(text, start, s):
                continue  # 书记X出席签约仪式: a sentence, not an event name
            end = e
            bm = _RX_2.match(text[e : e + 8])
            if bm:
                end = e + bm.end()
            if text[end : end + 1] == "暨" and not _ORDINAL.match(text, end + 1):
                # (a second part with its own edition number or year is an event of its own)
                # A暨B: one event with a joint name
                nm = _EVENT_SUFFIX.search(text, end + 1, min(len(text), end + 40))
                if nm and not _RX_5.search(text[end : nm.start()]):
                    add(start, nm.end(), "EVENT")
                    continue
            add(start, end, "EVENT")
        for m in _FAIR_SHORT.finditer(text):
            s = m.start()
            st = left_start(doc, s, 8)
            vm = _EVENT_VERB.match(text, st, s)
            if vm:
                st = vm.end()
            if 1 <= s - st <= 2 and all("\u4e00" <= c <= "\u9fff" for c in text[st:s]):
                add(st, m.end(), "EVENT")
        for m in _TALENT.finditer(text):
            s0 = light_start(text, m.start(), 6)
            head = text[s0 : m.start()]
            if len(head) < 2 or is_generic_head(head) or _TALENT_GENERIC.search(head):
                continue
            add(s0, m.end(), "PROGRAM")
        for m in _aid_scheme_matches(text):
            add(m.start(), m.end(), "PROGRAM")
        for m in _prog_grammar_matches(text):
            s = light_start(text, m.start() + 1, 0) if False else m.start()
            add(s, m.end(), "PROGRAM")
        add_candidates(doc, found, self.name)
        return doc


@Language.factory("kg_quoted")
def make_quoted_names(nlp: Language, name: str) -> QuotedNames:
    return QuotedNames(name)
