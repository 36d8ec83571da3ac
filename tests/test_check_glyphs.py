"""`bulletin check` reports the characters the PDF build would refuse: one no print font of its role
has (an emoji in a paragraph passed check and then failed `bulletin build` at its line). The check is
the build's own, by role: a character only the 楷体 font lacks is no finding in a paragraph set in
仿宋, and nothing is asked of the fonts when the build makes no PDFs."""
from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, copy_project, run_bulletin

ISSUE = "bulletins/demo/2026/001.md"
EMOJI_LINE = 9          # the first article's paragraph in tests/fixtures/mini


def _project(tmp_path: Path, pdf: bool = True) -> Path:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    if pdf:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"), encoding="utf-8")
    return project


def _write_paragraph(project: Path, text: str) -> None:
    issue = project / ISSUE
    lines = issue.read_text(encoding="utf-8").split("\n")
    assert lines[EMOJI_LINE - 1].startswith("第一篇正文")
    lines[EMOJI_LINE - 1] = text
    issue.write_text("\n".join(lines), encoding="utf-8")


def test_an_emoji_is_found_at_its_line_as_the_build_finds_it(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _write_paragraph(project, "第一篇正文，工作进展顺利😀。")
    check = run_bulletin(project, "check")
    assert check.returncode == 1 and "Traceback" not in check.stderr
    findings = [line for line in check.stdout.splitlines() if "BL001" in line]
    assert len(findings) == 1
    assert findings[0].startswith(f"{ISSUE}:{EMOJI_LINE}:1: BL001 character '😀' (U+1F600) is not in font ")
    assert "used for body text (仿宋)" in findings[0] and "stands in" not in check.stdout + check.stderr
    build = run_bulletin(project, "build")          # the build refuses the same character at the same line
    assert build.returncode == 1 and f"{ISSUE}:{EMOJI_LINE}: character '😀' (U+1F600)" in build.stderr


def test_a_character_is_judged_by_the_font_of_its_role(tmp_path: Path) -> None:
    """〚 (U+301A) is in the body font (Noto Serif CJK) and not in the 楷体 one (LXGW WenKai); Ą (U+0104)
    the other way round. In a paragraph only Ą is refused."""
    project = _project(tmp_path)
    _write_paragraph(project, "第一篇正文，〚试点〛工作进展顺利，Ąb。")
    check = run_bulletin(project, "check")
    findings = [line for line in check.stdout.splitlines() if "BL001" in line]
    assert [f.split(" BL001 ")[1].split(" is not in")[0] for f in findings] == ["character 'Ą' (U+0104)"]


def test_a_series_title_is_checked_for_every_issue_it_heads(tmp_path: Path) -> None:
    project = _project(tmp_path)
    series = project / "bulletins/demo/series.yml"
    series.write_text(series.read_text(encoding="utf-8").replace("title: ", "title: ✨", 1), encoding="utf-8")
    check = run_bulletin(project, "check")
    assert check.returncode == 1
    assert "bulletins/demo/series.yml" in check.stdout and "'✨' (U+2728)" in check.stdout


def test_no_font_is_asked_when_the_build_makes_no_pdfs(tmp_path: Path) -> None:
    project = _project(tmp_path, pdf=False)
    _write_paragraph(project, "第一篇正文，工作进展顺利😀。")
    check = run_bulletin(project, "check")
    assert "BL001" not in check.stdout, check.stdout


def test_a_clean_project_has_no_print_finding(tmp_path: Path) -> None:
    check = run_bulletin(_project(tmp_path), "check")
    assert "BL001" not in check.stdout, check.stdout
