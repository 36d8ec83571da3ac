"""Layout adjustments that depend on where things landed, and the one loop that applies them.

WeasyPrint lays a document out once; a few rules of GB/T 9704 can only be checked on that layout
and met by changing the tree and laying out again: text after a table back on the line grid
(print/grid.py); each 版记 on the last, even page of its document. (A bound volume is bound from
its issues' PDFs, print/binding.py, so nothing here is laid out twice for it.) Where things landed
comes from the pages' anchors (WeasyPrint's public layout result), so every element to find gets
an id first (``mark_ends``). What these checks would ask of the commonest documents (an end line
starting on an odd page, a gap after a table) is predicted in the first layout (``install``); the
checks stay the rule.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from .grid import classes, gap_margin, gap_style, insert_gaps, resize_gaps

log = logging.getLogger("bulletin.print")
_installed = False
_page = [0]         # the number of the page WeasyPrint is laying out (install())
_wrapped: dict = {}  # WeasyPrint's own functions that install() wrapped, by name (tests lay out without)


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
        text_end = landed.get(end.text_end, index)
        blank_before = index - text_end >= 2      # a page between text and 版记
        style = end.line.get("style") or ""
        if index % 2 == 0 and "break-before: left" not in style:        # page index+1 is odd
            # the text ended on the even page before: breaking to the next left-hand page leaves a
            # blank page between, so the 版记 page is banji-alone at once (not one layout later)
            end.line.set("style", "break-before: left" + ("; page: banji-alone" if text_end == index - 1 else ""))
            changed = True
        elif index % 2 == 1 and blank_before and "banji-alone" not in style:
            end.line.set("style", "break-before: left; page: banji-alone")
            changed = True
    return changed


def install() -> bool:
    """Make WeasyPrint's first layout already do what the checks below would ask of it, so that
    most documents are laid out once: an end line that starts on an odd page breaks to the next
    page, as ``place_banji`` would ask (about 45% of the issues of the print benchmark were laid out
    a second time for it alone), and a grid gap gets the margin ``resize_gaps`` would give it (every
    document with a table was laid out again). Only predictions: the checks still look at every
    layout. Wraps WeasyPrint's ``make_page`` (to know the page number), ``block_level_page_break``
    (the break between two siblings, here the text-end anchor and the end line) and
    ``block_level_layout`` (a gap, laid out again with its margin once its place is known, as
    WeasyPrint itself lays a block out again); False, and every layout as before, if its internals
    are not the ones this was written for."""
    global _installed
    if _installed:
        return True
    try:
        from weasyprint.css.properties import Dimension
        from weasyprint.layout import block, page
        make_page, page_break, layout = page.make_page, block.block_level_page_break, block.block_level_layout
    except (ImportError, AttributeError) as exc:
        log.debug("版记 pages and grid gaps are found by laying out again with this WeasyPrint (%s)", exc)
        return False

    def make_page_numbered(context, root_box, page_type, resume_at, page_number, page_state):
        _page[0] = page_number
        return make_page(context, root_box, page_type, resume_at, page_number, page_state)

    def block_level_page_break(sibling_before, sibling_after):
        value = page_break(sibling_before, sibling_after)
        if (_page[0] % 2 == 1 and value not in ("left", "right", "recto", "verso")
                and _is(sibling_before, "bl-text-end") and _is(sibling_after, "bl-end")):
            return "left"       # from an odd page: the next page, an even one
        return value

    def block_level_layout(context, box, bottom_space, skip_stack, containing_block, page_is_empty=True,
                           absolute_boxes=None, fixed_boxes=None, adjoining_margins=None,
                           first_letter_style=None, first_line_style=None, discard=False, max_lines=None):
        args = (bottom_space, skip_stack, containing_block, page_is_empty, absolute_boxes, fixed_boxes,
                adjoining_margins, first_letter_style, first_line_style, discard, max_lines)
        start = box.position_x, box.position_y
        result = layout(context, box, *args)
        if result[0] is None or not _is(box, "bl-grid-gap"):
            return result
        y = result[0].position_y        # where the anchor resize_gaps reads will be
        margin = Dimension(gap_margin(y), "px")
        if box.style["margin_bottom"] == margin:
            return result
        box.element.set("style", gap_style(y))      # what resize_gaps would write: it finds it done
        box.style["margin_bottom"] = margin
        box.position_x, box.position_y = start
        return layout(context, box, *args)

    _wrapped.update(make_page=make_page, block_level_page_break=page_break, block_level_layout=layout)
    page.make_page, block.block_level_page_break = make_page_numbered, block_level_page_break
    block.block_level_layout = block_level_layout
    _installed = True
    return True


def _is(box, name: str) -> bool:
    """Whether ``box`` is the principal box of an element of class ``name`` (not a pseudo-element's)."""
    element = getattr(box, "element", None)
    return (element is not None and "::" not in getattr(box, "element_tag", "::")
            and name in (element.get("class") or "").split())


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
