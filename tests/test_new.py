"""`bulletin new`: numbering per year, 总第N期 continuing, default recipients, never overwriting."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bulletin.editorial import cli
from bulletin.errors import SourceError
from bulletin.sources.loader import load_project
from bulletin.editorial.new import create_issue, next_numbers
from bulletin.model.markdown import split_sections


def _issue(root: Path, year: int, number: int, total: int | None, date: str, extra: str = "") -> None:
    path = root / "bulletins" / "demo" / str(year) / f"{number:03d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    total_line = f"total: {total}\n" if total else ""
    path.write_text(f"---\nissue: {number}\n{total_line}date: {date}\n{extra}---\n\n## 标题{number}\n\n正文。\n",
                    encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: 示例\n", encoding="utf-8")
    b = tmp_path / "bulletins"
    (b / "demo").mkdir(parents=True)
    (b / "distribution.yml").write_text(
        "groups:\n  市领导:\n    people: [周明远]\n  成员单位:\n    units: [市财政局, 市大数据局]\n"
        "  各区县政府:\n    units: [东湖区人民政府]\n", encoding="utf-8")
    (b / "demo" / "series.yml").write_text(
        "title: 青禾市示例工作简报\noffice: 青禾市示例办公室\nshow_total: true\n"
        "distribution:\n  报: [市领导]\n  送: [成员单位]\n  发: [各区县政府]\n", encoding="utf-8")
    _issue(tmp_path, 2025, 1, 21, "2025-03-12")
    _issue(tmp_path, 2025, 2, 22, "2025-06-20")
    _issue(tmp_path, 2025, 3, 23, "2025-11-30")
    # a supplement counts neither for 第N期 nor for 总第N期
    path = b / "demo" / "2025" / "zk001.md"
    path.write_text("---\nissue: 1\nsupplement: true\ndate: 2025-12-01\n---\n\n## 增刊\n\n正文。\n", encoding="utf-8")
    return tmp_path


def test_next_number_in_the_same_year(root: Path) -> None:
    made = create_issue(root, "demo", dt.date(2025, 12, 15))
    assert made.rel == "bulletins/demo/2025/004.md"
    assert (made.number, made.total) == (4, 24)
    text = made.path.read_text(encoding="utf-8")
    assert "issue: 4\ntotal: 24\ndate: 2025-12-15\n" in text
    assert "  报: [市领导]\n  送: [成员单位]\n  发: [各区县政府]\n" in text
    preface, sections = split_sections(text.split("---\n", 2)[2], 1)
    assert len(sections) == 2
    project = load_project(root)   # the new file is a valid issue
    issue = next(i for i in project.series["demo"].issues if i.rel == made.rel)
    assert issue.number == 4 and issue.spec.total == 24
    assert [line.role for line in issue.distribution.lines] == ["报", "送", "发"]


def test_numbering_restarts_in_january_total_continues(root: Path) -> None:
    assert next_numbers(root / "bulletins" / "demo", 2026) == (1, 24)
    made = create_issue(root, "demo", dt.date(2026, 1, 6))
    assert made.rel == "bulletins/demo/2026/001.md"
    assert (made.number, made.total) == (1, 24)
    assert next_numbers(root / "bulletins" / "demo", 2026) == (2, 25)


def test_refuses_to_overwrite(root: Path, monkeypatch, capsys) -> None:
    target = root / "bulletins" / "demo" / "2025" / "002.md"
    before = target.read_bytes()
    with pytest.raises(SourceError) as info:
        create_issue(root, "demo", dt.date(2025, 12, 15), number=2)
    assert "already exists" in str(info.value)
    monkeypatch.chdir(root)
    assert cli.main(["new", "demo", "--date", "2025-12-15", "--issue", "2"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bulletins/demo/2025/002.md: 第2期 of 2025 already exists; refusing to overwrite")
    assert "Traceback" not in err
    assert target.read_bytes() == before


def test_cli_creates_file_with_date(root: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(root)
    assert cli.main(["new", "demo", "--date", "2025-12-15"]) == 0
    assert "bulletins/demo/2025/004.md: created 第4期（总第24期）" in capsys.readouterr().out
    assert (root / "bulletins" / "demo" / "2025" / "004.md").is_file()
    # running it again makes the next one, never the same file
    assert cli.main(["new", "demo", "--date", "2025-12-16"]) == 0
    assert (root / "bulletins" / "demo" / "2025" / "005.md").is_file()


def test_unknown_series_and_bad_date(root: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(root)
    assert cli.main(["new", "nosuch", "--date", "2025-12-15"]) == 1
    assert "unknown series 'nosuch'; expected one of: demo" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        cli.main(["new", "demo", "--date", "2025-13-01"])
    assert info.value.code == 2


def test_a_year_folder_linked_out_of_the_project_is_refused(root: Path, tmp_path_factory, monkeypatch, capsys) -> None:
    """bulletins/demo/2027 -> a folder elsewhere: the new issue was written there."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (root / "bulletins" / "demo" / "2027").symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.chdir(root)
    assert cli.main(["new", "demo", "--date", "2027-01-05"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bulletins/demo/2027: this folder leads out of bulletins/") and "Traceback" not in err
    assert list(elsewhere.iterdir()) == []


def test_a_dangling_link_in_the_files_place_is_not_followed(root: Path, tmp_path_factory, monkeypatch, capsys) -> None:
    target = tmp_path_factory.mktemp("elsewhere") / "made.md"
    (root / "bulletins" / "demo" / "2025" / "004.md").symlink_to(target)
    monkeypatch.chdir(root)
    assert cli.main(["new", "demo", "--date", "2025-12-15"]) == 1
    err = capsys.readouterr().err
    assert "004.md: 第4期 of 2025 already exists" in err and "Traceback" not in err
    assert not target.exists()


@pytest.mark.parametrize("args, words", [
    (["demo/../demo", "--date", "2025-12-15"], "unknown series 'demo/../demo'"),
    (["demo", "--date", "2025-12-15", "--issue", "-1"], "--issue -1 is not an issue number"),
    (["demo", "--date", "2025-12-15", "--issue", "0"], "--issue 0 is not an issue number"),
    (["demo", "--date", "2025-12-15", "--issue", "99999999999"], "is not an issue number"),
])
def test_series_and_numbers_that_are_no_issue_are_refused(root: Path, monkeypatch, capsys, args, words) -> None:
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    monkeypatch.chdir(root)
    assert cli.main(["new", *args]) == 1
    assert words in capsys.readouterr().err
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_check_flags_the_untouched_skeleton(root: Path) -> None:
    from bulletin.editorial.check import collect
    made = create_issue(root, "demo", dt.date(2025, 12, 15))
    findings, _ = collect(root, dt.date(2025, 12, 31))
    assert [f.code for f in findings if f.path == made.rel] == ["BL501", "BL501", "BL501", "BL501"]
