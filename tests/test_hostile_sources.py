"""Hostile sources (issue 8, items 4 and 6): YAML that hangs or crashes parsers, huge files, things that
are not files, a broken address book, and what `bulletin import` leaves for an editor.

Each case: exit status 1 within seconds, exactly one problem line at the right place saying what is
wrong and what was expected, no traceback, and nothing in the project changed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, manifest

ISSUE = "bulletins/demo/2026/001.md"
HEAD = "---\nissue: 1\ntotal: 7\ndate: 2026-03-05\nextra: [档案室]\n---\n"
BODY = "## 第一篇文章\n\n第一篇正文。\n"


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_project(FIXTURES / "mini", tmp_path / "mini")


def refused(project: Path, *args: str, env: dict | None = None, limit: float = 30) -> tuple[str, float]:
    """Run `bulletin build --no-pdf`; assert it fails cleanly, changes nothing; return its one problem line."""
    before = manifest(project)
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "bulletin", "build", "--no-pdf", *args], cwd=project,
                            env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **(env or {})),
                            capture_output=True, text=True, timeout=limit)
    took = time.monotonic() - start
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.endswith("nothing was written")]
    assert len(lines) == 1, result.stderr
    assert manifest(project) == before
    return lines[0], took


def write_issue(project: Path, front: str, body: str = BODY, rel: str = ISSUE) -> None:
    (project / rel).write_text(f"---\n{front}---\n{body}", encoding="utf-8")


# ------------------------------------------------------------------ YAML
def test_billion_laughs_is_refused_at_once(project):
    laughs = ["a: &a [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        laughs.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    front = "issue: 1\ntotal: 7\ndate: 2026-03-05\nextra:\n" + "".join(f"  - {x}\n" for x in laughs)
    write_issue(project, front)
    line, took = refused(project)
    assert line.startswith(f"{ISSUE}:6: ") and "anchors and aliases" in line
    assert took < 20


def test_deep_nesting_is_refused(project):
    write_issue(project, "issue: 1\ndate: 2026-03-05\nextra: " + "[" * 3000 + "]" * 3000 + "\n")
    line, _ = refused(project)
    assert line.startswith(f"{ISSUE}:4: ") and "nested more than" in line


@pytest.mark.parametrize("value", [
    "!!int 0x", "!!int ''", "!!float abc", "!!float", "!!bool maybe", "!!timestamp 2026-13-45",
    "!!timestamp x", "!!str 3", "!!binary 'zz'", "!!python/object:os.system ls", "!!set {a}",
    "!!omap [a]", "!custom 1", "! 5", "!!null x", "!<tag:yaml.org,2002:int> 9",
])
def test_explicit_tags_are_refused(project, value):
    write_issue(project, f"issue: {value}\ndate: 2026-03-05\n")
    line, _ = refused(project)
    assert line.startswith(f"{ISSUE}:2: ") and "explicit YAML tag" in line


def test_a_key_given_twice_is_refused(project):
    write_issue(project, "issue: 4\ntotal: 7\ndate: 2026-03-05\nissue: 9\n")
    line, _ = refused(project)
    assert line == (f"{ISSUE}:5: key 'issue' appears twice (first on line 2); expected each key once")


@pytest.mark.parametrize("field, value", [("issue", "true"), ("total", "false"), ("issue", "1.0"),
                                          ("issue", "'3'")])
def test_numbers_must_be_numbers(project, field, value):
    front = {"issue": "1", "total": "7"}
    front[field] = value
    write_issue(project, f"issue: {front['issue']}\ntotal: {front['total']}\ndate: 2026-03-05\n")
    line, _ = refused(project)
    assert f"field '{field}'" in line and "expected a whole number" in line


def test_flags_must_be_true_or_false(project):
    series = project / "bulletins/demo/series.yml"
    series.write_text(series.read_text(encoding="utf-8").replace("show_total: true", "show_total: 1"),
                      encoding="utf-8")
    line, _ = refused(project)
    assert line.startswith("bulletins/demo/series.yml:3: ") and "expected true or false" in line


# ------------------------------------------------------------------ size and file types
def test_a_huge_source_file_is_refused_quickly(project):
    paragraph = "青禾市各部门按照年度计划推进各项工作。" * 20 + "\n\n"
    write_issue(project, "issue: 1\ndate: 2026-03-05\n", paragraph * (50 * 1024 * 1024 // len(paragraph.encode())))
    line, took = refused(project)
    assert line.startswith(f"{ISSUE}: the file is 50.0 MB, larger than the 5 MB limit")
    assert took < 20


def test_the_size_limit_can_be_raised(project):
    write_issue(project, "issue: 1\ntotal: 7\ndate: 2026-03-05\n", BODY + "正文。" * 40_000)   # 0.36 MB
    line, _ = refused(project, env={"BULLETIN_MAX_SOURCE_MB": "0.25"})
    assert "larger than the 0.25 MB limit" in line
    result = subprocess.run([sys.executable, "-m", "bulletin", "build", "--no-pdf"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("make, words", [
    (lambda p: p.mkdir(), "is a folder, not a file"),
    (lambda p: p.symlink_to("nowhere.md"), "to a file that does not exist"),
    (lambda p: p.symlink_to(p.name), "loops back on itself"),
    (lambda p: p.symlink_to("/etc/hostname"), "outside the sources folder"),
])
def test_what_is_not_an_issue_file_gives_one_line(project, make, words):
    make(project / "bulletins/demo/2026/003.md")
    line, _ = refused(project)
    assert line.startswith("bulletins/demo/2026/003.md: ") and words in line


def test_a_broken_address_book_is_one_line_not_fifty(project):
    book = project / "bulletins/distribution.yml"
    book.write_text(book.read_text(encoding="utf-8").replace("groups:\n", "groups:\n  坏组: [\n", 1),
                    encoding="utf-8")
    line, _ = refused(project)
    assert line.startswith("bulletins/distribution.yml:2: YAML syntax error")


# ------------------------------------------------------------------ what the importer leaves behind
def test_an_imported_issue_with_a_todo_is_not_published(project):
    write_issue(project, "issue: 1\ntotal: 7\ntodo:\n  date: 原文未写成文日期，请核对后填写\n")
    line, _ = refused(project)
    assert line == (f"{ISSUE}:5: imported issue still to be completed: date: 原文未写成文日期，请核对后填写; "
                    "expected the editor to fill in 'date' and remove it from todo:")


def test_text_the_importer_could_not_place_blocks_the_build(project):
    (project / "bulletins/demo/2026/001.unplaced.txt").write_text("来源：某网站\n", encoding="utf-8")
    line, _ = refused(project)
    assert line.startswith(f"{ISSUE}:1: imported text not yet placed: 001.unplaced.txt")
