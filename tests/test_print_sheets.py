"""print/worker.py's shared_stylesheet: a worker parses the print CSS once and lays every document
out with it, whatever folder the document is in, unless the CSS holds relative URLs (they resolve
against the document's folder); and a document laid out with the shared sheet is the same PDF as
with its own <style>."""
from __future__ import annotations

import pytest
from test_print_settle import _html

from bulletin.print import worker
from bulletin.print.fetcher import ProjectFetcher


@pytest.mark.parametrize("css, relative", [
    ('src: url("file:///var/cache/bulletin/fonts/body-1.otf")', False),
    ("src: url('file:///var/cache/bulletin/fonts/body-1.otf')", False),
    ("background: url(data:image/png;base64,iVBORw0KGgo=)", False),
    ('background: url( "https://example.org/seal.png")', False),
    ('background: url("seal.png")', True),
    ("background: url(images/seal.png)", True),
    ("background: url( '../seal.png')", True),
    ('@import "print-extra.css";', True),
])
def test_which_urls_are_relative(css, relative):
    assert bool(worker._RELATIVE.search(css)) is relative


def _doc(extra: str = "") -> str:
    return _html(5).replace("</style>", extra + "</style>", 1)


def test_one_parse_for_documents_in_every_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "_SHEETS", {})
    fetcher = ProjectFetcher([tmp_path])
    seal = '.bl-end { background-image: url("file:///nowhere/seal.png"); }'
    first = worker.shared_stylesheet(_doc(seal), (tmp_path / "a" / "001.md").as_uri(), fetcher)
    second = worker.shared_stylesheet(_doc(seal), (tmp_path / "b" / "002.md").as_uri(), fetcher)
    assert "<style>" not in first[0] and first[1]["stylesheets"][0] is second[1]["stylesheets"][0]
    assert len(worker._SHEETS) == 1
    # relative URLs: a sheet per folder
    seal = '.bl-end { background-image: url("seal.png"); }'
    third = worker.shared_stylesheet(_doc(seal), (tmp_path / "a" / "001.md").as_uri(), fetcher)
    fourth = worker.shared_stylesheet(_doc(seal), (tmp_path / "b" / "002.md").as_uri(), fetcher)
    assert third[1]["stylesheets"][0] is not fourth[1]["stylesheets"][0]
    # what it does not take over: !important, two style elements
    for html in (_doc(".bl-cc { color: black !important; }"), _doc().replace("</head>", "<style>p{}</style></head>")):
        assert worker.shared_stylesheet(html, (tmp_path / "001.md").as_uri(), fetcher) == (html, {})


def test_same_pdf_with_the_shared_sheet(tmp_path, monkeypatch):
    from weasyprint import HTML
    monkeypatch.setattr(worker, "_SHEETS", {})
    base = (tmp_path / "001.md").as_uri()
    html, options = worker.shared_stylesheet(_doc(), base, ProjectFetcher([tmp_path]))
    assert options
    own = HTML(string=_doc(), base_url=base).write_pdf(font_config=worker._font_config())
    shared = HTML(string=html, base_url=base).write_pdf(font_config=worker._font_config(), **options)
    assert shared == own
