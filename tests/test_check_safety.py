"""`bulletin check` is safe to run and to trust: clean on the sample, report-only unless --fix, every
fix shown as a diff first, never a changed count of Han characters, never a write to a file that is not
UTF-8, and the build's own problems merged without reading their wording."""
from __future__ import annotations

import codecs
import dataclasses
import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest

from bulletin.editorial import check, cli
from bulletin.editorial.check import collect, plan_fix, run_check
from bulletin.editorial.findings import Edit
from bulletin.kinds import KINDS
from bulletin.sources import scan
from conftest import ROOT, copy_project, run_bulletin
from test_check import D, FIXTURE, N, TODAY


def manifest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_project(ROOT, tmp_path / "sample")


def test_ci_step_sample_is_clean(sample: Path) -> None:
    """The CI step: `bulletin check` on the untouched sample project finds nothing."""
    result = run_bulletin(sample, "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_only_reports_and_diff_only_shows(project: Path) -> None:
    before = manifest(project)
    result = run_bulletin(project, "check", "--today", "2026-06-30")
    assert result.returncode == 1
    assert not [line for line in result.stdout.splitlines() if line.startswith(("---", "+++", "@@"))]
    assert manifest(project) == before

    result = run_bulletin(project, "check", "--diff", "--today", "2026-06-30")
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert out[:2] == [f"--- a/{D}002.md", f"+++ b/{D}002.md"]
    assert "-他说\"好的\"然后离开。" in out and "+他说“好的”然后离开。" in out
    assert not any(line.startswith("fixed ") for line in out)
    assert manifest(project) == before


def test_help_documents_diff_and_fix(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["check", "--help"])
    assert info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Only reports: no file is changed unless --fix is given" in text
    assert "--diff also print the fixes as a unified diff" in text
    assert "--fix print the same diff, then apply it in place" in text


@pytest.mark.parametrize("flags", [(), ("--fix",), ("--diff",)])
def test_not_utf8_file_is_one_line_and_never_written(sample: Path, flags: tuple) -> None:
    issue = sample / "bulletins" / "szzw" / "2026" / "004.md"
    original = issue.read_bytes()
    line = original.count(b"\n") + 2          # after the file's last line and a blank one
    # a GBK line ("会议" is BB E1 D2 E9 in GBK) after three good UTF-8 characters, and a fixable
    # half-width full stop, which must not tempt --fix into rewriting the file
    issue.write_bytes(original + "\n测试：".encode() + "会议".encode("gbk") + "\n供各地参考.\n".encode())
    before = manifest(sample)
    result = run_bulletin(sample, "check", *flags)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines() == [
        f"bulletins/szzw/2026/004.md:{line}: not UTF-8 text (byte 0xbb at column 4); expected UTF-8 — "
        "convert the file first",
        "1 finding(s) in 1 file(s)"]
    assert manifest(sample) == before


def test_a_fix_that_would_change_han_characters_is_refused(project: Path) -> None:
    path = project / D / "002.md"
    src = scan.read_source(path, f"{D}002.md")
    # line 9 is 会议要求,各单位要在3月底前完成; 时间为10:30。 with 4+5+5+3 = 17 Han characters
    plan = plan_fix(path, src, {8: [Edit(1, "会", "", "BL205")]})
    assert plan.refused == (f"{D}002.md:9: fix refused: it would change the number of Han characters on this "
                            "line from 17 to 16; expected the same — the file was left as it is (please report this)")


def test_run_check_writes_no_refused_file(project: Path, monkeypatch) -> None:
    """Even with a broken edit function, --fix writes nothing that loses a Han character."""
    real = check.apply_edits
    monkeypatch.setattr(check, "apply_edits", lambda line, edits: re.sub("[一-鿿]", "", real(line, edits), 1))
    before = manifest(project)
    out = io.StringIO()
    assert run_check(project, fix=True, today=TODAY, out=out) == 1
    refusals = [line for line in out.getvalue().splitlines() if "fix refused" in line]
    assert {r.split(":")[0] for r in refusals} == {f"{D}002.md", f"{N}003.md", f"{N}005.md"}
    assert manifest(project) == before


def test_fix_keeps_bom_and_line_endings(project: Path) -> None:
    path = project / D / "002.md"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    run_check(project, fix=True, today=TODAY, out=io.StringIO())
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and raw.count(b"\r\n") == text.count("\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert "会议要求，各单位要在3月底前完成；时间为10:30。\r\n".encode() in raw


def test_quoted_front_matter_value_keeps_its_quotes(project: Path) -> None:
    path = project / N / "005.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: 关于开展示例工作(试行)的通知", 'title: "关于开展示例工作(试行)的通知"'), encoding="utf-8")
    run_check(project, fix=True, today=TODAY, out=io.StringIO())
    assert path.read_text(encoding="utf-8").splitlines()[4] == 'title: "关于开展示例工作（试行）的通知"'


def _notice(project: Path, **lines: str) -> Path:
    """N 005.md with front-matter lines replaced (key -> whole new line or lines)."""
    path = project / N / "005.md"
    text = path.read_text(encoding="utf-8")
    for key, new in lines.items():
        text = re.sub(rf"^{key}:.*$", lambda m: new, text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return path


def _codes(project: Path, rel: str) -> list[tuple[int, int, str]]:
    findings, _ = collect(project, TODAY)
    return [(f.line, f.col, f.code) for f in findings if f.path == rel and f.code != "BL302"]


def test_escaped_quotes_in_a_double_quoted_title_are_fixed_to_yaml_that_reads(project: Path) -> None:
    """A straight quote in a double-quoted YAML value is written \\": the fix takes the backslash with
    it (the quote alone made \\“, an escape YAML refuses, and the issue no longer loaded)."""
    codes, line, title = _title_fixed(project, 'title: "关于开展\\"清廉机关\\"创建活动的通知"')
    assert codes == [(5, 14, "BL202"), (5, 20, "BL202")]
    assert (line, title) == ('title: "关于开展“清廉机关”创建活动的通知"', "关于开展“清廉机关”创建活动的通知")


def _title_fixed(project: Path, title: str) -> tuple[list, str, str]:
    """The findings on a notice's title line, then the line as --fix writes it and the title YAML reads."""
    import yaml
    path = _notice(project, title=title)
    codes = _codes(project, f"{N}005.md")
    run_check(project, fix=True, today=TODAY, out=io.StringIO())
    text = path.read_text(encoding="utf-8")
    return codes, text.splitlines()[4], yaml.safe_load(text.split("---")[1])["title"]


def test_a_fix_that_would_break_the_front_matter_is_refused(project: Path) -> None:
    """The old edit of that quote, the quote alone, is refused whole: nothing written."""
    path = _notice(project, title='title: "关于开展\\"清廉机关\\"创建活动的通知"')
    src = scan.read_source(path, f"{N}005.md")
    plan = plan_fix(path, src, {4: [Edit(14, '"', "“", "BL202")]})
    assert plan.refused is not None and plan.refused.startswith(f"{N}005.md:5: fix refused: it would make the "
                                                                "front matter unreadable (YAML syntax error")


def test_a_comment_after_a_front_matter_value_is_not_prose(project: Path) -> None:
    _notice(project, title="title: 关于开展示例工作的通知  # 公开方式:主动公开")
    assert _codes(project, f"{N}005.md") == []


def test_block_scalar_values_are_checked_line_by_line(project: Path) -> None:
    """title: >- with the value on the lines below: (试行) on the second of them, columns 14 and 17
    (two spaces of indent, 11 characters before the bracket)."""
    _notice(project, title="title: >-\n  青禾市人民政府办公室关于印发\n  青禾市政务数据管理办法(试行)的通知")
    assert _codes(project, f"{N}005.md") == [(7, 14, "BL201"), (7, 17, "BL201")]


def test_straight_quotes_doubled_in_a_single_quoted_value_are_one_quote_each(project: Path) -> None:
    """YAML writes a straight ' inside '…' as '': the pair is one quote (columns 13 and 19: the first
    of each pair), and the fix replaces each pair with one ‘ or ’, which YAML then reads."""
    codes, line, title = _title_fixed(project, "title: '关于推广''带押过户''做法的通知'")
    assert codes == [(5, 13, "BL202"), (5, 19, "BL202")]
    assert (line, title) == ("title: '关于推广‘带押过户’做法的通知'", "关于推广‘带押过户’做法的通知")


def test_an_indented_code_block_is_not_prose_but_a_list_items_continuation_is(project: Path) -> None:
    """Four spaces after a blank line make a code block on the page (not checked, not fixed); under a
    list item they continue the item, which is prose (its comma at column 9, after four spaces and 数据共享)."""
    path = project / D / "001.md"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    first = len(lines) + 2
    path.write_text("\n".join(lines) + "\n\n全市各单位要认真落实。\n\n    数据共享,业务协同.\n    继续,\n\n"
                    "- 第一项工作。\n\n    数据共享,业务协同。\n", encoding="utf-8")
    findings, _ = collect(project, TODAY)
    found = [(f.line, f.col, f.code) for f in findings if f.path == D + "001.md"]
    assert found == [(first + 7, 9, "BL201")]


def test_the_title_placeholder_of_bulletin_new_is_found(project: Path) -> None:
    _notice(project, title="title: （在此填写标题）")
    assert (5, 8, "BL501") in _codes(project, f"{N}005.md")


def test_a_headline_again_in_bold_is_the_same_headline(project: Path) -> None:
    path = project / N / "005.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 关于开展示例工作(试行)的通知", "title: 关于开展示例工作的通知")
                    + "\n## 测试标题\n\n正文。\n\n## **测试标题**\n\n正文。\n", encoding="utf-8")
    assert (15, 4, "BL401") in _codes(project, f"{N}005.md")     # the second, on line 15


def test_invisible_characters_in_any_field_and_in_series_yml_are_found(project: Path) -> None:
    """An override in an issuer, a soft hyphen in a title, an override in series.yml's title: every
    series page and feed printed them, and nothing was reported."""
    path = _notice(project, issuer="issuer: 青禾市示例\u202e办公室", title="title: 关于开展示\u00ad例工作的通知")
    series = project / "bulletins/notice/series.yml"
    series.write_text(series.read_text(encoding="utf-8").replace("title: ", "title: \u202e", 1), encoding="utf-8")
    line = next(n for n, t in enumerate(series.read_text(encoding="utf-8").split("\n"), 1) if t.startswith("title:"))
    codes = [(f.path, f.line, f.col, f.code) for f in collect(project, TODAY)[0] if f.code == "BL207"]
    assert codes == [(f"{N}005.md", 5, 13, "BL207"), (f"{N}005.md", 6, 14, "BL207"),
                     ("bulletins/notice/series.yml", line, 8, "BL207")]
    run_check(project, fix=True, today=TODAY, out=io.StringIO())
    text = path.read_text(encoding="utf-8")
    assert "issuer: 青禾市示例办公室\n" in text and "title: 关于开展示例工作的通知\n" in text


def test_build_problems_are_merged_by_place_not_wording(project: Path) -> None:
    """The duplicate 第5期 and the bad document numbers are one line each: check's own finding."""
    findings, _ = collect(project, TODAY)
    at = {(f.path, f.line): [g.code for g in findings if (g.path, g.line) == (f.path, f.line)] for f in findings}
    assert at[(f"{D}006.md", 2)] == ["BL102"]
    assert at[(f"{N}003.md", 4)] == ["BL301"]
    assert at[(f"{N}005.md", 4)] == ["BL302"]


def test_gaps_follow_the_kinds_numbered_by_year(project: Path, monkeypatch) -> None:
    """Notices are not numbered by year (no BL101 for 第3期 and 第5期); a kind that is, gets them."""
    def gaps() -> set:
        return {(f.path, f.line) for f in collect(project, TODAY)[0] if f.code == "BL101"}
    assert not {p for p, _ in gaps() if p.startswith(N)}
    monkeypatch.setitem(KINDS, "notice", dataclasses.replace(KINDS["notice"], numbered_by_year=True))
    assert {(p, line) for p, line in gaps() if p.startswith(N)} == {(f"{N}003.md", 2), (f"{N}005.md", 2)}
