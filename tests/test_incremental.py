"""A rebuild costs what changed (issue 13): after an edit, `bulletin build` rebuilds the edited issue's
page, its neighbours and the lists it appears in; every other page is the previous build's file,
unchanged. A change to what every page depends on (configuration, templates) rebuilds everything, and
pages of issues that were removed or made internal are gone."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, run_bulletin


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _issue(root: Path, number: int, body: str) -> None:
    path = root / f"bulletins/demo/2026/{number:03d}.md"
    path.write_text(f"---\nissue: {number}\ntotal: {number + 6}\ndate: 2026-03-{number + 4:02d}\n---\n"
                    f"## 第{number}期第一篇\n\n{body}\n", encoding="utf-8")


@pytest.fixture()
def project(tmp_path) -> Path:
    root = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = root / "mkdocs.yml"       # no page-by-page search index: pages can be reused
    config.write_text(config.read_text(encoding="utf-8").replace("  - search:\n      lang: zh\n", ""),
                      encoding="utf-8")
    for number in range(3, 9):
        _issue(root, number, f"第{number}期的正文。")
    old = time.time() - 3600            # sources older than any build
    for path in root.rglob("*"):
        os.utime(path, (old, old))
    assert run_bulletin(root, "build").returncode == 0
    return root


def _rebuild(project: Path) -> tuple[dict, dict]:
    before = _stamps(project / "site")
    time.sleep(0.05)
    result = run_bulletin(project, "build")
    assert result.returncode == 0, result.stderr
    return before, _stamps(project / "site")


def _changed(before: dict, after: dict) -> set[str]:
    return {p for p in after if before.get(p) != after[p]}


def test_nothing_changed_rebuilds_no_issue_page(project):
    before, after = _rebuild(project)
    assert set(after) == set(before)
    assert not {p for p in _changed(before, after) if re.fullmatch(r"demo/2026/\d{3}/index.html", p)}


def test_one_edit_rebuilds_that_issue_its_neighbours_and_the_lists(project):
    _issue(project, 5, "第5期改过的正文，新增一句。")
    before, after = _rebuild(project)
    issue_pages = {p for p in _changed(before, after) if re.fullmatch(r"demo/2026/\d{3}/index.html", p)}
    assert issue_pages == {"demo/2026/004/index.html", "demo/2026/005/index.html", "demo/2026/006/index.html"}
    assert "改过的正文，新增一句" in (project / "site/demo/2026/005/index.html").read_text(encoding="utf-8")
    assert "index.html" in _changed(before, after)            # the home page lists the latest issues
    assert "demo/index.html" in _changed(before, after)       # the series archive


def test_a_template_change_rebuilds_everything(project):
    template = project / "overrides/bulletin/toc.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before, after = _rebuild(project)
    assert {p for p in after if p.startswith("demo/2026/")} <= _changed(before, after)


def test_a_removed_or_internal_issue_leaves_the_site(project):
    (project / "bulletins/demo/2026/007.md").unlink()
    path = project / "bulletins/demo/2026/008.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nvisibility: internal\n", 1),
                    encoding="utf-8")
    _rebuild(project)
    assert not (project / "site/demo/2026/007").exists()
    assert not (project / "site/demo/2026/008").exists()
    assert "8期的正文" not in "".join(p.read_text(encoding="utf-8") for p in (project / "site").rglob("*.html"))


def test_clean_rebuilds_everything(project):
    before = _stamps(project / "site")
    time.sleep(0.05)
    assert run_bulletin(project, "build", "--clean").returncode == 0
    after = _stamps(project / "site")
    assert _changed(before, after) == set(after)


def test_an_incremental_build_equals_a_clean_one(project, tmp_path):
    """Reused pages are not stale copies: after an edit, a new issue (whose neighbour 002 then links
    to it) and a deleted one (whose neighbours and lists change), every page of the rebuilt site is
    byte-identical to the same page of a clean build of the same sources."""
    _issue(project, 5, "第5期改过的正文，新增一句。")
    _issue(project, 9, "第9期是新的一期。")
    assert run_bulletin(project, "build").returncode == 0
    (project / "bulletins/demo/2026/007.md").unlink()
    assert run_bulletin(project, "build").returncode == 0
    clean = tmp_path / "clean-site"
    assert run_bulletin(project, "build", "--clean", "--site-dir", str(clean)).returncode == 0
    pages = {p.relative_to(clean).as_posix(): p.read_bytes() for p in clean.rglob("*.html")}
    rebuilt = {p.relative_to(project / "site").as_posix(): p.read_bytes() for p in (project / "site").rglob("*.html")}
    assert set(rebuilt) == set(pages)
    assert [p for p in pages if rebuilt[p] != pages[p]] == []
