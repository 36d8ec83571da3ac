"""A C library through ctypes, with the signatures of the calls used, or None without it.

fontinfo.py (HarfBuzz), fcmatch.py (fontconfig) and subset.py (HarfBuzz's subsetter) read libraries
Pango and the Makefile bring; where the library, or one of the calls, is missing, each has a slower
way that needs neither (fontTools, the fc-match command).
"""
from __future__ import annotations

import ctypes
import ctypes.util


def load(names: list[str], library: str, calls: dict[str, tuple]) -> ctypes.CDLL | None:
    """The first of ``names`` (then what ``ctypes.util.find_library(library)`` finds) that loads and
    has every call of ``calls`` (name -> (restype, argtypes)), those set; None if none does."""
    for name in filter(None, [*names, ctypes.util.find_library(library)]):
        try:
            found = ctypes.CDLL(name)
            for call, (restype, argtypes) in calls.items():
                getattr(found, call).restype, getattr(found, call).argtypes = restype, argtypes
        except (OSError, AttributeError):
            continue
        return found
    return None
