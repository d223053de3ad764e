"""Indicator observations from report text: numbers with units, what they measure, where and when.

``extract_indicators(text, subject_region, year)`` returns observations in the format of
``../shared/INDICATORS.md`` (indicator, qualifier, value, unit, region, year, kind, text) plus the
``start``/``end`` character offsets of ``text`` in the report.

How it works (all rules are general; nothing is specific to one report):

1. One precompiled regex finds every Arabic number followed by a unit (家, 项, 亿元, %, 场(次) …)
   over the whole text. Numbers touching a placeholder (1xx, 20xx, *), ordinals (第3家), rates
   (万元/户), dates and counts of plan items (27项重点任务) are dropped, as are page boilerplate
   lines and numbers about the whole country/province in a lower-level report.
2. Each number is read inside its clause (text between ，；。： and brackets). The indicator label
   is the noun phrase before the number (``高新技术企业达到41家``) with scope words (全年, 全县,
   2024年以来), leading verbs (新增, 累计, 入库 → ``qualifier``) and trailing predicates (达到,
   突破, 超过) stripped; when nothing is left, or the number is governed by a verb or
   preposition (``选派73名科技专家``, ``对6家企业``), the noun after the unit is taken instead.
3. Pattern families with their own rules: 占…比重/的 X% (share), 同比增长/较上年增长/增速/增幅 X%
   (growth rate: indicator ``<subject>增长率``), 从/由 A … 调增至/发展到/增加到 B (two values of one
   indicator), lists with 分别 (zipped) and 各 (shared value), ``(其中国家级1个、省级7个)`` (level
   breakdowns inherit the head noun), 倍 (multiples).
4. Region: the subject region of the report (or of the section, for compilations of several
   articles); a masked region (xx市) gives null. Year: a year stated in the clause (由2018年的107家),
   else the last scope-setting year before it (2024年以来, …), else the report year; masked years
   (20xx) give null. Kind: ``target`` for goals (力争, 预期, 目标, 确保, 不低于, 调增至, 年内 in plans,
   plan documents and 预期指标 sections), else ``actual``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator

from kg.indicators.rxedge import head_match, tail_chars, tail_filtered

# --------------------------------------------------------------------------------------------
# Lexical building blocks
# --------------------------------------------------------------------------------------------

# precompiled patterns of the literal re.<fn>(...) calls below (one compile, no re cache lookups)
_RX_0 = re.compile(r"^(?:关于|推进|推动|加快|深入|全面|我们|在|对|了|的|和|与|做好|开展)+")
_RX_1 = re.compile(r"[a-z]+")
_RX_2 = re.compile(r"(?:由|从)(?!事|而|于|此|中)(?=[^由从]*$)")
_RX_3 = re.compile(r"(?:全县|全市|全区|全省|全州|全旗|我县|我市|我区|我省|我州)$")
_RX_4 = re.compile(r"以上|左右|多|余")
_RX_4_FIRST = frozenset("以左多余")
_RX_5 = re.compile(r"((?:19|20)\d{2})\s?年")
_RX_6 = re.compile(r"(.+?)(?:增长率|增长倍数|占.*(?:比重|比例|占比)|占比)$")
_RX_7 = re.compile(r"占比|比重")
_RX_8 = re.compile(r"(?:同比|比上年|较上年)$")
_RX_9 = re.compile(r"等$|等[^、，,]{0,12}$")
_RX_10 = re.compile(r"[A-Z]+")
_RX_11 = re.compile(r"20[xX]{2}|[12][0-9][xX]{2}\s?年")
_RX_13 = re.compile(r"[、和及与,，\s]*")
_RX_14 = re.compile(r"(分别|各)(?:为|达到?|达|是|有|新增|增长|增加|完成|超过|突破)?$")
_RX_15 = re.compile(r"调增|调整")
_RX_16 = re.compile(r"^[^，,。；;]{0,15}调增至")
_RX_17 = re.compile(r"不低于|不少于")
_RX_18 = re.compile(r"到|至")
_RX_19 = re.compile(r"(?:的)?(?:比重|比例)$")
_RX_20 = re.compile(r"(?:占比|比重)(?:为|达到?|超过|超)?$")
_RX_21 = re.compile(r"是|为|相当于|达到|达")
_RX_22 = re.compile(r"等(?:级|奖)")
_RX_23 = re.compile(r"培训|班|讲座|论坛|沙龙")
_RX_24 = re.compile(r"[xX*＊×]")
_RX_25 = re.compile(r"[由从]")
_RX_26 = re.compile(r"力争|目标|预期")
_RX_27 = re.compile(r"全省")
_RX_28 = re.compile(r"[和及与]")
_RX_29 = re.compile(r"[、和及与]")


_CJK = "\u4e00-\u9fff"
_FWD_START_OK = re.compile(rf"[{_CJK}“\"A-Za-z]")
# Units, longest first. ``场(次)`` and friends are written with either bracket width.
_UNITS = [
    "万余元", "亿余元", "万亿元", "亿元", "万元", "千元", "元", "亿",
    "万人次", "万人", "人次", "人[(（]项[)）]", "人", "名", "位",
    "家次", "家", "个百分点", "个", "项次", "项", "件", "所", "座", "条", "批",
    "场[(（]次[)）]", "场次", "场", "次", "份", "支", "款", "套", "笔", "届", "户", "篇", "期", "台套",
    "倍", "%", "％", "万平方米", "平方米", "万亩", "亩",
]
_UNIT_RE = "|".join(_UNITS)
_NUMBER_RE = re.compile(
    # (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?) not preceded by [0-9A-Za-z.．*＊×_\-/] (not
    # inside a code, a placeholder (1xx, *), a date range or a rate), written so that the pattern
    # starts with \d (the regex engine then skips ahead to digits instead of trying every position):
    # the look-behind is taken after the first digit, over that digit and the character before it.
    r"(?P<num>\d(?<![0-9A-Za-z.．*＊×_\-/]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))"
    r"(?![0-9A-Za-z*＊])"
    r"\s?(?P<approx>余|多)?"
    rf"(?P<unit>{_UNIT_RE})"
)
# what may follow the unit without turning the number into something else
_AFTER_UNIT_BAD = re.compile(r"^(?:/|／|每|[月日号时]|工作日|小时|周岁|岁)")
_AFTER_UNIT_BAD_MATCH = head_match(_AFTER_UNIT_BAD)  # (rejects by the first character)
# counts of plan items, honours and the like (27项重点任务, 16个方面, 20余项荣誉)
_PLAN_ITEM = re.compile(r"^(?:具体|主要|重点|专项|大)?(?:任务|方面|政策包|荣誉|环节|原则|领域的?改革)")

_CLAUSE_DELIMS = "，,。；;：:！？!?\n（()）【】[]"
_SENT_DELIMS = "。；;！？!?\n"
_DELIM_SET = frozenset(_CLAUSE_DELIMS)

_BOILERPLATE = re.compile(
    r"下载|VIP|vip|版权|侵权|付费|上传|扫一扫|电话|浏览次数|点击|字体[:：]|来源[:：]|发布时间|责任编辑|"
    r"当前位置|打印本页|关闭窗口|文档|网站"
)

_YEAR_TOKEN = re.compile(
    r"(?P<y>(?:19|20)\d{2}|20[xX]{2}|[12][0-9xX][xX]{2}|[xX]{4})\s?年"
    r"|[“\"]?十(?P<plan>[一二三四五六七八九])五[”\"]?(?P<planpos>末|时期|期间|初|以来)?"
)
_PLAN_YEAR = {"一": 2010 - 45, "二": 1970, "三": 1975, "四": 1980, "五": 1985, "六": 1990,
              "七": 1995, "八": 2000, "九": 2005}
# 十X五 = the five-year plan; X=一 is 十一五 (2006-2010), 十二五 (2011-15), …; its last year is
# 2010 + 5*(n-1). The table above is not used for 十一五..十五五 (handled arithmetically below).
_PLAN_N = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# A year that sets the time scope of what follows: at a sentence/clause start, or after 截至/到.
_SCOPE_YEAR = re.compile(
    rf"(?:^|(?<=[{re.escape(_CLAUSE_DELIMS)}\s]))(?:截至|截止到?|到|至|在|于|从)?"
    r"(?P<y>(?:19|20)\d{2}|20[xX]{2}|[12][0-9xX][xX]{2})\s?年"
    r"(?!\d)(?:度)?(?:以来|底|末|初|上半年|下半年|前三季度|全年|内|是|,|，|、|1|[^\d月]|$)",
    re.M,
)

_TARGET_CUE = re.compile(
    r"力争|预期|目标|确保|计划(?=到|在|于|年内|今年|明年|新增|完成|实现|达到)|拟|争创|调增|不低于|不少于|努力实现|预计到|到(?:19|20)\d{2}年(?:底|末)?|"
    r"年内|奋斗|规划期"
)
_ESTIMATE = re.compile(r"预估|预计(?!到)")
_PLAN_DOC = re.compile(r"要点|计划|规划|打算|安排|思路|预期指标|主要目标|目标任务|工作目标")
_REPORT_DOC = re.compile(r"总结|综述|工作报告|成效|亮点|回顾|情况|成绩")
# a heading line of a plan section, without the line start (^ in MULTILINE mode)
_PLAN_HEADING_LINE = (
    r"[ \t　]*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d+[、.．])?\s*"
    r"(?:预期指标|主要目标|发展目标|工作目标|目标任务|下一步|下步|(?:明年|来年|(?:19|20)\d{2}年)(?:度)?(?:工作|重点工作)?"
    r"(?:打算|计划|安排|思路|要点|重点)|工作(?:打算|计划|安排|思路))"
)
_PLAN_HEADING = re.compile(r"(?m)^" + _PLAN_HEADING_LINE)
# the same after a newline: the engine skips ahead to the literal \n instead of trying ^ everywhere
_PLAN_HEADING_NL = re.compile("\n" + _PLAN_HEADING_LINE)


def _plan_headings(text: str) -> list[int]:
    """Start offsets of the matches of _PLAN_HEADING.finditer(text): at offset 0, then after each
    newline. (A match ends with a heading word, never with a newline, so consuming the newline
    before a line does not change which later lines can match.)"""
    first = _PLAN_HEADING.match(text)
    heads = [0] if first else []
    heads += [m.start() + 1 for m in _PLAN_HEADING_NL.finditer(text, first.end() if first else 0)]
    return heads

# Scope words and time phrases stripped from the start of a label.
_LEAD_SCOPE = re.compile(
    r"^(?:力争|确保|努力|预期|计划|目标是|其中|同时|此外|另外|目前|当前|现有|现|截至目前|截止目前|截至|截止到?|到|于|在|是|共有|共|总共|还|已经|已|并且|并|且|均|"
    r"全年|年内|全年度|今年以来|今年|去年|上年|当年|本年度|近年来|近年|近几年|近[一二三四五六七八九十两\d]+年|"
    r"[一二三四五六七八九十两\d]+年来|这[一二三四五六七八九十两\d]+年|过去[一二三四五六七八九十两\d]+年|"
    r"全县|全市|全区|全省|全州|全旗|全盟|全镇|全乡|我县|我市|我区|我省|我州|我旗|本县|本市|本区|该县|该市|区州两级|"
    r"(?:(?:19|20)\d{2}|20[xX]{2}|[12][0-9xX][xX]{2})\s?年(?:度)?(?:以来|底|末|初|上半年|下半年|前三季度|全年|内|的)?|"
    r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间|末|初|以来)?的?|"
    r"\d{1,2}月(?:份|底|末|初)?(?:以来)?|[上下]半年|前三季度|一季度|"
    r"和|及|与|以及|、|等|为|由(?!于)|从(?!事)|对|向|给|经过|通过|含|包括|其|的)"
)
# Leading verbs: kept as the qualifier.
_LEAD_VERB = re.compile(
    r"^(?:新增|新建|新认定|新申报|新培育|新引进|新获批|新获|新入库|新登记|新签订|新组建|新评定|新备案|"
    r"累计|累计完成|累计达到|入库评价|评价入库|入库|认定和创建|认定|登记|申报立项|评审立项|"
    r"组织实施|申报|立项|实施|完成|签订|签约|达成|组建|轮换选派|选派|选聘|引进|引育|争取|攻克|转化|"
    r"推荐申报|推荐|荣获|获得|获批|获|承办|举办|召开|开展|组织|支持|建成|建立了|建立|建设|培育建设|"
    r"培育|发放|论证储备|储备|集聚|备案|审核推荐|布局建设|梳理|带动|吸引|帮助|推动|促成|兑现|拨付|"
    r"下达|投入|选育|示范推广应用|示范推广|推广应用|推广|解决|参加|参与|入驻|引入|对接|打造|创建|"
    r"新|优选|遴选|评选|评审|验收|挂牌|聘请|聘任|设立|成立|认证|注册|服务|培训|落实|享受(?=[^的]{0,3}政策))了?"
)
_TRAIL = re.compile(
    r"(?:分别|各|共计|合计|总计|累计达到|累计完成|累计|首次突破|突破了|突破|超过了|超过|超|逾|近|约|"
    r"达到了|达到|预估达到|预计达到|预估|预计|已达|已达到|已有|共有|增至|增加到|增长到|增加至|增长至|"
    r"发展到|发展至|提高到|提高至|提升到|提升至|上升到|上升至|调增至|保持在|稳定在|达|为|是|有|到|至|"
    r"的|了|完成|实现|新增|增加|增长|减少|下降|登记|总计|合计|以上|左右|余|多|共|计|约为|"
    r"稳步增长|持续增长|大幅增长|不断加大|不断提升|每年|年均|"
    r"(?:(?:19|20)\d{2}|20[xX]{2}|[12][0-9xX][xX]{2})\s?年(?:底|末|初)?|"
    r"全县|全市|全区|全省|全州|全旗|全盟|我县|我市|我区|我省|我州)$"
)
_TRAIL_QUAL = {"每年": "每年", "年均": "年均", "新增": "新增", "累计": "累计", "累计达到": "累计", "累计完成": "累计", "登记": "登记",
               "完成": "完成", "预估": "预估", "预估达到": "预估", "预计": "预计", "预计达到": "预计"}
# A verb inside the segment after which the measured thing is named (…企业提供科技贷款10亿元).
_MID_VERB = re.compile(
    r"(?:提供|给予|获得|签署|签订|达成|开展|实现|引进|带动|吸引|争取|申报|认定|备案|转化|建成|组建|"
    r"培育|选派|实施|投资|发放|兑现|拨付|举办|组织)(?=[^、]{2,})"
)
_GROWTH = re.compile(
    r"(?P<q>(?:同比|比上年|较上年|比去年|较去年|比上一年|较上一年|年均|平均|比(?:19|20)\d{2}年|"
    r"较(?:19|20)\d{2}年|比20[xX]{2}年|较20[xX]{2}年|较“?十[一二三四五六七八九]五”?(?:时期|期间|末)?)?"
    r"(?:增长率?为?|增速为?|增幅为?|增长了|增加了|提高了?|提升了?|上升了?|下降了?|减少了?|"
    r"分别增长|分别增加|分别提高|增|长))(?:达到?|达|为|超过|超|近)?$"
)
_DIFF = re.compile(
    r"^(?:同比|比上年|较上年|比去年|较去年|比上一年|较上一年|比(?:19|20)\d{2}年|较(?:19|20)\d{2}年|"
    r"比20[xX]{2}年|较20[xX]{2}年|较“?十[一二三四五六七八九]五”?(?:时期|期间|末)?)"
    r"(?:增加|增长|减少|多|少|新增)?"
)
_SHARE = re.compile(r"(?P<pre>.*?)占(?P<of>[^，,。；;]*?)(?:的)?(?:比重|比例|比)?(?:为|达到?|达|超过|超)?$")
_FROM_TO = re.compile(
    r"(?:增长到|增加到|增长至|增加至|发展到|发展至|提高到|提高至|提升到|提升至|上升到|上升至|调增至|调增到|"
    r"调整为|调整至|增至|达到|扩大到|扩大至|变为|到|至)"
)
_LEVELS = re.compile(r"^(?:国家级|省级|市级|县级|区级|州级|自治区级|部级|省部级)(?:以上|以下)?(?:的)?$")
_LEVEL_PREFIX = re.compile(r"^(?:国家级|省级|市级|县级|区级|州级|自治区级|省市级|省部级|中省|国家|省市)(?:以上|及以上)?(?:的)?")
_HEAD_NOUN = re.compile(
    r"^.{0,18}?(?:企业|机构|平台|中心|基地|园区|实验室|孵化器|众创空间|专利|成果|项目|人才|人员|专家|"
    r"特派员|支出|投入|经费|收入|产值|金额|总额|成交额|交易额|规模|数量|总数|资金|贷款|强度|比重|"
    r"占比|指数|面积|合同|协议|团队|工作站|载体|科技园|园|站|额|率)"
)
_GENERIC = {"数量", "总数", "总量", "规模", "占比", "比重", "比例", "总额", "金额", "数", "总计", "合计"}
_FWD_STOP = re.compile(
    r"和|与|及|、|等|进行|开展|入库|落户|获得|获|为|提供|参与|签署|投资|实现|在|共|通过|完成|达到|来了|了|"
    r"进入|建立|成为|被|将|已|参加|并|从|向|对|落地|入驻|签约|承担|主持|申报|开展|的|是|于|以"
)
_FWD_BAD_START = re.compile(r"^(?:以上|左右|以内|以下|次|的)")
# Backward segments that end like this govern the noun after the number (支持4家…, 对6家…).
_GOVERNS = re.compile(
    r"(?:对|为|向|给予|给|与|同|帮助|推动|推动超|支持|带动|吸引|组织|选派|优选|遴选|建立了|建立|组建|"
    r"引进|培育|新建|实施|惠及|覆盖|服务|集聚|聚集|吸纳|入驻|签约|举办|承办|召开|开展|评选|认定了?|"
    r"发放|资助|奖励|表彰|超|近|约|逾|共|了|的)$"
)
_NATIONAL = re.compile(r"全国|全省|全区(?=[^域])|全疆|全自治区")
_NAMED_LIST = re.compile(rf"(?:[{_CJK}“”\"]{{1,6}}、)+[{_CJK}“”\"]{{1,6}}$")
_REGION_SUFFIX = "省|市|县|区|州|旗|盟|自治州|自治县|自治区"
_MASKED_REGION = re.compile(r"(?:[xX]{1,3}|[*＊]+|某|×+|ｘ+)(?:省|市|县|区|州|旗|盟)")


@dataclass(slots=True)
class _Section:
    start: int
    end: int
    region: str | None
    region_level: int | None  # 1 province, 2 prefecture, 3 county
    masked_year: bool
    plan: bool


# --------------------------------------------------------------------------------------------
# Region names (optional gazetteer)
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[str, int]]:
    """surface form → (full name, level) from the bundled regions.tsv, if present.

    Full names (current and historic) and the short forms of current provinces and prefectures
    (镇江, 甘肃); county short forms collide with ordinary words too often to be used.
    """
    names: dict[str, tuple[str, int]] = {}
    try:
        from kg.resources import gazetteer_dir

        path = gazetteer_dir() / "regions.tsv"
        if not path.is_file():
            return names
        shorts: dict[str, tuple[str, int]] = {}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4 or not cols[3].isdigit():
                    continue
                full, short, level = cols[1], cols[2], int(cols[3])
                if len(full) < 2 or _REGION_STOP.search(full):
                    continue
                names.setdefault(full, (full, level))
                current = len(cols) < 6 or cols[5] == "current"
                if current and len(short) >= 2 and level <= 2 and not _REGION_STOP.search(short):
                    shorts.setdefault(short, (full, level))
        for short, val in shorts.items():
            names.setdefault(short, val)
    except (OSError, ImportError):
        return {}
    return names


@lru_cache(maxsize=1)
def _gazetteer_matcher() -> Any:
    """Aho–Corasick over every region form (leftmost-longest): ~50× faster than one big regex."""
    import ahocorasick_rs

    names = _gazetteer()
    if not names:
        return None
    return ahocorasick_rs.AhoCorasick(list(names), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


_LEVEL_OF_SUFFIX = {"省": 1, "自治区": 1, "市": 2, "州": 2, "自治州": 2, "盟": 2, "县": 3, "区": 3, "旗": 3,
                    "自治县": 3}
_TITLE_REGION = re.compile(
    rf"(?:^|[\s—\-－:：，,（(“\"》]|(?<=\d年)|(?<=年度))(?P<r>[{_CJK}]{{2,6}}?(?:{_REGION_SUFFIX}))"
    r"(?=(?:\d{4}年|20[xX]{2}年)?(?:度)?(?:上半年|全年)?(?:科技|科学技术|创新|工作|人民政府|政府|"
    r"“|\"|高新|扎实|深入|全力|持续|加快|大力|推进|坚持|聚焦|以|的))"
)
_TITLE_MASKED = re.compile(
    r"(?:^|[\s—\-－:：，,])(?:[xX]{1,3}|[*＊]+|某|×+)(?P<s>省|市|县|区|州|旗|盟)"
    r"(?=(?:\d{4}年)?[^，,。]{0,20}(?:综述|工作|创新|科技))"
)
_REGION_STOP = re.compile(
    r"全|我|本|该|各|新区|高新|开发|园|示范|创新型|国家|省级|市级|县级|城区|社区|地区|辖区|片区|"
    r"景区|校区|矿区|库区|牧区|山区|农区|林区|灾区|老区|特区|试验区|功能区|集聚区|先行区|引领区|"
    r"产业|科技|工作|企业|城市|县域|市域|区域|州级|自治区级"
)
_BODY_REGION = re.compile(
    rf"(?:^|(?<=[了在和与、，,。的对到将是为赴于由及\s“\"（(]))(?P<r>[{_CJK}]{{2,3}}(?:市|县|州|旗|盟))"
    rf"(?![{_CJK}]{{0,1}}(?:级|域|委|长|民|场|区|镇|乡|直))"
)


def _clean_region(name: str) -> str | None:
    if not name or _REGION_STOP.search(name):
        return None
    return name


def detect_subject_region(text: str, head_chars: int = 600) -> tuple[str | None, int | None, bool]:
    """The subject region of a report (or of one article of a compilation).

    Returns (name, level, masked): the region named in the title lines; a masked one (xx市)
    gives (None, level, True). Falls back to the most frequent region name in the body when the
    gazetteer is available, else to suffixed names (X县, X市) after a particle.
    """
    head = text[:head_chars]
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:8]
    for ln in lines:
        if len(ln) > 80:
            continue
        m = _TITLE_MASKED.search(ln)
        t = _TITLE_REGION.search(ln)
        if m and (not t or m.start() < t.start()):
            return None, _LEVEL_OF_SUFFIX.get(m.group("s"), None), True
        if t:
            name = _clean_region(_trim_region(t.group("r")))
            if name:
                return name, _level_of(name), False
    # body fallback: the most frequent full region name (高台县), else a short prefecture or
    # province name (镇江) that recurs; masked names in the body (《xx市…办法》) do not count.
    counts: dict[str, dict[str, int]] = {}  # full name → surface form → count
    matcher = _gazetteer_matcher()
    if matcher is not None:
        gaz = _gazetteer()
        for form in matcher.find_matches_as_strings(text):
            full = gaz[form][0]
            forms = counts.setdefault(full, {})
            forms[form] = forms.get(form, 0) + 1
    else:
        for m in _BODY_REGION.finditer(text):
            name = _clean_region(m.group("r"))
            if name:
                forms = counts.setdefault(name, {})
                forms[name] = forms.get(name, 0) + 1
    ok = [(sum(f.values()), f.get(full, 0), full, f) for full, f in counts.items()
          if f.get(full, 0) >= 1 or sum(f.values()) >= 3]
    if ok:
        _total, _n_full, full, forms = max(ok, key=lambda t: (t[0], t[1], -len(t[2])))
        written = max(forms.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        return written, _level_of(written), False
    return None, None, False


_SUFFIX_CHARS = ("省", "市", "县", "区", "州", "旗", "盟")
_SUFFIXES_LONGEST_FIRST = sorted(_LEVEL_OF_SUFFIX, key=len, reverse=True)


def _trim_region(name: str) -> str:
    # drop a leading verb/particle run that the non-greedy match may include (…在高台县)
    gaz = _gazetteer()
    if gaz:
        for i in range(len(name) - 1):
            if name[i:] in gaz:
                return name[i:]
    return _RX_0.sub("", name)


def _level_of(name: str) -> int | None:
    gaz = _gazetteer()
    if name in gaz:
        return gaz[name][1]
    for suf in _SUFFIXES_LONGEST_FIRST:
        if name.endswith(suf):
            return _LEVEL_OF_SUFFIX[suf]
    return None


def detect_year(text: str, head_chars: int = 400) -> int | None:
    """The report's year: the first four-digit year in the title lines (2025年…综述)."""
    head = text[:head_chars]
    for ln in head.splitlines():
        ln = ln.strip()
        if not ln or len(ln) > 80 or _BOILERPLATE.search(ln):
            continue
        m = _RX_5.search(ln)
        if m:
            return int(m.group(1))
    return None


# --------------------------------------------------------------------------------------------
# Sections (compilations of several articles) and scope
# --------------------------------------------------------------------------------------------

_SECTION_BREAK = re.compile(
    r"^[^\n。，,]{0,30}(?:篇[一二三四五六七八九十\d]+|第[一二三四五六七八九十\d]+篇)\s*$", re.M
)


def _section_breaks(text: str) -> list[int]:
    """Start offsets of the matches of _SECTION_BREAK.finditer(text).

    A match starts at a line start and holds 篇 on that line (篇一, 第二篇), so the pattern is
    tried only at the starts of lines with a 篇, in order, skipping those inside the previous
    match (finditer would try it at every position of the text)."""
    out: list[int] = []
    end = 0  # end of the previous match: matches do not overlap
    i = text.find("篇")
    while i != -1:
        line_s = text.rfind("\n", 0, i) + 1
        if line_s >= end:
            m = _SECTION_BREAK.match(text, line_s)
            if m:
                out.append(line_s)
                end = m.end()
        line_e = text.find("\n", i)
        if line_e == -1:
            break
        i = text.find("篇", line_e)
    return out


def _sections(text: str, subject_region: str | None, year: int | None) -> list[_Section]:
    # a break line holds 篇 (篇一, 第二篇); most texts have none
    breaks = _section_breaks(text)
    bounds = [0] + [b for b in breaks if b > 0] + [len(text)]
    title_lines = _first_lines(text[:400])
    plan_doc = bool(_PLAN_DOC.search(title_lines)) and not _REPORT_DOC.search(title_lines)
    out = []
    multi = len(breaks) >= 2
    for a, b in zip(bounds, bounds[1:]):
        if b <= a:
            continue
        chunk = text[a:b]
        masked_year = ("x" in chunk or "X" in chunk) and bool(_RX_11.search(chunk))  # 20xx: an x first
        if multi:
            name, level, masked = detect_subject_region(chunk)
            if not name and not masked:
                name, level = subject_region, _level_of(subject_region) if subject_region else None
            sec_plan = bool(_PLAN_DOC.search(_first_lines(chunk[:300]))) and not _REPORT_DOC.search(
                _first_lines(chunk[:300])
            )
        else:
            if subject_region:
                name, level = subject_region, _level_of(subject_region)
            else:
                name, level, _masked = detect_subject_region(chunk)
            sec_plan = plan_doc
        out.append(_Section(a, b, name, level, masked_year, sec_plan))
    if not out:
        out.append(_Section(0, len(text), subject_region, None, False, False))
    return out


def _first_lines(s: str, n: int = 6) -> str:
    lines = [ln for ln in s.splitlines() if ln.strip() and len(ln.strip()) <= 80][:n]
    return "\n".join(lines)


def _year_value(m: re.Match[str]) -> tuple[bool, int | None]:
    """(is_year, value) for a _YEAR_TOKEN match; value None when masked."""
    if m.group("y"):
        y = m.group("y")
        return True, int(y) if y.isdigit() else None
    n = _PLAN_N[m.group("plan")]
    pos = m.group("planpos") or "末"
    last = 2010 + 5 * (n - 1) if n >= 1 else None  # 十一五 ends 2010, 十二五 2015, …
    if pos == "末":
        return True, last
    return False, None  # a whole plan period: not one year


# --------------------------------------------------------------------------------------------
# The extractor
# --------------------------------------------------------------------------------------------


def _num_value(s: str) -> int | float:
    if s.isdigit() and len(s) <= 15:  # a plain integer, exact as a float too: the usual case
        return int(s)
    v = float(s.replace(",", ""))
    return int(v) if v.is_integer() else v


@lru_cache(maxsize=None)  # keyed on the few unit strings
def _norm_unit(unit: str) -> str:
    u = unit.replace("（", "(").replace("）", ")").replace("％", "%")
    return {"万余元": "万元", "亿余元": "亿元"}.get(u, u)


def _tail_search(pattern: re.Pattern):
    """``pattern.search`` for a pattern whose every match ends at ``$`` and is at most W characters
    long: a match can only start in the last W + 1 characters (``$`` may also match before a final
    newline), so the search starts there (same leftmost match; long strings are not rescanned)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        width = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
    except Exception:  # another Python: plain search
        return pattern.search
    if width > 1000:
        return pattern.search
    search, reach = pattern.search, width + 1
    # most strings end with a character no match can end with: one set lookup rejects them
    last = tail_chars(pattern)
    if last is None:

        def tail_search(s: str):
            n = len(s)
            return search(s, n - reach) if n > reach else search(s)

        return tail_search

    def tail_search_filtered(s: str):
        if not s or (s[-1] not in last and s[-1] != "\n"):
            return None
        n = len(s)
        return search(s, n - reach) if n > reach else search(s)

    return tail_search_filtered


# end-anchored patterns of bounded width (checked: every alternative ends in $)
_TRAIL_SEARCH = _tail_search(_TRAIL)
_GROWTH_SEARCH = _tail_search(_GROWTH)
_GOVERNS_SEARCH = _tail_search(_GOVERNS)
_EACH_SEARCH = _tail_search(_RX_14)
_ETC_SEARCH = _tail_search(_RX_9)
_BASE_MATCH = tail_filtered(_RX_6, _RX_6.match)
# start-anchored patterns tried on most labels: rejected by their first character when possible
_LEAD_SCOPE_MATCH = head_match(_LEAD_SCOPE)
_LEAD_VERB_MATCH = head_match(_LEAD_VERB)
_DIFF_MATCH = head_match(_DIFF)
_LEVELS_MATCH = head_match(_LEVELS)


def _strip_label(seg: str) -> tuple[str, list[str]]:
    """Strip scope words, leading verbs (returned as qualifiers) and trailing predicates."""
    quals: list[str] = []
    s = seg.strip(" \t“”\"'")
    for _ in range(12):
        before = s
        m = _TRAIL_SEARCH(s)
        if m and m.start() > 0 or (m and m.group(0) == s):
            q = _TRAIL_QUAL.get(m.group(0))
            if q:
                quals.append(q)
            s = s[: m.start()]
        s = s.strip(" ，,")
        if s == before:
            break
    for _ in range(12):
        before = s
        m = _LEAD_SCOPE_MATCH(s)
        if m and m.end() > 0 and (len(s) - m.end() >= 2 or len(s) == m.end()):
            s = s[m.end():]
        m = _LEAD_VERB_MATCH(s)
        if m and m.end() > 0 and len(s) - m.end() >= 2:
            v = m.group(0)
            quals.insert(0, "新增" if v.startswith("新") else v)
            s = s[m.end():]
        s = s.strip(" ，,")
        if s == before:
            break
    if s.startswith("有效期内"):
        quals.insert(0, "有效期内")
        s = s[4:].lstrip("的")
    return s, quals


def _upper_ascii(s: str) -> str:
    if s.upper() == s:  # no lower-case letter at all (most labels): nothing to do
        return s
    return _RX_1.sub(lambda m: m.group(0).upper(), s)


@lru_cache(maxsize=4096)
def _topic(clause_text: str) -> str:
    """The head noun phrase at the start of a clause (科技投入稳步增长 → 科技投入)."""
    s, _ = _strip_label(clause_text)
    m = _HEAD_NOUN.match(s)
    return m.group(0) if m else ""


# a run of characters that are neither clause delimiters nor decimal digits (\d)
_FWD_RUN = re.compile(rf"[^{re.escape(_CLAUSE_DELIMS)}\d]*")
_FWD_BAD_START_MATCH = head_match(_FWD_BAD_START)


def _forward_noun(text: str, pos: int, limit: int) -> tuple[str, int]:
    """The noun phrase right after a unit (…73名科技专家入库 → 科技专家), and where it ends."""
    i = pos
    if text.startswith("的", i):
        i += 1
    # up to 20 characters, stopping at a delimiter or a digit (str.isdigit: also ² or ①, which
    # \d does not match and are looked for separately)
    run = _FWD_RUN.match(text, i, min(limit, i + 20))
    cand = run.group() if run else ""
    if not cand:
        return "", pos
    if any(map(str.isdigit, cand)):
        cand = cand[: next(k for k, ch in enumerate(cand) if ch.isdigit())]
    if not cand or _FWD_BAD_START_MATCH(cand):
        return "", pos
    m = _FWD_STOP.search(cand, 2)
    if m:
        cand = cand[: m.start()]
    cand = cand.strip("“”\"")
    if len(cand) == 1 and (i + 1 >= len(text) or text[i + 1] in _DELIM_SET or text[i + 1] in "、和及"):
        return cand, i + 1
    if len(cand) < 2 or not _FWD_START_OK.match(cand):
        return "", pos
    return cand, i + len(cand)


# A _SCOPE_YEAR match holds a year (its last character a digit or x) then \s?年, at most 8
# characters after the match start (prefix ≤ 3, year 4, space 1): _scope_year_matches tries the
# pattern only at the few starts 4..8 characters before such a 年, in text order, which gives the
# matches of _SCOPE_YEAR.finditer(text) without running the pattern at every position.


def _is_year_end(ch: str) -> bool:
    r"""``[\dxX]`` (\d: any decimal digit, as in a str pattern)."""
    return ch in "xX" or ch.isdecimal()


def _year_anchors(text: str) -> Iterator[int]:
    r"""Offsets of the 年 of every ``[\dxX]\s?年`` in ``text``, in order. (str.find hops from 年
    to 年; the regex would test its character class at every position of the text.)"""
    find = text.find
    a = find("年", 1)
    while a != -1:
        ch = text[a - 1]
        if _is_year_end(ch) or (a >= 2 and ch.isspace() and _is_year_end(text[a - 2])):
            yield a
        a = find("年", a + 1)


def _scope_year_matches(text: str) -> list[re.Match]:
    out: list[re.Match] = []
    match = _SCOPE_YEAR.match
    lo = 0  # end of the previous match: matches do not overlap
    for a in _year_anchors(text):
        for q in range(max(lo, a - 8), a - 3):
            m = match(text, q)
            if m is not None:
                out.append(m)
                lo = m.end()
                break
    return out


def extract_indicators(
    text: str,
    subject_region: str | None = None,
    year: int | None = None,
) -> list[dict[str, Any]]:
    """Indicator observations of one report (see the module docstring and INDICATORS.md)."""
    if not text:
        return []
    if year is None:
        year = detect_year(text)
    sections = _sections(text, subject_region, year)
    sec_starts = [s.start for s in sections]
    scope_years = [(m.start("y"), m.group("y")) for m in _scope_year_matches(text)]
    scope_pos = [p for p, _ in scope_years]
    plan_heads = _plan_headings(text)
    # sentence bounds, found from one number to the next (numbers come in text order)
    prev_ns = prev_ss = 0  # the previous number's start and sentence start
    se = -1  # the previous number's sentence end
    line_e = -1  # end of the line of the previous number (numbers come in text order)
    line_bad = False  # whether that line is page boilerplate

    out: list[dict[str, Any]] = []
    # state kept per sentence
    cur_sent = (-1, -1)
    last_label = ""
    last_base = ""
    last_end = -1  # end of the previous observation's number/forward noun in this sentence
    last_obs_clause = -1
    last_unit_kind = ""
    pending: list[tuple[str, list[str]]] = []  # 分别/各 labels waiting for numbers
    pending_mode = ""
    pending_clause = -1

    for m in _NUMBER_RE.finditer(text):
        ns, ne = m.span()  # (the match starts with the number)
        num_s, unit = m.group("num", "unit")
        unit = _norm_unit(unit)
        after = text[ne: ne + 12]
        # sentence and clause bounds: ss after the last sentence delimiter before the number (the
        # last one since the previous number's start, else that number's ss), se at the first one
        # after the unit (the previous number's se unless the unit reaches beyond it)
        last_delim = _LAST_SENT_END.match(text, prev_ns, ns)
        ss = last_delim.end() if last_delim else prev_ss
        prev_ns, prev_ss = ns, ss
        if se < ne:
            next_delim = _SENT_END_RE.search(text, ne)
            se = next_delim.start() if next_delim else len(text)
        if (ss, se) != cur_sent:
            cur_sent = (ss, se)
            last_label = last_base = ""
            last_end = -1
            pending = []
        if ns >= line_e:  # a new line: is it boilerplate? (looked at once per line)
            line_s = text.rfind("\n", 0, ns) + 1
            line_e = text.find("\n", ns)
            if line_e == -1:
                line_e = len(text)
            line_bad = _BOILERPLATE.search(text, line_s, line_e) is not None

        # ---- things that are not observations ----
        if line_bad:
            continue
        cs = _clause_start(text, ss, ns)
        before2 = text[max(0, ns - 2): ns]
        if before2[-1:] in ("第", "前", "后", "近第", "排") or before2 in ("排名", "位列", "居第"):
            continue
        if _AFTER_UNIT_BAD_MATCH(after):
            continue
        if unit in ("个", "项", "条", "大") and _PLAN_ITEM.match(after):
            continue
        if unit == "个" and after.startswith("百分点"):
            continue
        if unit in ("期",) and not _RX_23.search(text[cs:ne + 6]):
            continue
        if unit in ("位",) and text[max(0, ns - 3): ns].endswith(("第", "排")):
            continue

        sec = sections[bisect.bisect_right(sec_starts, ns) - 1] if len(sections) > 1 else sections[0]
        clause_pre = text[cs:ns]
        seg_start = max(cs, last_end) if last_end > cs else cs
        seg = text[seg_start:ns]
        # drop a list separator left over from the previous observation
        seg = seg.lstrip("、和及与以并,，")

        # numbers about the whole country / province in a lower-level report
        if "全" in clause_pre and _NATIONAL.search(clause_pre) and not (sec.region_level == 1):
            if not (sec.region_level is None and sec.region is None and _RX_27.search(clause_pre) and _masked_level(sec) == 1):
                continue
        # named lists counted (富平、蒲城、韩城4个省级高新区): all members named, no 等
        fwd, fwd_end = _forward_noun(text, ne, se)
        if "、" in seg and _NAMED_LIST.search(seg) and fwd and not seg.endswith("等"):
            last_end = fwd_end
            continue

        value = _num_value(num_s)
        quals: list[str] = []
        label = ""
        kind_from_to = False

        # ---- 分别 / 各 lists ----
        each_items: list[tuple[str, list[str]]] = []
        from_fwd = False
        used_pending = False
        if pending and pending_clause == cs and pending_mode == "分别" and _RX_13.fullmatch(text[last_end:ns] if last_end >= 0 else "x"):
            label, quals = pending.pop(0)
            used_pending = True
        if not used_pending:
            pending = []
            lm = _EACH_SEARCH(seg)
            if lm and ("、" in seg[: lm.start()] or _RX_28.search(seg[: lm.start()])):
                head = seg[: lm.start()]
                head_clean, shared = _strip_label(head)
                items = [x for x in _RX_29.split(head_clean) if x.strip()]
                if len(items) >= 2:
                    items_q = []
                    for it in items:
                        lab, q = _strip_label(it)
                        items_q.append((lab or it, shared + q))
                    if lm.group(1) == "各":
                        each_items = items_q[:-1]
                        label, quals = items_q[-1]
                    else:
                        label, quals = items_q[0]
                        pending = items_q[1:]
                        pending_mode = "分别"
                        pending_clause = cs

        # ---- ordinary labels ----
        if not label:
            label, quals = _label_for(seg, clause_pre, text, ss, cs, ns, unit, last_label, last_base, fwd)
            if label is None:  # the segment says the label is the forward noun
                if _RX_24.match(fwd):  # a masked proper name: one named thing
                    last_end = fwd_end
                    continue
                label, quals = fwd, _strip_label(seg)[1]
                last_end_candidate = fwd_end
                from_fwd = True
            else:
                last_end_candidate = ne
            # 17项、328万元: a second measure of the thing just counted
            if (not label and last_label and last_obs_clause == cs and not seg.strip("、和及与,， ")
                    and _unit_kind(unit) != last_unit_kind):
                label = last_label
        else:
            last_end_candidate = ne
        # from … to …: the second value inherits the label of the first
        if not label and last_label and (_FROM_TO.search(seg) or _RX_25.search(text, cs, ns)):
            label = last_base or last_label
        # both patterns hold 调 (调增, 调整): most clauses have none
        if text.find("调", cs, ne + 20) != -1 and (
            _RX_15.search(text, cs, ns) or _RX_16.search(text[ne:ne + 20])
        ):
            kind_from_to = True
        # level-only labels inherit the head noun (…园区21个(其中国家级1个、省级7个))
        if label and _LEVELS_MATCH(label) and last_base and not from_fwd:
            label = label.rstrip("的") + _LEVEL_PREFIX.sub("", last_base)
        # generic labels (数量, 规模) take the sentence subject
        if label in _GENERIC and last_base and not label.startswith(last_base):
            label = last_base + label
        if not label:
            last_end = ne
            continue
        label = _upper_ascii(label.strip("“”\"' ：:"))
        if (len(label) < 2 and not from_fwd) or label.isdigit() or "公司" in label:
            last_end = ne
            continue

        # ---- region, year, kind ----
        region = sec.region
        yr = _clause_year(text, cs, ns)
        if yr is _NO_YEAR:
            k = bisect.bisect_right(scope_pos, ns) - 1
            yr = _NO_YEAR
            while k >= 0 and scope_pos[k] >= sec.start:
                y = scope_years[k][1]
                yr = int(y) if y.isdigit() else None
                break
            if yr is _NO_YEAR:
                yr = None if sec.masked_year else year
        # (searches within text[a:b] as search(text, a, b): no pattern here looks behind or uses ^)
        kind = "actual"
        if kind_from_to or _TARGET_CUE.search(text, ss, ns) or _RX_17.search(text, cs, ns):
            kind = "target"
        elif sec.plan or _plan_head_before(plan_heads, sec.start, ns):
            kind = "target"
        if _ESTIMATE.search(text, cs, min(se, ne + 12)) and not _RX_26.search(text, ss, ns):
            kind = "actual"
        if yr is not None and year is not None and yr > year and _RX_18.search(text, max(ss, ns - 30), ns):
            kind = "target"

        # span: from the start of the label (or qualifier/segment) to the end of the unit
        span_s, span_e = _span(text, seg_start, ns, ne, label, quals, last_end_candidate, fwd_end, m)
        qual = "、".join(dict.fromkeys(q for q in quals if q)) if quals else ""
        obs = {
            "indicator": label,
            "qualifier": qual,
            "value": value,
            "unit": unit,
            "region": region,
            "year": yr,
            "kind": kind,
            "text": text[span_s:span_e],
            "start": span_s,
            "end": span_e,
        }
        if not qual:
            del obs["qualifier"]  # (the other keys keep their order)
        # 各: the other items of the list share this value
        for lab, q in each_items:
            extra = dict(obs)
            extra["indicator"] = _upper_ascii(lab)
            if q:
                extra["qualifier"] = "、".join(dict.fromkeys(q))
            else:
                extra.pop("qualifier", None)
            extra["indicator"] = _upper_ascii(lab)
            out.append(extra)
        out.append(obs)
        last_label = label
        last_obs_clause = cs
        last_unit_kind = _unit_kind(unit)
        bm = _BASE_MATCH(label)
        if bm:
            last_base = bm.group(1)
        else:
            last_base = label
        last_end = max(last_end_candidate, ne)
    return out


_SENT_END_RE = re.compile("[" + re.escape(_SENT_DELIMS) + "]")
# everything up to the last sentence delimiter (greedy .* backs off from the end, in C)
_LAST_SENT_END = re.compile(".*[" + re.escape(_SENT_DELIMS) + "]", re.S)


def _plan_head_before(heads: list[int], lo: int, hi: int) -> bool:
    k = bisect.bisect_left(heads, lo)
    return k < len(heads) and heads[k] < hi


_CLAUSE_STOP_RE = re.compile(r"[)）(（，,。；;：:！？!?\n【】\[\]]")  # the characters _clause_start looks at
# everything up to the last of those characters (greedy .* backs off from the end, in C)
_LAST_CLAUSE_STOP = re.compile(r".*[)）(（，,。；;：:！？!?\n【】\[\]]", re.S)


def _clause_start(text: str, ss: int, ns: int) -> int:
    """Start of the clause holding the number: after the last ，；：。 or an unclosed bracket;
    a closed bracket pair stays inside the clause (在孵企业(团队)达到600家).
    (Walks back over the brackets and delimiters of text[ss:ns] only, found by one regex scan.)"""
    last = _LAST_CLAUSE_STOP.match(text, ss, ns)
    if last is None:
        return ss
    if text[last.end() - 1] not in ")）":  # the usual case: no closed bracket to step over
        return last.end()
    depth = 0
    for m in reversed(list(_CLAUSE_STOP_RE.finditer(text, ss, ns))):
        ch = m.group()
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return m.start() + 1
            depth -= 1
        elif depth == 0:
            return m.start() + 1
    return ss


@lru_cache(maxsize=None)  # keyed on the few unit strings
def _unit_kind(unit: str) -> str:
    if unit.endswith("元") or unit == "亿":
        return "money"
    if unit in ("%", "个百分点"):
        return "share"
    if unit.endswith(("平方米", "亩")):
        return "area"
    return "count"


class _NoYear:
    pass


_NO_YEAR: Any = _NoYear()


def _masked_level(sec: _Section) -> int | None:
    return sec.region_level


def _clause_year(text: str, cs: int, ns: int) -> Any:
    """A year stated inside the clause before the number (由2018年的107家, “十二五”末的28家)."""
    best: Any = _NO_YEAR
    # every _YEAR_TOKEN match holds 年 or 五 (十二五); most clauses have neither
    if text.find("年", cs, ns) == -1 and text.find("五", cs, ns) == -1:
        return best
    for m in _YEAR_TOKEN.finditer(text, cs, ns):
        is_year, val = _year_value(m)
        if not is_year:
            continue
        tail = text[m.end(): ns]
        # a year that dates the number: directly before it or linked by 的/底/末/年末
        if len(tail) <= 12:
            best = val
    return best


def _label_for(seg, clause_pre, text, ss, cs, ns, unit, last_label, last_base, fwd):
    """(label, qualifiers) for the number at ``ns``; label None = use the forward noun."""
    raw = seg.strip()

    def base() -> str:
        # the sentence subject; only some patterns need it, so it is found on demand
        return last_base or _topic(text[ss:cs])

    # share: 占一般公共预算支出的1.05%, 占gdp比重为0.89%
    if unit in ("%", "个百分点") and "占" in raw:
        sm = _SHARE.match(raw)
        if sm:
            pre, _q = _strip_label(sm.group("pre"))
            if not pre:
                pre = base()
            of = sm.group("of").strip()
            of = _RX_19.sub("", of)
            if of:
                return f"{pre}占{of}比重", []
            return f"{pre}占比", []
    if unit in ("%",) and _RX_7.search(raw):
        lab, q = _strip_label(_RX_20.sub("", raw))
        b = lab or _topic(text[ss:cs]) or last_base
        return (b + "占比") if b else "占比", q
    # growth rate: 同比增长8.3%, 较上年增长10%, 增速7.38%, 增幅为41%
    gm = _GROWTH_SEARCH(raw) if unit in ("%", "个百分点", "倍") else None
    if gm:
        subj, q = _strip_label(raw[: gm.start()])
        subj = _RX_8.sub("", subj)
        if not subj:
            subj = base()
        if not subj:
            return "", []
        qual = gm.group("q") or ""
        qual = (qual + "增长") if qual and not qual.endswith(("增长", "增", "长")) else qual
        return subj + ("增长倍数" if unit == "倍" else "增长率"), [qual] if qual else []
    # difference: 比20xx年增加8236.5万元
    dm = _DIFF_MATCH(raw)
    if dm and len(raw) - dm.end() <= 2:
        b = base()
        if b:
            return b, [dm.group(0)]
    # multiples: 是以往年度的3倍
    if unit == "倍":
        lab = _RX_21.split(raw)[0]
        lab, q = _strip_label(lab)
        return lab or base(), q
    # from … : 从750家 / 由“十二五”末的28家
    fm = _RX_2.search(raw) if "由" in raw or "从" in raw else None
    if fm:
        lab, q = _strip_label(raw[: fm.start()])
        if not lab:
            lab = _topic_before_paren(text, ss, cs) or last_base or _topic(text[ss:cs])
        return lab, q
    # examples then a count of the noun that follows (甲、乙等4家科技型企业落户)
    if fwd and _ETC_SEARCH(raw) and not _RX_22.search(raw):
        return None, []
    lab, q = _strip_label(raw)
    # …企业提供科技贷款 → 科技贷款 (qualifier 提供)
    mv = None
    for mv in _MID_VERB.finditer(lab):
        pass
    if mv is not None and mv.start() > 0:
        rest, q2 = _strip_label(lab[mv.end():])
        if len(rest) >= 2 and not _LEAD_SCOPE.match(rest):
            q = q + [mv.group(0)] + q2
            lab = rest
    # the last item of an unqualified 、 list is the measured thing (精准化、个性化组团服务)
    if "、" in lab and "等" not in lab:
        parts = lab.split("、")
        if len(parts[-1]) >= 2:
            lab = parts[-1]
    # a generic measure named before the thing (总规模1亿元的…基金)
    if fwd and lab.lstrip("总") in _GENERIC and text[ns:ns + 40].find("的") != -1:
        return fwd + lab.lstrip("总"), q
    if fwd and (not lab or _GOVERNS_SEARCH(_RX_3.sub("", raw))):
        return None, q
    if not lab:  # nothing but predicates and time words: the subject is the previous one
        return (last_base if raw else ""), q
    return lab, q


def _topic_before_paren(text: str, ss: int, cs: int) -> str:
    """For (由…的28家): the subject before the opening bracket."""
    j = cs - 1
    if j >= ss and text[j] in "（(":
        k = max(text.rfind(d, ss, j) for d in "，,；;：:") + 1
        return _topic(text[max(k, ss): j])
    return ""


def _span(text, seg_start, ns, ne, label, quals, last_end_candidate, fwd_end, m):
    """Shortest verbatim span holding the label (or its qualifier) and the number."""
    end = ne
    # keep a trailing 以上/左右 and a forward noun
    if text[ne:ne + 1] in _RX_4_FIRST:  # (one of 以左多余: else _RX_4 cannot match)
        tail = _RX_4.match(text, ne, ne + 2)
        if tail:
            end = tail.end()
    if last_end_candidate > end:
        end = last_end_candidate
    start = ns
    lo = max(0, seg_start)
    window = text[lo:ns]
    core = label[:4]
    idx = window.find(core) if core else -1
    forward = last_end_candidate == fwd_end and fwd_end > ne
    if idx == -1 and core and not forward and core.lower() not in window:
        # the label is not in the segment: look for it earlier in the sentence
        ss = max(text.rfind(d, max(0, lo - 300), lo) for d in _SENT_DELIMS) + 1
        j = text.rfind(core, ss, lo)
        if j == -1:
            j = text.rfind(core.lower(), ss, lo)
        if j != -1:
            lo, window = j, text[j:ns]
            idx = window.find(core)
    if idx == -1:
        # (a core without upper-case letters is its own lower-cased form)
        plain = _RX_10.sub(lambda x: x.group(0).lower(), core) if core.lower() != core else core
        idx = window.find(plain)
    if idx != -1:
        start = lo + idx
        for q in quals:
            j = window.find(q)
            if j != -1 and lo + j < start:
                start = lo + j
    else:
        start = lo
    while start < ns and text[start] in "、，,；; ":
        start += 1
    return start, end


def extract_many(texts: Iterable[tuple[str, str | None, int | None]]) -> list[list[dict[str, Any]]]:
    return [extract_indicators(t, r, y) for t, r, y in texts]
