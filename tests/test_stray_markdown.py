"""A Markdown file in a series' year folders that is no issue and no attachment of one is a problem
(found by an outside probe): abc.md or sub/002.md holding a whole issue was left out without a word,
and `bulletin new` then made a second 第1期 beside it."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT, copy_project, run_bulletin


def test_markdown_that_is_no_issue_and_no_attachment_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    year = project / "bulletins/demo/2026"
    shutil.copy(year / "001.md", year / "abc.md")
    (year / "sub").mkdir()
    shutil.copy(year / "002.md", year / "sub" / "002.md")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for rel in ("bulletins/demo/2026/abc.md", "bulletins/demo/2026/sub/002.md"):
        assert any(line.startswith(f"{rel}: a Markdown file that is no issue and no attachment of one; expected "
                                   "an issue named NNN.md") for line in lines), result.stderr
    assert not (project / "site").exists()


def test_a_notices_markdown_attachments_are_no_strays(tmp_path: Path) -> None:
    """The sample's 008-att1.md and 008-att2.md are attachments 008.md names: the sample builds."""
    project = copy_project(ROOT, tmp_path / "sample")
    assert sorted(p.name for p in (project / "bulletins/tongzhi/2026").glob("008-*.md")) == ["008-att1.md",
                                                                                          "008-att2.md"]
    result = run_bulletin(project, "check")
    assert (result.returncode, result.stdout) == (0, "")
    # an attachment no issue names any more is a stray
    (project / "bulletins/tongzhi/2026/008-att3.md").write_text("# 附件3\n\n正文。\n", encoding="utf-8")
    result = run_bulletin(project, "check")
    assert "bulletins/tongzhi/2026/008-att3.md:1:1: BL001 a Markdown file that is no issue" in result.stdout
