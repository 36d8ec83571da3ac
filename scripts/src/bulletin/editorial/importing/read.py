"""Step 1: a legacy file becomes lines with layout cues, whatever its format and encoding.

.txt/.html in UTF-8, GBK/GB18030 or Big5 (detected with charset-normalizer; an HTML page's
<meta charset> is tried first); .docx through python-docx (paragraphs, heading styles, tables, in
document order); text PDFs through pdfplumber (running heads and page numbers dropped, each line
marked indented / running to the margin so paragraphs can be rejoined). A PDF without a text layer
raises NeedsOCR: there is nothing to import until it has been through OCR.
"""
from __future__ import annotations

import re
from pathlib import Path

from .model import Line, Source


class NeedsOCR(Exception):
    """A scanned PDF: pages are images, there is no text to read."""


class Unreadable(Exception):
    """A file this importer has no reader for, or one its library cannot open."""


FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
           ".doc": "office", ".wps": "office", ".rtf": "office", ".odt": "office", ".mht": "mhtml", ".mhtml": "mhtml"}
# Older word-processor formats, read once LibreOffice has made them .docx (bulletin/office.py).
_OFFICE_NAMES = {".doc": "Word 97–2003 (.doc)", ".wps": "WPS Office (.wps)", ".rtf": "Rich Text (.rtf)",
                 ".odt": "OpenDocument text (.odt)"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"      # .doc, .wps, .xls, .ppt: the old binary container


def read(path: Path) -> Source:
    data = path.read_bytes()
    fmt = _sniffed(data) or FORMATS.get(path.suffix.lower()) or "txt"   # the bytes say it first
    if fmt == "pdf":
        return _pdf(path)
    if fmt == "docx":
        return _docx(path)
    if fmt == "office":
        return _office(path, data)
    if fmt == "mhtml":
        html, encoding = _mhtml(data)
        lines, removed, catalogue = html_lines(html)
        return Source(path, "html", f"MHTML web archive, {encoding}", lines, removed, catalogue=catalogue)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("a binary file, not text; expected .txt, .html, .mht, .docx, .doc, .wps, .rtf, .odt or .pdf")
    declared = _declared_charset(data) if fmt == "html" else None
    text, encoding = decode(data, declared)
    if fmt == "txt" and re.match(r"\s*(<!doctype html|<html)", text[:200], re.I):
        fmt = "html"
    if fmt == "html":
        lines, removed, catalogue = html_lines(text)
        return Source(path, "html", encoding, lines, removed, catalogue=catalogue)
    lines = [Line(raw.rstrip(), n, indent=bool(re.match(r"^( {2,}|\t|\u3000)", raw)))
             for n, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)]
    return Source(path, "txt", encoding, _tab_tables(lines))


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
            out += [Line(row, lines[i].no, table=True) for row in _md_table(rows)]
            out.append(Line("", lines[j - 1].no))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _sniffed(data: bytes) -> str | None:
    """The format the file's first bytes declare, whatever its name says."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:8] == _OLE or data.lstrip()[:5] == b"{\\rtf":
        return "office"
    if data[:2] == b"PK":
        return "office" if b"opendocument.text" in data[:200] else "docx"
    head = data[:2048].lower()
    if b"mime-version:" in head and b"multipart/related" in head:
        return "mhtml"            # a page saved as one file (.mht), whatever its name
    return None


def _mhtml(data: bytes) -> tuple[str, str]:
    """The page of a web archive (Internet Explorer's and Edge's 'save as one file'): its first
    text/html part, quoted-printable or base64 undone, decoded as its part says (else detected)."""
    import email
    from email import policy
    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            return decode(payload, part.get_content_charset())
    raise Unreadable("a web archive (.mht) without a page in it; expected a text/html part")


def _office(path: Path, data: bytes) -> Source:
    """An older word-processor file, made .docx by LibreOffice and read as one."""
    from ...office import INSTALL, convert, soffice
    suffix = path.suffix.lower() if path.suffix.lower() in _OFFICE_NAMES else (
        ".rtf" if data.lstrip()[:5] == b"{\\rtf" else ".odt" if data[:2] == b"PK" else ".doc")
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
        source = _docx(docx)
    return Source(path, "docx", f"{what}, converted to .docx with LibreOffice", source.lines, source.removed)


# ---------------------------------------------------------------- encodings

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5-hkscs": "big5hkscs"}


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name): UTF-8 when it decodes, else the declared charset, else the detector's."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if declared:
        codec = _ALIASES.get(declared, declared)
        try:
            return data.decode(codec), f"{declared.upper()} (declared in <meta charset>)"
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "big5hkscs", "utf_16", "cp1252"]).best()
    if best is not None:
        name = {"gb18030": "GB18030/GBK", "big5": "Big5", "big5hkscs": "Big5-HKSCS"}.get(best.encoding, best.encoding)
        return str(best), f"{name} (detected)"
    return data.decode("gb18030", errors="replace"), "GB18030 (guessed; undecodable bytes replaced)"


# ---------------------------------------------------------------- HTML

_BLOCK_TAGS = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "header",
               "footer", "nav", "ul", "ol", "table", "blockquote", "pre", "hr", "dd", "dt", "title", "aside",
               "center", "form", "main"]
_FURNITURE_TAGS = ("nav", "footer", "aside", "header", "form", "iframe")


def html_lines(html: str) -> tuple[list[Line], list[tuple[str, str]], dict[str, str]]:
    """The page's text as lines; scripts and styles are code, page furniture in nav/footer/aside is
    listed as removed. Entities become their characters (``&lt;script&gt;`` is the text <script>)."""
    from bs4 import BeautifulSoup, Comment
    soup = BeautifulSoup(html, "html.parser")
    removed: list[tuple[str, str]] = []
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if comment.strip():
            removed.append(("HTML comment", comment.strip()[:80]))
        comment.extract()
    if soup.head:
        title = soup.head.title.get_text(" ", strip=True) if soup.head.title else ""
        if title:
            removed.append(("page title in <head> (the text's own title is kept)", title))
        soup.head.decompose()
    _wechat(soup, removed)
    catalogue = _catalogue(soup, removed)
    for cell in soup.find_all(["td", "th"]):
        if not cell.decomposed and _link_column(cell):   # a layout table's column of site links
            removed.append(("site navigation (a table cell of links)", " ".join(cell.get_text(" ").split())))
            cell.decompose()
    for tag in soup.find_all(["div", "ul", "table", "td", "p", "section"], attrs={"class": _HEADER_NAME}) + \
            soup.find_all(["div", "ul", "table", "td", "p", "section"], id=_HEADER_NAME):
        if not tag.decomposed and tag.find_parent(["article", "main"]) is None and _site_header(tag):
            removed.append((f"site header or menu (<{tag.name}> named {_named(tag, _HEADER_NAME)})",
                            " ".join(tag.get_text(" ").split())))
            tag.decompose()
    for menu in soup.find_all(["ul", "ol"]):
        if not menu.decomposed and _link_list(menu):
            removed.append(("site navigation (a list of links)", " ".join(menu.get_text(" ").split())))
            menu.decompose()
    for tag in soup.find_all(["div", "table", "td", "p", "section"], attrs={"class": _FOOTER_NAME}) + \
            soup.find_all(["div", "table", "td", "p", "section"], id=_FOOTER_NAME):
        if not tag.decomposed and tag.find_parent(["article", "main"]) is None:   # <div class="footer">
            for text in tag.get_text("\n").split("\n"):
                if text.strip():
                    removed.append((f"site footer (<{tag.name}> named {_named(tag, _FOOTER_NAME)})", text.strip()))
            tag.decompose()
    for tag in soup.find_all(_FURNITURE_TAGS):
        if tag.find_parent(["article", "main"]) is None or tag.name in ("nav", "form", "iframe"):
            for text in tag.get_text("\n").split("\n"):
                if text.strip():
                    removed.append((f"site furniture (<{tag.name}>)", text.strip()))
            tag.decompose()
    return _soup_lines(soup), removed, catalogue


# The information-disclosure table (政府信息公开) a government site puts above a document: 索引号,
# 发文机关, 成文日期, 标题, 发文字号, 发布日期 … It describes the document and is not part of it.
_CATALOGUE = {"索引号", "主题分类", "发文机关", "成文日期", "标题", "名称", "发文字号", "文号", "发布日期", "有效性",
              "主题词", "公开方式", "公开范围", "信息来源", "生成日期", "所属机构", "发布机构", "组配分类", "体裁分类",
              "服务对象", "效力状况", "时效", "统一编号", "信息分类"}


def _label(text: str) -> str:
    return re.sub(r"[\s\u3000:：]", "", text)


def _catalogue(soup, removed: list[tuple[str, str]]) -> dict[str, str]:
    """Take out the page's information-disclosure table (three or more of its labels), listing each
    entry as removed; return its entries, which stand in for fields the document itself lacks."""
    found: dict[str, str] = {}
    for table in soup.find_all(["table", "div", "ul", "dl"]):
        if table.decomposed or table.find(["table", "div", "ul", "dl"]) is not None and table.name != "table":
            continue
        texts = [t for t in (s.strip() for s in table.stripped_strings) if t]
        labels = [t for t in texts if _label(t.split("：")[0].split(":")[0]) in _CATALOGUE]
        if len(labels) < 3 or len(table.get_text(strip=True)) > 600:
            continue
        entries: dict[str, str] = {}

        def is_label(text: str) -> bool:
            return _label(re.split("[:：]", text, maxsplit=1)[0]) in _CATALOGUE
        for n, text in enumerate(texts):       # 标签：值 in one cell, or the label and its value apart
            label, value = (re.split("[:：]", text, maxsplit=1) + [""])[:2]
            if _label(label) in _CATALOGUE:
                if not value.strip() and n + 1 < len(texts) and not is_label(texts[n + 1]):
                    value = texts[n + 1]
                entries[_label(label)] = value.strip()
        for label, value in entries.items():
            removed.append(("information-disclosure table (信息公开)", f"{label}：{value}"))
        found.update({k: v for k, v in entries.items() if v})
        table.decompose()
    return found


# A WeChat article (公众号) saved from the browser: its toolbar, QR code and "read more" areas.
_WECHAT_FURNITURE = re.compile(r"^(rich_media_tool|rich_media_area_extra\w*|js_pc_qr_code|qr_code_pc\w*|js_toobar\d*|"
                               r"js_read_area\d*|js_sponsor_ad_area|js_tags|article-tag\w*|js_share_source)$")


def _wechat(soup, removed: list[tuple[str, str]]) -> None:
    """A WeChat article: its account line (name, name again, time) becomes 发布时间：…, so the date
    is read as any publishing note is; its toolbar and QR code go, listed as removed."""
    meta = soup.find(id="meta_content")
    if meta is not None:
        time = meta.find(id="publish_time")
        account = " ".join(t.get_text(" ", strip=True) for t in meta.find_all(["span", "a"])
                           if t.get_text(strip=True) and t.find_parent(id="publish_time") is None)
        if account:
            removed.append(("WeChat account name", " ".join(dict.fromkeys(account.split()))))
        if time is not None and time.get_text(strip=True):
            note = soup.new_tag("p")
            note.string = "发布时间：" + time.get_text(" ", strip=True)
            meta.replace_with(note)
        else:
            meta.decompose()
    for tag in soup.find_all(id=_WECHAT_FURNITURE) + soup.find_all(class_=_WECHAT_FURNITURE):
        if not tag.decomposed:
            text = " ".join(tag.get_text(" ").split())
            if text:
                removed.append(("WeChat page furniture", text))
            tag.decompose()


# A page's footer in the markup of sites older than <footer>: class="footer", id="foot", class="bottom".
_FOOTER_NAME = re.compile(r"^(?:footer|foot|bottom|copyright|site-?footer|page-?footer|ft)$|^(?:footer|foot|bottom)[-_]", re.I)


# ... and its header, menu and breadcrumb: class="nav", id="menu", class="logo", class="position".
_HEADER_NAME = re.compile(r"^(?:nav|navbar|nav-?bar|menu|main-?menu|top-?menu|sub-?nav|logo|banner|top-?bar|"
                          r"breadcrumbs?|crumbs?|position|location|site-?header|header|top|head)$|"
                          r"^(?:nav|menu|breadcrumb|crumb)[-_]", re.I)
_WIDE = re.compile(r"^(?:header|top|head|site-?header|banner)$", re.I)


def _site_header(tag) -> bool:
    """A header-like container is the site's only when it holds no sentence (。), and, for the wide
    names (header, top, banner), no headline and little text: a page's own "header" may hold the
    article's title and its publishing notes."""
    if "。" in tag.get_text():
        return False
    if not any(_WIDE.match(c) for c in [*(tag.get("class") or []), tag.get("id") or ""]):
        return True
    return tag.find(["h1", "h2", "h3"]) is None and len(tag.get_text(strip=True)) <= 80


def _link_list(menu) -> bool:
    """A list of three or more items, each one short link to another page: a site menu."""
    items = menu.find_all("li", recursive=False)
    if len(items) < 3:
        return False
    for li in items:
        links = [a for a in li.find_all("a") if not (a.get("href") or "").startswith("#")]
        text = li.get_text(strip=True)
        if len(links) != 1 or links[0].get_text(strip=True) != text or not 0 < len(text) <= 10:
            return False
    return True


def _named(tag, names: re.Pattern) -> str:
    classes = tag.get("class") or []
    return next((c for c in classes if names.match(c)), tag.get("id") or "")


def _link_column(cell) -> bool:
    """A table cell that is a menu: two or more links to other pages, each a few words long, making
    most of the cell's text, and no sentence. An issue's 目录 whose lines link to the articles is
    kept: its lines are headlines, longer than a menu item."""
    links = [a for a in cell.find_all("a") if not (a.get("href") or "").startswith("#")]
    texts = [a.get_text(strip=True) for a in links]
    whole = re.sub(r"\s", "", cell.get_text())
    linked = sum(len(re.sub(r"\s", "", t)) for t in texts)
    return (len([t for t in texts if t]) >= 2 and all(len(t) <= 10 for t in texts) and len(whole) <= 120
            and linked >= 0.6 * len(whole) and not re.search("[。；]|目录", whole))


_SOURCE_BREAK = re.compile(r"[ \t]*[\r\n][ \t\r\n]*|\t+")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]")


def _source_break(m: re.Match) -> str:
    """A source line break with the indentation around it: nothing beside Chinese text (the page was
    wrapped inside a sentence: 由原来的 / 80万条), one space between Latin words."""
    text, a, b = m.string, m.start(), m.end()
    if (a and _CJK.match(text[a - 1])) or (b < len(text) and _CJK.match(text[b])):
        return ""
    return " "


def _soup_lines(soup) -> list[Line]:
    from bs4 import NavigableString
    # A line break in the HTML source is a space, not a new line (pages are often saved hard-wrapped,
    # a paragraph broken over several source lines); only <pre> keeps its lines.
    for text in soup.find_all(string=True):
        if isinstance(text, NavigableString) and re.search(r"[\r\n\t]", text) and text.find_parent("pre") is None:
            text.replace_with(_SOURCE_BREAK.sub(_source_break, str(text)))
    mark = "\u2063{}\u2063"
    for level, name in enumerate(("h1", "h2", "h3", "h4"), 1):
        for tag in soup.find_all(name):
            tag.insert(0, mark.format(level))
            for br in tag.find_all("br"):   # a headline broken with <br>: every line is heading text
                br.replace_with("\n" + mark.format(level))
    for tag in soup.find_all("p"):
        strong = tag.find(["strong", "b"])
        if strong and strong.get_text(strip=True) == tag.get_text(strip=True) and tag.get_text(strip=True):
            tag.insert(0, mark.format(4))
    for tag in soup.find_all(["p", "div"]):     # centred: a caption or a signature, told apart later
        style = re.sub(r"\s", "", (tag.get("style") or "").lower())
        if (tag.get("align") or "").lower() == "center" or "text-align:center" in style:
            tag.insert(0, mark.format("C"))
    # Outer tables first: a page laid out with tables (most older government sites) nests the
    # article's table inside the layout's; the layout is unwrapped, then its tables are decided.
    for table in soup.find_all("table"):
        rows = [[c.get_text(" ", strip=True).replace("|", "｜") for c in _cells(tr)] for tr in _rows(table)]
        if _layout_table(table, rows):
            _unwrap_layout(table)
            continue
        table.replace_with("\n" + "\n".join("\u2063T\u2063" + line for line in _md_table(rows)) + "\n")
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines: list[Line] = []
    for raw in soup.get_text().split("\n"):
        marks = re.findall("\u2063([1-4TC])\u2063", raw)
        table, center = "T" in marks, "C" in marks
        heading = next((int(m) for m in marks if m.isdigit()), 0) if not table else 0
        raw = re.sub("\u2063[1-4TC]\u2063", "", raw)
        indent = bool(re.match(r"^[\u3000\u00a0]{1,}|^ {2,}", raw))
        text = raw.strip(" \t\u00a0\u3000\r")
        if text or (lines and lines[-1].text):
            lines.append(Line(text, len(lines) + 1, heading if text else 0, indent and not center,
                              center=center and bool(text), table=table))
    return lines


# In a cell of a data table: words and numbers. These in a cell mean the table lays out a page.
_LAYOUT_INSIDE = ["table", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr", "center",
                  "form", "iframe", "blockquote", "pre"]
_PARAGRAPH = 150   # characters: a cell this long holds running text, not a value


def _rows(table) -> list:
    """The table's own rows (thead/tbody/tfoot included), not those of tables nested in its cells."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(tr) -> list:
    return tr.find_all(["td", "th"], recursive=False)


def _one_row_or_column(rows: list[list[str]]) -> bool:
    """A table of one row or one column of text places text; it holds no data to keep as a table."""
    filled = [[c for c in r if c] for r in rows]
    return len([r for r in filled if r]) <= 1 or all(len(r) <= 1 for r in filled)


def _layout_table(table, rows: list[list[str]]) -> bool:
    """An HTML table used to place things on a page rather than to hold data: one row or one column,
    a cell holding paragraphs, headings, rules or another table, or a cell of running text."""
    if _one_row_or_column(rows):
        return True
    if table.get("role") in ("presentation", "none"):
        return True
    return any(cell.find(_LAYOUT_INSIDE) is not None or len(cell.get_text(strip=True)) > _PARAGRAPH
               for tr in _rows(table) for cell in _cells(tr))


def _unwrap_layout(table) -> None:
    """Replace a layout table by what its cells hold, each cell on lines of its own, keeping the
    cells' paragraphs, headings and nested tables (decided in their turn)."""
    for tr in _rows(table):
        for cell in _cells(tr):
            cell.insert_before("\n")
            cell.insert_after("\n")
            cell.unwrap()
        tr.unwrap()
    for part in table.find_all(["thead", "tbody", "tfoot", "caption", "colgroup", "col"], recursive=False):
        part.unwrap() if part.name != "col" else part.decompose()
    table.insert_before("\n")
    table.insert_after("\n")
    table.unwrap()


def _md_table(rows: list[list[str]]) -> list[str]:
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(["---"] * width) + " |"]
    return out + ["| " + " | ".join(r) + " |" for r in rows[1:]]


# ---------------------------------------------------------------- .docx

def _docx(path: Path) -> Source:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    try:
        document = docx.Document(str(path))
    except Exception as exc:   # noqa: BLE001 - a damaged file is the user's, one line about it
        raise Unreadable(f"not a readable .docx file ({type(exc).__name__}); expected a Word 2007+ document") from None
    from .wordlists import ListNumbers
    numbers = ListNumbers(document)
    lines: list[Line] = []
    for element in _docx_blocks(document.element.body):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            for box in _text_boxes(element):      # a text box's paragraphs (a 红头 is often one) first
                _docx_paragraph(Paragraph(box, document), lines, "")
            paragraph = Paragraph(element, document)
            _docx_paragraph(paragraph, lines, numbers(paragraph))
        elif tag == "tbl":
            seen: set = set()        # cells met already (kept alive, so lxml gives the same object back)
            rows = [_docx_row(row, seen) for row in Table(element, document).rows]
            lines.append(Line("", len(lines) + 1))
            if _one_row_or_column(rows):
                lines += [Line(c, len(lines) + 1 + i) for i, c in enumerate(c for r in rows for c in r if c)]
                continue
            lines += [Line(row, len(lines) + 1 + i, table=True) for i, row in enumerate(_md_table(rows))]
            lines.append(Line("", len(lines) + 1))
    return Source(path, "docx", "Word (.docx)", lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_blocks(parent):
    """Paragraphs and tables in order, also those inside content controls (w:sdt) and custom XML."""
    for element in parent.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield element
        elif tag in ("sdt", "customXml"):
            content = element.find(f"{_W}sdtContent") if tag == "sdt" else element
            if content is not None:
                yield from _docx_blocks(content)


def _text_boxes(p) -> list:
    """Paragraphs of the text boxes anchored in paragraph ``p``, each once (a box is stored twice,
    as a drawing and as its VML fallback for old Word versions)."""
    boxes = []
    for content in p.iter(f"{_W}txbxContent"):
        if any(ancestor.tag == _FALLBACK for ancestor in content.iterancestors()):
            continue
        boxes += [q for q in content.iter(f"{_W}p") if not list(q.iter(f"{_W}txbxContent"))]
    return boxes


def _docx_row(row, seen: set) -> list[str]:
    """A table row's cell texts; a cell merged across columns or down from the row above counts once."""
    out = []
    for cell in row.cells:
        tc = cell._tc
        merged_down = tc.tcPr is not None and tc.tcPr.find(f"{_W}vMerge") is not None and \
            tc.tcPr.find(f"{_W}vMerge").get(f"{_W}val", "continue") == "continue"
        text = "" if tc in seen or merged_down else cell.text.strip()
        seen.add(tc)
        out.append(text.replace("|", "｜").replace("\n", " "))
    return out


_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", _FALLBACK}


def _docx_text(paragraph) -> str:
    """The paragraph's text as Word shows it with changes accepted: runs inside tracked insertions,
    hyperlinks, fields and smart tags included; deleted runs and text boxes (read on their own) not."""
    from docx.text.run import Run
    p = paragraph._p
    parts = []
    for r in p.iter(f"{_W}r"):
        ancestor, skip = r.getparent(), False
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in _SKIP:
                skip = True
                break
            ancestor = ancestor.getparent()
        if not skip:
            parts.append(Run(r, paragraph).text)
    return "".join(parts)


def _docx_paragraph(paragraph, lines: list[Line], number: str = "") -> None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    m = re.search(r"(?:Heading|标题)\s*(\d)", style)
    level = min(int(m.group(1)), 4) if m else (1 if style in ("Title", "标题") else 0)
    fmt = paragraph.paragraph_format
    indent = bool(fmt.first_line_indent and fmt.first_line_indent > 0)
    center = paragraph.alignment is not None and int(paragraph.alignment) == 1
    text = _docx_text(paragraph)
    if not level and paragraph.runs and all(r.bold for r in paragraph.runs if r.text.strip()) and text.strip():
        level = 4   # a bold paragraph on its own: a heading in most Word documents
    parts = (number + text).split("\n")   # soft line breaks (Shift+Enter) inside one paragraph
    for i, part in enumerate(parts):
        lines.append(Line(part.strip(), len(lines) + 1, level, indent and i == 0, full=i < len(parts) - 1,
                          center=center))
    lines.append(Line("", len(lines) + 1))


# ---------------------------------------------------------------- PDF

_PAGE_NO = re.compile(r"^[-—–－―\s]*(第\s*)?\d{1,3}(\s*页)?([\s/／共]*\d{1,3}\s*页?)?[-—–－―\s]*$")


def _pdf(path: Path) -> Source:
    import pdfplumber
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:   # noqa: BLE001
        raise Unreadable(f"not a readable PDF ({type(exc).__name__}); expected a PDF file") from None
    with pdf:
        pages = [(page.height, page.width, _page_lines(page)) for page in pdf.pages]
    if not any(lines for _, _, lines in pages):
        raise NeedsOCR(f"no text layer in {len(pages)} page(s): this PDF is a scanned image; OCR is needed "
                       "first (for example `ocrmypdf --language chi_sim in.pdf out.pdf`), then import the result")
    removed: list[tuple[str, str]] = []
    body = _drop_running(pages, removed)
    return Source(path, "pdf", "PDF text layer", _pdf_lines(body), removed)


def _page_lines(page) -> list[dict]:
    """The page's text lines, top to bottom, with each ruled table (pdfplumber's table finder, which
    follows the drawn cell borders) in place of the lines inside it: ``{"table": rows, "top": …}``."""
    lines = page.extract_text_lines(return_chars=True, strip=True)
    try:
        found = page.find_tables()
    except Exception:   # noqa: BLE001 - a page whose drawing pdfplumber cannot follow: its lines as text
        found = []
    tables = []
    for table in found:
        rows = [[_cell_text(cell) for cell in row] for row in table.extract()]
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue          # a box drawn round a paragraph, not a table
        x0, top, x1, bottom = table.bbox
        tables.append({"table": rows, "top": top, "bottom": bottom, "x0": x0, "x1": x1, "text": "", "chars": []})
    if not tables:
        return lines

    def inside(line: dict) -> bool:
        middle = (line["top"] + line["bottom"]) / 2
        return any(t["top"] <= middle <= t["bottom"] and line["x0"] < t["x1"] and line["x1"] > t["x0"] for t in tables)
    return sorted([line for line in lines if not inside(line)] + tables, key=lambda item: item["top"])


def _cell_text(cell: str | None) -> str:
    """A cell's lines as one: no space where a line of Chinese text was wrapped."""
    lines = [part.strip() for part in (cell or "").splitlines() if part.strip()]
    text = ""
    for part in lines:
        joined_cjk = text and (_CJK.match(text[-1]) or _CJK.match(part[0]))
        text += part if not text or joined_cjk else " " + part
    return text.replace("|", "｜")


def _drop_running(pages, removed) -> list[dict]:
    """Lines in the top or bottom band that repeat on other pages, or are page numbers, go."""
    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s", "", text))
    counts: dict[str, int] = {}
    for height, _, lines in pages:
        for line in lines:
            if "table" in line:
                continue
            if line["top"] < height * 0.1 or line["bottom"] > height * 0.9:
                counts[shape(line["text"])] = counts.get(shape(line["text"]), 0) + 1
    sizes = sorted(c["size"] for _, _, lines in pages for line in lines for c in line["chars"])
    body_size = sizes[len(sizes) // 2]
    body = []
    for height, _, lines in pages:
        for line in lines:
            if "table" in line:
                _add_table(body, line)
                continue
            edge = line["top"] < height * 0.1 or line["bottom"] > height * 0.9
            if edge and _PAGE_NO.match(line["text"]):
                removed.append(("page number (PDF page foot)", line["text"]))
            elif edge and counts.get(shape(line["text"]), 0) >= 2:
                removed.append(("running head or foot (repeats on every page)", line["text"]))
            elif edge and _size(line) < body_size * 0.85:
                removed.append(("running head or foot (small type in the page margin)", line["text"]))
            else:
                body.append(line)
    return body


def _add_table(body: list[dict], table: dict) -> None:
    """A table goes on from the last page when nothing came between and it has as many columns; the
    header rows the layout repeated on the new page are dropped."""
    last = body[-1] if body else None
    if last is not None and "table" in last and len(last["table"][0]) == len(table["table"][0]):
        rows, first = table["table"], last["table"]
        repeated = 0
        while repeated < min(len(rows) - 1, len(first)) and rows[repeated] == first[repeated]:
            repeated += 1
        last["table"] = first + rows[repeated:]
        return
    body.append(table)


def _size(line: dict) -> float:
    return sum(c["size"] for c in line["chars"]) / max(1, len(line["chars"]))


def _pdf_lines(body: list[dict]) -> list[Line]:
    text = [line for line in body if "table" not in line]
    if not text:
        return [Line(row, n, table=True) for n, table in enumerate(body, 1) for row in _md_table(table["table"])]
    sizes = sorted(c["size"] for line in text for c in line["chars"])
    size = sizes[len(sizes) // 2]
    left = min(line["x0"] for line in text)
    right = max(line["x1"] for line in text)
    lines: list[Line] = []
    for n, line in enumerate(body, 1):
        if "table" in line:
            lines.append(Line("", n))
            lines += [Line(row, n, table=True) for row in _md_table(line["table"])]
            lines.append(Line("", n))
            continue
        chars = line["chars"]
        big = sum(c["size"] for c in chars) / len(chars) > size * 1.15
        bold = all("bold" in c.get("fontname", "").lower() or "black" in c.get("fontname", "").lower()
                   for c in chars)
        middle = (line["x0"] + line["x1"]) / 2
        center = abs(middle - (left + right) / 2) < size and line["x0"] - left > size * 2 \
            and right - line["x1"] > size * 2
        lines.append(Line(line["text"], n, heading=(2 if big else 4) if big or bold else 0,
                          indent=line["x0"] - left > size * 1.5 and not center,
                          full=right - line["x1"] < size * 2.5, center=center))
    return lines
