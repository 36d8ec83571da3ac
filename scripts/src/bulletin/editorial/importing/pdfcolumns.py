"""A page set in two columns (a bulletin laid out like a magazine): its lines read across both
columns, so each line held half a sentence from the left column and half from the right, and the
borderless-table rule took the run for a two-column table. A run of lines cut at one gutter, whose
left halves mostly run to the gutter (justified text, which a table's cells seldom fill), is read
column by column: the left column's lines, then the right's, each with its column's margins. The
right halves must run to the margin as well, and the columns be about as wide: a two-column table
with long cells (任务 | 责任单位) stays a table.
"""
from __future__ import annotations

import re

from .runs import replace_runs

_RUN = 4           # two-cell lines in a run, at least: a few lines cut at one x are a table's rows


def columns(lines: list[dict], cells) -> list[dict]:
    """``lines`` with each two-column run replaced by its left column's lines then its right's.
    ``cells(line)`` cuts a line at its gaps (pdftext._cells)."""
    def place(out: list[dict], run: list[dict], gutter: tuple[float, float]) -> None:
        back = _lead_in(out, run[0], gutter, cells)
        out[len(out) - back:] = _split(out[len(out) - back:] + run, gutter, cells)
    return replace_runs(lines, lambda start: _run(lines, start, cells), place)


def _lead_in(before: list[dict], first: dict, gutter: tuple[float, float], cells) -> int:
    """How many lines just above the run belong to its columns: lines on one side of the gutter (a
    headline wrapped in the left column while the right one goes on), set as closely as the run's.
    A line across the gutter, two cells, or a gap (the masthead above) stops it."""
    size = first["chars"][0]["size"] if first["chars"] else 0
    n, below = 0, first
    while n < len(before):
        line = before[-1 - n]
        parts = cells(line) if "table" not in line else []
        if len(parts) != 1 or not (parts[0][-1]["x1"] <= gutter[1] or parts[0][0]["x0"] >= gutter[0]) \
                or below["top"] - line["bottom"] > size * 0.8:
            break
        n, below = n + 1, line
    return n


def _run(lines: list[dict], start: int, cells) -> tuple[int, tuple[float, float]] | None:
    """The end of the two-column run starting at ``start`` and its gutter (x0, x1); None if none does."""
    first = cells(lines[start]) if "table" not in lines[start] else []
    if len(first) != 2:
        return None
    size = first[0][0]["size"]
    if start + 1 < len(lines) and lines[start + 1]["top"] - lines[start]["bottom"] > size * 0.8:
        return None       # a line set apart from the text below (a masthead's office and date) starts no run
    gutter = (first[0][-1]["x1"], first[1][0]["x0"])
    j, pairs = start, []
    while j < len(lines) and "table" not in lines[j]:
        parts = cells(lines[j])
        if len(parts) == 2 and parts[0][-1]["x1"] <= gutter[1] and parts[1][0]["x0"] >= gutter[0] - size:
            gutter = (max(gutter[0], parts[0][-1]["x1"]), min(gutter[1], parts[1][0]["x0"]))
            pairs.append(parts)
        elif not (len(parts) == 1 and (parts[0][-1]["x1"] <= gutter[1] or parts[0][0]["x0"] >= gutter[0])) \
                or lines[j]["top"] - lines[j - 1]["bottom"] > size * 0.8:
            break         # a line across the gutter (a heading over both columns), or after a gap, ends it
        j += 1
    if len(pairs) < _RUN or gutter[1] - gutter[0] < size:
        return None
    # both columns set as running text: the left halves mostly run to the gutter, the right ones to
    # the margin, and the two about as wide (a two-column table's second column is narrow, short cells)
    edge, margin = max(p[0][-1]["x1"] for p in pairs), max(p[1][-1]["x1"] for p in pairs)
    left_full = sum(edge - p[0][-1]["x1"] < size * 1.5 for p in pairs)
    right_full = sum(margin - p[1][-1]["x1"] < size * 1.5 for p in pairs)
    widths = (edge - min(p[0][0]["x0"] for p in pairs), margin - min(p[1][0]["x0"] for p in pairs))
    if left_full >= 0.6 * len(pairs) and right_full >= 0.5 * len(pairs) and min(widths) >= 0.75 * max(widths):
        return j, gutter
    return None


# An item of a menu printed beside the text: a few Chinese characters, no punctuation (a list number
# or 报： is not one; clean._MENU_ITEM is the shorter item of a menu copied as lines).
_SIDE_ITEM = re.compile(r"[\u4e00-\u9fff]{2,8}")


def side_menu(lines: list[dict], cells, removed: list[tuple[str, str]]) -> list[dict]:
    """``lines`` without a site's menu printed beside the text (a web page saved as PDF by the
    browser: 要闻动态 / 部门动态 down the left, each item read into the line of text beside it).
    A run is a menu column when short items stand at the page's left edge, apart by a gutter from
    running text whose lines reach the right margin; a table's first column has a cell on every row
    and short cells beside it, so it is not one. The items go to ``removed``."""
    def place(out: list[dict], run: list[dict], gutter: float) -> None:
        text = []
        for line in run:
            parts = cells(line)
            menu = [p for p in parts if p[-1]["x1"] <= gutter]
            removed.extend(("site menu printed beside the text", _line(p)["text"]) for p in menu)
            if len(menu) < len(parts):     # the text beside it, its own gaps kept
                text.append(_line([c for p in parts[len(menu):] for c in p]))
        margins = (min(t["x0"] for t in text), max(t["x1"] for t in text))
        for t in text:                     # indents and centring are the text column's
            t["column"] = margins
        out += text
    return replace_runs(lines, lambda start: _menu_run(lines, start, cells), place)


def _menu_run(lines: list[dict], start: int, cells) -> tuple[int, float] | None:
    """The end of the menu-beside-text run starting at ``start`` and the x its menu ends at; None if
    none does."""
    parts = cells(lines[start]) if "table" not in lines[start] else []
    if not parts or not _SIDE_ITEM.fullmatch(_text(parts[0])):
        return None
    size, left = parts[0][0]["size"], parts[0][0]["x0"]
    menu_end, text_start = parts[0][-1]["x1"], parts[1][0]["x0"] if len(parts) == 2 else None
    items = alone = 0
    texts: list[list[dict]] = []
    j = start
    while j < len(lines) and "table" not in lines[j]:
        parts = cells(lines[j])
        item = parts[0] if parts and abs(parts[0][0]["x0"] - left) < size and _SIDE_ITEM.fullmatch(_text(parts[0])) \
            and (text_start is None or parts[0][-1]["x1"] < text_start - size) else None
        rest = parts[1:] if item else parts
        if rest and rest[0][0]["x0"] < menu_end + size * 1.5:
            break             # a line across the gutter (a heading, the page's foot) ends it
        if item:
            items += 1
            menu_end = max(menu_end, item[-1]["x1"])
        if rest:
            texts.append(rest[-1])
            text_start = min(text_start or rest[0][0]["x0"], rest[0][0]["x0"])
        alone += not (item and rest)
        j += 1
    if items < 3 or len(texts) < 3 or not alone or text_start is None:
        return None
    margin = max(t[-1]["x1"] for t in texts)
    running = sum(margin - t[-1]["x1"] < size * 2 for t in texts)
    if running < 3 or menu_end - left > 0.3 * (margin - left):
        return None
    return j, menu_end + size * 0.5


def _text(part: list[dict]) -> str:
    return "".join(c["text"] for c in part)


def _split(run: list[dict], gutter: tuple[float, float], cells) -> list[dict]:
    left: list[dict] = []
    right: list[dict] = []
    for line in run:
        for part in cells(line):
            (left if part[-1]["x1"] <= gutter[1] else right).append(_line(part))
    for column in (left, right):
        x0, x1 = min(c["x0"] for c in column), max(c["x1"] for c in column)
        for line in column:
            line["column"] = (x0, x1)
    return left + right


def _line(chars: list[dict]) -> dict:
    """A line dict as pdfplumber gives, of these glyphs: a space where Latin words had a gap."""
    text = chars[0]["text"]
    for a, b in zip(chars, chars[1:]):
        if b["x0"] - a["x1"] > a["size"] * 0.25 and (a["text"].isascii() or b["text"].isascii()):
            text += " "
        text += b["text"]
    return {"text": text, "chars": chars, "x0": chars[0]["x0"], "x1": chars[-1]["x1"],
            "top": min(c["top"] for c in chars), "bottom": max(c["bottom"] for c in chars)}
