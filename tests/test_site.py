"""The sample site, built into a temporary folder: pages, archives, page furniture, the search index,
internal issues (issue 11 for the reader's site)."""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

import frontmatter
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, copy_project, run_bulletin

BULLETINS = ROOT / "bulletins"
DOC_SERIES = ("tongzhi", "fangan", "huiyi")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def source_issues(series: str) -> list[tuple[Path, frontmatter.Post]]:
    return [(p, frontmatter.load(p)) for p in sorted((BULLETINS / series).glob("*/*.md"))
            if re.fullmatch(r"\d+\.md", p.name)]   # other .md files are attachments


def public_issues(series: str) -> list[tuple[Path, frontmatter.Post]]:
    return [(p, post) for p, post in source_issues(series) if post.get("visibility") != "internal"]


def headlines(post: frontmatter.Post) -> list[str]:
    return re.findall(r"^## (.+?)\s*$", post.content, flags=re.M)


def internal_sources() -> list[Path]:
    return [p for series in ("szzw", "xczx") for p, post in source_issues(series)
            if post.get("visibility") == "internal"]


def cn(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def page_of(site: Path, series: str, post) -> Path:
    return site / series / str(post["date"].year) / f"{post['issue']:03d}" / "index.html"


def target(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on ``page`` leads to."""
    path = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href.split("#")[0]))
    found = site / path
    return found / "index.html" if found.is_dir() else found


def mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


# ---------------------------------------------------------------- issue pages
def test_issue_urls_are_ascii_and_stable(sample_site):
    for series in ("szzw", "xczx", *DOC_SERIES):
        for path, post in public_issues(series):
            assert page_of(sample_site, series, post).is_file(), path


def test_masthead_shows_series_number_total_office_and_date(sample_site):
    series = yaml.safe_load((BULLETINS / "szzw/series.yml").read_text(encoding="utf-8"))
    path, post = source_issues("szzw")[0]
    page = soup(page_of(sample_site, "szzw", post))
    head = page.select_one(".bl-masthead")
    assert head.select_one("h1.bl-series").get_text() == series["title"]
    assert head.select_one(".bl-number").get_text() == f"第{post['issue']}期（总第{post['total']}期）"
    assert head.select_one(".bl-office").get_text() == series["office"]
    assert head.select_one(".bl-date").get_text() == cn(post["date"])
    assert f"bl-chars-{len(series['title'])}" in head.select_one("h1.bl-series")["class"]
    css = (ROOT / "overrides/assets/stylesheets/bulletin.css").read_text(encoding="utf-8")
    assert re.search(r"h1\.bl-series \{[^}]*color: var\(--bl-red\)", css)


def test_no_print_marking_on_the_web_unless_the_series_asks(sample_site, tmp_path):
    marked = [(s, post) for s in ("szzw", "xczx") for _, post in public_issues(s) if post.get("marking")]
    assert marked, "the samples should have issues with a print marking"
    for series, post in marked:   # no sample series asks: 内部资料 is for paper
        page = page_of(sample_site, series, post).read_text(encoding="utf-8")
        assert 'class="bl-marking"' not in page and post["marking"] not in page
    project = copy_project(FIXTURES / "mini", tmp_path / "mini")
    issue = project / "bulletins/demo/2026/001.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace("extra:", "marking: 内部资料 注意保存\nextra:"),
                     encoding="utf-8")
    series = project / "bulletins/demo/series.yml"
    series.write_text(series.read_text(encoding="utf-8") + "marking_on_web: true\n", encoding="utf-8")
    assert run_bulletin(project, "build", "--no-pdf").returncode == 0
    marking = soup(project / "site/demo/2026/001/index.html").select_one("article .bl-marking")
    assert marking is not None and marking.get_text() == "内部资料 注意保存"


def test_editors_note(sample_site):
    seen = False
    for series in ("szzw", "xczx"):
        for path, post in public_issues(series):
            note = soup(page_of(sample_site, series, post)).select_one(".bl-preface")
            preface = post.content.split("\n## ", 1)[0].strip()
            if preface and not preface.startswith("## "):
                seen = True
                assert note.get_text().strip().startswith("编者按：")
                assert preface.splitlines()[0][:20] in note.get_text()
            else:
                assert note is None
    assert seen, "the samples should show an editor's note"


@pytest.mark.parametrize("series", ["szzw", "xczx"])
def test_toc_lists_headlines_in_order_and_links_to_them(sample_site, series):
    for path, post in public_issues(series):
        page = soup(page_of(sample_site, series, post))
        items = page.select(".bl-toc ol li a")
        assert [a.get_text() for a in items] == headlines(post)
        for a in items:
            found = page.find(id=a["href"].lstrip("#"))
            assert found is not None and found.name == "h2" and found.get_text() == a.get_text()


def test_distribution_block_on_web_follows_series_setting(sample_site):
    szzw_page = soup(next((sample_site / "szzw").glob("*/0*/index.html")))
    assert szzw_page.select_one(".bl-distribution") is not None
    for page in (sample_site / "xczx").glob("*/0*/index.html"):
        assert soup(page).select_one(".bl-distribution") is None  # xczx prints its list only


def test_distribution_lines_are_resolved_from_the_address_book(mini_project):
    assert run_bulletin(mini_project, "build", "--no-pdf").returncode == 0
    block = soup(mini_project / "site/demo/2026/001/index.html").select_one(".bl-distribution")
    lines = [p.get_text() for p in block.select("p")]
    # worked out by hand from tests/fixtures/mini: 2 people x 2 copies, 3 units, 2 units, 1 extra, 5 kept
    assert lines == ["报：甲一同志、乙二同志", "送：示例领导小组各成员单位", "发：东区政府、西区政府",
                     "本期增发：档案室", "（共印15份）"]
    block = soup(mini_project / "site/demo/2026/002/index.html").select_one(".bl-distribution")
    assert [p.get_text() for p in block.select("p")] == [
        "报：甲一同志、乙二同志", "发：东区政府、西区政府、示例领导小组各成员单位", "（共印14份）"]


# ---------------------------------------------------------------- page furniture
def test_breadcrumbs_and_neighbours_within_the_series(sample_site):
    issues = sorted(public_issues("szzw"), key=lambda item: item[1]["date"])
    title = yaml.safe_load((BULLETINS / "szzw/series.yml").read_text(encoding="utf-8"))["title"]
    for n, (path, post) in enumerate(issues):
        page_file = page_of(sample_site, "szzw", post)
        page = soup(page_file)
        crumbs = page.select(".bl-breadcrumbs li")
        assert [c.get_text(strip=True) for c in crumbs] == ["首页", title, f"{post['date'].year}年", f"第{post['issue']}期"]
        links = [c.select_one("a")["href"] for c in crumbs[:3]]
        assert [target(sample_site, page_file, h) for h in links] == [
            sample_site / "index.html", sample_site / "szzw/index.html",
            sample_site / f"szzw/{post['date'].year}/index.html"]
        assert crumbs[3].select_one("[aria-current=page]") is not None
        prev, nxt = page.select_one("a.bl-prev"), page.select_one("a.bl-next")
        if n == 0:
            assert prev is None
        else:
            assert target(sample_site, page_file, prev["href"]) == page_of(sample_site, "szzw", issues[n - 1][1])
            assert headlines(issues[n - 1][1])[0] in prev.get_text()
        if n == len(issues) - 1:
            assert nxt is None
        else:
            assert target(sample_site, page_file, nxt["href"]) == page_of(sample_site, "szzw", issues[n + 1][1])
        back = page.select_one("a.bl-back")
        assert target(sample_site, page_file, back["href"]) == sample_site / f"szzw/{post['date'].year}/index.html"


def test_internal_issues_are_skipped_by_the_neighbour_links(sample_site):
    """xczx 2026 第2期 is internal: 第1期 and 第3期 link to each other."""
    first = sample_site / "xczx/2026/001/index.html"
    nxt = soup(first).select_one("a.bl-next")
    assert target(sample_site, first, nxt["href"]) == sample_site / "xczx/2026/003/index.html"


def test_pdf_link_with_pages_size_and_a_name_saying_which_issue(sample_site):
    from pypdf import PdfReader
    checked = 0
    for series in ("szzw", "xczx", *DOC_SERIES):
        for path, post in public_issues(series):
            page_file = page_of(sample_site, series, post)
            link = soup(page_file).select_one("a.bl-pdf-link")
            pdf = target(sample_site, page_file, link["href"])
            assert pdf == sample_site / series / str(post["date"].year) / f"{post['issue']:03d}.pdf"
            assert link["download"] == f"{series}-{post['date'].year}-{post['issue']:03d}.pdf"
            size_kb = max(1, round(pdf.stat().st_size / 1024))
            assert link.select_one(".bl-pdf-facts").get_text() == f"（{len(PdfReader(pdf).pages)}页，{size_kb} KB）"
            checked += 1
    assert checked >= 12


def test_pdf_facts_take_the_page_count_the_build_knows(tmp_path, monkeypatch):
    """A PDF the build rendered is not opened again to count its pages (2,000 of them took 4.6 s)."""
    import pikepdf
    from bulletin.site import pages
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 3000)

    def refuse(*args, **kwargs):
        raise AssertionError("the PDF was opened")
    monkeypatch.setattr(pikepdf, "open", refuse)
    assert pages.pdf_facts(pdf, 7) == "（7页，3 KB）"
    with pytest.raises(AssertionError):
        pages.pdf_facts(pdf)            # unknown: counted from the file


def test_feed_links_visible_and_for_feed_readers(sample_site):
    for series in ("szzw", "tongzhi"):
        for page_file in (sample_site / series / "index.html", page_of(sample_site, series, public_issues(series)[0][1])):
            page = soup(page_file)
            link = page.select_one("article a.bl-feed-link")
            assert link["type"] == "application/atom+xml"
            assert target(sample_site, page_file, link["href"]) == sample_site / series / "feed.xml"
            # for feed readers, in <noscript>: Material's script fetches sitemap.xml beside every
            # <link rel=alternate> it finds, and only the site's root has one
            heads = page.select("head noscript link[rel=alternate]")
            assert [target(sample_site, page_file, h["href"]) for h in heads] == \
                [sample_site / "feed.xml", sample_site / series / "feed.xml"]
            assert len(page.select("link[rel=alternate]")) == 2
    footer = soup(sample_site / "index.html").select_one("footer a[type='application/atom+xml']")
    assert footer is not None and target(sample_site, sample_site / "index.html", footer["href"]) == sample_site / "feed.xml"


def test_policy_documents_show_their_open_information_record(sample_site):
    for series in ("tongzhi", "fangan"):
        for path, post in public_issues(series):
            record = soup(page_of(sample_site, series, post)).select_one(".bl-record")
            rows = {dt.get_text(): dd.get_text() for dt, dd in zip(record.select("dt"), record.select("dd"))}
            assert rows == {"发文机关": post["issuer"], "发文字号": post["doc_number"],
                            "成文日期": cn(post["date"]), "发布日期": cn(post.get("printed_date") or post["date"])}
    report = soup(page_of(sample_site, "huiyi", public_issues("huiyi")[0][1]))
    assert report.select_one(".bl-record") is None, "a meeting report is not a policy document"


def test_record_shows_index_number_and_subject_where_given(tmp_path):
    project = copy_project(ROOT, tmp_path / "p")
    notice = project / "bulletins/tongzhi/2026/008.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace(
        "issuer: ", "index_no: 11330700MB1234567X/2026-00008\nsubject: 政务公开\\政务服务\nissuer: ", 1), encoding="utf-8")
    assert run_bulletin(project, "build", "--no-pdf").returncode == 0
    record = soup(project / "site/tongzhi/2026/008/index.html").select_one(".bl-record")
    assert [dt.get_text() for dt in record.select("dt")] == ["索引号", "发文机关", "发文字号", "成文日期", "发布日期", "主题分类"]
    assert record.select("dd")[0].get_text() == "11330700MB1234567X/2026-00008"
    assert record.select("dd")[-1].get_text() == "政务公开\\政务服务"


def test_footer_furniture_from_mkdocs_yml(sample_site):
    info = mkdocs_config()["extra"]["site_info"]
    for page_file in (sample_site / "index.html", sample_site / "404.html", sample_site / "szzw/2026/001/index.html"):
        footer = soup(page_file).select_one("footer")
        text = footer.get_text(" ", strip=True)
        for key in ("organizer", "contact", "site_code", "icp", "police"):
            assert info[key] in text, key
        assert "主办单位" in text and "网站标识码" in text
        assert "Made with" not in page_file.read_text(encoding="utf-8")


def test_chinese_404_page_leads_home_and_to_search(sample_site):
    page = soup(sample_site / "404.html")
    assert page.select_one("article h1").get_text() == "页面未找到"
    where = "https://bulletins.example.org/no/such/page/"    # a 404 page is served at any address
    links = {a.get_text(): urljoin(where, a["href"]) for a in page.select("article a")}
    assert links["返回网站首页"] == "https://bulletins.example.org/"
    assert links["搜索本站内容"] == "https://bulletins.example.org/?q="
    assert page.select_one("header .md-search__input") is not None


def test_editors_guides_are_in_the_repository_not_on_the_site(sample_site):
    for name in ("briefings", "workflow"):
        assert (ROOT / "guides" / f"{name}.md").is_file()
        assert not (sample_site / name).exists()
    nav = soup(sample_site / "index.html").select_one(".md-nav--primary").get_text()
    assert "编辑部" not in nav and "通知、方案与会议报道" not in nav
    assert [p.name for p in (ROOT / "docs").glob("*.md")] and not list((ROOT / "docs").glob("workflow*"))


# ---------------------------------------------------------------- archives
def test_series_archive_groups_by_year_newest_first(sample_site):
    page = soup(sample_site / "szzw/index.html")
    years = [h.get_text() for h in page.select("article h2")]
    expected_years = sorted({post["date"].year for _, post in source_issues("szzw")}, reverse=True)
    assert years == [f"{y}年" for y in expected_years]
    rows = page.select(".bl-issue-list li")
    expected = sorted(public_issues("szzw"), key=lambda item: item[1]["date"], reverse=True)
    assert [r.select_one("a")["href"] for r in rows] == \
        [f"{post['date'].year}/{post['issue']:03d}/" for _, post in expected]
    assert [(r.select_one(".bl-num").get_text(), r.select_one("a").get_text(), r.select_one("time").get_text())
            for r in rows] == [(f"第{post['issue']}期", headlines(post)[0], cn(post["date"])) for _, post in expected]
    year_links = [a["href"] for a in page.select(".bl-years a")]
    assert year_links == [f"{y}/" for y in expected_years]


@pytest.mark.parametrize("series", ["szzw", "xczx", *DOC_SERIES])
def test_year_archives_are_real_pages(sample_site, series):
    for year in sorted({post["date"].year for _, post in public_issues(series)}):
        page_file = sample_site / series / str(year) / "index.html"
        page = soup(page_file)
        expected = sorted([post for _, post in public_issues(series) if post["date"].year == year],
                          key=lambda post: post["date"], reverse=True)
        links = [a["href"] for a in page.select(".bl-issue-list a")]
        assert links == [f"{post['issue']:03d}/" for post in expected]
        assert all(target(sample_site, page_file, href).is_file() for href in links)
        assert page.select_one(".bl-years [aria-current=page]").get_text().startswith(f"{year}年")
        assert f"{year}年" in page.select_one("article h1").get_text()


def test_policy_documents_are_listed_by_document_number(sample_site):
    for series in ("tongzhi", "fangan"):
        page = soup(sample_site / series / "index.html")
        rows = [(r.select_one(".bl-num").get_text(), r.select_one("a").get_text()) for r in page.select(".bl-issue-list li")]
        assert rows == [(post["doc_number"], post["title"]) for _, post in
                        sorted(public_issues(series), key=lambda item: item[1]["date"], reverse=True)]
        assert "第" not in "".join(num for num, _ in rows)


def test_long_archives_are_paginated(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "mini")
    for n in range(3, 8):   # seven issues in 2026 and two in 2025, three a page
        (project / f"bulletins/demo/2026/{n:03d}.md").write_text(
            f"---\nissue: {n}\ndate: 2026-04-{n:02d}\n---\n## 第{n}期的文章\n\n正文。\n", encoding="utf-8")
    (project / "bulletins/demo/2025").mkdir()
    for n in (1, 2):
        (project / f"bulletins/demo/2025/{n:03d}.md").write_text(
            f"---\nissue: {n}\ndate: 2025-06-{n:02d}\n---\n## 旧文章{n}\n\n正文。\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: false\n      page_size: 3"),
                      encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for folder, total in (("demo", 9), ("demo/2026", 7), ("demo/2025", 2)):
        pages = [site / folder / "index.html"] + sorted((site / folder / "page").glob("*/index.html"))
        assert len(pages) == -(-total // 3)
        listed = []
        for number, page_file in enumerate(pages, 1):
            page = soup(page_file)
            items = page.select(".bl-issue-list a")
            assert 1 <= len(items) <= 3
            listed += [target(site, page_file, a["href"]) for a in items]
            pager = page.select(".bl-pages .bl-page")
            if len(pages) > 1:
                assert [p.get_text() for p in pager] == [str(n) for n in range(1, len(pages) + 1)]
                assert pager[number - 1].get("aria-current") == "page"
                others = [target(site, page_file, p["href"]) for p in pager if p.name == "a"]
                assert others == [p for p in pages if p != page_file]
        assert len(set(listed)) == total and all(p.is_file() for p in listed)


def test_home_lists_series_and_latest_issues(sample_site):
    page = soup(sample_site / "index.html")
    series_links = {a["href"] for a in page.select(".bl-series-list a.bl-series-link")}
    assert {"szzw/", "xczx/", "tongzhi/"} <= series_links
    latest = [a["href"] for a in page.select(".bl-latest a")]
    newest = max(((post["date"], f"{s}/{post['date'].year}/{post['issue']:03d}/")
                  for s in ("szzw", "xczx", *DOC_SERIES) for _, post in public_issues(s)))
    assert latest[0] == newest[1]
    assert "本站集中发布" in page.get_text()  # the hand-written home text is kept


# ---------------------------------------------------------------- the search index (Pagefind)
def fragments(site: Path) -> dict[str, dict]:
    from bulletin.site.search import read_fragments
    return {f["url"]: f for f in read_fragments(site)}


def test_search_index_holds_documents_and_hand_written_pages_only(sample_site):
    indexed = set(fragments(sample_site))
    expected = {f"/{s}/{post['date'].year}/{post['issue']:03d}/" for s in ("szzw", "xczx", *DOC_SERIES)
                for _, post in public_issues(s)} | {"/about/"}
    assert indexed == expected   # not the home page, the listings or the 404 page


def test_search_index_holds_article_text_not_page_furniture(sample_site):
    path, post = public_issues("szzw")[0]
    record = fragments(sample_site)[f"/szzw/{post['date'].year}/{post['issue']:03d}/"]
    assert record["meta"]["title"] == f"青禾市数字政府建设工作简报 {post['date'].year}年第{post['issue']}期"
    text = record["content"]
    assert headlines(post)[1] not in text.split(headlines(post)[0])[0]   # no 本期目录 before the first article
    assert "共印" not in text and "本期目录" not in text and "当前位置" not in text and "下载打印版" not in text
    anchors = [a["text"] for a in record["anchors"] if a["id"].startswith("article-")]
    assert anchors == headlines(post)   # one section per article: results say which article
    notice = fragments(sample_site)["/tongzhi/2026/008/"]
    assert "青政办函〔2026〕8号" in notice["content"] and notice["meta"]["number"] == "青政办函〔2026〕8号"


def test_internal_issue_appears_nowhere_on_the_site(sample_site):
    sources = internal_sources()
    assert sources, "the samples should include an internal issue"
    needles = []
    for path in sources:
        post = frontmatter.load(path)
        needles += headlines(post)
        needles += [line.strip()[:30] for line in post.content.splitlines() if len(line.strip()) > 40][:5]
    assert len(needles) >= 5
    texts = {f"pagefind:{url}": f["content"] + str(f["meta"]) for url, f in fragments(sample_site).items()}
    for file in sample_site.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".json", ".xml", ".txt", ".md"}:
            texts[str(file)] = file.read_text(encoding="utf-8", errors="replace").replace("\u200b", "")
        if file.is_file() and file.suffix == ".pdf":
            assert not any(file.relative_to(sample_site).with_suffix(".md") == p.relative_to(BULLETINS)
                           for p in sources)
    for where, text in texts.items():
        for needle in needles:
            assert needle not in text, f"{needle!r} leaked into {where}"


def test_generated_pages_are_not_written_into_docs(sample_build):
    assert sorted(p.name for p in (sample_build / "docs").iterdir()) == \
        sorted(p.name for p in (ROOT / "docs").iterdir())


def test_pages_reference_nothing_outside_the_site(sample_site):
    for page in sample_site.rglob("*.html"):
        for tag in soup(page).select("script[src], link[rel=stylesheet], img[src], iframe[src]"):
            url = tag.get("src") or tag.get("href")
            assert not re.match(r"^(https?:)?//", url), f"{page}: {url}"


def test_sitemap_lists_public_pages_dated_by_the_sources(sample_site):
    """Same sources, same bytes: the sitemap's dates come from the newest public issue, not the clock."""
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = {post["date"] for s in ("szzw", "xczx", *DOC_SERIES) for _, post in public_issues(s)}
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {max(dates).isoformat()}
    for path in internal_sources():
        assert "/" + path.relative_to(BULLETINS).with_suffix("").as_posix() + "/" not in sitemap
    assert "/szzw/2026/001/" in sitemap and "/szzw/2026/" in sitemap


# ---------------------------------------------------------------- web typesetting
# elements the site's CSS keeps on one line (white-space: nowrap)
KEPT_WHOLE = ["bl-nobr", "bl-date", "bl-docnum", "bl-sign-date", "bl-printed-date", "bl-report-date"]
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|青政办[函发]〔\d{4}〕\d+号|\d+(?:\.\d+)?万[件亩个]")


def test_dates_document_numbers_and_amounts_stay_on_one_line(sample_site):
    checked = 0
    for page_file in (sample_site / "szzw/2026/002/index.html", sample_site / "tongzhi/2026/008/index.html"):
        article = soup(page_file).select_one("article")
        for node in article.find_all(string=DATE):
            if node.find_parent(["script", "pre", "code", "time"]) is not None:
                continue
            for m in DATE.finditer(node):
                checked += 1
                assert node.find_parent(class_=KEPT_WHOLE) is not None, \
                    f"{page_file}: {m.group(0)} can break"
    assert checked >= 10


def test_material_search_reads_the_text_before_the_web_typesetting(mini_project):
    """The typesetting, and the templates' blocks set aside before Markdown (site/verbatim.py), come
    after Material's search has read the page (for speed: bench_site.py): the page still has them,
    and the index still holds the text."""
    source = mini_project / "bulletins/demo/2026/001.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "第二篇正文。", "2026年3月5日起，全区办结139项事项，涉及5.4万亩耕地。"), encoding="utf-8")
    assert run_bulletin(mini_project, "build", "--no-pdf").returncode == 0
    article = soup(mini_project / "site/demo/2026/001/index.html").select_one("article")
    kept = [span.get_text() for span in article.select(".bl-nobr")]
    assert {"2026年3月5日", "139项", "5.4万亩"} <= set(kept)
    assert article.select_one(".bl-masthead h1") and len(article.select(".bl-toc li")) == 2   # put back
    assert not article.select("[class^=bl-verbatim]")
    index = json.loads((mini_project / "site/search/search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"].replace("\u200b", "") for doc in index["docs"]   # its segmentation marks
             if doc["location"].startswith("demo/2026/001/")]
    assert any("139项" in text for text in texts)
    assert not any("bl-nobr" in text for text in texts)


def test_material_search_indexes_the_templates_blocks_it_always_indexed(tmp_path):
    """With Material's search on, the blocks set aside before Markdown (site/verbatim.py) that are not
    data-search-exclude (a notice's head, a report's head) are back in the body before the search
    plugin reads it, so its index holds their text; the masthead and 本期目录 stay out of it. (From
    c62541e until this test all of them came back only after the index was made.) Listings are not in
    the index at all."""
    project = copy_project(ROOT, tmp_path / "sample")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search:\n      lang: zh\n", 1),
                      encoding="utf-8")
    assert run_bulletin(project, "build", "--no-pdf").returncode == 0
    index = json.loads((project / "site/search/search_index.json").read_text(encoding="utf-8"))
    text = {doc["location"]: doc["text"].replace("\u200b", "") for doc in index["docs"]}
    assert "青禾市人民政府办公室文件" in text["tongzhi/2026/008/"]        # the notice's issuer mark
    assert "<p>青政办函〔2026〕8号</p>" in text["tongzhi/2026/008/"]      # and its 文号 line
    assert "市行政中心3号会议室" in text["huiyi/2026/012/"]              # the report's place and date
    assert "本期目录" not in text["szzw/2026/002/"] and "数字政府建设工作简报" not in text["szzw/2026/002/"]   # masthead
    # listings are left out, as Pagefind leaves them out: a title is found on its document's page
    pages = {location.split("#")[0] for location in text}
    assert {"szzw/2026/002/", "tongzhi/2026/008/", "about/"} <= pages
    assert not pages & {"szzw/", "szzw/2026/", "tongzhi/", "tongzhi/2026/", "xczx/2025/"}


def test_tables_are_named_focusable_scrolling_regions(sample_site):
    seen_stack = 0
    for page_file in (sample_site / "tongzhi/2026/008/index.html", sample_site / "fangan/2026/003/index.html"):
        for table in soup(page_file).select("article table"):
            box = table.parent
            assert "bl-table-wrap" in box["class"] and box["role"] == "region" and box["tabindex"] == "0"
            assert box["aria-label"].startswith("表格")
            assert table.get("class"), "a class keeps Material from wrapping it in an unfocusable scroller"
            if "bl-table-stack" in box["class"] and "bl-table" in table["class"]:   # an editor's table
                seen_stack += 1
                header = [th.get_text(" ", strip=True) for th in table.select("tr")[0].select("th")]
                row = [tr for tr in table.select("tr") if tr.select("td")][0]
                labels = [td["data-label"] for td in row.select("td")]
                assert labels[0] == header[0] and len(labels) == len(row.select("td"))
    assert seen_stack >= 2
