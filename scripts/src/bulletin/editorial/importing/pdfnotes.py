"""Footnotes in a text PDF: the notes in small type at a page's foot (1 防汛期为每年…) and the small
raised marks in the text that cite them (防汛工作¹，). A cited note becomes a Markdown footnote: its
mark in the text is common.NOTE, and run.py puts its definition after the paragraph citing it (the
notes were dropped as running foot). A "note" nothing cites stays a line, as before: a page foot
such as 2　青禾市工作简报 looks like one.
"""
from __future__ import annotations

import re

from .clean import PAGE_LINE
from .common import NOTE
from .model import HAN_RE
from .rows import line_break

_MARK = re.compile(r"[0-9]{1,2}|[ivx]{1,4}|[\u2460-\u2473]|[*＊]")
RAISED = "\u2063^{}\u2063"        # a raised mark in a table cell's text, until the notes are known
_RAISED = re.compile("\u2063\\^([^\u2063]*)\u2063")


def flag_raised(lines: list[dict]) -> None:
    """Flag each line's raised small glyphs (``raised``), as ``_raised`` finds them, while the
    line is whole: cut into a table's cells, a cell has no baseline to be raised above."""
    for line in lines:
        if "table" not in line:
            for char, up in zip(line["chars"], _raised(line["chars"])):
                if up:
                    char["raised"] = True


def glyph_text(chars: list[dict]) -> str:
    """The glyphs' text, each run of flagged raised glyphs in RAISED."""
    text, run = "", ""
    for char in chars:
        if char.get("raised"):
            run += char["text"]
            continue
        if run:
            text, run = text + RAISED.format(run), ""
        text += char["text"]
    return text + (RAISED.format(run) if run else "")


def _raised(chars: list[dict]) -> list[bool]:
    """Which glyphs are small and raised above the line's baseline (a note's mark: 防汛工作¹)."""
    sizes = sorted(c["size"] for c in chars)
    if not sizes:
        return []
    size = sizes[len(sizes) // 2]
    bottoms = sorted(c["bottom"] for c in chars if c["size"] >= size * 0.9)
    if not bottoms:
        return [False] * len(chars)
    base = bottoms[len(bottoms) // 2]
    return [c["size"] < size * 0.8 and c["bottom"] < base - size * 0.2 for c in chars]


def footnotes(pages: list, body_size: float) -> dict[int, str]:
    """Take the cited notes out of the pages' lines and put NOTE marks where they are cited, in text
    and in tables' cells; a note nothing cites stays a line, for the running-foot rules to judge,
    and a raised mark that cites nothing is given back as printed. A mark cites the note of its own
    page, else the endnote of that mark on the last page. Returns the notes by label, 1, 2, … in
    the order the text cites them."""
    last = len(pages) - 1
    notes = [_page_notes(lines, height, body_size, n == last) for n, (height, _, lines) in enumerate(pages)]
    found: dict[int, str] = {}
    cited: list[set[str]] = [set() for _ in pages]
    for n, (_, _, lines) in enumerate(pages):
        for line in lines:
            here, ends = (notes[n], cited[n]), (notes[last], cited[last])
            if "table" in line:
                line["table"] = [[_cite_cell(cell, here, ends, found) for cell in row] for row in line["table"]]
            elif line.get("note_of") is None and any(notes):
                _cite(line, here, ends, found)
    for n, (_, _, lines) in enumerate(pages):     # an uncited "note" may be a running foot (2　工作简报)
        lines[:] = [line for line in lines if line.pop("note_of", None) not in cited[n]]
    return found


def _cite_cell(cell: str, page: tuple[dict, set], ends: tuple[dict, set], found: dict[int, str]) -> str:
    """A table cell's text with each RAISED mark a NOTE when it cites a note, else as printed."""
    def cite(m: re.Match) -> str:
        return _use(m.group(1), page, ends, found) or m.group(1)
    return _RAISED.sub(cite, cell)


def _use(mark: str, page: tuple[dict, set], ends: tuple[dict, set], found: dict[int, str]) -> str | None:
    """The NOTE marker for ``mark`` when it cites a note not cited yet (the page's, else an endnote),
    the note taken into ``found``; None when it cites none."""
    notes, cited = page if mark in page[0] else ends
    if mark not in notes or mark in cited:
        return None
    label = len(found) + 1
    found[label] = notes[mark]
    cited.add(mark)
    return NOTE.format(label)


def _page_notes(lines: list, height: float, body_size: float, endnotes: bool) -> dict[str, str]:
    """The notes at the page's foot (anywhere on the last page: endnotes): smaller type, each starting
    with its mark and holding Chinese text; a small line after one, without a mark, goes on with it."""
    notes: dict[str, str] = {}
    current = None
    for line in lines:
        small = "table" not in line and line["chars"] and (endnotes or line["top"] > height * 0.5) and \
            sum(c["size"] for c in line["chars"]) / len(line["chars"]) < body_size * 0.98   # smaller, if a little
        if not small:
            current = None
            continue
        mark, rest = _leading_mark(line)
        if mark and len(HAN_RE.findall(rest)) >= 2 and mark not in notes:
            current = mark
            notes[mark] = rest
            line["note_of"] = mark
        elif current is not None and rest.strip() and not PAGE_LINE.match(rest):   # (— 1 — is no part of it)
            notes[current] += line_break(notes[current][-1:], line["text"][:1]) + line["text"].strip()
            line["note_of"] = current
    return notes


def _leading_mark(line: dict) -> tuple[str, str]:
    """(mark, the rest of the line) when the line starts with a note mark set apart (smaller, or
    followed by a space or a full stop: 1. 托位数…), else ("", the line)."""
    text = line["text"].strip()
    m = re.match(rf"({_MARK.pattern})([.．、]?\s*)(?=\S)", text)
    if not m:
        return "", text
    first = line["chars"][0]
    smaller = first["size"] < max(c["size"] for c in line["chars"]) * 0.8
    return (m.group(1), text[m.end():]) if smaller or m.group(2) else ("", text)


def _cite(line: dict, page: tuple[dict, set], ends: tuple[dict, set], found: dict[int, str]) -> None:
    """Replace each raised small mark of a note (``page``'s, else an endnote in ``ends``: each the
    notes by mark and the marks cited) with a NOTE marker."""
    chars = line["chars"]
    raised = _raised(chars)
    positions = _positions(line["text"], chars) if any(raised) else None
    if positions is None:
        return
    text, out, k, i = line["text"], [], 0, 0
    while i < len(chars):
        if not raised[i]:
            i += 1
            continue
        j = i
        while j < len(chars) and raised[j]:
            j += 1
        marker = _use("".join(c["text"] for c in chars[i:j]), page, ends, found)
        if marker:
            out.append(text[k:positions[i]] + marker)
            k = positions[j - 1] + len(chars[j - 1]["text"])
        i = j
    line["text"] = "".join(out) + text[k:]


def _positions(text: str, chars: list) -> list[int] | None:
    """Where each glyph of the line is in its text (pdfplumber puts spaces between words)."""
    out, at = [], 0
    for c in chars:
        at = text.find(c["text"], at)
        if at < 0:
            return None
        out.append(at)
        at += len(c["text"])
    return out
