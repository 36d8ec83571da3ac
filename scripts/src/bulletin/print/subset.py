"""Cutting each role's font down to the characters a build uses, once, cached across builds.

HarfBuzz's subsetter (libharfbuzz-subset0) does it in well under a second; without it the
fontTools subsetter takes several seconds a font. The cache file is named by a hash of the
font's identity and the character set, so a build reuses it until either changes.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import os
from pathlib import Path

from ..atomic import write_atomic
from .fonts import ResolvedFont

SUBSET_VERSION = "1"   # bump when the way fonts are cut changes


@functools.lru_cache(maxsize=1)
def _harfbuzz():
    """The HarfBuzz subset library through ctypes, or None when it is not installed."""
    names = ["libharfbuzz-subset.so.0", ctypes.util.find_library("harfbuzz-subset")]
    for name in filter(None, names):
        try:
            hb = ctypes.CDLL(name)
        except OSError:
            continue
        vp = ctypes.c_void_p
        hb.hb_blob_create_from_file.restype = vp
        hb.hb_blob_create_from_file.argtypes = [ctypes.c_char_p]
        hb.hb_face_create.restype = vp
        hb.hb_face_create.argtypes = [vp, ctypes.c_uint]
        hb.hb_subset_input_create_or_fail.restype = vp
        hb.hb_subset_input_unicode_set.restype = vp
        hb.hb_subset_input_unicode_set.argtypes = [vp]
        hb.hb_set_add.argtypes = [vp, ctypes.c_uint32]
        hb.hb_subset_or_fail.restype = vp
        hb.hb_subset_or_fail.argtypes = [vp, vp]
        hb.hb_face_reference_blob.restype = vp
        hb.hb_face_reference_blob.argtypes = [vp]
        hb.hb_blob_get_data.restype = ctypes.POINTER(ctypes.c_char)
        hb.hb_blob_get_data.argtypes = [vp, ctypes.POINTER(ctypes.c_uint)]
        for fn in ("hb_blob_destroy", "hb_face_destroy", "hb_subset_input_destroy"):
            getattr(hb, fn).argtypes = [vp]
        return hb
    return None


def harfbuzz_subset_available() -> bool:
    return _harfbuzz() is not None


def _subset_harfbuzz(hb, font: ResolvedFont, codepoints: list[int]) -> bytes | None:
    blob = hb.hb_blob_create_from_file(str(font.file).encode())
    face = hb.hb_face_create(blob, font.index)
    request = hb.hb_subset_input_create_or_fail()
    result = out = None
    try:
        if not request:
            return None
        unicodes = hb.hb_subset_input_unicode_set(request)
        for cp in codepoints:
            hb.hb_set_add(unicodes, cp)
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
