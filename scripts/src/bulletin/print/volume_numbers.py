"""The page numbers of a bound volume's 目录, and the anchors its links point to (``fill_anchors``),
written into the front before it is laid out.

With ``target-counter()`` WeasyPrint lays every 目录 page out twice: the pages an entry points to come
after the 目录, so their numbers are unknown on the first pass and each 目录 page is made again once
they are (about a third of a 50-issue front's layout). The volume knows where its pages fall before
any layout: the cover, the 目录 from a right-hand page, then each issue from a right-hand page with
as many pages as it printed alone (print/binding.py puts them there). Only the 目录's own length is
guessed, from the widths of its lines; the number goes in as ``data-page`` on each link
(overrides/print/volume.css prints ``attr(data-page)``).

The guess is never trusted: after the layout the front's length is compared with the one guessed
(``misplaced``), and a wrong one means a second layout with every number moved by the difference.
"""
from __future__ import annotations

import math
import re
from html import escape, unescape

LINES_A_PAGE = 22            # the print grid (bulletin.css: --line is 225 mm / 22)
EMS_A_LINE = 27.6            # 156 mm of type area at 16 pt
CONTENTS_FIRST_PAGE = 3      # after the cover, from a right-hand page
TITLE_LINES = 2              # 目录 and the blank line under it

_LINK = re.compile(r'<a\b([^>]*)\bhref="#([^"]+)"')
_CONTENTS_LINE = re.compile(r'<a class="vol-contents-line( vol-issue-line)?"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
# Fitted to 1,349 目录 lines laid out by WeasyPrint (titles of 6 to 48 characters, with digits and
# quotation marks): all but one took the lines this counts.
LATIN_EMS = 0.6              # a digit, Latin letter or curly quote, in ems
NUMBER_EMS = 0.5             # what the last line needs beyond its text for the leader and number


def _ems(text: str) -> float:
    """Width in ems: Han characters and full-width punctuation one, the rest (digits, Latin) less."""
    return sum(1.0 if ord(c) >= 0x2E80 else LATIN_EMS for c in text)


def _lines(html: str) -> list[tuple[bool, int]]:
    """Each 目录 entry in order: (an issue's line?, how many lines it takes)."""
    found = []
    for issue_line, inner in _CONTENTS_LINE.findall(html):
        room = EMS_A_LINE - (0 if issue_line else 2)          # article lines are indented 2 em
        found.append((bool(issue_line), max(1, math.ceil((_ems(unescape(_TAG.sub("", inner))) + NUMBER_EMS) / room))))
    return found


def contents_pages(html: str) -> int:
    """How many pages the 目录 takes: its entries, 22 lines a page, kept together as volume.css asks
    (an issue's line with its first article, an issue's last article with the entry before it)."""
    entries = _lines(html)
    units: list[int] = []          # lines of each run of entries that stays on one page
    for n, (issue_line, lines) in enumerate(entries):
        last_article = not issue_line and (n + 1 == len(entries) or entries[n + 1][0])
        after_issue_line = n > 0 and entries[n - 1][0]
        if units and (last_article or after_issue_line):
            units[-1] += lines
        else:
            units.append(lines)
    pages, used = 1, TITLE_LINES
    for lines in units:
        if used + lines > LINES_A_PAGE and used > 0:
            pages, used = pages + 1, 0
        used += lines
        while used > LINES_A_PAGE:            # a run longer than a page breaks where it must
            pages, used = pages + 1, used - LINES_A_PAGE
    return pages


def _right_hand(page: int) -> int:
    """The first right-hand (odd) page from ``page`` on: where break-before: right puts the next box."""
    return page if page % 2 else page + 1


def guess(html: str, bound: list[dict], pages: list) -> dict[str, int]:
    """Where each issue and each anchor of its pages falls in the volume: {id: page number}.
    ``bound`` and ``pages`` as for fill_anchors (each issue's anchor prefix; its IssuePages)."""
    at = _right_hand(CONTENTS_FIRST_PAGE + contents_pages(html))
    numbers: dict[str, int] = {}
    for issue, facts in zip(bound, pages):
        prefix = issue["prefix"]
        numbers[prefix.rstrip("-")] = at
        for name, index in facts.anchors.items():
            numbers[prefix + name] = at + index
        at = _right_hand(at + len(facts.marks))
    return numbers


def write_in(html: str, numbers: dict[str, int]) -> str:
    """Each link to an anchor in ``numbers`` with ``data-page`` set to its page."""
    def link(match: re.Match) -> str:
        page = numbers.get(unescape(match[2]))
        return match[0] if page is None else f'<a{match[1]}data-page="{page}" href="#{match[2]}"'
    return _LINK.sub(link, html)


def misplaced(document, numbers: dict[str, int]) -> dict[str, int]:
    """Every number moved by as many pages as the laid-out front (``document``) is longer or shorter
    than guessed; empty when the guess was right. The anchors' page, the front's last, is taken out
    when the volume is bound: the first issue then starts on it, or after it when it is a left-hand
    page. Pages are counted from 1, as the page counter does."""
    if not numbers:
        return {}
    at = next((n for n, page in enumerate(document.pages, 1) if any(name in numbers for name in page.anchors)),
              len(document.pages))
    shift = _right_hand(at) - min(numbers.values())
    return {name: page + shift for name, page in numbers.items()} if shift else {}


# The anchors are put in here, not in print/volume.py, which a PDF worker would otherwise import
# (with the loader, the kinds and pydantic: 0.12 s) for this alone; so is the template's name kept
# here, for both.
TEMPLATE = "print/volume.html"
_ANCHORS = "<!--bl-volume-anchors-->"
_LINKED = re.compile(r'href="#([^"]+)"')


def fill_anchors(html: str, bound: list[dict], pages: list) -> str:
    """Put in the anchors the 目录 links to: each issue's (i<slug>) and those of its pages it links to
    (``pages``: binding.IssuePages), as empty boxes on the front's last page, which binding takes out
    and points each anchor at the issue page it names."""
    linked = set(_LINKED.findall(html))
    names = []
    for issue, facts in zip(bound, pages):
        prefix = issue["prefix"]
        names += [prefix.rstrip("-")] + [prefix + name for name in sorted(facts.anchors) if prefix + name in linked]
    if html.count(_ANCHORS) != 1:
        raise ValueError(f"overrides/{TEMPLATE} has {html.count(_ANCHORS)} places for the "
                         f"anchors of its 目录; expected {_ANCHORS} once, on the front's last page, as the shipped "
                         "template has it")
    return html.replace(_ANCHORS, "".join(f'<div id="{escape(name)}"></div>' for name in names))
