"""The bound volume's 目录 page numbers, worked out before the layout (print/volume_numbers.py).

The expected pages here follow the print rules by hand (cover on page 1, the 目录 and each issue from
a right-hand page); the built volume is read back with poppler's pdftotext, as tests/test_volume.py
does, and its 目录 numbers compared with the pages the issues and articles are printed on.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bulletin.print import volume_numbers, worker
from bulletin.print.binding import IssuePages
from conftest import ROOT, copy_project
from test_volume import contents_lines, flat, label, page_texts, source_issues


def contents_html(*lines: tuple[bool, str]) -> str:
    """A 目录 as overrides/print/volume.html writes it: (issue line?, text) in order."""
    out = ['<nav class="vol-contents"><p class="vol-contents-title">目录</p><ol>']
    for n, (issue, text) in enumerate(lines):
        kind = " vol-issue-line" if issue else ""
        out.append(f'<li><a class="vol-contents-line{kind}" href="#a{n}"><span class="vol-contents-text">{text}'
                   '</span></a></li>')
    return "".join(out) + "</ol></nav>"


def test_the_contents_takes_22_lines_a_page_and_a_long_title_more_than_one():
    assert volume_numbers.contents_pages(contents_html(*[(False, "短标题")] * 20)) == 1    # 20 + 目录 and its blank line
    assert volume_numbers.contents_pages(contents_html(*[(False, "短标题")] * 21)) == 2
    long = "全市" * 30            # 60 characters: three lines of 25.6 em
    assert volume_numbers.contents_pages(contents_html(*[(False, long)] * 6, *[(False, "短")] * 2)) == 1   # 2+18+2
    assert volume_numbers.contents_pages(contents_html(*[(False, long)] * 7)) == 2                        # 2+21
    digits = "1" * 40             # Latin and digits take about half a character
    assert volume_numbers.contents_pages(contents_html(*[(False, digits)] * 20)) == 1


def test_each_issue_from_a_right_hand_page_after_the_contents():
    html = contents_html((True, "第1期"), (False, "一"), (True, "第2期"), (True, "第3期"))   # one 目录 page
    bound = [{"prefix": "i001-"}, {"prefix": "i002-"}, {"prefix": "i003-"}]
    pages = [IssuePages([{1}] * 5, {"article-1": 0, "article-2": 2}),      # pages 5-9, blank 10
             IssuePages([{1}] * 4, {"article-1": 1}),                      # pages 11-14
             IssuePages([{1}], {})]                                         # page 15
    assert volume_numbers.guess(html, bound, pages) == {
        "i001": 5, "i001-article-1": 5, "i001-article-2": 7,
        "i002": 11, "i002-article-1": 12,
        "i003": 15}


def test_numbers_go_on_the_links_to_known_anchors_only():
    html = '<a class="vol-contents-line" href="#i001">x</a><a href="#i002">y</a><a href="https://e.cn/#i001">z</a>'
    assert volume_numbers.write_in(html, {"i001": 5}) == (
        '<a class="vol-contents-line" data-page="5" href="#i001">x</a><a href="#i002">y</a>'
        '<a href="https://e.cn/#i001">z</a>')


class _Page:
    def __init__(self, *anchors):
        self.anchors = dict.fromkeys(anchors)


class _Document:
    def __init__(self, *pages):
        self.pages = list(pages)


def test_a_wrong_guess_moves_every_number_by_the_fronts_difference():
    """The anchors lie on the front's last page, which binding takes out: the first issue starts on
    that page when it is a right-hand (odd) one, else on the next."""
    anchors = _Page("i001", "i001-a", "i002")
    four = _Document(_Page(), _Page(), _Page(), anchors)          # cover, blank, 目录, anchors: first issue on 5
    assert volume_numbers.misplaced(four, {"i001": 5, "i001-a": 6, "i002": 9}) == {}
    assert volume_numbers.misplaced(four, {"i001": 7, "i001-a": 8, "i002": 11}) == {"i001": 5, "i001-a": 6, "i002": 9}
    three = _Document(_Page(), _Page(), anchors)                  # the anchors' page is odd: the issue goes there
    assert volume_numbers.misplaced(three, {"i001": 5, "i001-a": 5, "i002": 7}) == {"i001": 3, "i001-a": 3, "i002": 5}


# -- the real volume, built in this process so that the guess can be made wrong -----------------

@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(ROOT, tmp_path_factory.mktemp("numbers") / "p")


def _build(project: Path, monkeypatch) -> tuple[Path, int]:
    """The szzw 2026 volume, and how many times its front was laid out."""
    from bulletin.print.volume import build_volume
    layouts = []
    document = worker._document

    def counted(job, html, fetcher):
        if "vol-contents" in html:
            layouts.append(1)
        return document(job, html, fetcher)
    monkeypatch.setattr(worker, "_document", counted)
    report = build_volume(project, "szzw", 2026)
    return report.path, len(layouts)


def _wrong_numbers(pdf: Path, issues: list[dict]) -> list[str]:
    """Each 目录 line whose number is not the page its issue starts or its article is printed on."""
    texts = [flat(t) for t in page_texts(pdf)]
    lines = [(re.sub(r"（\d{4}年\d+月\d+日）$", "", text), page) for text, page in contents_lines(pdf)]
    printed = dict(lines)
    wrong = []
    starts = [next(n for n, t in enumerate(texts, 1) if n > 2 and label(i) in t and "本期目录" in t) for i in issues]
    for n, (issue, start) in enumerate(zip(issues, starts)):
        end = starts[n + 1] if n + 1 < len(starts) else len(texts) + 1
        if printed.get(label(issue)) != start:
            wrong.append(f"{label(issue)}: {printed.get(label(issue))} for page {start}")
        for headline in issue["headlines"]:
            last = max(p for p in range(start, end) if flat(headline) in texts[p - 1])   # after the 本期目录
            if printed.get(flat(headline)) != last:
                wrong.append(f"{headline}: {printed.get(flat(headline))} for page {last}")
    assert len(lines) == len(issues) + sum(len(i["headlines"]) for i in issues)
    return wrong


def test_a_right_guess_lays_the_front_out_once(project, monkeypatch):
    pdf, layouts = _build(project, monkeypatch)
    assert layouts == 1
    assert _wrong_numbers(pdf, source_issues(project, "szzw", 2026)) == []


def test_a_wrong_guess_is_found_and_the_front_laid_out_again(project, monkeypatch):
    monkeypatch.setattr(volume_numbers, "contents_pages", lambda html: 6)    # the sample's 2026 目录 takes 1
    pdf, layouts = _build(project, monkeypatch)
    assert layouts == 2
    assert _wrong_numbers(pdf, source_issues(project, "szzw", 2026)) == []
