"""A bound volume's page numbers, drawn where each issue page printed its own (print/binding.py).

An issue page keeps its place in the volume's left/right order (every issue starts on a right-hand
page, as it does alone), so the volume's "— N —" goes in the same margin box as the page's own
"— n —": the same line, the same font size, left-aligned on a left page and ending where the old one
ended on a right page. Only the glyphs change. They come from the volume's front, whose last page
prints "— 0123456789 —" in the page-number font (overrides/print/volume.css) and is then taken out:
that font, embedded once, has every glyph a page number needs. The number is marked as a
pagination artifact (PDF/UA: it belongs to no structure element).

Before, the front carried one empty page per issue page, laid out only for its number (about 300
pages for 50 issues, most of a volume's layout and writing), whose drawing was put over the issue
page. The drawing is edited as bytes where WeasyPrint wrote it (print/marked.py says how); one
written any other way is an error, not a volume with wrong numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Dictionary, Name

from . import marked
from .fontmerge import cid_widths, to_unicode

GLYPHS = "— 0123456789"                # what a page number prints: "— 12 —"
FONT_KEY = Name("/BlPageNumber")       # the font's name in a page's resources
# WeasyPrint's drawing of one line of text in a margin box: position, font and size, glyphs (hex)
# with adjustments (thousandths of the size, a positive one moving the next glyph back)
_LINE = re.compile(rb"1 0 0 -1 (?P<x>-?[\d.]+) (?P<y>-?[\d.]+) Tm\n/(?P<font>[^\s/<>\[\]()]+) (?P<size>[\d.]+) Tf\n"
                   rb"\[(?P<glyphs>[^\]]*)\] TJ\n")
_PIECE = re.compile(rb"<([0-9a-fA-F]*)>|(-?[\d.]+)")


def _advance(font: Dictionary):
    """A Type0 font's glyph widths (thousandths of its size), by glyph id."""
    cid_font = font.DescendantFonts[0]
    widths, default = cid_widths(cid_font), float(cid_font.get("/DW", 1000))
    return lambda gid: float(widths.get(gid, default))


@dataclass
class NumberFont:
    """The page-number font of the front, and for each character of GLYPHS its glyph id and width."""
    font: Dictionary
    gids: dict[str, int]
    widths: dict[int, float]
    advances: dict = field(default_factory=dict)   # the issue pages' own number fonts read so far, by object

    def line(self, text: str) -> tuple[bytes, float]:
        """``text`` as a TJ operand and its width in thousandths of the font size."""
        try:
            gids = [self.gids[ch] for ch in text]
        except KeyError as exc:
            raise ValueError(f"the page-number font of the volume's front has no glyph for {exc}; expected "
                             f"'{GLYPHS}' on its last page (overrides/print/volume.css)") from None
        return b"[<" + b"".join(b"%04x" % gid for gid in gids) + b">]", sum(self.widths[gid] for gid in gids)


def _font(page: pikepdf.Page, line: re.Match) -> Dictionary:
    """The font a line matched by _LINE sets, from the page's resources."""
    return page.obj.Resources.Font[Name("/" + line["font"].decode())]


def number_font(page: pikepdf.Page, mcids: set[int]) -> NumberFont:
    """The font of ``page``'s page number (the marked content ``mcids``), which prints GLYPHS."""
    data = marked.page_stream(page) or b""
    found = [_LINE.search(data, start, end) for start, _, end, mcid in marked.scan(data) or () if mcid in mcids]
    if len(found) != 1 or found[0] is None:
        raise ValueError("the last page of the volume's front prints no page-number glyphs; expected "
                         f"'{GLYPHS}' in its margin (overrides/print/volume.css)")
    font = _font(page, found[0])
    by_text = {}
    for gid, text in to_unicode(font).items():
        by_text.setdefault(bytes.fromhex(text.decode()).decode("utf-16-be"), gid)
    gids = {ch: by_text[ch] for ch in GLYPHS if ch in by_text}
    advance = _advance(font)
    return NumberFont(font, gids, {gid: advance(gid) for gid in gids.values()})


def renumber(page: pikepdf.Page, mcids: set[int], number: int, right: bool, numbers: NumberFont) -> bytes:
    """``page``'s content with its own page number (the marked content ``mcids``) drawn as ``number``
    in ``numbers``' font, as a pagination artifact. ``right``: a right-hand page, whose number ends
    where the old one did; on a left-hand page it starts there. The font goes into the page's
    resources as FONT_KEY."""
    data = marked.page_stream(page)
    sections = marked.scan(data) if data is not None else None
    if sections is None:
        raise ValueError("an issue page's content is not written as WeasyPrint writes it; expected its "
                         "page number as one marked-content sequence")
    out, at, done = [], 0, 0
    for start, operator, end, mcid in sections:
        if mcid not in mcids:
            continue
        line = _LINE.search(data, operator, end)
        if line is None or data.count(b" TJ\n", operator, end) != 1:
            raise ValueError("an issue page's number is not one line of text; expected '— n —' as "
                             "WeasyPrint draws a margin box")
        own = _font(page, line)
        advance = numbers.advances.get(own.objgen) if own.objgen != (0, 0) else None
        if advance is None:
            advance = _advance(own)
            if own.objgen != (0, 0):               # an indirect font, shared by the pages
                numbers.advances[own.objgen] = advance
        old = 0.0
        for glyphs, adjustment in _PIECE.findall(line["glyphs"]):
            old += sum(advance(int(glyphs[i:i + 4], 16)) for i in range(0, len(glyphs), 4)) - float(adjustment or 0)
        text, new = numbers.line(f"— {number} —")
        size = float(line["size"])
        x = float(line["x"]) + ((old - new) * size / 1000 if right else 0)
        drawn = (b"1 0 0 -1 %s %s Tm\n%s %s Tf\n%s TJ\n"
                 % (f"{x:f}".encode(), line["y"], FONT_KEY.unparse(), line["size"], text))
        out += [data[at:start], marked.PAGINATION_BYTES, data[operator:line.start()], drawn, data[line.end():end]]
        at, done = end, done + 1
    if done != 1:
        raise ValueError(f"an issue page has {done} page numbers; expected one")
    out.append(data[at:])
    page.obj.Resources.Font[FONT_KEY] = numbers.font
    return b"".join(out)
