"""The GB/T 9704-2012 checklist (`bulletin inspect`, print/inspect.py) measured on the sample PDFs of
every kind: what passes today must keep passing. Items still failing on some documents (the grid's
exact pitch, lines per page, the issuing-office mark's height) are listed in the README's print
section and checked by hand with `bulletin inspect`."""
from __future__ import annotations

import subprocess
import sys

import pytest

from bulletin.print.inspect import inspect_pdf

ALWAYS = ("paper (纸张)", "left margin (订口)", "body text size (正文字号)", "fonts (字体)",
          "page numbers (页码)", "tags and language (标签)")
DOCUMENTS = {
    "szzw/2026/002.pdf": ALWAYS + ("characters per line (每行字数)", "justified right edge (右边对齐)",
                                   "short last lines (孤字)", "red rule (红色分隔线)", "版记"),
    "tongzhi/2026/008.pdf": ALWAYS + ("short last lines (孤字)", "red rule (红色分隔线)",
                                      "signature and date (署名、成文日期)", "版记"),
    "fangan/2026/003.pdf": ALWAYS + ("red rule (红色分隔线)", "signature and date (署名、成文日期)", "版记"),
    "huiyi/2026/012.pdf": ALWAYS + ("lines per page (每页行数)", "characters per line (每行字数)",
                                    "justified right edge (右边对齐)", "short last lines (孤字)"),
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
