"""HarfBuzz's glyph arrays made without running a C parser for each new length.

When WeasyPrint subsets a font it hands HarfBuzz the glyph ids as ``ffi.new(f"hb_codepoint_t[{n}]",
ids)``: cffi parses each new type string with pycparser (6 ms each on the print benchmark's
machine) and every length is a new string, so most documents paid it two or three times, about 3%
of rendering an issue. ``install()`` has cffi make such an array as ``hb_codepoint_t[]`` from the
same list or tuple: an array of exactly its items, the same memory, the same font.
"""
from __future__ import annotations

import re

from .wrapping import wrap

_SIZED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\[(\d+)\]")
_wrapped: dict = {}   # the ffi object's own new(), by name (the tests make arrays without)


def _ffi():
    from weasyprint.text.ffi import ffi
    return ffi


def _new(original):
    def new(cdecl, init=None):
        if isinstance(init, (list, tuple)) and isinstance(cdecl, str):
            sized = _SIZED.fullmatch(cdecl)
            if sized and int(sized[2]) == len(init):       # T[n] filled with n items: T[] of them
                return original(f"{sized[1]}[]", init)
        return original(cdecl, init)
    return new


def install() -> bool:
    """Wrap ``new`` of WeasyPrint's ffi object (once per process); False if it has none."""
    return wrap(_wrapped, _ffi, "new", _new, "cffi parses each array length anew with this WeasyPrint")
