"""通知 (and 函): an official document per GB/T 9704: 文号, title, 主送, numbered body, 附件, signature."""
from __future__ import annotations

from ..filefacts import describe
from ..sources.schema import OfficialSpec
from .base import Kind
from .official import TASK, analyse_document, document_values, find_tasks

PLACEHOLDER_BODY = "（在此填写正文。）"


def analyse(issue, doc, book, errors) -> None:
    document = analyse_document(issue, doc, errors, numbered=True, attachments=True)
    if TASK.search(issue.body):      # a notice may carry task notes too; the table then lists them
        document.tasks = find_tasks(document.main)


def attachment_href(attachment) -> str:
    """From the page: a Markdown attachment is a section of it, a file lies beside it."""
    return f"#attachment-{attachment.number}" if attachment.is_markdown else attachment.download_name


def web_page(issue, site) -> str:
    from ..site.pages import front
    from .markup import part_markdown
    return front(title=issue.title, description=issue.spec.doc_number) + \
        site.render("bulletin/page_notice.html", **document_values(issue), pdf_href=site.pdf_href(issue),
                    href=attachment_href, part_markdown=part_markdown, facts=describe) + "\n"


def print_html(issue, ctx) -> str:
    from ..print.official_html import render_official_html
    return render_official_html(issue, ctx, document_values(issue))


def print_texts(issue, ctx) -> list:
    from ..print.official_html import official_texts
    return official_texts(issue, ctx)


def skeleton(meta: dict, number: int, total: int | None, date) -> tuple[list[str], list[str]]:
    office = str(meta.get("office", ""))
    front = [f"date: {date.isoformat()}", "title: （在此填写标题）",
             f"doc_number: （发文机关代字）〔{date.year}〕{number}号", f"issuer: {office or '（发文机关）'}"]
    return front, [PLACEHOLDER_BODY, ""]


def summary(issue) -> str:
    from .report import plain_summary
    return plain_summary(issue)


KIND = Kind(name="notice", label="通知", spec=OfficialSpec, analyse=analyse, web_page=web_page,
            print_html=print_html, print_texts=print_texts, skeleton=skeleton, listing=lambda issue: issue.spec.doc_number,
            summary=summary, numbered_by_year=False)
