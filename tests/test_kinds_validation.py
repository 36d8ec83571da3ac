"""Notices, plans and reports: bad inputs give one `path:line: …` line and exit status 1."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_bulletin

NOTICE = "bulletins/tongzhi/2026/008.md"
PLAN = "bulletins/fangan/2026/003.md"


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_project(ROOT, tmp_path / "p")


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(project: Path, rel: str, needle: str) -> int:
    for number, line in enumerate((project / rel).read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _fails(project: Path, *args: str) -> list[str]:
    site = project / "site"
    site.mkdir(exist_ok=True)
    (site / "marker.html").write_text("previous", encoding="utf-8")
    result = run_bulletin(project, "build", *(args or ("--no-pdf",)))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["marker.html"]
    return [line for line in result.stderr.splitlines() if not line.endswith("nothing was written")]


def _one(project: Path, rel: str, line: int, *words: str, args: tuple = ()) -> str:
    problems = _fails(project, *args)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{rel}:{line}: "), problems[0]
    for word in words:
        assert word in problems[0], problems[0]
    return problems[0]


@pytest.mark.parametrize("bad, word", [
    ("青政办函[2026]8号", "〔〕"),
    ("青政办函〔2026〕08号", "leading zero"),
    ("青政办函〔2026〕第8号", "第"),
    ("青政办函〔2026〕8", "malformed"),
    ("青政办函〔2025〕8号", "2025"),
])
def test_malformed_document_number(project, bad, word):
    _edit(project, NOTICE, "doc_number: 青政办函〔2026〕8号", f"doc_number: {bad}")
    line = _one(project, NOTICE, 4, "document number", word)
    assert "〔2026〕8号" in line  # says what was expected


def test_skipped_heading_number(project):
    _edit(project, NOTICE, "### （二）调整内容", "### （三）调整内容")
    line = _line_of(project, NOTICE, "### （三）调整内容")
    problems = _fails(project)
    assert problems[0].startswith(f"{NOTICE}:{line}: "), problems
    assert "skips （二）" in problems[0] and "expected （二）" in problems[0]


def test_out_of_order_and_skipped_top_level(project):
    _edit(project, NOTICE, "## 三、工作步骤", "## 四、工作步骤")
    _edit(project, NOTICE, "## 四、工作要求", "## 三、工作要求")
    problems = _fails(project)
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"{NOTICE}:{_line_of(project, NOTICE, '## 四、工作步骤')}: ")
    assert "skips 三、" in problems[0]
    assert problems[1].startswith(f"{NOTICE}:{_line_of(project, NOTICE, '## 三、工作要求')}: ")
    assert "out of order" in problems[1]


def test_missing_heading_number(project):
    _edit(project, NOTICE, "#### 2.新增法定事项", "#### 新增法定事项")
    _one(project, NOTICE, _line_of(project, NOTICE, "#### 新增法定事项"), "has no number", "expected 2.")


def test_auto_numbering_with_typed_number(project):
    _edit(project, PLAN, "### 工作目标", "### （二）工作目标")
    _one(project, PLAN, _line_of(project, PLAN, "### （二）工作目标"), "numbering: auto")


def test_missing_attachment_file(project):
    _edit(project, NOTICE, "file: 008-att2.md", "file: 008-att9.md")
    _one(project, NOTICE, _line_of(project, NOTICE, "file: 008-att9.md"), "008-att9.md", "does not exist")


def test_attachment_outside_the_project(project):
    _edit(project, NOTICE, "file: 008-att2.md", "file: ../../../../etc/passwd")
    _one(project, NOTICE, _line_of(project, NOTICE, "file: ../../../../etc/passwd"), "outside the sources folder bulletins/")


def test_skipped_heading_in_an_attachment(project):
    att = "bulletins/tongzhi/2026/008-att1.md"
    path = project / att
    path.write_text("## 一、安排\n\n正文。\n\n## 三、要求\n\n正文。\n", encoding="utf-8")
    _one(project, att, 5, "skips 二、")


def test_samples_are_valid():
    from bulletin.sources.loader import load_project
    project = load_project(ROOT)
    plan = next(i for i in project.all_issues() if i.series.kind == "plan")
    assert len(plan.document.tasks) >= 8
    assert {h.level for h in plan.document.main.headings} >= {1, 2, 3}
    assert plan.document.main.headings[0].full == "一、总体要求"
    notice = next(i for i in project.all_issues() if i.series.kind == "notice")
    assert [a.label for a in notice.document.attachments] == ["附件1", "附件2"]


def test_a_level_numbered_on_across_sections_is_no_slip(project):
    """Documents that number a level on from one section to the next (二、 then （三）) were refused,
    and so was every import of one; a real slip after that is still found."""
    att = "bulletins/tongzhi/2026/008-att1.md"
    path = project / att
    path.write_text("## 一、安排\n\n### （一）甲\n\n正文。\n\n### （二）乙\n\n正文。\n\n## 二、要求\n\n"
                    "### （三）丙\n\n正文。\n\n### （四）丁\n\n正文。\n", encoding="utf-8")
    result = run_bulletin(project, "check")
    assert "BL001" not in result.stdout, result.stdout
    path.write_text(path.read_text(encoding="utf-8").replace("### （四）丁", "### （六）丁"), encoding="utf-8")
    _one(project, att, _line_of(project, att, "### （六）丁"), "skips （四）")
