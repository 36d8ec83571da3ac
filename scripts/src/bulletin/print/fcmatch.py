"""`fc-match -f FORMAT PATTERN` without starting fc-match: fontconfig's own calls, in this process.

The preflight asks fontconfig for every pattern of every role's stack (about 20 a build). Each
fc-match process loads fontconfig's configuration and caches anew: 0.08 s of CPU for 20, more than a
tenth of the build process's own share of a 40-issue print. Here the library is loaded once and
asked the way fc-match asks it (parse the pattern, the configuration's and the default
substitutions, the best match, formatted by ``FcPatternFormat`` with the same format string), so
the answer is fc-match's (tests/test_print_fcmatch.py compares both). Where the library cannot be
loaded, ``match`` returns None and the caller runs fc-match.
"""
from __future__ import annotations

import ctypes
import functools

from .clib import load

_MATCH_PATTERN = 0      # FcMatchPattern: the substitutions fc-match applies to what it is asked


@functools.lru_cache(maxsize=1)
def _library():
    """libfontconfig with the signatures used here, or None."""
    vp = ctypes.c_void_p
    return load(["libfontconfig.so.1"], "fontconfig", {
        "FcNameParse": (vp, [ctypes.c_char_p]),
        "FcConfigSubstitute": (ctypes.c_int, [vp, vp, ctypes.c_int]),
        "FcDefaultSubstitute": (None, [vp]),
        "FcFontMatch": (vp, [vp, vp, ctypes.POINTER(ctypes.c_int)]),
        "FcPatternFormat": (vp, [vp, ctypes.c_char_p]),
        "FcStrFree": (None, [vp]),
        "FcPatternDestroy": (None, [vp]),
    })


def match(pattern: str, format: str) -> str | None:
    """What ``fc-match -f format pattern`` prints ("" when nothing matches), or None without the
    library."""
    fc = _library()
    if fc is None:
        return None
    asked = fc.FcNameParse(pattern.encode())
    if not asked:
        return ""       # fc-match: "Unable to parse the pattern", nothing printed
    try:
        fc.FcConfigSubstitute(None, asked, _MATCH_PATTERN)
        fc.FcDefaultSubstitute(asked)
        result = ctypes.c_int()
        found = fc.FcFontMatch(None, asked, ctypes.byref(result))
    finally:
        fc.FcPatternDestroy(asked)
    if not found:
        return ""
    try:
        text = fc.FcPatternFormat(found, format.encode())
        if not text:
            return ""
        try:
            return ctypes.string_at(text).decode("utf-8", "replace")
        finally:
            fc.FcStrFree(text)
    finally:
        fc.FcPatternDestroy(found)
