"""Structure of a meeting report or news item: title (one to three lines), date, place, source,
and the text with its subheadings."""
from __future__ import annotations

import re

from . import pubnotes
from .common import BULLET, PARTICULAR, ended, heading, paragraph, short_line
from .context import Context
from .dates import find_date, only_date
from .model import Block, Parsed

PLACE = re.compile(r"在(?P<place>[\u4e00-\u9fff\d号楼层]{2,20}?(会议室|会议中心|礼堂|大礼堂|大厅|会堂|会场|宾馆|酒店|"
                   r"报告厅|多功能厅|广场|现场|馆|中心|基地))(召开|举行|举办)")
SOURCE_TAIL = re.compile(r"^[（(](来源|供稿|稿件来源|信息来源)[:：](?P<source>[^）)]+)[）)]$")
EDITOR = re.compile(r"^[（(【\[]?(责任编辑|编辑|审核|校对|撰稿|摄影|通讯员|记者)[:：]")


def structure(blocks: list[Block], ctx: Context) -> Parsed:
    parsed = Parsed()
    blocks = _masthead(blocks, ctx, parsed)
    above = _page_above(blocks)
    for block in blocks[:above]:
        parsed.unplaced.append(block.text)
        parsed.notes.append(f"line {block.no}: '{block.text}' stands above the title; kept in the sidecar")
    blocks = blocks[above:]
    i = _title(blocks, parsed)
    rest = []
    for b in blocks[i:]:
        if not b.is_table and pubnotes.read(b.text, parsed):
            continue
        rest.append(b)
    if rest and not rest[0].is_table and only_date(rest[0].text) and "date" not in parsed.fields:
        parsed.fields["date"] = only_date(rest[0].text)
        parsed.consumed.append(rest[0].text)
        rest = rest[1:]
    elif rest and not rest[0].is_table and _date_and_place(rest[0].text, parsed):
        rest = rest[1:]
    closing = None      # a date alone under the text: the day it was written
    while rest and not rest[-1].is_table:
        tail = SOURCE_TAIL.match(rest[-1].text)
        day = only_date(rest[-1].text) if closing is None else None
        if day:
            closing = day
            parsed.consumed.append(rest[-1].text)
        elif tail:
            parsed.fields.setdefault("source", tail["source"].strip())
            parsed.consumed.append(rest[-1].text)
        elif EDITOR.match(rest[-1].text):
            parsed.unplaced.append(rest[-1].text)
        else:
            break
        rest = rest[:-1]
    _from_text(rest, parsed)
    if closing is not None:        # the lead's own date, when it gives a year, comes first
        parsed.fields.setdefault("date", closing)
    parsed.body = _body(rest)
    for field, why in (("title", "原文中没有找到标题，请填写"), ("date", "原文中没有找到日期，请核对后填写（YYYY-MM-DD）")):
        if field not in parsed.fields:
            parsed.todo[field] = why
    parsed.found += [f"{k} {parsed.fields[k]}" for k in ("title", "date", "place", "source") if k in parsed.fields]
    return parsed


PLACE_ONLY = re.compile(r"[\u4e00-\u9fff\d号楼层（）()]{2,24}?(会议室|会议中心|礼堂|大厅|会堂|会场|宾馆|酒店|报告厅|"
                        r"多功能厅|广场|馆|中心|基地|大楼)")


def _dateline(text: str):
    """The date and place of the line under a printed report's title (2026年10月14日　市行政中心3号会议室,
    or 地点：… after the date on a web page), or None."""
    found = find_date(text)
    if not found or found[1].start() != 0:
        return None
    place = re.sub(r"^(会议)?地点\s*[:：]\s*", "", text[found[1].end():].strip(" \u3000"))
    return (found[0], place) if PLACE_ONLY.fullmatch(place) else None


def _page_above(blocks: list[Block]) -> int:
    """Where the title starts under what a page copied whole (select all) prints above it: menus, a
    breadcrumb, the page's title again. The line right above the first date-and-place line, when that
    stands further down than a title of up to three lines would put it, after short lines only."""
    for k, block in enumerate(blocks[:80]):
        if block.is_table or not short_line(block, 60):
            return 0
        if _dateline(block.text):
            return k - 1 if k > 3 else 0
    return 0


def _date_and_place(text: str, parsed: Parsed) -> bool:
    found = _dateline(text)
    if found is None:
        return False
    parsed.fields.setdefault("date", found[0])
    parsed.fields.setdefault("place", found[1])
    parsed.consumed.append(text)
    return True


# a lead (5月6日，…), a line introducing what follows (…如下：), a meeting's particulars (common.PARTICULAR)
# or a list item is no part of a title
_NOT_TITLE = re.compile(r"^\d{1,2}月\d{1,2}日[，,]|^\d{4}年\d{1,2}月\d{1,2}日[，,]|[：:]$")


def _masthead(blocks: list[Block], ctx: Context, parsed: Parsed) -> list[Block]:
    """A first line that is a report series' own title (青禾市政务要闻, printed above the report) names
    the series; it is not the first line of the report's title."""
    titles = {re.sub(r"\s", "", s.title): s.slug for s in ctx.series.values() if s.kind == "report" and s.title}
    first = re.sub(r"\s", "", blocks[0].text) if blocks else ""
    if len(blocks) > 1 and not blocks[0].is_table and first in titles:
        parsed.series_hint = titles[first]
        parsed.consumed.append(blocks[0].text)
        parsed.found.append(f"series title {blocks[0].text}")
        return blocks[1:]
    return blocks


def _title(blocks: list[Block], parsed: Parsed) -> int:
    j = 0
    while j < min(3, len(blocks)) and short_line(blocks[j], 40) and not pubnotes.META.match(blocks[j].text) \
            and not pubnotes.starts_notes(blocks[j].text) \
            and not only_date(blocks[j].text) and not _NOT_TITLE.search(blocks[j].text) \
            and not PARTICULAR.match(blocks[j].text) and not _dateline(blocks[j].text) \
            and not BULLET.match(blocks[j].text):
        j += 1
        if blocks[j - 1].heading and (j >= len(blocks) or not blocks[j].heading):
            break
    if j:
        parsed.fields["title"] = "".join(b.text for b in blocks[:j])
    return j


def _from_text(rest: list[Block], parsed: Parsed) -> None:
    """Date and place from the lead paragraph when no meta line gave them."""
    lead = next((b.text for b in rest if not b.is_table), "")
    if "date" not in parsed.fields:
        found = find_date(lead)
        if found:
            parsed.fields["date"] = found[0]
    if "place" not in parsed.fields:
        m = PLACE.search(lead)
        if m:
            parsed.fields["place"] = m["place"]


CAPTION = re.compile(r"^(图为|图片为|图[:：]|[▲△]|[（(]图)")     # under a photo: a line of text, not a subheading


def _body(blocks: list[Block]) -> list[str]:
    out = []
    for k, b in enumerate(blocks):
        # a short line is a subheading unless centred and not bold (a caption) or a list item
        sub = not b.is_table and (b.heading or short_line(b, 30) and not b.center) and not ended(b.text) \
            and k + 1 < len(blocks) and k > 0 and not CAPTION.match(b.text) and not BULLET.match(b.text)
        out.append(heading(2, b.text) if sub else paragraph(b))
    return out
