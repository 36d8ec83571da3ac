"""Generated pages of the website, as Markdown with HTML blocks from overrides/bulletin/.

Bodies stay Markdown so MkDocs builds their headings into the page TOC and the search index;
each kind's page comes from its own template (kinds/*.py says which), archives and the latest
list from the templates here. Which issues appear and at which URL is asked of the publication.
"""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..kinds import kind_of
from ..model import Issue, Series
from ..model.publication import Publication
from ..templates import render


@dataclass(frozen=True)
class SiteContext:
    """What every generated page needs: the publication decisions, the templates, whether PDFs exist."""
    publication: Publication
    overrides: Path
    pdf: bool

    def render(self, template: str, **values) -> str:
        return render(self.overrides, template, **values)

    def pdf_href(self, issue: Issue) -> str | None:
        return self.publication.pdf_href(issue) if self.pdf else None


def front(**meta) -> str:
    """The virtual page's meta. The theme prints these values unescaped (page title, <title>, meta
    description, nav, search index), so they are escaped here, once, as text."""
    escaped = {key: html.escape(str(value), quote=True) for key, value in meta.items()}
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False) + "---\n\n"


def issue_page(issue: Issue, site: SiteContext) -> str:
    """The Markdown of one issue's web page, by its kind."""
    return kind_of(issue).web_page(issue, site)


def by_year(issues: list[Issue]) -> list[tuple[int, list[Issue]]]:
    groups: dict[int, list[Issue]] = defaultdict(list)
    for issue in issues:
        groups[issue.year].append(issue)
    return [(year, sorted(groups[year], key=lambda i: (i.date, i.number), reverse=True))
            for year in sorted(groups, reverse=True)]


def archive_page(series: Series, site: SiteContext) -> str:
    publication = site.publication
    here = publication.series_url(series)
    years = by_year(publication.public_issues(series))
    link = lambda issue: publication.href(here, publication.page_url(issue))  # noqa: E731
    return front(title=series.title) + site.render("bulletin/archive.html", series=series, years=years, link=link,
                                                   listing=lambda issue: kind_of(issue).listing(issue))


def latest_block(site: SiteContext, count: int) -> str:
    publication = site.publication
    return site.render("bulletin/latest.html", series=publication.public_series(),
                       latest=publication.public_issues()[:count],
                       link=lambda issue: publication.page_url(issue),
                       series_link=lambda series: publication.series_url(series),
                       listing=lambda issue: kind_of(issue).listing(issue))
