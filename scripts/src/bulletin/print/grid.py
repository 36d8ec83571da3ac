"""Keep the running text on the line grid after blocks that are not whole lines tall.

Every block of the print CSS is a whole number of 225 mm / 22 lines, except what cannot be: a
table (12 pt cells, borders, rows of any height), a note block. After each of these an empty
div.bl-grid-gap is inserted; once the document is rendered, the gap's position (its anchor, part
of WeasyPrint's public layout result) says how far the next line is off the grid, the gap gets
that height as its bottom margin, and the document is rendered again. A table that breaks across
pages ends somewhere else on its last page, so this repeats until nothing moves (at most 3 times).
Since print/settle.py's ``install``, WeasyPrint's first layout already gives each gap that margin
where it lands, so this finds nothing to change unless the prediction could not be made.
"""
from __future__ import annotations

import math

PX = 96 / 25.4                    # CSS px per millimetre: WeasyPrint's layout unit
LINE = 225 / 22 * PX              # one line of the grid
TOP = 37 * PX                     # the type area's top on every page (print CSS @page margin)
MIN_GAP = LINE / 4                # at least this much room under a table before the next line
AFTER = ("bl-table-wrap", "footnote")     # classes of blocks followed by a gap; also bare tables


def classes(element) -> list[str]:
    """An element's class names (also for print/settle.py)."""
    return (element.get("class") or "").split()


def _local(tag) -> str:
    return str(tag).rpartition("}")[2]


def insert_gaps(root) -> list:
    """An empty div.bl-grid-gap (with an id) after each block that is not whole lines tall."""
    parents = {child: parent for parent in root.iter() for child in parent}
    blocks = [e for e in root.iter()
              if any(c in AFTER for c in classes(e))
              or (_local(e.tag) == "table" and not any(c in AFTER for c in classes(parents.get(e, e))))]
    gaps = []
    for n, block in enumerate(blocks):
        parent = parents[block]
        gap = block.makeelement(block.tag.replace(_local(block.tag), "div"),
                                {"class": "bl-grid-gap", "id": f"bl-grid-gap-{n}"})
        gap.tail, block.tail = block.tail, None
        parent.insert(list(parent).index(block) + 1, gap)
        gaps.append(gap)
    return gaps


def gap_for(y: float) -> float:
    """The margin (px) that brings a line starting at ``y`` (px from the page's top) onto the grid."""
    gap = -(y - TOP) % LINE
    if gap > LINE - 0.05:         # already on the grid, up to rounding
        gap = 0.0
    return gap + LINE if gap < MIN_GAP else gap


def gap_margin(y: float) -> float:
    """The bottom margin (px) a gap at ``y`` gets: rounded down, since a gap a hair too tall would
    push a page's last line onto the next page (also print/settle.py's first-layout prediction)."""
    return math.floor(gap_for(y) * 1000) / 1000


def gap_style(y: float) -> str:
    return f"margin-bottom: {gap_margin(y)}px"


def resize_gaps(gaps: list, document) -> bool:
    """Size each gap so the line after it starts on the grid, from where ``document`` laid it out;
    True when a gap changed (the tree must be laid out again)."""
    where = {name: box[1] for page in document.pages for name, box in page.anchors.items()
             if name.startswith("bl-grid-gap-")}
    changed = False
    for gap in gaps:
        if gap.get("id") not in where:
            continue
        style = gap_style(where[gap.get("id")])
        if gap.get("style") != style:
            gap.set("style", style)
            changed = True
    return changed
