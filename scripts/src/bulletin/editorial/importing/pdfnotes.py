"""Footnotes in a text PDF: the notes in small type at a page's foot (1 防汛期为每年…) and the small
raised marks in the text that cite them (防汛工作¹，). A cited note becomes a Markdown footnote: its
mark in the text is common.NOTE, and run.py puts its definition after the paragraph citing it (the
notes were dropped as running foot). A "note" nothing cites stays a line, as before: a page foot
such as 2　青禾市工作简报 looks like one.
"""
from __future__ import annotations

import re

from .common import NOTE
from .model import HAN_RE
from .rows import line_break

_MARK = re.compile(r"[0-9]{1,2}|[ivx]{1,4}|[\u2460-\u2473]|[*＊]")


def footnotes(pages: list, body_size: float) -> dict[int, str]:
    """Take the cited notes out of the pages' lines and put NOTE marks where they are cited; a
    note nothing cites stays a line, for the running-foot rules to judge. A mark cites the note of
    its own page, else the endnote of that mark on the last page. Returns the notes by label, 1,
    2, … in the order the text cites them."""
    last = len(pages) - 1
    notes = [_page_notes(lines, height, body_size, n == last) for n, (height, _, lines) in enumerate(pages)]
    if not any(notes):
        return {}
    found: dict[int, str] = {}
    cited: list[set[str]] = [set() for _ in pages]
    for n, (_, _, lines) in enumerate(pages):
        for line in lines:
            if "table" not in line and line.get("note_of") is None:
                _cite(line, (notes[n], cited[n]), (notes[last], cited[last]), found)
    for n, (_, _, lines) in enumerate(pages):     # an uncited "note" may be a running foot (2　工作简报)
        lines[:] = [line for line in lines if line.pop("note_of", None) not in cited[n]]
    return found


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
        elif current is not None and rest.strip():
            notes[current] += line_break(notes[current][-1:], line["text"][:1]) + line["text"].strip()
            line["note_of"] = current
    return notes


def _leading_mark(line: dict) -> tuple[str, str]:
    """(mark, the rest of the line) when the line starts with a note mark set apart (smaller, or
    followed by a space), else ("", the line)."""
    text = line["text"].strip()
    m = re.match(rf"({_MARK.pattern})(\s*)(?=\S)", text)
    if not m:
        return "", text
    first = line["chars"][0]
    smaller = first["size"] < max(c["size"] for c in line["chars"]) * 0.8
    return (m.group(1), text[m.end():]) if smaller or m.group(2) else ("", text)


def _cite(line: dict, page: tuple[dict, set], ends: tuple[dict, set], found: dict[int, str]) -> None:
    """Replace each raised small mark of a note (``page``'s, else an endnote in ``ends``: each the
    notes by mark and the marks cited) with a NOTE marker."""
    chars = line["chars"]
    sizes = sorted(c["size"] for c in chars)
    size = sizes[len(sizes) // 2]
    bottoms = sorted(c["bottom"] for c in chars if c["size"] >= size * 0.9)
    if not bottoms:
        return
    base = bottoms[len(bottoms) // 2]
    raised = [c["size"] < size * 0.8 and c["bottom"] < base - size * 0.2 for c in chars]
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
        mark = "".join(c["text"] for c in chars[i:j])
        notes, cited = page if mark in page[0] else ends
        if mark in notes and mark not in cited:
            label = len(found) + 1
            found[label] = notes[mark]
            cited.add(mark)
            out.append(text[k:positions[i]] + NOTE.format(label))
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
