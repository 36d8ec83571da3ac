"""The GB/T 9704-2012 checklist (`bulletin inspect`, print/inspect.py) measured on the sample PDFs of
every kind and on the bound volume: what passes today must keep passing. The volume's cover page
(centred lines, unnumbered by design) is left out of the left margin and page numbers, its 目录 (a
list) of the left margin and lines per page, and the report says so."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.print.inspect import inspect_pdf

ALWAYS = ("paper (纸张)", "body text size (正文字号)", "fonts (字体)", "tags and language (标签)",
          "line pitch and grid (行距)", "lines per page (每页行数)", "characters per line (每行字数)",
          "justified right edge (右边对齐)", "short last lines (孤字)")
NUMBERED = ALWAYS + ("left margin (订口)", "page numbers (页码)")
OFFICIAL = NUMBERED + ("red rule (红色分隔线)", "issuing-office mark (发文机关标志)",
                       "signature and date (署名、成文日期)", "版记")
DOCUMENTS = {
    "szzw/2026/002.pdf": NUMBERED + ("red rule (红色分隔线)", "版记"),
    "tongzhi/2026/008.pdf": OFFICIAL,
    "fangan/2026/003.pdf": OFFICIAL,
    "huiyi/2026/012.pdf": NUMBERED,
    "szzw/2026/szzw-2026-volume.pdf": NUMBERED + ("版记",),
    # its 目录 runs onto a second page, and its first issue's page begins with the marking
    "szzw/2025/szzw-2025-volume.pdf": NUMBERED + ("版记",),
}


@pytest.fixture(scope="module")
def measured(sample_site):
    return {name: {item.name: item for item in inspect_pdf(sample_site / name)} for name in DOCUMENTS}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_checklist_items_pass(measured, name):
    items = measured[name]
    failing = [items[item].row() + " " + "; ".join(items[item].details[:3])
               for item in DOCUMENTS[name] if items[item].ok is not True]
    assert not failing, "\n".join(failing)


def test_only_the_volume_cover_and_contents_are_left_out(measured):
    """The cover is page 1 of the volume, with no number and centred lines; the 目录 (pages 3–4 in
    both years) is a list with indented lines, not running text, so it is left out of the margin and
    lines per page, though numbered. A document's first page (a masthead, a notice's head) is
    measured like every other page."""
    left_out = {"left margin (订口)": "(cover p1, 目录 p3–4 left out)",
                "page numbers (页码)": "(cover p1 left out)",
                "lines per page (每页行数)": "(目录 p3–4 left out)"}
    for item, expected in left_out.items():
        for name in ("szzw/2026/szzw-2026-volume.pdf", "szzw/2025/szzw-2025-volume.pdf"):
            volume = measured[name][item]
            assert volume.ok and volume.measured.endswith(expected), volume.row()
        for name in DOCUMENTS:
            if "volume" not in name:
                assert "left out" not in measured[name][item].measured, (name, measured[name][item].row())


def test_banji_is_on_the_last_even_page_between_its_rules(measured):
    for name in ("szzw/2026/002.pdf", "tongzhi/2026/008.pdf", "fangan/2026/003.pdf"):
        banji = measured[name]["版记"]
        assert banji.ok and "rules 0.3" in banji.measured, (name, banji.row())


def test_inspect_command_exits_1_on_a_failing_pdf(sample_site, tmp_path):
    from weasyprint import HTML
    letter = tmp_path / "letter.pdf"     # US Letter, Latin text: fails the paper and font items
    HTML(string="<style>@page { size: letter }</style><p>Hello</p>").write_pdf(letter)
    bad = subprocess.run([sys.executable, "-m", "bulletin", "inspect", str(letter)], capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 1 and "FAIL  paper (纸张)" in bad.stdout, bad.stdout + bad.stderr
    good = subprocess.run([sys.executable, "-m", "bulletin", "inspect", str(sample_site / "huiyi/2026/012.pdf")],
                          capture_output=True, text=True, timeout=120)
    assert "pass  paper (纸张)" in good.stdout and "pass  版记" not in good.stdout


def test_every_body_line_is_on_the_22_line_grid(measured):
    """225 mm / 22 = 28.99 pt between baselines everywhere: after headlines, 黑体 and 楷体 headings,
    task notes in 楷体 and tables (print/grid.py), in every kind."""
    for name, items in measured.items():
        grid = items["line pitch and grid (行距)"]
        assert grid.ok and "28.99 pt (0 other pitches), 0 lines off" in grid.measured, (name, grid.row())


def test_the_issuing_office_mark_is_35_mm_below_the_type_area(measured):
    for name in ("tongzhi/2026/008.pdf", "fangan/2026/003.pdf"):
        mark = measured[name]["issuing-office mark (发文机关标志)"]
        assert mark.ok and float(mark.measured.split()[0]) == pytest.approx(35, abs=0.5), (name, mark.row())


def test_a_task_note_at_a_paragraph_end_keeps_its_last_characters_together():
    from bulletin.print.breaks import bind_paragraph_ends
    html = bind_paragraph_ends('<p>上线。<span class="bl-task-units">（牵头单位：市大数据局）</span></p>')
    assert html.endswith('<span class="bl-nobr">据局）</span></span></p>'), html


def test_grid_gap_brings_the_next_line_onto_the_grid():
    from bulletin.print.grid import LINE, MIN_GAP, TOP, gap_for
    for y in (TOP + 3 * LINE + 5, TOP + 10 * LINE - 1, TOP + 2 * LINE + 0.01):
        gap = gap_for(y)
        assert gap >= MIN_GAP and (y + gap - TOP) / LINE == pytest.approx(round((y + gap - TOP) / LINE), abs=0.002)
    assert gap_for(TOP + 4 * LINE) == LINE          # on the grid already: a whole line of room


def test_text_ending_on_a_full_even_page_puts_the_banji_after_an_unnumbered_blank_page(tmp_path):
    """print/settle.py place_banji (run by settle) finds the blank page from where the text ended (an anchor), not
    from WeasyPrint's internals: text fills page 2, the 版记 goes to page 4, pages 3 and 4 unnumbered."""
    import pdfplumber
    from weasyprint import HTML

    from bulletin.print.official_html import DEFAULT_FONT_CSS
    from bulletin.print.settle import settle
    css = (Path(__file__).parents[1] / "overrides/print/notice.css").read_text(encoding="utf-8")
    html = (f'<html lang="zh-CN"><head><style>{DEFAULT_FONT_CSS}{css}</style></head><body>'
            + "<p>正文。</p>" * 43 + '<p>最后一行正文。</p>'     # 44 lines: pages 1 and 2 full
            '<div class="bl-end">&#8203;<aside class="bl-banji"><div class="bl-banji-inner">'
            '<p class="bl-cc">抄送：市委办公室。</p><p class="bl-printed"><span>青禾市人民政府办公室</span>'
            '<span>2026年3月16日印发</span></p></div></aside></div></body></html>')
    source = HTML(string=html)
    out = tmp_path / "banji.pdf"
    settle(source, source.render).write_pdf(out)
    with pdfplumber.open(out) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    assert len(texts) == 4 and "最后一行正文" in texts[1] and not texts[2].strip(), texts
    assert "抄送" in texts[3] and "— 4 —" not in texts[3] and "4" not in texts[3].replace("2026", ""), texts[3]


@pytest.mark.parametrize("data", [b"not a pdf at all", b"%PDF-1.7\n1 0 obj<<>>endobj\n", bytes(range(256)) * 8])
def test_inspect_names_a_file_that_is_no_readable_pdf(tmp_path, data):
    """Random bytes and a truncated PDF were an internal error (pdfminer's, exit 2)."""
    path = tmp_path / "given.pdf"
    path.write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "bulletin", "inspect", str(path)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.startswith(f"{path}: not a readable PDF (") and "expected a PDF file" in result.stderr
