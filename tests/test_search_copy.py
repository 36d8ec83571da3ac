"""The copy of the pages Pagefind indexes, kept in the cache between builds (site/search.py, Shadow).

A rebuild copies again only the pages whose bytes changed; the index must still be exactly the index
of the pages as they are, and a page that is gone must never be found."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulletin.site import search


def _page(text: str) -> str:
    return (f'<!doctype html><html lang="zh"><head><title>{text[:4]}</title></head>'
            f"<body><main data-pagefind-body><h1>{text[:4]}</h1><p>{text}</p></main></body></html>")


@pytest.fixture
def site(tmp_path) -> Path:
    folder = tmp_path / "site"
    for n, text in enumerate(["各地围绕重点任务持续发力", "全市政务服务事项全部上线", "青政办函〔2026〕8号印发"]):
        page = folder / f"a/{n}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(_page(text), encoding="utf-8")
    (folder / "list.html").write_text("<html><body><p>不索引的列表</p></body></html>", encoding="utf-8")
    return folder


def _bundle(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in (folder / "pagefind").rglob("*") if p.is_file()}


def _count_copies(monkeypatch) -> list[str]:
    copied: list[str] = []
    real = search.characters_apart
    monkeypatch.setattr(search, "characters_apart", lambda html: copied.append(html) or real(html))
    return copied


def _contents(site: Path) -> list[str]:
    return sorted(fragment["content"] for fragment in search.read_fragments(site))


def test_a_rebuild_copies_only_the_changed_page_and_indexes_as_a_fresh_copy_would(site, tmp_path, monkeypatch):
    keep = tmp_path / "cache/search"
    search.index_site(site, keep)
    assert len(_contents(site)) == 3
    assert sorted(json.loads((keep / "pages.json").read_text())["pages"]) == ["a/0/index.html", "a/1/index.html",
                                                                             "a/2/index.html"]
    (site / "a/1/index.html").write_text(_page("全市政务服务事项全部上线运行良好"), encoding="utf-8")
    copied = _count_copies(monkeypatch)
    search.index_site(site, keep)
    assert len(copied) == 1 and "运行良好" in copied[0]
    monkeypatch.undo()
    kept = _bundle(site)
    fresh = tmp_path / "fresh"
    import shutil
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(fresh)                                  # a copy for this build only
    assert kept == _bundle(fresh)
    assert any("运行良好" in text for text in _contents(site))


def test_a_page_that_is_gone_is_not_found(site, tmp_path):
    keep = tmp_path / "cache/search"
    search.index_site(site, keep)
    (site / "a/2/index.html").unlink()                       # an issue deleted or made internal
    search.index_site(site, keep)
    assert not (keep / "pages/a/2/index.html").exists()
    assert not any("青政办函" in text for text in _contents(site)) and len(_contents(site)) == 2


@pytest.mark.parametrize("listing", [None, "{damaged", '{"stamp": "other code", "pages": {}}'])
def test_without_a_good_list_the_copy_starts_anew(site, tmp_path, listing):
    """A build that stopped halfway leaves no list; a copy the list does not vouch for is not used."""
    keep = tmp_path / "cache/search"
    search.index_site(site, keep)
    stray = keep / "pages/old/index.html"                   # a page of some earlier site
    stray.parent.mkdir(parents=True)
    stray.write_text(_page("早已删除的内部简报"), encoding="utf-8")
    (keep / "pages/a/0/index.html").write_text(_page("被改动过的旧副本"), encoding="utf-8")
    if listing is None:
        (keep / "pages.json").unlink()
    else:
        (keep / "pages.json").write_text(listing, encoding="utf-8")
    search.index_site(site, keep)
    texts = " ".join(_contents(site))
    assert "早已删除" not in texts and "旧副本" not in texts and "重点任务" in texts.replace("\u200b", "")
    assert not stray.exists()


def test_a_stray_file_in_a_listed_copy_is_removed(site, tmp_path):
    keep = tmp_path / "cache/search"
    search.index_site(site, keep)
    stray = keep / "pages/a/9/index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text(_page("不该被索引的页面"), encoding="utf-8")
    search.index_site(site, keep)
    assert not stray.exists() and not any("不该" in t for t in _contents(site))


def test_a_listed_page_missing_from_the_copy_is_copied_again(site, tmp_path):
    keep = tmp_path / "cache/search"
    search.index_site(site, keep)
    (keep / "pages/a/2/index.html").unlink()               # the list vouches for it, the copy lost it
    search.index_site(site, keep)
    assert (keep / "pages/a/2/index.html").is_file()
    assert any("青政办函" in text.replace("\u200b", "") for text in _contents(site))


def test_pagefind_stopped_or_failing_leaves_no_list(site, tmp_path, monkeypatch):
    from bulletin.errors import SourceError
    keep = tmp_path / "cache/search"
    search.Indexing(site, keep).stop()                        # the PDFs failed meanwhile
    assert not (keep / "pages.json").exists()
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    with pytest.raises(SourceError):
        search.index_site(site, keep)
    assert not (keep / "pages.json").exists()


def test_a_link_planted_in_the_copy_is_not_written_through(site, tmp_path):
    keep = tmp_path / "cache/search"
    search.index_site(site, keep)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    import shutil
    shutil.rmtree(keep / "pages/a")
    (keep / "pages/a").symlink_to(elsewhere, target_is_directory=True)
    (site / "a/1/index.html").write_text(_page("全市政务服务事项全部上线运行良好"), encoding="utf-8")
    search.index_site(site, keep)
    assert list(elsewhere.iterdir()) == []
    assert not (keep / "pages/a").is_symlink() and len(_contents(site)) == 3


def test_pdf_facts_filled_in_later_do_not_make_a_page_copied_again(site, tmp_path, monkeypatch):
    """The build fills in each PDF's page count and size after Pagefind started (site/pages.py): the
    next build must not take the page for a changed one."""
    from bulletin.site.pages import PDF_FACTS
    page = site / "a/0/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</p>", f"</p><div data-pagefind-ignore>{PDF_FACTS}</div>"),
                    encoding="utf-8")
    keep = tmp_path / "cache/search"
    search.index_site(site, keep)
    before = _bundle(site)
    page.write_text(page.read_text(encoding="utf-8").replace(PDF_FACTS, PDF_FACTS.replace("></", ">（8页，63 KB）</")),
                    encoding="utf-8")
    copied = _count_copies(monkeypatch)
    search.index_site(site, keep)
    assert copied == [] and _bundle(site) == before
