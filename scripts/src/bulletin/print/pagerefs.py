"""The PDF's page references listed once, not on every look-up.

pydyf (WeasyPrint's PDF writer) gives ``PDF.page_references`` as a property that builds the tuple of
every page's reference each time it is read, and WeasyPrint reads it for every element of the
structure tree and every link: on a bound volume's front (about 260 pages, 4,000 look-ups) a million
references were made, and the volume's job took 8% less CPU without them (README, Performance).
``install()`` keeps the tuple until a page is added; the references, and so the PDF's bytes, are the
same.
"""
from __future__ import annotations

from .wrapping import wrap

_wrapped: dict = {}   # pydyf's own property, by name (the tests write without)


def _pdf_class():
    import pydyf
    return pydyf.PDF


def _kept(original):
    listed = original.fget          # an AttributeError if pydyf's is not a property

    def page_references(pdf) -> tuple:
        kids = pdf.pages["Kids"]        # number, 0, 'R' for each page, in order; add_page appends
        kept = pdf.__dict__.get("_bulletin_page_references")
        if kept is None or kept[0] != len(kids):
            kept = pdf.__dict__["_bulletin_page_references"] = (len(kids), listed(pdf))
        return kept[1]
    return property(page_references)


def install() -> bool:
    """Replace pydyf's property (once per process); False, and pydyf's own, if it is not there."""
    return wrap(_wrapped, _pdf_class, "page_references", _kept, "pydyf lists its page references on every look-up")
