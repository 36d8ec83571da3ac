"""What the print needs to know of a font face, kept on disk so a build does not read it again.

Every build needs a face's character map twice (the glyph check, the measures of headlines and
page numbers). HarfBuzz reads a CJK face's map and advances in about 0.01 s, and draws the outlines
of the few glyphs whose ink is measured in as little; fontTools, which reads them where the HarfBuzz
is older than 4.2 (the ink: 4.0), must decompile a CJK face's whole CFF table first and takes
0.2–0.7 s. The facts are stored in the print cache, ``fontinfo/<hash of path and face>.json``:
the code points the face maps, their advances, and the ink of the few characters measured (filled
in as they are asked for). An entry names the font's identity (path, face, size, modification
time); a stale, unreadable or foreign entry is read from the font again and rewritten atomically.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic

INFO_VERSION = 1          # bump when what is stored changes
_folder: Path | None = None


def use_folder(folder: Path | None) -> None:
    """Keep font facts in ``folder`` (None: read every font again, nothing written)."""
    global _folder
    _folder = Path(folder) if folder else None


def folder() -> Path | None:
    """Where font facts are kept now: part of the key of what print/fonts.py keeps in memory, so that
    a later build of the same process that keeps them elsewhere writes them there too."""
    return _folder


def _open(file: str, index: int):
    from fontTools.ttLib import TTFont
    if file.lower().endswith((".ttc", ".otc")):
        return TTFont(file, fontNumber=index, lazy=True)
    return TTFont(file, lazy=True)


@dataclass
class FontInfo:
    file: str
    index: int
    identity: str
    upem: int
    ascent: int                           # hhea, font units
    descent: int
    advances: dict[int, int]              # code point -> advance, font units
    ink: dict[int, tuple[int, int] | None] = field(default_factory=dict)   # code -> (yMin, yMax), units

    @property
    def codes(self) -> frozenset[int]:
        return frozenset(self.advances)

    def inks(self, codes: list[int]) -> list[tuple[int, int] | None]:
        """The vertical ink of each character (None: draws nothing); characters not measured before
        are read from the font in one go and then stored with the other facts."""
        missing = sorted({code for code in codes if code not in self.ink})
        if missing:
            self.ink.update(_read_ink(self.file, self.index, missing))
            _save(self)
        return [self.ink[code] for code in codes]


def _read_ink(file: str, index: int, codes: list[int]) -> dict[int, tuple[int, int] | None]:
    """Each character's lowest and highest ink (fontTools' BoundsPen over its outline; None: no glyph
    or no outline). The outline comes from HarfBuzz where it can draw it, else from fontTools, which
    must decompile a whole CFF table first (0.25 s a CJK face)."""
    found = _read_ink_harfbuzz(file, index, codes)
    if found is not None:
        return found
    from fontTools.pens.boundsPen import BoundsPen
    tt = _open(file, index)
    try:
        glyphs, names = tt.getGlyphSet(), tt.getBestCmap() or {}
        found = {}
        for code in codes:
            pen = BoundsPen(glyphs)
            if names.get(code) is not None:
                glyphs[names[code]].draw(pen)
            found[code] = (pen.bounds[1], pen.bounds[3]) if pen.bounds else None
        return found
    finally:
        tt.close()


def _read_ink_harfbuzz(file: str, index: int, codes: list[int]) -> dict[int, tuple[int, int] | None] | None:
    """The same ink, the outlines drawn by HarfBuzz (at the face's units per em, as the font has them)
    into the same BoundsPen; None without HarfBuzz's glyph drawing (before 4.0) or a face it takes
    for no font. tests/test_print_fontinfo.py compares both ways on the print fonts."""
    import ctypes
    from fontTools.pens.boundsPen import BoundsPen
    hb = _harfbuzz()
    drawing = _drawing(hb) if hb is not None else None
    if drawing is None:
        return None
    draw_glyph, kinds = drawing
    with _face(hb, file, index) as face:
        if face is None:
            return None
        font = hb.hb_font_create(face)           # its scale is the face's units per em
        funcs = hb.hb_draw_funcs_create()
        try:
            pen = [None]                         # the current character's
            calls = {                            # named here: ctypes callbacks must outlive their use
                "move_to": kinds["move_to"](lambda fs, d, st, x, y, u: pen[0].moveTo((x, y))),
                "line_to": kinds["line_to"](lambda fs, d, st, x, y, u: pen[0].lineTo((x, y))),
                "quadratic_to": kinds["quadratic_to"](
                    lambda fs, d, st, cx, cy, x, y, u: pen[0].qCurveTo((cx, cy), (x, y))),
                "cubic_to": kinds["cubic_to"](
                    lambda fs, d, st, ax, ay, bx, by, x, y, u: pen[0].curveTo((ax, ay), (bx, by), (x, y))),
                "close_path": kinds["close_path"](lambda fs, d, st, u: pen[0].closePath())}
            for kind, call in calls.items():
                getattr(hb, f"hb_draw_funcs_set_{kind}_func")(funcs, call, None, None)
            found: dict[int, tuple[int, int] | None] = {}
            glyph = ctypes.c_uint32()
            for code in codes:
                pen[0] = BoundsPen(None)
                if hb.hb_font_get_nominal_glyph(font, code, ctypes.byref(glyph)):
                    draw_glyph(font, glyph.value, funcs, None)
                bounds = pen[0].bounds
                found[code] = (_number(bounds[1]), _number(bounds[3])) if bounds else None
            return found
        finally:
            hb.hb_draw_funcs_destroy(funcs)
            hb.hb_font_destroy(font)


def _number(value: float) -> int | float:
    """A whole number as fontTools gives it (an int), so the kept facts read the same."""
    return int(value) if value == int(value) else value


@functools.lru_cache(maxsize=1)
def _drawing(hb):
    """HarfBuzz's glyph drawing (4.0 and later: hb_font_draw_glyph, or its older name
    hb_font_get_glyph_shape) and the ctypes types of its callbacks; None without it."""
    import ctypes
    vp, f = ctypes.c_void_p, ctypes.c_float
    kinds = {"move_to": ctypes.CFUNCTYPE(None, vp, vp, vp, f, f, vp),
             "line_to": ctypes.CFUNCTYPE(None, vp, vp, vp, f, f, vp),
             "quadratic_to": ctypes.CFUNCTYPE(None, vp, vp, vp, f, f, f, f, vp),
             "cubic_to": ctypes.CFUNCTYPE(None, vp, vp, vp, f, f, f, f, f, f, vp),
             "close_path": ctypes.CFUNCTYPE(None, vp, vp, vp, vp)}
    try:
        draw_glyph = getattr(hb, "hb_font_draw_glyph", None) or hb.hb_font_get_glyph_shape
        draw_glyph.restype, draw_glyph.argtypes = None, [vp, ctypes.c_uint32, vp, vp]
        hb.hb_draw_funcs_create.restype, hb.hb_draw_funcs_create.argtypes = vp, []
        hb.hb_draw_funcs_destroy.restype, hb.hb_draw_funcs_destroy.argtypes = None, [vp]
        hb.hb_font_get_nominal_glyph.restype = ctypes.c_int
        hb.hb_font_get_nominal_glyph.argtypes = [vp, ctypes.c_uint32, ctypes.POINTER(ctypes.c_uint32)]
        for kind, callback in kinds.items():
            setter = getattr(hb, f"hb_draw_funcs_set_{kind}_func")
            setter.restype, setter.argtypes = None, [vp, callback, vp, vp]
    except AttributeError:
        return None
    return draw_glyph, kinds


def _read(file: str, index: int, identity: str) -> FontInfo:
    """The face's facts through HarfBuzz when it can (a CJK face in ~0.03 s), else through fontTools."""
    return _read_harfbuzz(file, index, identity) or _read_fonttools(file, index, identity)


def _read_fonttools(file: str, index: int, identity: str) -> FontInfo:
    tt = _open(file, index)
    try:
        widths = tt["hmtx"].metrics
        advances = {code: widths[name][0] for code, name in (tt.getBestCmap() or {}).items()}
        return FontInfo(file, index, identity, tt["head"].unitsPerEm, tt["hhea"].ascent, tt["hhea"].descent,
                        advances)
    finally:
        tt.close()


@functools.lru_cache(maxsize=1)
def _harfbuzz():
    """libharfbuzz (Pango's, so present wherever WeasyPrint runs) through ctypes, with the calls that
    read a character map and its advances in bulk; None without them (HarfBuzz before 4.2, such as
    Ubuntu 22.04's: fontTools reads the face then, 0.2–0.4 s a CJK face)."""
    import ctypes

    from .clib import load
    vp, u32, out = ctypes.c_void_p, ctypes.c_uint32, ctypes.POINTER(ctypes.c_uint32)
    calls = {"hb_blob_create_from_file": (vp, [ctypes.c_char_p]), "hb_face_create": (vp, [vp, u32]),
             "hb_face_get_upem": (u32, [vp]), "hb_face_get_glyph_count": (u32, [vp]),
             "hb_face_reference_table": (vp, [vp, u32]), "hb_blob_get_length": (u32, [vp]),
             "hb_blob_get_data": (ctypes.POINTER(ctypes.c_char), [vp, out]),
             "hb_set_create": (vp, []), "hb_face_collect_unicodes": (None, [vp, vp]),
             "hb_set_get_population": (u32, [vp]), "hb_set_next_many": (u32, [vp, u32, vp, u32]),
             "hb_font_create": (vp, [vp]),          # arrays as addresses: the calls below start mid-array
             "hb_font_get_nominal_glyphs": (u32, [vp, u32, vp, u32, vp, u32]),
             "hb_font_get_glyph_h_advances": (None, [vp, u32, vp, u32, vp, u32]),
             **{name: (None, [vp]) for name in ("hb_blob_destroy", "hb_face_destroy", "hb_set_destroy",
                                                "hb_font_destroy")}}
    return load(["libharfbuzz.so.0"], "harfbuzz", calls)


_HHEA = int.from_bytes(b"hhea", "big")
_NO_VALUE = 0xFFFFFFFF          # HB_SET_VALUE_INVALID: the start of hb_set_next_many


@contextlib.contextmanager
def _face(hb, file: str, index: int):
    """Face ``index`` of ``file`` opened by HarfBuzz, or None when it takes the file for no font (no
    glyphs: fontTools then says what is wrong); closed afterwards."""
    blob = hb.hb_blob_create_from_file(file.encode())
    face = hb.hb_face_create(blob, index)
    try:
        yield face if hb.hb_face_get_glyph_count(face) else None
    finally:
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def _read_harfbuzz(file: str, index: int, identity: str) -> FontInfo | None:
    """The same facts as fontTools gives (best character map, hmtx advances, hhea ascent and descent,
    tests/test_print_fontinfo.py compares them), read by HarfBuzz in a few bulk calls; None when it
    cannot (no such HarfBuzz, a file it does not take as a font: fontTools then says what is wrong)."""
    import ctypes
    import struct
    hb = _harfbuzz()
    if hb is None:
        return None
    with _face(hb, file, index) as face:
        if face is None:
            return None
        font = unicodes = None
        hhea = hb.hb_face_reference_table(face, _HHEA)
        try:
            length = ctypes.c_uint32()
            data = hb.hb_blob_get_data(hhea, ctypes.byref(length))
            if length.value < 8:
                return None
            ascent, descent = struct.unpack(">hh", ctypes.string_at(data, 8)[4:8])
            unicodes = hb.hb_set_create()
            hb.hb_face_collect_unicodes(face, unicodes)
            count = hb.hb_set_get_population(unicodes)
            codes = (ctypes.c_uint32 * count)()
            got = hb.hb_set_next_many(unicodes, _NO_VALUE, ctypes.addressof(codes), count)
            font = hb.hb_font_create(face)           # its scale is the face's units per em
            glyphs = (ctypes.c_uint32 * count)()
            mapped = [True] * got
            done = 0
            while done < got:            # it stops at a code point with no glyph: skip it, go on
                done += hb.hb_font_get_nominal_glyphs(font, got - done, ctypes.addressof(codes) + 4 * done, 4,
                                                      ctypes.addressof(glyphs) + 4 * done, 4)
                if done < got:
                    mapped[done] = False
                    done += 1
            advances = (ctypes.c_int32 * count)()
            hb.hb_font_get_glyph_h_advances(font, got, ctypes.addressof(glyphs), 4, ctypes.addressof(advances), 4)
            return FontInfo(file, index, identity, hb.hb_face_get_upem(face), ascent, descent,
                            {code: advance for code, advance, ok in zip(codes[:got], advances[:got], mapped) if ok})
        finally:
            for handle, destroy in ((font, hb.hb_font_destroy), (unicodes, hb.hb_set_destroy),
                                    (hhea, hb.hb_blob_destroy)):
                if handle is not None:
                    destroy(handle)


def _entry(file: str, index: int) -> Path | None:
    if _folder is None:
        return None
    return _folder / (hashlib.sha256(f"{file}#{index}".encode()).hexdigest()[:24] + ".json")


def kept_files(faces) -> set[Path]:
    """Where the facts of ``faces`` (ResolvedFont: the roles' fonts) are kept: what the cache keeps of
    fontinfo/ when it is pruned (a face no role uses any more is read again if it comes back)."""
    return {path for path in (_entry(str(face.file), face.index) for face in faces) if path is not None}


def _save(info: FontInfo) -> None:
    path = _entry(info.file, info.index)
    if path is None:
        return
    codes = sorted(info.advances)
    data = {"version": INFO_VERSION, "file": info.file, "index": info.index, "identity": info.identity,
            "upem": info.upem, "ascent": info.ascent, "descent": info.descent,
            "codes": codes, "advances": [info.advances[c] for c in codes],
            "ink": [[code, *(bounds or ())] for code, bounds in sorted(info.ink.items())]}
    try:
        write_atomic(path, json.dumps(data, separators=(",", ":")))
    except OSError:
        pass           # a read-only cache only costs the next build the reading


def _load(file: str, index: int, identity: str) -> FontInfo | None:
    path = _entry(file, index)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path and path.is_file() else None
        if not isinstance(data, dict) or data.get("version") != INFO_VERSION or data.get("identity") != identity \
                or data.get("file") != file or data.get("index") != index:
            return None
        ink = {row[0]: (row[1], row[2]) if len(row) == 3 else None for row in data["ink"]}
        return FontInfo(file, index, identity, int(data["upem"]), int(data["ascent"]), int(data["descent"]),
                        dict(zip(data["codes"], data["advances"], strict=True)), ink)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None     # unreadable or from another version: read the font again


def font_info(file: str, index: int, identity: str) -> FontInfo:
    """The facts of one face, from the cache when its identity still matches, else from the font."""
    info = _load(file, index, identity)
    if info is None:
        info = _read(file, index, identity)
        _save(info)
    return info
