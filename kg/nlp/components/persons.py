"""Person names by a small grammar: by-lines (作者:X, 记者 X), a title before the name (市长X,
书记X, 教授X) or after it (X教授, X院士, X院士工作站), with a surname list. The given name is one or
two characters; it stops before a verb or function character (市长X要求 …)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import gazetteers as gz
from kg.nlp.components._base import CJK, add_candidate, text_of

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
_BYLINE = re.compile(f"(?:作者|记者|通讯员|撰稿|编辑|责任编辑|摄影|文|图)[:：/\\s]+((?:[{CJK}]{{2,3}}[\\s、,，]*){{1,4}})")
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
}
_ORG_TAIL = set("院所校局会部厅司区市县省站室心组团队业化村镇乡")
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
        if name[:2] in _STOP_BIGRAMS or name[-1] in _ORG_TAIL:
            return False
        if name[:2] in compound:
            return len(name) >= 3
        return name[0] in single

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        single, compound = _surnames()
        seen: set[tuple[int, int]] = set()

        def add(s: int, e: int) -> None:
            if (s, e) not in seen and self._ok(text[s:e]):
                seen.add((s, e))
                doc.user_data.setdefault("kg_person_ends", {})[e] = s
                add_candidate(doc, s, e, "PERSON", self.name)

        for m in _BYLINE.finditer(text):
            for pm in re.finditer(f"[{CJK}]{{2,3}}", m.group(1)):
                add(m.start(1) + pm.start(), m.start(1) + pm.end())
        for m in _BEFORE_RE.finditer(text):
            s = m.end()
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
                if not re.fullmatch(f"[{CJK}]+", piece) or any(c in _STOP for c in piece):
                    continue
                if piece[0] in single or piece[:2] in compound:
                    cands.append((s, e))
            if not cands:
                continue
            s, e2 = cands[0]
            # the 3-character reading unless its first character ends a title or word (院长李博教授)
            if len(cands) == 2 and e2 - s == 3 and text[s] in "长任记授员师家人生者士理":
                s, e2 = cands[1]
            add(s, e2)
        return doc


@Language.factory("kg_persons")
def make_person_grammar(nlp: Language, name: str) -> PersonGrammar:
    return PersonGrammar(name)
