"""The sample site, built into a temporary folder: pages, listings, search index, internal issues."""
from __future__ import annotations

import json
import re
from pathlib import Path

import frontmatter
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

BULLETINS = ROOT / "bulletins"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def source_issues(series: str) -> list[tuple[Path, frontmatter.Post]]:
    return [(p, frontmatter.load(p)) for p in sorted((BULLETINS / series).glob("*/*.md"))
            if re.fullmatch(r"\d+\.md", p.name)]   # other .md files are attachments


def headlines(post: frontmatter.Post) -> list[str]:
    return re.findall(r"^## (.+?)\s*$", post.content, flags=re.M)


def internal_sources() -> list[Path]:
    return [p for series in ("szzw", "xczx") for p, post in source_issues(series)
            if post.get("visibility") == "internal"]


def test_issue_urls_are_ascii_and_stable(sample_site):
    for series in ("szzw", "xczx"):
        for path, post in source_issues(series):
            if post.get("visibility") == "internal":
                continue
            page = sample_site / series / str(post["date"].year) / f"{post['issue']:03d}" / "index.html"
            assert page.is_file(), page


def test_masthead_shows_series_number_total_office_and_date(sample_site):
    series = yaml.safe_load((BULLETINS / "szzw/series.yml").read_text(encoding="utf-8"))
    path, post = source_issues("szzw")[0]
    day = post["date"]
    page = soup(sample_site / f"szzw/{day.year}/{post['issue']:03d}/index.html")
    head = page.select_one(".bl-masthead")
    assert head.select_one("h1.bl-series").get_text() == series["title"]
    assert head.select_one(".bl-number").get_text() == f"第{post['issue']}期（总第{post['total']}期）"
    assert head.select_one(".bl-office").get_text() == series["office"]
    assert head.select_one(".bl-date").get_text() == f"{day.year}年{day.month}月{day.day}日"
    css = (ROOT / "overrides/assets/stylesheets/bulletin.css").read_text(encoding="utf-8")
    assert re.search(r"h1\.bl-series \{[^}]*color: var\(--bl-red\)", css)


def test_marking_and_editors_note(sample_site):
    seen_marking = seen_note = False
    for path, post in source_issues("szzw") + source_issues("xczx"):
        if post.get("visibility") == "internal":
            continue
        page = soup(sample_site / path.relative_to(BULLETINS).with_suffix("") / "index.html")
        marking = page.select_one(".bl-marking")
        if post.get("marking"):
            seen_marking = True
            assert marking.get_text() == post["marking"]
        else:
            assert marking is None
        note = page.select_one(".bl-preface")
        preface = post.content.split("\n## ", 1)[0].strip()
        if preface and not preface.startswith("## "):
            seen_note = True
            assert note.get_text().strip().startswith("编者按：")
            assert preface.splitlines()[0][:20] in note.get_text()
        else:
            assert note is None
    assert seen_marking and seen_note, "the samples should show a marking and an editor's note"


@pytest.mark.parametrize("series", ["szzw", "xczx"])
def test_toc_lists_headlines_in_order_and_links_to_them(sample_site, series):
    for path, post in source_issues(series):
        if post.get("visibility") == "internal":
            continue
        page = soup(sample_site / path.relative_to(BULLETINS).with_suffix("") / "index.html")
        items = page.select(".bl-toc ol li a")
        assert [a.get_text() for a in items] == headlines(post)
        for a in items:
            target = page.find(id=a["href"].lstrip("#"))
            assert target is not None and target.name == "h2" and target.get_text() == a.get_text()


def test_distribution_block_on_web_follows_series_setting(sample_site):
    szzw_page = soup(next((sample_site / "szzw").glob("*/0*/index.html")))
    assert szzw_page.select_one(".bl-distribution") is not None
    for page in (sample_site / "xczx").glob("*/0*/index.html"):
        assert soup(page).select_one(".bl-distribution") is None  # xczx prints its list only


def test_distribution_lines_are_resolved_from_the_address_book(mini_project):
    from conftest import run_bulletin
    assert run_bulletin(mini_project, "build", "--no-pdf").returncode == 0
    block = soup(mini_project / "site/demo/2026/001/index.html").select_one(".bl-distribution")
    lines = [p.get_text() for p in block.select("p")]
    # worked out by hand from tests/fixtures/mini: 2 people x 2 copies, 3 units, 2 units, 1 extra, 5 kept
    assert lines == ["报：甲一同志、乙二同志", "送：示例领导小组各成员单位", "发：东区政府、西区政府",
                     "本期增发：档案室", "（共印15份）"]
    block = soup(mini_project / "site/demo/2026/002/index.html").select_one(".bl-distribution")
    assert [p.get_text() for p in block.select("p")] == [
        "报：甲一同志、乙二同志", "发：东区政府、西区政府、示例领导小组各成员单位", "（共印14份）"]


def test_archive_groups_by_year_newest_first(sample_site):
    page = soup(sample_site / "szzw/index.html")
    years = [h.get_text() for h in page.select("article h2")]
    expected_years = sorted({post["date"].year for _, post in source_issues("szzw")}, reverse=True)
    assert years == [f"{y}年" for y in expected_years]
    links = [a["href"] for a in page.select(".bl-issue-list a")]
    expected = sorted(((post["date"], f"{post['date'].year}/{post['issue']:03d}/")
                       for _, post in source_issues("szzw") if post.get("visibility") != "internal"),
                      reverse=True)
    assert links == [href for _, href in expected]
    for href in links:
        assert (sample_site / "szzw" / href / "index.html").is_file()


def test_home_lists_series_and_latest_issues(sample_site):
    page = soup(sample_site / "index.html")
    series_links = {a["href"] for a in page.select(".bl-series-list a")}
    assert {"szzw/", "xczx/"} <= series_links
    latest = [a["href"] for a in page.select(".bl-latest a")]
    newest = max(((post["date"], f"{s}/{post['date'].year}/{post['issue']:03d}/")
                  for s in ("szzw", "xczx") for _, post in source_issues(s)
                  if post.get("visibility") != "internal"))
    assert latest[0] == newest[1]
    assert "本站集中发布" in page.get_text()  # the hand-written home text is kept


def test_search_index_finds_a_word_from_an_article_body(sample_site):
    index = json.loads((sample_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    hits = [d for d in index["docs"] if "沙箱" in d["text"]]
    assert hits and all(d["location"].startswith("szzw/") for d in hits)
    # jieba segments the Chinese text with zero-width spaces so words are separate search terms
    assert "\u200b" in hits[0]["text"]


def test_internal_issue_appears_nowhere_on_the_site(sample_site):
    sources = internal_sources()
    assert sources, "the samples should include an internal issue"
    needles = []
    for path in sources:
        post = frontmatter.load(path)
        needles += headlines(post)
        needles += [line.strip()[:30] for line in post.content.splitlines() if len(line.strip()) > 40][:5]
    assert len(needles) >= 5
    for file in sample_site.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".json", ".xml", ".txt", ".md"}:
            text = file.read_text(encoding="utf-8", errors="replace").replace("\u200b", "")
            for needle in needles:
                assert needle not in text, f"{needle!r} leaked into {file}"
        if file.is_file() and file.suffix == ".pdf":
            assert not any(file.relative_to(sample_site).with_suffix(".md") == p.relative_to(BULLETINS)
                           for p in sources)


def test_generated_pages_are_not_written_into_docs(sample_build):
    assert sorted(p.name for p in (sample_build / "docs").iterdir()) == \
        sorted(p.name for p in (ROOT / "docs").iterdir())


def test_pages_reference_nothing_outside_the_site(sample_site):
    for page in sample_site.rglob("*.html"):
        for tag in soup(page).select("script[src], link[rel=stylesheet], img[src], iframe[src]"):
            url = tag.get("src") or tag.get("href")
            assert not re.match(r"^(https?:)?//", url), f"{page}: {url}"


def test_search_index_holds_article_text_not_page_furniture(sample_site):
    """本期目录 repeats the headlines and 报/送/发 repeats on every issue: both stay out of the index,
    so a search for a headline or a recipient does not return every issue."""
    index = json.loads((sample_site / "search/search_index.json").read_text(encoding="utf-8"))
    path, post = source_issues("szzw")[0]
    location = f"szzw/{post['date'].year}/{post['issue']:03d}/"
    entries = [d for d in index["docs"] if d["location"].split("#")[0] == location]
    text = "".join(d["text"] for d in entries).replace("\u200b", "")
    assert headlines(post)[1] not in text.split(headlines(post)[0])[0]  # no TOC before the first article
    assert "共印" not in text and "本期目录" not in text
    titles = [d["title"].replace("\u200b", "") for d in entries if "#" in d["location"]]
    assert titles == headlines(post)   # one search section per article, in order


def test_sitemap_lists_public_pages_dated_by_the_sources(sample_site):
    """Same sources, same bytes: the sitemap's dates come from the newest public issue, not the clock."""
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    public = [post for s in ("szzw", "xczx") for _, post in source_issues(s) if post.get("visibility") != "internal"]
    dates = {post["date"] for s in ("tongzhi", "fangan", "huiyi") for _, post in source_issues(s)}
    newest = max(dates | {post["date"] for post in public})
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {newest.isoformat()}
    for path in internal_sources():
        assert "/" + path.relative_to(BULLETINS).with_suffix("").as_posix() + "/" not in sitemap
    assert "/szzw/2026/001/" in sitemap


def test_front_matter_values_are_escaped(mini_project):
    from conftest import run_bulletin
    issue = mini_project / "bulletins/demo/2026/001.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace(
        "extra: [档案室]", 'extra: ["<script>alert(1)</script>"]\nmarking: "<b>内部</b> & 注意"'), encoding="utf-8")
    result = run_bulletin(mini_project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    html = (mini_project / "site/demo/2026/001/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;内部&lt;/b&gt; &amp; 注意" in html
