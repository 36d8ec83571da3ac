"""Dotted leaders drawn as one run of dots per line instead of one text box per dot.

WeasyPrint 70 fills a leader (``content: leader(dotted)``, the volume's 目录) with a copy of the
leader's text box for every dot, placed from the right end of the line so the dots of all lines
line up (layout/leader.py ``handle_leader``). Each copy is a text box of its own: laid out, tagged,
drawn and written as a separate piece of text, and parsed again when a volume is bound. A 50-issue
目录 has some 12,000 of them, about a fifth of laying out and writing a volume's front.

``install()`` wraps ``handle_leader``: when the copies are the same text, evenly spaced by their
own width and side by side, they are replaced by one text box holding that text repeated, laid out
by Pango at the leftmost copy's place. A run of dots is drawn at the same places as the copies
when nothing is added between characters (no letter or word spacing, no justification); any other
leader keeps WeasyPrint's copies.
"""
from __future__ import annotations

from .wrapping import wrap

_wrapped: dict = {}   # WeasyPrint's own handle_leader, by name


def _mergeable(copies, style) -> bool:
    if len(copies) < 2 or style["letter_spacing"] not in ("normal", 0) or style["word_spacing"] not in ("normal", 0):
        return False
    first = copies[0]
    width = first.width
    if width <= 0 or any(c.text != first.text or c.width != width or c.position_y != first.position_y
                         or c.justification_spacing for c in copies):
        return False
    # handle_leader adds the copies from the right: each one copy's width left of the one before
    return all(abs(a.position_x - b.position_x - width) < 1e-6 for a, b in zip(copies, copies[1:]))


def _merged(context, copies):
    """One text box for the copies, or None when Pango does not set the run as wide as they are."""
    from weasyprint.text.line_break import split_first_line
    leftmost = copies[-1]
    box = leftmost.copy_with_text(leftmost.text * len(copies))
    layout, length, _, width, _, _ = split_first_line(box.text, box.style, context, None, 0)
    if length != len(box.text.encode()) or abs(width - leftmost.width * len(copies)) > 0.01:
        return None
    box.pango_layout, box.width = layout, width
    return box


def _inline():
    from weasyprint.layout import inline
    return inline


def _merging(original):
    from weasyprint.layout.leader import leader_index

    def handle_leader(context, line, containing_block):
        original(context, line, containing_block)
        index, leader = leader_index(line)
        if index is None or not _mergeable(leader.children, leader.style):
            return
        box = _merged(context, leader.children)
        if box is not None:
            leader.children = (box,)
    return handle_leader


def install() -> bool:
    """Put the merging into WeasyPrint (once per process); False if its internals are not the ones
    this was written for (then leaders stay as WeasyPrint makes them)."""
    return wrap(_wrapped, _inline, "handle_leader", _merging, "leaders are drawn dot by dot with this WeasyPrint")
