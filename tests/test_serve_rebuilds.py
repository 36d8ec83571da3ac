"""What one save costs in `bulletin serve` (issue 13): the preview rebuilds the edited issue's page and
its neighbours, and a list only when what it shows changed; a deleted issue's page leaves the preview
at once, and the next save is back to costing one issue.

Each rebuild is made the way `mkdocs serve` makes it: a fresh configuration (so new plugin instances)
and a dirty build into the same folder, with on_startup called once, for the first one only.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project


def _issue(root: Path, number: int, headline: str, body: str) -> None:
    path = root / f"bulletins/demo/2026/{number:03d}.md"
    path.write_text(f"---\nissue: {number}\ntotal: {number + 6}\ndate: 2026-03-{number + 4:02d}\n---\n"
                    f"## {headline}\n\n{body}\n", encoding="utf-8")


class Preview:
    """The rebuild loop of `mkdocs serve --dirty`, in this process."""

    def __init__(self, root: Path, site: Path):
        self.root, self.site, self.started = root, site, False

    def rebuild(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        if not self.started:
            config.plugins.on_startup(command="serve", dirty=True)
            self.started = True
        config.site_url = "http://127.0.0.1:8000/"
        build(config, serve_url=config.site_url, dirty=True)

    def stamps(self) -> dict[str, int]:
        return {p.relative_to(self.site).as_posix(): p.stat().st_mtime_ns for p in self.site.rglob("*.html")}

    def changed_by(self, edit) -> set[str]:
        before = self.stamps()
        time.sleep(0.05)       # a later modification time than the pages of the last build
        edit()
        self.rebuild()
        after = self.stamps()
        return {p for p in after if before.get(p) != after[p]}

    def page(self, path: str) -> str:
        """The page's text without tags (the web typesetting wraps 第5期 in a span)."""
        return re.sub(r"<[^>]*>", "", (self.site / path).read_text(encoding="utf-8"))

    def lists_showing(self, text: str) -> set[str]:
        return {p for p in self.stamps() if not _issue_pages({p}) and text in self.page(p)}


@pytest.fixture()
def preview(tmp_path):
    from bulletin.mkdocs.plugin import BulletinPlugin
    root = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = root / "mkdocs.yml"      # two issues a list page, so a series has several
    config.write_text(config.read_text(encoding="utf-8").replace("  - search:\n      lang: zh\n", "")
                      .replace("      pdf: false\n", "      pdf: false\n      page_size: 2\n"), encoding="utf-8")
    for number in range(3, 9):
        _issue(root, number, f"第{number}期头条", f"第{number}期的正文。")
    old = time.time() - 3600
    for path in root.rglob("*"):
        os.utime(path, (old, old))
    loop = Preview(root, tmp_path / "served")
    loop.rebuild()
    yield loop
    BulletinPlugin.serving = BulletinPlugin.dirty = False   # leave no preview state to later tests


def _issue_pages(paths: set[str]) -> set[str]:
    return {p for p in paths if re.fullmatch(r"demo/2026/\d{3}/index.html", p)}


def test_a_body_edit_rebuilds_that_issue_and_its_neighbours_and_no_list(preview):
    changed = preview.changed_by(lambda: _issue(preview.root, 5, "第5期头条", "第5期改过的正文。"))
    assert changed == {"demo/2026/004/index.html", "demo/2026/005/index.html", "demo/2026/006/index.html"}
    assert "第5期改过的正文" in preview.page("demo/2026/005/index.html")


def test_a_new_headline_rebuilds_the_lists_that_show_it_and_only_those(preview):
    showing = preview.lists_showing("第5期头条")
    assert "demo/index.html" not in showing and len(showing) >= 2   # several list pages; not all show it
    changed = preview.changed_by(lambda: _issue(preview.root, 5, "第5期换了头条", "第5期的正文。"))
    assert {p for p in changed if not _issue_pages({p})} == showing
    assert preview.lists_showing("第5期换了头条") == showing
    assert _issue_pages(changed) == {"demo/2026/004/index.html", "demo/2026/005/index.html",
                                     "demo/2026/006/index.html"}   # 上一期/下一期 show the headline


def test_a_new_issue_reaches_the_home_page_and_every_list_page_that_moves(preview):
    changed = preview.changed_by(lambda: _issue(preview.root, 9, "第9期头条", "第9期的正文。"))
    assert {"index.html", "demo/index.html", "demo/2026/index.html", "demo/2026/009/index.html",
            "demo/2026/008/index.html"} <= changed
    assert "第9期" in preview.page("index.html")


def test_a_deleted_issue_leaves_the_preview_and_the_next_save_costs_one_issue(preview):
    changed = preview.changed_by(lambda: (preview.root / "bulletins/demo/2026/007.md").unlink())
    assert not (preview.site / "demo/2026/007/index.html").exists()
    assert "demo/2026/008/index.html" in changed and "demo/2026/006/index.html" in changed
    assert not preview.lists_showing("第7期头条")
    changed = preview.changed_by(lambda: _issue(preview.root, 4, "第4期头条", "第4期改过的正文。"))
    assert changed == {"demo/2026/003/index.html", "demo/2026/004/index.html", "demo/2026/005/index.html"}


def test_an_issue_made_internal_leaves_the_previews_search_and_a_body_edit_does_not_index(preview):
    """The preview made its search index once: an issue made internal stayed findable there."""
    from bulletin.site.search import BUNDLE, read_fragments
    urls = lambda: {f["url"] for f in read_fragments(preview.site)}   # noqa: E731
    assert any("/demo/2026/005/" in url for url in urls())
    stamp = (preview.site / BUNDLE / "pagefind-entry.json").stat().st_mtime_ns
    preview.changed_by(lambda: _issue(preview.root, 4, "第4期头条", "第4期改过的正文。"))
    assert (preview.site / BUNDLE / "pagefind-entry.json").stat().st_mtime_ns == stamp
    path = preview.root / "bulletins/demo/2026/005.md"
    preview.changed_by(lambda: path.write_text(path.read_text(encoding="utf-8").replace(
        "---\n", "---\nvisibility: internal\n", 1), encoding="utf-8"))
    assert not any("/demo/2026/005/" in url for url in urls()) and any("/demo/2026/006/" in url for url in urls())


def test_a_series_made_internal_leaves_no_feed_in_the_preview(preview):
    """The preview's folder is written over save after save: a series made internal kept its feed."""
    feed = preview.site / "demo/feed.xml"
    assert feed.is_file()
    series = preview.root / "bulletins/demo/series.yml"
    preview.changed_by(lambda: series.write_text(series.read_text(encoding="utf-8") + "visibility: internal\n",
                                                 encoding="utf-8"))
    assert not feed.exists()
    assert "第5期头条" not in (preview.site / "feed.xml").read_text(encoding="utf-8")


def test_a_template_edit_rebuilds_every_page(preview):
    template = preview.root / "overrides/bulletin/archive.html"
    changed = preview.changed_by(lambda: template.write_text(template.read_text(encoding="utf-8") + "\n",
                                                             encoding="utf-8"))
    assert set(preview.stamps()) == changed


def test_after_a_series_of_saves_the_preview_equals_a_clean_build(preview, tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    edits = [lambda: _issue(preview.root, 5, "第5期换了头条", "第5期改过的正文。"),
             lambda: _issue(preview.root, 9, "第9期头条", "第9期的正文。"),
             lambda: (preview.root / "bulletins/demo/2026/003.md").unlink(),
             lambda: _issue(preview.root, 6, "第6期头条", "又改了一次。")]
    for edit in edits:
        preview.changed_by(edit)
    from bulletin.mkdocs.plugin import BulletinPlugin
    BulletinPlugin.serving = BulletinPlugin.dirty = False
    clean = tmp_path / "clean"
    config = load_config(str(preview.root / "mkdocs.yml"), site_dir=str(clean))
    config.plugins.on_startup(command="serve", dirty=False)   # serve's own settings (no sitemap), clean
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url=config.site_url)
    served = {p.relative_to(preview.site).as_posix(): p.read_bytes() for p in preview.site.rglob("*.html")}
    fresh = {p.relative_to(clean).as_posix(): p.read_bytes() for p in clean.rglob("*.html")}
    assert set(served) == set(fresh)
    assert [p for p in fresh if served[p] != fresh[p]] == []


def test_with_pdfs_a_save_prints_that_issue_only(tmp_path, monkeypatch):
    """`bulletin serve --pdf`: the first build prints everything; a later save prints the edited issue
    again and nothing else (no volume, the other PDFs kept), and every rebuilt page says its PDF's size."""
    from bulletin.mkdocs.plugin import BulletinPlugin
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - search:\n      lang: zh\n", "")
                      .replace("      pdf: false\n", "      pdf: true\n"), encoding="utf-8")
    _issue(root, 3, "第3期头条", "第3期的正文。")
    monkeypatch.setattr(BulletinPlugin, "serve_pdf", True)
    loop = Preview(root, tmp_path / "served")
    try:
        loop.rebuild()
        pdfs = lambda: {p.relative_to(loop.site).as_posix(): p.stat().st_mtime_ns  # noqa: E731
                        for p in loop.site.rglob("*.pdf")}
        before = pdfs()
        assert {"demo/2026/001.pdf", "demo/2026/002.pdf", "demo/2026/003.pdf"} <= set(before)
        assert any("volume" in p for p in before)
        changed = loop.changed_by(lambda: _issue(root, 2, "第2期头条", "第2期改过的正文。"))
        after = pdfs()
        assert {p for p in after if after[p] != before.get(p)} == {"demo/2026/002.pdf"}
        assert "demo/2026/002/index.html" in changed
        for page in changed:
            if _issue_pages({page}):
                assert re.search(r"（\d+页，\d+ KB）", loop.page(page)), page
    finally:
        BulletinPlugin.serving = BulletinPlugin.dirty = False
