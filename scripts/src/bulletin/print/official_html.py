"""Print HTML of notices, plans and meeting reports (GB/T 9704), from overrides/print/notice.html
and notice.css, plus the check that every table fits the 156 mm type area.

The kinds (kinds/notice.py, plan.py, report.py) call these as their print hookup.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

from ..errors import Problem, SourceError
from ..model import Issue
from dataclasses import replace

from markupsafe import Markup

from .bulletin_html import mirrored
from .context import PrintContext
from ..kinds.markup import part_markdown
from .texts import Span, html_spans

TEMPLATE = "print/notice.html"
STYLESHEET = "print/notice.css"
TYPE_WIDTH_PT = 156 / 25.4 * 72
# System fonts by name, for layouts outside the pipeline (the table check); the pipeline gives its own.
DEFAULT_FONT_CSS = (':root { --font-title: "Noto Serif CJK SC"; --weight-title: 900; '
                    '--font-body: "FangSong", "Noto Serif CJK SC"; --weight-body: 400; '
                    '--font-heading: "SimHei", "Noto Sans CJK SC"; --weight-heading: 400; '
                    '--font-kai: "KaiTi", "AR PL UKai CN"; --weight-kai: 400; }')


MM = 72 / 25.4
LINE = 225 * MM / 22                     # one line of the grid, pt: 22 lines fill the 225 mm type area


def head_geometry(mark: str, size: float, docnum: str, ctx: PrintContext) -> dict:
    """Where the 版头's parts sit, in points from the type area's top (GB/T 9704 §7.2): the mark's
    ink top 35 mm down, the 发文字号 two empty lines under the mark, the red rule 4 mm under the
    发文字号's characters, and the head as tall as the whole lines that leave two empty lines under
    the rule. Measured with the fonts in use (their line boxes and glyph outlines)."""
    from .fonts import metrics
    title = metrics(ctx.fonts["title"], mark) if ctx.fonts else None
    body = metrics(ctx.fonts["body"], docnum) if ctx.fonts else None
    ink_top = title.baseline(size, size) - title.ink(mark)[1] * size if title else 0.08 * size
    mark_top = 35 * MM - ink_top
    docnum_top = mark_top + size + 2 * LINE
    ink_bottom = (body.baseline(16, LINE) - body.ink(docnum)[0] * 16) if body else 0.8 * LINE
    rule = docnum_top + ink_bottom + 4 * MM
    lines = math.ceil((rule + 1 * MM + 2 * LINE) / LINE - 0.01)
    # the template sets the height as calc(lines × var(--line)): a height rounded in points may
    # exceed the whole lines by a hair and push the page's last line onto the next page
    return {"mark": round(mark_top, 2), "docnum": round(docnum_top, 2), "rule": round(rule, 2),
            "height": round(lines * LINE, 2), "lines": lines}


def mark_size(title: str) -> int:
    """The 发文机关标志 as large as fits one line of the type area, at most 42 pt."""
    units = sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in title) or 1
    return max(22, min(42, math.floor(TYPE_WIDTH_PT * 0.9 / units)))


def render_official_html(issue: Issue, ctx: PrintContext, values: dict) -> str:
    """``values``: what the kind shows (kinds/official.document_values for notices and plans)."""
    document = issue.document
    attachments = [{"number": a.number, "label": a.label, "title": a.title, "download_name": a.download_name,
                    "title_html": Markup(ctx.headline(a.title, 22, TYPE_WIDTH_PT)),
                    "html": ctx.markdown(part_markdown(a.part, for_print=True)) if a.part is not None else "",
                    "pages": [] if a.part is not None else ctx.attachment_pages(a.number, a.path, _shown(issue, a.file))}
                   for a in document.attachments]
    mark = values.get("mark", "")
    size = mark_size(mark)
    title = getattr(issue.spec, "title", None) or issue.title
    return ctx.render(
        TEMPLATE, **values, kind=issue.series.kind, main_html=ctx.markdown(part_markdown(document.main, True)),
        attachments=attachments, mark_size=size, mirrored=mirrored(issue),
        head=head_geometry(mark, size, getattr(issue.spec, "doc_number", "") or "", ctx),
        title_html=Markup(ctx.headline(title, 22, TYPE_WIDTH_PT - 2 * 22)),   # notice.css: 1em margin each side
        subject=getattr(issue.spec, "doc_number", None) or f"{issue.series.title} {issue.date_text}",
        created=f"{issue.date.isoformat()}T00:00:00+08:00",
        font_css=ctx.font_css or DEFAULT_FONT_CSS, css=ctx.stylesheet(STYLESHEET))


def _shown(issue: Issue, file: str) -> str:
    return (Path(issue.rel).parent / file).as_posix()


def official_texts(issue: Issue, ctx: PrintContext) -> list[Span]:
    """What each font role prints (for the glyph check and the font subsets), read from the print
    HTML itself (print/texts.py).

    Called in the print preflight, before anything is written: a table wider than the type area
    is reported there (SourceError), never clipped in the PDF."""
    problems = table_problems(issue, ctx)
    if problems:
        raise SourceError(problems)
    reading = replace(ctx, merges={}, warnings=[], preview=True)   # attachment files are not converted here
    from ..kinds import kind_of
    return html_spans(kind_of(issue).print_html(issue, reading), issue, ctx.root, ctx.overrides, ctx.everywhere)


def _wide_table_problems(document, sources: list[str]) -> list[Problem]:
    """Tables (ids tbl-0, tbl-1… in order of ``sources``) wider than the 156 mm type area.

    A table whose columns cannot shrink (many columns, long unbreakable numbers or Latin words)
    gets its min-content width, wider than the page; WeasyPrint would then cut it off at the edge.
    Each table's box comes from the rendered pages' anchors (WeasyPrint's public layout result).
    """
    limit = TYPE_WIDTH_PT * 96 / 72            # layout sizes are CSS px
    problems: list[Problem] = []
    seen: set[str] = set()
    for page in document.pages:
        for name, (x1, _, x2, _) in page.anchors.items():
            if not name.startswith("tbl-"):
                continue
            where = sources[int(name[4:])]
            if x2 - x1 <= limit + 1 or where in seen:
                continue
            seen.add(where)
            path, _, line = where.rpartition(":")
            problems.append(Problem(path or where, int(line) if line.isdigit() else None,
                                    f"table is {(x2 - x1) * 25.4 / 96:.0f} mm wide, wider than the 156 mm type "
                                    "area of the printed page; expected fewer or narrower columns (shorten "
                                    "long numbers or words, split the table, or attach it as an .xlsx file)"))
    return problems


def table_problems(issue: Issue, ctx: PrintContext) -> list[Problem]:
    """Lay out the document's tables (alone, in the print CSS, on the A4 type area) and report wide ones."""
    from weasyprint import HTML

    from .fetcher import ProjectFetcher
    parts = [issue.document.main] + [a.part for a in issue.document.attachments if a.part is not None]
    if not any(part.tables for part in parts):
        return []
    tables, sources = [], []
    for part in parts:
        html = ctx.markdown(part_markdown(part, True))
        for wrap in re.findall(r'<div class="bl-table-wrap"[^>]*>.*?</table>\s*</div>', html, re.S):
            sources.append(re.search(r'data-src="([^"]*)"', wrap).group(1))
            tables.append(re.sub(r"<table\b", f'<table id="tbl-{len(sources) - 1}"', wrap, count=1))
    page = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{ctx.font_css or DEFAULT_FONT_CSS}'
            f'{ctx.stylesheet(STYLESHEET)}</style></head><body class="bl-print">{"".join(tables)}</body></html>')
    document = HTML(string=page, base_url=issue.path.parent.resolve().as_uri() + "/",
                    url_fetcher=ProjectFetcher([issue.series.path.parent])).render()
    return _wide_table_problems(document, sources)
