"""Step 1: a legacy file becomes lines with layout cues, whatever its format and encoding.

The file is read as what its first bytes say it is, whatever its name: text (.txt) and web pages
(.html, .mht: webpage.py) in UTF-8, GBK/GB18030 or Big5 (detected with charset-normalizer; a page's
<meta charset> is tried first), Word (.docx, and .doc/.wps/.rtf/.odt through LibreOffice: word.py),
text PDFs (pdftext.py). A binary file that is none of these is refused, never decoded.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .model import Line, Source, Unreadable
from .rows import md_table

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
           ".doc": "office", ".wps": "office", ".rtf": "office", ".odt": "office", ".mht": "mhtml", ".mhtml": "mhtml"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"      # .doc, .wps, .xls, .ppt: the old binary container


def read(path: Path) -> Source:
    data = path.read_bytes()
    fmt = _sniffed(data) or FORMATS.get(path.suffix.lower()) or "txt"   # the bytes say it first
    if fmt == "pdf":
        from .pdftext import pdf_file
        return pdf_file(path)
    if fmt == "docx":
        from .word import docx_file
        return docx_file(path)
    if fmt == "office":
        from .word import office_file
        kind = _office_kind(data) or ".doc"
        if kind == ".doc" and path.suffix.lower() == ".wps":   # .wps and .doc share a container: the name tells
            kind = ".wps"
        return office_file(path, data, kind)
    from .webpage import html_lines, mhtml
    if fmt == "mhtml":
        html, encoding = mhtml(data)
        lines, removed, catalogue = html_lines(html)
        return Source(path, "html", f"MHTML web archive, {encoding}", lines, removed, catalogue=catalogue)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = _utf16_marked(data)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("a binary file, not text; expected .txt, .html, .mht, .docx, .doc, .wps, .rtf, .odt or .pdf")
    text, encoding = page_text(data) if fmt == "html" else decode(data)
    if fmt == "txt" and re.match(r"\s*(<!doctype html|<html)", text[:200], re.I):
        fmt = "html"
    if fmt == "html":
        lines, removed, catalogue = html_lines(text)
        return Source(path, "html", encoding, lines, removed, catalogue=catalogue)
    return Source(path, "txt", encoding, text_lines(text))


def page_text(data: bytes) -> tuple[str, str]:
    """A web page's text and encoding: its <meta charset> tried first."""
    return decode(data, _declared_charset(data))


def text_lines(text: str) -> list[Line]:
    """Plain text as lines: an indented line marked, tab-separated rows made a table."""
    lines = [Line(raw.rstrip(), n, indent=bool(re.match(r"^( {2,}|\t|\u3000)", raw)))
             for n, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)]
    return _space_tables(_tab_tables(lines))


_GAP = re.compile(r"\S {2,}\S")


def _space_tables(lines: list[Line]) -> list[Line]:
    """A table laid out with spaces (a PDF's text as ``pdftotext -layout`` writes it: each cell at
    its column, a wrapped cell's lines under it) read as the PDF's own borderless tables are
    (pdftables.py): each character a glyph one unit wide at its position, each line 1.5 units below
    the one before, cells apart by two spaces or more. Blank lines between a table's rows go with
    it. A cell centred between its neighbour's lines has no height to share here: its line comes
    back as a row of its own."""
    if not any(_GAP.search(line.text) for line in lines if not line.table):
        return lines        # no line with cells apart: no table laid out with spaces (most texts)
    from .pdftables import tables
    inputs: list[dict] = []
    for n, line in enumerate(lines):
        text = line.text.replace("\f", "")
        if line.table or not text.strip():
            if line.table:        # a table already (tabs): the layout pass stops at it
                inputs.append({"table": [], "n": n})
            continue
        chars = [{"text": ch, "x0": float(x), "x1": x + 1.0, "top": n * 1.5, "bottom": n * 1.5 + 1.0, "size": 1.0,
                  "fontname": ""} for x, ch in enumerate(text)]   # spaces too: one apart is no cell gap
        ink = [c for c in chars if c["text"].strip()]
        inputs.append({"text": text.strip(), "chars": chars, "x0": ink[0]["x0"], "x1": ink[-1]["x1"],
                       "top": n * 1.5, "bottom": n * 1.5 + 1.0, "n": n})
    found = tables(inputs)
    if len(found) == len(inputs):
        return lines                                   # no table laid out with spaces
    out: list[Line] = []
    pos = k = 0                                        # next line of ``lines``, next of ``inputs``
    for item in found:
        run = inputs[k:k + item["lines"]] if "lines" in item else [item]
        out += lines[pos:run[0]["n"]]
        if "lines" in item:
            first, last = lines[run[0]["n"]].no, lines[run[-1]["n"]].no
            out += [Line("", first)] + [Line(row, first, table=True) for row in md_table(item["table"])] + [Line("", last)]
        else:
            out.append(lines[item["n"]])
        pos, k = run[-1]["n"] + 1, k + len(run)
    return out + lines[pos:]


def _tab_tables(lines: list[Line]) -> list[Line]:
    """Rows of cells between tabs, as a table copied out of Word or Excel arrives in plain text: two
    or more lines in a row with the same number (two or more) of cells become a Markdown table."""
    def cells(line: Line) -> list[str]:
        return [c.strip() for c in line.text.strip("\t ").split("\t")] if "\t" in line.text.strip("\t ") else []
    out: list[Line] = []
    i = 0
    while i < len(lines):
        width = len(cells(lines[i]))
        j = i
        while j < len(lines) and width >= 2 and len(cells(lines[j])) == width:
            j += 1
        if j - i >= 2:
            rows = [[c.replace("|", "｜") for c in cells(line)] for line in lines[i:j]]
            out.append(Line("", lines[i].no))
            out += [Line(row, lines[i].no, table=True) for row in md_table(rows)]
            out.append(Line("", lines[j - 1].no))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _office_kind(data: bytes) -> str | None:
    """.doc (the old binary container of Word 97–2003 and WPS), .rtf or .odt, as the bytes say."""
    if data[:8] == _OLE:
        return ".doc"
    if data.lstrip()[:5] == b"{\\rtf":
        return ".rtf"
    if data[:2] == b"PK" and b"opendocument.text" in data[:200]:
        return ".odt"
    if b"<w:wordDocument" in data[:4096] or b'progid="Word.Document"' in data[:4096]:
        return ".xml"             # Word 2003 XML, often saved with a .doc name
    return None


def _sniffed(data: bytes) -> str | None:
    """The format the file's first bytes declare, whatever its name says."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if _office_kind(data):
        return "office"
    if data[:2] == b"PK":
        return "docx"
    head = data[:2048].lower()
    if b"mime-version:" in head and b"multipart/related" in head:
        return "mhtml"            # a page saved as one file (.mht), whatever its name
    if re.match(rb"(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*(<!doctype html|<html)", head, re.S):
        return "html"             # a web page named .doc (sites offered pages as Word downloads)
    return None


# ---------------------------------------------------------------- encodings

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5-hkscs": "big5hkscs"}


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def _utf16_marked(data: bytes) -> bytes:
    """UTF-16 text saved without its byte-order mark (some export tools), given the mark; other
    bytes as they are. Read the right way round, nearly all of it is characters of GB2312 (the
    common ones), ASCII and line ends; read the wrong way round, or any binary file, it is not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    head = data[:min(len(data), 8192) & ~1]          # whole code units (a cut-off file has an odd length)
    for codec, mark in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        common = sum(ch in "\r\n\t" or " " <= ch <= "~" or _in_gb2312(ch) for ch in text)
        if text and common >= 0.9 * len(text) and re.search(r"[\u4e00-\u9fff]", text):
            return mark + data
    return data


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _utf16(data: bytes) -> tuple[str, str] | None:
    """Text with a UTF-16 byte-order mark, read as UTF-16 even when its last byte was cut off (half a
    character: the detector then read the whole file as GB18030 garbage)."""
    for mark, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(mark):
            body = data[len(mark):]
            odd = len(body) % 2
            try:
                text = body[:len(body) - odd].decode(codec)
            except UnicodeDecodeError:
                return None
            return text, "UTF-16" + (" (its last byte, half a character, left out)" if odd else "")
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name): UTF-8 when it decodes, UTF-16 when it says so, else the declared charset,
    else the detector's."""
    utf16 = _utf16(data)
    if utf16 is not None:
        return utf16
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), "UTF-8 (BOM)" if bom else "UTF-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    if declared:
        codec = _ALIASES.get(declared, declared)
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            other = _other_chinese(data, codec, text, least=20)
            if other:
                return other[0], f"{other[1]} (detected: the page declares {declared.upper()}, whose reading is " \
                                 "mostly rare characters)"
            return text, f"{declared.upper()} (declared in <meta charset>)"
    mark = ", after a UTF-8 byte-order mark that the text does not match" if bom else ""
    from charset_normalizer import from_bytes
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "big5hkscs", "utf_16", "cp1252"]).best()
    if best is not None:
        other = _other_chinese(data, best.encoding, str(best), least=1)   # a short text's guess
        if other:
            return other[0], f"{other[1]} (detected{mark}; its characters are common in it)"
        name = {"gb18030": "GB18030/GBK", "big5": "Big5", "big5hkscs": "Big5-HKSCS"}.get(best.encoding, best.encoding)
        return str(best), f"{name} (detected{mark})"
    return data.decode("gb18030", errors="replace"), f"GB18030 (guessed; undecodable bytes replaced{mark})"


@functools.cache
def _t2s_converter():
    import opencc
    return opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    """Traditional characters made Simplified (OpenCC's t2s), with one converter for the process."""
    return _t2s_converter().convert(text)


# Chinese text is mostly common characters: GB2312's first level (3,755 characters, lead bytes
# B0–D7) holds nearly all of a Simplified text, and of a Traditional one made Simplified. Big5 bytes
# read as GBK, or GBK read as Big5, decode without an error into rare characters.
def _common_share(text: str, family: str) -> float:
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if family == "big5" and han:
        han = [ch for ch in t2s("".join(han)) if "\u4e00" <= ch <= "\u9fff"]
    common = 0
    for ch in han:
        try:
            common += 0xB0 <= ch.encode("gb2312")[0] <= 0xD7
        except UnicodeEncodeError:
            pass
    return common / len(han) if han else 1.0


def _other_chinese(data: bytes, codec: str, text: str, least: int) -> tuple[str, str] | None:
    """Big5 read as GBK (or GBK as Big5), which decodes without an error: (the other reading, its
    name) when ``text`` (``data`` read as ``codec``, with ``least`` Han characters or more) is
    mostly rare characters and the other reading's are far more common."""
    family = {"gb18030": "gb18030", "big5": "big5", "big5hkscs": "big5"}.get(codec)
    if family is None or sum("\u4e00" <= ch <= "\u9fff" for ch in text) < least:
        return None
    other = "big5" if family == "gb18030" else "gb18030"
    share = _common_share(text, family)
    if share >= 0.8:
        return None
    try:
        reading = data.decode("big5hkscs" if other == "big5" else other)
    except UnicodeDecodeError:
        return None
    if _common_share(reading, other) < share + 0.2:
        return None
    return reading, "Big5" if other == "big5" else "GB18030/GBK"


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with some lines that are not: a file cut inside a character, a stray byte, a
    paragraph pasted in from a GBK file, two files put together. Each line is read on its own: as
    UTF-8 when it is, or when its bad bytes are few beside its good characters (replaced with
    U+FFFD); else as GBK when it is that; else as UTF-8 with replacements. Taken when the UTF-8
    lines with Chinese outnumber the others (a GBK file read this way has next to none)."""
    out: list[str] = []
    utf8, gbk, replaced = 0, [], []
    for no, raw in enumerate(data.splitlines(keepends=True), 1):
        try:
            out.append(raw.decode("utf-8"))
            utf8 += not raw.isascii()
            continue
        except UnicodeDecodeError:
            pass
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if sum(1 for ch in text if ord(ch) > 0x7F) - bad >= 4 * bad:   # a stray or cut byte
            out.append(text)
            replaced.append(no)
            continue
        try:
            out.append(raw.decode("gb18030"))
            gbk.append(no)
        except UnicodeDecodeError:
            out.append(text)
            replaced.append(no)
    if utf8 < 2 or utf8 <= len(gbk) + len(replaced):
        return None
    notes = [f"{what} {_line_list(nos)}" for what, nos in
             (("GBK in line(s)", gbk), ("bytes that are not UTF-8 replaced with \ufffd in line(s)", replaced)) if nos]
    return "".join(out), f"UTF-8 ({'; '.join(notes)})"


def _line_list(nos: list[int]) -> str:
    return ", ".join(map(str, nos[:8])) + (f" and {len(nos) - 8} more" if len(nos) > 8 else "")
