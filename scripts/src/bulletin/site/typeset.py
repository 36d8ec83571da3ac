"""Web typesetting of a page body, applied after the sanitizer (so what it adds is our own markup).

- Chinese line breaking: a date (2026年10月22日), a 文号 (青政办函〔2026〕8号) or a number with its unit
  (312万件, 5.4万亩, 98%) is kept on one line; browsers would otherwise break between a digit and the
  character after it (2026年10月22/日).
- Tables: each sits in a box that scrolls sideways, is keyboard-focusable and named after the table
  (WCAG 2.1.1 and axe's scrollable-region-focusable); an editor's table of four or more columns also
  carries the header of each cell (data-label), so a phone can show it as stacked cards instead (our
  own 任务分工一览 table does that in CSS).

Bodies of 2,000-page archives pass here, so the line-breaking pass works on the HTML string; only pages
with a table are parsed (BeautifulSoup).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import docnumber

# Kept together: 文号; dates; 第N期/第27次; numbers with a unit or percent sign.
_UNITS = "小时|分钟|公里|千米|平方米|平方公里|公顷|千克|公斤|万元|亿元|个月|周岁"
_UNIT = "个件项家亩人元次台套所户名条篇份期号岁天日月年周秒米吨倍批场辆座处例张"
_NUMBERS = (r"\d{4}年\d{1,2}月(?:\d{1,2}日)?"
            r"|\d{1,2}月\d{1,2}日"
            r"|第\d+[期次号条款届批章节]"
            rf"|\d[\d,.]*(?:\.\d+)?(?:万亿|亿|万|千|百)?(?:{_UNITS}|[{_UNIT}]|%|％|‰)")
# Text without a 〔 holds no 文号 and is searched without that pattern, whose code (up to 4 Han
# characters) is tried at every Han character of the text: the others fail at once on anything but a
# digit or 第 (this halves the search on generated 500-issue pages).
# The lookahead lets the regex engine skip to the next digit or 第 instead of trying every branch at
# every character: the same matches in about half the time (generated 500-issue pages).
_NOBR_NUMBERS = re.compile(rf"(?=[\d第])(?:{_NUMBERS})")
_NOBR = re.compile(docnumber.in_text(code_max=4) + "|" + _NUMBERS)   # at most 4 characters of its code
_DIGIT = re.compile(r"\d")
_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"^<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr", "source", "area", "base", "embed", "track"}
_BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div",
           "figcaption", "caption", "section", "article", "header",
           "strong", "em", "b", "i", "u", "small", "mark", "q", "cite"}   # and an editor's emphasis in them
_CODE_TAGS = {"pre", "code", "script", "style", "kbd"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
STACK_COLUMNS = 4


def _wrapped(m: re.Match) -> str:     # (faster in Python 3.11 than a \\g<0> template)
    return f'<span class="bl-nobr">{m.group(0)}</span>'


@lru_cache(maxsize=4096)     # the same few tags (<p>, </p>, <h2 id="article-1">) on every page
def _element(tag: str) -> tuple[bool, str] | None:
    """(closing?, name) of a tag that opens or closes an element; None for a void or self-closed one."""
    m = _NAME.match(tag)
    if m is None or m.group(2).lower() in _VOID or tag.endswith("/>"):
        return None
    return bool(m.group(1)), m.group(2).lower()


def keep_together(html: str) -> str:
    """Wrap dates, 文号 and numbers with units in <span class="bl-nobr"> where they are running text
    of a block (a paragraph, list item, cell, heading), never in code. Text inside inline elements
    (links, the templates' spans) is left as it is: those that hold a date keep it whole in CSS."""
    parts = _TAG.split(html)
    open_tags: list[str] = []
    for n, part in enumerate(parts):
        if n % 2:   # a tag
            element = _element(part)
            if element is not None:
                closing, name = element
                if not closing:
                    open_tags.append(name)
                elif name in open_tags:
                    del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
            continue
        inside = open_tags[-1] if open_tags else ""
        if inside in _BLOCKS and _DIGIT.search(part) and not _CODE_TAGS.intersection(open_tags):
            parts[n] = (_NOBR if "〔" in part else _NOBR_NUMBERS).sub(_wrapped, part)
    return "".join(parts)


def _label(table, index: int) -> str:
    """A name for the scrolling box: the table's caption, else the heading above it, else its number."""
    caption = table.find("caption")
    if caption and caption.get_text(strip=True):
        return f"表格：{caption.get_text(strip=True)}"
    heading = table.find_previous(lambda tag: tag.name in _HEADINGS or
                                  (tag.name == "p" and "bl-att-title" in (tag.get("class") or [])))
    text = heading.get_text(" ", strip=True) if heading else ""
    return f"表格{index}：{text[:40]}" if text else f"表格{index}"


def _span(cell, name: str) -> int:
    try:
        return max(1, int(cell.get(name, 1)))
    except ValueError:
        return 1


def _headers(table) -> tuple[list[str], list] | None:
    """Column headers for the stacked layout and the body rows, or None when the table cannot be
    stacked (no header row, or merged cells in the body). Header rows may merge cells: a column
    under 调整类型 and 新增 is labelled 调整类型 新增."""
    rows = table.find_all("tr")
    head = []
    while rows and rows[0].find_all("th") and not rows[0].find_all("td"):
        head.append(rows.pop(0))
    if not head or not rows or any(_span(c, "colspan") > 1 or _span(c, "rowspan") > 1
                                   for row in rows for c in row.find_all(["td", "th"])):
        return None
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(head):
        c = 0
        for cell in row.find_all("th"):
            while (r, c) in grid:
                c += 1
            for dr in range(_span(cell, "rowspan")):
                for dc in range(_span(cell, "colspan")):
                    grid[(r + dr, c + dc)] = cell.get_text(" ", strip=True)
            c += _span(cell, "colspan")
    columns = max(c for _, c in grid) + 1
    labels = []
    for c in range(columns):
        parts = [grid.get((r, c), "") for r in range(len(head))]
        labels.append(" ".join(dict.fromkeys(p for p in parts if p)))
    return labels, rows


def _box(soup, table):
    parent = table.parent
    if parent is not None and parent.name == "div" and "bl-table-wrap" in (parent.get("class") or []):
        return parent
    box = soup.new_tag("div", attrs={"class": "bl-table-wrap"})
    table.wrap(box)
    return box


def _formatter():
    """BeautifulSoup's output as the sanitizer wrote it: attributes in their order, minimal escaping."""
    from bs4.formatter import HTMLFormatter

    class Keep(HTMLFormatter):
        def attributes(self, tag):
            return list(tag.attrs.items())
    return Keep(entity_substitution=HTMLFormatter.REGISTRY["minimal"].entity_substitution)


def label_tables(html: str) -> str:
    """Every table in a scrolling, focusable, named box; wide ones ready to stack on a phone."""
    if "<table" not in html:
        return html
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    for index, table in enumerate(soup.find_all("table"), 1):
        box = _box(soup, table)
        box.attrs.update({"role": "region", "tabindex": "0", "aria-label": _label(table, index)})
        if table.get("class"):    # a table of our own templates (任务分工一览) styles itself
            continue
        table["class"] = ["bl-table"]   # and Material's script no longer wraps it in a scroller of its own
        found = _headers(table)
        if found and len(found[0]) >= STACK_COLUMNS:
            labels, rows = found
            box["class"] = (box.get("class") or []) + ["bl-table-stack"]
            for row in rows:
                for cell, label in zip(row.find_all(["td", "th"]), labels):
                    cell["data-label"] = label
    return soup.decode(formatter=_formatter())


def typeset(html: str) -> str:
    return keep_together(label_tables(html))
