"""Page styles worked out once per kind of page, not once per page.

WeasyPrint names each page by a page type that includes its index, and works out the cascade and the
computed style of the page and of each of its margin boxes anew for every type, so for every page.
Computed values are filled in lazily, a property at a time, and the "— N —" boxes, the footnote area
(the 版记) and the empty margin boxes each ask for dozens: a bound volume's front, when it still laid
out an empty page for each issue page (about 260), asked for 242,000 of them, 66,000 with this, and
the volume's job took 13% less CPU (README, Performance). Unless a print stylesheet selects pages by number (``:nth()``), the
styles of two pages of the same side, blankness, name and first-ness are the same, so ``install()``
hands every later page of a kind the style objects of the first one, as WeasyPrint itself shares the
computed style of equivalent elements. A page's number is not part of its style: "— N —" takes it
from the page counter when the box is made.
"""
from __future__ import annotations

from .wrapping import wrap

_wrapped: dict = {}   # WeasyPrint's own function, by name (the tests lay out without)


def _by_number(style_for) -> bool | None:
    """Whether a stylesheet selects pages by number (then every page may differ); None if this
    WeasyPrint keeps its page rules elsewhere."""
    try:
        return any(selector[2].index is not None for sheet, _origin, _specificity in style_for._sheets
                   for _rule, selectors, _declarations in sheet.page_rules for selector in selectors)
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def set_page_type_computed_styles(page_type, html, style_for):
    """WeasyPrint's own (looked up in ``_wrapped`` at each call: the tests count it) for the first
    page of each kind; the styles it gave that page for every later one."""
    original = _wrapped["set_page_type_computed_styles"]
    kinds = getattr(style_for, "_bulletin_page_kinds", None)   # one per layout: its own styles
    if kinds is None:
        kinds = {} if _by_number(style_for) is False else False
        style_for._bulletin_page_kinds = kinds
    if kinds is False:
        return original(page_type, html, style_for)
    kind = (page_type.side, page_type.blank, page_type.name, page_type.index == 0)
    computed = style_for.get_computed_styles()
    if kind not in kinds:
        original(page_type, html, style_for)
        kinds[kind] = {pseudo: style for (element, pseudo), style in computed.items() if element == page_type}
    else:
        for pseudo, style in kinds[kind].items():
            computed[page_type, pseudo] = style


def _layout_page():
    from weasyprint.layout import page
    return page


def install() -> bool:
    """Wrap WeasyPrint's ``set_page_type_computed_styles`` (once per process); False, and page styles
    worked out per page as before, if its internals are not the ones this was written for."""
    return wrap(_wrapped, _layout_page, "set_page_type_computed_styles", lambda own: set_page_type_computed_styles,
                "page styles are worked out for every page with this WeasyPrint")
