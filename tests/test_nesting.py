"""Text nested deeper than a document is: one `path:line:` problem, never Python's RecursionError.

Each body stopped `bulletin build` with "internal error (RecursionError …)" and no line, while
`bulletin check` passed it (an outside probe, 2026-12-04)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, run_bulletin

LEAD = "第一篇正文，含有独特词语蓝鲸计划。"
FIRST = 11          # the fixture's 001.md: the lead on line 9, a blank line, then what replaces it


@pytest.mark.parametrize("text, line, words", [
    # (the 41st level is the line indented 40 times; before the marker a line ends on was counted,
    # the one after it was reported)
    ("".join("  " * i + "- 项\n" for i in range(500)), FIRST + 40, "lists or quotes 41 levels inside one another"),
    (">" * 3000 + " 引文\n", FIRST, "lists or quotes 3000 levels"),
    ("*" * 20000 + "x" + "*" * 20000 + "\n", FIRST, "'*' 20000 times in a row"),
    ("<div>" * 5000 + "文字" + "</div>" * 5000 + "\n", FIRST, "HTML elements more than 100 inside one another"),
    # lists and quotes mixed on one line (only the PDF recursed too deep: no line, the whole build lost)
    ("- > " * 45 + "文字\n", FIRST, "lists or quotes 90 levels inside one another"),
    # numbered with full-width digits: Python-Markdown's \d reads them as list numbers too
    ("１. " * 60 + "文字\n", FIRST, "lists or quotes 60 levels inside one another"),
    ("1. " * 60 + "文字\n", FIRST, "lists or quotes 60 levels inside one another"),   # (the last was not counted)
    # an attribute list of thousands of classes: the print took minutes (its cost grows faster than it)
    ("正文。\n{: " + " ".join([".bl-x"] * 2000) + "}\n", FIRST + 1, "an attribute list of 2001 items"),
])
def test_deep_nesting_is_one_problem_at_its_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    issue = project / "bulletins/demo/2026/001.md"
    source = issue.read_text(encoding="utf-8")
    assert source.split("\n")[FIRST - 3] == LEAD
    issue.write_text(source.replace(LEAD, LEAD + "\n\n" + text), encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert f"bulletins/demo/2026/001.md:{line}: {words}" in result.stderr, result.stderr
    assert not (project / "site").exists()
    check = run_bulletin(project, "check")
    assert check.returncode == 1 and f"bulletins/demo/2026/001.md:{line}:1: BL001 {words}" in check.stdout


def test_a_document_nested_a_few_levels_builds(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    issue = project / "bulletins/demo/2026/001.md"
    nested = "".join("  " * i + f"- 第{i + 1}层\n" for i in range(8)) + "\n> > 引文里的引文\n\n<div><div><p>两层</p></div></div>\n"
    issue.write_text(issue.read_text(encoding="utf-8").replace(LEAD, LEAD + "\n\n" + nested), encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr


def test_an_attachment_nested_too_deep_is_one_problem_at_its_line(tmp_path: Path) -> None:
    """A notice's Markdown attachment is read by Markdown too."""
    from conftest import ROOT
    project = copy_project(ROOT, tmp_path / "p")
    att = project / "bulletins/tongzhi/2026/008-att1.md"
    att.write_text("## 一、安排\n\n" + ">" * 3000 + " 引文\n", encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "bulletins/tongzhi/2026/008-att1.md:3: lists or quotes 3000 levels" in result.stderr, result.stderr


@pytest.mark.parametrize("body, opened, headline, element", [
    # a box around the whole body: the page put the 本期目录 inside the 编者按's box (the body starts
    # on line 7 of the fixture's 001.md)
    ('<div markdown="1">\n\n编者按文字。\n\n## 第一篇\n\n正文。\n\n## 第二篇\n\n正文。\n\n</div>\n', 7, 11, "div"),
    ("## 第一篇\n\n<section>\n<p>正文。</p>\n\n## 第二篇\n\n正文。</section>\n", 9, 12, "section"),
])
def test_an_html_element_open_across_an_article_headline_is_refused(tmp_path: Path, body: str, opened: int,
                                                                     headline: int, element: str) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    issue = project / "bulletins/demo/2026/001.md"
    head, _ = issue.read_text(encoding="utf-8").split("## ", 1)
    assert head.count("\n") == 6
    issue.write_text(head + body, encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"bulletins/demo/2026/001.md:{opened}: <{element}> opened here is still open at the article "
            f"headline on line {headline}; expected each HTML element closed") in result.stderr, result.stderr


def test_html_closed_within_each_article_builds(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    issue = project / "bulletins/demo/2026/001.md"
    head, _ = issue.read_text(encoding="utf-8").split("## ", 1)
    issue.write_text(head + '<div markdown="1">\n\n编者按。\n\n</div>\n\n## 第一篇\n\n<div><p>正文。</p></div>\n\n'
                            "```html\n<div>\n```\n\n## 第二篇\n\n正文。<br>\n", encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
