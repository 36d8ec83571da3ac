"""The built site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import serve_folder

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(sample_site):
    with serve_folder(sample_site) as base:
        yield base


def search(page, base: str, query: str) -> list[str]:
    """Type a query as a reader does and return the result links (paths, without the query string)."""
    page.goto(base + "/")
    page.click("label.md-search__icon, .md-search__input", force=True)
    page.keyboard.type(query)      # Chinese text arrives as the IME would commit it
    page.keyboard.press("End")     # the keystroke that ends the composition; Material searches on keyup
    page.wait_for_selector(".md-search-result__link", state="attached", timeout=30_000)
    return [urlsplit(a.get_attribute("href")).path for a in page.query_selector_all(".md-search-result__link")]


@pytest.mark.parametrize("query, expected", [
    ("数据沙箱", "/szzw/2026/001/"),    # a word only in an article body
    ("杨梅冷链", "/xczx/2025/002/"),
])
def test_chinese_query_finds_the_issue(page, served, query, expected):
    results = search(page, served, query)
    assert results and results[0] == expected
    assert set(results) == {expected}, "only the issue holding every word of the query matches"
    page.click(".md-search-result__link")
    page.wait_for_url(f"**{expected}**")
    assert query in page.inner_text("article").replace("\u200b", "")


def test_every_request_stays_on_the_site(page, served):
    search(page, served, "数据沙箱")
    for path in ("/", "/szzw/", "/szzw/2026/001/", "/tongzhi/2026/008/", "/about/"):
        page.goto(served + path, wait_until="networkidle")
    hosts = {urlsplit(url).netloc for url in page.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {urlsplit(served).netloc}, page.requests


def test_issue_page_layout(page, served, tmp_path):
    page.goto(served + "/szzw/2026/002/")
    red = page.eval_on_selector("h1.bl-series", "e => getComputedStyle(e).color")
    assert red == "rgb(215, 0, 15)"
    office, date = page.eval_on_selector_all(".bl-office-date span", "els => els.map(e => e.getBoundingClientRect().x)")
    assert office < date
    assert page.locator(".bl-toc li").count() >= 4
    page.locator(".bl-toc a").nth(1).click()
    assert page.url.endswith("#article-2")
    page.screenshot(path=str(tmp_path / "issue.png"), full_page=False)


def test_wide_table_scrolls_sideways_on_a_phone(browser, served):
    """The notice's 8-column attachment table fits no phone: it scrolls inside its box, the page does not."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(served + "/tongzhi/2026/008/")
    widths = page.evaluate("""() => {
        const table = Array.from(document.querySelectorAll('article table'))
            .sort((a, b) => b.querySelectorAll('tr').length - a.querySelectorAll('tr').length)[0]
        let box = table.parentElement
        while (box && !(['auto', 'scroll'].includes(getComputedStyle(box).overflowX) && box.scrollWidth > box.clientWidth))
            box = box.parentElement
        return {page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
                table: table.getBoundingClientRect().width, scroller: box ? box.clientWidth : null,
                rows: table.querySelectorAll('tbody tr').length}
    }""")
    page.close()
    assert widths["rows"] >= 40
    assert widths["page"] <= widths["viewport"], "the page itself must not scroll sideways"
    assert widths["table"] > widths["viewport"], "the table keeps its columns instead of squeezing them"
    assert widths["scroller"] is not None, "an ancestor of the table scrolls sideways"
