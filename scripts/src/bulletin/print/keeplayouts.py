"""Text drawn with the Pango layout it was measured with, not one made and shaped again.

After breaking a line, WeasyPrint drops the text box's Pango layout (``Layout.deactivate``) and
makes it anew when it draws the box (``Layout.reactivate``: a new Pango context and layout, the
text set again, and Pango shaping it again in ``get_first_line``). The new layout differs from the
kept one only by the extra word spacing of a justified line with spaces
(``justification_spacing``), set when drawing. ``install()`` keeps the layout and draws with it
when that spacing is nil (Chinese lines, justified by letter spacing set when they were measured,
print/justify.py); otherwise it is made anew, as before. The layouts live as long as their
document's boxes.

WeasyPrint also draws a line in Pango's single-paragraph mode, set just before drawing, and Pango
lays a layout out again (shaping every character anew) when that mode changes: the kept layout was
shaped twice all the same (0.11 s of the ~6 s of rendering 40 bench issues in one process; 0.014 s
now). Layouts are made in that mode from the start (``set_text``) when their text holds no
paragraph separator, the only characters the mode treats otherwise, so they are shaped once and
set as before.
"""
from __future__ import annotations

import re

from .wrapping import wrap

# what Pango may take for the end of a paragraph (pango_find_paragraph_boundary: \n, \r, U+2029),
# and the other line and page breaks, to be safe: such a text is laid out as WeasyPrint lays it out
_SEPARATORS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")

_wrapped: dict = {}   # WeasyPrint's own Layout methods, by name (the tests draw without)


def _layout_class():
    from weasyprint.text.line_break import Layout
    return Layout


def _kept(original):
    def deactivate(layout):
        layout.kept = True          # drawn as it is, unless reactivate must set justification
    return deactivate


def _reused(original):
    def reactivate(layout, style):
        if getattr(layout, "kept", False) and not layout.justification_spacing and style is layout.style:
            layout.kept = False
            return
        original(layout, style)
    return reactivate


def _single(original):
    from weasyprint.text.ffi import pango
    single = pango.pango_layout_set_single_paragraph_mode

    def set_text(layout, text, justify=False):
        single(layout.layout, not _SEPARATORS.search(text))     # a no-op when the mode is already so
        original(layout, text, justify)
    return set_text


def install() -> bool:
    """Wrap WeasyPrint's Layout.deactivate, reactivate and set_text (once per process); False, and its
    own, if they are not there."""
    return (wrap(_wrapped, _layout_class, "reactivate", _reused, "text is shaped again to be drawn")
            and wrap(_wrapped, _layout_class, "deactivate", _kept, "text is shaped again to be drawn")
            and wrap(_wrapped, _layout_class, "set_text", _single, "text is shaped again to be drawn"))
