"""The one place that decides what is published, where each output goes and at which URL.

Every page, listing, feed entry, search record, sitemap entry, PDF and attachment copy asks this
module and nothing else (MkDocs sets one inclusion level per file and asks it everywhere; Pelican
sorts items into published/hidden once; the same habit here). The rule: an issue is on the website
only when it is public *and* its series is public; everything else prints to print/ only.

Paths and URLs are relative to the site root (``szzw/2026/002/``); ``href`` turns two of them into
the relative link a page needs, for either setting of MkDocs' ``use_directory_urls``.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from .entities import Issue, Project, Series
from .pictures import named_as_picture

FEED_FILE = "feed.xml"
PAGE_SIZE = 50   # issues per archive page (the bulletin plugin's page_size option)


@dataclass(frozen=True)
class Publication:
    project: Project
    directory_urls: bool = True
    page_size: int = PAGE_SIZE

    # ------------------------------------------------------------ what is public
    def series_is_public(self, series: Series) -> bool:
        return series.visibility == "public"

    def is_public(self, issue: Issue) -> bool:
        """On the website: the issue's own visibility (or its series' default) and the series both public."""
        own = issue.spec.visibility or issue.series.visibility
        return own == "public" and self.series_is_public(issue.series)

    def public_series(self) -> list[Series]:
        return [s for s in self.project.series.values() if self.series_is_public(s)]

    def public_issues(self, series: Series | None = None, newest_first: bool = True) -> list[Issue]:
        """Public issues of one series or of the whole site: newest first, or in source order.
        Worked out once a build (every archive page and listing asks), a fresh list each call."""
        cache = self.__dict__.setdefault("_public", {})
        key = (series.slug if series is not None else None, newest_first)
        if key not in cache:
            pool = series.issues if series is not None else self.project.all_issues()
            chosen = [i for i in pool if self.is_public(i)]
            if newest_first:
                chosen.sort(key=lambda i: (i.date, i.series.slug, i.year, i.number), reverse=True)
            cache[key] = chosen
        return list(cache[key])

    # ------------------------------------------------------------ where things go
    def page_source(self, issue: Issue) -> str:
        """The virtual Markdown page MkDocs builds for a public issue."""
        return f"{issue.key}.md"

    def series_source(self, series: Series) -> str:
        return f"{series.slug}/index.md"

    def page_url(self, issue: Issue) -> str:
        return f"{issue.key}/" if self.directory_urls else f"{issue.key}.html"

    def series_url(self, series: Series) -> str:
        return self.archive_url(series)

    def volumes(self, series: Series) -> list[tuple[int, str, str, list[Issue]]]:
        """The bound volumes (合订本) of a series: (year, output folder, path, issues), one per year.

        A public series gets a public volume of its public issues beside its year archive; when a
        year also has internal issues, or the series is internal, a volume of all of them goes to
        print/ only."""
        cache = self.__dict__.setdefault("_volumes", {})
        if series.slug not in cache:
            by_year: dict[int, list[Issue]] = {}
            for issue in series.issues:
                by_year.setdefault(issue.year, []).append(issue)
            out = cache[series.slug] = []
            for year, every in sorted(by_year.items()):
                public = [i for i in every if self.is_public(i)]
                if public:
                    out.append((year, "site", f"{series.slug}/{year}/{series.slug}-{year}-volume.pdf", public))
                if len(public) < len(every):
                    out.append((year, "print", f"{series.slug}/{year}-volume-internal.pdf", every))
        return list(cache[series.slug])

    def pdf_path(self, issue: Issue) -> tuple[str, str]:
        """("site", path) beside the public page, or ("print", path) for everything internal."""
        return ("site" if self.is_public(issue) else "print"), f"{issue.key}.pdf"

    def attachment_files(self, issue: Issue) -> list[tuple[str, Path]]:
        """File attachments (.pdf, .xlsx…) copied beside a public page: (site path, source file)."""
        if not self.is_public(issue) or issue.document is None:
            return []
        return [(f"{issue.key}/{a.download_name}", a.path) for a in issue.document.attachments if not a.is_markdown]

    def picture_files(self, issue: Issue) -> list[tuple[str, Path]]:
        """The pictures a public issue's text shows, copied to the site where its Markdown names them
        (the loader checked each: inside the sources, a picture by its content, not kept in an internal
        series): (site path, source file), the site path relative to bulletins/. Not SVG, nor any other
        file (model/pictures.py)."""
        if not self.is_public(issue):
            return []
        bulletins = issue.series.path.parent
        return sorted({(path.relative_to(bulletins).as_posix(), path) for path in issue.resources
                       if named_as_picture(path) and bulletins in path.parents})

    def internal_files_shown(self, issue: Issue) -> list[Path]:
        """The files a public issue shows that lie in the folder of an internal series: publishing the
        page would publish them (the loader refuses it)."""
        if not self.is_public(issue):
            return []
        internal = [s.path for s in self.project.series.values() if not self.series_is_public(s)]
        return [path for path in issue.resources if any(folder in path.parents for folder in internal)]

    def feed_path(self, series: Series | None = None) -> str:
        return f"{series.slug}/{FEED_FILE}" if series is not None else FEED_FILE

    @staticmethod
    def file_of(url: str) -> str:
        """The file in the site that serves a page's URL (szzw/2026/002/ → szzw/2026/002/index.html)."""
        return url + "index.html" if url.endswith("/") else url

    def site_paths(self) -> set[str]:
        """Every file the bulletin part of the site consists of (pages, archives, attachments, feeds)."""
        page = self.file_of
        paths = {self.feed_path()}
        for series in self.public_series():
            paths |= {page(url) for _, url, _ in self.archive_pages(series)} | {self.feed_path(series)}
            for issue in self.public_issues(series):
                paths |= {page(self.page_url(issue))} | {path for path, _ in self.attachment_files(issue)}
        return paths

    def pdf_paths(self, printed: list[Issue]) -> dict[str, set[str]]:
        """Where the PDFs of ``printed`` issues go, by output folder."""
        out: dict[str, set[str]] = {"site": set(), "print": set()}
        for issue in printed:
            folder, path = self.pdf_path(issue)
            out[folder].add(path)
        return out

    # ------------------------------------------------------------ links between pages
    def href(self, from_url: str, to_path: str) -> str:
        """The relative link from the page at ``from_url`` to the file or page at ``to_path``."""
        base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
        link = posixpath.relpath("/" + to_path, "/" + base)
        return link + "/" if to_path.endswith("/") and not link.endswith("/") else link

    def pdf_href(self, issue: Issue) -> str:
        """From a public issue's page to its PDF."""
        return self.href(self.page_url(issue), self.pdf_path(issue)[1])

    def pdf_download_name(self, issue: Issue) -> str:
        """The name a reader's browser saves the PDF under: series, year and number (szzw-2026-002.pdf)."""
        return f"{issue.series.slug}-{issue.year}-{issue.slug}.pdf"

    def web_marking(self, issue: Issue) -> str | None:
        """A print marking (内部资料 注意保存) shows on the web only when the series asks for it
        (series.yml ``marking_on_web: true``): a public page is not internal material."""
        series = issue.series
        asked = getattr(series, "marking_on_web", None)
        if asked is None and series.source is not None:   # until the loader copies the field onto Series
            asked = (series.source.data or {}).get("marking_on_web") is True
        return issue.spec.marking if asked else None

    # ------------------------------------------------------------ archives and neighbours
    def _url_of(self, source: str) -> str:
        """MkDocs' URL of a generated Markdown page (index.md is its folder's page)."""
        stem = source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            folder = stem.removesuffix("index")
            return folder if self.directory_urls else folder + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    def archive_source(self, series: Series, year: int | None = None, page: int = 1) -> str:
        """A series archive (all years) or a year archive; page 2 on in page/N: szzw/2026/page/2.md."""
        folder = f"{series.slug}/" + (f"{year}/" if year is not None else "")
        return folder + ("index.md" if page == 1 else f"page/{page}.md")

    def archive_url(self, series: Series, year: int | None = None, page: int = 1) -> str:
        return self._url_of(self.archive_source(series, year, page))

    def public_years(self, series: Series) -> list[int]:
        cache = self.__dict__.setdefault("_years", {})
        if series.slug not in cache:
            cache[series.slug] = sorted({i.year for i in self.public_issues(series, newest_first=False)}, reverse=True)
        return list(cache[series.slug])

    def archive_pages(self, series: Series) -> list[tuple[str, str, "ArchivePage"]]:
        """Every archive page of a public series: (source, url, page), the all-years archive first,
        then each year's; ``page_size`` issues a page, newest first, at least one page each."""
        out = []
        for year in (None, *self.public_years(series)):
            issues = [i for i in self.public_issues(series) if year is None or i.year == year]
            chunks = [issues[n:n + self.page_size] for n in range(0, len(issues), self.page_size)] or [[]]
            for number, chunk in enumerate(chunks, 1):
                page = ArchivePage(series, year, number, len(chunks), chunk, len(issues))
                out.append((self.archive_source(series, year, number), self.archive_url(series, year, number), page))
        return out

    def _publication_order(self, series: Series) -> tuple[list[Issue], dict[int, int]]:
        """A series' public issues in publication order, and each one's place (computed once a build:
        every issue page asks for its neighbours)."""
        cache = self.__dict__.setdefault("_orders", {})
        if series.slug not in cache:
            ordered = sorted(self.public_issues(series), key=lambda i: (i.date, i.year, i.spec.supplement, i.number))
            cache[series.slug] = (ordered, {id(other): n for n, other in enumerate(ordered)})
        return cache[series.slug]

    def neighbours(self, issue: Issue) -> tuple[Issue | None, Issue | None]:
        """(上一期, 下一期): the public issues of the same series published just before and after."""
        ordered, positions = self._publication_order(issue.series)
        at = positions.get(id(issue))
        if at is None:
            return None, None
        return (ordered[at - 1] if at > 0 else None), (ordered[at + 1] if at + 1 < len(ordered) else None)


@dataclass(frozen=True)
class ArchivePage:
    """One page of an archive listing: which series (and year), which page of how many, its issues."""
    series: Series
    year: int | None
    number: int
    count: int
    issues: list[Issue]
    total: int

