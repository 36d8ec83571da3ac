"""A new document kind from one file outside the package (tests/fixtures/extra_kind/memo_kind.py),
named in mkdocs.yml, builds on the web and in print like the built-in kinds."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, copy_project

MEMO = """---
issue: 1
date: 2026-06-01
title: 关于备忘事项的说明
to: 市档案馆
---

请于六月底前完成备忘事项的整理归档。
"""


def _build(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(FIXTURES / "extra_kind"), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "bulletin", "build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def test_a_registered_kind_builds_on_the_web_and_in_print(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true\n      kinds: [memo_kind]"),
                      encoding="utf-8")
    folder = project / "bulletins" / "memo"
    (folder / "2026").mkdir(parents=True)
    (folder / "series.yml").write_text("title: 工作备忘\noffice: 测试办公室\nkind: memo\n", encoding="utf-8")
    (folder / "2026" / "001.md").write_text(MEMO, encoding="utf-8")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "memo" / "2026" / "001" / "index.html").read_text(encoding="utf-8")
    assert "送达：市档案馆" in page and "完成备忘事项的整理归档" in page
    assert "关于备忘事项的说明" in (project / "site" / "memo" / "index.html").read_text(encoding="utf-8")
    text = subprocess.run(["pdftotext", str(project / "site" / "memo" / "2026" / "001.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "关于备忘事项的说明" in text and "送达：市档案馆" in text


def test_the_kind_analysis_reports_at_the_line(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: false\n      kinds: [memo_kind]"),
                      encoding="utf-8")
    folder = project / "bulletins" / "memo"
    (folder / "2026").mkdir(parents=True)
    (folder / "series.yml").write_text("title: 工作备忘\noffice: 测试办公室\nkind: memo\n", encoding="utf-8")
    (folder / "2026" / "001.md").write_text(MEMO.replace("to: 市档案馆", "to: 【待定】"), encoding="utf-8")
    result = _build(project, "--no-pdf")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("bulletins/memo/2026/001.md:5: field 'to' holds 【; "
                                             "expected plain unit names")


def test_an_unknown_kind_is_one_line(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    (project / "bulletins" / "demo" / "series.yml").write_text("title: 示例\noffice: 示例办公室\nkind: memo\n",
                                                             encoding="utf-8")
    result = _build(project, "--no-pdf")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("bulletins/demo/series.yml:3: unknown kind 'memo'; expected one of: "
                                             "bulletin, notice, plan, report")
