"""Print: one PDF per issue in the official layout, rendered by WeasyPrint from overrides/print/.

Entry points for adapters (the MkDocs plugin, the CLI, the benchmark):
``preflight(project, overrides, options)`` checks fonts and glyphs and raises SourceError before
anything is written; ``build_pdfs(plan, site_dir, print_dir)`` renders. The pipeline knows no
document kind: each kind's print hookup (bulletin.kinds) gives the HTML of its issues.
"""
from .context import PrintContext
from .pipeline import PrintOptions, PrintPlan, PrintReport, build_pdfs, preflight
from .texts import Span

__all__ = ["PrintContext", "PrintOptions", "PrintPlan", "PrintReport", "Span", "build_pdfs", "preflight"]
