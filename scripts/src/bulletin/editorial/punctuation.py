"""Prose rules for marks: half-width punctuation after Chinese text (BL201), straight quotes (BL202)
and a document number with the year in the wrong brackets (BL301). Each returns the edits it
proposes for one line; ``mask`` marks what is not prose (see characters.py)."""
from __future__ import annotations

import re

from ..filefacts import SUFFIX_WORD
from ..model import docnumber
from .characters import HAN, IS_HAN, NEAR, cjk, han, next_char, prev_char
from .findings import Edit

_DOTS = re.compile(r"\.*")
_BLANK_REST = re.compile(r"[\s*]*$")          # (the emphasis a sentence's end closes: **…完成.**)
_PUNCT_FIX = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_CN_HEADING_NUMBER = re.compile(r"^\s*(?:#{1,6}\s+)?[一二三四五六七八九十]+$")   # "一." is 一、
# a number or percentage ending a Chinese sentence, before its full stop: 占比85%. 见附件1. 增长3.2%.
# (and 比例为3:2. 电话0579-86012345. 2024-2026.: digits joined by a colon or a hyphen)
_CHINESE_NUMBER_END = re.compile(rf"[{HAN}]\**[0-9０-９](?:[0-9０-９]|[.,:\-][0-9０-９])*[%‰％]?\**$")


def docnum_edits(line: str, mask: list[bool]) -> list[Edit]:
    """A document number in the text with the year in the wrong brackets: 青政办函(2026)8号 → 〔2026〕;
    one with 第 or a leading zero, 〔2026〕第8号, reported (BL302: its edit changes nothing)."""
    edits = []
    for m in docnumber.MALFORMED_IN_TEXT.finditer(line):
        if not any(mask[m.start():m.end()]):
            edits.append(Edit(m.start() + 1, m.group(), m.group(), "BL302", line[max(0, m.start() - 4):m.start()]))
            mask[m.start():m.end()] = [True] * len(m.group())
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
        if ch == "," and line[i - 1:i].isalnum() and _listed(line, mask, i):
            edits.append(Edit(i + 1, ch, "、", "BL201"))
            if line[i + 1:i + 2] == " ":        # 1, 2 → 1、2: no space after the full-width mark
                edits.append(Edit(i + 2, " ", "", "BL205", line[i - 1] + "、 " + line[i + 2:i + 3]))
            continue
        if ch in ",:" and line[i - 1:i].isdigit() and line[i + 1:i + 2].isdigit():
            continue   # 3,000 and 9:30, 1:500
        # after Chinese (会议要求,) or a percentage in Chinese text (达99%,“好差评”), or before a Chinese
        # word (落实 ,确保; Python, 以及); a Latin phrase inside Chinese quotes (“Hello, world!”, “Hello,
        # 青禾”) keeps its own marks
        if cjk(prev_char(line, mask, i)) or _after_percentage(line, mask, i) or (
                han(next_char(line, mask, i)) and not _in_latin_quote(line, i)):
            edits.append(Edit(i + 1, ch, _PUNCT_FIX[ch], "BL201"))
    return edits


# Items listed with half-width commas: numbers (1,2,3号楼; 0.5,1.0,1.5米), capital letters (A,B,C三组)
# or Latin words, hyphenated ones too (Docker,Kubernetes等; UTF-8,GBK两种)
# (numbers and capitals also with a space after each comma, 1, 2, 3号楼: the space goes with the comma)
_WORD = r"[A-Za-z][A-Za-z0-9+#]*(?:-[A-Za-z0-9+#]+)*"
_LIST = re.compile(r"(?<![A-Za-z0-9_.,-])(?:[0-9]+(?:\.[0-9]+)?(?:, ?[0-9]+(?:\.[0-9]+)?)+|[A-Z](?:, ?[A-Z])+"
                   rf"|{_WORD}(?:,{_WORD})+)(?![A-Za-z0-9_,-])")


def _listed(line: str, mask: list[bool], i: int) -> bool:
    """A comma between items that are listed beside Chinese words (not marks: （120.15,30.28） is a
    point), not numbers grouped in thousands
    (12,345; 1,234.56: groups of three after the first, a decimal part only at the end) nor the
    locants of a chemical name (1,2-二氯乙烷: a hyphen after them)."""
    for m in _LIST.finditer(line, max(0, i - NEAR), i + NEAR):      # a list of a few short items
        if m.start() < i < m.end():
            groups = [group.strip(" ") for group in m.group().split(",")]
            beside = han(prev_char(line, mask, m.start(), False)) or han(next_char(line, mask, m.end() - 1, False))
            thousands = groups[0][:1].isdigit() and all(g.isdigit() for g in groups[:-1]) and len(groups[0]) <= 3 \
                and all(len(g.split(".")[0]) == 3 for g in groups[1:])
            return beside and not thousands and not _english_phrase(groups) and not any(mask[m.start():m.end()])
    return False


def _english_phrase(groups: list[str]) -> bool:
    """Words that read as an English phrase, not names listed: a capitalized word and then a lower-case
    one (Hello,world: its comma is English, and 、 would make two names of it); names keep their
    own case (Docker,Kubernetes; nginx,redis; iOS,Android)."""
    first = groups[0]
    return first[:1].isupper() and first[1:].islower() and any(g.isalpha() and g.islower() for g in groups[1:])


def _after_percentage(line: str, mask: list[bool], i: int) -> bool:
    """A mark right after a percentage that follows Chinese text: 群众满意率达99%, 占比约41%;"""
    if line[i - 1:i] not in ("%", "‰", "％"):
        return False
    before = _CHINESE_NUMBER_END.search(line, max(0, i - NEAR), i)
    return before is not None and not any(mask[before.start():i])


def _in_latin_quote(line: str, i: int) -> bool:
    """Whether position ``i`` is inside “…” that opens with a Latin word (“Hello, 青禾”)."""
    start = line.rfind("“", max(0, i - 4 * NEAR), i)
    return start >= 0 and "”" not in line[start:i] and "”" in line[i:i + 4 * NEAR] \
        and line[start + 1:start + 2].isascii() and line[start + 1:start + 2].isalpha()


def _period_edit(line: str, mask: list[bool], i: int) -> Edit | None:
    """A full stop only directly after Chinese text: 参考. → 参考。, 一. → 一、, 等... → 等……;
    not 3.5, 1. (a list number), 方案.docx (a file name) or Fig. 3 (Latin)."""
    if i > 0 and line[i - 1] == "." and not mask[i - 1]:
        return None   # the rest of a run of dots, handled at its first dot
    run = _DOTS.match(line, i).end() - i
    if any(mask[i:i + run]):
        return None
    if not cjk(prev_char(line, mask, i)):
        return _number_end_edit(line, mask, i, run)
    after = line[i + run:i + run + 1]
    if run == 1 and after.isascii() and after.isalpha():
        return None   # 方案.docx
    if run > 1:
        return Edit(i + 1, "." * run, "……", "BL201")
    new = "、" if _CN_HEADING_NUMBER.match(line, 0, i) else "。"
    return Edit(i + 1, ".", new, "BL201")


def _number_end_edit(line: str, mask: list[bool], i: int, run: int) -> Edit | None:
    """A single full stop ending the line after a number or a Latin token that follows Chinese text
    (占比85%. → 占比85%。, 升级至v2.3.1., 发送至a@b.cn.), or after a percentage before Chinese text
    (增长12.5%.其中: no decimal point follows a %). Inside a line, "附件1.实施方案" is a list number."""
    if run != 1:
        return None
    before = _CHINESE_NUMBER_END.search(line, max(0, i - NEAR), i)
    if _BLANK_REST.match(line, i + 1):
        number = before is not None and not any(mask[before.start():i])
        latin = _latin_after_chinese(line, mask, i) or _latin_phrase_after_han(line, mask, i)
        return Edit(i + 1, ".", "。", "BL201") if number or latin else None
    if _after_percentage(line, mask, i) and han(line[i + 1:i + 1 + NEAR].lstrip(" ")[:1]):
        return Edit(i + 1, ".", "。", "BL201")
    return None


# initials with their dots: U.S, U.K, U.S.A, Ph.D, e.g (the line's last dot is theirs too)
_INITIALS = re.compile(r"(?:^|[^A-Za-z])(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$")


def _latin_after_chinese(line: str, mask: list[bool], i: int) -> bool:
    """Whether the text before ``i`` back to a space or Chinese text is a token with a Latin letter
    (masked parts such as an address or a code span included) that Chinese text runs into; digits
    alone after a mark are a list number (其中：1.), and initials keep their dot (来自U.S.)."""
    j, stop = i, max(0, i - 4 * NEAR)      # a token is a word or an address, not a line
    while j > stop and (mask[j - 1] or not (line[j - 1].isspace() or cjk(line[j - 1]))):
        j -= 1
    token = line[j:i]
    latin = any(ch.isascii() and ch.isalpha() for ch in token) or all(mask[j:i])   # or a footnote's [^1]
    return j > 0 and not mask[j - 1] and cjk(line[j - 1]) and not token.endswith(".") and latin \
        and not _INITIALS.search(token)


_LATIN_PHRASE = re.compile(rf"[{HAN}]([A-Za-z0-9][A-Za-z0-9 .+#&/_'-]*)$")


def _latin_phrase_after_han(line: str, mask: list[bool], i: int) -> bool:
    """Whether the line's last words before ``i`` are a Latin phrase that a Chinese word runs straight
    into (升级至Windows Server 2019.: the Chinese sentence ends there). After a mark or a space the
    phrase is a sentence of its own (英文名称：Qinghe Data Bureau. keeps its full stop), and
    initials keep their dot (来自the U.S.)."""
    phrase = _LATIN_PHRASE.search(line, max(0, i - 4 * NEAR), i)
    return phrase is not None and " " in phrase[1] and not any(mask[phrase.start():i]) \
        and any(ch.isalpha() for ch in phrase[1]) and not phrase[1].endswith((".", " ")) \
        and not _INITIALS.search(phrase[1])


_FILE_SUFFIX = re.compile(rf"\.{SUFFIX_WORD}\b", re.I)


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
            latin = not IS_HAN.search(inner) and re.search(r"[A-Za-z0-9] *$", line[max(0, i - NEAR):i])   # Guide (2026 Edition)
            if (latin and end is not None) or (end is not None and _FILE_SUFFIX.match(line, end + 1)):
                continue      # an English title's brackets, a file name's: 目录(修订版).xlsx
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
