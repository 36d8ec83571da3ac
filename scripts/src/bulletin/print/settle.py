"""Layout adjustments that depend on where things landed, and the one loop that applies them.

WeasyPrint lays a document out once; a few rules of GB/T 9704 can only be checked on that layout
and met by changing the tree and laying out again: text after a table back on the line grid
(print/grid.py); in a bound volume, each issue's 版记 kept with its issue; each 版记 on the last,
even page of its document. Where things landed comes from the pages' anchors (WeasyPrint's public
layout result), so every element to find gets an id first (``mark_ends``).
"""
from __future__ import annotations

from dataclasses import dataclass

from .grid import classes, insert_gaps, resize_gaps


@dataclass
class End:
    """A document's end line (div.bl-end, holding its 版记 as a footnote) and the anchors around it."""
    line: object          # the div.bl-end element
    banji: str            # id of its aside.bl-banji
    text_end: str         # id of the empty div.bl-text-end put before it: where the text ended


def mark_ends(source, end_ids: bool = False) -> list[End]:
    """Give each 版记 an id and put an anchor before its end line; with ``end_ids`` (a volume) the end
    line gets an id too (bl-end-N), to see whether its 版记 went on to a later page."""
    ends = []
    root = source.etree_element
    parents = {child: parent for parent in root.iter() for child in parent}
    for n, line in enumerate([e for e in root.iter() if "bl-end" in classes(e)]):
        if end_ids:
            line.set("id", f"bl-end-{n}")
        for child in line:
            if "bl-banji" in classes(child):
                child.set("id", child.get("id") or f"bl-banji-{n}")
                parent = parents[line]
                marker = line.makeelement(line.tag, {"class": "bl-text-end", "id": f"bl-text-end-{n}"})
                parent.insert(list(parent).index(line), marker)
                ends.append(End(line, child.get("id"), marker.get("id")))
    return ends


def _landed(document) -> dict[str, int]:
    return {name: index for index, page in enumerate(document.pages) for name in page.anchors}


def keep_endings_with_issues(ends: list[End], document) -> bool:
    """In a volume, an issue whose 版记 (a footnote of its end line) did not fit under its last lines
    went on to the next page, the next issue's first page: its end line starts a new page instead.
    True when an end line moved (the volume must be laid out again)."""
    landed = _landed(document)
    stray = [end for end in ends if landed.get(end.banji, -1) > landed.get(end.line.get("id"), -1)
             and "break-before: page" not in (end.line.get("style") or "")]
    for end in stray:
        end.line.set("style", "break-before: page")
    return bool(stray)


def place_banji(ends: list[End], document) -> bool:
    """Put each 版记 on an even page, the last of its document (GB/T 9704 §7.4.1: 版记置于公文最后一页,
    the back of the sheet). A 版记 that lands on an odd page has its end line start the next left-hand
    page (break-before: left): alone on the next page when the text ends on that odd page, or after a
    blank page when the text ended on the page before; then (§7.5) neither the blank page nor the 版记
    page is numbered (the named page banji-alone of the print CSS). True when an end line changed
    (the document must be laid out again)."""
    landed = _landed(document)
    changed = False
    for end in ends:
        index = landed.get(end.banji)
        if index is None:
            continue
        blank_before = index - landed.get(end.text_end, index) >= 2      # a page between text and 版记
        style = end.line.get("style") or ""
        if index % 2 == 0 and "break-before: left" not in style:        # page index+1 is odd
            end.line.set("style", "break-before: left")
            changed = True
        elif index % 2 == 1 and blank_before and "banji-alone" not in style:
            end.line.set("style", "break-before: left; page: banji-alone")
            changed = True
    return changed


def settled(gaps: list, ends: list[End]) -> dict:
    """What the loop decided for a document (each gap's and each end line's style), for a later layout
    of the same content to start from: a bound volume lays out its issues exactly as printed alone,
    each from a right-hand page, so their decisions hold there too."""
    return {"gaps": [gap.get("style") for gap in gaps], "ends": [end.line.get("style") for end in ends]}


def _start_from(hints: dict | None, gaps: list, ends: list[End]) -> None:
    """Apply ``hints`` (``settled`` of the same content) when they fit this tree; the loop still checks
    the layout, so a hint that does not hold here costs a layout, never a wrong page."""
    if not hints or len(hints.get("gaps", ())) != len(gaps) or len(hints.get("ends", ())) != len(ends):
        return
    for gap, style in zip(gaps, hints["gaps"]):
        if style:
            gap.set("style", style)
    for end, style in zip(ends, hints["ends"]):
        if style:
            end.line.set("style", style)


def settle(source, render, volume: bool = False, tries: int = 4, hints: dict | None = None):
    """Lay ``source`` out, then apply every adjustment above to that one layout and lay out again,
    until nothing changes (at most ``tries`` more layouts). One loop for all: nested, each would
    repeat the layouts of the others (up to 27 for a volume). Starting from ``hints`` (the decisions
    of the issues a volume binds) a volume needs one layout instead of two to five.
    Returns the document and what was decided (``settled``)."""
    gaps = insert_gaps(source.etree_element)
    ends = mark_ends(source, end_ids=volume)
    _start_from(hints, gaps, ends)
    steps = [lambda document: resize_gaps(gaps, document)]
    if volume:
        steps.append(lambda document: keep_endings_with_issues(ends, document))
    steps.append(lambda document: place_banji(ends, document))
    document = render()
    for _ in range(tries):
        if not any([step(document) for step in steps]):     # a list: every step sees this layout
            break
        document = render()
    return document, settled(gaps, ends)
