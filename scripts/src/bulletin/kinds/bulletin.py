"""工作简报: the masthead, 编者按, 本期目录 of the articles (the level-2 sections), and 报/送/发."""
from __future__ import annotations

import re

from ..errors import Collector
from ..sources import addressbook
from ..sources.schema import BulletinSpec
from .base import Kind

# 【会议报道】 as the first line of an article marks a meeting report inside a bulletin.
REPORT_TAG = re.compile(r"^【会议报道】\s*(?P<dateline>.*)$")
PLACEHOLDER_HEADLINE = "（在此填写第{n}篇文章标题）"
PLACEHOLDER_BODY = "（在此填写正文。）"
# A headline is balanced over lines on the page and in print, which costs more than linear time in its
# length: a 4,000-character one took five minutes. No headline is a paragraph long.
HEADLINE_MAX = 200
PREFACE_HINT = "<!-- 编者按：写在第一个“## ”标题之前的文字就是编者按；不需要时删去本注释即可。 -->"


def analyse(issue, doc, book, errors: Collector) -> None:
    if not issue.sections:
        errors.add(issue.rel, issue.body_line, "the issue has no articles; expected at least one "
                                               "level-2 heading ('## headline') starting an article")
    for section in issue.sections:
        if not section.title:
            errors.add(issue.rel, section.line, "a headline with no text; expected the article's headline after '## '")
        elif len(section.title) > HEADLINE_MAX:
            errors.add(issue.rel, section.line, f"a headline of {len(section.title)} characters; expected a headline "
                                                f"(at most {HEADLINE_MAX}; `bulletin check` asks for one 本期目录 line, 28)")
        first, _, rest = section.body.lstrip("\n").partition("\n")
        m = REPORT_TAG.match(first.strip())
        if m:
            section.report, section.dateline, section.body = True, m["dateline"].strip(), rest.lstrip("\n")
    _resolve_distribution(issue, book, doc, errors)


def _resolve_distribution(issue, book, doc, errors: Collector) -> None:
    spec, series = issue.spec, issue.series
    if spec.distribution is not None:
        roles = spec.distribution.by_role()
        where = lambda role, i: (issue.rel, doc.line_of(("distribution", role, i)))  # noqa: E731
    else:
        roles = series.default_distribution
        series_rel = f"{issue.rel.split('/')[0]}/{series.slug}/series.yml"
        where = lambda role, i: (series_rel, series.source.line_of(("distribution", role, i)))  # noqa: E731
    literal = spec.distribution.literal if spec.distribution is not None else None
    issue.distribution = addressbook.resolve(book, roles, spec.extra, series.extra_copies,
                                             lambda role, index, message: errors.add(*where(role, index), message),
                                             literal.by_role() if literal else None)


def web_page(issue, site) -> str:
    from ..site.pages import front
    show = bool(issue.series.distribution_on_web and issue.distribution)
    return front(title=issue.title, description=f"{issue.series.title} {issue.year}年{issue.number_text}") + \
        site.render("bulletin/page_bulletin.html", issue=issue, pdf_href=site.pdf_href(issue),
                    show_distribution=show) + "\n"


def print_html(issue, ctx) -> str:
    from ..print.bulletin_html import render_bulletin_html
    return render_bulletin_html(issue, ctx)


def print_texts(issue, ctx) -> list:
    from ..print.bulletin_html import bulletin_texts
    return bulletin_texts(issue, ctx)


def skeleton(meta: dict, number: int, total: int | None, date) -> tuple[list[str], list[str]]:
    """Front-matter lines (after issue:) and body lines of a new issue."""
    front = []
    if total or meta.get("show_total"):
        front.append(f"total: {total}" if total else "total:   # 总第N期: fill in, or delete this line")
    front.append(f"date: {date.isoformat()}")
    dist = meta.get("distribution") or {}
    if isinstance(dist, dict) and any(dist.get(r) for r in ("报", "送", "发")):
        front.append("distribution:")
        for role in ("报", "送", "发"):
            names = dist.get(role) or []
            if isinstance(names, list) and names:
                front.append(f"  {role}: [{', '.join(str(n) for n in names)}]")
    body = [PREFACE_HINT, ""]
    for n in (1, 2):
        body += [f"## {PLACEHOLDER_HEADLINE.format(n=n)}", "", PLACEHOLDER_BODY, ""]
    return front, body


def summary(issue) -> str:
    return "本期目录：" + "；".join(f"{s.number}. {s.title}" for s in issue.sections)


KIND = Kind(name="bulletin", label="工作简报", spec=BulletinSpec, analyse=analyse, web_page=web_page,
            print_html=print_html, print_texts=print_texts, skeleton=skeleton, listing=lambda issue: issue.number_text, summary=summary,
            bound_volume=True)
