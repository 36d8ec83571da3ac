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

from ..kinds import kind_of
from ..model import Issue, Series
from ..model.publication import Publication

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
CST = dt.timezone(dt.timedelta(hours=8))
GENERATOR = "bulletin"

ET.register_namespace("", ATOM)


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def stamp(day: dt.date) -> str:
    """RFC 3339 time of an issue: its date at midnight in China (UTC+8)."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=CST).isoformat()


def _entry_title(issue: Issue) -> str:
    """A document's own title; an untitled bulletin issue adds its first headline to 某某简报（2026年第2期）."""
    if issue.spec.title or not issue.sections:
        return issue.title
    return f"{issue.title}：{issue.headline}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), attrs)
    if text is not None:
        el.text = text
    return el


def build_feed(title: str, subtitle: str, author: str, page_url: str, feed_url: str,
               issues: list[Issue], site_url: str, publication: Publication) -> bytes:
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
        url = site_url + publication.page_url(issue)
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", _entry_title(issue))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "published", stamp(issue.date))
        _sub(entry, "updated", stamp(issue.date))
        _sub(_sub(entry, "author"), "name", issue.series.office)
        _sub(entry, "category", term=issue.series.slug, label=issue.series.title)
        _sub(entry, "summary", kind_of(issue).summary(issue))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _fed_series(publication: Publication) -> list[Series]:
    return [s for s in publication.public_series() if publication.public_issues(s)]


def feed_links(publication: Publication, site_title: str = "") -> dict:
    """What pages link to: {"site": {...}, "series": {slug: {...}}}, hrefs relative to the site root."""
    return {
        "site": {"title": f"{site_title or '全部简报'}（Atom）", "href": publication.feed_path()},
        "series": {s.slug: {"title": f"{s.title}（Atom）", "href": publication.feed_path(s)}
                   for s in _fed_series(publication)},
    }


def write_feeds(publication: Publication, site_dir: Path, site_url: str, site_title: str = "") -> list[Path]:
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

    fed = _fed_series(publication)
    # the feed of a series that has no public issue now (made internal): a preview's folder, written
    # over save after save, still held it
    for series in publication.project.series.values():
        if series not in fed:
            (site_dir / publication.feed_path(series)).unlink(missing_ok=True)
    for series in fed:
        page = site_url + publication.series_url(series)
        write(publication.feed_path(series),
              build_feed(series.title, series.description, series.office, page, site_url + publication.feed_path(series),
                         publication.public_issues(series), site_url, publication))
    write(publication.feed_path(), build_feed(site_title or "全部简报", "", site_title or "编辑部", site_url,
                                              site_url + publication.feed_path(), publication.public_issues(),
                                              site_url, publication))
    return written
