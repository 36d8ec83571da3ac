"""Bad sources: each gives one clear `path:line: …` line, exit status 1, no traceback, site/ untouched."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_bulletin

ISSUE = "bulletins/demo/2026/001.md"


def _build_fails(project: Path, expected_path: str, expected_line: int | None, *words: str) -> str:
    site = project / "site"
    site.mkdir()
    (site / "marker.html").write_text("previous site", encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if not line.endswith("nothing was written")]
    assert len(problems) == 1, result.stderr
    line = problems[0]
    prefix = f"{expected_path}:{expected_line}: " if expected_line else f"{expected_path}: "
    assert line.startswith(prefix), line
    for word in words:
        assert word in line, line
    # the previous site is exactly as it was, and no temporary folder is left behind
    assert [p.name for p in site.iterdir()] == ["marker.html"]
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]
    return line


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_yaml_syntax_error_names_its_line(mini_project):
    _edit(mini_project, ISSUE, "total: 7\n", "total: [7\n")
    _build_fails(mini_project, ISSUE, 3, "YAML syntax error")


def test_missing_required_field(mini_project):
    _edit(mini_project, ISSUE, "date: 2026-03-05\n", "")
    _build_fails(mini_project, ISSUE, 2, "missing required field 'date'")


def test_wrong_type(mini_project):
    _edit(mini_project, ISSUE, "issue: 1\n", "issue: 一\n")
    _build_fails(mini_project, ISSUE, 2, "field 'issue'", "expected a whole number")


def test_invalid_date(mini_project):
    _edit(mini_project, ISSUE, "date: 2026-03-05", "date: 2026-02-30")
    _build_fails(mini_project, ISSUE, 4, "2026-02-30", "not a real calendar date")


def test_badly_written_date(mini_project):
    _edit(mini_project, ISSUE, "date: 2026-03-05", "date: 2026年3月5日")
    _build_fails(mini_project, ISSUE, 4, "YYYY-MM-DD")


def test_unknown_field(mini_project):
    _edit(mini_project, ISSUE, "total: 7\n", "total: 7\nauthor: 某人\n")
    _build_fails(mini_project, ISSUE, 4, "unknown field 'author'")


def test_duplicate_issue_number_names_both_files(mini_project):
    _edit(mini_project, "bulletins/demo/2026/002.md", "issue: 2\n", "issue: 1\n")
    line = _build_fails(mini_project, "bulletins/demo/2026/002.md", 2, "duplicate issue number 第1期")
    assert ISSUE in line


def test_unknown_series(mini_project):
    stray = mini_project / "bulletins/nosuch/2026/001.md"
    stray.parent.mkdir(parents=True)
    stray.write_text((mini_project / ISSUE).read_text(encoding="utf-8"), encoding="utf-8")
    _build_fails(mini_project, "bulletins/nosuch/2026/001.md", 1, "unknown series 'nosuch'", "demo")


def test_unknown_distribution_group_suggests_closest(mini_project):
    _edit(mini_project, "bulletins/demo/2026/002.md", "发: [区县, 成员单位]", "发: [区县, 成员单]")
    _build_fails(mini_project, "bulletins/demo/2026/002.md", 7, "unknown distribution group '成员单'",
                 "did you mean '成员单位'")


def test_issue_without_articles(mini_project):
    path = mini_project / ISSUE
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## 第一篇文章")] + "只有一段文字，没有文章标题。\n", encoding="utf-8")
    _build_fails(mini_project, ISSUE, 7, "no articles")


def test_file_that_is_not_utf8(mini_project):
    path = mini_project / ISSUE
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    _build_fails(mini_project, ISSUE, 5, "not UTF-8")  # 档案室 on line 5 is the first non-ASCII text


def test_year_folder_must_match_date(mini_project):
    _edit(mini_project, ISSUE, "date: 2026-03-05", "date: 2025-12-30")
    _build_fails(mini_project, ISSUE, 4, "folder '2026'")


def test_every_problem_is_reported_at_once(mini_project):
    _edit(mini_project, ISSUE, "issue: 1\n", "issue: x\n")
    _edit(mini_project, "bulletins/demo/2026/002.md", "date: 2026-04-10", "date: 2026-13-01")
    result = run_bulletin(mini_project, "build", "--no-pdf")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{ISSUE}:2: ") for line in lines)
    assert any(line.startswith("bulletins/demo/2026/002.md:4: ") for line in lines)


@pytest.mark.parametrize("transform", ["bom", "crlf", "bom+crlf"])
def test_bom_and_crlf_are_accepted(mini_project, transform):
    path = mini_project / ISSUE
    text = path.read_text(encoding="utf-8")
    if "crlf" in transform:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if "bom" in transform:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    result = run_bulletin(mini_project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    html = (mini_project / "site/demo/2026/001/index.html").read_text(encoding="utf-8")
    assert "第一篇正文，含有独特词语蓝鲸计划。" in html
    assert re.search(r'<li><a href="#article-2">第二篇文章</a></li>', html)
    assert "\r" not in html and "\ufeff" not in html


def test_line_numbers_count_blank_lines_after_the_front_matter(mini_project):
    path = mini_project / ISSUE
    text = path.read_text(encoding="utf-8").replace("---\n## 第一篇文章", "---\n\n\n## 第一篇文章")
    path.write_text(text.replace("## 第二篇文章\n", "## 第二篇文章\n\n```\n## 不是标题\n```\n"), encoding="utf-8")
    from bulletin.sources.loader import load_project
    issue = load_project(mini_project).series["demo"].issues[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [s.title for s in issue.sections] == ["第一篇文章", "第二篇文章"]  # a fenced ## is not a heading
    for section in issue.sections:
        assert lines[section.line - 1] == f"## {section.title}"
