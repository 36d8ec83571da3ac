"""Web pages of notices, plans and meeting reports (the non-bulletin kinds).

The page is Markdown with HTML blocks from overrides/bulletin/ (notice_head.html,
official_tail.html, attachment.html, banji.html, plan_tasks.html, report_head.html);
the body stays Markdown so MkDocs builds the TOC and the search index from it.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..chinese import cn_date
from ..model import Issue
from .official import contact_text, note_text, report_article
from ..templates import render


def issuer_mark(issue: Issue) -> str:
    """发文机关标志: the series title when it is one (…文件), else the issuing office + 文件."""
    title = issue.series.title
    return title if title.endswith("文件") else f"{issue.series.office}文件"


def addressees_line(spec) -> str | None:
    """主送 line, always ending in one full-width colon."""
    if not spec.addressees:
        return None
    return spec.addressees.strip().rstrip(":：") + "："


def printed_line(issue: Issue) -> tuple[str | None, str]:
    spec = issue.spec
    return spec.printed_by or issue.series.office, f"{cn_date(spec.printed_date or issue.date)}印发"


def attachment_href(issue: Issue, attachment) -> str:
    """Relative link from the page (served at <key>/) to an attachment's section or download."""
    if attachment.is_markdown:
        return f"#attachment-{attachment.number}"
    return f"{attachment.download_name}"


def asset_files(issue: Issue) -> list[tuple[str, Path]]:
    """Non-Markdown attachments to publish beside the page: (site path, source file)."""
    document = issue.document
    if document is None:
        return []
    return [(f"{issue.key}/{a.download_name}", a.path) for a in document.attachments if not a.is_markdown]


def values(issue: Issue, pdf: bool) -> dict:
    spec = issue.spec
    printed_by, printed_date = printed_line(issue) if issue.series.kind != "report" else (None, "")
    return dict(
        issue=issue, spec=spec, document=issue.document, pdf=pdf,
        mark=issuer_mark(issue), addressees=addressees_line(spec) if hasattr(spec, "addressees") else None,
        note=note_text(getattr(spec, "note", None)), contact=contact_text(getattr(spec, "contact", None)),
        printed_by=printed_by, printed_date=printed_date, href=lambda a: attachment_href(issue, a),
    )


def _web(markdown: str) -> str:
    """Drop the source-line markers that only the print checks need."""
    return re.sub(r' data-src="[^"]*"', "", markdown)


def issue_page(issue: Issue, overrides: Path, pdf: bool) -> str:
    """The Markdown of one notice, plan or report page."""
    return _web(_issue_page(issue, overrides, pdf))


def _issue_page(issue: Issue, overrides: Path, pdf: bool) -> str:
    from ..site.pages import _front   # web imports this module
    document = issue.document
    v = values(issue, pdf)
    kind = issue.series.kind
    description = getattr(issue.spec, "doc_number", None) or f"{issue.series.title} {issue.date_text}"
    parts = [_front(title=issue.title, description=description)]
    if kind == "report":
        parts.append(render(overrides, "bulletin/report_head.html", **v))
        parts.append(f'<div class="bl-report" markdown="1">\n\n{document.main.markdown}\n\n</div>')
        return "\n\n".join(parts) + "\n"
    parts.append(render(overrides, "bulletin/notice_head.html", **v))
    parts.append(f'<div class="bl-official-body" markdown="1">\n\n{document.main.markdown}\n\n</div>')
    parts.append(render(overrides, "bulletin/official_tail.html", **v))
    for attachment in document.attachments:
        parts.append(render(overrides, "bulletin/attachment.html", attachment=attachment, **v))
        if attachment.part is not None:
            parts.append(attachment.part.markdown)
        parts.append("</div>")
    if issue.spec.cc or issue.spec.printed_by or issue.spec.printed_date:
        parts.append(render(overrides, "bulletin/banji.html", **v))
    if document.tasks:
        parts.append(render(overrides, "bulletin/plan_tasks.html", **v))
    return "\n\n".join(parts) + "\n"


def article_body(body: str) -> str:
    """A bulletin article body; one starting with 【会议报道】 gets the meeting-report line styled."""
    dateline, rest = report_article(body)
    if dateline is None:
        return body
    from markupsafe import escape
    meta = f' <span class="bl-report-dateline">{escape(dateline)}</span>' if dateline else ""
    return f'<p class="bl-report-tag"><span class="bl-report-label">会议报道</span>{meta}</p>\n\n{rest}'
