"""Atom feeds: valid XML in the Atom namespace, dates from the front matter, absolute links
from site_url, internal issues and internal series absent, linked from the pages."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bulletin.model.publication import Publication
from bulletin.site.feeds import write_feeds
from bulletin.sources.loader import load_project

A = "{http://www.w3.org/2005/Atom}"
REPO = Path(__file__).resolve().parents[1]
SECRET = "内部测试标记甲乙丙"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _issue(root: Path, series: str, year: int, n: int, date: str, head: str, extra: str = "") -> None:
    _write(root / "bulletins" / series / str(year) / f"{n:03d}.md",
           f"---\nissue: {n}\ndate: {date}\n{extra}---\n\n## {head}\n\n正文。\n\n## 工作动态\n\n动态。\n")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    _write(tmp_path / "bulletins" / "distribution.yml", "groups:\n  市领导:\n    people: [周明远]\n")
    _write(tmp_path / "bulletins" / "demo" / "series.yml",
           "title: 青禾市示例工作简报\noffice: 青禾市示例办公室\ndescription: 示例简报\n"
           "distribution:\n  报: [市领导]\n")
    _write(tmp_path / "bulletins" / "neibu" / "series.yml",
           "title: 青禾市内部情况简报\noffice: 青禾市示例办公室\nvisibility: internal\n")
    _issue(tmp_path, "demo", 2025, 1, "2025-12-20", "年终工作总结会召开")
    _issue(tmp_path, "demo", 2026, 1, "2026-01-10", "全市示例工作会议召开")
    _issue(tmp_path, "demo", 2026, 2, "2026-02-01", SECRET, "visibility: internal\n")
    _issue(tmp_path, "demo", 2026, 3, "2026-03-05", "春季工作部署")
    _issue(tmp_path, "neibu", 2026, 1, "2026-04-01", SECRET + "二")
    return tmp_path


def _parse(path: Path) -> ET.Element:
    feed = ET.parse(path).getroot()
    assert feed.tag == A + "feed"
    return feed


def test_series_feed(root: Path, tmp_path: Path) -> None:
    project = load_project(root)
    site = tmp_path / "site"
    written = write_feeds(Publication(project), site, "https://example.org/bulletins", "示例网站")
    assert sorted(p.relative_to(site).as_posix() for p in written) == ["demo/feed.xml", "feed.xml"]
    feed = _parse(site / "demo" / "feed.xml")
    assert feed.findtext(A + "title") == "青禾市示例工作简报"
    assert feed.findtext(A + "id") == "https://example.org/bulletins/demo/"
    assert feed.findtext(A + "updated") == "2026-03-05T00:00:00+08:00"
    links = {l.get("rel"): l.get("href") for l in feed.findall(A + "link")}
    assert links == {"self": "https://example.org/bulletins/demo/feed.xml",
                     "alternate": "https://example.org/bulletins/demo/"}
    entries = feed.findall(A + "entry")
    assert [e.findtext(A + "id") for e in entries] == [
        "https://example.org/bulletins/demo/2026/003/",
        "https://example.org/bulletins/demo/2026/001/",
        "https://example.org/bulletins/demo/2025/001/",
    ]
    assert [e.findtext(A + "updated") for e in entries] == [
        "2026-03-05T00:00:00+08:00", "2026-01-10T00:00:00+08:00", "2025-12-20T00:00:00+08:00"]
    first = entries[0]
    assert first.findtext(A + "title") == "青禾市示例工作简报（2026年第3期）：春季工作部署"
    assert first.find(A + "link").get("href") == "https://example.org/bulletins/demo/2026/003/"
    assert first.findtext(A + "summary") == "本期目录：1. 春季工作部署；2. 工作动态"
    assert first.findtext(f"{A}author/{A}name") == "青禾市示例办公室"


def test_site_feed_and_internal_absent(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_feeds(Publication(load_project(root)), site, "https://example.org/", "示例网站")
    feed = _parse(site / "feed.xml")
    assert feed.findtext(A + "title") == "示例网站"
    ids = [e.findtext(A + "id") for e in feed.findall(A + "entry")]
    assert ids == ["https://example.org/demo/2026/003/", "https://example.org/demo/2026/001/",
                   "https://example.org/demo/2025/001/"]
    for path in site.rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        assert SECRET not in text and "neibu" not in text and "2026/002" not in text
    assert not (site / "neibu").exists()


def test_same_sources_same_bytes(root: Path, tmp_path: Path) -> None:
    write_feeds(Publication(load_project(root)), tmp_path / "a", "https://example.org/")
    write_feeds(Publication(load_project(root)), tmp_path / "b", "https://example.org/")
    assert (tmp_path / "a" / "feed.xml").read_bytes() == (tmp_path / "b" / "feed.xml").read_bytes()


def test_needs_an_absolute_site_url(root: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="site_url"):
        write_feeds(Publication(load_project(root)), tmp_path / "site", "")


def test_mkdocs_build_writes_and_links_feeds(root: Path, tmp_path: Path) -> None:
    """The plugin writes the feeds after the build and every page links them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    for name in ("mkdocs.yml", "docs", "overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "built"))
    config.plugins["bulletin"].config.pdf = False
    build(config)
    built = tmp_path / "built"
    site_url = config.site_url.rstrip("/") + "/"
    feed = _parse(built / "demo" / "feed.xml")
    assert feed.find(A + "entry").findtext(A + "id") == f"{site_url}demo/2026/003/"
    page = (built / "demo" / "2026" / "003" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="青禾市示例工作简报（Atom）" href="../../feed.xml">' in page
    assert 'type="application/atom+xml"' in (built / "index.html").read_text(encoding="utf-8")
    assert SECRET not in "".join(_parse(built / "feed.xml").itertext())
