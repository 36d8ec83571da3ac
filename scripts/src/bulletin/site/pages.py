"""Generated pages of the website, as Markdown with HTML blocks from overrides/bulletin/.

Bodies stay Markdown so MkDocs builds their headings into the page TOC; each kind's page comes from
its own template (kinds/*.py says which), archives and the latest list from the templates here.
Which issues appear, on which archive page and at which URL is asked of the publication.

Page furniture the theme draws around a body (breadcrumbs, the PDF and feed links, 上一期/下一期,
what the search index records) travels as plain text in one JSON line after the front matter, which
the plugin moves into the page's meta under ``bl_*`` keys (:func:`take_furniture`);
overrides/main.html escapes it. After the build, :func:`fill_pdf_facts` writes each PDF's
page count and size into its page, since the PDFs are rendered after the pages.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..chinese import cn_date
from ..kinds import kind_of
from ..model import Issue
from ..model.publication import ArchivePage, Publication
from ..templates import render

HOME = "首页"
PDF_FACTS = '<span class="bl-pdf-facts"></span>'   # filled in after the build: （3页，326 KB）


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
    description, nav), so they are escaped here, once, as text."""
    escaped = {key: html.escape(str(value), quote=True) for key, value in meta.items()}
    return "---\n" + _yaml_lines(escaped) + "---\n\n"


def _yaml_lines(values: dict) -> str:
    """``key: value`` lines with each value as JSON, which YAML reads as it is. yaml.safe_dump was the
    largest cost of making a page (cProfile of a 500-issue build); json.dumps is a small fraction of it."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())


FURNITURE = "<!-- bulletin-furniture "


def with_furniture(page: str, **furniture) -> str:
    """Put the page's furniture in the line after its front matter, as JSON (one line: JSON escapes
    line breaks). In the front matter, MkDocs would read it with PyYAML's pure-Python parser, which
    took more of a 500-issue build than making the pages did (py-spy)."""
    head, sep, body = page.partition("\n---\n\n")
    if not page.startswith("---\n") or not sep:
        raise ValueError("a generated page starts with its front matter")
    line = json.dumps({f"bl_{k}": v for k, v in furniture.items()}, ensure_ascii=False)
    return f"{head}\n---\n\n{FURNITURE}{line} -->\n\n{body}"


def take_furniture(markdown: str) -> tuple[str, dict]:
    """A generated page's Markdown without its furniture line, and the furniture (``bl_*`` keys)."""
    if not markdown.startswith(FURNITURE):
        return markdown, {}
    line, _, rest = markdown.partition("\n")
    return rest.lstrip("\n"), json.loads(line[len(FURNITURE):].removesuffix(" -->"))


def _link(label: str, url: str | None, title: str = "") -> dict:
    """A link for the theme: ``url`` relative to the site root ("" is the home page), None for the
    page itself (the last breadcrumb)."""
    return {"label": label, "url": url, "title": title}


# ---------------------------------------------------------------- issue pages

def issue_label(issue: Issue) -> str:
    """How a listing, a breadcrumb or 上一期/下一期 names an issue: 文号, else 第N期, else its date."""
    return kind_of(issue).listing(issue) or issue.date_text


def search_title(issue: Issue) -> str:
    """The title a search result shows for the page: the document title, or series, year and number."""
    if issue.spec.title:
        return issue.spec.title
    return f"{issue.series.title} {issue.year}年{issue.number_text}"


def issue_furniture(issue: Issue, site: SiteContext) -> dict:
    pub = site.publication
    series, year_url = issue.series, pub.archive_url(issue.series, issue.year)
    older, newer = pub.neighbours(issue)
    furniture = {
        "type": kind_of(issue).name,
        "trail": [_link(HOME, ""), _link(series.title, pub.archive_url(series)),
                  _link(f"{issue.year}年", year_url), _link(issue_label(issue), None)],
        "search": {"title": search_title(issue), "series": series.title, "date": issue.date_text,
                   "number": kind_of(issue).listing(issue)},
        "feed": _link("订阅本系列", pub.feed_path(series)),
        "list": _link(f"返回{issue.year}年列表", year_url),
        "prev": _link("上一期", pub.page_url(older), f"{issue_label(older)} {older.headline}") if older else None,
        "next": _link("下一期", pub.page_url(newer), f"{issue_label(newer)} {newer.headline}") if newer else None,
    }
    if site.pdf:
        furniture["pdf"] = {"url": pub.pdf_path(issue)[1], "download": pub.pdf_download_name(issue)}
    return furniture


def issue_page(issue: Issue, site: SiteContext) -> str:
    """The Markdown of one issue's web page: its kind's page, with the marking (when the series shows
    it on the web) and the open-information record of a policy document above it, and the page
    furniture after its front matter."""
    page = kind_of(issue).web_page(issue, site)
    marking = site.publication.web_marking(issue)
    above = [f'<p class="bl-marking">{html.escape(marking)}</p>' if marking else "", doc_record(issue, site)]
    if any(above):
        head, _, body = page.partition("\n---\n\n")
        page = f"{head}\n---\n\n" + "\n\n".join(part for part in above if part) + f"\n\n{body}"
    return with_furniture(_raw_pictures(page, issue, site.publication), **issue_furniture(issue, site))


_IMG_SRC = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*)("[^"]*"|'[^']*')""", re.I)


def _raw_pictures(page: str, issue: Issue, pub: Publication) -> str:
    """A picture an issue shows with raw HTML (<img src="photo.png">) pointed at where the site has it:
    MkDocs rewrites the addresses of Markdown images for the page's URL (szzw/2026/002/), not those
    inside HTML, which named a file beside the page's folder that is not there."""
    pictures = {path for path, _ in pub.picture_files(issue)}
    if not pictures or "<img" not in page.lower():
        return page
    folder = posixpath.dirname(pub.page_source(issue))

    def point(m: re.Match) -> str:
        value = html.unescape(m[2][1:-1])
        target = posixpath.normpath(posixpath.join(folder, unquote(value)))
        if "://" in value or value.startswith(("/", "#", "data:")) or target not in pictures:
            return m[0]
        return m[1] + '"' + html.escape(pub.href(pub.page_url(issue), target)) + '"'
    return _IMG_SRC.sub(point, page)


def doc_record(issue: Issue, site: SiteContext) -> str:
    """索引号, 发文机关, 发文字号, 成文日期, 发布日期, 主题分类 of a notice or plan (the block Chinese
    government open-information pages show above a document); nothing for other kinds."""
    spec = issue.spec
    if not getattr(spec, "doc_number", None):
        return ""
    published = getattr(spec, "printed_date", None) or issue.date
    rows = [("索引号", getattr(spec, "index_no", None)), ("发文机关", spec.issuer),
            ("发文字号", spec.doc_number), ("成文日期", issue.date_text),
            ("发布日期", cn_date(published)),
            ("主题分类", getattr(spec, "subject", None))]
    return site.render("bulletin/doc_record.html", rows=[(k, v) for k, v in rows if v])


# ---------------------------------------------------------------- archives

def by_year(issues: list[Issue]) -> list[tuple[int, list[Issue]]]:
    groups: dict[int, list[Issue]] = defaultdict(list)
    for issue in issues:
        groups[issue.year].append(issue)
    return [(year, sorted(groups[year], key=lambda i: (i.date, i.number), reverse=True))
            for year in sorted(groups, reverse=True)]


def _pager(page: ArchivePage, pub: Publication) -> list[dict]:
    """Links to every page of this listing (the current one without a link)."""
    if page.count == 1:
        return []
    return [_link(str(n), None if n == page.number else pub.archive_url(page.series, page.year, n))
            for n in range(1, page.count + 1)]


def archive_page(page: ArchivePage, site: SiteContext) -> str:
    """One page of a series archive (all years, grouped by year) or of a year archive."""
    pub, series = site.publication, page.series
    here = pub.archive_url(series, page.year, page.number)
    title = series.title if page.year is None else f"{series.title}（{page.year}年）"
    if page.count > 1:
        title += f" 第{page.number}页"
    trail = [_link(HOME, ""), _link(series.title, pub.archive_url(series) if page.year or page.number > 1 else None)]
    if page.year is not None:
        trail.append(_link(f"{page.year}年", pub.archive_url(series, page.year) if page.number > 1 else None))
    if page.number > 1:
        trail.append(_link(f"第{page.number}页", None))
    per_year = Counter(i.year for i in pub.public_issues(series, newest_first=False))
    years = [(year, per_year[year], pub.archive_url(series, year)) for year in pub.public_years(series)]
    volume = next((path for year, folder, path, _ in pub.volumes(series)
                   if site.pdf and folder == "site" and year == page.year), None)
    body = site.render("bulletin/archive.html", series=series, page=page, title=title,
                       groups=by_year(page.issues) if page.year is None else [(page.year, page.issues)],
                       years=years, link=lambda issue: pub.href(here, pub.page_url(issue)),
                       year_link=lambda url: pub.href(here, url), number=lambda i: kind_of(i).listing(i),
                       pages=[dict(p, url=pub.href(here, p["url"]) if p["url"] is not None else None)
                              for p in _pager(page, pub)],
                       feed=pub.href(here, pub.feed_path(series)),
                       volume=volume and {"href": pub.href(here, volume), "download": volume.rsplit("/", 1)[-1]})
    return with_furniture(front(title=title, description=series.description or series.title) + body,
                          type="archive", trail=trail)


def latest_block(site: SiteContext, count: int) -> str:
    publication = site.publication
    return site.render("bulletin/latest.html", series=publication.public_series(),
                       latest=publication.public_issues()[:count],
                       link=lambda issue: publication.page_url(issue),
                       series_link=lambda series: publication.series_url(series),
                       feed_link=lambda series: publication.feed_path(series),
                       years=lambda series: [(y, publication.archive_url(series, y))
                                             for y in publication.public_years(series)],
                       site_feed=publication.feed_path(), number=lambda i: kind_of(i).listing(i))


# ---------------------------------------------------------------- after the build

def pdf_facts(path: Path, pages: int | None = None) -> str:
    """（3页，326 KB）: what a reader wants to know before downloading a PDF (``pages``: its page count
    when the build knows it; otherwise the PDF is opened to count them)."""
    size = path.stat().st_size
    shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"
    if pages is None:
        import pikepdf     # QPDF reads the page tree alone; pypdf parsed a volume's object streams whole
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
    return f"（{pages}页，{shown}）"


def _pdf_pages(publication: Publication) -> list[tuple[str, str]]:
    """(page URL, PDF path) of every public PDF with a link: each issue's page, each year's volume."""
    pairs = [(publication.page_url(i), publication.pdf_path(i)[1]) for i in publication.public_issues()
             if publication.pdf_path(i)[0] == "site"]
    for series in publication.public_series():
        pairs += [(publication.archive_url(series, year), path)
                  for year, folder, path, _ in publication.volumes(series) if folder == "site"]
    return pairs


def fill_pdf_facts(publication: Publication, site_dir: Path, built: set[str] | None = None,
                   known: dict[Path, int] | None = None) -> int:
    """Write page count and size by each PDF link whose PDF is in ``site_dir``, on the pages in
    ``built`` (site paths; None: every page); returns how many. ``known``: the page counts of the
    PDFs rendered this time, by path, as their workers counted them: opening 2,000 PDFs again to
    count their pages took 4.6 s at the end of a cold build, when nothing else was left to do."""
    known = {Path(path).resolve(): count for path, count in (known or {}).items()}
    filled = 0
    for url, pdf_rel in _pdf_pages(publication):
        pdf = site_dir / pdf_rel
        page_rel = publication.file_of(url)
        page = site_dir / page_rel
        if (built is not None and page_rel not in built) or not pdf.is_file() or not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        if PDF_FACTS not in text:
            continue
        facts = pdf_facts(pdf, known.get(pdf.resolve()))
        page.write_text(text.replace(PDF_FACTS, PDF_FACTS.replace("></", f">{facts}</"), 1), encoding="utf-8")
        filled += 1
    return filled

