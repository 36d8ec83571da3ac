"""print/justify.py: a justified box's widening is worked out as Pango does it, not laid out again.

The arithmetic (``_spacing_width``) must give exactly the width Pango measures for the same text
and spacing, or the boxes after a spaced one on the same line move."""
from __future__ import annotations

import io

import pdfplumber
import pytest
from weasyprint import HTML
from weasyprint.formatting_structure import boxes
from weasyprint.text.line_break import line_size

from bulletin.print import justify

# a line of body text with a bold phrase and a link inside it, digits, Latin and a —— pair, set in a
# column narrow enough that most lines are spread between their characters
PAGE = """<html lang="zh-CN"><style>
@page {{ size: A5; margin: 20mm }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 14pt; line-height: 26pt; text-align: justify;
        --text-justify: inter-character; {extra} }}
b {{ font-family: "Noto Sans CJK SC" }}
</style>
<p>市政务服务中心今年共受理事项12,345件，<b>按时办结率99.8%</b>，比上年提高1.2个百分点；
“一网通办”平台接入OA、ERP等系统18个——其中<a href="#x">区县自建系统</a>7个，全部实现统一身份认证。</p>
<p>各单位要对照任务清单（见附件1）逐项落实，<b>6月30日前</b>将进展情况报送市数据局，
联系电话0571-88886666，电子邮箱sjj@example.gov.cn，逾期未报的予以通报。</p>
</html>"""


def text_style():
    """A text box's style from a real layout (the arithmetic needs a font, a size and a language)."""
    document = HTML(string=PAGE.format(extra="")).render()
    return next(box.style for box in document.pages[0]._page_box.descendants()
                if isinstance(box, boxes.TextBox))


@pytest.mark.parametrize("text", ["一二三四五六七八九十", "覆盖全区11个乡镇（街道）", "“一网通办”平台接入18个",
                                  "截至2025年底，共计：", "甲"])
@pytest.mark.parametrize("spacing", [
    lambda n: [1.0] * n,                                        # whole pixels: Pango's "hinting"
    lambda n: [1.0] + [3.567, -1.566] * n,                      # alternating, negative
    lambda n: [(i % 5) * 0.731 for i in range(n)],              # fractions, zeros
    lambda n: [2.0] * (n - 1) + [0.4],                          # a whole pixel first, a fraction last
])
def test_the_widening_is_the_one_pango_measures(text, spacing):
    justify.install()
    assert justify._plain_run(text)
    style = text_style()
    values = spacing(len(text))[:len(text)]

    def measured(values):
        layout = justify.SpacedLayout(style, values)
        layout.set_text(text, justify=True)
        return line_size(layout.get_first_line()[0], style)[0]

    natural = measured([0.0] * len(text))
    expected = measured(values) - natural
    assert justify._spacing_width(justify._units(values)) / justify.TO_UNITS == pytest.approx(expected, abs=1e-9)


def render(extra: str = ""):
    """Each text box's place and width, and where the PDF puts each character."""
    document = HTML(string=PAGE.format(extra=extra)).render()
    placed = [(box.text, box.position_x, box.width) for page in document.pages
              for box in page._page_box.descendants() if isinstance(box, boxes.TextBox)]
    with pdfplumber.open(io.BytesIO(document.write_pdf())) as pdf:
        chars = [(round(c["top"], 2), round(c["x0"], 3), c["text"]) for page in pdf.pages for c in page.chars]
    return placed, chars


@pytest.mark.parametrize("extra", ["", "letter-spacing: 0.6px"])
def test_a_line_is_spread_as_when_every_box_is_laid_out_again(monkeypatch, extra):
    """The boxes after a spaced box (the bold phrase, the link) stand where they stood when the
    spaced box was laid out again to measure it, and the characters print at the same places.
    (Boxes with Latin letters or a —— pair are measured: with them worked out, OA and —— moved.)"""
    justify.install()
    fast = render(extra)
    monkeypatch.setattr(justify, "_plain_run", lambda text: False)     # measure every box
    laid_out = render(extra)
    assert fast == laid_out
    widened = [text for text, _, _ in fast[0] if "按时办结率" in text or "6月30日前" in text]
    assert widened, "the bold phrases are boxes of their own"
    # the lines were spread: some line's characters are further apart than the font's advance
    rows = {}
    for top, x0, ch in fast[1]:
        rows.setdefault(top, []).append(x0)
    steps = [b - a for xs in rows.values() for a, b in zip(xs, xs[1:])]
    assert max(steps) > 14 * 4 / 3 + 0.5, "no line was spread between its characters"
