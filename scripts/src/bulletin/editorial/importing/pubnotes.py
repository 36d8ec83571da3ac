"""A web page's publishing notes: 发布时间：2023-05-18　来源：市政府办公室　作者：…

News sites and government sites print such a line under the title of whatever they publish, notices
and bulletins as much as news. A news report takes its date and source from it (news.py); for the other
kinds it is web furniture, set aside before their structure is read (a line between a notice's title
and its 文号 would end the title block and hide the 文号 and 主送), its date kept as the issue's date
only when the document prints none of its own.
"""
from __future__ import annotations

import re

from .clean import COUNTER_LABELS, DATED, furniture
from .dates import find_date
from .model import Block, Parsed

_LABELS = ("发布时间|发布日期|更新时间|更新日期|会议时间|日期|时间|来源|信息来源|文章来源|稿件来源|稿源|发布单位|发布机构|"
           "作者|地点|会议地点")
_COUNTER_LABELS = f"{COUNTER_LABELS}|浏览|点击|阅读"
# A value ends at a space or at the next label: the space between two notes is often lost on the way
# (2023-05-18来源：…), and a page tool or the editors' credits may follow without one (…办公室字号：
# [大 中 小], …办公室编辑：王某, the two lines of a WeChat article's foot read as one).
_NEXT = rf"(?:{_LABELS}|{_COUNTER_LABELS}|字号|字体|责任编辑|编辑|审核|审校|校对|摄影|记者|通讯员)[】\]]?\s*[:：]"
# (a label in 【】 needs no colon: 【发布单位】青禾市人民政府办公室　【发布日期】2023-08-02)
# (a note in brackets, 【作者：办公室 李慧】, takes its closing bracket with it)
META = re.compile(rf"(?<![（(])(?P<open>[【\[])?(?P<what>{_LABELS})(?:[】\]]\s*[:：]?|\s*[:：])\s*"
                  rf"(?P<value>(?:(?!{_NEXT})[^\s\u3000）)】【\[])+(?:\s\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)"
                  r"(?(open)[】\]]?)")
_SOURCE_LABELS = ("来源", "信息来源", "文章来源", "稿件来源", "稿源", "发布单位", "发布机构")
# Labels only a publisher writes. A notice's own 时间：/地点： lines (of the meeting it calls) are text.
_PUBLISHER = {"发布时间", "发布日期", "更新时间", "更新日期", "来源", "信息来源", "文章来源", "稿件来源", "稿源",
              "发布单位", "发布机构", "作者"}
_DATE_LABELS = ("发布时间", "发布日期", "更新时间", "更新日期", "会议时间", "日期", "时间")
# Many sites print the date bare, a source or a counter after it: 2025-05-19 09:30　来源：市农业农村局
_BARE_DATE = re.compile(rf"^(?P<value>{DATED.pattern})[\s\u3000]*"
                        # (or the publisher's name without a label, then a counter: 青禾市农业农村局　阅读263次)
                        r"(?P<by>[\u4e00-\u9fff]{2,20}?(局|办|委|院|中心|政府|办公室|公室|网|报|台)[\s\u3000]*(?=[【\[]?(阅读|浏览|点击)))?"
                        rf"(?=[【\[]?({'|'.join(_SOURCE_LABELS)}|作者|{_COUNTER_LABELS})([】\]]|\s*[:：]|\s*\d))")


def starts_notes(text: str) -> bool:
    """Does the line start with a note only a publisher writes (发布日期：…, 来源：…)?"""
    m = META.match(text)
    return m is not None and m["what"] in _PUBLISHER or _BARE_DATE.match(text) is not None


def read(text: str, parsed: Parsed) -> bool:
    """A line of publishing notes: its values taken into ``parsed`` (date, source, place; an author
    goes to the sidecar), the line consumed. False, and nothing taken, for any other line."""
    bare = _BARE_DATE.match(text) if len(text) <= 80 else None
    if bare:
        parsed.fields.setdefault("date", find_date(bare["value"])[0])
        parsed.consumed.append(bare["value"])
        if bare["by"]:
            parsed.fields.setdefault("source", bare["by"].strip())
        text = text[bare.end():]
    found = list(META.finditer(text))
    if not found and bare:        # 2025-05-19 09:30　浏览次数：2318
        _rest(text, parsed)
        return True
    if not found or found[0].start() > 0 or len(text) > 80:
        return False
    for m in found:
        what, value = m["what"], m["value"].strip()
        if value.count("（") > value.count("）") and text[m.end():m.end() + 1] == "）":
            value += "）"         # 市行政中心1号会议室（设各区县分会场）: a bracket of its own, closed
        if what in _DATE_LABELS and find_date(value):
            parsed.fields.setdefault("date", find_date(value)[0])
            parsed.consumed.append(value)          # 2025年10月9日: its 年月日 are in the date field
        elif what in _SOURCE_LABELS:
            parsed.fields.setdefault("source", value)
        elif what in ("地点", "会议地点"):
            parsed.fields.setdefault("place", value)
        elif what == "作者":
            parsed.unplaced.append(m.group())
    parsed.consumed.append(re.sub(r"[^\u4e00-\u9fff]", "", "".join(m["what"] for m in found)))
    rest = META.sub("", text).strip()
    dated = DATED.search(rest)          # a date without its label among the notes: 来源：…　作者：…　2024-11-20
    day = find_date(dated.group()) if dated else None
    if day:
        parsed.fields.setdefault("date", day[0])
        parsed.consumed.append(dated.group())
        rest = (rest[:dated.start()] + rest[dated.end():]).strip()
    _rest(rest, parsed)
    return True


def _rest(rest: str, parsed: Parsed) -> None:
    """What a notes line holds besides its notes: a page tool (【字体：大 中 小】 beside 来源：…) is
    removed, anything else goes to the sidecar."""
    if rest and re.search("[\u4e00-\u9fff]", rest):
        why = furniture(rest)
        if why:
            parsed.removed.append((why, rest))
        else:
            parsed.unplaced.append(rest)


def _publishers(text: str) -> bool:
    """Publishing notes by their labels: a publisher's label first (发布时间：, 来源：), or two labels
    on one line (日期：… 来源：…)."""
    if _BARE_DATE.match(text):
        return len(text) <= 80
    found = list(META.finditer(text))
    return bool(found) and found[0].start() == 0 and len(text) <= 80 and (
        found[0]["what"] in _PUBLISHER or len(found) >= 2)


def set_aside(blocks: list[Block]) -> tuple[list[Block], Parsed]:
    """The blocks without the publishing notes of a notice, plan or bulletin page, and what those
    notes said (for :func:`apply`, once the kind's structure has been read)."""
    notes = Parsed()
    kept = [b for b in blocks if b.is_table or not _publishers(b.text) or not read(b.text, notes)]
    return kept, notes


def apply(notes: Parsed, parsed: Parsed) -> None:
    """What a non-report page's publishing notes add to its document: the date it was published when
    the document prints no date; the rest is listed as removed (a notice has no source or place)."""
    date = notes.fields.pop("date", None)
    if date and "date" in parsed.todo:
        parsed.fields["date"] = date
        del parsed.todo["date"]
        parsed.notes.append(f"date taken from the web page's publishing notes (发布时间): {date}; "
                            "the document prints no date of its own")
    elif date:
        parsed.removed.append(("the web page's publishing notes (date)", str(date)))
    for name, value in notes.fields.items():
        parsed.removed.append((f"the web page's publishing notes ({name})", value))
    parsed.consumed += notes.consumed
    parsed.removed += notes.removed
    parsed.unplaced += notes.unplaced
