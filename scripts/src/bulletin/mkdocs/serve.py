"""`bulletin serve`: MkDocs' live-reloading preview, rebuilding only what an edit affects.

It is `mkdocs serve --dirty` plus what makes dirty builds right for generated pages: the plugin says
which pages are stale (site/freshness.py), so saving one issue rebuilds that page, its neighbours and
the lists whose content changed, not the archive. PDFs are left to `bulletin build` unless --pdf is
given. What each save still pays for the whole archive: reading the sources (parsed front matters are
kept while a file's bytes are unchanged, sources/scan.py), making the lists' Markdown to compare it, and
MkDocs' own pass over its files; the sitemap is not written, and compiled templates are kept.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .build import QuietDirtyWarning


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory between the preview's rebuilds. Jinja checks each entry
    against the template's source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


PREVIEW_TEMPLATES = _MemoryBytecodeCache()


@dataclass
class PreviewState:
    """What the preview keeps between rebuilds, for one preview folder; the plugin reads it at the
    start of a rebuild and updates it once the rebuild has finished."""
    pages: set[str] | None = None       # every page of the last build; None before the first one
    keys: dict[str, str] = field(default_factory=dict)   # what each page but issue pages was built from
    printed_at: float | None = None     # --pdf: when the last rebuild that printed began
    project: Any = None                 # the project as the last rebuild loaded it (sources/loader.py)
    indexed: frozenset | None = None    # the public issues the preview's search index was made of


_PREVIEWS: dict[str, PreviewState] = {}


def preview_state(site_dir: str) -> PreviewState:
    return _PREVIEWS.setdefault(site_dir, PreviewState())


def serve(root: Path, dev_addr: str | None = None, pdf: bool = False, config_file: str = "mkdocs.yml") -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    from .config_check import check_python_tags
    from .plugin import BulletinPlugin
    check_python_tags(root / config_file)   # before MkDocs' loader runs them (config_check.py)
    BulletinPlugin.serve_pdf = pdf      # read by the plugin instances each rebuild creates
    for name in ("mkdocs", "mkdocs.commands.build"):
        logging.getLogger(name).addFilter(QuietDirtyWarning())
    options = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        mkdocs_serve(config_file=str(root / config_file), livereload=True, build_type="dirty", **options)
    except Abort as exc:
        raise SystemExit(f"bulletin serve: {exc}") from None
