"""Where printed lines break, beyond what WeasyPrint decides: no paragraph ends with a line of one
or two characters, and a headline over several lines is balanced (GB/T 9704 §7.3.1: 回行时…排列
对称，长短适宜), never ending with a single character.

``bind_paragraph_ends`` works on the print HTML of a body (after the sanitizer): it keeps the last
characters of every paragraph and list item together (``span.bl-nobr``, white-space: nowrap), so
a line that would hold one or two characters takes a few from the line above, which the
inter-character justification (print/justify.py) then fills out. ``headline_html`` splits a
headline into lines of nearly equal width, measured with the title font's own advance widths.
"""
from __future__ import annotations

import math
import re
from html import escape
from typing import Callable

BOUND = 3          # characters kept together at the end of a paragraph
NO_START = "，。、；：？！）》」』”’〉】〕…—·%‰℃"
NO_END = "（《「『“‘〈【〔"
# the text before a paragraph's end, also inside inline elements that close with it (a task note
# span.bl-task-units, strong, a link): "…（牵头单位：…局）</span></p>"
_TAIL = re.compile(r"((?:&#?\w+;|[^<>&])+)((?:</(?:span|strong|em|b|i|a|code|sub|sup|mark)>)*</(?:p|li)>)")
_UNIT = re.compile(r"&#?\w+;|[^&]")


def bind_paragraph_ends(html: str, count: int = BOUND) -> str:
    """Wrap the last ``count`` characters of each paragraph and list item in span.bl-nobr."""
    def bind(match: re.Match) -> str:
        units = _UNIT.findall(match.group(1))
        visible = [u for u in units if not u.isspace()]
        if len(visible) < 2:
            return match.group(0)
        cut = len(units)
        seen = 0
        while cut > 0 and seen < count:
            cut -= 1
            seen += not units[cut].isspace()
        return "".join(units[:cut]) + '<span class="bl-nobr">' + "".join(units[cut:]) + "</span>" + match.group(2)
    return _TAIL.sub(bind, html)


def _may_break_before(text: str, i: int) -> bool:
    before, after = text[i - 1], text[i]
    if after in NO_START or before in NO_END:
        return False
    return not (before.isascii() and after.isascii() and before.isalnum() and after.isalnum())


def rough_width(ch: str) -> float:
    """An em estimate when no font is at hand: Chinese a full em, Latin and digits about half."""
    return 1.0 if ord(ch) >= 0x2E80 or ch in "“”‘’—…" else 0.55


def split_balanced(text: str, size: float, measure: float,
                   width: Callable[[str], float] = rough_width) -> list[str]:
    """``text`` in as few lines as fit ``measure`` (points, at ``size`` pt), of nearly equal width."""
    widths = [width(ch) * size for ch in text]
    total = sum(widths)
    if total <= measure or len(text) < 4:
        return [text]
    lines = math.ceil(total / measure)
    cumulative = [0.0]
    for w in widths:
        cumulative.append(cumulative[-1] + w)
    breaks, start = [], 0
    for j in range(1, lines):
        target = total * j / lines
        options = [i for i in range(start + 2, len(text) - 1)
                   if _may_break_before(text, i) and cumulative[i] - cumulative[start] <= measure]
        if not options:
            return [text]          # nothing sensible: leave it to the renderer
        best = min(options, key=lambda i: abs(cumulative[i] - target))
        breaks.append(best)
        start = best
    if cumulative[-1] - cumulative[start] > measure or len(text) - start < 2:
        return [text]
    edges = [0, *breaks, len(text)]
    return [text[a:b].strip() for a, b in zip(edges, edges[1:])]


def headline_html(text: str, size: float, measure: float,
                  width: Callable[[str], float] = rough_width) -> str:
    """Escaped HTML of a headline with <br> between balanced lines."""
    return "<br>".join(escape(line, quote=False) for line in split_balanced(text, size, measure, width))
