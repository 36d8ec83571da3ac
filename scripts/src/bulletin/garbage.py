"""Python's cyclic garbage collector kept off what a long-lived process holds for good.

The collector runs after every 700 new container objects, and now and then walks every object the
process holds. A PDF worker holds WeasyPrint, its C declarations and fonts (some 75,000 objects in
one process that also held the build's plan) and makes boxes and styles by the thousand per
document: printing the benchmark's 40 issues in one process, the collector took 0.35 s of 4.6 s of
CPU, 0.26 s of it in seven full collections. ``keep_setup()`` moves what the process holds once set
up out of the collector's sight (``gc.freeze``: none of it is freed before the process ends) and
collects the young less often: 0.11 s, and no full collection. The documents' own cycles are still
collected, so memory stays bounded.

``paused()`` is for imports that stay for the whole process: the PDF fork server's and the MkDocs
plugin's. Importing the plugin made some 47,000 objects, and a full collection that fell during it
walked all of MkDocs as well; frozen, they are not walked again by the build's own collections. In
the 500-issue site build this took the collector's time from 108-114 ms to 84-89 ms (three runs each,
at 422d569), about 1% of the build: small, and free. ``gc.freeze`` takes everything the process holds
at that moment, garbage included, but once per process (a module is imported once), so a long
`bulletin serve` does not grow by it.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager

# new container objects between two young collections (Python's default is 700): the 40 benchmark
# documents had the young generation collected 860 times at 700, 50 times at this
YOUNG_THRESHOLD = 10_000


def keep_setup() -> None:
    """Collect what the setup left over, freeze the rest and collect the young less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


@contextmanager
def paused():
    """No collection while importing a process's long-lived modules (every object they make stays);
    frozen afterwards, so that processes forked from this one never walk them either."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
