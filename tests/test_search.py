"""Search as readers use it (issue 11): Pagefind over the built sample, queried through the site's own
search box in Chromium: 文号 whole and in parts, names, two-character words; result titles that say
which article; the searched words highlighted on the page a result opens; the index loaded only when
the box is used. Plus the index builder's own rules (site/search.py)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ROOT, serve_folder

pytestmark = pytest.mark.browser

BULLETINS = ROOT / "bulletins"


@pytest.fixture(scope="module")
def served(sample_site):
    with serve_folder(sample_site) as base:
        yield base


def search(page, base: str, query: str, mobile: bool = False) -> list[dict]:
    """Type a query as a reader does; return the results (path, anchor, context, title, excerpt)."""
    page.goto(base + "/")
    if mobile:
        page.click("label.md-header__button[for=__search]")
    page.click(".md-search__input")
    page.keyboard.type(query)      # Chinese text arrives as the IME would commit it
    # the status line names the query it has settled on: under load, the search for the last few
    # characters typed may have finished while the one for the whole query still waits to start
    page.wait_for_function("""q => {
        const meta = document.querySelector('.md-search-result__meta')
        return document.querySelector('.md-search__input').value === q && meta.dataset.query === q
    }""", arg=query, timeout=30_000)
    page.wait_for_timeout(200)
    results = []
    for link in page.query_selector_all(".md-search-result__link"):
        href = urlsplit(link.get_attribute("href"))
        results.append({"path": href.path, "anchor": href.fragment, "h": parse_qs(href.query).get("h", [""])[0],
                        "context": link.inner_text().split("\n")[0], "title": link.query_selector("h2").inner_text(),
                        "excerpt": link.query_selector("p:last-child").inner_html()})
    return results


def sources_with(text: str) -> set[str]:
    """Public pages whose source holds ``text`` (worked out from the sources, not from the site)."""
    import frontmatter
    found = set()
    for path in BULLETINS.glob("*/*/[0-9][0-9][0-9].md"):
        post = frontmatter.load(path)
        if post.get("visibility") == "internal":
            continue
        attachments = [path.parent / a["file"] for a in post.get("attachments", []) if a["file"].endswith(".md")]
        whole = "\n".join([post.content, *(str(v) for v in post.metadata.values())] +
                          [a.read_text(encoding="utf-8") for a in attachments])
        if text in whole:
            found.add("/" + path.relative_to(BULLETINS).with_suffix("").as_posix() + "/")
    return found


@pytest.mark.parametrize("query", ["青政办函〔2026〕8号", "青政办函", "〔2026〕8号", "8号"])
def test_document_number_whole_and_in_parts(page, served, query):
    results = search(page, served, query)
    assert results, query
    assert results[0]["path"] == "/tongzhi/2026/008/", [r["path"] for r in results]
    assert {r["path"] for r in results} <= sources_with(query), "every result holds the query as written"


def test_year_in_brackets_finds_every_document_of_that_year(page, served):
    results = search(page, served, "〔2026〕")
    assert {r["path"] for r in results} == sources_with("〔2026〕") == {"/tongzhi/2026/008/", "/fangan/2026/003/"}


@pytest.mark.parametrize("query", ["林晓华", "周明远", "冷链", "沙箱", "数据沙箱", "杨梅冷链"])
def test_names_words_and_phrases_find_exactly_the_pages_holding_them(page, served, query):
    expected = sources_with(query)
    assert expected, f"the samples should hold {query}"
    results = search(page, served, query)
    assert {r["path"] for r in results} == expected


def test_results_say_which_article(page, served):
    results = search(page, served, "数据沙箱")
    (result,) = results
    assert result["path"] == "/szzw/2026/001/" and result["anchor"].startswith("article-")
    import frontmatter
    post = frontmatter.load(BULLETINS / "szzw/2026/001.md")
    article = next(part for part in post.content.split("\n## ") if "数据沙箱" in part)
    assert result["title"] == article.split("\n", 1)[0].strip()
    assert "青禾市数字政府建设工作简报" in result["context"] and "第1期" in result["context"]
    assert "<mark>数据沙箱</mark>" in result["excerpt"]


def test_opened_result_highlights_the_query_and_shows_it(page, served):
    results = search(page, served, "数据沙箱")
    page.click(".md-search-result__link")
    page.wait_for_url("**/szzw/2026/001/?h=*")
    marks = page.eval_on_selector_all("article mark.bl-hl", "els => els.map(e => e.textContent)")
    assert marks and set(marks) == {"数据沙箱"}
    visible = page.eval_on_selector("article mark.bl-hl", """e => {
        const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }""")
    assert visible, "the page scrolls to the highlighted words"
    assert results[0]["h"] == "数据沙箱"


def test_highlight_of_a_document_number_part(page, served):
    page.goto(served + "/tongzhi/2026/008/?h=" + "〔2026〕8号")
    marks = page.eval_on_selector_all("article .bl-official-head mark.bl-hl", "els => els.map(e => e.textContent)")
    assert marks == ["〔2026〕8号"]


def test_index_is_fetched_only_when_the_box_is_used_and_stays_small(page, served):
    page.goto(served + "/szzw/2026/002/", wait_until="networkidle")
    assert not [u for u in page.requests if "/pagefind/" in u]
    sizes = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]) if "/pagefind/" in r.url else None)
    search(page, served, "青政办函〔2026〕8号")
    assert [u for u in page.requests if "/pagefind/" in u]
    assert not [u for u in page.requests if "search_index.json" in u or "pagefind-worker" in u]
    assert sum(sizes) < 300 * 1024


def test_search_on_a_phone(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    results = search(page, served, "杨梅冷链", mobile=True)
    assert [r["path"] for r in results] == ["/xczx/2025/002/"]
    box = page.eval_on_selector(".md-search-result__link", "e => e.getBoundingClientRect().width")
    assert box > 300
    context.close()


def test_keyboard_reaches_results_and_escape_closes(page, served):
    search(page, served, "冷链")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


# ---------------------------------------------------------------- the index builder (no browser)
def test_characters_stand_apart_in_the_indexed_copy_only():
    from bulletin.site.search import characters_apart
    html = '<p class="a">依据青政办函〔2026〕8号，A1x</p><span data-pagefind-meta="title:数据沙箱">'
    assert characters_apart(html) == (
        '<p class="a"><span data-pagefind-weight="5">依\u200b据\u200b青\u200b政\u200b办\u200b函〔2026〕8\u200b号'
        '</span>，A1x</p><span data-pagefind-meta="title:数\u200b据\u200b沙\u200b箱">')


def test_a_missing_pagefind_is_a_problem_for_people(tmp_path, monkeypatch):
    from bulletin.errors import SourceError
    from bulletin.site import search as search_mod
    monkeypatch.setattr(search_mod, "pagefind_binary", lambda: None)
    (tmp_path / "index.html").write_text("<html><body data-pagefind-body>x</body></html>", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        search_mod.index_site(tmp_path)
    (problem,) = caught.value.problems
    assert "pagefind[extended]" in str(problem) and "expected" in str(problem)
    assert not (tmp_path / "pagefind").exists()


def test_index_is_the_same_for_the_same_pages(sample_site, tmp_path):
    import shutil
    from bulletin.site.search import index_site

    def bundle(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in (folder / "pagefind").rglob("*") if p.is_file()}
    copy = tmp_path / "site"
    shutil.copytree(sample_site, copy)
    index_site(copy)
    assert bundle(copy) == bundle(sample_site)
