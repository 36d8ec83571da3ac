"""Tables drawn without borders in a PDF's text: a Word table with its borders off, or a 三线表 (rules
above, below and under the header, none between columns, so pdfplumber's ruling finder sees no
cells), exported to PDF, leaves only text standing in columns.

A run of lines is one table when its text keeps to the same columns: every piece of every line falls
between the same gutters, the white x-ranges no glyph crosses. Running text crosses them, and a
heading in another type size or face ends the run. Rows are then found from where the pieces stand:
pieces whose heights overlap are one row (a cell centred between the lines of a wrapped neighbour),
and a line goes on the row above when each of its pieces goes on a line of its column that ran as
far right as the column's longest (it wrapped) and stands no further below than wrapped lines do.
A table's trailing lines in one column that join no row (a date under the table) are not its own.

Before this, each line was a row when its cells counted as many as the line above's, so a wrapped cell
(任务 | 责任单位) cut a table into pieces and its lines into the paragraphs around it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import HAN_RE
from .pdfnotes import glyph_text
from .rows import line_break
from .runs import replace_runs

CELL_GAP = 0.6     # characters of gap, with no space glyph in it, between two cells of a row
SPACED_GAP = 1.5   # characters of gap when spaces fill it (a table typed with spaces)
GUTTER = 0.5       # characters of white a gutter keeps between two columns
_ROW_GAP = 6.0     # line heights of white between two rows of a table set with padding in its cells
FULL = 3.0         # a wrapped cell's line ends within this many characters of its column's longest
                   # line (and a fifth of the column's width)


# A 序号 cell; and a list item's number, which hangs before its text without being a column of data
# (目录 lines 一、 标题 set with a gap), so a run whose first column holds only these is a list. Neither
# wraps, nor does a label (报：).
_NUMBER = re.compile(r"\d{1,3}|[一二三四五六七八九十]{1,3}|[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）、.．]?")
_MARKER = re.compile(r"[一二三四五六七八九十]{1,3}、|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|\d{1,2}[.．、]")


def pieces(line: dict) -> list[list[dict]]:
    """The line's glyphs cut where a cell gap opens: the cells of a row, or one piece of text."""
    chars = [c for c in line["chars"] if c["text"].strip()]
    if not chars:
        return []
    size = _size(chars)
    spaces = [c for c in line["chars"] if not c["text"].strip()]
    out = [[chars[0]]]
    for k, (a, b) in enumerate(zip(chars, chars[1:]), 1):
        gap = b["x0"] - a["x1"]
        spaced = gap > size * CELL_GAP and any(a["x1"] - 0.1 <= s["x0"] and s["x1"] <= b["x0"] + 0.1 for s in spaces)
        if (gap > size * SPACED_GAP or (gap > size * CELL_GAP and not spaced)) and not _spaced_label(out, chars[k:k + 3]):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _spaced_label(out: list[list[dict]], after: list[dict]) -> bool:
    """Is the gap before the glyphs ``after`` inside a label spaced out to the width of longer ones
    (时　　间：…, 主　持：…) at the start of the line? Such a line is a label and its value, not a
    table's row."""
    if len(out) != 1 or len(out[0]) > 2 or not all(HAN_RE.match(c["text"]) for c in out[0]):
        return False
    return bool(re.match(r"[\u4e00-\u9fff]{1,2}[：:]", "".join(c["text"] for c in after)))


def tables(lines: list[dict]) -> list[dict]:
    """``lines`` (one page, top to bottom) with each borderless table's lines replaced by
    ``{"table": rows, "open": columns, "lines": n, …}``, ``open`` being the columns whose cell in the
    last row was still wrapping at the table's foot (pdftext._add_table goes on with them on the next
    page), ``n`` how many of ``lines`` it stands for.
    A run whose last column holds only page numbers is a 目录 and stays lines."""
    def place(out: list[dict], run: list[dict], found: tuple[list[list[str]], set[int]]) -> None:
        rows, still_open = found
        out.append({"table": rows, "open": still_open, "lines": len(run), "top": run[0]["top"], "bottom": run[-1]["bottom"],
                    "x0": min(line["x0"] for line in run), "x1": max(line["x1"] for line in run),
                    "text": "", "chars": []})
    return replace_runs(lines, lambda start: _table(lines, start), place)


@dataclass
class _Piece:
    column: int
    line: int          # index of its line in the run
    top: float
    bottom: float
    x1: float
    text: str
    marked: str        # the text with its raised marks flagged (pdfnotes.glyph_text)


class _Columns:
    """The columns of a table being read: each one's left and right glyph edge so far, by the number
    it was made with (a column found later, where the first line had an empty cell, sits between)."""

    def __init__(self, size: float):
        self.edges: dict[int, list[float]] = {}
        self.size = size
        self.made = 0

    def place(self, parts: list[list[dict]]) -> list[tuple[int, list[dict]]] | None:
        """The column each piece stands in (a new one for a piece clear of all, with a gutter on each
        side), or None when a piece stands across a gutter or would leave too narrow a one."""
        edges = {k: list(e) for k, e in self.edges.items()}
        placed = []
        for part in _split_across(parts, edges):
            x0, x1 = part[0]["x0"], part[-1]["x1"]
            under = [k for k, (a, b) in edges.items() if x0 <= b and a <= x1]
            if len(under) > 1:
                return None
            if under:
                k = under[0]
            else:
                k = self.made = self.made + 1
            a, b = edges.get(k, (x0, x1))
            edges[k] = [min(a, x0), max(b, x1)]
            placed.append((k, part))
        ordered = sorted(edges.values())
        if any(right[0] - left[1] < self.size * GUTTER for left, right in zip(ordered, ordered[1:])):
            return None
        self.edges = edges
        return placed

    def order(self, used: set[int]) -> dict[int, int]:
        """Each used column's place from the left."""
        return {k: n for n, k in enumerate(sorted(used, key=lambda k: self.edges[k][0]))}

    def wrapped(self, piece: "_Piece") -> bool:
        """Did the piece's line run about as far right as its column's longest (so it wrapped)? A
        number (序号 1, 12, 一、) does not wrap, however narrow its column."""
        x0, x1 = self.edges[piece.column]
        return piece.x1 >= x1 - min(self.size * FULL, (x1 - x0) * 0.2) and not _NUMBER.fullmatch(piece.text) \
            and not piece.text.endswith(("：", ":"))


def _words(part: list[dict]) -> list[list[dict]]:
    """A piece cut at the spaces inside it (gaps too narrow for a cell gap)."""
    size = _size(part)
    out = [[part[0]]]
    for a, b in zip(part, part[1:]):
        if b["x0"] - a["x1"] > size * GUTTER:
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _split_across(parts: list[list[dict]], edges: dict[int, list[float]]) -> list[list[dict]]:
    """The pieces, one standing across two columns cut at its spaces when each word then stands in
    one column: a header row whose cells `pdftotext -layout` set one space apart (序号 重点任务), met
    again on the next page."""
    out = []
    for part in parts:
        words = _words(part)
        unders = [[k for k, (a, b) in edges.items() if w[0]["x0"] <= b and a <= w[-1]["x1"]] for w in words]
        spans = sum(1 for k, (a, b) in edges.items() if part[0]["x0"] <= b and a <= part[-1]["x1"]) > 1
        if spans and len(words) > 1 and all(len(u) <= 1 for u in unders) and len({u[0] for u in unders if u}) == len(words):
            out += words
        else:
            out.append(part)
    return out


def _head(first: list[list[dict]], below: list[list[dict]]) -> list[list[dict]]:
    """The first line's pieces, one that two pieces of the line below stand under cut at its spaces:
    header cells set one space apart stand where a row's cells are apart by more (序号 重点任务 over
    1    完成…)."""
    out = []
    for part in first:
        x0, x1 = part[0]["x0"], part[-1]["x1"]
        words = _words(part)
        under = [p for p in below if p[0]["x0"] <= x1 and x0 <= p[-1]["x1"]]
        out += words if len(words) > 1 and len(under) >= len(words) and all(HAN_RE.match(c["text"]) for c in part) else [part]
    return out


def _table(lines: list[dict], start: int) -> tuple[int, tuple[list[list[str]], set[int]]] | None:
    """The end (exclusive) of the borderless table from ``lines[start]``, and its rows and open columns."""
    first = lines[start]
    if "table" in first:
        return None
    if len(pieces(first)) < 2:
        return None
    size = _size(first["chars"])
    columns = _Columns(size)
    faces = {_face(first)}            # of the lines in several columns: a lone line in another is a heading
    found: list[_Piece] = []
    end = start
    while end < len(lines):
        line = lines[end]
        gap = line["top"] - lines[end - 1]["bottom"] if end > start else 0
        if end > start and ("table" in line or abs(_size(line["chars"]) - size) > size * 0.15
                            or gap > size * _ROW_GAP):
            break
        parts = pieces(line)
        if gap > size * 2.5 and len(parts) < 2:
            break        # (far below, only a row of two or more cells goes on: rows set with padding)
        if end == start and end + 1 < len(lines) and "table" not in lines[end + 1]:
            parts = _head(parts, pieces(lines[end + 1]))
        placed = columns.place(parts)
        if not placed or (len(placed) == 1 and _face(line) not in faces | {None}):
            break
        if len(placed) > 1:
            faces.add(_face(line))
        found += [_Piece(k, end - start, min(c["top"] for c in part), max(c["bottom"] for c in part),
                         part[-1]["x1"], _text(part), glyph_text(part).replace("|", "｜")) for k, part in placed]
        end += 1
    rows = _rows(found, columns)
    while len(rows) > 2 and sum(1 for cell in rows[-1].values()) < 2:   # lines after the table
        cut = min(piece.line for cell in rows[-1].values() for piece in cell)
        if any(piece.line >= cut for row in rows[:-1] for cell in row.values() for piece in cell):
            break          # its line holds a piece of a row above too: not a line after the table
        rows.pop()
        end = start + cut
    place = columns.order({k for row in rows for k in row})
    texts = [[""] * len(place) for _ in rows]
    for row, text in zip(rows, texts):
        for k, cell in row.items():
            text[place[k]] = _cell_text(cell)
    if end - start < 2 or len(rows) < 2 or len(place) < 2 or sum(1 for row in rows if len(row) >= 2) < 2 \
            or all(re.fullmatch(r"\d{1,3}", row[-1]) for row in texts) \
            or all(_MARKER.fullmatch(row[0]) for row in texts) \
            or len(place) == 2 and all(row[0].endswith(("：", ":")) for row in texts):
        return None     # (labels and their values, 报：　市领导, read as the lines they are)
    return end, (texts, {place[k] for k, cell in rows[-1].items() if columns.wrapped(cell[-1])})


def _rows(found: list[_Piece], columns: _Columns) -> list[dict[int, list[_Piece]]]:
    """The pieces grouped into rows, each row its columns' pieces top down:
    pieces whose heights overlap are in one row, and so is a piece under a wrapped one of its column."""
    group = list(range(len(found)))

    def root(n: int) -> int:
        while group[n] != n:
            group[n] = group[group[n]]
            n = group[n]
        return n
    order = sorted(range(len(found)), key=lambda n: found[n].top)
    # A wrapped cell's lines stand as close as any two lines of a column; rows may stand further apart.
    by_column: dict[int, list[_Piece]] = {}
    for n in order:
        by_column.setdefault(found[n].column, []).append(found[n])
    gaps = [b.top - a.bottom for column in by_column.values() for a, b in zip(column, column[1:]) if b.top > a.bottom]
    leading = min(gaps, default=0) + 0.25 * columns.size
    last_in: dict[int, int] = {}      # column -> its lowest piece so far
    lines: dict[int, list[int]] = {}
    for at, n in enumerate(order):
        lines.setdefault(found[n].line, []).append(n)
        p = found[n]
        for m in reversed(order[:at]):
            q = found[m]
            if q.top < p.top - 4 * columns.size:      # too far above to share a row with it
                break
            if min(p.bottom, q.bottom) - max(p.top, q.top) > 0.1 * min(p.bottom - p.top, q.bottom - q.top):
                group[root(n)] = root(m)
    # A line goes on the row above when each of its pieces goes on a wrapped line of its column.
    for line in sorted(lines):
        ns = lines[line]
        above = [last_in.get(found[n].column) for n in ns]
        if all(a is not None and columns.wrapped(found[a]) and found[n].top - found[a].bottom <= leading
               for a, n in zip(above, ns)):
            for a, n in zip(above, ns):
                group[root(n)] = root(a)
        for n in ns:
            last_in[found[n].column] = n
    rows: dict[int, dict[int, list[_Piece]]] = {}
    for n in order:
        rows.setdefault(root(n), {}).setdefault(found[n].column, []).append(found[n])
    return sorted(rows.values(), key=lambda row: min(p.top for cell in row.values() for p in cell))


def _cell_text(cell: list[_Piece]) -> str:
    text = ""
    for piece in cell:
        text += line_break(text[-1:], piece.text[:1]) + piece.marked if text else piece.marked
    return text


def _text(part: list[dict]) -> str:
    return "".join(c["text"] for c in part).replace("|", "｜")


def _size(chars: list[dict]) -> float:
    return sum(c["size"] for c in chars) / max(1, len(chars))


def _face(line: dict) -> str | None:
    """The font most of the line's Chinese characters are set in (None without any)."""
    faces = Counter(c.get("fontname", "").split("+")[-1] for c in line["chars"] if HAN_RE.match(c["text"]))
    return faces.most_common(1)[0][0] if faces else None
