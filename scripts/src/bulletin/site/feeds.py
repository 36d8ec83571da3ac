"""Atom feeds (RFC 4287): one per public series at <series>/feed.xml and one for the site at feed.xml.

Only what the website shows goes in: internal issues and internal series never do.  Dates come
from the front matter (the issue date at 00:00 China Standard Time), never from the clock, so the
same sources give the same bytes.  Written with xml.etree: Atom needs a dozen elements, and this
keeps the output deterministic without another dependency.  No MkDocs import here.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..model import Issue, Project, Series

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
MAX_ENTRIES = 50
CST = dt.timezone(dt.timedelta(hours=8))
GENERATOR = "bulletin"

ET.register_namespace("", ATOM)


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def stamp(day: dt.date) -> str:
    """RFC 3339 time of an issue: its date at midnight in China (UTC+8)."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=CST).isoformat()


def issue_url(site_url: str, issue: Issue, directory_urls: bool = True) -> str:
    return site_url + (f"{issue.key}/" if directory_urls else f"{issue.key}.html")


def _summary(issue: Issue) -> str:
    if issue.series.kind == "bulletin" and issue.sections:
        return "本期目录：" + "；".join(f"{s.number}. {s.title}" for s in issue.sections)
    text = re.sub(r"<[^>]+>|[#*`>|]", "", issue.body)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:140] + ("……" if len(text) > 140 else "")


def _entry_title(issue: Issue) -> str:
    if issue.spec.title or issue.series.kind != "bulletin":
        return issue.title
    return f"{issue.title}：{issue.headline}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), attrs)
    if text is not None:
        el.text = text
    return el


def build_feed(title: str, subtitle: str, author: str, page_url: str, feed_url: str,
               issues: list[Issue], site_url: str, directory_urls: bool = True) -> bytes:
    """One Atom document, newest entries first; ``issues`` must already be public only."""
    issues = sorted(issues, key=lambda i: (i.date, i.series.slug, i.year, i.number), reverse=True)[:MAX_ENTRIES]
    feed = ET.Element(_q("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _sub(feed, "id", page_url)
    _sub(feed, "title", title)
    if subtitle:
        _sub(feed, "subtitle", subtitle)
    _sub(feed, "updated", stamp(issues[0].date) if issues else stamp(dt.date(1970, 1, 1)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=page_url)
    _sub(_sub(feed, "author"), "name", author)
    _sub(feed, "generator", GENERATOR)
    for issue in issues:
        url = issue_url(site_url, issue, directory_urls)
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", _entry_title(issue))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "published", stamp(issue.date))
        _sub(entry, "updated", stamp(issue.date))
        _sub(_sub(entry, "author"), "name", issue.series.office)
        _sub(entry, "category", term=issue.series.slug, label=issue.series.title)
        _sub(entry, "summary", _summary(issue))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _public_series(project: Project) -> list[Series]:
    return [s for s in project.series.values() if s.visibility == "public" and s.public_issues()]


def feed_links(project: Project, site_title: str = "") -> dict:
    """What pages link to: {"site": {...}, "series": {slug: {...}}}, hrefs relative to the site root."""
    return {
        "site": {"title": f"{site_title or '全部简报'}（Atom）", "href": FEED_FILE},
        "series": {s.slug: {"title": f"{s.title}（Atom）", "href": f"{s.slug}/{FEED_FILE}"}
                   for s in _public_series(project)},
    }


def write_feeds(project: Project, site_dir: Path, site_url: str, site_title: str = "",
                directory_urls: bool = True) -> list[Path]:
    """Write every feed under ``site_dir``; ``site_url`` is mkdocs.yml's site_url (absolute)."""
    if not re.match(r"^https?://", site_url or ""):
        raise ValueError(f"site_url is {site_url!r}; expected an absolute http(s) address in mkdocs.yml "
                         "so feed entries can link to the pages")
    site_url = site_url.rstrip("/") + "/"
    written: list[Path] = []

    def write(rel: str, data: bytes) -> None:
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    for series in _public_series(project):
        page = f"{site_url}{series.slug}/"
        write(f"{series.slug}/{FEED_FILE}",
              build_feed(series.title, series.description, series.office, page,
                         f"{page}{FEED_FILE}", series.public_issues(), site_url, directory_urls))
    write(FEED_FILE, build_feed(site_title or "全部简报", "", site_title or "编辑部", site_url,
                                f"{site_url}{FEED_FILE}", project.public_issues(), site_url, directory_urls))
    return written
