"""print/settle.py: each 版记 ends up on an even page and the text after a table back on the line
grid, and WeasyPrint's first layout already does both (settle.install: an end line that starts on an
odd page goes to the next page, a grid gap gets its margin where it lands), so such a document is
laid out once instead of two or three times, with the same PDF bytes as when it was laid out again."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from bulletin.print import settle as settle_module
from bulletin.print.official_html import DEFAULT_FONT_CSS

CSS = (Path(__file__).parents[1] / "overrides/print/notice.css").read_text(encoding="utf-8")
END = ('<div class="bl-end">&#8203;<aside class="bl-banji"><div class="bl-banji-inner">'
       '<p class="bl-cc">抄送：市委办公室。</p><p class="bl-printed"><span>青禾市人民政府办公室</span>'
       '<span>2026年3月16日印发</span></p></div></aside></div>')


def _html(lines: int, body: str = "") -> str:
    """A notice of ``body`` and ``lines`` one-line paragraphs (22 to a page), then its 版记."""
    return (f'<html lang="zh-CN"><head><style>{DEFAULT_FONT_CSS}{CSS}</style></head><body>' + body
            + "<p>正文。</p>" * (lines - 1) + "<p>最后一行正文。</p>" + END + "</body></html>")


def _table(rows: int, tall: int = 0) -> str:
    """A table of ``rows`` rows in its wrapper, as the print HTML has them; every ``tall``-th row of
    two lines, so the table ends off the grid."""
    cells = "".join(f"<tr><td>{n}</td><td>{'市大数据局牵头完成数据目录编制<br>并报市政府备案' if tall and n % tall == 0 else '市大数据局'}"
                    f"</td><td>6月30日前</td></tr>" for n in range(1, rows + 1))
    return ('<div class="bl-table-wrap"><table><thead><tr><th>序号</th><th>责任单位</th><th>完成时限</th></tr>'
            f"</thead><tbody>{cells}</tbody></table></div>")


def _settled(html: str, out: Path, hooked: bool, monkeypatch) -> int:
    """Lay ``html`` out with settle, with or without the first-layout predictions; the number of layouts."""
    from weasyprint import HTML
    from weasyprint.layout import block, page
    assert settle_module.install()
    if not hooked:
        monkeypatch.setattr(page, "make_page", settle_module._wrapped["make_page"])
        monkeypatch.setattr(block, "block_level_page_break", settle_module._wrapped["block_level_page_break"])
        monkeypatch.setattr(block, "block_level_layout", settle_module._wrapped["block_level_layout"])
    source = HTML(string=html)
    layouts = [0]

    def render():
        layouts[0] += 1
        return source.render()
    settle_module.settle(source, render).write_pdf(out)
    monkeypatch.undo()
    return layouts[0]


# lines of text → (pages, the page the text ends on, the 版记's page, whether the 版记 page is numbered,
# layouts with the first-layout break, layouts without it)
CASES = {
    5: (2, 1, 2, True, 1, 2),        # ends on page 1: the 版记 alone on page 2
    27: (2, 2, 2, True, 1, 1),       # ends on page 2 with room: the 版记 at its foot
    49: (4, 3, 4, True, 1, 2),       # ends on page 3: the 版记 alone on page 4
    44: (4, 2, 4, False, 2, 2),      # page 2 full: a blank page 3, the 版记 on page 4, both unnumbered
}


@pytest.mark.parametrize("lines", CASES)
def test_banji_page_and_layouts(lines, tmp_path, monkeypatch):
    pages, text_page, banji_page, numbered, hooked_layouts, plain_layouts = CASES[lines]
    hooked, plain = tmp_path / "hooked.pdf", tmp_path / "plain.pdf"
    assert _settled(_html(lines), hooked, True, monkeypatch) == hooked_layouts
    assert _settled(_html(lines), plain, False, monkeypatch) == plain_layouts
    assert hooked.read_bytes() == plain.read_bytes()
    with pdfplumber.open(hooked) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
    assert len(texts) == pages, texts
    assert "最后一行正文" in texts[text_page - 1], texts
    assert [n + 1 for n, t in enumerate(texts) if "抄送" in t] == [banji_page], texts
    assert (f"— {banji_page} —" in texts[banji_page - 1]) == numbered, texts[banji_page - 1]
    for blank in range(text_page + 1, banji_page):
        assert not texts[blank - 1].strip(), texts


# tables before the text → (pages, layouts with the first-layout prediction, layouts without it)
TABLES = {
    "one short table": ("<p>正文。</p>" * 3 + _table(3, 2) + "<p>表后第一行。</p>", 20, 1, 2),
    "two tables": (_table(4, 3) + "<p>正文。</p>" * 5 + _table(2, 1) + "<p>表后第一行。</p>", 30, 1, 2),
    "a table across pages": ("<p>正文。</p>" * 10 + _table(40, 3) + "<p>表后第一行。</p>", 10, 1, 2),
    "a table ending a page": ("<p>正文。</p>" * 14 + _table(5, 5) + "<p>表后第一行。</p>", 10, 1, 2),
}


@pytest.mark.parametrize("name", TABLES)
def test_text_after_tables_is_on_the_grid_in_one_layout(name, tmp_path, monkeypatch):
    body, lines, hooked_layouts, plain_layouts = TABLES[name]
    hooked, plain = tmp_path / "hooked.pdf", tmp_path / "plain.pdf"
    assert _settled(_html(lines, body), hooked, True, monkeypatch) == hooked_layouts
    assert _settled(_html(lines, body), plain, False, monkeypatch) >= plain_layouts
    assert hooked.read_bytes() == plain.read_bytes()
    with pdfplumber.open(hooked) as pdf:
        tops = [w["top"] for p in pdf.pages for w in p.extract_words() if w["text"].startswith(("正文", "表后第一行"))]
    assert len(tops) == lines - 1 + body.count("<p>")      # every paragraph but 最后一行正文
    line = 225 / 22 * 72 / 25.4               # the grid's pitch in pt; every page's type area starts at the same top
    offsets = [(top - tops[0]) / line for top in tops]
    assert all(abs(o - round(o)) < 0.02 for o in offsets), offsets


def test_only_the_end_line_after_its_anchor_is_moved(tmp_path, monkeypatch):
    """A bl-end without the text-end anchor settle puts before it (another document's markup) is
    left to WeasyPrint: the break is settle's prediction, not a rule of its own."""
    from weasyprint import HTML
    assert settle_module.install()
    pdf = tmp_path / "bare.pdf"
    HTML(string=_html(5)).write_pdf(pdf)      # no settle: no anchor, so the 版记 stays on page 1
    with pdfplumber.open(pdf) as opened:
        assert len(opened.pages) == 1 and "抄送" in (opened.pages[0].extract_text() or "")
