"""Reading Word documents as Word shows them: paragraphs with their list numbers (wordlists.py),
heading styles, text boxes, content controls and tables in document order, tracked changes
accepted, merged cells once. Older formats (.doc, .wps, .rtf, .odt) are made .docx by LibreOffice
first (bulletin/office.py)."""
from __future__ import annotations

import re
from pathlib import Path

from ...model import docnumber
from .common import NOTE, link_address
from .model import Line, Source, Unreadable
from .rows import md_table, one_row_or_column

_OFFICE_NAMES = {".doc": "Word 97–2003 (.doc)", ".wps": "WPS Office (.wps)", ".rtf": "Rich Text (.rtf)",
                 ".odt": "OpenDocument text (.odt)", ".xml": "Word 2003 XML"}


def office_file(path: Path, data: bytes, suffix: str) -> Source:
    """An older word-processor file (``suffix``: .doc, .wps, .rtf or .odt, from read.py), made .docx
    by LibreOffice and read as one."""
    from ...office import INSTALL, convert, soffice
    what = _OFFICE_NAMES[suffix]
    if soffice() is None:
        raise Unreadable(f"a {what} file, which is read through LibreOffice; expected LibreOffice installed "
                         f"({INSTALL}), or the file saved as .docx")
    converted = convert(data, suffix, "docx", stem="document")
    if converted is None:
        raise Unreadable(f"LibreOffice could not read this {what} file; expected a readable document "
                         "(open it in Word or WPS and save it as .docx)")
    import tempfile
    with tempfile.TemporaryDirectory(prefix="bulletin-import-") as tmp:
        docx = Path(tmp, "document.docx")
        docx.write_bytes(converted)
        source = docx_file(docx)
    return Source(path, "docx", f"{what}, converted to .docx with LibreOffice", source.lines, source.removed,
                  catalogue=source.catalogue)


def docx_file(path: Path) -> Source:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    try:
        document = docx.Document(str(path))
    except Exception as exc:   # noqa: BLE001 - a damaged file is the user's, one line about it
        raise Unreadable(f"not a readable .docx file ({type(exc).__name__}); expected a Word 2007+ document") from None
    from .wordlists import ListNumbers
    numbers = ListNumbers(document)
    notes = _Notes(document)
    lines: list[Line] = []
    removed: list[tuple[str, str]] = []
    catalogue: dict[str, str] = {}       # a wrapped web page's 信息公开 table (webpage.py)
    for element in _docx_blocks(document.element.body):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "altChunk":
            lines += _alt_chunk(document, element, len(lines), removed, catalogue)
        elif tag == "p":
            for box in _text_boxes(element):      # a text box's paragraphs (a 红头 is often one) first
                _docx_paragraph(Paragraph(box, document), lines, notes, "")
            paragraph = Paragraph(element, document)
            _docx_paragraph(paragraph, lines, notes, numbers(paragraph))
        elif tag == "tbl":
            seen: dict = {}          # cells met already (kept alive, so lxml gives the same object back)
            rows = [_docx_row(row, seen, notes) for row in Table(element, document).rows]
            lines.append(Line("", len(lines) + 1))
            if one_row_or_column(rows):
                lines += [Line(c, len(lines) + 1 + i) for i, c in enumerate(c for r in rows for c in r if c)]
            else:
                lines += [Line(row, len(lines) + 1 + i, table=True) for i, row in enumerate(md_table(rows))]
            lines.append(Line("", len(lines) + 1))
            _note_lines(lines, notes)      # the notes its cells refer to, after the table
    return Source(path, "docx", "Word (.docx)", lines, removed, catalogue=catalogue)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_blocks(parent):
    """Paragraphs and tables in order, also those inside content controls (w:sdt) and custom XML."""
    for element in parent.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl", "altChunk"):
            yield element
        elif tag in ("sdt", "customXml"):
            content = element.find(f"{_W}sdtContent") if tag == "sdt" else element
            if content is not None:
                yield from _docx_blocks(content)


_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _alt_chunk(document, element, before: int, removed: list, catalogue: dict) -> list[Line]:
    """A part imported whole into the document (w:altChunk): what web systems' "export to Word"
    writes, an HTML page (or text, or another .docx) that Word shows in place. Word renders it;
    python-docx sees nothing there."""
    rel = document.part.rels.get(element.get(f"{_R}id"))
    if rel is None or rel.is_external:
        return []
    part = rel.target_part
    kind, data = part.content_type.split(";")[0].strip().lower(), part.blob
    if kind in ("text/html", "application/xhtml+xml", "message/rfc822"):
        from .read import page_text
        from .webpage import html_lines, mhtml
        page = mhtml(data)[0] if kind == "message/rfc822" else page_text(data)[0]
        lines, furniture, found = html_lines(page)
        removed += furniture
        catalogue.update(found)
    elif kind == "text/plain":
        from .read import decode, text_lines
        lines = text_lines(decode(data)[0])
    elif "wordprocessingml" in kind:
        import tempfile
        with tempfile.TemporaryDirectory(prefix="bulletin-import-") as tmp:
            Path(tmp, "chunk.docx").write_bytes(data)
            lines = docx_file(Path(tmp, "chunk.docx")).lines
    else:
        return []        # RTF and the rest: LibreOffice would be needed for a part of a part
    return [Line("", before + 1)] + [Line(ln.text, before + 2 + i, ln.heading, ln.indent, ln.full, ln.center, ln.table)
                                     for i, ln in enumerate(lines)] + [Line("", before + len(lines) + 2)]


def _text_boxes(p) -> list:
    """Paragraphs of the text boxes anchored in paragraph ``p``, each once (a box is stored twice,
    as a drawing and as its VML fallback for old Word versions)."""
    boxes = []
    for content in p.iter(f"{_W}txbxContent"):
        if any(ancestor.tag == _FALLBACK for ancestor in content.iterancestors()):
            continue
        boxes += [q for q in content.iter(f"{_W}p") if not list(q.iter(f"{_W}txbxContent"))]
    return boxes


def _docx_row(row, seen: dict, notes: "_Notes") -> list[str]:
    """A table row's cell texts. A cell merged across columns counts once; one merged down over
    several rows of the body (a 牵头单位 for three tasks) is written in each of them, as a Markdown
    table has no merged cells and an empty one would say the row has none. A cell's paragraphs are
    read as the body's are (python-docx's cell.text leaves out tracked insertions and footnote
    references), those of a table inside it too. ``seen``: cell -> (the row it was read in, its text)."""
    from docx.text.paragraph import Paragraph
    out = []
    header = not seen       # (a head cell over two rows stays once: the second is the header's)
    for cell in row.cells:
        tc = cell._tc
        merged_down = tc.tcPr is not None and tc.tcPr.find(f"{_W}vMerge") is not None and \
            tc.tcPr.find(f"{_W}vMerge").get(f"{_W}val", "continue") == "continue"
        text = ""
        if tc in seen:      # (python-docx gives a cell merged down the cell it starts in)
            text = seen[tc][1] if seen[tc][0] is not row._tr else ""   # down: again; across: once
        elif not merged_down:
            paragraphs = [p for p in tc.iter(f"{_W}p") if not any(a.tag in _SKIP for a in p.iterancestors())]
            text = " ".join(t for t in (_docx_text(Paragraph(p, cell), notes).strip() for p in paragraphs) if t)
            text = text.replace("|", "｜").replace("\n", " ")
        seen.setdefault(tc, (row._tr, "" if header else text))
        out.append(text)
    return out


_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", _FALLBACK}


class _Notes:
    """The document's footnotes and endnotes by id, and the Markdown labels given to those
    referenced (1, 2, … in the order the text refers to them, as Word numbers them)."""

    def __init__(self, document) -> None:
        from docx.oxml.parser import parse_xml   # python-docx's parser: no entities resolved (a
        self.texts: dict[tuple[str, str], str] = {}   # hostile file cannot pull in /etc/passwd)
        for rel in document.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind not in ("footnotes", "endnotes") or rel.is_external:
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root.iter(f"{_W}footnote", f"{_W}endnote"):
                if note.get(f"{_W}type") in (None, "normal"):
                    text = "".join(t.text or "" for t in note.iter(f"{_W}t")).strip()
                    self.texts[(kind[:-1], note.get(f"{_W}id"))] = text
        self.pending: list[tuple[int, str]] = []
        self.count = 0

    def refer(self, kind: str, note_id: str) -> str:
        """The marker for a reference in the text; its definition is written after the paragraph."""
        text = self.texts.get((kind, note_id))
        if text is None:
            return ""
        self.count += 1
        self.pending.append((self.count, text))
        return NOTE.format(self.count)


_NOTE_REFS = {f"{_W}footnoteReference": "footnote", f"{_W}endnoteReference": "endnote"}


def _docx_text(paragraph, notes: _Notes) -> str:
    """The paragraph's text as Word shows it with changes accepted: runs inside tracked insertions,
    hyperlinks, fields and smart tags included; deleted runs and text boxes (read on their own) not.
    A footnote's or endnote's reference is a Markdown footnote marker."""
    from docx.text.run import Run
    p = paragraph._p
    parts = []
    links: dict = {}      # a hyperlink element → [its words, where they end in parts]
    for r in p.iter(f"{_W}r"):
        ancestor, skip, link = r.getparent(), False, None
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in _SKIP:
                skip = True
                break
            link = ancestor if ancestor.tag == _HYPERLINK and link is None else link
            ancestor = ancestor.getparent()
        if not skip:
            parts.append(Run(r, paragraph).text)
            if link is not None:
                words = links.setdefault(link, ["", 0])
                words[0], words[1] = words[0] + parts[-1], len(parts)
            parts += [notes.refer(_NOTE_REFS[ref.tag], ref.get(f"{_W}id")) for ref in r if ref.tag in _NOTE_REFS]
    around = "".join(parts)
    for link, (words, end) in sorted(links.items(), key=lambda item: -item[1][1]):   # from the end: places stay
        parts.insert(end, link_address(_link_target(paragraph, link), words, around))
    return "".join(parts)


_HYPERLINK = f"{_W}hyperlink"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _link_target(paragraph, link) -> str:
    """The address an external hyperlink of the paragraph points to ("" for a bookmark in the file)."""
    rel = paragraph.part.rels.get(link.get(_R_ID) or "")
    return rel.target_ref if rel is not None and rel.is_external else ""


def _docx_paragraph(paragraph, lines: list[Line], notes: _Notes, number: str = "") -> None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    m = re.search(r"(?:Heading|标题)\s*(\d)", style)
    level = min(int(m.group(1)), 4) if m else (1 if style in ("Title", "标题") else 0)
    fmt = paragraph.paragraph_format
    indent = bool(fmt.first_line_indent and fmt.first_line_indent > 0)
    center = paragraph.alignment is not None and int(paragraph.alignment) == 1
    text = _docx_text(paragraph, notes)
    if not level and paragraph.runs and all(r.bold for r in paragraph.runs if r.text.strip()) and text.strip():
        level = 4   # a bold paragraph on its own: a heading in most Word documents
    parts = (number + text).split("\n")   # soft line breaks (Shift+Enter) inside one paragraph
    for i, part in enumerate(parts):
        # a soft break runs the line on into the next, but not in a list set out with it: a line laid
        # out in fields (陈若谷　副市长), or one before a label (副组长：…, 成　员：…)
        # nor in a red head set with it (青禾市人民政府办公室文件 / 青政办发〔2025〕27号)
        kept = _LAID_OUT.search(part.strip()) or (i + 1 < len(parts) and _LABEL.match(parts[i + 1].strip())) \
            or _head_piece(part) or (i + 1 < len(parts) and _head_piece(parts[i + 1]))
        lines.append(Line(part.strip(), len(lines) + 1, level, indent and i == 0,
                          full=i < len(parts) - 1 and not kept, center=center))
    lines.append(Line("", len(lines) + 1))
    _note_lines(lines, notes)


def _head_piece(part: str) -> bool:
    """A red head's 发文机关标志 (…文件) or its 文号: a line of its own."""
    compact = re.sub(r"[\s\u3000]", "", part)
    return compact.endswith("文件") and len(compact) <= 30 or bool(docnumber.LENIENT.fullmatch(compact))


_LAID_OUT = re.compile(r"\S( {2,}|\u3000)\S")
_LABEL = re.compile(r"^[\u4e00-\u9fff](?:[\s\u3000]*[\u4e00-\u9fff]){1,4}[\s\u3000]*[：:]")


def _note_lines(lines: list[Line], notes: _Notes) -> None:
    """The notes the last paragraph or table referred to, as Markdown footnotes after it."""
    for label, note in notes.pending:
        lines += [Line(f"{NOTE.format(label)}: {note}", len(lines) + 1), Line("", len(lines) + 2)]
    notes.pending.clear()
