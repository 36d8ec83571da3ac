"""Generated pages of the website, as Markdown with HTML blocks from overrides/bulletin/.

The articles stay Markdown so MkDocs builds their headings into the page TOC and
the search index; masthead, 本期目录 and 报/送/发 come from templates.
"""
from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

import yaml

from ..model import Issue, Project, Series
from ..templates import render


def _front(**meta) -> str:
    """The virtual page's meta. The theme prints these values unescaped (page title, <title>, meta
    description, nav, search index), so they are escaped here, once, as text."""
    escaped = {key: html.escape(str(value), quote=True) for key, value in meta.items()}
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False) + "---\n\n"


def issue_path(issue: Issue) -> str:
    """Source path of the virtual page; with directory URLs it is served at /<series>/<year>/<NNN>/."""
    return f"{issue.key}.md"


def issue_page(issue: Issue, overrides: Path, pdf: bool) -> str:
    """The Markdown of one issue's web page."""
    if issue.series.kind != "bulletin":   # notices, plans, meeting reports
        from ..kinds.web import issue_page as kind_page
        return kind_page(issue, overrides, pdf)
    parts = [
        _front(title=issue.title, description=f"{issue.series.title} {issue.year}年{issue.number_text}"),
        render(overrides, "bulletin/issue_head.html", issue=issue, pdf=pdf),
    ]
    if issue.preface:
        parts.append(render(overrides, "bulletin/preface.html", issue=issue))
        # the label runs into the first paragraph, as in print
        parts.append('<strong class="bl-preface-label">编者按：</strong>' + issue.preface)
        parts.append("</div>")
    if issue.series.kind == "bulletin":
        parts.append(render(overrides, "bulletin/toc.html", issue=issue))
        for section in issue.sections:
            from ..kinds.web import article_body   # 【会议报道】 articles get a styled report line
            parts.append(f"## {section.title} {{#{section.anchor}}}\n\n{article_body(section.body)}")
        if issue.series.distribution_on_web and issue.distribution:
            parts.append(render(overrides, "bulletin/distribution.html", issue=issue))
    else:
        parts.append(issue.body)
    return "\n\n".join(parts) + "\n"


def by_year(issues: list[Issue]) -> list[tuple[int, list[Issue]]]:
    groups: dict[int, list[Issue]] = defaultdict(list)
    for issue in issues:
        groups[issue.year].append(issue)
    return [(year, sorted(groups[year], key=lambda i: (i.date, i.number), reverse=True))
            for year in sorted(groups, reverse=True)]


def archive_page(series: Series, overrides: Path) -> str:
    years = by_year(series.public_issues())
    return _front(title=series.title) + render(overrides, "bulletin/archive.html", series=series, years=years)


def latest_block(project: Project, overrides: Path, count: int) -> str:
    series = [s for s in project.series.values() if s.visibility == "public"]
    return render(overrides, "bulletin/latest.html", series=series,
                  latest=project.public_issues()[:count])
