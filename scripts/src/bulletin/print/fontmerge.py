"""One embedded font per cut font in a bound volume, instead of one per issue.

Each issue PDF embeds its own subset of each cut font (print/subset.py), so a volume bound from 50
issues would carry 50 copies of the common characters (a generated 50-issue volume: 10.8 MB against
1.38 MB laid out as one document). WeasyPrint keeps glyph ids when it embeds a font, so the subsets
of one cut all use that cut's glyph ids: a single subset of the cut holding the union of their
glyphs, with the union of their widths and character maps, serves every page.

Which cut an issue was printed with is recorded in its PDF (Info /bulletinfonts, written by the
worker): an issue taken from the cache may come from an older cut, whose glyph ids differ; its fonts
are merged only with others of that same cut, and left alone if that cut is no longer in the cache.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .subset import glyph_subset

CUT = Name("/BlCut")                       # set on each Type0 font while binding; removed when merged
INFO_KEY = "/bulletinfonts"                # the cut fonts a document was printed with (worker.py)
_ROLE = re.compile(r"^/[A-Z]{6}\+bulletin-([a-z]+)(?:-|$)")
# a cut font's file name (print/subset.py): nothing else is looked up in the font folders
_CUT_NAME = re.compile(r"^[a-z]+-[0-9a-f]{24}\.(otf|ttf)$")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def mark_cuts(pdf: pikepdf.Pdf) -> None:
    """Note on each of ``pdf``'s cut fonts which cut file it came from (see INFO_KEY)."""
    recorded = [name for name in str(pdf.docinfo.get(INFO_KEY, "")).split() if _CUT_NAME.match(name)]
    by_role = {name.split("-", 1)[0]: name for name in recorded}
    for obj in page_fonts(pdf):
        if obj.get("/Subtype") == Name.Type0 and "/BaseFont" in obj:
            found = _ROLE.match(str(obj.BaseFont))
            if found and found[1] in by_role:
                obj[CUT] = String(by_role[found[1]])


def page_fonts(pdf: pikepdf.Pdf) -> list[Dictionary]:
    """Every font the pages draw with (their resources and the forms they draw), each once: a walk
    over a few dictionaries, where ``pdf.objects`` is every structure element of the document too."""
    fonts, seen = [], set()
    for page in pdf.pages:
        for table in _font_dicts(page.obj.get("/Resources")):
            for font in table.values():
                if isinstance(font, Dictionary) and (font.objgen == (0, 0) or font.objgen not in seen):
                    seen.add(font.objgen)
                    fonts.append(font)
    return fonts


def cid_widths(cid_font: Dictionary) -> dict[int, object]:
    widths: dict[int, object] = {}
    items = list(cid_font.get("/W", ()))
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], Array):
            for n, width in enumerate(items[i + 1]):
                widths.setdefault(first + n, width)
            i += 2
        else:
            for gid in range(first, int(items[i + 1]) + 1):
                widths.setdefault(gid, items[i + 2])
            i += 3
    return widths


def to_unicode(font: Dictionary) -> dict[int, bytes]:
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    return {int(gid, 16): text for gid, text in _BFCHAR.findall(stream.read_bytes())}


def _cmap_stream(pdf: pikepdf.Pdf, mapping: dict[int, bytes]) -> pikepdf.Stream:
    """A ToUnicode CMap like WeasyPrint's: glyph id -> UTF-16BE text, in batches of 100."""
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [b"<%04x> <%s>" % (gid, text) for gid, text in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return pdf.make_stream(b"\n".join(lines))


def _merged_program(pdf: pikepdf.Pdf, descriptor: Dictionary, program: bytes) -> tuple[Name, pikepdf.Stream]:
    key = next(k for k in ("/FontFile3", "/FontFile2", "/FontFile") if k in descriptor)
    old = descriptor[key]
    stream = pdf.make_stream(program)
    for name, value in old.items():
        if name not in ("/Length", "/Filter", "/DecodeParms", "/Length1"):
            stream[name] = value
    if "/Length1" in old:
        stream.Length1 = len(program)
    return Name(key), stream


def _merge(pdf: pikepdf.Pdf, members: list[Dictionary], cut: Path) -> Dictionary | None:
    """One Type0 font for ``members`` (subsets of the font ``cut``), or None when it cannot be made."""
    widths: dict[int, object] = {}
    mapping: dict[int, bytes] = {}
    for font in members:
        for gid, width in cid_widths(font.DescendantFonts[0]).items():
            widths.setdefault(gid, width)
        for gid, text in to_unicode(font).items():
            mapping.setdefault(gid, text)
    program = glyph_subset(cut, set(widths))
    if not program:
        return None
    first = members[0]
    descendant = first.DescendantFonts[0]
    descriptor = Dictionary({key: value for key, value in descendant.FontDescriptor.items()})
    key, stream = _merged_program(pdf, descendant.FontDescriptor, program)
    descriptor[key] = stream
    boxes = [list(font.DescendantFonts[0].FontDescriptor.FontBBox) for font in members]
    descriptor.FontBBox = Array([min(b[0] for b in boxes), min(b[1] for b in boxes),
                                 max(b[2] for b in boxes), max(b[3] for b in boxes)])
    if "/CIDSet" in descriptor:         # PDF/A-1: a bit per glyph present
        bits = bytearray((max(widths) // 8) + 1)
        for gid in widths:
            bits[gid // 8] |= 0x80 >> (gid % 8)
        descriptor.CIDSet = pdf.make_stream(bytes(bits))
    w: list = []
    for gid in sorted(widths):
        if w and gid == w[-2] + len(w[-1]):
            w[-1].append(widths[gid])
        else:
            w += [gid, Array([widths[gid]])]
    cid_font = Dictionary({key: value for key, value in descendant.items()})
    cid_font.W = Array(w)
    cid_font.FontDescriptor = pdf.make_indirect(descriptor)
    merged = Dictionary({key: value for key, value in first.items() if key != str(CUT)})
    merged.DescendantFonts = Array([pdf.make_indirect(cid_font)])
    merged.ToUnicode = _cmap_stream(pdf, mapping)
    return pdf.make_indirect(merged)


def _font_dicts(resources) -> list[Dictionary]:
    """The font dictionaries of a page's resources and of the forms drawn from them."""
    found, todo, seen = [], [resources], set()
    while todo:
        res = todo.pop()
        if not isinstance(res, Dictionary) or res.objgen in seen and res.objgen != (0, 0):
            continue
        seen.add(res.objgen)
        if "/Font" in res:
            found.append(res.Font)
        for xobject in res.get("/XObject", {}).values():
            if "/Resources" in xobject:
                todo.append(xobject.Resources)
    return found


def merge_fonts(pdf: pikepdf.Pdf, folders: list[Path]) -> None:
    """Replace the marked subsets (``mark_cuts``) of each cut with one merged font, when the cut is
    in one of ``folders`` (the cut fonts' cache) and every subset uses the standard encoding."""
    groups: dict[str, list[Dictionary]] = defaultdict(list)
    for obj in page_fonts(pdf):
        if CUT in obj:
            groups[str(obj[CUT])].append(obj)
    replace: dict[tuple[int, int], Dictionary] = {}
    for name, members in sorted(groups.items()):
        cut = next((folder / name for folder in folders if (folder / name).is_file()), None)
        plain = all(font.get("/Encoding") == Name("/Identity-H") for font in members)
        merged = _merge(pdf, members, cut) if cut and plain and len(members) > 1 else None
        for font in members:
            del font[str(CUT)]
            if merged is not None:
                replace[font.objgen] = merged
    if not replace:
        return
    for page in pdf.pages:
        for fonts in _font_dicts(page.obj.get("/Resources")):
            for key, font in list(fonts.items()):
                if font.objgen in replace:
                    fonts[key] = replace[font.objgen]
