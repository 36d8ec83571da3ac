"""The legacy-document corpus of tests/fixtures/import_corpus/, made ready to import.

Most inputs are stored as they would arrive (.txt and .html in UTF-8, GBK or Big5). Word and PDF
inputs are made here from the ``src/*.src`` texts with real tools (python-docx, LibreOffice for .doc,
WeasyPrint), web pages printed to PDF by Chromium or their text copied out of it (innerText), and the
scanned PDF is an image only (Pillow), so every run reads files those tools wrote. Each input has
``<input>.expect.yml``: what an editor reading the input expects the importer to find.

Source markup, one paragraph per block (blocks apart by blank lines): ``# `` title, ``## `` and
``### `` headings (`` / `` inside one is a line break within it), ``= `` centred line, ``> `` right-
aligned line, ``! `` paragraph without indent, ``| a | b |`` table rows (``%tables: three-line``,
``none``, ``none-top`` or ``padded`` rules a PDF's tables so, instead of every cell boxed), ``%head: …`` the
PDF's running head (pages are numbered — N — at the foot), ``%columns`` … ``%end columns`` the
blocks between set in two columns (a bulletin laid out like a magazine), ``%page`` a page break (an
attachment starting on a page of its own; PDF only), ``%top: 12mm`` the PDF's top margin (a Word
export's, whose first line stands where a running head would).
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "fixtures" / "import_corpus"
PROJECT = Path(__file__).parent / "fixtures" / "import_project"


def expectations() -> dict[str, dict]:
    """Each input's expect file. One that says ``same_as: <input>`` is that input's document in
    another format (a Word file exported to PDF), expected to read the same, with its own keys on top."""
    found = {p.name[:-len(".expect.yml")]: yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in sorted(CORPUS.glob("*.expect.yml"))}
    return {name: {**found[e["same_as"]], **e} if "same_as" in e else e for name, e in found.items()}


def materialise(dest: Path) -> list[tuple[Path, dict]]:
    """Every input in ``dest`` (generated ones made there), each with its expectations."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for name, expect in expectations().items():
        target = dest / name
        if (CORPUS / name).is_file():
            shutil.copyfile(CORPUS / name, target)
        elif name.endswith((".docx", ".html")) and expect.get("same_as", "").endswith(".pdf"):
            make_pasted(_blocks(CORPUS / "src" / f"{expect['same_as']}.src"), target)
        elif name.endswith(".docx"):
            build = make_word_features_docx if "word-features" in name else make_docx
            build(_blocks(CORPUS / "src" / f"{name}.src"), target)
        elif name.endswith(".doc"):       # Word 97-2003, as LibreOffice saves it
            make_doc(_blocks(CORPUS / "src" / f"{name}.src"), target)
        elif name.endswith(".pdf") and expect.get("same_as", "").endswith((".html", ".mht")):
            make_browser_pdf(CORPUS / expect["same_as"], target)
        elif name.endswith(".txt") and expect.get("same_as", "").endswith(".html"):
            make_copied_text(CORPUS / expect["same_as"], target)
        elif name.endswith(".pdf") and expect.get("same_as"):
            make_office_pdf(_blocks(CORPUS / "src" / f"{expect['same_as']}.src"), target)
        elif name.endswith(".txt") and expect.get("same_as", "").endswith(".pdf"):
            make_pdftotext(_blocks(CORPUS / "src" / f"{expect['same_as']}.src"), target, expect.get("layout", False))
        elif name.endswith(".pdf") and expect.get("refused"):
            make_scanned_pdf(target)
        elif name.endswith(".pdf"):
            make_pdf(_blocks(CORPUS / "src" / f"{name}.src"), target)
        else:
            raise FileNotFoundError(f"{name}: no input and no source for it")
        out.append((target, expect))
    return out


def _blocks(src: Path) -> list[str]:
    return [b.strip() for b in src.read_text(encoding="utf-8").split("\n\n") if b.strip()]


def make_docx(blocks: list[str], target: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    def runs(paragraph, text: str) -> None:          # " / " is a line break (Shift+Enter)
        pieces = text.split(" / ")
        for i, piece in enumerate(pieces):
            run = _linked_runs(paragraph, piece)
            if i < len(pieces) - 1:
                run.add_break(WD_BREAK.LINE)
    document = docx.Document()
    for block in blocks:
        if block.startswith("%"):
            continue
        if block.startswith("|"):
            rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.splitlines()]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        _styled_paragraph(document, block, runs)
    document.save(str(target))


def _linked_runs(paragraph, text: str):
    """Runs of ``text``, with [[words|address]] as a hyperlink to an external address; the last run."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    run = None
    for n, piece in enumerate(re.split(r"\[\[([^|\]]+\|[^\]]+)\]\]", text)):
        if n % 2 == 0:
            run = paragraph.add_run(piece) if piece or run is None else run
            continue
        words, address = piece.split("|", 1)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), paragraph.part.relate_to(address, RT.HYPERLINK, is_external=True))
        element = OxmlElement("w:r")
        text_element = OxmlElement("w:t")
        text_element.text = words
        element.append(text_element)
        link.append(element)
        paragraph._p.append(link)
    return run


def _styled_paragraph(document, block: str, runs):
    """A paragraph for one source block (``# `` title, ``## ``/``### `` heading, ``= `` centred,
    ``> `` right-aligned, ``! `` not indented, else an indented body paragraph), its text added by
    ``runs(paragraph, text)``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    style = {"# ": "Title", "## ": "Heading 2", "### ": "Heading 3"}.get(block[:block.find(" ") + 1])
    text = block.split(" ", 1)[1] if style or block[:2] in ("= ", "> ", "! ") else block
    paragraph = document.add_paragraph(style=style)
    runs(paragraph, text)
    if block.startswith("= ") or style == "Title":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.startswith("> "):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif not style and not block.startswith("! "):
        paragraph.paragraph_format.first_line_indent = Pt(24)
    return paragraph


# Word as offices use it, which python-docx's own API does not write: headings numbered by a
# multilevel list (the numbers are not in the text), a 红头 in a text box, content controls,
# tracked changes, merged table cells. Source markup on top of make_docx's:
#   "#1 text" "#2 text" "#3 text"  list levels 一、 （一） 1. (#1 through the Heading 2 style)
#   "[box] text"                    a paragraph holding a text box with the text
#   "[sdt]" / "[/sdt]"              blocks between them in one content control
#   "{+text+}" "{-text-}"           a tracked insertion / deletion inside a paragraph
#   table cells "<" / "^"           merged with the cell to the left / above
_NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
</w:numbering>"""


def make_word_features_docx(blocks: list[str], target: Path) -> None:
    import copy

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    document = docx.Document()
    numbering = document.part.numbering_part.element if _has_numbering(document) else None
    if numbering is None:
        part = Part(PackURI("/word/numbering.xml"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
                    _NUMBERING.encode(), document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
    else:
        fresh = parse_xml(_NUMBERING)
        for child in fresh:
            numbering.append(copy.deepcopy(child))
    heading = document.styles["Heading 2"].element
    ppr = heading.get_or_add_pPr()
    ppr.append(parse_xml('<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         '<w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    body = document.element.body
    sdt_content = None
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for block in blocks:
        if block.startswith("%"):
            continue
        if block == "[sdt]":
            sdt = parse_xml(f'<w:sdt xmlns:w="{w}"><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent/></w:sdt>')
            body.insert(len(body) - 1, sdt)         # before the section properties
            sdt_content = sdt.find(qn("w:sdtContent"))
            continue
        if block == "[/sdt]":
            sdt_content = None
            continue
        if block.startswith("|"):
            rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.splitlines()]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    if text not in ("<", "^"):
                        table.cell(r, c).text = text
            for r, row in enumerate(rows):        # merge after filling: a merged cell keeps its own text
                for c, text in enumerate(row):
                    if text == "<":
                        table.cell(r, c - 1).merge(table.cell(r, c))
                    elif text == "^":
                        table.cell(r - 1, c).merge(table.cell(r, c))
            element = table._tbl
        elif block.startswith("[box] "):
            paragraph = document.add_paragraph()
            paragraph._p.append(parse_xml(
                f'<w:r xmlns:w="{w}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
                '<v:shape style="width:420pt;height:60pt" stroked="f"><v:textbox><w:txbxContent>'
                f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:color w:val="FF0000"/><w:sz w:val="60"/></w:rPr>'
                f'<w:t>{html.escape(block[6:])}</w:t></w:r></w:p>'
                '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
            element = paragraph._p
        elif block[:3] in ("#1 ", "#2 ", "#3 "):
            level = int(block[1]) - 1
            paragraph = document.add_paragraph(style="Heading 2" if level == 0 else None)
            _tracked_runs(paragraph, block[3:])
            if level:
                paragraph._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
            element = paragraph._p
        else:
            element = _styled_paragraph(document, block, _tracked_runs)._p
        if sdt_content is not None:
            sdt_content.append(element)            # moved into the content control
    document.save(str(target))


def _tracked_runs(paragraph, text: str) -> None:
    """Runs of ``text``, with {+inserted+} and {-deleted-} as Word's tracked changes."""
    import re as _re

    from docx.oxml import parse_xml
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for n, piece in enumerate(_re.split(r"(\{\+.*?\+\}|\{-.*?-\})", text)):
        if piece.startswith(("{+", "{-")):
            kind, inner = ("ins", "t") if piece.startswith("{+") else ("del", "delText")
            paragraph._p.append(parse_xml(f'<w:{kind} xmlns:w="{w}" w:id="{n}" w:author="办公室" w:date="2025-11-02T09:00:00Z">'
                                          f'<w:r><w:{inner}>{html.escape(piece[2:-2])}</w:{inner}></w:r></w:{kind}>'))
        elif piece:
            paragraph.add_run(piece)


def _has_numbering(document) -> bool:
    try:
        document.part.numbering_part
        return True
    except (KeyError, NotImplementedError):
        return False


def make_doc(blocks: list[str], target: Path) -> None:
    """A Word 97-2003 .doc: the .docx of make_docx saved by LibreOffice in the old binary format."""
    import tempfile

    from bulletin.office import convert
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp, "source.docx")
        make_docx(blocks, docx)
        data = convert(docx.read_bytes(), ".docx", "doc")
    if data is None:
        raise RuntimeError(f"{target.name}: LibreOffice is needed to make this input (make system-test installs it)")
    target.write_bytes(data)


def make_office_pdf(blocks: list[str], target: Path) -> None:
    """A PDF as an office suite exports a Word file: the .docx of make_docx through LibreOffice (its own
    layout, fonts and line breaks; a table without borders has no ruling to find)."""
    import tempfile

    from bulletin.office import convert
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp, "source.docx")
        make_docx(blocks, docx)
        data = convert(docx.read_bytes(), ".docx", "pdf")
    if data is None:
        raise RuntimeError(f"{target.name}: LibreOffice is needed to make this input (make system-test installs it)")
    target.write_bytes(data)


def make_browser_pdf(page: Path, target: Path) -> None:
    """A web page as a reader saves it with the browser's Print → Save as PDF: the site's furniture,
    its layout and fonts (Chromium headless, the browser the tests use; no network, no header and
    footer lines of its own)."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copyfile(page, Path(tmp, page.name))
        done = subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                               "--no-pdf-header-footer", f"--user-data-dir={tmp}/profile",
                               f"--print-to-pdf={target}", Path(tmp, page.name).as_uri()],
                              capture_output=True, timeout=120)
    if done.returncode or not target.is_file():
        raise RuntimeError(f"{target.name}: Chromium did not print {page.name} (make system-test installs it): "
                           f"{done.stderr.decode(errors='replace')[-300:]}")


def make_copied_text(page: Path, target: Path) -> None:
    """A web page's text as a reader copies it (select all, copy, paste into a .txt): the page's
    innerText in Chromium, menus and footers included, a table's cells apart by tabs. No network."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        tab = browser.new_page()
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        tab.goto(page.as_uri(), wait_until="domcontentloaded")
        target.write_text(tab.evaluate("document.body.innerText"), encoding="utf-8")
        browser.close()


_PDF_CSS = """
@page { size: A5; margin: 22mm 16mm 20mm;
  @top-center { content: "%s"; font-size: 9pt; }
  @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; } }
body { font-family: "Noto Serif CJK SC", serif; font-size: 11pt; line-height: 1.5; }
p { margin: 0; text-indent: 2em; word-break: break-all; }
p.flat { text-indent: 0; } p.center { text-align: center; text-indent: 0; }
p.right { text-align: right; text-indent: 0; }
h1 { font-size: 15pt; text-align: center; margin: 4mm 0; }
h2, h3 { font-size: 12pt; text-align: center; margin: 3mm 0; }
table { border-collapse: collapse; } td { border: 0.5pt solid black; padding: 1mm; }
"""


# "%tables: …" in a source: how its tables are ruled. A 三线表 has a rule above and below the table and
# one under its header, none between columns; a borderless table none at all.
_TABLE_RULES = {
    "ruled": "",
    "three-line": "td { border: 0; padding: 0.6mm 2mm; } table { border-top: 1pt solid black; border-bottom: 1pt solid"
                  " black; } thead td { border-bottom: 0.5pt solid black; }",
    "none": "td { border: 0; padding: 0.6mm 2mm; }",
    "none-top": "td { border: 0; padding: 0.6mm 2mm; vertical-align: top; }",   # as Word sets cells
    # rows set far apart by their cells' padding (a web editor's or a converter's borderless table)
    "padded": "td { border: 0; padding: 4.5mm 2mm; }",
}


def make_pdf(blocks: list[str], target: Path) -> None:
    """A text PDF as offices export them: running head, — N — page numbers, words broken anywhere."""
    import weasyprint
    head = next((b.split(":", 1)[1].strip() for b in blocks if b.startswith("%head:")), "")
    rules = next((b.split(":", 1)[1].strip() for b in blocks if b.startswith("%tables:")), "ruled")
    parts = []
    for block in blocks:
        if block in ("%columns", "%end columns"):
            parts.append('<div style="columns: 2; column-gap: 7mm">' if block == "%columns" else "</div>")
        if block == "%page":
            parts.append('<div style="break-before: page"></div>')
        if block.startswith("%"):
            continue
        tag, cls, text = "p", "", block
        for prefix, t, c in (("# ", "h1", ""), ("## ", "h2", ""), ("### ", "h3", ""), ("= ", "p", "center"),
                             ("> ", "p", "right"), ("! ", "p", "flat")):
            if block.startswith(prefix):
                tag, cls, text = t, c, block[len(prefix):]
                break
        if block.startswith("|"):    # the first row is the header, repeated on every page the table runs over
            rows = [[html.escape(c.strip()) for c in line.strip().strip("|").split("|")] for line in block.splitlines()]
            cells = lambda r: "".join(f"<td>{c}</td>" for c in r)  # noqa: E731
            parts.append(f"<table><thead><tr>{cells(rows[0])}</tr></thead><tbody>"
                         + "".join(f"<tr>{cells(r)}</tr>" for r in rows[1:]) + "</tbody></table>")
            continue
        body = "<br>".join(html.escape(piece) for piece in text.split(" / "))
        parts.append(f'<{tag} class="{cls}">{body}</{tag}>')
    css = _PDF_CSS % html.escape(head) + _TABLE_RULES[rules]
    top = next((b.split(":", 1)[1].strip() for b in blocks if b.startswith("%top:")), None)
    if top:
        css += "@page { margin-top: %s }" % top
    page = (f'<html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head>'
            f'<body>{"".join(parts)}</body></html>')
    weasyprint.HTML(string=page).write_pdf(str(target))


def make_pdftotext(blocks: list[str], target: Path, layout: bool) -> None:
    """The text of a PDF as poppler's pdftotext gives it (what "PDF text" pasted into a .txt is):
    its running heads and page numbers on every page, form feeds between pages, lines wrapped as
    printed, indents lost (kept as spaces with -layout)."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp, "source.pdf")
        make_pdf(blocks, pdf)
        subprocess.run(["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(pdf), str(target)],
                       check=True)


def make_pasted(blocks: list[str], target: Path) -> None:
    """A Word file (.docx) or web page (.html) of a PDF's printed lines, one paragraph each (its
    text pasted into Word or a site's editor, as OCR programs and PDF converters also write it):
    pdftotext's lines, the empty ones left out."""
    import tempfile

    import docx
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp, "pdf.txt")
        make_pdftotext(blocks, text, layout=False)
        lines = [line.strip() for line in text.read_text(encoding="utf-8").replace("\f", "\n").splitlines()
                 if line.strip()]
    if target.suffix == ".html":
        target.write_text('<html><head><meta charset="utf-8"></head><body>\n'
                          + "".join(f"<p>{html.escape(line)}</p>\n" for line in lines) + "</body></html>\n",
                          encoding="utf-8")
        return
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(target))


def make_scanned_pdf(target: Path) -> None:
    """A 'scan': one page that is a picture (lines drawn like text), no text layer."""
    from PIL import Image, ImageDraw
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for row in range(30):
        y = 200 + row * 48
        draw.rectangle((150 if row % 5 else 230, y, 1090 - (row % 7) * 40, y + 22), fill=60)
    image.save(str(target), "PDF", resolution=150)


# ---------------------------------------------------------------- scoring (the test and the benchmark)

import datetime as dt
import re
from collections import Counter

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TASK = re.compile(r"（牵头单位：(?P<lead>[^；）]+)(?:；责任单位：(?P<units>[^）]+))?）")


def han(text: str) -> Counter:
    return Counter(_HAN.findall(text))


def _han_line(text: str) -> str:
    return "".join(_HAN.findall(text))


def input_text(path: Path, expect: dict) -> str:
    """The input's text read independently of the importer: the stored file decoded as the expect
    file says, an HTML page's <body> text, or the source a .docx/.pdf was made from."""
    if path.suffix in (".pdf", ".txt") and expect.get("same_as", "").endswith((".html", ".mht")):
        path = CORPUS / expect["same_as"]      # a page printed or copied in the browser: the page's text
    if path.suffix in (".docx", ".doc", ".pdf"):
        text = (CORPUS / "src" / f"{expect.get('same_as', path.name)}.src").read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines() if not line.startswith("%"))
        text = re.sub(r"\{-.*?-\}", "", text)          # a tracked deletion is not the document's text
    else:
        codec = {"gbk": "gb18030", "gb18030": "gb18030", "big5": "big5",
                 "utf-16": "utf-16"}.get(expect.get("encoding", ""), "utf-8")
        data = path.read_bytes()
        if path.suffix == ".mht":       # the page inside the web archive (stdlib email, not the importer)
            import email
            data = next(p for p in email.message_from_bytes(data).walk()
                        if p.get_content_type() == "text/html").get_payload(decode=True)
        text = data.decode(codec)
        if path.suffix in (".html", ".mht"):
            from bs4 import BeautifulSoup
            soup = BeautifulSoup(text, "html.parser")
            for tag in soup(["script", "style", "head"]):
                tag.decompose()
            text = soup.get_text("\n")
    if expect.get("traditional"):
        import opencc
        text = opencc.OpenCC("t2s").convert(text)
    return text


def score(path: Path, expect: dict, result) -> dict:
    """Fields right/wrong/missing, sentences lost, noise kept, Han retention of the body text."""
    s = {"name": path.name, "right": 0, "wrong": [], "missing": [], "lost": [], "noise": [], "retention": None}
    if expect.get("refused"):
        ok = bool(result.refused) and expect["refused"] in result.refused
        s["right" if ok else "wrong"] = 1 if ok else ["refused"]
        return s
    if result.refused:
        s["missing"].append(f"refused: {result.refused}")
        return s
    issue = result.files[result.issue_name]
    front = yaml.safe_load(issue.split("---\n")[1])
    written = "\n".join(t for n, t in result.files.items() if not n.endswith(".unplaced.txt"))
    sidecar = next((t for n, t in result.files.items() if n.endswith(".unplaced.txt")), "")
    _check(s, "kind", expect["kind"], result.kind)
    _check(s, "series", expect["series"], result.series.slug if result.series else None)
    for name, want in (expect.get("fields") or {}).items():
        _check(s, name, _plain(want), _plain(front.get(name)))
    for name in expect.get("todo") or []:
        _check(s, f"todo {name}", True, name in (front.get("todo") or {}))
    if "attachments" in expect:
        _check(s, "attachments", expect["attachments"], [a["title"] for a in front.get("attachments", [])])
    if "headings" in expect:
        _check(s, "headings", True, _headings_match(expect, issue))
    if "tasks" in expect:
        found = [[m["lead"], *[u for u in (m["units"] or "").split("、") if u]] for m in _TASK.finditer(issue)]
        _check(s, "tasks", expect["tasks"], found)
    plain = written.replace("\\", "")
    for sentence in expect.get("keep") or []:
        if sentence.replace(" ", "") not in plain.replace(" ", ""):
            s["lost"].append(sentence)
    for literal in expect.get("literal") or []:
        _check(s, f"literal {literal[:20]}", True, literal in issue and "<script" not in issue)
    for text in expect.get("notes") or []:          # what the report tells the editor
        _check(s, f"note {text[:12]}", True, any(text in note for note in result.parsed.notes))
    if expect.get("sidecar") is False and sidecar:    # everything placed: no sidecar
        s["wrong"].append(f"sidecar: expected none, got {sidecar.splitlines()[2:]!r}")
    for text in expect.get("unplaced") or []:
        _check(s, f"unplaced {text[:12]}", True, text in sidecar)
    everything = re.sub(r"[\s\\]", "", "\n".join(result.files.values()))
    for line in expect.get("gone") or []:
        if re.sub(r"\s", "", line) in everything:
            s["noise"].append(line)
    # running: the lines a page repeats (its running head, each time it is printed), not counted as
    # text to keep; checked as noise only through "gone" (a head may read as the document's issuer)
    wanted = han(input_text(path, expect)) - han("\n".join((expect.get("gone") or []) + (expect.get("running") or [])))
    out = han("\n".join(result.files.values()) + "\n".join(result.parsed.consumed))
    kept = sum(min(n, out[ch]) for ch, n in wanted.items())
    s["retention"] = (kept, sum(wanted.values()))
    return s


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _check(s: dict, name: str, want, got) -> None:
    if got is None or got == [] or got is False and want is True:
        s["missing"].append(f"{name}: expected {want!r}")
    elif got != want:
        s["wrong"].append(f"{name}: expected {want!r}, got {got!r}")
    else:
        s["right"] += 1


def _headings_match(expect: dict, issue: str) -> bool:
    """Bulletins: the article headlines exactly; other kinds: the expected headings in order."""
    lines = [line.replace("\\", "") for line in issue.splitlines() if line.startswith("#")]
    if expect["kind"] == "bulletin":
        return [line[3:] for line in lines if line.startswith("## ")] == expect["headings"]
    it = iter(lines)
    return all(any(line == want for line in it) for want in expect["headings"])
