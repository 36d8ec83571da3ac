"""Layout adjustments that depend on where things landed, and the one loop that applies them.

WeasyPrint lays a document out once; a few rules of GB/T 9704 can only be checked on that layout
and met by changing the tree and laying out again: text after a table back on the line grid
(print/grid.py); each 版记 on the last, even page of its document. (A bound volume is bound from
its issues' PDFs, print/binding.py, so nothing here is laid out twice for it.) Where things landed comes from the pages' anchors (WeasyPrint's public
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


def mark_ends(source) -> list[End]:
    """Give each 版记 an id and put an anchor before its end line."""
    ends = []
    root = source.etree_element
    parents = {child: parent for parent in root.iter() for child in parent}
    for n, line in enumerate([e for e in root.iter() if "bl-end" in classes(e)]):
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


def settle(source, render, tries: int = 4):
    """Lay ``source`` out, then apply every adjustment above to that one layout and lay out again,
    until nothing changes (at most ``tries`` more layouts). One loop for all: nested, each would
    repeat the layouts of the others."""
    gaps = insert_gaps(source.etree_element)
    ends = mark_ends(source)
    steps = [lambda document: resize_gaps(gaps, document), lambda document: place_banji(ends, document)]
    document = render()
    for _ in range(tries):
        if not any([step(document) for step in steps]):     # a list: every step sees this layout
            break
        document = render()
    return document
