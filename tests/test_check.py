"""`bulletin check` on tests/fixtures/check: a tiny project of deliberately broken issues.

The expected findings below were worked out by reading the fixture files, line by line
and column by column (columns count characters), not copied from the program's output.
"""
from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from bulletin.editorial import cli
from bulletin.editorial.check import collect, run_check
from bulletin.editorial.prose import apply_edits, prose_edits

FIXTURE = Path(__file__).parent / "fixtures" / "check"
TODAY = dt.date(2026, 6, 30)
D = "bulletins/demo/2026/"
N = "bulletins/notice/2026/"

EXPECTED = {
    # 002: dated before 第1期; two half-width marks; straight quotes; same headline twice; spaces
    (D + "002.md", 4, 1, "BL103"),
    (D + "002.md", 9, 5, "BL201"),    # 会议要求, → the comma is the 5th character
    (D + "002.md", 9, 17, "BL201"),   # …完成; → the semicolon is the 17th (10:30 is not a finding)
    (D + "002.md", 11, 3, "BL202"),   # 他说"好的" → opening quote
    (D + "002.md", 11, 6, "BL202"),   # closing quote
    (D + "002.md", 13, 4, "BL401"),   # second "## 重点工作推进情况"; the headline starts at column 4
    (D + "002.md", 15, 3, "BL203"),   # 青禾 市 政府
    (D + "002.md", 15, 5, "BL203"),
    # 004: 第3期 is missing; 32-character headline
    (D + "004.md", 2, 1, "BL101"),
    (D + "004.md", 8, 4, "BL402"),
    # 005: total jumps from 13 to 20 (expected 14); dated after "today"
    (D + "005.md", 3, 1, "BL104"),
    (D + "005.md", 4, 1, "BL105"),
    # 006: 第5期 twice; placeholder body left
    (D + "006.md", 2, 1, "BL102"),
    (D + "006.md", 9, 1, "BL501"),
    # notices: [2026] instead of 〔2026〕 at column 17 (after "doc_number: " and 青示办函);
    # 第05号; a half-width colon after the addressees; (试行) in the title
    (N + "003.md", 4, 17, "BL301"),
    (N + "003.md", 9, 8, "BL201"),
    (N + "005.md", 4, 13, "BL302"),
    (N + "005.md", 5, 16, "BL201"),
    (N + "005.md", 5, 19, "BL201"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURE, root)
    return root


def test_exact_findings(project: Path) -> None:
    findings, _ = collect(project, TODAY)
    editorial = {(f.path, f.line, f.col, f.code) for f in findings if f.code != "BL001"}
    assert editorial == EXPECTED
    # the build's own validation: the misspelt field in 004 (its line), nothing in the clean 001
    bl001 = [f for f in findings if f.code == "BL001"]
    assert any(f.path == D + "004.md" and f.line == 5 and "auther" in f.message for f in bl001)
    assert not [f for f in findings if f.path.endswith("001.md")]


def test_output_format_and_exit_status(project: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    assert cli.main(["check", "--today", "2026-06-30"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{D}002.md:9:5: BL201 half-width ',' in Chinese text; expected full-width '，'" in out
    assert out[-1].endswith("finding(s) in 6 file(s)")


def test_clean_project_exits_zero(project: Path) -> None:
    for name in ("002.md", "004.md", "005.md", "006.md"):
        (project / D / name).unlink()
    shutil.rmtree(project / "bulletins" / "notice")
    out = io.StringIO()
    assert run_check(project, today=TODAY, out=out) == 0
    assert out.getvalue() == ""


def test_fix_rewrites_safe_findings_and_rechecks(project: Path) -> None:
    out = io.StringIO()
    assert run_check(project, fix=True, today=TODAY, out=out) == 1   # the other findings remain
    lines = (project / D / "002.md").read_text(encoding="utf-8").splitlines()
    assert lines[8] == "会议要求，各单位要在3月底前完成；时间为10:30。"
    assert lines[10] == "他说“好的”然后离开。"
    assert lines[14] == "青禾 市 政府"          # stray spaces are reported, never deleted
    notice = (project / N / "003.md").read_text(encoding="utf-8").splitlines()
    assert notice[3] == "doc_number: 青示办函〔2026〕3号"
    assert notice[8] == "各区县人民政府："
    title = (project / N / "005.md").read_text(encoding="utf-8").splitlines()[4]
    assert title == "title: 关于开展示例工作（试行）的通知"
    text = out.getvalue().splitlines()
    # the diff comes first, one file after the other, then the re-check
    assert text[:2] == [f"--- a/{D}002.md", f"+++ b/{D}002.md"]
    assert "-会议要求,各单位要在3月底前完成; 时间为10:30。" in text
    assert "+会议要求，各单位要在3月底前完成；时间为10:30。" in text
    assert f"+++ b/{N}003.md" in text and "+doc_number: 青示办函〔2026〕3号" in text
    assert text.index("fixed 3 file(s); checking again") > text.index(f"+++ b/{N}005.md")
    findings, _ = collect(project, TODAY)
    codes = {f.code for f in findings}
    assert not codes & {"BL201", "BL202", "BL204", "BL205", "BL301"}
    assert codes >= {"BL101", "BL102", "BL103", "BL104", "BL105", "BL203", "BL401", "BL402", "BL501"}


@pytest.mark.parametrize("line", [
    "详见 [通知](https://example.org/a,b) 和 `a,b`。",
    "会议于10:30开始，比例尺1:500，共3,000人。",
    "Hello, world (test)!",
    "<span class=\"x\">正文</span>",
    "联系邮箱：office@example.org，网址www.example.org/a?b=1,2。",
    "```",
])
def test_not_findings(line: str) -> None:
    assert prose_edits(line) == []


@pytest.mark.parametrize("line, fixed", [
    ("(1)加强组织领导", "（1）加强组织领导"),
    ("各单位要抓好落实 , 确保实效!", "各单位要抓好落实，确保实效！"),
    ("是否按期完成?", "是否按期完成？"),
    ("完成 。 下一步", "完成。下一步"),
])
def test_fixes(line: str, fixed: str) -> None:
    edits = prose_edits(line)
    assert edits and apply_edits(line, edits) == fixed


def test_fences_and_comments_are_skipped(project: Path) -> None:
    path = project / D / "001.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n```\n会议,要求\n```\n\n<!-- 注释,不查\n也不查, -->\n",
                    encoding="utf-8")
    findings, _ = collect(project, TODAY)
    assert not [f for f in findings if f.path.endswith("001.md")]


def test_a_comment_between_chinese_words_is_no_space(project: Path) -> None:
    path = project / D / "001.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n会议<!-- 注释 -->要求。\n", encoding="utf-8")
    findings, _ = collect(project, TODAY)
    assert not [f for f in findings if f.path.endswith("001.md")]


GUIDE = Path(__file__).parent.parent / "guides" / "workflow.md"


def test_editors_guide_lists_every_code_and_marks_exactly_the_fixable_ones() -> None:
    """guides/workflow.md is what editors read: its table once called BL203 fixable (spaces "go")
    after the check had stopped deleting spaces, and knew nothing of BL204/BL205."""
    from bulletin.editorial.findings import CODES, FIXABLE
    rows = [line.split("|")[1:3] for line in GUIDE.read_text(encoding="utf-8").splitlines()
            if line.startswith("| BL")]
    listed = {code.strip(): text for code, text in rows}
    assert set(listed) == set(CODES)
    assert {code for code, text in listed.items() if "(fixable" in text} == FIXABLE


def test_editors_guide_diff_is_what_the_fixes_do() -> None:
    """Each - line of the guide's --fix example, fixed, is its + line, with the same Han characters."""
    import unicodedata
    text = GUIDE.read_text(encoding="utf-8")
    block = text.split("```diff\n", 1)[1].split("```", 1)[0].splitlines()
    before = [line[1:] for line in block if line.startswith("-")]
    after = [line[1:] for line in block if line.startswith("+")]
    assert len(before) == len(after) == 2
    han = lambda s: [c for c in s if unicodedata.name(c, "").startswith("CJK UNIFIED")]  # noqa: E731
    for old, new in zip(before, after):
        assert apply_edits(old, prose_edits(old)) == new
        assert han(old) == han(new)
    assert "11月28日\u3000市政务" in after[0]      # date | place: a full-width space, not nothing
    assert "将在 全市" in after[1]                 # a stray space is reported (BL203), not deleted


def test_a_headline_is_measured_and_compared_as_it_is_shown(tmp_path: Path) -> None:
    """BL402 counted the ** and the link's address of ## **重点**…[平台](https://…) as characters of the
    本期目录 line, which shows only the words; BL401 compares the words too."""
    from bulletin.editorial.check import check_file
    from bulletin.sources import scan
    shown = "关于推进全市政务服务平台建设的工作进展"            # 19 characters: fits one line
    path = tmp_path / "001.md"
    path.write_text(f"---\nissue: 1\ndate: 2026-03-05\n---\n\n## **关于推进**全市[政务服务平台](https://example.org/a)"
                    f"建设的`工作进展`\n\n正文。\n\n## {shown}\n\n正文。\n", encoding="utf-8")
    findings = check_file(scan.read_source(path, "001.md"), True).findings
    assert [(f.line, f.code) for f in findings] == [(10, "BL401")]


@pytest.mark.parametrize("body, expected", [
    ("正文[^1]。\n", [(6, 3, "BL601")]),
    ("正文[^1]和[^2]。\n\n[^2]: 注二。\n", [(6, 3, "BL601")]),
    ("## 甲\n\n正文[^a]。\n\n## 乙\n\n正文。\n\n[^a]: 写在全文末尾的注。\n", []),
    ("正文`[^1]`。\n\n```\n[^2]\n```\n", []),                 # code: as written, on purpose
    ("## 标题[^a]\n\n正文。\n\n[^a]: 注。\n", [(6, 6, "BL601")]),   # a headline prints its words only
    ("| 甲 | 乙 | 丙 |\n|---|---|\n| 1 | 2 | 3 |\n", [(7, 1, "BL602")]),
    ("| 甲 | 乙 |\n|:--|--:|---|\n| 1 | 2 |\n", [(7, 1, "BL602")]),
    ("| 甲 | 乙 |\n| -- | -- |\n| 1 | 2 | 3 |\n", []),       # body rows may differ: padded or cut
    ("甲 | 乙\n--- | ---\n1 | 2\n", []),
    ("| 甲 \\| 乙 | 丙 |\n|---|---|\n", []),                    # an escaped bar is inside a cell
    ("甲 `a|b` | 丙\n---|---\n", []),                          # so is one in code
    ("甲 | 丙\n|---|---|\n", [(7, 1, "BL602")]),              # bars the header row has not: 4 cells
    ("正文。\n| 甲 | 乙 |\n|---|\n", []),                       # inside a paragraph: no table at all
    ("## 表\n| 甲 | 乙 |\n|---|\n", [(8, 1, "BL602")]),          # under a heading: a table
    ("标题 | 副题\n---\n", []),                                # a heading's underline, not a table
])
def test_markup_printed_as_written(tmp_path: Path, body: str, expected: list) -> None:
    """BL601 and BL602: a footnote never defined and a table whose delimiter row does not match its
    header are shown as their source, on the page and in the PDF."""
    from bulletin.editorial.check import check_file
    from bulletin.sources import scan
    path = tmp_path / "001.md"
    path.write_text(f"---\nissue: 1\ndate: 2026-03-05\n---\n\n{body}", encoding="utf-8")
    findings = check_file(scan.read_source(path, "001.md"), True).findings
    assert [(f.line, f.col, f.code) for f in findings] == expected
