"""HTML → PDF in worker processes: one FontConfiguration per worker, reused for every document.

Workers are forked from a fork server that has imported WeasyPrint (print/forkserver.py), or
spawned where there is none, never forked from the build itself (its threads), and live as long as
the build (see run_jobs in pipeline.py on why they are not recycled).
"""
from __future__ import annotations

import re
import time
from urllib.parse import unquote, urlsplit
from pathlib import Path

from .. import framestack
from ..atomic import write_atomic

_FONT_CONFIG = None
_FONT_FILES: tuple = ()    # the @font-face files _FONT_CONFIG was made for
_SHEETS: dict = {}         # a document's <style> text -> (parsed CSS, its counter styles), per worker
_FONT_FACE = re.compile(r'@font-face\s*\{[^}]*src:\s*url\("([^"]+)"\)')
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# an @import or a url() without a scheme (spaces and quote inside the lookahead: outside it, the
# lookahead could start at a space or the quote and call every URL relative)
_RELATIVE = re.compile(r"@import|url\((?!\s*['\"]?[a-z][a-z0-9+.-]*:)", re.I)


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
    """Ask Linux to stop this worker when the process that started it (the build, or the fork server
    the build started) dies, even by SIGKILL, so no orphaned renderer keeps writing; elsewhere the
    pool's own shutdown is all there is. The request covers only a death after it, and only the
    parent's: see leave_with_build()."""
    import ctypes
    import signal
    import sys
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)


def leave_with_build() -> None:
    """Stop this worker as soon as the build that asked for it ends, whoever its parent is: a thread
    waits on multiprocessing's handle on the build. die_with_parent() alone misses a build killed
    while the worker (or the fork server that forks it) was starting, before the request."""
    import multiprocessing
    import os
    import threading
    from multiprocessing.connection import wait
    build = multiprocessing.parent_process()
    if build is None:              # rendering in the build's own process
        return

    def watch() -> None:
        wait([build.sentinel])
        os._exit(1)
    threading.Thread(target=watch, name="bulletin-build-watch", daemon=True).start()


def tie_to_build() -> None:
    """A process the build started (a PDF worker, a copy reading the preflight) ends with it."""
    die_with_parent()
    leave_with_build()


def init_worker() -> None:
    import logging
    import warnings
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    tie_to_build()
    from . import charsuntil, deflate, hbarrays, justify, keeplayouts, leaders, pagerefs, pagestyles, settle
    justify.install()   # inter-character justification of Chinese lines (print/justify.py)
    leaders.install()   # a line's dotted leader as one run of dots (print/leaders.py)
    settle.install()    # 版记 page and grid gaps right in the first layout (print/settle.py)
    deflate.install()   # PDF streams at zlib's default level, not 9 (print/deflate.py)
    pagestyles.install()  # one style per kind of page, not per page (print/pagestyles.py)
    pagerefs.install()    # the PDF's page references listed once (print/pagerefs.py)
    hbarrays.install()    # font subsetting's arrays without a C parse per length (print/hbarrays.py)
    charsuntil.install()  # the HTML tokenizer's regexes from its cache (print/charsuntil.py)
    keeplayouts.install()  # text drawn with the layout it was measured with (print/keeplayouts.py)
    _font_config()


def init_pool_worker() -> None:
    """A worker process of the build's pool: set up as init_worker, then its setup kept out of the
    garbage collector's walks (bulletin/garbage.py) for the rest of its life, which is the build's.
    Not done where the build renders in its own process: freezing there would keep for good whatever
    that process holds at the time (the preview's previous project, say)."""
    from ..garbage import keep_setup
    init_worker()
    keep_setup()


def shared_stylesheet(html: str, base_url: str, fetcher) -> tuple[str, dict]:
    """The document without its <style>, and render options giving that style parsed once per worker.

    Every document of a build carries the same print CSS (the fonts' rules and overrides/print/*.css),
    which WeasyPrint would parse again on each of a document's one to three layouts (issue 13: ~5% of
    the rendering). A parsed stylesheet can only be handed over as a user stylesheet (``stylesheets=``,
    WeasyPrint's public API): with no author stylesheet left and no !important, the cascade is the
    same, the inline style attributes still win, and the PDF is byte for byte the same
    (tests/test_print_sheets.py). Anything else (several style elements, a linked sheet, !important)
    is rendered as it is."""
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


def render_pdf(job: dict) -> dict:
    """Render ``job['html']`` to ``job['target']``; return the CPU seconds it took in this process and
    the size, or the error in words. The layout's deep recursion runs in a chunk of CPython's frame
    stack of its own (bulletin/framestack.py: recursing across a chunk's edge, a worker mapped and
    unmapped a chunk hundreds of times per document)."""
    return framestack.call(_render_pdf, job)


def _render_pdf(job: dict) -> dict:
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import ProjectFetcher
    start = time.process_time()
    target = Path(job["target"])
    pages: list = []
    try:
        fetcher = ProjectFetcher([Path(r) for r in job["roots"]])
        html = job["html"]
        numbers = None
        if job.get("bound"):        # a volume's front: the anchors of its 目录 go in first
            from .binding import issue_pages
            from .volume_numbers import fill_anchors, guess
            for b in job["bound"]:          # open until bound (closed below)
                pages.append(issue_pages(Path(b["pdf"]), keep_open=True))
            html = fill_anchors(html, job["bound"], pages)
            numbers = guess(html, job["bound"], pages)      # the 目录's page numbers (volume_numbers.py)
        cuts = [unquote(urlsplit(url).path) for url in _FONT_FACE.findall(html) if url.startswith("file:")]
        front = front_path(job["front"], html, job.get("places", [])) if job.get("front") else None
        cached = front.read_bytes() if front is not None and front.is_file() else None
        # the page count, for the site's （3页，326 KB） (site/pages.py): the layout's, or for a volume
        # (whose front may come from the cache) binding's
        data, count = (cached, None) if cached is not None else _layout(job, html, fetcher, cuts, numbers)
        if front is not None and cached is None:
            keep_front(front, data)
        if job.get("bound"):
            from .binding import BoundIssue, bind
            issues = [BoundIssue(Path(b["pdf"]), b["prefix"], b["label"], read) for b, read in zip(job["bound"], pages)]
            folders = sorted({Path(cut).parent for cut in cuts})
            try:
                data, count = bind(data, issues, folders)
            except Exception:  # noqa: BLE001 - from the cache, the front may be what is damaged
                if cached is None:
                    raise
                for read in pages:      # binding changed the open issues: bind from the files again
                    read.close()
                data, _ = _layout(job, html, fetcher, cuts, numbers)
                keep_front(front, data)
                data, count = bind(data, issues, folders)
    except FatalURLFetchingError as exc:
        return {"key": job["key"], "error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - reported as a build problem, never a traceback
        return {"key": job["key"], "error": f"rendering failed: {type(exc).__name__}: {exc}"}
    finally:
        for read in pages:
            read.close()
    write_atomic(target, data)
    return {"key": job["key"], "cpu": time.process_time() - start, "bytes": len(data), "pages": count}


# a volume's 目录 laid out again with the pages found, at most this often (once is the rule: the
# numbers do not move the pages they point to unless a longer number makes a title run over)
NUMBERING_TRIES = 3


def _layout(job: dict, html: str, fetcher, cuts: list[str], numbers: dict[str, int] | None = None) -> tuple[bytes, int]:
    """WeasyPrint's layout of the HTML, settled (print/settle.py), as PDF bytes, attachments merged in,
    and its page count. ``numbers``: a volume's 目录 page numbers, guessed (print/volume_numbers.py),
    checked here."""
    if cuts:     # which cut fonts printed it, for binding (print/fontmerge.py); not in the cache key
        names = " ".join(sorted(Path(cut).name for cut in cuts))
        html = html.replace("</head>", f'<meta name="bulletin-fonts" content="{names}">\n</head>', 1)
    if numbers is None:
        document = _document(job, html, fetcher)
    else:
        from .volume_numbers import misplaced, write_in
        for _ in range(NUMBERING_TRIES):
            document = _document(job, write_in(html, numbers), fetcher)
            moved = misplaced(document, numbers)
            if not moved:
                break
            numbers = {**numbers, **moved}
        else:
            raise ValueError(f"the 目录's page numbers did not settle after {NUMBERING_TRIES} layouts "
                             f"({len(moved)} entries moved again)")
    data = document.write_pdf(**pdf_options(job.get("pdf_variant")), custom_metadata=bool(cuts))
    if job.get("merges"):
        from .attachments import merge
        anchors = {name: index for index, page in enumerate(document.pages) for name in page.anchors
                   if name in job["merges"]}
        data = merge(data, anchors, job["merges"])    # drawn under their placeholder pages: as many pages
    return data, len(document.pages)


def _document(job: dict, html: str, fetcher):
    from weasyprint import HTML
    options: dict = {}
    if job.get("reuse_fonts", True):
        _fonts_for(html)
        html, options = shared_stylesheet(html, job["base_url"], fetcher)
        options["font_config"] = _font_config()
    source = HTML(string=html, base_url=job["base_url"], url_fetcher=fetcher)
    from .settle import settle
    return settle(source, lambda: source.render(**options))


def front_path(prefix: str, html: str, places: list) -> Path:
    """Where a volume's laid-out front is cached: ``prefix`` (front-<key of the volume's template
    HTML>, from the build) and a hash of the front's HTML with its anchors and page numbers filled in,
    with the project's and the cache's folders named as in the cache keys (``places``: (folder, name)
    pairs). Editing an issue's text rarely changes its page count; the volume must be bound again,
    but its front is then the same. So is it after a character new to the archive (a new cut of the
    fonts) that its own text does not use."""
    import hashlib

    from .cache import cuts_unnamed, portable
    return Path(f"{prefix}-{hashlib.sha256(portable(cuts_unnamed(html), places).encode()).hexdigest()[:16]}.pdf")


def keep_front(front: Path, data: bytes) -> None:
    """Cache a volume's front, in place of the fronts its template had with other page counts."""
    for older in front.parent.glob(front.name.rsplit("-", 1)[0] + "-*.pdf"):
        older.unlink(missing_ok=True)
    write_atomic(front, data)
