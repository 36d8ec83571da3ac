"""Prose rules for spaces between Chinese characters: a half-width space that separates two fields,
two names of a list or the characters of a spaced-out title (通 知) becomes a full-width one (BL204),
a space beside full-width punctuation goes (BL205), any other is reported for a person to decide
(BL203)."""
from __future__ import annotations

import functools
import re

from .characters import HAN, NEAR, cjk, han
from .findings import Edit

_SPACES = re.compile(r"[ \t\u3000]+")
_DIGITS = "0-9０-９"
_CN_DIGITS = "〇零一二三四五六七八九十"
# a date or time ends the text before the space: 2026年7月2日, 7月2日上午, 9时30分, 8号, 第3期
_DATE_END = re.compile(rf"(?:[{_DIGITS}]{{1,4}}[年月日号时点分期]|[{_CN_DIGITS}]{{1,4}}[年月日])"
                       r"(?:[上中下]午|凌晨|早上|晚上|[上中下]旬)?$")
_DATE_START = re.compile(rf"^[{_CN_DIGITS}]{{1,4}}[年月日]")          # …办公室 二〇二六年三月二日
# 第一章 总则 heading its line; not 根据…第十二条 规定 inside a sentence
_NUMBERED_END = re.compile(rf"^[#\s\u3000]*第[{_DIGITS}{_CN_DIGITS}百]+(?:章|节|条|款|编|部分)$")
# "label：value" fields on one line, the space before the second label: 主办：市政务服务办 承办：市大数据局
_FIELD_BEFORE = re.compile(rf"(?:^|[\s（(【\[])[{HAN}]{{1,6}}[：:][^\s：:，。；,;]+$")
_FIELD_AFTER = re.compile(rf"^[{HAN}]{{1,6}}[：:]")
_HAN_END = re.compile(f"[{HAN}]+$")
_HAN_START = re.compile(f"^[{HAN}]+")
TITLES = ("同志", "先生", "女士", "书记", "主任", "主席", "委员", "常委", "秘书长", "董事长", "理事长",
          "省长", "市长", "县长", "区长", "镇长", "乡长", "村长", "厅长", "局长", "处长", "科长", "部长",
          "司长", "署长", "院长", "校长", "所长", "站长", "队长", "馆长", "会长", "社长", "行长", "组长",
          "经理", "总监", "教授", "研究员", "工程师")
# roles as nouns only: 编辑, 审核, 摄影 are verbs as often ("请 重新编辑" is a stray space)
ROLES = ("记者", "通讯员", "责任编辑", "主编", "联系人", "主持人", "发言人", "签发人")
MARKINGS = ("内部资料", "注意保存", "秘密", "机密", "绝密", "特急", "加急")
# Name lists (出席：周明远 林晓华 郑海波): each item a personal name, a common surname and one or two
# more characters (a compound surname and up to two), a full-width space inside allowed (张　三).
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
             "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
             "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
             "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
             "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
             "臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
_COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "夏侯", "尉迟", "公孙", "长孙",
             "宇文", "司徒", "端木", "独孤", "南宫", "西门", "澹台", "呼延")
_NAME = re.compile(rf"(?:{'|'.join(_COMPOUND)})[{HAN}]{{1,2}}|[{_SURNAMES}][{HAN}]{{1,2}}")
_LIST_LABEL = re.compile(rf"[{HAN}]{{1,12}}[：:]\s*$")   # 出席：, 参加会议的有：
# A document type spaced out on a line of its own (通 知, 简 报): a title, set wide on purpose.
DOC_TYPES = ("通知", "通报", "决定", "决议", "命令", "公报", "公告", "通告", "意见", "请示", "报告", "批复",
             "议案", "纪要", "会议纪要", "简报", "方案", "计划", "总结", "办法", "规定", "细则", "目录", "名单")
_SPACED_TITLE = re.compile(rf"[#\s]*((?:[{HAN}][ \t\u3000]+)+[{HAN}])\s*")




def separates_fields(line: str, a: int, b: int) -> bool:
    """Whether the space line[a:b] (Han either side) separates two fields, so that it is meant and
    wants a full-width space, rather than being stray. The rules look a few words either way, never
    the whole line (a line of thousands of spaces is checked in one pass); 第一章 starts its line."""
    near, after = max(0, a - NEAR), line[b:b + NEAR]
    left = _HAN_END.search(line, near, a).group()
    right = _HAN_START.match(after).group()
    return bool(_DATE_END.search(line, near, a) or _NUMBERED_END.match(line, 0, a) or _DATE_START.match(after)
                or left.endswith(TITLES + ROLES + MARKINGS)      # 市长 周明远, 记者 王丽, 内部资料 注意保存
                or right.endswith(TITLES + ROLES) or right.startswith(MARKINGS)    # 周明远 副市长
                or (_FIELD_BEFORE.search(line, near, a) and _FIELD_AFTER.match(after))
                or _STANDARD_TITLE.match(after))                 # 《信息安全技术 网络安全…》（GB/T 22239—2019）


# the rest of a standard's title in 《》 with its number after it: the title's elements are separated
# by a space (GB/T 1.1), 《信息安全技术 网络安全等级保护基本要求》（GB/T 22239—2019）
_STANDARD_TITLE = re.compile(r"[^《》\n]{1,60}》\s*[（(]\s*(?:GB|DB|[A-Z]{2})[0-9]*(?:/[TZ])?\s*[0-9]")


def in_name_list(line: str, a: int, b: int) -> bool:
    """Whether the space line[a:b] separates two items of a list of personal names: the stretch of the
    line it lies in (between punctuation) is names and half-width spaces only, at least four names,
    or two after a label (出席：周明远 林晓华). Common words rarely all start with a surname (全市 安全
    管理 has three that do), so four unlabelled names, or a label, keep stray spaces reported."""
    start = max(line.rfind(p, max(0, a - NEAR), a) for p in "：:，,。；;、（(") + 1
    if not start and a > NEAR:
        return False           # no mark in the 40 characters before: no list of names is that long
    ends = [i for i in (line.find(p, b, b + NEAR) for p in "，,。；;、）)") if i >= 0]
    if not ends and len(line) > b + NEAR:
        return False
    items = re.split(r"[ \t]+", line[start:min(ends, default=len(line))].strip(" \t\u3000"))
    if not all(_NAME.fullmatch(item.replace("\u3000", "")) for item in items):
        return False
    return len(items) >= 4 or (len(items) >= 2 and bool(_LIST_LABEL.search(line[:start])))


def spaced_title(line: str) -> bool:
    """Whether the whole line is a document type with spaces between its characters (通 知)."""
    m = _SPACED_TITLE.fullmatch(line)
    return bool(m) and re.sub(r"[ \t\u3000]", "", m.group(1)) in DOC_TYPES


def _context(line: str, a: int, b: int) -> str:
    """The words either side of the space run line[a:b], for the message."""
    left = re.search(r"[^\s，。；：、（）【】“”]{1,10}$", line[max(0, a - 10):a])
    right = re.match(r"[^\s，。；：、（）【】“”]{1,6}", line[b:b + 6])
    return (left.group() if left else line[a - 1]) + line[a:b] + (right.group() if right else line[b])


# a time of day before a space that sets the next field apart: 上午9:30 市行政中心 (the time a field
# of its own: after a date, 上午, a label or nothing; not 会议于9:30 开始, a sentence). Between a
# date and its time (2026年7月2日 9:30) a half-width space is the date's own, and stays.
_TIME_END = re.compile(r"(?:^|(?<=[日号午上】\s\u3000]))\d{1,2}:\d{2}$")


def _time_field(line: str, a: int, b: int) -> bool:
    """A half-width space between a time of day and the Chinese text of the next field."""
    return bool(han(line[b:b + 1]) and _TIME_END.search(line, max(0, a - 8), a))


def space_edits(line: str, mask: list[bool]) -> list[Edit]:
    """Runs of spaces between two Chinese characters (Han or full-width punctuation)."""
    edits: list[Edit] = []
    title_line = functools.cache(lambda: spaced_title(line))      # asked once a line, not once a space
    for m in _SPACES.finditer(line):
        a, b = m.start(), m.end()
        if a == 0 or b >= len(line) or any(mask[a - 1:b + 1]):
            continue
        if "\u3000" not in m.group() and _time_field(line, a, b):
            edits.append(Edit(a + 1, m.group(), "\u3000", "BL204", _context(line, a, b)))
            continue
        if not (cjk(line[a - 1]) and cjk(line[b])):
            continue
        run, wide, note = m.group(), m.group().count("\u3000"), _context(line, a, b)
        if wide == len(run):
            continue                                              # full-width spaces: always meant
        if wide:
            edits.append(Edit(a + 1, run, "\u3000" * wide, "BL204", note))
        elif not (han(line[a - 1]) and han(line[b])):
            edits.append(Edit(a + 1, run, "", "BL205", note))
        elif separates_fields(line, a, b) or in_name_list(line, a, b) or title_line():
            edits.append(Edit(a + 1, run, "\u3000", "BL204", note))
        else:
            edits.append(Edit(a + 1, run, run, "BL203", note))
    return edits
