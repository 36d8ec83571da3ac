"""The built site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1.
Layout, furniture and the reading mode on desktop (1280) and mobile (390, 360); search has its own
file (test_search.py), accessibility too (test_a11y.py)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import serve_folder

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def served(sample_site):
    with serve_folder(sample_site) as base:
        yield base


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_every_request_stays_on_the_site_and_nothing_is_missing(page, served):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for path in ("/", "/szzw/", "/szzw/2026/", "/szzw/2026/001/", "/tongzhi/2026/008/", "/about/"):
        page.goto(served + path, wait_until="networkidle")
    hosts = {urlsplit(url).netloc for url in page.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {urlsplit(served).netloc}, page.requests
    assert failed == [], "no request for a missing file (such as /<series>/sitemap.xml)"
    assert not [u for u in page.requests if "/pagefind/" in u], "the search index loads only when searching"


def test_issue_page_layout(page, served, tmp_path):
    page.set_viewport_size(DESKTOP)
    page.goto(served + "/szzw/2026/002/")
    red = page.eval_on_selector("h1.bl-series", "e => getComputedStyle(e).color")
    assert red == "rgb(215, 0, 15)"
    header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(215, 0, 15)", "the header wears the masthead red, not Material's coral"
    office, date = page.eval_on_selector_all(".bl-office-date span.bl-office, .bl-office-date span.bl-date",
                                             "els => els.map(e => e.getBoundingClientRect().x)")
    assert office < date
    assert page.locator(".bl-toc li").count() >= 4
    page.locator(".bl-toc a").nth(1).click()
    assert page.url.endswith("#article-2")
    crumbs = page.eval_on_selector_all(".bl-breadcrumbs li", "els => els.map(e => e.getBoundingClientRect().y)")
    assert len(set(round(y) for y in crumbs)) == 1, "the breadcrumbs sit on one line"
    bullets = page.eval_on_selector_all(".bl-breadcrumbs li, .bl-toc li",
                                        "els => els.map(e => getComputedStyle(e).listStyleType)")
    assert "disc" not in bullets


def test_neighbour_links_walk_the_series(page, served):
    page.goto(served + "/szzw/2026/002/")
    page.click("a.bl-next")
    page.wait_for_url("**/szzw/2026/003/")
    page.click("a.bl-prev")
    page.wait_for_url("**/szzw/2026/002/")
    page.click("a.bl-back")
    page.wait_for_url("**/szzw/2026/")
    assert page.locator(".bl-issue-list li").count() == 4


@pytest.mark.parametrize("width", [360, 390])
def test_masthead_on_one_line_and_dates_unbroken_on_a_phone(browser, served, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path, selector in (("/szzw/2026/002/", "h1.bl-series"), ("/xczx/2026/001/", "h1.bl-series"),
                           ("/tongzhi/2026/008/", ".bl-issuer-mark")):
        page.goto(served + path)
        box = page.eval_on_selector(selector, """e => {
            const r = document.createRange(); r.selectNodeContents(e)
            return {lines: r.getClientRects().length, right: e.scrollWidth <= e.clientWidth,
                    height: e.getBoundingClientRect().height, size: parseFloat(getComputedStyle(e).fontSize)}
        }""")
        assert box["lines"] == 1 and box["right"] and box["height"] < 2 * box["size"], (path, box)
        split = page.evaluate("""() => [...document.querySelectorAll('article .bl-nobr')].filter(e => {
            const rects = [...e.getClientRects()]; return rects.length > 1 }).map(e => e.textContent)""")
        assert split == [], f"{path}: {split} broke across lines"
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


def test_wide_tables_stack_on_a_phone_and_scroll_in_a_named_box_on_desktop(browser, served):
    """The notice's attachment table (8 columns, merged headers): one card per row on a phone, the page
    never scrolls sideways; on a desktop it scrolls inside a box that takes the keyboard focus."""
    measure = """() => {
        const table = [...document.querySelectorAll('article table')]
            .sort((a, b) => b.querySelectorAll('tr').length - a.querySelectorAll('tr').length)[0]
        const box = table.closest('.bl-table-wrap'), cell = table.querySelector('tbody td')
        return {page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
                table: table.getBoundingClientRect().width, box: box.clientWidth, scroll: box.scrollWidth,
                display: getComputedStyle(cell).display, label: getComputedStyle(cell, '::before').content,
                rows: table.querySelectorAll('tbody tr').length, name: box.getAttribute('aria-label')}
    }"""
    phone = browser.new_page(viewport=MOBILE)
    phone.goto(served + "/tongzhi/2026/008/")
    small = phone.evaluate(measure)
    phone.close()
    assert small["rows"] >= 40
    assert small["page"] <= small["viewport"], "the page itself must not scroll sideways"
    assert small["display"] == "block" and small["label"] == '"序号"', "each cell shows its column's header"
    assert small["table"] <= small["viewport"]
    desk = browser.new_page(viewport=DESKTOP)
    desk.goto(served + "/tongzhi/2026/008/")
    large = desk.evaluate(measure)
    assert large["display"] == "table-cell" and large["name"].startswith("表格")
    desk.focus(".bl-table-wrap >> nth=0")
    assert desk.evaluate("document.activeElement.classList.contains('bl-table-wrap')")
    desk.close()


def test_reading_mode_for_older_readers_is_remembered(page, served):
    page.set_viewport_size(DESKTOP)
    page.goto(served + "/szzw/2026/001/")
    body = "document.querySelector('article p:not([class])')"
    before = page.evaluate(f"parseFloat(getComputedStyle({body}).fontSize)")
    button = page.locator(".bl-elder-toggle")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    after = page.evaluate(f"parseFloat(getComputedStyle({body}).fontSize)")
    assert after >= before * 1.25
    assert page.evaluate(f"getComputedStyle({body}).color") == "rgb(0, 0, 0)"
    page.goto(served + "/tongzhi/2026/008/")     # another page: the choice holds
    assert page.evaluate("document.documentElement.classList.contains('bl-elder')")
    assert page.locator(".bl-elder-toggle").get_attribute("aria-pressed") == "true"
    page.locator(".bl-elder-toggle").click()
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('bl-elder')")


def test_the_404_page_offers_home_and_search(page, served):
    page.goto(served + "/404.html")
    assert page.inner_text("article h1") == "页面未找到"
    page.click("text=搜索本站内容")
    page.wait_for_url(served + "/?q=")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("冷链")
    page.wait_for_selector(".md-search-result__link", state="attached")
    assert "/xczx/2025/002/" in page.get_attribute(".md-search-result__link", "href")


def test_feed_links_are_invisible_to_materials_sitemap_fetch(page, served):
    page.goto(served + "/szzw/2026/002/", wait_until="networkidle")
    assert page.evaluate("document.querySelectorAll('link[rel=alternate]').length") == 0
    assert not [u for u in page.requests if u.endswith("sitemap.xml")]
    assert page.locator("article a.bl-feed-link").is_visible()
