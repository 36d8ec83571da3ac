"""A page's lines scanned for runs of one shape, each run replaced by what stands for it: the loop
that finding borderless tables (pdftables.py), two-column pages and a menu printed beside the text
(pdfcolumns.py) share."""
from __future__ import annotations

from typing import Callable


def replace_runs(lines: list[dict], find: Callable[[int], tuple[int, object] | None],
                 place: Callable[[list[dict], list[dict], object], None]) -> list[dict]:
    """``lines`` with each run replaced. ``find(i)`` gives ``(end, found)`` for a run ``lines[i:end]``,
    or None where no run starts; ``place(out, run, found)`` adds what stands for the run to ``out``,
    the lines kept so far (it may take some of them back: a headline just above two columns)."""
    out: list[dict] = []
    i = 0
    while i < len(lines):
        hit = find(i)
        if hit is None:
            out.append(lines[i])
            i += 1
            continue
        end, found = hit
        place(out, lines[i:end], found)
        i = end
    return out
