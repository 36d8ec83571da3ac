"""Inter-character justification for Chinese text, which WeasyPrint lacks.

WeasyPrint 70 justifies a line by stretching its spaces only (layout/inline.py ``justify_line``),
and it does not know the CSS property ``text-justify``. A Chinese line has no spaces, so a line
that breaks early (before a comma that may not start a line, before a number or a Latin word)
stays short of the right edge. The W3C *Requirements for Chinese Text Layout* (§3.8) and CSS
Text 3 (``text-justify: inter-character``) spread the remaining space evenly between the
characters instead, but never inside a run of Latin letters or digits, nor inside a ——/……pair.

``install()`` replaces WeasyPrint's ``justify_line`` with one that does this for lines whose
style carries the custom property ``--text-justify: inter-character`` (the print CSS sets it on
body text); every other line keeps WeasyPrint's own behaviour. The spacing is given to Pango as
per-character letter spacing, which Pango splits half before and half after each character
(dropping the halves at the edges of a text box): ``_letter_spacing`` solves for the values
that put exactly the wanted amount into each gap. Gaps between text boxes (a **bold** word
inside a sentence) are made by moving the following boxes, as WeasyPrint does for spaces.
"""
from __future__ import annotations

import logging
import unicodedata

log = logging.getLogger("bulletin.print")

_installed = False
_original = None


def _is_cjk(ch: str) -> bool:
    """A character of the Chinese text stream: ideographs, CJK punctuation, full-width forms,
    and the quotation marks, dashes and ellipsis that Chinese fonts set a full em wide."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF or ch in "“”‘’—…·")


def opportunity(before: str, after: str) -> bool:
    """May justification add space between these two adjacent characters?"""
    if before == after and before in "—…":          # a —— or …… pair stays one mark
        return False
    if before in " \u00a0":                           # after a space: the space itself stretches
        return True
    if after in " \u00a0":
        return False
    return _is_cjk(before) or _is_cjk(after)


def _single_clusters(text: str) -> bool:
    """Every character is its own cluster (Pango spaces clusters, our arithmetic counts characters)."""
    return not any(unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cs") or 0xFE00 <= ord(ch) <= 0xFE0F
                   for ch in text)


def _letter_spacing(tracking: float, gaps: list[float]) -> list[float]:
    """Per-character letter spacing putting ``tracking + gaps[i]`` between characters i and i+1.

    Pango adds half of a character's letter spacing before it and half after it, except before
    the first and after the last character of the text: so the gap i gets (ls[i] + ls[i+1]) / 2."""
    if not gaps:
        return [tracking]
    values = [tracking + gaps[0]]
    for gap in gaps:
        values.append(2 * (tracking + gap) - values[-1])
    return values


def _mode(style) -> str:
    try:
        tokens = style["__text_justify"]
    except (KeyError, ValueError):
        return "auto"
    if not tokens or isinstance(tokens, str):
        return "auto"
    words = [getattr(t, "value", "") for t in tokens if getattr(t, "type", "") == "ident"]
    return words[0] if words else "auto"


def _leaves(box, chain=()):
    """The text boxes and atomic boxes of a line, in order, each with its enclosing inline boxes."""
    from weasyprint.formatting_structure import boxes
    if isinstance(box, boxes.TextBox):
        yield box, chain
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _leaves(child, chain + (box,) if isinstance(box, boxes.InlineBox) else chain)
    else:
        yield box, chain


def _plan(line, unit: float):
    """The spacing to add: inside each text box (a list per gap) and before boxes (one unit)."""
    from weasyprint.formatting_structure import boxes
    inside: dict[int, list[float]] = {}
    before: dict[int, float] = {}
    count = 0
    previous_char, previous_chain = None, ()
    for leaf, chain in _leaves(line):
        if isinstance(leaf, boxes.TextBox):
            text = leaf.text
            first, last = (text[0], text[-1]) if text else ("", "")
            gaps = [unit if opportunity(a, b) else 0.0 for a, b in zip(text, text[1:])]
            if not _single_clusters(text):
                gaps = [0.0] * len(gaps)
            inside[id(leaf)] = gaps
            count += sum(1 for g in gaps if g)
        else:
            first = last = "\u4e00"          # an image or inline block counts as one ideograph
        if previous_char is not None and first and opportunity(previous_char, first):
            # the space goes before the outermost inline box that this leaf begins
            target = next((b for b in chain if b not in previous_chain), leaf)
            before[id(target)] = unit
            count += 1
        previous_char, previous_chain = (last or previous_char), chain
    return inside, before, count


def justify_line(context, line, extra_width):
    """WeasyPrint's hook for text-align: justify; inter-character when the style asks for it."""
    if _mode(line.style) != "inter-character" or line.style["direction"] != "ltr" or extra_width <= 0:
        return _original(context, line, extra_width)
    inside, before, count = _plan(line, 1.0)
    if not count:
        return _original(context, line, extra_width)
    unit = extra_width / count          # the plan in units of one gap, scaled: planned once a line
    inside = {key: [gap * unit for gap in gaps] for key, gaps in inside.items()}
    before = {key: gap * unit for key, gap in before.items()}
    _spread(context, line, inside, before, 0.0)
    return None


def _spread(context, box, inside, before, x_advance: float) -> float:
    """Move ``box`` right by ``x_advance`` plus its own gap, widen it by the spacing inside it."""
    from weasyprint.formatting_structure import boxes
    x_advance += before.get(id(box), 0.0)
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        gaps = inside.get(id(box), [])
        if any(gaps):
            added = _respace(box, gaps)
            box.width += added
            x_advance += added
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        start = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, inside, before, x_advance)
        box.width += x_advance - start
    else:
        box.translate(x_advance, 0)
    return x_advance


def _respace(box, gaps: list[float]) -> float:
    """Give the box a layout with the gaps' letter spacing; return how much wider it became."""
    from weasyprint.text.line_break import line_size
    tracking = box.style["letter_spacing"]
    tracking = 0.0 if tracking == "normal" else float(tracking)
    layout = SpacedLayout(box.style, _letter_spacing(tracking, gaps))
    layout.set_text(box.text, justify=True)
    first_line, _ = layout.get_first_line()
    width, _ = line_size(first_line, box.style)
    layout.deactivate()
    old = box.width
    box.pango_layout = layout
    return width - old


def _layout_class():
    from weasyprint.text.ffi import TO_UNITS, ffi, pango
    from weasyprint.text.line_break import Layout

    class _SpacedLayout(Layout):
        """A Pango layout whose characters each carry their own letter spacing."""

        def __init__(self, style, spacing: list[float]):
            self.char_spacing = spacing
            super().__init__(style)

        def set_text(self, text, justify=False):
            super().set_text(text, justify)
            if not justify or len(self.char_spacing) != len(self.text):
                return
            attrs = pango.pango_layout_get_attributes(self.layout)
            if attrs == ffi.NULL:
                attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
            # one attribute per run of equal spacing (Pango would merge them; this saves the calls)
            start = end = 0
            run = None
            for ch, spacing in zip(self.text, self.char_spacing):
                units = int(round(spacing * TO_UNITS))
                if units != run and end > start:
                    self._spacing(attrs, run, start, end)
                    start = end
                run, end = units, end + len(ch.encode())
            if end > start:
                self._spacing(attrs, run, start, end)
            pango.pango_layout_set_attributes(self.layout, attrs)

        @staticmethod
        def _spacing(attrs, units: int, start: int, end: int) -> None:
            attr = pango.pango_attr_letter_spacing_new(units)
            attr.start_index, attr.end_index = start, end
            pango.pango_attr_list_change(attrs, attr)

    return _SpacedLayout


SpacedLayout = None


def install() -> bool:
    """Put inter-character justification into WeasyPrint (once per process); False if its
    internals are not the ones this was written for (then lines stay as WeasyPrint sets them)."""
    global _installed, _original, SpacedLayout
    if _installed:
        return True
    try:
        from weasyprint.layout import inline
        SpacedLayout = _layout_class()
        _original = inline.justify_line
    except (ImportError, AttributeError) as exc:
        log.warning("inter-character justification is not available with this WeasyPrint (%s); "
                    "Chinese lines may end short of the right edge", exc)
        return False
    inline.justify_line = justify_line
    _installed = True
    return True
