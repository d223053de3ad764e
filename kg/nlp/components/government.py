"""Government and party bodies: a body name (科技局, 发展改革委, 人民政府, 办公厅 …) after a chain of
region names (重庆市九龙坡区人民政府) or after a relative prefix (省科技厅, 市委, 县政府, 自治区科技厅),
and a few bodies that stand alone (教育厅, 科技厅). Generic groups are not bodies: 各级政府,
地方政府, 市县政府, 科技部门. National bodies (国务院, 科技部 …) come from the gazetteer."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteers as gz
from kg.nlp.components._base import CJK, add_candidates, automaton, region_end_index, text_of

_RELATIVE = (
    "经济技术开发区", "高新技术产业开发区", "开发区", "高新区", "经开区", "农高区", "新区", "园区",
    "自治区", "自治州", "省", "市", "县", "区", "州", "旗", "盟", "镇", "乡",
)
# the longest relative prefix that ends at a position (the first in _RELATIVE order: a longer
# prefix comes before every shorter one that ends it), as the leftmost match ending there
_RELATIVE_END = re.compile("(?:" + "|".join(map(re.escape, _RELATIVE)) + r")\Z")
_RELATIVE_LONGEST = max(map(len, _RELATIVE))
# composite department names: 经济科技和信息化局, 经济和科技促进局, 生态环境分局, 科学技术委员会
_DEPT_WORDS = (
    "科学技术|科技创新|工业和信息化|经济和信息化|科技|经济|信息化|工业|创新|促进|发展|改革|商务|生态环境|自然资源|规划|"
    "教育|体育|文化|旅游|广电|农业农村|农业|农村|人力资源|社会保障|市场监督管理|市场监管|大数据|数据|卫生健康|财政|金融|"
    "投资|招商|营商环境|行政审批|政务服务|应急管理|统计|水务|水利|林业|草原|住房|城乡建设|交通运输|知识产权|民政|司法|"
    "审计|医疗保障|乡村振兴|城市管理|综合执法|国有资产|监督管理|人才|合作交流|外事|能源|粮食|海洋|渔业|畜牧|兽医|气象"
)
_DEPT_END = re.compile(f"(?<=[区市县州旗省盟])(?:(?:{_DEPT_WORDS})[和与及]?){{1,5}}(?<![和与及])(?:分局|局|委员会|办公室)$")
_DEPT_NOT_AFTER = re.compile(f"[{CJK}]?(?:长|员|门)")
_DEPT_TERMINAL = re.compile("局|委员会|办公室")
_GENERIC_BEFORE = re.compile("(?:各|全|本|该|地方|基层|有关|相关|上级|省市|市县|县区|省市县|市区|乡镇|各级|两级|三级|等)$")
# bodies that may stand without any prefix when they follow a boundary
_BARE_OK = re.compile("(?:厅|局|委)$")
_BARE_LEFT = set("、，,。；;：:（(“《 \n\t和与及由向在经")
_FOLLOW_BAD = set("门员会")


@lru_cache(maxsize=1)
def _body_ac():
    bodies = sorted(set(gz.gov_bodies()) | {"委"})
    return automaton(bodies), bodies


class GovernmentGrammar:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        n = len(text)
        ends = region_end_index(doc)
        last_end = -1
        ac, bodies = _body_ac()
        hits = [(s, e, bodies[bi]) for bi, s, e in ac.find_matches_as_indexes(text)]
        extra = []
        for tm in _DEPT_TERMINAL.finditer(text):
            dm = _DEPT_END.search(text, max(0, tm.start() - 24), tm.end())
            if dm is not None and not _DEPT_NOT_AFTER.match(text, dm.end()):
                extra.append((dm.start(), dm.end(), dm.group()))
        if extra:
            hits = sorted(hits + extra, key=lambda h: (h[0], -h[1]))
        zone_ends = doc.user_data.get("kg_zone_ends", {})
        stop = gz.region_stop()
        town_ends: dict[int, int] | None = None
        found: list[tuple[int, int, str]] = []
        for s, e, body in hits:
            if e < n and text[e] in _FOLLOW_BAD and body in ("委", "科协", "政协"):
                continue
            pos = s
            while pos in ends:
                rs = ends[pos]
                if pos - rs == 2 and text[rs] in "和与及":
                    break  # 县政府和县委: 和县 is not the region here
                if text[rs:pos] in stop:
                    break  # 新区, 会同 …: common words; a zone word or relative prefix may follow
                pos = rs
            has_region = pos < s
            if not has_region and pos in zone_ends:
                pos = zone_ends[pos]  # a named zone's committee or bureau (某某农高区党工委)
                has_region = True
            if not has_region and s > 2 and text[s - 1] in "镇乡":
                # a town found by the region linker (某县甲乙镇人民政府): the town and its county
                if town_ends is None:
                    town_ends = {
                        k[1]: k[0]
                        for k in doc.user_data.get("kg_cand_tuples", {})
                        if k[2] == "REGION" and text[k[1] - 1] in "镇乡"
                    }
                if s in town_ends:
                    pos = town_ends[s]
                    while pos in ends and text[ends[pos] : pos] not in stop:
                        pos = ends[pos]
                    has_region = True
            rm = None if has_region else _RELATIVE_END.search(text, max(0, s - _RELATIVE_LONGEST), s)
            if rm is not None:
                pos = rm.start()
                # a short region form before the relative level: 某某州委, 某某市政府
                if (
                    s - pos == 1
                    and pos in ends
                    and text[ends[pos] : pos] not in gz.region_stop()  # 会同省…: 会同 is a verb here
                    and not (pos - ends[pos] == 2 and text[ends[pos]] in "和与及")
                ):
                    while pos in ends:
                        pos = ends[pos]
                    has_region = True
            if pos < s and _GENERIC_BEFORE.search(text[max(0, pos - 3) : pos]):
                continue
            if not has_region and pos < s and pos > 0 and text[pos - 1] in "省市县区州乡镇":
                continue  # 市县政府, 省市科技部门: several levels at once
            if pos == s:
                # no prefix: only some bodies, and only after a boundary
                if body == "委" or body.endswith("政府") or not _BARE_OK.search(body) or len(body) < 3:
                    continue
                if s > 0 and text[s - 1] not in _BARE_LEFT and "\u4e00" <= text[s - 1] <= "\u9fff":
                    continue
            if body == "委" and not has_region and pos == s:
                continue
            # party committee: 委 directly after a prefix, not 委员/委会
            if body == "委" and e < n and text[e] in "员会托屈婉":
                continue
            # a department after a body: 省委办公厅 and 省政府办公厅 are matched as one body
            if pos < last_end:
                continue
            found.append((pos, e, "GOVERNMENT"))
            last_end = e
        add_candidates(doc, found, self.name)
        return doc


@Language.factory("kg_government")
def make_government_grammar(nlp: Language, name: str) -> GovernmentGrammar:
    return GovernmentGrammar(name)
