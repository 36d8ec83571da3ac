"""Print: one PDF per issue in the official layout, rendered by WeasyPrint from overrides/print/.

Entry points for adapters (the MkDocs plugin, the CLI, the benchmark):
``preflight(project, overrides, options)`` checks fonts and glyphs and raises SourceError before
anything is written; ``build_pdfs(plan, site_dir, print_dir)`` renders. The pipeline knows no
document kind: each kind's print hookup (bulletin.kinds) gives the HTML of its issues.

The names are imported when first used (PEP 562): a PDF worker process imports
bulletin.print.worker, and with it this package, and needs none of the pipeline's imports
(document kinds, pydantic schemas, Markdown), which cost about a third of a second per worker.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {"PrintContext": "context", "PrintOptions": "pipeline", "PrintPlan": "pipeline",
          "PrintReport": "pipeline", "build_pdfs": "pipeline", "preflight": "pipeline", "Span": "texts"}

__all__ = sorted(_WHERE)

if TYPE_CHECKING:
    from .context import PrintContext
    from .pipeline import PrintOptions, PrintPlan, PrintReport, build_pdfs, preflight
    from .texts import Span


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
