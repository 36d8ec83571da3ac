"""The preview's loader takes over the last load's issues (sources/loader.py ``previous``) only when
nothing they were made from changed: the issue's file, its series.yml and the address book. Whatever
else a load checks is checked again, and notices (which read attachment files) are always read."""
from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.errors import SourceError
from bulletin.sources.loader import load_project
from conftest import ROOT, copy_project


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_project(ROOT, tmp_path / "p")


def _by_rel(project) -> dict:
    return {issue.rel: issue for issue in project.all_issues()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_bulletins_are_taken_over_and_notices_read_again(project):
    first = load_project(project)
    second = load_project(project, previous=first)
    old, new = _by_rel(first), _by_rel(second)
    assert set(old) == set(new)
    bulletins = [rel for rel, issue in old.items() if issue.document is None]
    notices = [rel for rel, issue in old.items() if issue.document is not None]
    assert bulletins and notices
    assert all(new[rel].spec is old[rel].spec for rel in bulletins)
    assert all(new[rel].spec is not old[rel].spec for rel in notices)
    assert all(new[rel].series is second.series[new[rel].series.slug] for rel in new)


def test_an_edited_issue_is_read_again(project):
    first = load_project(project)
    source = project / "bulletins/szzw/2026/002.md"
    _edit(source, "\n## ", "\n## 新加的一篇\n\n新加的正文。\n\n## ")
    second = load_project(project, previous=first)
    rel = "bulletins/szzw/2026/002.md"
    assert _by_rel(second)[rel].sections[0].title == "新加的一篇"
    assert _by_rel(second)["bulletins/szzw/2026/001.md"].spec is _by_rel(first)["bulletins/szzw/2026/001.md"].spec


def test_a_changed_series_or_address_book_reads_everything_again(project):
    first = load_project(project)
    _edit(project / "bulletins/szzw/series.yml", "title: ", "title: 新")
    second = load_project(project, previous=first)
    szzw = [i for i in second.all_issues() if i.series.slug == "szzw"]
    assert all(i.spec is not _by_rel(first)[i.rel].spec for i in szzw)
    assert second.series["szzw"].title.startswith("新")
    book = project / "bulletins/distribution.yml"
    book.write_text(book.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = load_project(project, previous=second)
    assert all(i.spec is not _by_rel(second)[i.rel].spec for i in third.all_issues())


def test_what_an_unchanged_issue_depends_on_elsewhere_is_checked_again(project):
    first = load_project(project)
    rel = "bulletins/szzw/2026/001.md"
    sidecar = project / "bulletins/szzw/2026/001.unplaced.txt"
    sidecar.write_text("导入时没有放好的一行。\n", encoding="utf-8")
    with pytest.raises(SourceError) as failed:
        load_project(project, previous=first)
    assert any(p.path == rel and "001.unplaced.txt" in p.message for p in failed.value.problems)
    sidecar.unlink()
    image = project / "bulletins/szzw/2026/图.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    _edit(project / rel, "\n## ", "\n![现场](图.png)\n\n## ")
    second = load_project(project, previous=first)
    image.unlink()
    with pytest.raises(SourceError) as failed:
        load_project(project, previous=second)
    assert any(p.path == rel and "图.png" in p.message for p in failed.value.problems)
