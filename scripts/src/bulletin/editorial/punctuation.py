"""Prose rules for marks: half-width punctuation after Chinese text (BL201), straight quotes (BL202)
and a document number with the year in the wrong brackets (BL301). Each returns the edits it
proposes for one line; ``mask`` marks what is not prose (see characters.py)."""
from __future__ import annotations

import re

from ..model import docnumber
from .characters import HAN, IS_HAN, cjk, han, next_char, prev_char
from .findings import Edit

_PUNCT_FIX = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_CN_HEADING_NUMBER = re.compile(r"^\s*(?:#{1,6}\s+)?[一二三四五六七八九十]+$")   # "一." is 一、
# a number or percentage ending a Chinese sentence, before its full stop: 占比85%. 见附件1. 增长3.2%.
_CHINESE_NUMBER_END = re.compile(rf"[{HAN}][0-9０-９](?:[0-9０-９]|[.,][0-9０-９])*[%‰％]?$")


def docnum_edits(line: str, mask: list[bool]) -> list[Edit]:
    """A document number in the text with the year in the wrong brackets: 青政办函(2026)8号 → 〔2026〕."""
    edits = []
    for m in docnumber.WRONG_IN_TEXT.finditer(line):
        if not any(mask[m.start():m.end()]):
            edits.append(Edit(m.start() + 1, m.group(), docnumber.right_brackets(m["year"]), "BL301"))
            mask[m.start():m.end()] = [True] * len(m.group())
    return edits


def mark_edits(line: str, mask: list[bool]) -> list[Edit]:
    """Half-width , ; : ! ? after Chinese text or before Chinese words, and . after Chinese text."""
    edits: list[Edit] = []
    for i, ch in enumerate(line):
        if mask[i] or ch not in ",;:!?.":
            continue
        if ch == ".":
            edits += filter(None, [_period_edit(line, mask, i)])
            continue
        if ch in ",:" and line[i - 1:i].isdigit() and line[i + 1:i + 2].isdigit():
            continue   # 3,000 and 9:30, 1:500
        # after Chinese (会议要求,), or before a Chinese word (落实 ,确保; Python, 以及); a Latin phrase
        # inside Chinese quotes (“Hello, world!”) keeps its own marks
        if cjk(prev_char(line, mask, i)) or han(next_char(line, mask, i)):
            edits.append(Edit(i + 1, ch, _PUNCT_FIX[ch], "BL201"))
    return edits


def _period_edit(line: str, mask: list[bool], i: int) -> Edit | None:
    """A full stop only directly after Chinese text: 参考. → 参考。, 一. → 一、, 等... → 等……;
    not 3.5, 1. (a list number), 方案.docx (a file name) or Fig. 3 (Latin)."""
    if i > 0 and line[i - 1] == "." and not mask[i - 1]:
        return None   # the rest of a run of dots, handled at its first dot
    run = len(line[i:]) - len(line[i:].lstrip("."))
    if any(mask[i:i + run]):
        return None
    if not cjk(prev_char(line, mask, i)):
        return _number_end_edit(line, mask, i, run)
    after = line[i + run:i + run + 1]
    if run == 1 and after.isascii() and after.isalpha():
        return None   # 方案.docx
    if run > 1:
        return Edit(i + 1, "." * run, "……", "BL201")
    new = "、" if _CN_HEADING_NUMBER.match(line[:i]) else "。"
    return Edit(i + 1, ".", new, "BL201")


def _number_end_edit(line: str, mask: list[bool], i: int, run: int) -> Edit | None:
    """A single full stop ending the line after a number that follows Chinese text (占比85%. →
    占比85%。). Only at the end of a line: inside one, "附件1.实施方案" is a list number."""
    before = _CHINESE_NUMBER_END.search(line[:i])
    if run != 1 or line[i + 1:].strip() or before is None or any(mask[before.start():i]):
        return None
    return Edit(i + 1, ".", "。", "BL201")


def paren_edits(line: str, mask: list[bool]) -> list[Edit]:
    """( ) around or beside Chinese text; pairs first, so "(1)" before Chinese text is one unit."""
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, ch in enumerate(line):
        if not mask[i] and ch == "(":
            stack.append(i)
        elif not mask[i] and ch == ")" and stack:
            pairs[stack.pop()] = i
    closing = set(pairs.values())
    edits: list[Edit] = []
    for i, ch in enumerate(line):
        if mask[i]:
            continue
        if ch == "(":
            end = pairs.get(i)
            inner = line[i + 1:end] if end is not None else ""
            chinese = IS_HAN.search(inner) or cjk(prev_char(line, mask, i, False)) or (
                end is not None and cjk(next_char(line, mask, end, False))) or (
                end is None and cjk(next_char(line, mask, i, False)))
            if chinese:
                edits.append(Edit(i + 1, "(", "（", "BL201"))
                if end is not None:
                    edits.append(Edit(end + 1, ")", "）", "BL201"))
        elif ch == ")" and i not in closing:
            if cjk(prev_char(line, mask, i, False)) or cjk(next_char(line, mask, i, False)):
                edits.append(Edit(i + 1, ")", "）", "BL201"))
    return edits


def quote_edits(line: str, mask: list[bool], q: str, left: str, right: str, need_inner: bool = False) -> list[Edit]:
    spots = [i for i, ch in enumerate(line) if ch == q and not mask[i]]
    edits: list[Edit] = []
    if len(spots) % 2 == 0:
        for o, c in zip(spots[::2], spots[1::2]):
            inner = bool(IS_HAN.search(line[o + 1:c]))
            outer = cjk(prev_char(line, mask, o, False)) or cjk(next_char(line, mask, c, False))
            if inner or (outer and not need_inner):
                edits.append(Edit(o + 1, q, left, "BL202"))
                edits.append(Edit(c + 1, q, right, "BL202"))
    elif not need_inner:
        for i in spots:
            if cjk(prev_char(line, mask, i, False)) or cjk(next_char(line, mask, i, False)):
                edits.append(Edit(i + 1, q, q, "BL202"))   # unpaired: reported, not fixed
    return edits
