"""`bulletin check`: the build's validation plus editorial checks, one line per finding.

    path:line:col: CODE message

Lines and columns are 1-based; columns count characters, not bytes.  The checks read the
sources leniently (scan.py), so a file that does not validate still gets its editorial checks.

Fixes are proposed as edits of single characters or runs of spaces; they are shown as a unified
diff (``--diff``, and always before ``--fix`` writes), never change the number of Han characters
(a file whose fix would is refused, see ``plan_fix``) and never touch a file that is not UTF-8.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from ..atomic import write_atomic
from ..errors import SourceError
from ..kinds import KINDS
from ..model import docnumber
from ..model.markdown import FenceTracker
from ..sources import scan
from ..sources.loader import load_project

HEADLINE_LIMIT = 28   # a print line holds 28 characters of 3号 type (GB/T 9704): one TOC line

CODES = {
    "BL001": "the build's validation failed (schema, address book, YAML, folders …)",
    "BL101": "gap in the numbering: a 第N期 is missing in a series and year",
    "BL102": "duplicate number: two issues of a series and year have the same 第N期",
    "BL103": "date out of order: a later number carries an earlier date",
    "BL104": "总第N期 does not follow on from the previous issue",
    "BL105": "date in the future",
    "BL201": "half-width . , ; : ? ! ( ) after or around Chinese text; expected 。，；：？！（）  [fixable]",
    "BL202": "straight quotes \" ' in Chinese text; expected “ ” ‘ ’  [fixable]",
    "BL203": "half-width space inside Chinese text (青禾 市政府): reported, not fixed: delete it if it is "
             "stray, use 、 between the items of a list, a full-width space if it separates two fields",
    "BL204": "half-width space separating two fields (date|place, name|title, 第一章|总则, 文号|title, "
             "内部资料|注意保存); expected a full-width space U+3000  [fixable]",
    "BL205": "space beside full-width punctuation (完成 。下一步); expected none: the mark carries its own "
             "space  [fixable]",
    "BL301": "document number (doc_number, or 青政办函(2026)8号 in the text) with [] 【】 () around the "
             "year; expected 〔〕  [fixable]",
    "BL302": "document number not in the form 机关代字〔2026〕8号 (no 第, no leading zero, ends in 号)",
    "BL401": "the same headline twice in one issue",
    "BL402": f"headline longer than one TOC line ({HEADLINE_LIMIT} full-width characters; "
              "a half-width letter or digit counts as half)",
    "BL501": "placeholder text from `bulletin new` left in the issue",
}

CODES_HELP = "finding codes:\n" + "\n".join(f"  {code}  {text}" for code, text in CODES.items()) + (
    "\n\nChecked as prose: the body of every .md under bulletins/<series>/<year>/ and the front-matter "
    "fields title, addressees and note. Not checked: code spans and fences, HTML tags, entities and "
    "comments, URLs, e-mail addresses, link targets, file names (方案.docx), times and ratios such as "
    "9:30, numbers such as 3,000 and 3.5, and Latin phrases (Hello, world!).\n\n"
    "Spaces: a full-width space (U+3000) between Chinese characters is always accepted. A half-width "
    "space that separates two fields becomes a full-width space (BL204): after a date or time "
    "(2026年7月2日 市行政中心, 8号 关于…), after 第一章/第三条, around a title or role (周明远 市长, "
    "记者 王丽) and in markings (内部资料 注意保存). A space beside full-width punctuation is removed "
    "(BL205). Any other space between Chinese characters is reported (BL203) and left for you to decide.\n\n"
    "A file that is not UTF-8 gets one line, 'path:line: not UTF-8 text (byte 0x.. at column N); "
    "expected UTF-8 — convert the file first', and is never changed.")

FIXABLE = {"BL201", "BL202", "BL204", "BL205", "BL301"}
PROSE_KEYS = ("title", "addressees", "note")
# Check's own rules that look again, more precisely, at something the build's loader validates too
# (the issue number, the document number, the file's encoding). Where one of them reports on the same
# path:line as a loader problem, that loader problem is the same fault: only the finding is shown.
SUPERSEDES_LOADER = {"BL102", "BL301", "BL302", ""}

_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_PUNCT = ("\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f"
              "\u2018\u2019\u201c\u201d\u2026\u2014")
_IS_HAN = re.compile(f"[{_HAN}]")
_IS_CJK = re.compile(f"[{_HAN}{_CJK_PUNCT}]")
_H2 = re.compile(r"^##(?!#)[ \t]+(.+?)[ \t]*#*[ \t]*$")
_NO_URL_END = r"\s<>\"'）)\]" + _HAN + _CJK_PUNCT
_MASKS = [
    re.compile(r"(`+).+?\1"),                                         # code spans
    # URLs; a mark right after one (…/a, 请) ends the sentence, so the URL never ends in . , ; : ! ?
    re.compile(rf"(?:https?|ftp)://[^{_NO_URL_END}]*[^{_NO_URL_END}.,;:!?]"),
    re.compile(rf"www\.[A-Za-z0-9.-]+[A-Za-z0-9](?:/[^{_NO_URL_END}]*[^{_NO_URL_END}.,;:!?])?"),
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),   # e-mail
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),                 # link targets
    re.compile(r"\]\[[^\]]*\]"),                                      # reference links
    re.compile(r"!\["),                                               # image start
    re.compile(r"\[\^[^\]]+\]:?"),                                    # footnotes
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$"),                          # link reference definitions
    re.compile(r"</?[A-Za-z][^>]*>"),                                 # HTML tags
    re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"),   # HTML entities
    re.compile(r"\{[:#.][^}]*\}"),                                    # attribute lists
]
_PUNCT_FIX = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_SPACES = re.compile(r"[ \t\u3000]+")
_CN_HEADING_NUMBER = re.compile(r"^\s*(?:#{1,6}\s+)?[一二三四五六七八九十]+$")   # "一." is 一、
PLACEHOLDER = "（在此填写"
HIDDEN = "\x00"   # stands in for each character of an HTML comment: masked, and never a space


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    code: str       # "" for a file that cannot be checked at all (not UTF-8): no column, no code
    message: str

    def __str__(self) -> str:
        if not self.code:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


@dataclass
class Edit:
    col: int            # 1-based column in the original line
    old: str
    new: str            # == old: reported, not fixed
    code: str
    note: str = ""      # what the message shows of the context


# ---------------------------------------------------------------- characters


def _cjk(ch: str) -> bool:
    return bool(ch) and bool(_IS_CJK.match(ch))


def _han(ch: str) -> bool:
    return bool(ch) and bool(_IS_HAN.match(ch))


def han_count(text: str) -> int:
    return len(_IS_HAN.findall(text))


def _width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text if not ch.isspace())


def _masked(line: str, start: int = 0, end: int | None = None) -> list[bool]:
    """True for each character the prose checks must ignore (and everything outside start:end)."""
    end = len(line) if end is None else end
    mask = [not start <= i < end or ch == HIDDEN for i, ch in enumerate(line)]
    for rx in _MASKS:
        for m in rx.finditer(line):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


def _prev(line: str, mask: list[bool], i: int, skip_space: bool = True) -> str:
    j = i - 1
    while skip_space and j >= 0 and line[j] == " ":
        j -= 1
    return line[j] if j >= 0 and not mask[j] else ""


def _next(line: str, mask: list[bool], i: int, skip_space: bool = True) -> str:
    j = i + 1
    while skip_space and j < len(line) and line[j] == " ":
        j += 1
    return line[j] if j < len(line) and not mask[j] else ""


# ---------------------------------------------------------------- prose: punctuation


def prose_edits(line: str, start: int = 0, end: int | None = None) -> list[Edit]:
    """Findings (as proposed edits) for one line of prose; columns refer to ``line``."""
    mask = _masked(line, start, end)
    edits = _edits_on(line, mask)
    for _ in range(3):
        # a fixed mark can put the next one after Chinese text (吗?! → 吗？! → 吗？！): look again at the
        # line as it will be, so one --fix is enough
        seen, dropped = {(e.col, e.code) for e in edits}, _dropped_spaces(line, edits)
        more = [e for e in _edits_on(_substituted(line, edits), mask)
                if (e.col, e.code) not in seen and e.col - 1 not in dropped]
        if not more:
            break
        edits += more
    return sorted(edits, key=lambda e: e.col)


def _edits_on(line: str, mask: list[bool]) -> list[Edit]:
    edits = _docnum_edits(line, mask)   # first: its brackets are then no longer ( ) for BL201
    edits += _mark_edits(line, mask) + _paren_edits(line, mask)
    edits += _quote_edits(line, mask, '"', "“", "”")
    edits += _quote_edits(line, mask, "'", "‘", "’", need_inner=True)
    return edits + _space_edits(line, mask)


def _substituted(line: str, edits: list[Edit]) -> str:
    """The line with the fixable replacements made but its length kept (so columns stay valid):
    a run of dots becomes as many …, spaces stay."""
    chars = list(line)
    for e in edits:
        if e.code in FIXABLE and e.new != e.old and e.new.strip():
            i = e.col - 1
            chars[i:i + len(e.old)] = e.new if len(e.new) == len(e.old) else "…" * len(e.old)
    return "".join(chars)


def _docnum_edits(line: str, mask: list[bool]) -> list[Edit]:
    """A document number in the text with the year in the wrong brackets: 青政办函(2026)8号 → 〔2026〕."""
    edits = []
    for m in docnumber.WRONG_IN_TEXT.finditer(line):
        if not any(mask[m.start():m.end()]):
            edits.append(Edit(m.start() + 1, m.group(), docnumber.right_brackets(m["year"]), "BL301"))
            mask[m.start():m.end()] = [True] * len(m.group())
    return edits


def _mark_edits(line: str, mask: list[bool]) -> list[Edit]:
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
        if _cjk(_prev(line, mask, i)) or _han(_next(line, mask, i)):
            edits.append(Edit(i + 1, ch, _PUNCT_FIX[ch], "BL201"))
    return edits


def _period_edit(line: str, mask: list[bool], i: int) -> Edit | None:
    """A full stop only directly after Chinese text: 参考. → 参考。, 一. → 一、, 等... → 等……;
    not 3.5, 1. (a list number), 方案.docx (a file name) or Fig. 3 (Latin)."""
    if i > 0 and line[i - 1] == "." and not mask[i - 1]:
        return None   # the rest of a run of dots, handled at its first dot
    run = len(line[i:]) - len(line[i:].lstrip("."))
    if any(mask[i:i + run]) or not _cjk(_prev(line, mask, i)):
        return None
    after = line[i + run:i + run + 1]
    if run == 1 and after.isascii() and after.isalpha():
        return None   # 方案.docx
    if run > 1:
        return Edit(i + 1, "." * run, "……", "BL201")
    new = "、" if _CN_HEADING_NUMBER.match(line[:i]) else "。"
    return Edit(i + 1, ".", new, "BL201")


def _paren_edits(line: str, mask: list[bool]) -> list[Edit]:
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
            chinese = _IS_HAN.search(inner) or _cjk(_prev(line, mask, i, False)) or (
                end is not None and _cjk(_next(line, mask, end, False))) or (
                end is None and _cjk(_next(line, mask, i, False)))
            if chinese:
                edits.append(Edit(i + 1, "(", "（", "BL201"))
                if end is not None:
                    edits.append(Edit(end + 1, ")", "）", "BL201"))
        elif ch == ")" and i not in closing:
            if _cjk(_prev(line, mask, i, False)) or _cjk(_next(line, mask, i, False)):
                edits.append(Edit(i + 1, ")", "）", "BL201"))
    return edits


def _quote_edits(line: str, mask: list[bool], q: str, left: str, right: str, need_inner: bool = False) -> list[Edit]:
    spots = [i for i, ch in enumerate(line) if ch == q and not mask[i]]
    edits: list[Edit] = []
    if len(spots) % 2 == 0:
        for o, c in zip(spots[::2], spots[1::2]):
            inner = bool(_IS_HAN.search(line[o + 1:c]))
            outer = _cjk(_prev(line, mask, o, False)) or _cjk(_next(line, mask, c, False))
            if inner or (outer and not need_inner):
                edits.append(Edit(o + 1, q, left, "BL202"))
                edits.append(Edit(c + 1, q, right, "BL202"))
    elif not need_inner:
        for i in spots:
            if _cjk(_prev(line, mask, i, False)) or _cjk(_next(line, mask, i, False)):
                edits.append(Edit(i + 1, q, q, "BL202"))   # unpaired: reported, not fixed
    return edits


# ---------------------------------------------------------------- prose: spaces

_DIGITS = "0-9０-９"
_CN_DIGITS = "〇零一二三四五六七八九十"
# a date or time ends the text before the space: 2026年7月2日, 7月2日上午, 9时30分, 8号, 第3期
_DATE_END = re.compile(rf"(?:[{_DIGITS}]{{1,4}}[年月日号时点分期]|[{_CN_DIGITS}]{{1,4}}[年月日])"
                       r"(?:[上中下]午|凌晨|早上|晚上|[上中下]旬)?$")
_DATE_START = re.compile(rf"^[{_CN_DIGITS}]{{1,4}}[年月日]")          # …办公室 二〇二六年三月二日
_NUMBERED_END = re.compile(rf"第[{_DIGITS}{_CN_DIGITS}百]+(?:章|节|条|款|编|部分)$")   # 第一章 总则
_HAN_END = re.compile(f"[{_HAN}]+$")
_HAN_START = re.compile(f"^[{_HAN}]+")
TITLES = ("同志", "先生", "女士", "书记", "主任", "主席", "委员", "常委", "秘书长", "董事长", "理事长",
          "省长", "市长", "县长", "区长", "镇长", "乡长", "村长", "厅长", "局长", "处长", "科长", "部长",
          "司长", "署长", "院长", "校长", "所长", "站长", "队长", "馆长", "会长", "社长", "行长", "组长",
          "经理", "总监", "教授", "研究员", "工程师")
# roles as nouns only: 编辑, 审核, 摄影 are verbs as often ("请 重新编辑" is a stray space)
ROLES = ("记者", "通讯员", "责任编辑", "主编", "联系人", "主持人", "发言人", "签发人")
MARKINGS = ("内部资料", "注意保存", "秘密", "机密", "绝密", "特急", "加急")


def separates_fields(before: str, after: str) -> bool:
    """Whether a space between ``before`` and ``after`` (both Han where they meet) separates two
    fields, so that it is meant and wants a full-width space, rather than being stray."""
    left = _HAN_END.search(before).group()
    right = _HAN_START.match(after).group()
    return bool(_DATE_END.search(before) or _NUMBERED_END.search(before) or _DATE_START.match(after)
                or left.endswith(TITLES + ROLES + MARKINGS)      # 市长 周明远, 记者 王丽, 内部资料 注意保存
                or right.endswith(TITLES + ROLES) or right.startswith(MARKINGS))   # 周明远 副市长


def _context(line: str, a: int, b: int) -> str:
    """The words either side of the space run line[a:b], for the message."""
    left = re.search(r"[^\s，。；：、（）【】“”]{1,10}$", line[:a])
    right = re.match(r"[^\s，。；：、（）【】“”]{1,6}", line[b:])
    return (left.group() if left else line[a - 1]) + line[a:b] + (right.group() if right else line[b])


def _space_edits(line: str, mask: list[bool]) -> list[Edit]:
    """Runs of spaces between two Chinese characters (Han or full-width punctuation)."""
    edits: list[Edit] = []
    for m in _SPACES.finditer(line):
        a, b = m.start(), m.end()
        if a == 0 or b >= len(line) or any(mask[a - 1:b + 1]) or not (_cjk(line[a - 1]) and _cjk(line[b])):
            continue
        run, wide, note = m.group(), m.group().count("\u3000"), _context(line, a, b)
        if wide == len(run):
            continue                                              # full-width spaces: always meant
        if wide:
            edits.append(Edit(a + 1, run, "\u3000" * wide, "BL204", note))
        elif not (_han(line[a - 1]) and _han(line[b])):
            edits.append(Edit(a + 1, run, "", "BL205", note))
        elif separates_fields(line[:a], line[b:]):
            edits.append(Edit(a + 1, run, "\u3000", "BL204", note))
        else:
            edits.append(Edit(a + 1, run, run, "BL203", note))
    return edits


def describe(edit: Edit) -> str:
    if edit.code == "BL203":
        return (f"space inside Chinese text '{edit.note}'; expected none — delete it if it is stray, "
                "use 、 between the items of a list, or a full-width space (U+3000) if it separates two "
                "fields (not fixed automatically)")
    if edit.code == "BL204":
        return (f"half-width space separating two fields in '{edit.note}'; "
                "expected a full-width space (U+3000) there")
    if edit.code == "BL205":
        return f"space beside full-width punctuation in '{edit.note}'; expected none"
    if edit.code == "BL301":
        return f"document number writes the year as '{edit.old}'; expected {edit.new}"
    if edit.code == "BL202" and edit.new == edit.old:
        return f"unpaired straight quote {edit.old} in Chinese text; expected “ ” (fix by hand)"
    if edit.code == "BL202":
        return f"straight quote {edit.old} in Chinese text; expected {edit.new}"
    return f"half-width '{edit.old}' in Chinese text; expected full-width '{edit.new}'"


def apply_edits(line: str, edits: list[Edit]) -> str:
    """The line with every fixable edit applied, and spaces around replaced punctuation removed."""
    chars = list(line)
    for e in edits:
        if e.code in FIXABLE and e.new != e.old:
            chars[e.col - 1] = e.new
    drop = _dropped_spaces(line, edits)
    return "".join(ch for i, ch in enumerate(chars) if i not in drop)


def _dropped_spaces(line: str, edits: list[Edit]) -> set[int]:
    """Indexes that the fixes remove: the rest of each replaced run, and the spaces around a mark
    made full-width ("会议 , 要求" → "会议，要求": full-width marks carry their own space)."""
    drop: set[int] = set()
    for e in edits:
        if e.code not in FIXABLE or e.new == e.old:
            continue
        i = e.col - 1
        drop.update(range(i + 1, i + len(e.old)))
        if e.code == "BL201":
            j = i - 1
            while j >= 0 and line[j] == " ":
                drop.add(j)
                j -= 1
            j = i + len(e.old)
            while j < len(line) and line[j] == " ":
                drop.add(j)
                j += 1
    return drop


# ---------------------------------------------------------------- files


@dataclass
class _FileResult:
    src: scan.SourceFile
    findings: list[Finding]
    edits: dict[int, list[Edit]]   # line index → edits

    def prose(self, index: int, line: str, start: int = 0, end: int | None = None) -> None:
        found = prose_edits(line, start, end)
        if found:
            self.edits.setdefault(index, []).extend(found)
            for e in found:
                self.add(index, e.col, e.code, describe(e))

    def add(self, index: int, col: int, code: str, message: str) -> None:
        self.findings.append(Finding(self.src.rel, index + 1, col, code, message))


def check_file(src: scan.SourceFile, is_issue: bool) -> _FileResult:
    result = _FileResult(src, [], {})
    if src.not_utf8:
        line, col, byte = src.not_utf8
        result.findings.append(Finding(src.rel, line, 0, "", f"not UTF-8 text (byte 0x{byte:02x} at column "
                                                             f"{col}); expected UTF-8 — convert the file first"))
        return result
    _check_front_matter(result)
    headlines: dict[str, int] = {}
    for index, text in _body_text(src):
        if PLACEHOLDER in text:
            result.add(index, text.index(PLACEHOLDER) + 1, "BL501",
                       "placeholder text from `bulletin new` is still here; expected the real text")
        if text.replace(HIDDEN, "").strip():
            result.prose(index, text)
            if is_issue:
                _check_headline(result, index, text, headlines)
    return result


def _fm_value(line: str) -> tuple[int, int] | None:
    """(start, end) of a prose field's value on its line; YAML's own quotes are left outside."""
    m = re.match(r"^(\w+):[ \t]*", line)
    if not m or m.group(1) not in PROSE_KEYS or m.end() >= len(line.rstrip()):
        return None
    start, end = m.end(), len(line.rstrip())
    if line[start] in "\"'" and end > start + 1 and line[end - 1] == line[start]:
        return start + 1, end - 1
    return start, len(line)


def _check_front_matter(result: _FileResult) -> None:
    src = result.src
    for index in range(1, src.fm_end):
        line = src.lines[index]
        value = _fm_value(line)
        if value is not None:
            result.prose(index, line, *value)
        if line.startswith("doc_number:"):
            _check_doc_number(result, index, line)


def _check_doc_number(result: _FileResult, index: int, line: str) -> None:
    """BL301 (the year in the wrong brackets, fixable), then the build's own rule on the fixed value."""
    value = line.split(":", 1)[1].strip().strip("\"'")
    if not value:
        return
    col = line.index(value) + 1
    bad = docnumber.WRONG_BRACKETS.search(value)
    if bad:
        right = docnumber.right_brackets(bad["year"])
        result.add(index, col + bad.start(), "BL301", f"document number '{value}' writes the year as "
                                                      f"'{bad.group(0)}'; expected {right}")
        result.edits.setdefault(index, []).append(Edit(col + bad.start(), bad.group(0), right, "BL301"))
    fixed = docnumber.fix_brackets(value)
    date, year = result.src.get_date(), docnumber.YEAR_IN_BRACKETS.search(fixed)
    if fixed.startswith("（"):
        return   # the skeleton's （发文机关代字）: the loader asks for the real one
    problem = docnumber.problem(fixed, date.year if date else int(year["year"]) if year else 0)
    if problem:
        result.add(index, col, "BL302", problem)


def _body_text(src: scan.SourceFile) -> Iterator[tuple[int, str]]:
    """(line index, text) of each body line outside code fences, HTML comments hidden (same columns)."""
    fences = FenceTracker()
    comment = False
    for index in range(src.body_start, len(src.lines)):
        line = src.lines[index]
        if fences.classify(line) != "text":
            continue
        text = line
        if comment:
            if "-->" not in line:
                continue
            end = line.index("-->") + 3
            text = HIDDEN * end + line[end:]
            comment = False
        while "<!--" in text:
            a = text.index("<!--")
            b = text.find("-->", a + 4)
            if b < 0:
                text = text[:a] + HIDDEN * (len(text) - a)
                comment = True
                break
            text = text[:a] + HIDDEN * (b + 3 - a) + text[b + 3:]
        yield index, text


def _check_headline(result: _FileResult, index: int, text: str, headlines: dict[str, int]) -> None:
    heading = _H2.match(text)
    if not heading:
        return
    title = heading.group(1).replace(HIDDEN, "").strip()
    col = heading.start(1) + 1
    key = re.sub(r"\s+", "", title)
    if key in headlines:
        result.add(index, col, "BL401", f"headline '{title}' already appears on line {headlines[key]}; "
                                        "expected each headline once in an issue")
    else:
        headlines[key] = index + 1
    width = _width(title)
    if width > HEADLINE_LIMIT:
        result.add(index, col, "BL402", f"headline is {width:g} characters wide; expected at most "
                                        f"{HEADLINE_LIMIT} to fit one 本期目录 line")


# ---------------------------------------------------------------- series


def check_numbering(sources: list[scan.SourceFile], series: str, today: dt.date,
                    gaps: bool = True) -> list[Finding]:
    """Numbering and dates of one series; ``gaps`` is off for kinds not numbered by year (notices
    and plans take their numbers from a register shared with documents never published here)."""
    findings = _future_dates(sources, today)
    chain: list[scan.SourceFile] = []
    for (year, supplement), members in sorted(_by_year(sources).items()):
        label = "增刊" if supplement else ""
        unique = _unique_numbers(members, f"{label}第{{}}期 of {series} {year}", findings)
        if gaps:
            findings += _gaps(unique, label, f"of {series} {year}")
        findings += _order(unique)
        if not supplement:
            chain += unique
    return findings + _totals(chain)


def _by_year(sources: list[scan.SourceFile]) -> dict[tuple[int, bool], list[scan.SourceFile]]:
    groups: dict[tuple[int, bool], list[scan.SourceFile]] = defaultdict(list)
    for src in sources:
        if src.get_int("issue") is None:
            continue
        date = src.get_date()
        year = date.year if date else (int(src.path.parent.name) if src.path.parent.name.isdigit() else 0)
        groups[(year, src.supplement)].append(src)
    return groups


def _future_dates(sources: list[scan.SourceFile], today: dt.date) -> list[Finding]:
    findings = []
    for src in sources:
        date = src.get_date()
        if src.get_int("issue") is not None and date and date > today:
            findings.append(Finding(src.rel, src.line_of("date"), 1, "BL105",
                                    f"date {date.isoformat()} is in the future (today is {today.isoformat()}); "
                                    "expected the date the issue is published"))
    return findings


def _unique_numbers(members: list[scan.SourceFile], what: str, findings: list[Finding]) -> list[scan.SourceFile]:
    """The members sorted by number, each number once; a second one is reported (BL102)."""
    seen: dict[int, scan.SourceFile] = {}
    for src in sorted(members, key=lambda s: (s.get_int("issue"), s.rel)):
        n = src.get_int("issue")
        if n in seen:
            findings.append(Finding(src.rel, src.line_of("issue"), 1, "BL102",
                                    f"{what.format(n)} is also {seen[n].rel}; expected each number once a year"))
        else:
            seen[n] = src
    return list(seen.values())


def _gaps(unique: list[scan.SourceFile], label: str, where: str) -> list[Finding]:
    findings, previous = [], 0
    for src in unique:
        n = src.get_int("issue")
        if n > previous + 1:
            missing = f"{label}第{previous + 1}期" if n == previous + 2 else \
                f"{label}第{previous + 1}期 to 第{n - 1}期"
            findings.append(Finding(src.rel, src.line_of("issue"), 1, "BL101",
                                    f"{missing} {where} missing before this {label}第{n}期; "
                                    "expected numbers without gaps, starting at 1 each year"))
        previous = n
    return findings


def _order(unique: list[scan.SourceFile]) -> list[Finding]:
    findings = []
    for a, b in zip(unique, unique[1:]):
        da, db = a.get_date(), b.get_date()
        if da and db and db < da:
            findings.append(Finding(b.rel, b.line_of("date"), 1, "BL103",
                                    f"第{b.get_int('issue')}期 is dated {db.isoformat()}, before "
                                    f"第{a.get_int('issue')}期 ({da.isoformat()}, {a.rel}); "
                                    "expected dates in the order of the numbers"))
    return findings


def _totals(chain: list[scan.SourceFile]) -> list[Finding]:
    findings = []
    with_total = [s for s in chain if s.get_int("total")]
    for a, b in zip(with_total, with_total[1:]):
        ya, yb = a.get_date(), b.get_date()
        same_year = ya and yb and ya.year == yb.year
        step = b.get_int("issue") - a.get_int("issue") if same_year else b.get_int("issue")
        expected = a.get_int("total") + step
        if b.get_int("total") != expected:
            findings.append(Finding(b.rel, b.line_of("total"), 1, "BL104",
                                    f"总第{b.get_int('total')}期 does not follow 总第{a.get_int('total')}期 of "
                                    f"{a.rel}; expected 总第{expected}期"))
    return findings


# ---------------------------------------------------------------- run


def collect(root: Path, today: dt.date | None = None, bulletins: str = "bulletins") -> tuple[list[Finding], dict]:
    """Every finding, sorted, and the fixable edits per file: {path: (SourceFile, {line index: edits})}."""
    today = today or dt.date.today()
    own: list[Finding] = []
    fixes: dict[Path, tuple[scan.SourceFile, dict]] = {}
    for folder in scan.series_folders(root / bulletins):
        own += _check_series(root, folder, today, fixes)
    superseding = {(f.path, f.line) for f in own if f.code in SUPERSEDES_LOADER}
    loader = [f for f in _loader_findings(root, bulletins) if (f.path, f.line) not in superseding]
    return sorted(set(own + loader)), fixes


def _loader_findings(root: Path, bulletins: str) -> list[Finding]:
    """The build's own validation, each problem as a BL001 finding."""
    try:
        load_project(root, bulletins)
    except SourceError as exc:
        return [Finding(str(p.path), p.line or 1, 1, "BL001", p.message) for p in exc.problems]
    return []


def _check_series(root: Path, folder: Path, today: dt.date, fixes: dict) -> list[Finding]:
    findings: list[Finding] = []
    issue_paths = set(scan.issue_files(folder))
    issues: list[scan.SourceFile] = []
    for path in scan.all_markdown(folder):
        src = scan.read_source(path, path.relative_to(root).as_posix())
        result = check_file(src, path in issue_paths)
        findings += result.findings
        if any(e.code in FIXABLE and e.new != e.old for edits in result.edits.values() for e in edits):
            fixes[path] = (src, result.edits)
        if path in issue_paths:
            issues.append(src)
    name = scan.read_series_yml(folder).get("kind", "bulletin")
    kind = KINDS.get(name) if isinstance(name, str) else None
    # an unknown kind is the loader's to report; without it there is no numbering rule to apply
    return findings + check_numbering(issues, folder.name, today, gaps=bool(kind and kind.numbered_by_year))


# ---------------------------------------------------------------- fixes


@dataclass
class FilePlan:
    """The fixes of one file as whole texts (BOM and line endings as on disk), or why they are refused."""
    path: Path
    rel: str
    old: str
    new: str
    refused: str | None = None

    def diff(self) -> list[str]:
        return list(difflib.unified_diff(scan.split_lines(self.old), scan.split_lines(self.new),
                                         f"a/{self.rel}", f"b/{self.rel}", lineterm=""))


_LINE_END = re.compile(r"(\r\n|\r|\n)")


def plan_fix(path: Path, src: scan.SourceFile, edits: dict[int, list[Edit]]) -> FilePlan:
    """The file with ``edits`` applied. Refused (and never to be written) when the file is not UTF-8
    any more, changed since it was checked, or when the fix would change its number of Han characters."""
    raw = path.read_bytes()
    try:
        old = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col, byte = scan.first_bad_byte(raw, exc.start)
        return FilePlan(path, src.rel, "", "", f"{src.rel}:{line}: not UTF-8 text (byte 0x{byte:02x} at column "
                                              f"{col}); expected UTF-8 — convert the file first")
    bom = "\ufeff" if old.startswith("\ufeff") else ""
    parts = _LINE_END.split(old[len(bom):])
    lines, ends = parts[0::2], parts[1::2] + [""]
    if lines != src.lines:
        return FilePlan(path, src.rel, old, old, f"{src.rel}:1: fix refused: the file changed while it was "
                                                 "being checked; expected it unchanged — run the check again")
    for index, line_edits in edits.items():
        lines[index] = apply_edits(lines[index], line_edits)
    new = bom + "".join(line + end for line, end in zip(lines, ends))
    return FilePlan(path, src.rel, old, new, _han_guard(src, lines))


def _han_guard(src: scan.SourceFile, fixed: list[str]) -> str | None:
    """A fix replaces punctuation and spaces only; should one ever touch a Han character, say so
    (one line) instead of writing."""
    for index, (before, after) in enumerate(zip(src.lines, fixed)):
        if han_count(before) != han_count(after):
            return (f"{src.rel}:{index + 1}: fix refused: it would change the number of Han characters on "
                    f"this line from {han_count(before)} to {han_count(after)}; expected the same — the file "
                    "was left as it is (please report this)")
    return None


def run_check(root: Path, fix: bool = False, today: dt.date | None = None, out: TextIO | None = None,
              diff: bool = False) -> int:
    """Report every finding. ``diff``: also show the fixes as a unified diff. ``fix``: show that diff,
    write the files, then check again and report what is left. Exit status 0 only when clean."""
    out = out or sys.stdout
    findings, fixes = collect(root, today)
    plans = [plan_fix(path, src, edits) for path, (src, edits) in sorted(fixes.items())] if fix or diff else []
    for plan in plans:
        shown = plan.refused or "\n".join(plan.diff())
        if shown:
            print(shown, file=out)
    refused = [p for p in plans if p.refused]
    if fix:
        ready = [p for p in plans if not p.refused and p.new != p.old]
        for plan in ready:
            mode = plan.path.stat().st_mode & 0o7777
            write_atomic(plan.path, plan.new.encode("utf-8"))
            plan.path.chmod(mode)   # a punctuation fix keeps the file's permissions
        if ready:
            print(f"fixed {len(ready)} file(s); checking again", file=out)
            findings, _ = collect(root, today)
    for finding in findings:
        print(finding, file=out)
    if findings:
        print(f"{len(findings)} finding(s) in {len({f.path for f in findings})} file(s)", file=out)
    return 1 if findings or refused else 0
