"""Calls given room of their own on CPython's frame stack, for deep recursion such as a page layout.

CPython (3.11 on) keeps Python frames in chunks of 16 KB, the thread's "data stack". A call that
does not fit in the current chunk maps a new chunk, and the return from it unmaps it again, so
recursion that goes up and down across a chunk's edge pays an mmap, a munmap and a page fault at
every crossing (python/cpython#142183: a cache of one chunk, merged upstream in March 2026 and
backported to 3.13, fixes it; the 3.11 this project runs on has it). Where the edge falls depends on
how deep the caller stands. In the build's two PDF workers it fell inside WeasyPrint's layout:
strace counted 26,000 mmap/munmap pairs of 16,384 bytes for 40 bulletins, about 5% of the
workers' CPU time; a process rendering the same documents from another depth made 396,000 and
spent a fifth of its time on them.

``call`` runs a function beneath a frame that declares a value stack of ``SLOTS`` slots, more than
is left in any 16 KB chunk: CPython puts that frame at the start of a new chunk of 128 KB (it sizes
a chunk for the frame plus a margin of 1,000 slots, 16 KB doubled until it fits), and everything
the function calls, up to ~70 KB of frames, stays in that one chunk. The slots are never used; the
cost is one chunk mapped per call. On a Python without chunks, or with the fix, it is just a call.
"""
from __future__ import annotations

# (7,300 + 1,000) slots of 8 bytes are more than 64 KB, so the chunk is 128 KB (131,072 bytes) and
# 16,384 - 7,300 - a few slots are left above this frame (tests/test_framestack.py checks the effect)
SLOTS = 7_300


def _call(function, args, kwargs):
    return function(*args, **kwargs)


# the same code with a larger declared stack: the frame CPython reserves for it is that large
try:
    _call.__code__ = _call.__code__.replace(co_stacksize=SLOTS)
except (TypeError, ValueError):     # a Python that refuses it: a plain call, the PDFs the same
    pass


def call(function, /, *args, **kwargs):
    """``function(*args, **kwargs)``, with its frames in a chunk of the frame stack of their own."""
    return _call(function, args, kwargs)
