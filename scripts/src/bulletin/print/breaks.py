"""Where printed lines break, beyond what WeasyPrint decides: no paragraph ends with a line of one
or two characters, and a headline over several lines is balanced (GB/T 9704 §7.3.1: 回行时…排列
对称，长短适宜), never ending with a single character.

``bind_paragraph_ends`` works on the print HTML of a body (after the sanitizer): it keeps the last
characters of every paragraph and list item together (``span.bl-nobr``, white-space: nowrap), so
a line that would hold one or two characters takes a few from the line above, which the
inter-character justification (print/justify.py) then fills out. ``headline_html`` splits a
headline into lines of nearly equal width, measured with the title font's own advance widths, and
keeps its words whole (§7.3.1: 词意完整): never inside “…”, 《…》 or （…） or a number when another
break fits, preferably after a pause mark such as ：，、 and between two words.
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


# Headline breaks, in the order preferred (GB/T 9704 §7.3.1: 词意完整): after a pause mark, or at
# the edge of a quoted name; between two words (jieba, which the site's search already segments
# with); inside a word; inside a quoted name or a run of digits and Latin letters only when nothing
# else fits. Costs are in squared ems, weighed against how far each line is from the mean width:
# two lines each two characters off the middle cost 8, so a pause mark wins over a break a
# character or two nearer the middle, but not over a lopsided pair of lines.
PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】", "〔": "〕", "〈": "〉"}
PAUSES = "：，、；！？。"
PAUSE_BONUS = 6.0          # a break after a pause mark
EDGE_BONUS = 3.0           # a break before an opening or after a closing mark
WORD_COST = 8.0            # a break inside a word
INSIDE_COST = 1000.0       # inside a pair or a Latin/digit run: only as the last resort


def _word_edges(text: str) -> set[int] | None:
    """Positions where jieba's words meet; None when jieba cannot be used."""
    try:
        import logging

        import jieba
        jieba.setLogLevel(logging.WARNING)      # it logs its dictionary loading at DEBUG
        edges, at = set(), 0
        for word in jieba.cut(text):
            at += len(word)
            edges.add(at)
        return edges
    except Exception:  # noqa: BLE001 - no segmenter: every break between characters counts alike
        return None


def _inside_pairs(text: str) -> set[int]:
    """Positions i where a break before text[i] would split a “…”, 《…》 or （…） pair."""
    inside, stack = set(), []
    for index, ch in enumerate(text):
        if ch in PAIRS:
            stack.append(index)
        elif stack and ch == PAIRS[text[stack[-1]]]:
            inside.update(range(stack.pop() + 1, index + 1))
    return inside


def _in_run(text: str, i: int) -> bool:
    """Between two characters of one run of digits and Latin letters (“12345”, “3.5%”, “5G+”)."""
    before, after = text[i - 1], text[i]
    def run(ch: str) -> bool:
        return (ch.isascii() and not ch.isspace()) or "０" <= ch <= "９" or "Ａ" <= ch <= "ｚ"
    return run(before) and run(after) and (before.isalnum() or after.isalnum())


def _break_cost(text: str, i: int, inside: set[int], words: set[int] | None) -> float | None:
    """What a break before text[i] costs (None: never), apart from the lines' balance."""
    if not _may_break_before(text, i):
        return None
    last_resort = INSIDE_COST if i in inside or _in_run(text, i) else 0.0
    if text[i - 1] in PAUSES:
        return last_resort - PAUSE_BONUS
    if text[i] in PAIRS or text[i - 1] in PAIRS.values():
        return last_resort - EDGE_BONUS
    if text[i - 1].isdigit() and not text[i].isascii():
        return last_resort + WORD_COST      # a number keeps its unit: “2026年”, “30个”
    return last_resort + (WORD_COST if words is not None and i not in words else 0.0)


def split_balanced(text: str, size: float, measure: float,
                   width: Callable[[str], float] = rough_width) -> list[str]:
    """``text`` in as few lines as fit ``measure`` (points, at ``size`` pt), of nearly equal width,
    broken where the words stay whole (see PAIRS); no line of a single character."""
    widths = [width(ch) * size for ch in text]
    total = sum(widths)
    if total <= measure or len(text) < 4:
        return [text]
    cumulative = [0.0]
    for w in widths:
        cumulative.append(cumulative[-1] + w)
    inside, words = _inside_pairs(text), _word_edges(text)
    costs = {i: c for i in range(2, len(text) - 1) if (c := _break_cost(text, i, inside, words)) is not None}
    first = math.ceil(total / measure)
    # one line more rather than a quoted name or a number cut in two; the fewest lines otherwise
    found = [best for lines in (first, first + 1)
             if (best := _best_breaks(cumulative, costs, lines, size, measure)) is not None]
    if not found:
        return [text]              # nothing sensible: leave it to the renderer
    _, breaks = next((best for best in found if best[0] < INSIDE_COST / 2), found[0])
    edges = [0, *breaks, len(text)]
    return [text[a:b].strip() for a, b in zip(edges, edges[1:])]


def _best_breaks(cumulative: list[float], costs: dict[int, float], lines: int, size: float,
                 measure: float) -> tuple[float, list[int]] | None:
    """The breaks giving ``lines`` lines within ``measure``, each of two characters or more, at the
    least cost: the breaks' own costs plus the squared distance (in ems) of each line from the mean."""
    end, target = len(cumulative) - 1, cumulative[-1] / lines

    def line_cost(a: int, b: int) -> float | None:
        w = cumulative[b] - cumulative[a]
        return None if w > measure + 0.01 or b - a < 2 else ((w - target) / size) ** 2

    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}    # break → (cost so far, breaks)
    for _ in range(lines - 1):
        step: dict[int, tuple[float, list[int]]] = {}
        for a, (so_far, path) in best.items():
            for b, cost in costs.items():
                here = line_cost(a, b) if b > a else None
                if here is not None and (b not in step or so_far + here + cost < step[b][0]):
                    step[b] = (so_far + here + cost, path + [b])
        best = step
    finished = [(so_far + last, path) for a, (so_far, path) in best.items()
                if (last := line_cost(a, end)) is not None]
    return min(finished) if finished else None


def headline_html(text: str, size: float, measure: float,
                  width: Callable[[str], float] = rough_width) -> str:
    """Escaped HTML of a headline with <br> between balanced lines."""
    return "<br>".join(escape(line, quote=False) for line in split_balanced(text, size, measure, width))
