"""Print: one PDF per issue in the official layout, rendered by WeasyPrint from overrides/print/.

Entry points for adapters (the MkDocs plugin, the CLI, the benchmark):
``preflight(project, overrides, options)`` checks fonts, glyphs and references and raises
SourceError before anything is written; ``build_pdfs(plan, site_dir, print_dir)`` renders.
Other kinds of document print once they register a renderer: ``register_renderer(kind, html, texts)``
or ``PRINT_RENDERERS[kind] = PrintRenderer(html, texts)``.
"""
from .context import PrintContext
from .pipeline import (PRINT_RENDERERS, PrintOptions, PrintPlan, PrintRenderer, PrintReport, build_pdfs,
                       preflight, register_renderer)
from .texts import Span

__all__ = ["PRINT_RENDERERS", "PrintContext", "PrintOptions", "PrintPlan", "PrintRenderer", "PrintReport",
           "Span", "build_pdfs", "preflight", "register_renderer"]

from . import official_html as _official_html  # noqa: E402,F401  notices, plans, meeting reports register here (issue 4)
