"""HTML → PDF in worker processes: one FontConfiguration per worker, reused for every document.

Workers are started with 'spawn' (forking after WeasyPrint is imported has crashed workers
elsewhere) and recycled after a number of documents, since memory grows per document.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..atomic import write_atomic

_FONT_CONFIG = None


def _font_config():
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration
        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


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


def place_banji(source, render):
    """Render; then put each 版记 on an even page, the last of its document (GB/T 9704 §7.4.1: 版记
    置于公文最后一页, the back of the sheet). A 版记 that lands on an odd page has its end line start
    the next left-hand page (break-before: left): alone on the next page when the text ends on that
    odd page, or after a blank page when the text ended on the page before; then (§7.5) neither the
    blank page nor the 版记 page is numbered (the named page banji-alone of the print CSS)."""
    ends = _banji_ids(source)
    document = render()
    for _ in range(3):
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
        if not changed:
            break
        document = render()
    return document


def render_pdf(job: dict) -> dict:
    """Render ``job['html']`` to ``job['target']``; return timing and size, or the error in words."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import ProjectFetcher
    from .grid import insert_gaps, snap_to_grid
    start = time.perf_counter()
    target = Path(job["target"])
    try:
        fetcher = ProjectFetcher([Path(r) for r in job["roots"]])
        source = HTML(string=job["html"], base_url=job["base_url"], url_fetcher=fetcher)
        options = {"font_config": _font_config()} if job.get("reuse_fonts", True) else {}
        gaps = insert_gaps(source.etree_element)      # text after tables back on the grid (print/grid.py)
        on_grid = lambda: snap_to_grid(gaps, lambda: source.render(**options))  # noqa: E731
        if job.get("keep_endings"):    # a bound volume: each 版记 stays with its issue
            from .volume import keep_endings_with_issues
            render = lambda: keep_endings_with_issues(source, on_grid)  # noqa: E731
        else:
            render = on_grid
        document = place_banji(source, render)
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
