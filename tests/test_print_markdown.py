"""The print reads a source's Markdown as the website does (tests/fixtures/mini, PDFs on)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import FIXTURES, copy_project, run_bulletin


def test_footnotes_and_fenced_blocks_print(tmp_path: Path) -> None:
    """A footnote failed every PDF: its back-link ↩ (U+21A9) was in no print font, so the build
    refused an issue imported from a Word or PDF file with notes. A ``` fence printed its marks and
    its lines vanished, read as raw HTML."""
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"), encoding="utf-8")
    issue = project / "bulletins/demo/2026/001.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace(
        "第一篇正文，含有独特词语蓝鲸计划。",
        "第一篇正文，含有独特词语蓝鲸计划[^1]。\n\n```html\n<p>围栏里的示例代码行</p>\n```\n\n"
        "[^1]: 蓝鲸计划是示例项目的代号。"), encoding="utf-8")
    result = run_bulletin(project, "build")
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(project / "site/demo/2026/001.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "蓝鲸计划是示例项目的代号。" in flat
    assert "<p>围栏里的示例代码行</p>" in flat
    assert "```" not in text and "\u21a9" not in text
