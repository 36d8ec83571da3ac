"""The print HTML of a bulletin issue, from overrides/print/bulletin.html and bulletin.css."""
from __future__ import annotations

import math

from markupsafe import Markup

from ..chinese import cn_number
from ..model import Issue
from .context import PrintContext
from .texts import Span, html_spans

TEMPLATE = "print/bulletin.html"
STYLESHEET = "print/bulletin.css"
TYPE_WIDTH_PT = 156 / 25.4 * 72        # the type area is 156 mm wide
HEADLINE_PT = 22                        # 2号 headlines


def mirrored(issue: Issue) -> bool:
    """Does the series ask for mirrored margins (binding edge alternating)? Off by default: GB/T 9704
    keeps the 28 mm binding margin on the left of every page."""
    return bool(getattr(issue.series, "mirrored_margins", False))


def masthead_size(title: str) -> int:
    """The series name as large as fits on one line of the type area, at most 48 pt."""
    units = sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in title) or 1
    return max(22, min(48, math.floor(TYPE_WIDTH_PT * 0.96 / units)))


def issue_values(issue: Issue, ctx: PrintContext) -> dict:
    """What overrides/print/bulletin_issue.html needs to print one issue."""
    preface_html = ctx.markdown(issue.preface) if issue.preface.strip() else ""
    if preface_html.startswith("<p>"):
        preface_html = '<p><span class="bl-preface-label">编者按：</span>' + preface_html[3:]
    sections = [{"anchor": s.anchor, "title": s.title, "number": cn_number(n),
                 "title_html": Markup(ctx.headline(s.title, HEADLINE_PT, TYPE_WIDTH_PT)),
                 "html": ctx.markdown(s.body), "report": s.report, "dateline": s.dateline}
                for n, s in enumerate(issue.sections, 1)]
    return {"issue": issue, "sections": sections, "preface_html": preface_html,
            "masthead_size": masthead_size(issue.series.title)}


def render_bulletin_html(issue: Issue, ctx: PrintContext) -> str:
    values = issue_values(issue, ctx)
    return ctx.render(TEMPLATE, **values, mirrored=mirrored(issue),
                      subject=f"{issue.series.title} {issue.year}年{issue.number_text}",
                      created=f"{issue.date.isoformat()}T00:00:00+08:00",
                      font_css=ctx.font_css, css=ctx.stylesheet(STYLESHEET))


def bulletin_texts(issue: Issue, ctx: PrintContext) -> list[Span]:
    """What each font role prints: read from the print HTML itself (print/texts.py)."""
    return html_spans(render_bulletin_html(issue, ctx), issue, ctx.root, ctx.overrides, ctx.everywhere)


