"""print/leaders.py: a line's dotted leader becomes one run of dots, printed where WeasyPrint's
one-box-per-dot leader printed them; a leader it cannot set the same way is left as it was."""
from __future__ import annotations

import io

import pdfplumber
import pytest
from weasyprint import HTML
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline, leader

from bulletin.print import leaders

PAGE = """<html lang="zh-CN"><style>
@page {{ size: A4; margin: 30mm }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 29pt }}
a {{ display: block; {extra} }}
a::after {{ content: leader(dotted) " " attr(data-page) }}
</style>
<a data-page="3">第1期（总第24期）（2026年1月20日）</a>
<a data-page="12">全市数字政府建设工作要点印发</a>
<a data-page="105">12345热线2025年运行情况分析</a>
<a data-page="7">一个很长很长的标题，长到在这一行里放不下，只好折到下一行去，下一行也有点点</a>
</html>"""


def render(extra: str = ""):
    document = HTML(string=PAGE.format(extra=extra)).render()
    dot_boxes = [box for page in document.pages for box in page._page_box.descendants()
                 if isinstance(box, boxes.TextBox) and set(box.text) == {"."}]
    with pdfplumber.open(io.BytesIO(document.write_pdf())) as pdf:
        chars = sorted((round(c["top"], 1), c["x0"], c["text"]) for page in pdf.pages for c in page.chars)
    return dot_boxes, chars


@pytest.fixture
def plain_and_merged(monkeypatch):
    def both(extra: str = ""):
        leaders.install()
        merged = render(extra)
        monkeypatch.setattr(inline, "handle_leader", leader.handle_leader)     # WeasyPrint's own
        plain = render(extra)
        monkeypatch.undo()
        return plain, merged
    return both


def same_places(plain_chars, merged_chars) -> None:
    assert [(top, text) for top, _, text in plain_chars] == [(top, text) for top, _, text in merged_chars]
    assert max(abs(a[1] - b[1]) for a, b in zip(plain_chars, merged_chars)) < 0.02     # points


def test_each_leader_is_one_run_of_dots_at_the_same_places(plain_and_merged):
    (plain_boxes, plain_chars), (merged_boxes, merged_chars) = plain_and_merged()
    assert len(merged_boxes) == 4, "one run of dots per line"
    assert len(plain_boxes) > 4 * 10, "WeasyPrint's leader: a box per dot"
    assert sum(len(b.text) for b in merged_boxes) == len(plain_boxes)
    same_places(plain_chars, merged_chars)


def test_a_leader_with_letter_spacing_keeps_weasyprints_dots(plain_and_merged):
    (plain_boxes, plain_chars), (merged_boxes, merged_chars) = plain_and_merged("letter-spacing: 1pt")
    assert len(merged_boxes) == len(plain_boxes) > 4 * 10
    same_places(plain_chars, merged_chars)
