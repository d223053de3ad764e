"""Person names by a small grammar: by-lines (作者:X, 记者 X), a title before the name (市长X,
书记X, 教授X) or after it (X教授, X院士, X院士工作站), with a surname list. The given name is one or
two characters; it stops before a verb or function character (市长X要求 …), and a given name that is a
common word (科技, 交大, 工委 …) is not a name (X科技董事长 is a company's chairman).

Names of Tibetan form (two syllables of two characters each, from a list of common name syllables)
follow titles and by-lines without any surname; by-lines and contact lines (联系人:单位 X) accept a
2–3 character name after them even where the first character is not on the surname list."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteers as gz
from kg.nlp.components._base import CJK, add_candidates, text_of

_CJK_RUN = re.compile(f"[{CJK}]+")

_TITLES_BEFORE = (
    "党委书记|党组书记|副书记|书记|副省长|省长|副市长|市长|副县长|县长|副区长|区长|副主任|主任|副局长|局长|厅长|副院长|院长|"
    "副校长|校长|所长|董事长|总经理|副总经理|总工程师|首席科学家|教授|研究员|院士|博士|记者|通讯员|作者|撰稿|编辑|负责人|主席|部长|处长|"
    "科长|站长|团长|队长|总裁|特派员|专家|导师|博导|硕导"
)
_TITLES_AFTER = (
    "院士工作站|院士专家工作站|专家工作站|院士团队|教授团队|团队|副教授|教授|院士|研究员|博士|书记|主任|局长|县长|市长|区长|"
    "先生|女士|董事长|总经理|院长|校长|所长|副院长|副校长|工程师|高级工程师|一行"
)
_BEFORE_RE = re.compile(f"(?:{_TITLES_BEFORE})[:：\\s]{{0,2}}(?=[{CJK}])")
_AFTER_RE = re.compile(f"(?:{_TITLES_AFTER})")
_BYLINE = re.compile(f"(?:作者|记者|通讯员|撰稿|编辑|责任编辑|摄影|文|图)[:：/\\s]+((?:[{CJK}]{{2,4}}[\\s、,，]*){{1,4}})")
# contact lines: 联系人:X / 联系人:某单位 X (the unit ends with a body or organisation word)
_CONTACT = re.compile(
    f"联系人[:：\\s]*(?:[{CJK}]{{2,16}}?(?:局|厅|委|办|处|科|室|中心|公司|大学|学院|院|所)[\\s]+)?([{CJK}]{{2,4}})(?![{CJK}])"
)
# Tibetan personal names: two syllables from the common name syllables (扎西, 次仁, 多吉, 卓玛 …)
_TIBETAN_SYL = (
    "扎西|次仁|次旦|多吉|多杰|旦增|丹增|平措|平措|卓玛|卓嘎|尼玛|达瓦|格桑|央金|央宗|拉姆|拉巴|德吉|德庆|洛桑|罗布|顿珠|"
    "索朗|益西|群培|普布|巴桑|边巴|白玛|曲珍|仁增|贡嘎|嘉措|加措|坚赞|强巴|桑珠|旺堆|米玛|欧珠|阿旺|土登|才旦|才让|"
    "措姆|群宗|旺姆|次珍|琼达|索南|巴珠|扎巴|顿旦|晋美|贡布|旺久|朗杰|多布|尼珍|仓决|玉珍|白珍|次央|加央|旺扎"
)
_TIBETAN = re.compile(f"(?:{_TIBETAN_SYL})(?:{_TIBETAN_SYL})?")
_TIBETAN_FIRST = frozenset(w[0] for w in _TIBETAN_SYL.split("|"))  # where _TIBETAN can match
_BYLINE_ITEM = re.compile(f"(?:{_TIBETAN_SYL})(?:{_TIBETAN_SYL})|[{CJK}]{{2,3}}")
# given names that are ordinary words: the "name" is part of an organisation or a phrase
_GIVEN_WORDS = {
    "科技", "科学", "交大", "工大", "农大", "师大", "工委", "党委", "大学", "学院", "集团", "公司", "实业", "农业",
    "工业", "电子", "生物", "医药", "药业", "技术", "产业", "创新", "发展", "研究", "工程", "中心", "政府", "新区",
    "智能", "智造", "能源", "材料", "化工", "装备", "制造", "信息", "数据", "软件", "网络", "控股", "股份", "高新",
}
# characters that do not continue a given name (verbs, function words)
_STOP = set("签正，,。；;：:（()）“”《》 \n\t和与及等在的了是说要表指介带一同到来对向为率陪出主讲参宣致也都就将已并表示在对率等均还又")
_STOP_BIGRAMS = {
    "文件", "文章", "文化", "图片", "会议", "报告", "通知", "党委", "记者", "王牌", "来源", "日期", "发布", "时间",
    "编辑", "责任", "审核", "校对", "通讯", "摄影", "单位", "阅读", "浏览", "点击",
    "强调", "高度", "高校", "高级", "高层", "高端", "高新", "高位", "宣布", "常务", "党组", "党委", "邢台", "石家", "江苏",
    "周边", "余名", "余家", "余人", "金额", "万元", "应用", "方面", "方式", "方向", "安全", "安排", "全面", "全市", "全县",
    "全省", "全国", "时间", "时期", "明确", "明显", "平台", "成功", "成果", "成为", "成立", "国家", "国际", "国内", "海外",
    "云南", "来自", "都是", "信息", "计划", "相关", "应当", "由于", "公司", "区域", "原则", "谷物", "师生", "商务", "林业",
    "田间", "史上", "项目", "管理", "智库", "毕业", "高水", "高质", "高标", "高技", "高性", "米以", "包括", "车间", "路径", "华为", "马上", "龙头", "任务", "任职", "于是", "向着", "和谐", "白银",
    "黄河", "万余", "程度", "任何", "关于", "关键", "文化", "牛羊", "孔子", "钱款", "祝贺", "乐于", "严格", "冷链",
    # 任 as the verb "serve as" before a post (市长任组长, 担任首任院长), 揭榜 (揭榜团队)
    "任组", "任首", "任副", "任主", "任院", "任所", "任校", "任理", "任总", "任执", "任董", "任常", "任秘", "任首", "揭榜",
}
_ORG_TAIL = set("院所校局会部厅司区市县省站室心组团队业化村镇乡委副")  # 副: 分管副市长 is no name
_ANON = re.compile("[xX*＊某]")


@lru_cache(maxsize=1)
def _surnames():
    return gz.surnames()


def _given_end(text: str, s: int, sn_len: int) -> int:
    """End of a name starting at s with a surname of length sn_len: up to two given characters."""
    n = len(text)
    e = s + sn_len
    for _ in range(2):
        if e < n and "\u4e00" <= text[e] <= "\u9fff" and text[e] not in _STOP:
            e += 1
        else:
            break
    return e


class PersonGrammar:
    def __init__(self, name: str) -> None:
        self.name = name

    def _ok(self, name: str) -> bool:
        single, compound = _surnames()
        if not (2 <= len(name) <= 4) or _ANON.search(name):
            return False
        if name[:2] in _STOP_BIGRAMS or name[-1] in _ORG_TAIL or name[-2:] in _GIVEN_WORDS or name[1:3] in _GIVEN_WORDS:
            return False
        if name[:2] in compound:
            return len(name) >= 3
        return name[0] in single

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        single, compound = _surnames()
        seen: set[tuple[int, int]] = set()
        found: list[tuple[int, int, str]] = []

        def add(s: int, e: int, loose: bool = False) -> None:
            name = text[s:e]
            ok = self._ok(name) or (
                (loose or _TIBETAN.fullmatch(name) is not None)
                and 2 <= len(name) <= 4
                and not _ANON.search(name)
                and name[:2] not in _STOP_BIGRAMS
                and name[-1] not in _ORG_TAIL
                and name[-2:] not in _GIVEN_WORDS
                and not any(c in _STOP for c in name)
                and text[e : e + 1] not in (":", "：")  # a field label (字体:, 来源:), not a name
            )
            if (s, e) not in seen and ok:
                seen.add((s, e))
                doc.user_data.setdefault("kg_person_ends", {})[e] = s
                found.append((s, e, "PERSON"))

        for m in _BYLINE.finditer(text):
            for pm in _BYLINE_ITEM.finditer(m.group(1)):
                add(m.start(1) + pm.start(), m.start(1) + pm.end(), loose=True)
        for m in _CONTACT.finditer(text):
            if m.end(1) - m.start(1) <= 3 or _TIBETAN.fullmatch(m.group(1)):
                add(m.start(1), m.end(1), loose=True)
        for m in _BEFORE_RE.finditer(text):
            s = m.end()
            tm = _TIBETAN.match(text, s) if text[s : s + 1] in _TIBETAN_FIRST else None
            if tm and tm.end() - s == 4:
                add(s, tm.end())
                continue
            sn = 2 if text[s : s + 2] in compound else 1
            if sn == 1 and text[s : s + 1] not in single:
                continue
            e = _given_end(text, s, sn)
            if e - s >= 2:
                add(s, e)
        for m in _AFTER_RE.finditer(text):
            e = m.start()
            cands = []
            for length in (3, 2):
                s = e - length
                if s < 0:
                    continue
                piece = text[s:e]
                # a surname first (the cheapest test), then only name characters
                if (piece[0] in single or piece[:2] in compound) and _CJK_RUN.fullmatch(piece) and _STOP.isdisjoint(piece):
                    cands.append((s, e))
            if not cands:
                continue
            s, e2 = cands[0]
            # the 3-character reading unless its first character ends a title or word (院长李博教授)
            if len(cands) == 2 and e2 - s == 3 and text[s] in "长任记授员师家人生者士理":
                s, e2 = cands[1]
            add(s, e2)
        add_candidates(doc, found, self.name)
        return doc


@Language.factory("kg_persons")
def make_person_grammar(nlp: Language, name: str) -> PersonGrammar:
    return PersonGrammar(name)
