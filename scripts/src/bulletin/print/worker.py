"""HTML → PDF in worker processes: one FontConfiguration per worker, reused for every document.

Workers are started with 'spawn' (forking after WeasyPrint is imported has crashed workers
elsewhere) and recycled after a number of documents, since memory grows per document.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from ..atomic import write_atomic

_FONT_CONFIG = None
_FONT_FILES: tuple = ()    # the @font-face files _FONT_CONFIG was made for
_SHEETS: dict = {}         # a document's <style> text -> (parsed CSS, its counter styles), per worker
_FONT_FACE = re.compile(r'@font-face\s*\{[^}]*src:\s*url\("([^"]+)"\)')
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_RELATIVE = re.compile(r"@import|url\(\s*['\"]?(?![a-z][a-z0-9+.-]*:)", re.I)


def _font_config():
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration
        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def _fonts_for(html: str) -> None:
    """Start a new font configuration when a document's @font-face files differ from the last one's.
    A configuration keeps the fonts it loaded by family name, and the cut fonts keep their family
    names when they are cut anew (another character set): a long-lived process (tests, `bulletin
    serve --pdf`, several builds) would otherwise lay text out with one cut's glyph ids and embed
    another's, printing wrong characters."""
    global _FONT_CONFIG, _FONT_FILES
    files = tuple(sorted(set(_FONT_FACE.findall(html))))
    if files != _FONT_FILES:
        _FONT_CONFIG, _FONT_FILES = None, files
        _SHEETS.clear()          # parsed with the old configuration


def die_with_parent() -> None:
    """Ask Linux to stop this worker when the build that started it dies (even by SIGKILL), so no
    orphaned renderer keeps writing; elsewhere the pool's own shutdown is all there is."""
    import ctypes
    import signal
    import sys
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)


def init_worker() -> None:
    import logging
    import warnings
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    die_with_parent()
    from .justify import install
    install()   # inter-character justification of Chinese lines (print/justify.py)
    _font_config()


def shared_stylesheet(html: str, base_url: str, fetcher) -> tuple[str, dict]:
    """The document without its <style>, and render options giving that style parsed once per worker.

    Every document of a build carries the same print CSS (the fonts' rules and overrides/print/*.css),
    which WeasyPrint would parse again on each of a document's one to three layouts (issue 13: ~5% of
    the rendering). A parsed stylesheet can only be handed over as a user stylesheet (``stylesheets=``,
    WeasyPrint's public API): with no author stylesheet left and no !important, the cascade is the
    same, the inline style attributes still win, and the PDF is byte for byte the same (tested).
    Anything else (several style elements, a linked sheet, !important) is rendered as it is."""
    found = _STYLE.findall(html)
    if len(found) != 1 or "!important" in found[0] or "<link" in html:
        return html, {}
    style = found[0]
    key = (style, base_url) if _RELATIVE.search(style) else (style, None)   # relative URLs: this folder's
    if key not in _SHEETS:
        from weasyprint import CSS
        from weasyprint.css.counters import CounterStyle
        if len(_SHEETS) >= 16:
            _SHEETS.clear()
        counters = CounterStyle()
        _SHEETS[key] = (CSS(string=style, base_url=base_url, url_fetcher=fetcher, font_config=_font_config(),
                            counter_style=counters), counters)
    sheet, counters = _SHEETS[key]
    return _STYLE.sub("", html, count=1), {"stylesheets": [sheet], "counter_style": counters}


def pdf_options(variant: str | None) -> dict:
    """WeasyPrint's own PDF output options: always tagged (headings, paragraphs, tables, lists and
    reading order in a structure tree; /Lang from <html lang>), and a variant such as pdf/a-2b."""
    options = {"pdf_tags": True}
    if variant:
        options["pdf_variant"] = variant
    return options


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _banji_ids(source) -> list[tuple]:
    """Give each 版记 (aside.bl-banji inside its end line div.bl-end) an id, to find its page, and put
    an empty anchor div.bl-text-end before its end line, to find the page where the text ended:
    (end line, 版记 id, text-end id) per 版记."""
    ids = []
    parents = {child: parent for parent in source.etree_element.iter() for child in parent}
    for n, end in enumerate([e for e in source.etree_element.iter() if "bl-end" in _classes(e)]):
        for child in end:
            if "bl-banji" in _classes(child):
                child.set("id", child.get("id") or f"bl-banji-{n}")
                parent = parents[end]
                marker = end.makeelement(end.tag, {"class": "bl-text-end", "id": f"bl-text-end-{n}"})
                parent.insert(list(parent).index(end), marker)
                ids.append((end, child.get("id"), marker.get("id")))
    return ids


def place_banji(ends: list, document) -> bool:
    """Put each 版记 on an even page, the last of its document (GB/T 9704 §7.4.1: 版记置于公文最后一页,
    the back of the sheet). A 版记 that lands on an odd page has its end line start the next left-hand
    page (break-before: left): alone on the next page when the text ends on that odd page, or after a
    blank page when the text ended on the page before; then (§7.5) neither the blank page nor the 版记
    page is numbered (the named page banji-alone of the print CSS). ``ends``: from _banji_ids. True
    when an end line changed (the document must be laid out again)."""
    landed = {name: index for index, page in enumerate(document.pages) for name in page.anchors}
    changed = False
    for end, name, text_end in ends:
        index = landed.get(name)
        if index is None:
            continue
        blank_before = index - landed.get(text_end, index) >= 2      # a page between text and 版记
        style = end.get("style") or ""
        if index % 2 == 0 and "break-before: left" not in style:        # page index+1 is odd
            end.set("style", "break-before: left")
            changed = True
        elif index % 2 == 1 and blank_before and "banji-alone" not in style:
            end.set("style", "break-before: left; page: banji-alone")
            changed = True
    return changed


def settle(source, render, volume: bool = False, tries: int = 4):
    """Lay ``source`` out, then apply every adjustment that depends on the layout (text after tables
    back on the grid, print/grid.py; a volume's 版记 kept with its issue; each 版记 on an even page) to
    that one layout and lay out again, until nothing changes (at most ``tries`` more layouts). One
    loop for all three: nested, each would repeat the layouts of the others (up to 27 for a volume)."""
    from .grid import insert_gaps, resize_gaps
    gaps = insert_gaps(source.etree_element)
    steps = [lambda document: resize_gaps(gaps, document)]
    if volume:
        from .volume import keep_endings_with_issues, mark_endings
        endings = mark_endings(source)
        steps.append(lambda document: keep_endings_with_issues(endings, document))
    banji = _banji_ids(source)
    steps.append(lambda document: place_banji(banji, document))
    document = render()
    for _ in range(tries):
        if not any([step(document) for step in steps]):     # a list: every step sees this layout
            break
        document = render()
    return document


def render_pdf(job: dict) -> dict:
    """Render ``job['html']`` to ``job['target']``; return timing and size, or the error in words."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import ProjectFetcher
    start = time.perf_counter()
    target = Path(job["target"])
    try:
        fetcher = ProjectFetcher([Path(r) for r in job["roots"]])
        html, options = job["html"], {}
        if job.get("reuse_fonts", True):
            _fonts_for(html)
            html, options = shared_stylesheet(html, job["base_url"], fetcher)
            options["font_config"] = _font_config()
        source = HTML(string=html, base_url=job["base_url"], url_fetcher=fetcher)
        document = settle(source, lambda: source.render(**options), volume=bool(job.get("keep_endings")))
        data = document.write_pdf(**pdf_options(job.get("pdf_variant")))
        if job.get("merges"):
            from .attachments import merge
            anchors = {name: index for index, page in enumerate(document.pages) for name in page.anchors
                       if name in job["merges"]}
            data = merge(data, anchors, job["merges"])
    except FatalURLFetchingError as exc:
        return {"key": job["key"], "error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - reported as a build problem, never a traceback
        return {"key": job["key"], "error": f"rendering failed: {type(exc).__name__}: {exc}"}
    write_atomic(target, data)
    return {"key": job["key"], "seconds": time.perf_counter() - start, "bytes": len(data)}
