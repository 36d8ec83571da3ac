"""`bulletin inspect FILE.pdf`: the GB/T 9704-2012 checklist, measured on any PDF.

Each item prints its target, what was measured and pass/fail. Text geometry comes from
pdfplumber (every character's box, size and font); rules and the page-number dashes are found in
pixels (pdfplumber renders through pypdfium2), so the checks do not depend on how a PDF draws a
line. When the PDF is tagged, paragraphs are the structure tree's P elements; otherwise a line
followed by an unindented line at one pitch is taken to continue its paragraph. Items that do
not apply to a document (no 版记, not a notice) say so and do not fail. The geometry tests
(tests/test_print_geometry.py) run the same measurements on every sample PDF.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, SourceError
from ..model import docnumber

MM = 72 / 25.4                     # points per millimetre
PAPER = (210.0, 297.0)
LEFT, TOP, WIDTH, HEIGHT = 28.0, 37.0, 156.0, 225.0       # the type area (版心), mm
BODY_PT, CHARS, LINES = 16.0, 28, 22                      # 3号 on a 22 × 28 grid
PITCH = HEIGHT * MM / LINES                                 # 22 lines fill the type area: 28.99 pt
NUMBER_PT, NUMBER_GAP = 14.0, 7.0                          # page numbers: 4号, dashes 7 mm below
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


@dataclass
class Line:
    page: int                  # 1-based
    chars: list
    size: float
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    elements: tuple            # structure elements (per page) its characters belong to
    kinds: tuple               # their structure types, with ancestors ("P", "Table/TR/TD/P"…)
    baseline: float            # from the page's top, points
    fonts: tuple               # font names of its characters


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    chars: list
    rects: list
    source: object             # the pdfplumber page, for rendering

    def body(self) -> list[Line]:
        return [ln for ln in self.lines if abs(ln.size - BODY_PT) < 0.6 and ln.top < type_bottom() - 1]


@dataclass
class Item:
    name: str
    target: str
    measured: str
    ok: bool | None            # None: does not apply to this document
    details: list[str] = field(default_factory=list)

    def row(self) -> str:
        verdict = {True: "pass", False: "FAIL", None: "n/a"}[self.ok]
        return f"{verdict:4}  {self.name}: target {self.target}; measured {self.measured}"


def type_bottom() -> float:
    return (TOP + HEIGHT) * MM


@dataclass
class Facts:
    """What is read from a PDF once: pages, lines, structure, metadata."""
    path: Path
    pages: list[Page]
    tagged: bool
    lang: str
    pdfa: str
    mirrored: bool = False
    _pdf: object = None

    def left_edge(self, page: Page) -> float:
        return (LEFT if not (self.mirrored and page.number % 2 == 0) else PAPER[0] - LEFT - WIDTH) * MM

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


# ------------------------------------------------------------------ reading

def _structure(page) -> dict[int, tuple]:
    """mcid → (element key, path of structure types) for one page of a tagged PDF."""
    found: dict[int, tuple] = {}

    def walk(node, path, key):
        kinds = path + (node.get("type", ""),)
        for mcid in node.get("mcids", []) or []:
            found[mcid] = (key, "/".join(kinds))
        for index, child in enumerate(node.get("children", []) or []):
            owner = key if child.get("type") in ("Span", "Link", "Lbl") else f"{key}.{index}"
            walk(child, kinds, owner)
    try:
        tree = page.structure_tree
    except Exception:  # noqa: BLE001 - an untagged or odd tree: no structure
        return {}
    for index, node in enumerate(tree or []):
        walk(node, (), str(index))
    return found


def _lines(page_number: int, height: float, chars: list, structure: dict) -> list[Line]:
    """Characters grouped into lines by their baseline (fonts of one line differ in their boxes, not
    in their baseline); baselines within 0.5 pt of each other are one line, measured to 0.01 pt."""
    rows: list[tuple[float, list]] = []
    for ch in sorted((c for c in chars if c.get("upright", True) and c["text"].strip()),
                     key=lambda c: -c["matrix"][5]):
        baseline = height - ch["matrix"][5]
        if rows and baseline - rows[-1][0] < 0.5:
            rows[-1][1].append(ch)
        else:
            rows.append((baseline, [ch]))
    lines = []
    for key, row in rows:
        row.sort(key=lambda c: c["x0"])
        marks = [structure.get(c.get("mcid")) for c in row]
        lines.append(Line(page_number, row, statistics.median(c["size"] for c in row),
                          min(c["top"] for c in row), max(c["bottom"] for c in row),
                          row[0]["x0"], max(c["x1"] for c in row), "".join(c["text"] for c in row),
                          tuple(dict.fromkeys(m[0] for m in marks if m)),
                          tuple(dict.fromkeys(m[1] for m in marks if m)), round(key, 2),
                          tuple(dict.fromkeys(c["fontname"] for c in row))))
    return lines


def read(path: Path, mirrored: bool = False) -> Facts:
    import pdfplumber
    from pypdf import PdfReader
    pdf = pdfplumber.open(str(path))
    pages = []
    for page in pdf.pages:
        structure = _structure(page)
        pages.append(Page(page.page_number, float(page.width), float(page.height),
                          _lines(page.page_number, float(page.height), page.chars, structure), page.chars, page.rects, page))
    root = PdfReader(str(path)).trailer["/Root"]
    tagged = "/StructTreeRoot" in root and bool((root.get("/MarkInfo") or {}).get("/Marked"))
    lang = str(root.get("/Lang", ""))
    return Facts(Path(path), pages, tagged, lang, _pdfa_part(root), mirrored, pdf)


def _pdfa_part(root) -> str:
    metadata = root.get("/Metadata")
    if metadata is None:
        return ""
    xmp = metadata.get_object().get_data().decode("utf-8", "replace")
    part = re.search(r"pdfaid:part(?:>|=\")(\d)", xmp)
    level = re.search(r"pdfaid:conformance(?:>|=\")([A-Za-z])", xmp)
    return f"PDF/A-{part.group(1)}{level.group(1).lower() if level else ''}" if part else ""


# ------------------------------------------------------------------ pixels

def _render(page: Page, bbox: tuple, dpi: int = 300):
    """A grey image of ``bbox`` (points) of the page, and the scale in pixels per point."""
    x0, top, x1, bottom = max(0, bbox[0]), max(0, bbox[1]), min(page.width, bbox[2]), min(page.height, bbox[3])
    image = page.source.crop((x0, top, x1, bottom)).to_image(resolution=dpi).original
    return image, image.height / (bottom - top)


def horizontal_rules(page: Page, top: float, bottom: float, red: bool = False) -> list[tuple[float, float]]:
    """(top, bottom) in points of every rule across at least 90% of the type area's width; the
    thickness is the ink the rule's rows hold, so antialiased edges count for what they cover."""
    from PIL import Image, ImageChops
    left = LEFT * MM
    image, scale = _render(page, (left, top, left + WIDTH * MM, bottom))
    if red:
        r, g, b = image.convert("RGB").split()
        ink = ImageChops.multiply(r.point(lambda v: 255 if v > 150 else 0), g.point(lambda v: 255 if v < 130 else 0))
    else:
        ink = image.convert("L").point(lambda v: 255 - v)
    column = ink.resize((1, ink.height), Image.BOX)
    cover = [column.getpixel((0, y)) / 255 for y in range(ink.height)]
    rules, y = [], 0
    while y < len(cover):
        if cover[y] < 0.85:
            y += 1
            continue
        start = y
        while start > 0 and cover[start - 1] > 0.05:
            start -= 1
        end = y
        while end < len(cover) and cover[end] > 0.05:
            end += 1
        ink_rows = sum(cover[start:end])
        rules.append((top + start / scale, top + (start + ink_rows) / scale))
        y = end
    return rules


def red_ink_top(page: Page, bbox: tuple) -> float | None:
    """The highest row (points from the page's top) of print-red ink inside ``bbox``."""
    from PIL import ImageChops
    image, scale = _render(page, bbox, dpi=600)
    r, g, _ = image.convert("RGB").split()
    ink = ImageChops.multiply(r.point(lambda v: 255 if v > 150 else 0), g.point(lambda v: 255 if v < 130 else 0))
    box = ink.getbbox()
    return max(0, bbox[1]) + box[1] / scale if box else None


def dash_stroke(page: Page, ch: dict) -> float | None:
    """The vertical middle (points) of the stroke of a dash character, from its pixels."""
    from PIL import Image
    image, scale = _render(page, (ch["x0"], ch["top"] - 2, ch["x1"], ch["bottom"] + 2))
    ink = image.convert("L").point(lambda v: 255 if v < 128 else 0).resize((1, image.height), Image.BOX)
    rows = [y for y in range(image.height) if ink.getpixel((0, y)) > 64]
    return ch["top"] - 2 + (rows[0] + rows[-1] + 1) / 2 / scale if rows else None


# ------------------------------------------------------------------ paragraphs

def _is_text_kind(line: Line) -> bool:
    """A line of running text: a paragraph or list item, not a table cell, quote or note."""
    if not line.kinds:
        return True
    return all(("/P" in k or "LBody" in k) and not re.search(r"Table|BlockQuote|Note|Caption", k)
               for k in line.kinds)


def paragraphs(facts: Facts) -> list[list[Line]]:
    """Body-size paragraphs in reading order, across pages; from the tags when there are some."""
    result: list[list[Line]] = []
    for page in facts.pages:
        left = facts.left_edge(page)
        previous = None
        for line in page.body():
            indented = line.x0 > left + BODY_PT * 1.5
            if facts.tagged and line.elements:
                same = previous is not None and previous.elements[-1:] == line.elements[:1]
            else:
                same = previous is not None and not indented and line.baseline - previous.baseline < PITCH * 1.2
            continued = previous is None and result and not indented and abs(line.x0 - left) < 1 \
                and result[-1][-1].page == page.number - 1 and _is_text_kind(line) \
                and _full(facts, result[-1][-1])
            if same or continued:
                result[-1].append(line)
            else:
                result.append([line])
            previous = line
    return result


def _full(facts: Facts, line: Line) -> bool:
    """Does ``line`` reach the right edge? Only then may the next page's first line continue its
    paragraph: a tagged PDF starts new P elements on each page, and a paragraph whose line ended
    short at the foot of a page is finished (the 附件 label or a table may follow unindented)."""
    right = facts.left_edge(facts.pages[line.page - 1]) + WIDTH * MM
    return right - line.x1 <= 1 * MM


def headlines(facts: Facts) -> list[list[Line]]:
    """Blocks of title-size lines (22 pt and up, below the masthead's size) one under another."""
    blocks: list[list[Line]] = []
    for page in facts.pages:
        for line in page.lines:
            if not 20 <= line.size <= 30:
                continue
            last = blocks[-1][-1] if blocks else None
            if last and last.page == line.page and abs(last.size - line.size) < 0.5 \
                    and line.baseline - last.baseline < line.size * 2:
                blocks[-1].append(line)
            else:
                blocks.append([line])
    return blocks


def _where(line: Line) -> str:
    text = line.text if len(line.text) <= 16 else line.text[:14] + "…"
    return f"p{line.page} “{text}”"


# ------------------------------------------------------------------ checks

def check_paper(facts: Facts) -> Item:
    sizes = {(round(p.width / MM), round(p.height / MM)) for p in facts.pages}
    bad = [f"p{p.number}" for p in facts.pages
           if abs(p.width / MM - PAPER[0]) > 0.5 or abs(p.height / MM - PAPER[1]) > 0.5]
    return Item("paper (纸张)", "A4 210 × 297 mm", ", ".join(f"{w} × {h} mm" for w, h in sorted(sizes)),
                not bad, bad)


def _centred(line: Line) -> bool:
    """Is ``line`` centred on the type area (within 1.5 mm), and a character or more short of a full
    line (a justified line of running text is centred too)?"""
    left, right = line.x0 / MM - LEFT, LEFT + WIDTH - line.x1 / MM
    return abs(left - right) <= 1.5 and line.x1 - line.x0 <= WIDTH * MM - BODY_PT


def _opens_with_contents(page: Page) -> bool:
    return bool(page.lines) and page.lines[0].text.replace(" ", "").replace("\u3000", "") == "目录"


def cover_pages(facts: Facts) -> set[int]:
    """The first page when it is a cover (a bound volume's): a few centred lines, no running text,
    no page number, and a title-size line or the 目录 on the next page that has text. A cover is
    deliberately unnumbered and centred, so the left margin and page numbers leave it out."""
    if len(facts.pages) < 2 or not facts.pages[0].lines:
        return set()
    first = facts.pages[0]
    lines = [ln for ln in first.lines if ln.top < type_bottom()]
    if not lines or len(lines) > 8 or _number_chars(first) or not all(_centred(ln) for ln in lines):
        return set()
    following = next((p for p in facts.pages[1:] if p.lines), None)
    titled = any(ln.size > BODY_PT + 1 for ln in lines)
    return {1} if titled or (following is not None and _opens_with_contents(following)) else set()


def contents_pages(facts: Facts) -> set[int]:
    """A bound volume's 目录: from the page that opens with it to the page before the first issue.
    It is a list, not running text: its article lines are indented by design and a page of it may end
    early to keep its last two lines together, so the margin and lines-per-page checks leave it out."""
    start = next((p.number for p in facts.pages if _opens_with_contents(p)), None)
    if start is None:
        return set()
    end = next((p.number for p in facts.pages[start:] if _page_starts_anew(p)), len(facts.pages) + 1)
    return set(range(start, end))


def _left_out(covers: set[int], contents: set[int] = frozenset()) -> str:
    parts = [f"cover p{', p'.join(map(str, sorted(covers)))}"] if covers else []
    if contents:
        first, last = min(contents), max(contents)
        parts.append(f"目录 p{first}" + (f"–{last}" if last > first else ""))
    return f" ({', '.join(parts)} left out)" if parts else ""


def check_left_margin(facts: Facts) -> Item:
    measured, bad = [], []
    covers, contents = cover_pages(facts), contents_pages(facts)
    for page in facts.pages:
        body = page.body()
        if len(body) < 2 or page.number in covers | contents:
            continue
        left = min(line.x0 for line in body) / MM
        measured.append(left)
        if abs(left - facts.left_edge(page) / MM) > 0.5:
            bad.append(f"p{page.number}: {left:.1f} mm")
    target = "28 mm (odd) / 26 mm (even), mirrored" if facts.mirrored else "28 mm on every page"
    shown = f"{min(measured):.1f}–{max(measured):.1f} mm on {len(measured)} pages" if measured else "no text"
    shown += _left_out(covers, contents)
    return Item("left margin (订口)", target, shown, not bad if measured else None, bad)


def _below_masthead(page: Page) -> float:
    """Where running text may start on a page: under a masthead's red rule (page 1, and each issue's
    first page in a bound volume); the masthead is not on the grid."""
    red = [r["bottom"] for r in page.rects if tuple(round(v, 2) for v in (r.get("non_stroking_color") or ())
                                                     if isinstance(v, (int, float))) == RED]
    return max(red, default=0.0)


def check_grid(facts: Facts) -> Item:
    """Body lines one pitch (225 mm / 22) apart, all on one grid from the type area's top (also
    after headlines and tables, and in every font)."""
    pitches, lines = [], []
    for page in facts.pages:
        body = [ln for ln in page.body() if _is_text_kind(ln) and ln.top > _below_masthead(page)]
        lines += body                  # every font: 黑体 and 楷体 lines keep the body's baselines
        pitches += [b.baseline - a.baseline for a, b in zip(body, body[1:]) if b.baseline - a.baseline < PITCH * 1.5]
    if not lines:
        return Item("line pitch and grid (行距)", f"{PITCH:.2f} pt, every line on the grid", "no running text", None)
    phase = statistics.median(((ln.baseline - TOP * MM) % PITCH) for ln in lines)
    off = []
    for line in lines:
        delta = ((line.baseline - TOP * MM - phase + PITCH / 2) % PITCH) - PITCH / 2
        if abs(delta) > 1.0:
            off.append(f"{_where(line)} {abs(delta) / PITCH:.2f} of a line off")
    median = statistics.median(pitches) if pitches else PITCH
    odd = [p for p in pitches if abs(p - PITCH) > 0.3]
    return Item("line pitch and grid (行距)", f"{PITCH:.2f} pt, every line on the grid",
                f"{median:.2f} pt ({len(odd)} other pitches), {len(off)} lines off the grid",
                abs(median - PITCH) <= 0.3 and not odd and not off, off)


def _page_starts_anew(page: Page) -> bool:
    """Does this page begin something (a masthead, a title, an attachment) rather than continue text?
    Lines in the heading font at the body's size may stand above the masthead: the marking
    (内部资料 注意保存) does, on an issue's first page in a volume. Followed by text, they are a
    subhead that continues the document."""
    lines = [ln for ln in page.lines if ln.top < type_bottom()]
    if not lines or re.fullmatch(r"附件\d*", lines[0].text):
        return True
    for line in lines:
        if line.size > BODY_PT + 1:
            return True
        if not _in_heading_font(line):
            return False
    return False


def _in_heading_font(line: Line) -> bool:
    role = ROLE_FONT.match(line.fonts[0]) if line.fonts else None
    return bool(role and role.group(1) == "heading")


def _is_heading(line: Line) -> bool:
    """A headline, a tagged heading, or a line that begins in the heading role's font (黑体), such as
    an issue's line in a volume's 目录."""
    return line.size > BODY_PT + 1 or any(re.search(r"/H\d?(/|$)", k) for k in line.kinds) \
        or _in_heading_font(line)


def _kept_together(facts: Facts, page: Page) -> int:
    """How many lines at the top of ``page`` could only move as one: headings with the first two
    lines of their text (break-after: avoid, orphans: 2), the first two lines of a paragraph
    (orphans: 2), or the last two of one continued from the page before (widows: 2). The page
    before may end that many lines minus one early and still be full. One line, in the worst case."""
    lines = [ln for ln in page.lines if ln.top < type_bottom() and ln.size > BODY_PT - 0.6]
    if not lines:
        return 1
    left = facts.left_edge(page)
    starts = lambda ln: ln.x0 > left + BODY_PT * 1.5 or _is_heading(ln)    # noqa: E731 - a new block
    headings = next((i for i, ln in enumerate(lines) if not _is_heading(ln)), len(lines))
    if headings:                   # a headline keeps the empty line above it too
        return headings + (lines[0].size > BODY_PT + 1) + min(2, len(lines) - headings)
    if starts(lines[0]):
        return 2 if len(lines) > 1 and not starts(lines[1]) else 1
    continued = next((i for i, ln in enumerate(lines) if starts(ln)), len(lines))
    return 2 if continued == 2 else 1


def check_lines_per_page(facts: Facts, banji_page: int | None) -> Item:
    """Grid lines used on every page that the running text fills (not before a forced break, not a
    volume's 目录): 22, or fewer only where the next page's first lines had to move together
    (_kept_together)."""
    counts, bad = [], []
    top = TOP * MM
    contents = contents_pages(facts)
    for page, following in zip(facts.pages, facts.pages[1:]):
        body = page.body()
        if not body or page.number == banji_page or _page_starts_anew(following) or not following.body() \
                or page.number in contents:
            continue
        used = int((body[-1].baseline - top) / PITCH) + 1
        counts.append(used)
        if used != LINES and LINES - used >= _kept_together(facts, following):
            bad.append(f"p{page.number}: {used} lines, last “{body[-1].text[:12]}”")
    measured = (f"{min(counts)}–{max(counts)} lines on {len(counts)} full pages" if counts else "no full pages")
    measured += _left_out(set(), contents)
    return Item("lines per page (每页行数)", f"{LINES} on every full page", measured,
                not bad if counts else None, bad)


def check_characters_per_line(facts: Facts) -> Item:
    counts, widths = [], []
    for para in paragraphs(facts):
        for line in para[:-1]:
            if _is_text_kind(line) and CJK.fullmatch(line.text) and abs(line.x0 - facts.left_edge(
                    facts.pages[line.page - 1])) < 1:
                counts.append(len(line.text))
                widths.append((line.x1 - line.x0) / MM)
    if not counts:
        return Item("characters per line (每行字数)", f"{CHARS} in {WIDTH:.0f} mm", "no full Chinese lines", None)
    common = statistics.mode(counts)
    share = counts.count(CHARS) / len(counts)
    wide = [w for w in widths if abs(w - WIDTH) > 1]
    return Item("characters per line (每行字数)", f"{CHARS} in {WIDTH:.0f} mm",
                f"{common} most often ({share:.0%} of {len(counts)} full Chinese lines), "
                f"{len(wide)} lines not {WIDTH:.0f} mm wide", common == CHARS and not wide)


def check_body_size(facts: Facts) -> Item:
    sizes = [round(ch["size"], 1) for page in facts.pages for ch in page.chars
             if ch["text"].strip() and ch["top"] < type_bottom()]
    if not sizes:
        return Item("body text size (正文字号)", f"{BODY_PT:.0f} pt (3号)", "no text", None)
    common = statistics.mode(sizes)
    return Item("body text size (正文字号)", f"{BODY_PT:.0f} pt (3号)", f"{common:g} pt", abs(common - BODY_PT) < 0.3)


def check_right_edge(facts: Facts) -> Item:
    """Lines inside a paragraph reach the right edge of the type area (justified), none past it."""
    short, past, checked = [], [], 0
    for para in paragraphs(facts):
        for line in para:
            if not _is_text_kind(line):
                continue
            right = facts.left_edge(facts.pages[line.page - 1]) + WIDTH * MM
            if line.x1 > right + 0.5 * MM:
                past.append(f"{_where(line)} {(line.x1 - right) / MM:.1f} mm past the edge")
        for line in para[:-1]:
            if not _is_text_kind(line):
                continue
            checked += 1
            right = facts.left_edge(facts.pages[line.page - 1]) + WIDTH * MM
            if right - line.x1 > 1 * MM:
                short.append(f"{_where(line)} {(right - line.x1) / MM:.1f} mm short")
    return Item("justified right edge (右边对齐)", "mid-paragraph lines end within 1 mm of the edge",
                f"{len(short)} of {checked} short, {len(past)} past the edge", not short and not past,
                short + past)


def check_short_lines(facts: Facts) -> Item:
    """No paragraph ends with a line of one or two characters; no headline with one character."""
    bad = []
    for para in paragraphs(facts):
        if len(para) > 1 and _is_text_kind(para[-1]) and len(para[-1].text.strip()) <= 2:
            bad.append(f"paragraph ends with {_where(para[-1])}")
    for block in headlines(facts):
        if len(block) > 1 and len(block[-1].text.strip()) <= 1:
            bad.append(f"headline ends with {_where(block[-1])}")
    return Item("short last lines (孤字)", "no body line of ≤ 2 characters ending a paragraph, "
                "no headline line of 1 character", f"{len(bad)} found", not bad, bad)


ROLE_FONT = re.compile(r"^(?:[A-Z]{6}\+)?bulletin-([a-z]+)")


def font_use(facts: Facts) -> dict[str, list[tuple[int, str]]]:
    """Every font name with the (page, character) pairs drawn from it."""
    used: dict[str, list[tuple[int, str]]] = {}
    for page in facts.pages:
        for ch in page.chars:
            if ch["text"].strip():
                used.setdefault(ch["fontname"], []).append((page.number, ch["text"]))
    return used


def check_fonts(facts: Facts) -> Item:
    """Every glyph from a role's font (bulletin-<role> in PDFs of this project), all embedded."""
    used = font_use(facts)
    unembedded = _unembedded_fonts(facts.path)
    ours = any(ROLE_FONT.match(name) for name in used)
    foreign = {name: chars for name, chars in used.items() if ours and not ROLE_FONT.match(name)}
    details = [f"{name}: " + "".join(sorted({c for _, c in chars}))[:40]
               + f" (pages {', '.join(str(p) for p in sorted({p for p, _ in chars}))})"
               for name, chars in foreign.items()]
    details += [f"{name} is not embedded" for name in unembedded]
    names = ", ".join(sorted({ROLE_FONT.sub(r"\1", n) if ROLE_FONT.match(n) else n for n in used}))
    count = sum(len(c) for c in foreign.values())
    return Item("fonts (字体)", "every glyph from its role's font, fonts embedded",
                f"{names}; {count} glyphs from other fonts", not foreign and not unembedded, details)


def _unembedded_fonts(path: Path) -> list[str]:
    from pypdf import PdfReader
    missing = set()
    for page in PdfReader(str(path)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            font = font.get_object()
            for item in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
                descriptor = item.get("/FontDescriptor")
                if descriptor is not None and not any(k in descriptor.get_object()
                                                      for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(str(font.get("/BaseFont")))
    return sorted(missing)


def _number_chars(page: Page) -> list:
    return sorted((ch for ch in page.chars if ch["top"] > type_bottom() and ch["text"].strip()),
                  key=lambda ch: ch["x0"])


def unnumbered_pages(facts: Facts, banji_page: int | None) -> set[int]:
    """Blank pages, and the 版记 page when a blank page comes before it (GB/T 9704 §7.5); a cover
    (cover_pages) is unnumbered too, left out by check_page_numbers."""
    blank = {p.number for p in facts.pages if not p.chars}
    if banji_page and banji_page - 1 in blank:
        blank.add(banji_page)
    return blank


def check_page_numbers(facts: Facts, banji_page: int | None) -> Item:
    """“— N —” in 4号, dashes 7 mm under the type area, one character in from the outer side."""
    bad, gaps = [], []
    covers = cover_pages(facts)
    skip = unnumbered_pages(facts, banji_page) | covers
    for page in facts.pages:
        chars = _number_chars(page)
        text = "".join(ch["text"] for ch in chars)
        if page.number in skip:
            if chars:
                bad.append(f"p{page.number}: numbered “{text}”; expected no number")
            continue
        if text != f"—{page.number}—":
            bad.append(f"p{page.number}: “{text}”; expected “—{page.number}—”")
            continue
        bad += _number_position(facts, page, chars, gaps)
    measured = (f"dashes {min(gaps):.1f}–{max(gaps):.1f} mm below the type area" if gaps else "no page numbers")
    measured += _left_out(covers)
    return Item("page numbers (页码)", f"“— N —” {NUMBER_PT:.0f} pt, dashes {NUMBER_GAP:.0f} mm below, "
                "odd right / even left one character in", measured, not bad if gaps or bad else None, bad)


def _number_position(facts: Facts, page: Page, chars: list, gaps: list) -> list[str]:
    bad = []
    left = facts.left_edge(page)
    if any(abs(ch["size"] - NUMBER_PT) > 0.5 for ch in chars):
        bad.append(f"p{page.number}: {chars[0]['size']:.1f} pt; expected {NUMBER_PT:.0f} pt")
    if page.number % 2:
        off = (left + WIDTH * MM - NUMBER_PT - chars[-1]["x1"]) / MM
    else:
        off = (chars[0]["x0"] - left - NUMBER_PT) / MM
    if abs(off) > 1:
        side = "right" if page.number % 2 else "left"
        bad.append(f"p{page.number}: {off:+.1f} mm from one character in on the {side}")
    stroke = dash_stroke(page, chars[0])
    if stroke is not None:
        gap = (stroke - type_bottom()) / MM
        gaps.append(gap)
        if abs(gap - NUMBER_GAP) > 0.5:
            bad.append(f"p{page.number}: dash {gap:.1f} mm below the type area")
    return bad


RED = (0.0, 0.8, 0.8, 0.0)


def check_red_rule(facts: Facts) -> Item:
    page = facts.pages[0]
    colours = {tuple(round(v, 2) for v in r["non_stroking_color"]) for r in page.rects
               if r.get("fill") and isinstance(r.get("non_stroking_color"), (tuple, list))
               and len(r["non_stroking_color"]) == 4}
    rules = horizontal_rules(page, TOP * MM, page.height / 2, red=True)
    if not rules:
        return Item("red rule (红色分隔线)", "CMYK 0/80/80/0 across the type area", "none on page 1", None)
    shown = ", ".join("/".join(f"{v * 100:.0f}" for v in c) for c in sorted(colours)) or "not CMYK"
    where = (rules[0][0] / MM) - TOP
    return Item("red rule (红色分隔线)", "CMYK 0/80/80/0 across the type area",
                f"CMYK {shown}, {(rules[0][1] - rules[0][0]) / MM:.1f} mm thick, {where:.1f} mm below the "
                "type area's top", RED in colours)


BANJI_START = re.compile(r"^(报|送|发|抄送|本期增发)：|印发$|^（?共印\d+份）?$")


def banji_lines(facts: Facts) -> list[Line]:
    """The 版记's lines (4号 text from its first 报/送/发/抄送 line to the type area's bottom)."""
    for page in reversed(facts.pages):
        small = [ln for ln in page.lines if abs(ln.size - 14) < 0.6 and ln.top < type_bottom()]
        start = next((i for i, ln in enumerate(small) if BANJI_START.search(ln.text)), None)
        if start is not None:
            return small[start:]
    return []


def check_banji(facts: Facts) -> tuple[Item, int | None]:
    lines = banji_lines(facts)
    name, target = "版记", (f"on the last page, an even one; rules 0.35/0.25/0.35 mm, the last on the type "
                            f"area's bottom; height = lines × {PITCH:.2f} pt")
    if not lines:
        return Item(name, target, "no 版记", None), None
    page = facts.pages[lines[0].page - 1]
    rules = horizontal_rules(page, lines[0].top - 1.5 * PITCH, type_bottom() + 3 * MM)
    bad = []
    if page.number != len(facts.pages) or page.number % 2:
        bad.append(f"on page {page.number} of {len(facts.pages)}; expected the last page, an even one")
    if len(rules) < 2:
        return Item(name, target, f"{len(rules)} rules", False, bad + ["expected a rule above and below"]), page.number
    thick = [(b - a) / MM for a, b in rules]
    for index, value in enumerate(thick):
        want = 0.35 if index in (0, len(thick) - 1) else 0.25
        if abs(value - want) > 0.07:
            bad.append(f"rule {index + 1} is {value:.2f} mm; expected {want} mm")
    bottom_gap = (rules[-1][1] - type_bottom()) / MM
    if abs(bottom_gap) > 0.5:
        bad.append(f"last rule {bottom_gap:+.1f} mm from the type area's bottom")
    height, want = (rules[-1][1] - rules[0][0]) / MM, len(lines) * PITCH / MM
    if abs(height - want) > 1:
        bad.append(f"{height:.1f} mm tall for {len(lines)} lines; expected {want:.1f} mm")
    measured = (f"page {page.number} of {len(facts.pages)}, {len(lines)} lines in {height:.1f} mm, rules "
                + "/".join(f"{t:.2f}" for t in thick) + f" mm, last {bottom_gap:+.1f} mm from the bottom")
    return Item(name, target, measured, not bad, bad), page.number


def check_issuer_mark(facts: Facts) -> Item:
    """发文机关标志: its top 35 mm below the type area's top (GB/T 9704 §7.2.4, 下行文)."""
    page = facts.pages[0]
    name, target = "issuing-office mark (发文机关标志)", "top 35 mm below the type area's top"
    if not any(docnumber.ENDS_LINE.search(ln.text) for ln in page.lines):
        return Item(name, target, "no document number on page 1 (not a notice)", None)
    red = [ch for ch in page.chars if ch["size"] > 20 and ch["text"].strip()
           and tuple(round(v, 2) for v in (ch.get("non_stroking_color") or ())) == RED]
    if not red:
        return Item(name, target, "no red title-size text on page 1", False)
    # the mark's upper edge is its ink, found in pixels: a character's box top (the font's ascent)
    # lies some way above the strokes and differs from font to font
    top = min(ch["top"] - ch["size"] / 2 for ch in red)    # pdfminer's boxes may start below the ink
    ink = red_ink_top(page, (min(ch["x0"] for ch in red), top, max(ch["x1"] for ch in red),
                             max(ch["bottom"] for ch in red)))
    if ink is None:
        return Item(name, target, "no red ink where the mark's characters are", False)
    gap = ink / MM - TOP
    return Item(name, target, f"{gap:.1f} mm", abs(gap - 35) <= 1)


def check_signature(facts: Facts) -> Item:
    """成文日期 four characters in from the right; 署名 centred over it (GB/T 9704 §7.3.5)."""
    name, target = "signature and date (署名、成文日期)", "date ends 4 characters from the right, 署名 centred on it"
    for page in facts.pages:
        body = page.body()
        for above, line in zip(body, body[1:]):
            if DATE.fullmatch(line.text) and abs(line.baseline - above.baseline - PITCH) < 1 \
                    and not DATE.fullmatch(above.text):
                right = facts.left_edge(page) + WIDTH * MM
                from_right = (right - line.x1) / BODY_PT
                centre = ((above.x0 + above.x1) - (line.x0 + line.x1)) / 2 / MM
                ok = abs(right - line.x1 - 4 * BODY_PT) <= MM and abs(centre) <= 1
                return Item(name, target, f"p{page.number}: date {from_right:.2f} characters from the right, "
                            f"署名 {centre:+.1f} mm off its centre", ok)
    return Item(name, target, "no 署名 and date lines", None)


def check_tags(facts: Facts) -> Item:
    lang = facts.lang or "none"
    measured = f"{'tagged' if facts.tagged else 'not tagged'}, /Lang {lang}" + (f", {facts.pdfa}" if facts.pdfa else "")
    return Item("tags and language (标签)", "tagged, /Lang zh-CN", measured,
                facts.tagged and lang.lower().startswith("zh"))


def inspect_pdf(path: Path, mirrored: bool = False) -> list[Item]:
    """Every checklist item measured on the PDF at ``path``."""
    facts = read(Path(path), mirrored)
    try:
        banji, banji_page = check_banji(facts)
        return [check_paper(facts), check_left_margin(facts), check_body_size(facts), check_grid(facts),
                check_lines_per_page(facts, banji_page), check_characters_per_line(facts),
                check_right_edge(facts), check_short_lines(facts), check_fonts(facts),
                check_page_numbers(facts, banji_page), check_red_rule(facts), check_issuer_mark(facts),
                check_signature(facts), banji, check_tags(facts)]
    finally:
        facts.close()


def report(path: Path, items: list[Item], details: int = 5) -> str:
    lines = [f"{path}:"]
    for item in items:
        lines.append("  " + item.row())
        lines += [f"          {d}" for d in item.details[:details]]
        if len(item.details) > details:
            lines.append(f"          … {len(item.details) - details} more")
    return "\n".join(lines)


def run(paths: list[Path], mirrored: bool = False, out=None) -> int:
    """`bulletin inspect`: print the checklist of each PDF; exit status 1 when any item fails."""
    import sys
    out = out or sys.stdout
    failed = False
    unreadable = []
    for path in paths:
        try:
            items = inspect_pdf(path, mirrored)
        except Exception as exc:  # noqa: BLE001 - any file may be given: pdfminer's errors are many
            unreadable.append(Problem(str(path), None, f"not a readable PDF ({type(exc).__name__}: "
                                                        f"{str(exc)[:120]}); expected a PDF file"))
            continue
        failed |= any(item.ok is False for item in items)
        print(report(path, items), file=out)
    if unreadable:
        raise SourceError(unreadable)
    return 1 if failed else 0
