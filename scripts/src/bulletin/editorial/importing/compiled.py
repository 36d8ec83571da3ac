"""A file that holds several issues: a bound volume (合订本) or a year's bulletins pasted into one
document. It is cut at each issue's masthead (the series title, then 第N期 within a few lines) and
each part is imported as an issue of its own. What comes before the first issue (the volume's cover
and 目录) is listed as removed. A masthead counts only when running text (a sentence) follows it
before the next one, so the cover (第1期—第4期, 合订本) and a 目录's lines never cut the file.
A compilation of official documents (文件汇编: notices one after another) is cut at each red head,
a …文件 line with its 文号 under it."""
from __future__ import annotations

import re
from dataclasses import replace

from .common import unspaced
from .context import Context
from .dates import NUMBER
from .model import Source

_LOOK = 4                      # lines after the series title in which the masthead gives 第N期
_RANGE = re.compile(r"第\s*\S+?\s*期\s*[—–\-~至到]\s*第")   # 第1期—第4期: a volume's cover


def _with_marking(lines: list, start: int, floor: int) -> int:
    """The masthead's first line: a marking (内部资料 注意保存) printed above the title belongs to it."""
    from .common import MARKING
    k = start
    while k > floor:
        text = lines[k - 1].text.strip()
        if text and not MARKING.match(text):
            break
        k -= 1
    while k < start and not lines[k].text.strip():
        k += 1
    return k


def _red_heads(lines: list, filled: list[int]) -> list[int]:
    """Where official documents start in a compilation (文件汇编): a 发文机关标志 (…文件, on a line of its
    own) with a 文号 within the next three lines."""
    from ...model import docnumber
    heads = []
    for k, i in enumerate(filled):
        text = unspaced(lines[i].text)
        if lines[i].table or len(text) > 30 or not text.endswith("文件") or re.search("[。，；：]", text):
            continue
        if any(docnumber.LENIENT.fullmatch(unspaced(lines[j].text)) for j in filled[k + 1:k + 4]):
            heads.append(i)
    return heads


def split(src: Source, ctx: Context) -> list[Source] | None:
    """One Source per issue when ``src`` holds two or more; None when it holds one."""
    from .bulletin import series_titles
    titles = series_titles(ctx)
    lines = src.lines
    filled = [i for i, line in enumerate(lines) if line.text.strip()]
    issues = _issues(lines, filled, _mastheads(lines, filled, titles)) if titles else []
    if len(issues) < 2:          # or a compilation of official documents, each under its red head
        issues = _issues(lines, filled, _red_heads(lines, filled))
    if len(issues) < 2:
        return None
    return _parts(src, lines, issues)


def _issues(lines: list, filled: list[int], starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each part that has running text (a sentence) in it."""
    ends = starts[1:] + [len(lines)]
    return [(s, e) for s, e in zip(starts, ends) if any("。" in line.text for line in lines[s:e])]


def _mastheads(lines: list, filled: list[int], titles) -> list[int]:
    """Where bulletin issues start: the series title, then 第N期 within a few lines."""

    def bare(i: int) -> str:      # (a masthead laid out in a Word table: its rows' cells, as text)
        return unspaced(re.sub(r"[|:\-]+", "", lines[i].text) if lines[i].table else lines[i].text)
    starts = []
    for k, i in enumerate(filled):
        text = bare(i)
        if k + 1 < len(filled) and len(text) <= 20 and not any(text.startswith(t) for t in titles):
            text += bare(filled[k + 1])     # the title set over two lines (青禾市… / 工作简报)
        # a masthead line is the title (perhaps with its 第N期), not a sentence that starts with it
        if re.search("[。，；：]", text) or not any(text.startswith(t) and len(text) <= len(t) + 16 for t in titles):
            continue
        window = "".join(bare(j) for j in filled[k:k + _LOOK + 1])
        if NUMBER.search(window) and "合订本" not in window and not _RANGE.search(window):
            starts.append(i)
    return starts


def _parts(src: Source, lines: list, issues: list[tuple[int, int]]) -> list[Source]:
    cuts = [_with_marking(lines, s, floor) for (s, _), floor in zip(issues, [0] + [s + 1 for s, _ in issues])]
    cuts.append(len(lines))
    parts = []
    for n, (start, end) in enumerate(zip(cuts, cuts[1:]), 1):
        part = replace(src, lines=lines[start:end], removed=[], notes=[], catalogue={},
                       part=f"issue {n} of {len(issues)} in this file")
        if n == 1:
            before = [line.text.strip() for line in lines[:start] if line.text.strip()]
            part.removed = list(src.removed) + [("before the file's first issue (a volume's or a compilation's cover and 目录)", text)
                                               for text in before]
            part.notes = list(src.notes)
        parts.append(part)
    return parts
