"""print/pagerefs.py: pydyf's list of page references is made once per page count, not on every
look-up, and the PDF is byte for byte what it is without that."""
from __future__ import annotations

import pikepdf
import pydyf
from test_print_settle import _html

from bulletin.print import pagerefs


def test_the_references_follow_the_pages_added():
    assert pagerefs.install() and pagerefs.install()
    own = pagerefs._wrapped["page_references"].fget
    pdf = pydyf.PDF()
    assert pdf.page_references == () == own(pdf)
    for n in range(1, 4):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert len(pdf.page_references) == n and pdf.page_references == own(pdf)
    assert pdf.page_references is pdf.page_references       # kept between look-ups
    assert [ref.split()[1:] for ref in pdf.page_references] == [[b"0", b"R"]] * 3


def test_same_pdf_as_pydyf_makes_it(tmp_path, monkeypatch):
    from weasyprint import HTML
    # a tagged PDF of several pages with an internal link: the structure tree and the link's
    # destination both look the references up
    html = _html(120).replace("<p>正文。</p>", '<p id="top"><a href="#end">正文。</a></p>', 1).replace(
        "<p>最后一行正文。</p>", '<p id="end"><a href="#top">最后一行正文。</a></p>')
    assert pagerefs.install()
    HTML(string=html).write_pdf(tmp_path / "kept.pdf", pdf_tags=True)
    monkeypatch.setattr(pydyf.PDF, "page_references", pagerefs._wrapped["page_references"])
    HTML(string=html).write_pdf(tmp_path / "own.pdf", pdf_tags=True)
    assert (tmp_path / "kept.pdf").read_bytes() == (tmp_path / "own.pdf").read_bytes()
    with pikepdf.open(tmp_path / "kept.pdf") as pdf:
        assert len(pdf.pages) >= 5 and "/StructTreeRoot" in pdf.Root
        links = [annot for page in pdf.pages for annot in page.get("/Annots", [])]
        assert len(links) == 2
