"""Reading text PDFs through pdfplumber: running heads and page numbers dropped, each line marked
indented, centred or running to the margin so paragraphs can be rejoined, ruled tables and tables
without borders (pdftables.py) read as tables, one table where it runs over pages. A PDF without a
text layer raises NeedsOCR."""
from __future__ import annotations

import re
from pathlib import Path

from .common import MARKING
from .model import HAN_RE, Line, NeedsOCR, Source, Unreadable
from .pdfcolumns import columns, side_menu
from .pdfnotes import RAISED, flag_raised, footnotes, glyph_text
from .pdftables import pieces, tables as borderless_tables
from .rows import line_break, md_table

_PAGE_NO = re.compile(r"^[-—–－―\s]*(第\s*)?\d{1,3}(\s*页)?([\s/／共]*\d{1,3}\s*页?)?[-—–－―\s]*$")


def pdf_file(path: Path) -> Source:
    import logging

    import pdfplumber
    # pdfminer warns on stderr about the font descriptors of browsers' PDFs (no FontBBox); what is
    # wrong with a PDF's text for the editor the import says itself
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:   # noqa: BLE001
        raise Unreadable(f"not a readable PDF ({type(exc).__name__}); expected a PDF file") from None
    with pdf:
        removed: list[tuple[str, str]] = []
        pages = [(page.height, page.width, _page_lines(page, removed)) for page in pdf.pages]
        glyphs = [c["text"] for page in pdf.pages for c in page.chars if c["text"].strip()]
    if not any(lines for _, _, lines in pages):
        raise NeedsOCR(f"no text layer in {len(pages)} page(s): this PDF is a scanned image; {_OCR}")
    garbled = _garbled(glyphs)
    if garbled:
        raise NeedsOCR(f"its text layer cannot be read: {garbled}. Export the PDF again from the original "
                       f"document, or treat it as a scan: {_OCR}")
    sizes = sorted(c["size"] for _, _, lines in pages for line in lines for c in line["chars"])
    body_size = sizes[len(sizes) // 2] if sizes else None      # the body text's size: the median glyph's
    notes = footnotes(pages, body_size) if sizes else {}
    body = _drop_running(pages, removed, body_size)
    return Source(path, "pdf", "PDF text layer", _pdf_lines(body), removed, footnotes=notes)


_OCR = ("OCR is needed first (for example `ocrmypdf --language chi_sim in.pdf out.pdf`), then import "
        "the result")


def _garbled(glyphs: list[str]) -> str:
    """Why the text layer is not text, or "": fonts embedded without a character map, so glyphs come
    out as (cid:N) or as the codes the subset font happened to use (ASCII punctuation and letters
    where the page shows Chinese)."""
    if not glyphs:
        return ""
    unmapped = sum(g.startswith("(cid:") for g in glyphs)
    if unmapped > 0.2 * len(glyphs):
        return f"{unmapped} of its {len(glyphs)} characters have no character code (its fonts carry no map)"
    han = sum(1 for g in glyphs if HAN_RE.match(g))
    symbols = sum(1 for g in glyphs if len(g) == 1 and g in _ASCII_SYMBOLS)
    if han < 0.02 * len(glyphs) and symbols > 0.3 * len(glyphs):
        return (f"{symbols} of its {len(glyphs)} characters are ASCII symbols and {han} Chinese (its fonts map "
                "glyphs to the wrong codes)")
    return ""


_ASCII_SYMBOLS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _page_lines(page, removed: list[tuple[str, str]]) -> list[dict]:
    """The page's text lines, top to bottom, with each ruled table (pdfplumber's table finder, which
    follows the drawn cell borders) in place of the lines inside it: ``{"table": rows, "top": …}``."""
    lines = _rejoin(page.extract_text_lines(return_chars=True, strip=True))
    flag_raised(lines)
    try:
        found = page.find_tables()
    except Exception:   # noqa: BLE001 - a page whose drawing pdfplumber cannot follow: its lines as text
        found = []
    tables = []
    for table in found:
        rows = _ruled_rows(table, lines)
        _flag_cells(table, rows, lines)
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue          # a box drawn round a paragraph, not a table
        x0, top, x1, bottom = table.bbox
        cut = _cut_row(table, lines, page.height)
        if cut is not None:            # the row a page break cut, under the table's last rule
            rows.append(cut[0])
            bottom = cut[1]
        tables.append({"table": rows, "top": top, "bottom": bottom, "x0": x0, "x1": x1, "text": "", "chars": []})
    if tables:
        def inside(line: dict) -> bool:
            middle = (line["top"] + line["bottom"]) / 2
            return any(t["top"] <= middle <= t["bottom"] and line["x0"] < t["x1"] and line["x1"] > t["x0"]
                       for t in tables)
        lines = sorted([line for line in lines if not inside(line)] + tables, key=lambda item: item["top"])
    return borderless_tables(columns(side_menu(lines, _cells, removed), _cells))


def _rejoin(lines: list[dict]) -> list[dict]:
    """Lines that are one line of print set in two fonts: digits or Latin in a font whose glyphs
    stand lower than the Chinese font's (a browser's or an office suite's PDF) come out a line of
    their own when the type is large, so 东湖区举行2024年秋季… read 东湖区举行 年秋季… then 2024.
    A line whose height mostly overlaps the one above and whose glyphs fill gaps in it is put back."""
    out: list[dict] = []
    for line in lines:
        above = out[-1] if out else None
        if above is not None and line["chars"] and above["chars"]:
            overlap = min(above["bottom"], line["bottom"]) - max(above["top"], line["top"])
            height = min(above["bottom"] - above["top"], line["bottom"] - line["top"])
            taken = [(c["x0"], c["x1"]) for c in above["chars"] if c["text"].strip()]
            if height > 0 and overlap > 0.5 * height and not any(
                    c["x0"] < b - 0.5 and a < c["x1"] - 0.5 for c in line["chars"] if c["text"].strip() for a, b in taken):
                out[-1] = _merged(above, line)
                continue
        out.append(line)
    return out


def _merged(a: dict, b: dict) -> dict:
    chars = sorted(a["chars"] + b["chars"], key=lambda c: c["x0"])
    text = ""
    for before, c in zip([None] + chars, chars):
        if before is not None and c["x0"] - before["x1"] > 3 and before["text"].strip() and c["text"].strip():
            text += " "       # as pdfplumber writes a gap (its x_tolerance)
        text += c["text"]
    return {**a, "text": text.strip(), "chars": chars, "x0": chars[0]["x0"], "x1": max(c["x1"] for c in chars),
            "top": min(a["top"], b["top"]), "bottom": max(a["bottom"], b["bottom"])}


def _cells(line: dict) -> list[list[dict]]:
    """A text line cut where a gap of more than 1.5 characters opens between two glyphs (spaces count
    as gap): the cells of a table row drawn without borders. A line of running text is one cell."""
    chars = [c for c in line["chars"] if c["text"].strip()]
    if not chars:
        return []
    size = sum(c["size"] for c in chars) / len(chars)
    cells = [[chars[0]]]
    for a, b in zip(chars, chars[1:]):
        if b["x0"] - a["x1"] > size * 1.5:
            cells.append([b])
        else:
            cells[-1].append(b)
    return cells


def _flag_cells(table, rows: list[list[str]], lines: list[dict]) -> None:
    """Put RAISED round the note marks (pdfnotes.flag_raised) in a ruled table's cells, whose text
    pdfplumber gives without its glyphs: a mark is found after the glyph printed just before it."""
    raised = [(line, n) for line in lines for n, c in enumerate(line["chars"]) if c.get("raised")]
    if not raised:
        return
    for row, cells in zip(rows, (r.cells for r in table.rows)):
        for k, box in enumerate(cells[:len(row)]):
            for line, n in raised:
                chars = line["chars"]
                c = chars[n]
                if box is None or not (box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]
                                       and box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]) \
                        or n == 0 or chars[n - 1].get("raised"):
                    continue            # (a run of raised glyphs is taken from its first)
                end = n
                while end < len(chars) and chars[end].get("raised"):
                    end += 1
                mark = "".join(ch["text"] for ch in chars[n:end])
                before = chars[n - 1]["text"]
                row[k] = re.sub(rf"(?<={re.escape(before)}){re.escape(mark)}(?!\d)", RAISED.format(mark), row[k],
                                count=1)


def _cut_row(table, lines: list[dict], height: float) -> tuple[list[str], float] | None:
    """The row a page break cut (a browser draws its top rule on this page, the rest on the next):
    the one line right under the table's last rule whose pieces stand in two or more of its columns,
    each in one, and nothing under it on the page but its foot. Its cells, and the line's bottom; None
    otherwise."""
    edges = sorted({round(x, 1) for row in table.rows for box in row.cells if box for x in (box[0], box[2])})
    x0, _, x1, bottom = table.bbox
    below = [line for line in lines if line["top"] >= bottom - 1 and line["top"] <= height * 0.9]
    if len(edges) < 3 or len(below) != 1 or below[0]["top"] - bottom > 2 * _size(below[0]):
        return None
    cells = [""] * (len(edges) - 1)
    for part in pieces(below[0]):
        middle = (part[0]["x0"] + part[-1]["x1"]) / 2
        k = next((i for i in range(len(edges) - 1) if edges[i] <= middle <= edges[i + 1]), None)
        if k is None or cells[k] or not (x0 <= part[0]["x0"] and part[-1]["x1"] <= x1):
            return None
        cells[k] = glyph_text(part).replace("|", "｜")
    if sum(1 for c in cells if c) < 2 or len(cells) != max(len(r.cells) for r in table.rows):
        return None
    return cells, below[0]["bottom"]


def _ruled_rows(table, lines: list[dict]) -> list[list[str]]:
    """A ruled table's rows of cell texts. A cell's line much narrower than its column's widest was
    broken on purpose (责任单位: 市教育局 / 市体育局) and is kept apart by a space, as a Word cell's
    paragraphs are; a line about as wide wrapped (东湖区人民政 / 府)."""
    texts = table.extract()
    glyphs = [c for line in lines for c in line["chars"] if c["text"].strip()]
    shapes: dict[tuple[int, int], list[tuple[float, float, float]]] = {}     # (row, column) -> its lines
    for r, cells in enumerate(row.cells for row in table.rows):
        for k, box in enumerate(cells[:len(texts[r])]):
            if box is not None and texts[r][k] and "\n" in texts[r][k]:
                shapes[(r, k)] = _cell_shape([c for c in glyphs if box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]
                                              and box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]])
    widest: dict[int, float] = {}      # a column's widest line (cells may be centred: widths, not edges)
    for (_, k), shape in shapes.items():
        widest[k] = max(widest.get(k, 0.0), *(b - a for a, b, _ in shape))
    rows = []
    for r, row in enumerate(texts):
        out = []
        for k, cell in enumerate(row):
            parts = [part.strip() for part in (cell or "").splitlines() if part.strip()]
            shape = shapes.get((r, k))
            if shape is None or len(shape) != len(parts):
                out.append(_cell_text(cell))
                continue
            text = parts[0]
            for (start, end, size), part in zip(shape, parts[1:]):
                short = end - start < widest[k] - min(size * 3, max(size * 1.5, widest[k] * 0.2))
                text += (" " if short else line_break(text[-1], part[0])) + part
            out.append(text.replace("|", "｜"))
        rows.append(out)
    return rows


def _cell_shape(chars: list[dict]) -> list[tuple[float, float, float]]:
    """Each line of a cell's glyphs, top to bottom: its left and right edge and its type size."""
    shape: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if shape and c["top"] < shape[-1][0]["bottom"] - c["size"] * 0.3:
            shape[-1].append(c)
        else:
            shape.append([c])
    return [(min(c["x0"] for c in line), max(c["x1"] for c in line),
             sorted(c["size"] for c in line)[len(line) // 2]) for line in shape]


def _cell_text(cell: str | None) -> str:
    """A cell's lines as one: no space where a line of Chinese text was wrapped."""
    lines = [part.strip() for part in (cell or "").splitlines() if part.strip()]
    text = ""
    for part in lines:
        text += part if not text else line_break(text[-1], part[0]) + part
    return text.replace("|", "｜")


# a note set small at a page's foot (2. 含学校自办食堂…。, ① …, 注：…): text, not a running foot, even
# when nothing in the text is read as citing it (pdfnotes.py places the cited ones)
_NOTE_LINE = re.compile(r"^\s*(\d{1,2}\s*[.．、)）]|[①-⑳]|注\s*\d*\s*[:：]|[\[［]\d{1,2}[\]］])\s*\S.*[\u4e00-\u9fff]")


# an attachment's label at the top of its first page (附件 1, then 附件 2 pages later): the same
# shape at a page's head, but each the start of its attachment, not a running head
_ATTACHMENT_LABEL = re.compile(r"^\s*附\s*件\s*[\d一二三四五六七八九十]{0,3}\s*$")


def _drop_running(pages, removed, body_size: float | None) -> list[dict]:
    """Lines in the top or bottom band that repeat on other pages, or are page numbers, go; a line
    there set smaller than ``body_size`` (None: the pages have no text, only ruled tables) goes too."""
    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s", "", text))
    counts: dict[str, int] = {}
    for height, _, lines in pages:
        for line in lines:
            if "table" in line:
                continue
            if line["top"] < height * 0.1 or line["bottom"] > height * 0.9:
                counts[shape(line["text"])] = counts.get(shape(line["text"]), 0) + 1
    body = []
    for height, width, lines in pages:
        for line in lines:
            if "table" in line:
                _add_table(body, line)
                continue
            line["page_width"] = round(width)     # its margins are those of pages as wide (_pdf_lines)
            edge = line["top"] < height * 0.1 or line["bottom"] > height * 0.9
            if edge and _PAGE_NO.match(line["text"]):
                removed.append(("page number (PDF page foot)", line["text"]))
            elif edge and counts.get(shape(line["text"]), 0) >= 2 and not _ATTACHMENT_LABEL.match(line["text"]):
                removed.append(("running head or foot (repeats on every page)", line["text"]))
            elif edge and _size(line) < body_size * 0.85 and not MARKING.match(line["text"]) \
                    and not _NOTE_LINE.match(line["text"]):
                removed.append(("running head or foot (small type in the page margin)", line["text"]))
            else:
                body.append(line)
    return body


def _add_table(body: list[dict], table: dict) -> None:
    """A table goes on from the last page when nothing came between and it has as many columns; the
    header rows the layout repeated on the new page are dropped, and a row the page break cut in two
    is one row again: a first row on the new page that fills only cells the last row left empty or
    was still wrapping. A row cut so that only its 序号 stayed on the last page (a bare number under
    the table) is one row again too."""
    cut = body[-1]["text"].strip() if len(body) >= 2 and "table" not in body[-1] and "table" in body[-2] \
        and re.fullmatch(r"\d{1,3}", body[-1]["text"].strip()) else None
    last = body[-2] if cut else body[-1] if body else None
    if last is not None and "table" in last and len(last["table"][0]) == len(table["table"][0]):
        rows, first = table["table"], last["table"]
        repeated = 0
        while repeated < min(len(rows) - 1, len(first)) and rows[repeated] == first[repeated]:
            repeated += 1
        rows = rows[repeated:]
        if cut:
            if not rows or rows[0][0]:
                body.append(table)     # the number was no cell of the row the new page starts with
                return
            rows[0][0] = cut
            body.pop()
        ends = first[-1]
        going_on = (last.get("open") or set()) | {k for k, cell in enumerate(ends) if not cell}
        if rows and len(first) > 1 and any(rows[0]) and all(k in going_on for k, cell in enumerate(rows[0]) if cell) \
                and not all(rows[0]):
            first[-1] = [a + line_break(a[-1:], b[:1]) + b if a and b else a or b for a, b in zip(first[-1], rows[0])]
            rows = rows[1:]
        last["table"] = first + rows
        last["open"] = table.get("open")
        return
    body.append(table)


def _size(line: dict) -> float:
    return sum(c["size"] for c in line["chars"]) / max(1, len(line["chars"]))


def _pdf_lines(body: list[dict]) -> list[Line]:
    text = [line for line in body if "table" not in line]
    if not text:
        return [Line(row, n, table=True) for n, table in enumerate(body, 1) for row in md_table(table["table"])]
    sizes = sorted(c["size"] for line in text for c in line["chars"])
    size = sizes[len(sizes) // 2]
    # the text's margins, for each width of page: a landscape page (an attachment's wide table) has
    # its own, and the portrait pages' lines run to theirs
    margins: dict[int | None, tuple[float, float]] = {}
    for line in text:
        x0, x1 = margins.get(line.get("page_width"), (line["x0"], line["x1"]))
        margins[line.get("page_width")] = (min(x0, line["x0"]), max(x1, line["x1"]))
    lines: list[Line] = []
    for n, line in enumerate(body, 1):
        following = body[n] if n < len(body) else None
        if "table" in line:
            lines.append(Line("", n))
            lines += [Line(row, n, table=True) for row in md_table(line["table"])]
            lines.append(Line("", n))
            continue
        chars = line["chars"]
        big = sum(c["size"] for c in chars) / len(chars) > size * 1.15
        bold = all("bold" in c.get("fontname", "").lower() or "black" in c.get("fontname", "").lower()
                   for c in chars)
        x0, x1 = line.get("column", margins[line.get("page_width")])     # a column's own (pdfcolumns.py)
        middle = (line["x0"] + line["x1"]) / 2
        center = abs(middle - (x0 + x1) / 2) < size and line["x0"] - x0 > size * 2 and x1 - line["x1"] > size * 2
        # set right (a signature, a date): it reaches the margin without running there from the left
        pushed = line["x0"] - x0 > (x1 - x0) * 0.4
        lines.append(Line(line["text"], n, heading=(2 if big else 4) if big or bold else 0,
                          indent=line["x0"] - x0 > size * 1.5 and not center,
                          full=(x1 - line["x1"] < size * 2.5 or _held_over(line, following, x1)) and not pushed
                          and len(_cells(line)) < 2,    # (fields apart by a gap: 机关　　日期, a layout line)
                          center=center))
    return lines


# What may not end a line (opening brackets and quotes) or start one (closing punctuation), after
# the rules a browser or word processor breaks Chinese lines by; a quotation mark is taken as held
# to the character before it too (UAX #14 LB19, which older line breakers follow)
_NO_END = set("“‘（《「『【〔([")
_NO_START = set("，。、；：？！”’）》」』】〕…—%)]“‘,.;:?!")
_WORD = re.compile(r"[A-Za-z0-9.,%]")


def _held_over(line: dict, following: dict | None, margin: float) -> bool:
    """Does ``line`` end short only because the first piece of the line after it could not be
    broken (态“一 is one piece: no break before “ nor after it; so is 1.6万 up to 万)? Left-aligned
    text (a web page saved as PDF) ends such a line two or three characters short of the margin,
    which reads as a paragraph's end."""
    if following is None or "table" in following or following.get("column") != line.get("column") \
            or not following["chars"] or following["top"] < line["bottom"]:
        return False
    chars = following["chars"]
    k = 1
    while k < len(chars):
        a, b = chars[k - 1]["text"], chars[k]["text"]
        if not (a in _NO_END or b in _NO_START or (_WORD.match(a) and _WORD.match(b))):
            break
        k += 1
    return margin - line["x1"] < chars[k - 1]["x1"] - chars[0]["x0"] + chars[0]["size"] * 0.25
