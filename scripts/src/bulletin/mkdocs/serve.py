"""`bulletin serve`: MkDocs' live-reloading preview, rebuilding only what an edit affects.

It is `mkdocs serve --dirty` plus what makes dirty builds right for generated pages: the plugin says
which pages are stale (site/freshness.py), so saving one issue rebuilds that page, its neighbours and
the lists, not the archive. PDFs are left to `bulletin build` unless --pdf is given.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .build import QuietDirtyWarning


def serve(root: Path, dev_addr: str | None = None, pdf: bool = False, config_file: str = "mkdocs.yml") -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    from .plugin import BulletinPlugin
    BulletinPlugin.serve_pdf = pdf      # read by the plugin instances each rebuild creates
    for name in ("mkdocs", "mkdocs.commands.build"):
        logging.getLogger(name).addFilter(QuietDirtyWarning())
    options = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        mkdocs_serve(config_file=str(root / config_file), livereload=True, build_type="dirty", **options)
    except Abort as exc:
        raise SystemExit(f"bulletin serve: {exc}") from None
