"""print/pagestyles.py: the page styles are worked out once per kind of page (side, blank, name,
first), not once per page, and the PDF is byte for byte what WeasyPrint makes without it; a
stylesheet that selects pages by number gets its styles per page, as before."""
from __future__ import annotations

import pdfplumber
import pytest
from test_print_settle import _html

from bulletin.print import pagestyles, settle


def _render(html: str, out, shared: bool, monkeypatch) -> int:
    """Lay ``html`` out (settled, as the build does) and write it to ``out``, with the styles shared
    per kind of page or not; how many times WeasyPrint's own function worked page styles out."""
    from weasyprint import HTML
    from weasyprint.layout import page
    assert pagestyles.install() and settle.install()
    own = pagestyles._wrapped["set_page_type_computed_styles"]
    calls = [0]

    def counted(*args):
        calls[0] += 1
        return own(*args)
    if shared:
        monkeypatch.setitem(pagestyles._wrapped, "set_page_type_computed_styles", counted)
    else:
        monkeypatch.setattr(page, "set_page_type_computed_styles", counted)
    source = HTML(string=html)
    settle.settle(source, source.render).write_pdf(out)
    monkeypatch.undo()
    return calls[0]


def _pages(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


# lines of text → pages, kinds of page whose styles are worked out. 5 lines: the first page and a left
# one. 44 lines take two layouts (test_print_settle): pages 1-3 (first, left, right), then the first, a
# left one, a blank right one and the 版记 alone on the named page banji-alone: every page its own
# kind. 120 lines: six pages of three kinds (first, left, right).
@pytest.mark.parametrize("lines, pages, kinds", [(5, 2, 2), (44, 4, 3 + 4), (120, 6, 3)])
def test_same_pdf_with_a_style_per_kind_of_page(lines, pages, kinds, tmp_path, monkeypatch):
    html = _html(lines)
    own = _render(html, tmp_path / "own.pdf", False, monkeypatch)
    worked_out = _render(html, tmp_path / "shared.pdf", True, monkeypatch)
    assert (tmp_path / "shared.pdf").read_bytes() == (tmp_path / "own.pdf").read_bytes()
    assert len(_pages(tmp_path / "shared.pdf")) == pages
    assert own >= pages and worked_out == kinds
    if lines == 120:
        numbers = [text.strip().splitlines()[-1] for text in _pages(tmp_path / "shared.pdf")]
        assert numbers[:5] == ["— 1 —", "— 2 —", "— 3 —", "— 4 —", "— 5 —"]


def test_pages_selected_by_number_keep_their_own_styles(tmp_path, monkeypatch):
    third = "@page :nth(3) { @top-center { content: '第三页页眉'; font-size: 12pt; } }"
    html = _html(120).replace("</style>", third + "</style>", 1)
    own = _render(html, tmp_path / "own.pdf", False, monkeypatch)
    styled = _render(html, tmp_path / "shared.pdf", True, monkeypatch)
    assert styled == own
    texts = _pages(tmp_path / "shared.pdf")
    assert [n for n, text in enumerate(texts, 1) if "第三页页眉" in text] == [3]
    assert (tmp_path / "shared.pdf").read_bytes() == (tmp_path / "own.pdf").read_bytes()

