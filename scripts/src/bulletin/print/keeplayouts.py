"""Text drawn with the Pango layout it was measured with, not one made and shaped again.

After breaking a line, WeasyPrint drops the text box's Pango layout (``Layout.deactivate``) and
makes it anew when it draws the box (``Layout.reactivate``: a new Pango context and layout, the
text set again, and Pango shaping it again in ``get_first_line``). The new layout differs from the
kept one only by the extra word spacing of a justified line with spaces
(``justification_spacing``), set when drawing. ``install()`` keeps the layout and draws with it
when that spacing is nil (Chinese lines, justified by letter spacing set when they were measured,
print/justify.py); otherwise it is made anew, as before. The layouts live as long as their
document's boxes.
"""
from __future__ import annotations

from .wrapping import wrap

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


def install() -> bool:
    """Wrap WeasyPrint's Layout.deactivate and reactivate (once per process); False, and its own, if
    they are not there."""
    return (wrap(_wrapped, _layout_class, "reactivate", _reused, "text is shaped again to be drawn")
            and wrap(_wrapped, _layout_class, "deactivate", _kept, "text is shaped again to be drawn"))
