"""print/clib.load: a library with every call asked for, or None (then fontinfo.py, fcmatch.py and
subset.py take their slower way)."""
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


def test_a_subset_library_lacking_a_call_leaves_the_cut_to_fonttools(monkeypatch):
    """subset.py asks clib.load for every call it makes: a libharfbuzz-subset without one of them is
    no library to it (fontTools cuts the fonts then; tests/test_volume_binding.py cuts with it), where
    an AttributeError used to stop the build."""
    from bulletin.print import subset
    subset._harfbuzz.cache_clear()
    assert subset._harfbuzz() is not None      # libharfbuzz-subset0 is in the Makefile's SITE_DEBS
    assert subset._harfbuzz().hb_subset_or_fail.argtypes == [ctypes.c_void_p, ctypes.c_void_p]
    monkeypatch.setattr(subset, "_CALLS", {**subset._CALLS, "hb_subset_no_such_call": (None, [])})
    subset._harfbuzz.cache_clear()
    try:
        assert subset._harfbuzz() is None and not subset.harfbuzz_subset_available()
    finally:
        subset._harfbuzz.cache_clear()
