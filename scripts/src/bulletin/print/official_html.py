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
from ..kinds.official import addressees_line, contact_text, issuer_mark
from .context import PrintContext
from ..kinds.markup import part_markdown
from .texts import Span, plain

TEMPLATE = "print/notice.html"
STYLESHEET = "print/notice.css"
TYPE_WIDTH_PT = 156 / 25.4 * 72
# System fonts by name, for layouts outside the pipeline (the table check); the pipeline gives its own.
DEFAULT_FONT_CSS = (':root { --font-title: "Noto Serif CJK SC"; --weight-title: 900; '
                    '--font-body: "FangSong", "Noto Serif CJK SC"; --weight-body: 400; '
                    '--font-heading: "SimHei", "Noto Sans CJK SC"; --weight-heading: 400; '
                    '--font-kai: "KaiTi", "AR PL UKai CN"; --weight-kai: 400; }')


def mark_size(title: str) -> int:
    """The 发文机关标志 as large as fits one line of the type area, at most 42 pt."""
    units = sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in title) or 1
    return max(22, min(42, math.floor(TYPE_WIDTH_PT * 0.9 / units)))


def render_official_html(issue: Issue, ctx: PrintContext, values: dict) -> str:
    """``values``: what the kind shows (kinds/official.document_values for notices and plans)."""
    document = issue.document
    attachments = [{"number": a.number, "label": a.label, "title": a.title, "download_name": a.download_name,
                    "html": ctx.markdown(part_markdown(a.part, for_print=True)) if a.part is not None else "",
                    "pages": [] if a.part is not None else ctx.attachment_pages(a.number, a.path, _shown(issue, a.file))}
                   for a in document.attachments]
    mark = values.get("mark", "")
    return ctx.render(
        TEMPLATE, **values, kind=issue.series.kind, main_html=ctx.markdown(part_markdown(document.main, True)),
        attachments=attachments, mark_size=mark_size(mark),
        subject=getattr(issue.spec, "doc_number", None) or f"{issue.series.title} {issue.date_text}",
        created=f"{issue.date.isoformat()}T00:00:00+08:00",
        font_css=ctx.font_css or DEFAULT_FONT_CSS, css=ctx.stylesheet(STYLESHEET))


def _shown(issue: Issue, file: str) -> str:
    return (Path(issue.rel).parent / file).as_posix()


def official_texts(issue: Issue, ctx: PrintContext) -> list[Span]:
    """What each font role prints (for the glyph check and the font subsets).

    Called in the print preflight, before anything is written: a table wider than the type area
    is reported there (SourceError), never clipped in the PDF."""
    problems = table_problems(issue, ctx)
    if problems:
        raise SourceError(problems)
    spans: list[Span] = []
    spec = issue.spec
    head = [spec.title, issue.date_text, issuer_mark(issue), "附件：一二三四五六七八九十0123456789.（）—， 。"]
    for value in ("doc_number", "addressees", "issuer", "note", "place", "source", "printed_by"):
        if getattr(spec, value, None):
            head.append(str(getattr(spec, value)))
    head += list(getattr(spec, "cc", []) or [])
    if getattr(spec, "contact", None):
        head.append(contact_text(spec.contact))
    for text in head:
        for role in ("title", "body", "heading", "kai"):
            spans.append(Span(issue.rel, 1, role, text + "：；来源地点印发抄送联系人电话此件"))
    parts = [(issue.rel, issue.document.main)] + [(a.part.rel, a.part) for a in issue.document.attachments if a.part]
    for rel, part in parts:
        first = part.headings[0].line if part.headings else 1
        for offset, line in enumerate(part_markdown(part, True).split("\n")):
            text = plain(line)
            if not text:
                continue
            role = "body"
            if line.startswith("## ") or line.startswith("<th") or "<th>" in line:
                role = "heading"
            elif line.startswith("### ") or "bl-task-units" in line:
                spans.append(Span(rel, None, "kai", text))
            spans.append(Span(rel, None, role, text))
        del first
    for a in issue.document.attachments:
        spans.append(Span(issue.rel, a.line, "title", a.title))
        spans.append(Span(issue.rel, a.line, "heading", a.label))
    return spans


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
