"""print/hbarrays.py: an array of n glyph ids for HarfBuzz is made from the type with its length
left open, so cffi parses no new type for each new length; the arrays and the PDFs are the same."""
from __future__ import annotations

from test_print_settle import _html

from bulletin.print import hbarrays


def test_arrays_have_their_items_and_new_lengths_parse_nothing():
    from weasyprint.text.ffi import ffi
    assert hbarrays.install() and hbarrays.install()
    ids = list(range(7, 7 + 4099))
    array = ffi.new(f"hb_codepoint_t[{len(ids)}]", ids)
    assert ffi.sizeof(array) == 4 * len(ids) and list(array) == ids
    parsed = len(ffi._parsed_types)
    for n in range(5000, 5020):
        assert list(ffi.new(f"hb_codepoint_t[{n}]", tuple(range(n)))) == list(range(n))
    assert len(ffi._parsed_types) == parsed
    # anything else as cffi makes it: a longer array than its items, bytes for a char array
    padded = ffi.new("hb_codepoint_t[5]", [1, 2, 3])
    assert list(padded) == [1, 2, 3, 0, 0]
    assert ffi.sizeof(ffi.new("char[4]", b"abcd")) == 4 and ffi.sizeof(ffi.new("char[]", b"abcd")) == 5


def test_same_pdf_as_without(tmp_path, monkeypatch):
    from weasyprint import HTML
    from weasyprint.text.ffi import ffi
    assert hbarrays.install()
    html = _html(30)    # two pages of text in the system's CJK fonts, subset by HarfBuzz when written
    calls = []
    made = ffi.new
    monkeypatch.setattr(ffi, "new", lambda cdecl, init=None: calls.append(cdecl) or made(cdecl, init))
    with_arrays = HTML(string=html).write_pdf()
    assert any(cdecl.startswith("hb_codepoint_t[") for cdecl in calls)
    monkeypatch.setattr(ffi, "new", hbarrays._wrapped["new"])
    assert HTML(string=html).write_pdf() == with_arrays
