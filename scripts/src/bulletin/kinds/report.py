"""会议报道: a news-style report of a meeting: title, date, place, source and free text."""
from __future__ import annotations

import re

from ..sources.schema import ReportSpec
from .base import Kind
from .official import analyse_document


def analyse(issue, doc, book, errors) -> None:
    analyse_document(issue, doc, errors, numbered=False, attachments=False)


def web_page(issue, site) -> str:
    from ..site.pages import front
    return front(title=issue.title, description=f"{issue.series.title} {issue.date_text}") + \
        site.render("bulletin/page_report.html", issue=issue, spec=issue.spec, document=issue.document,
                    pdf_href=site.pdf_href(issue)) + "\n"


def print_html(issue, ctx) -> str:
    from ..print.official_html import render_official_html
    return render_official_html(issue, ctx, {'issue': issue, 'spec': issue.spec, 'document': issue.document})


def print_texts(issue, ctx) -> list:
    from ..print.official_html import official_texts
    return official_texts(issue, ctx)


def skeleton(meta: dict, number: int, total: int | None, date) -> tuple[list[str], list[str]]:
    return [f"date: {date.isoformat()}", "title: （在此填写标题）"], ["（在此填写正文。）", ""]


def plain_summary(issue) -> str:
    """The first 140 characters of the body as plain text."""
    text = re.sub(r"<[^>]+>|[#*`>|]", "", issue.body)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:140] + ("……" if len(text) > 140 else "")


KIND = Kind(name="report", label="会议报道", spec=ReportSpec, analyse=analyse, web_page=web_page,
            print_html=print_html, print_texts=print_texts, skeleton=skeleton, listing=lambda issue: "", summary=plain_summary,
            numbered_by_year=False)
