"""Accessibility (WCAG 2.1 AA) of every page type, desktop 1280 and mobile 390: axe-core from the npm
registry (tests/axe.py fetches the pinned release; `make test` does it first), injected into Chromium.
No serious or critical violation may remain; the reading mode for older readers is checked too."""
from __future__ import annotations

import pytest

from axe import SCRIPT, VERSION
from conftest import serve_folder

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/", "series archive": "/szzw/", "year archive": "/szzw/2026/", "bulletin issue": "/szzw/2026/002/",
    "notice": "/tongzhi/2026/008/", "plan": "/fangan/2026/003/", "report": "/huiyi/2026/012/",
    "about": "/about/", "404": "/404.html",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert SCRIPT.is_file(), f"axe-core {VERSION} is missing: run `make axe` (or .venv/bin/python tests/axe.py)"
    return SCRIPT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(sample_site):
    with serve_folder(sample_site) as base:
        yield base


def serious(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
                           TAGS)
    return [f"{v['id']} ({v['impact']}): {n['target']} {n['failureSummary'][:160]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical") for n in v["nodes"]]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_serious_violations_on_any_page_type(browser, served, axe_source, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    found = {}
    for name, path in PAGES.items():
        page.goto(served + path, wait_until="networkidle")
        found[name] = serious(page, axe_source)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_serious_violations_with_search_results_open(browser, served, axe_source, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(served + "/")
    if viewport == "mobile":
        page.click("label.md-header__button[for=__search]")
    page.click(".md-search__input")
    page.keyboard.type("政务服务")
    page.wait_for_selector(".md-search-result__link")
    assert serious(page, axe_source) == []
    context.close()


def test_no_serious_violations_in_the_reading_mode(browser, served, axe_source):
    context = browser.new_context(viewport=VIEWPORTS["mobile"])
    page = context.new_page()
    page.goto(served + "/")
    page.evaluate("localStorage.setItem('bl-elder', '1')")
    found = {}
    for name in ("bulletin issue", "notice", "year archive"):
        page.goto(served + PAGES[name], wait_until="networkidle")
        assert page.evaluate("document.documentElement.classList.contains('bl-elder')")
        found[name] = serious(page, axe_source)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}


def test_reading_mode_reaches_higher_contrast(browser, served):
    """The reading mode's body text and links reach WCAG AAA (7:1), not just AA."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(served + "/")
    page.evaluate("localStorage.setItem('bl-elder', '1')")
    page.goto(served + "/szzw/2026/001/")
    ratios = page.evaluate("""() => {
        const lum = c => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(v => { v /= 255
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) })
            return 0.2126 * r + 0.7152 * g + 0.0722 * b }
        const ratio = e => (1.05) / (lum(getComputedStyle(e).color) + 0.05)
        return [ratio(document.querySelector('article p:not([class])')), ratio(document.querySelector('.bl-toc a'))]
    }""")
    context.close()
    assert all(r >= 7 for r in ratios), ratios
