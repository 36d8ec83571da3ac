"""A function of each item of a list, computed in forked copies of this process: the preflight's
reading of every issue (print/pipeline.py) on a cold build of a large archive.

That reading renders each issue's print HTML and parses it, some 7 ms an issue on one core while
the other cores wait for the PDFs, which need the fonts cut from all of it: 14 s of a cold
2,000-issue build. Forked copies start with the project, the templates and the fonts' character
maps already loaded, so each needs only its share of the issues.

Forking is used only where it is safe: a platform with fork, and a process that runs no other
thread (a thread could hold a lock the copy would never see released; `bulletin serve` has its
server's). Elsewhere, and for short lists, the items are computed here, one after the other.
"""
from __future__ import annotations

import multiprocessing
import threading
from typing import Any, Callable, Sequence

# Below this many items, forking costs more than it saves (a warm preflight takes ~1 ms an issue).
MIN_ITEMS = 200
CHUNKS_PER_PROCESS = 4      # several chunks each: issues differ in length, the processes finish together

_TASK: tuple | None = None  # what the copies compute; set before forking, so never pickled


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def forked_map(function: Callable[[Any], Any], items: Sequence, processes: int, stores: Sequence = ()) -> list:
    """``[function(item) for item in items]``, in ``processes`` forked copies where that is safe and
    worth it. ``stores`` (print/kept.py's Kept) are memoized results the copies add to: what they
    read comes back into this process's stores, to be saved with the build's. A chunk that fails
    in a copy is computed here again, so that its error is raised as it would be without forking."""
    if processes < 2 or len(items) < MIN_ITEMS or not can_fork():
        return [function(item) for item in items]
    global _TASK
    count = processes * CHUNKS_PER_PROCESS
    bounds = [len(items) * n // count for n in range(count + 1)]
    chunks = [(start, stop) for start, stop in zip(bounds, bounds[1:]) if start < stop]
    _TASK = (function, items, stores)
    try:
        context = multiprocessing.get_context("fork")
        from .worker import tie_to_build    # the copies die with the build, as the PDF workers do
        with context.Pool(processes, initializer=tie_to_build) as pool:
            parts = pool.map(_chunk, chunks, chunksize=1)
    finally:
        _TASK = None
    results: list = []
    for (start, stop), part in zip(chunks, parts):
        if part is None:
            results += [function(item) for item in items[start:stop]]
            continue
        values, reads = part
        results += values
        for store, read in zip(stores, reads):
            store.read.update((key, store.kept[key] if value is None else value) for key, value in read.items())
    return results


def _chunk(bounds: tuple[int, int]) -> tuple[list, list[dict]] | None:
    function, items, stores = _TASK
    start, stop = bounds
    for store in stores:
        store.read = {}      # only what this chunk reads goes back
    try:
        values = [function(item) for item in items[start:stop]]
    except Exception:  # noqa: BLE001 - computed again in the build's process, which reports it
        return None
    # what was found in a store as this process has it goes back as a name, not copied (a warm build)
    return values, [{key: None if value is store.kept.get(key) else value for key, value in store.read.items()}
                    for store in stores]
