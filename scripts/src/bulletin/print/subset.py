"""Cutting each role's font down to the characters a build uses, once, cached across builds.

HarfBuzz's subsetter (libharfbuzz-subset0) does it in well under a second; without it the
fontTools subsetter takes several seconds a font. The cache file is named by a hash of the
font's identity and the character set, so a build reuses it until either changes.
"""
from __future__ import annotations

import ctypes
import functools
import hashlib
from pathlib import Path

from ..atomic import write_atomic
from .fonts import ResolvedFont

SUBSET_VERSION = "2"   # bump when the way fonts are cut changes


_VP = ctypes.c_void_p
_CALLS = {   # name -> (restype, argtypes): every call this module makes
    "hb_blob_create_from_file": (_VP, [ctypes.c_char_p]), "hb_face_create": (_VP, [_VP, ctypes.c_uint]),
    "hb_subset_input_create_or_fail": (_VP, []),
    "hb_subset_input_unicode_set": (_VP, [_VP]), "hb_subset_input_glyph_set": (_VP, [_VP]),
    "hb_subset_input_set": (_VP, [_VP, ctypes.c_int]), "hb_subset_input_set_flags": (None, [_VP, ctypes.c_uint]),
    "hb_set_add": (None, [_VP, ctypes.c_uint32]), "hb_subset_or_fail": (_VP, [_VP, _VP]),
    "hb_face_reference_blob": (_VP, [_VP]),
    "hb_blob_get_data": (ctypes.POINTER(ctypes.c_char), [_VP, ctypes.POINTER(ctypes.c_uint)]),
    **{name: (None, [_VP]) for name in ("hb_blob_destroy", "hb_face_destroy", "hb_subset_input_destroy")},
}


@functools.lru_cache(maxsize=1)
def _harfbuzz():
    """The HarfBuzz subset library through ctypes; None when it is not installed or lacks one of the
    calls above (then fontTools cuts the fonts, more slowly)."""
    from .clib import load
    return load(["libharfbuzz-subset.so.0"], "harfbuzz-subset", _CALLS)


def harfbuzz_subset_available() -> bool:
    return _harfbuzz() is not None


# hb-subset.h: hb_subset_flags_t and hb_subset_sets_t
_NO_HINTING, _RETAIN_GIDS, _DESUBROUTINIZE, _NOTDEF_OUTLINE = 0x1, 0x2, 0x4, 0x40
_DROP_TABLE_TAG = 3


def _subset_harfbuzz(hb, font: ResolvedFont, codepoints: list[int]) -> bytes | None:
    def characters(request) -> None:
        unicodes = hb.hb_subset_input_unicode_set(request)
        for cp in codepoints:
            hb.hb_set_add(unicodes, cp)
        # WeasyPrint cuts each font again for every PDF, inlining CFF subroutines and (for print)
        # dropping hints: from a cut that has neither, that costs it less and gives the same bytes
        hb.hb_subset_input_set_flags(request, _NO_HINTING | _DESUBROUTINIZE)
    return _harfbuzz_cut(hb, font.file, font.index, characters)


# the tables WeasyPrint drops from the fonts it embeds (layout is done by then)
_EMBED_DROPS = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")


def glyph_subset(file: Path, glyphs: set[int]) -> bytes | None:
    """``file`` (a cut font) down to ``glyphs``, keeping every glyph id, as WeasyPrint embeds fonts:
    one embedded font can then serve PDFs that WeasyPrint wrote with their own subsets of the same
    cut (print/fontmerge.py)."""
    hb = _harfbuzz()
    if hb is None:
        import io

        from fontTools import subset
        from fontTools.ttLib import TTFont
        options = subset.Options(retain_gids=True, notdef_outline=True, hinting=False, desubroutinize=True,
                                 layout_features=[], drop_tables=[*subset.Options().drop_tables, *_EMBED_DROPS])
        font = TTFont(str(file))
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=sorted(glyphs | {0}))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()

    def glyph_ids(request) -> None:
        wanted = hb.hb_subset_input_glyph_set(request)
        for gid in sorted(glyphs | {0}):
            hb.hb_set_add(wanted, gid)
        drops = hb.hb_subset_input_set(request, _DROP_TABLE_TAG)
        for tag in _EMBED_DROPS:
            hb.hb_set_add(drops, int.from_bytes(tag.encode(), "big"))
        hb.hb_subset_input_set_flags(request, _NO_HINTING | _RETAIN_GIDS | _DESUBROUTINIZE | _NOTDEF_OUTLINE)
    return _harfbuzz_cut(hb, file, 0, glyph_ids)


def _harfbuzz_cut(hb, file: Path, index: int, fill) -> bytes | None:
    """Run HarfBuzz's subsetter on ``file`` with the request ``fill(request)`` sets up."""
    blob = hb.hb_blob_create_from_file(str(file).encode())
    face = hb.hb_face_create(blob, index)
    request = hb.hb_subset_input_create_or_fail()
    result = out = None
    try:
        if not request:
            return None
        fill(request)
        result = hb.hb_subset_or_fail(face, request)
        if not result:
            return None
        out = hb.hb_face_reference_blob(result)
        length = ctypes.c_uint()
        data = hb.hb_blob_get_data(out, ctypes.byref(length))
        return ctypes.string_at(data, length.value) if length.value else None
    finally:
        if out:
            hb.hb_blob_destroy(out)
        if result:
            hb.hb_face_destroy(result)
        if request:
            hb.hb_subset_input_destroy(request)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def _subset_fonttools(font: ResolvedFont, codepoints: list[int]) -> bytes:
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont
    collection = str(font.file).lower().endswith((".ttc", ".otc"))
    tt = TTFont(str(font.file), fontNumber=font.index, lazy=True) if collection else TTFont(str(font.file))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True       # as the HarfBuzz cut: see _subset_harfbuzz
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(tt)
    buffer = io.BytesIO()
    tt.save(buffer)
    return buffer.getvalue()


def subset_key(font: ResolvedFont, codepoints: list[int]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{SUBSET_VERSION}\n{font.identity}\n".encode())
    digest.update(",".join(map(str, codepoints)).encode())
    return digest.hexdigest()[:24]


def subset_font(font: ResolvedFont, chars: set[int], cache_dir: Path) -> tuple[Path, bool]:
    """The font cut to ``chars`` (those it has) in ``cache_dir``; returns (path, reused)."""
    codepoints = sorted(c for c in chars if c >= 0x20)
    key = subset_key(font, codepoints)
    suffix = ".ttf" if str(font.file).lower().endswith((".ttf", ".ttc")) and not _is_cff(font) else ".otf"
    target = cache_dir / f"{font.role}-{key}{suffix}"
    if target.is_file() and target.stat().st_size > 0:
        return target, True
    cache_dir.mkdir(parents=True, exist_ok=True)
    hb = _harfbuzz()
    data = _subset_harfbuzz(hb, font, codepoints) if hb else None
    if data is None:
        data = _subset_fonttools(font, codepoints)
    write_atomic(target, data)
    return target, False


@functools.lru_cache(maxsize=32)
def _is_cff_file(file: str, index: int) -> bool:
    with open(file, "rb") as handle:
        head = handle.read(4)
    if head == b"OTTO":
        return True
    if head != b"ttcf":
        return False
    from fontTools.ttLib import TTFont
    tt = TTFont(file, fontNumber=index, lazy=True)
    try:
        return "CFF " in tt or "CFF2" in tt
    finally:
        tt.close()


def _is_cff(font: ResolvedFont) -> bool:
    return _is_cff_file(str(font.file), font.index)
