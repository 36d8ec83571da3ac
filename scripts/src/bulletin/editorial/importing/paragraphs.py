"""Step 3: lines become paragraphs (blocks).

Blank lines always end a paragraph. Without them the cues are: a numbering mark at the start
(一、 （一） 1. （1）, 附件, 抄送 …), an indented first line, and the line lengths: in wrapped text a
line that runs to the common width goes on in the next line, a shorter one ends its paragraph (a
PDF gives the same cue from the page geometry). A whole body on one line is first cut where the
line breaks were (spaces between Chinese characters) and before numbering marks.
"""
from __future__ import annotations

import re
from collections import Counter

from . import pubnotes
from .clean import tidy
from .common import ended
from .model import HAN, Block, Line

LEVELS = {
    1: re.compile(r"^[一二三四五六七八九十]{1,3}、"),
    2: re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]"),
    3: re.compile(r"^\d{1,2}[.．、](?!\d)"),
    4: re.compile(r"^[（(]\d{1,2}[）)]"),
}
# (1. 2. …, not 3.5; but 2.2025年… is item 2 of a list whose text starts with a year)
MARKER = re.compile(r"^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?:(?!\d)|(?=\d{4}年))|"
                    r"[（(]\d{1,2}[）)]|附件|抄送|印发|主送|报[:：]|送[:：]|发[:：]|本期增发|共印|编者按|【|"
                    r"[（(]此件|[（(]联系人|[●◆■▲★☆·•※]|[【\[]?(牵头单位|牵头部门|责任单位|配合单位)|[【\[]?\s*(本期目录|本期要目|目\s*录)\s*[】\]]?$)")
_MID_SENTENCE = re.compile(r"[，、]$")
# a masthead line's end: its 第N期, or the office's date (…办公室 2024年4月12日)
_MASTHEAD_END = re.compile(r"第\s*[0-9一二三四五六七八九十〇零]{1,4}\s*期$|(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_DONE_ROLE = re.compile(r"^(报送|报|抄送|分送|送|印发|发)\s*[:：].*[。．]$")
_RUNS_ON = re.compile(r"^[，。、；：？！）》」』”’…,;:?!)]")
_COPIES = re.compile(r"共印\s*\d+\s*份")
TOC_LINE = re.compile(r"[.．…·]{3,}\s*\d{1,3}\s*$")
_LATIN_START = re.compile(r"[A-Za-z0-9(（\[<\"'/]")   # a word of Latin letters or digits, a URL, a bracketed number


def level(text: str) -> int:
    """The heading level its numbering mark gives (1..4), or 0."""
    return next((n for n, rx in LEVELS.items() if rx.match(text)), 0)


_WIDE_PUNCTUATION = frozenset("“”‘’—…·")


def width(text: str) -> float:
    """Display width: a Chinese character is 1, an ASCII character half. Quotation marks, dashes and
    the ellipsis sit below U+2E80 but take a full em in Chinese type."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in _WIDE_PUNCTUATION else 1 for ch in text)


# ---------------------------------------------------------------- one-line bodies

_BREAK_SPACE = re.compile(f"(?<=[{HAN}\u3001-\u3011\uff01-\uff1f“”])[ \u3000]+(?=[{HAN}\uff08“（])")
_BEFORE_MARK = re.compile(r"(?<=[。；：！？”])(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|"
                          r"\d{1,2}[.．](?!\d)|[（(]\d{1,2}[）)]|附件|抄送|[（(]此件)")
_BEFORE_HEAD = re.compile(r"(?<![第、\d一二三四五六七八九十（(])(?=[一二三四五六七八九十]{1,3}、[^一二三四五六七八九十])")


def unfold(lines: list[Line], notes: list[str]) -> list[Line]:
    """Cut lines far longer than a paragraph (a body extracted onto one line) where lines broke."""
    out: list[Line] = []
    for line in lines:
        if len(line.text) < 300 or line.table:
            out.append(line)
            continue
        text = line.text
        spaced = len(re.findall(f"[{HAN}] [{HAN}]", text)) > len(re.findall(f"[{HAN}]", text)) * 0.3
        pieces = [text] if spaced else _BREAK_SPACE.split(text)
        pieces = [q for p in pieces for q in _BEFORE_MARK.split(p)]
        pieces = [q for p in pieces for q in _BEFORE_HEAD.split(p)]
        pieces = [p.strip() for p in pieces if p.strip()]
        notes.append(f"line {line.no} holds {len(text)} characters: cut into {len(pieces)} lines where the "
                     "original line breaks and numbering were")
        out += [Line(p, line.no) for p in pieces]
    return out


# ---------------------------------------------------------------- pasted lines

def pasted(lines: list[Line]) -> list[Line]:
    """A Word file or web page made of a printed text's lines, each a paragraph (text pasted out of
    a PDF, an OCR program's output, a PDF converted to HTML): most paragraphs run to one width and
    stop mid-sentence. Its lines are then read as wrapped plain text is (joined by width and
    sentence ends) rather than as one paragraph each; an empty paragraph still ends one."""
    # (not headings, nor centred lines: a printed line that runs to the width is not centred, and a
    # short bulletin's centred headlines and 目录 lines are of one width too)
    texts = [ln.text for ln in lines if ln.text and not ln.table and not ln.heading and not ln.center]
    widths = [round(width(t)) for t in texts if width(t) >= 12]
    if len(widths) < 8:
        return lines
    common = max(set(widths), key=lambda w: sum(abs(v - w) <= 1 for v in widths))
    near = [t for t in texts if abs(width(t) - common) <= 2]
    if len(near) < 0.4 * len(texts) or sum(not ended(t) for t in near) < 0.6 * len(near):
        return lines
    out: list[Line] = []
    for n, line in enumerate(lines):   # each paragraph's own blank line goes; an empty paragraph's stays
        if not line.text and n and lines[n - 1].text and not lines[n - 1].table:
            continue
        out.append(line)
    return out


# ---------------------------------------------------------------- blocks

def blocks(lines: list[Line], geometry: bool = False) -> list[Block]:
    """Paragraph candidates from cleaned lines (see the module's note for the cues)."""
    lines = [Line(tidy(ln.text) if not ln.table else ln.text, ln.no, ln.heading, ln.indent, ln.full, ln.center,
                  ln.table) for ln in lines]
    if not geometry:      # a PDF's lines say themselves whether they run to the margin (none may)
        _mark_full(lines)
    indents = sum(1 for ln in lines if ln.indent) >= 2
    out: list[Block] = []
    # The open paragraph's lines, joined when it is done: a paragraph thousands of lines long (a
    # text with no cue to cut it) must not be copied once per line.
    pieces: list[str] = []
    depth = 0       # its brackets left open
    prev: Line | None = None
    for line in lines:
        if not line.text:
            prev = None
            continue
        if line.table:
            if prev is not None and prev.table and out and out[-1].is_table:
                out[-1].table.append(line.text)
            else:
                _done(out, pieces)
                out.append(Block("", line.no, table=[line.text]))
            prev, depth = line, 0
            continue
        if prev is not None and (_continues(prev, line, indents, geometry) or _closes_bracket(depth, line)):
            _join(pieces, line.text, prev.full)
            depth += _open(line.text)
            if prev.heading and not line.heading:
                out[-1].heading = 0      # a bold run-in head whose sentence runs on: a paragraph
        else:
            _done(out, pieces)
            out.append(Block(line.text, line.no, line.heading, line.center))
            pieces, depth = [line.text], _open(line.text)
        prev = line
    _done(out, pieces)
    return out


def _done(out: list[Block], pieces: list[str]) -> None:
    """The open paragraph's text is its lines joined."""
    if len(pieces) > 1:
        out[-1].text = "".join(pieces)
    pieces.clear()


def _continues(prev: Line, line: Line, indents: bool, geometry: bool = False) -> bool:
    if geometry and prev.heading and not line.heading and prev.full and not prev.center and not line.indent \
            and level(prev.text) and not ended(prev.text) and not MARKER.match(line.text) \
            and not TOC_LINE.search(prev.text):
        return True    # a PDF's bold run-in head (一、会议听取了…的汇 / 报。会议指出…): its line runs on
    if _RUNS_ON.match(line.text) and not prev.table and not line.table:
        return True    # no paragraph, heading or line starts with ，。、；：）” (a break before the comma)
    if prev.table or line.indent or prev.heading != line.heading or MARKER.match(line.text) \
            or pubnotes.starts_notes(line.text):    # (a page's text copied: 发布日期 under the title)
        return False
    if TOC_LINE.search(prev.text) or TOC_LINE.search(line.text):   # 目录 lines: 标题……………3
        return False
    if _DONE_ROLE.match(prev.text) or _COPIES.search(line.text):
        return False   # a 报/送/发 line that ended, and the 版记's 共印 line, take nothing on
    if prev.heading and (_MASTHEAD_END.search(prev.text) or _MASTHEAD_END.fullmatch(line.text)):
        return False   # a masthead set bold: the title, 第4期, the office and its date are lines apart
    if prev.heading:   # two heading lines in a row: one heading broken over lines
        return not ended(prev.text)
    if geometry and line.center and not prev.center:
        return False   # a PDF's centred line (a headline) goes on no line that starts at the margin
    if _MID_SENTENCE.search(prev.text):   # 新增客车31辆，<br>全县…: no paragraph ends on a comma
        return True
    if not prev.full:
        # a PDF whose paragraphs start indented: an unindented line after an unfinished sentence goes on
        # when it starts with a word too long for the gap left at the line's end (Chinese breaks
        # anywhere, so a line that starts with it would have filled the gap: 组　长：… is a list)
        return geometry and indents and not prev.center and not line.center and not ended(prev.text) \
            and bool(_LATIN_START.match(line.text))
    return indents or not ended(prev.text)


def _closes_bracket(depth: int, line: Line) -> bool:
    """A paragraph does not end inside brackets: a line that closes the bracket left open above
    (``depth`` of them) goes on with it, whatever it starts with (（牵头单位：…；<br>责任单位：…）
    is one note, not two)."""
    return not line.indent and not line.heading and depth > 0 and _open(line.text) < 0


def _open(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def _join(pieces: list[str], right: str, full: bool) -> None:
    """Add a line to its paragraph; a word or number split at the margin is joined without a space."""
    left = pieces[-1]
    if re.search(r"[A-Za-z]-$", left) and re.match(r"[a-z]", right):
        pieces[-1] = left[:-1]
    elif re.search(r"[A-Za-z0-9,.]$", left) and re.match(r"[A-Za-z0-9]", right) and not full:
        pieces.append(" ")
    pieces.append(right)


def _few_wrapped(lines: list[Line], common: int, widths: list[int]) -> bool:
    """A short text wrapped all the same: its widest lines, two or more of about one width, all stop
    mid-sentence (a notice's one paragraph of two lines and a bit above its attachment's table, as
    `pdftotext -layout` gives it). A line ending in ： (the 主送) does not count as stopping mid-sentence."""
    band = [ln.text for ln in lines if ln.text and not ln.table and -4 <= round(width(ln.text)) - common <= 2]
    return len(band) >= 2 and max(widths) <= common + 2 and \
        not any(ended(text) or text.rstrip().endswith(("：", ":")) for text in band)


def _mark_full(lines: list[Line]) -> None:
    """Plain text: mark lines that run to the common width when the text is wrapped at one."""
    if any(ln.full for ln in lines):
        return   # the format said so (PDF geometry, Word line breaks)
    # the lines a next line follows without a blank between: a table's cells, one to a paragraph
    # (plain `pdftotext` of a table), are not lines of a wrapped text, but they would set its width
    followed = [ln for ln, after in zip(lines, lines[1:]) if after.text and not after.table]
    sample = followed if sum(1 for ln in followed if ln.text and not ln.table and width(ln.text) >= 12) >= 4 else lines
    widths = [round(width(ln.text)) for ln in sample if ln.text and not ln.table and width(ln.text) >= 12]
    if len(widths) < 4:
        return
    # the wrap width: the most frequent, the widest of equals (lines stop short of it, not past it)
    common, count = max(Counter(w for w in widths for w in (w, w - 1)).items(), key=lambda item: (item[1], item[0]))
    near = sum(1 for w in widths if -4 <= w - common <= 2)     # (a first line short by its lost indent)
    if near < max(3, len(widths) * 0.3) and not _few_wrapped(lines, common, widths):
        return   # not wrapped: each line is a paragraph of its own length
    every = [width(ln.text) for ln in lines if ln.text and not ln.table and width(ln.text) >= 12]
    if sum(1 for w in every if w > common + 4) >= max(3, len(every) * 0.2):
        return   # lines far past that width: one paragraph a line, and the short ones a page's menus and 目录
    # a text wrapped at a number of characters, not at a width (a digit taking a character's place):
    # a line with digits in it is as long as the others, and narrower
    lengths = [len(ln.text) for ln in sample if ln.text and not ln.table and width(ln.text) >= 12]
    by_count, count = max(Counter(n for n in lengths for n in (n, n - 1)).items(), key=lambda item: (item[1], item[0]))
    if count < max(3, len(lengths) * 0.3):
        by_count = None
    before: Line | None = None
    for ln, after in zip(lines, lines[1:] + [Line("", 0)]):
        # (fields set apart by spaces: a layout line, never full; not spaces inside brackets, as in a
        # lead's credits: 本报讯（记者　钟　敏　通讯员　彭　坤）11月5日，…)
        if ln.text and not ln.table and not ln.heading \
                and not re.search(r"\S( {2,}|\u3000)\S", re.sub(r"（[^（）]*）", "", ln.text)):
            w = width(ln.text)
            # a paragraph's first line short by its lost indent (text copied out of a PDF), and a
            # line short because the Latin word after it did not fit, run to the width all the same
            first = (before is None or not before.text or not before.full or ended(before.text)) and not ended(ln.text)
            word = re.match(r"[A-Za-z0-9][A-Za-z0-9.%@/:_-]*", after.text) if not ended(ln.text) else None
            ln.full = w >= common - 2 or (first and w >= common - 4) or \
                bool(word and w + width(word.group()) >= common - 2) or \
                bool(by_count and len(ln.text) >= by_count and width(ln.text) < len(ln.text))
        before = ln
