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


def render_pdf(job: dict) -> dict:
    """Render ``job['html']`` to ``job['target']``; return timing and size, or the error in words."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import ProjectFetcher
    start = time.perf_counter()
    target = Path(job["target"])
    try:
        fetcher = ProjectFetcher([Path(r) for r in job["roots"]])
        source = HTML(string=job["html"], base_url=job["base_url"], url_fetcher=fetcher)
        options = {"font_config": _font_config()} if job.get("reuse_fonts", True) else {}
        if job.get("keep_endings"):    # a bound volume: each 版记 stays with its issue
            from .volume import keep_endings_with_issues
            document = keep_endings_with_issues(source, lambda: source.render(**options))
        else:
            document = source.render(**options)
        data = document.write_pdf()
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
