"""print/clib.load: a library with every call asked for, or None (then fontinfo.py and fcmatch.py
take their slower way)."""
from __future__ import annotations

import ctypes

from bulletin.print.clib import load


def test_the_first_name_that_loads_with_its_calls_typed():
    fc = load(["libno-such-library.so.9", "libfontconfig.so.1"], "fontconfig",
              {"FcGetVersion": (ctypes.c_int, [])})
    assert fc is not None and fc.FcGetVersion.argtypes == [] and fc.FcGetVersion() >= 21000


def test_none_without_the_library_or_one_of_its_calls():
    assert load(["libno-such-library.so.9"], "no-such-library-at-all", {}) is None
    assert load(["libfontconfig.so.1"], "fontconfig", {"FcGetVersion": (ctypes.c_int, []),
                                                       "FcNoSuchCall": (None, [])}) is None
