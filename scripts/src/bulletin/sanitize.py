"""The one allow-list every body of HTML passes before it reaches a web page or a PDF.

Editors are semi-trusted and imported text is untrusted, so Markdown bodies may carry raw HTML
written by anyone. What a bulletin needs is text structure, tables, images inside the project and
links; nothing that runs (scripts, event handlers, frames, forms, SVG), nothing that styles or
fetches on its own (style attributes, <link>, <object>), no classes that could dress text up as
site furniture. nh3 (the Rust ammonia sanitizer) does the parsing, so browser parsing quirks
(broken tags, entity tricks, nested comments) are handled the way a browser would handle them.
"""
from __future__ import annotations

import functools
import re

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
# Removed with everything inside them, not just unwrapped.
DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript", "textarea",
                     "select", "svg", "math", "frameset", "frame", "noembed", "noframes", "xmp", "title"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-labelledby",
          "aria-describedby", "aria-current", "tabindex", "data-search-exclude", "data-pagefind-ignore",
          "data-pagefind-body", "data-pagefind-meta", "data-pagefind-filter", "data-pagefind-sort",
          "data-src"},   # data-src: the source line of a table, for the print width check
    "a": {"href", "download", "hreflang", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# Classes the project's templates and the Markdown extensions write; anything else is dropped.
_CLASS = re.compile(r"^(?:bl-[a-z0-9-]+|footnote[a-z-]*|headerlink|admonition|note|tip|warning|md-typeset__table"
                    r"|md-typeset__scrollwrap|task-list(?:-item|-control)?|arithmatex|highlight|language-[a-z0-9+-]+)$")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def _url_allowed(tag: str, value: str) -> bool:
    """Links may leave the site (http/https/mailto/tel); images stay inside the project."""
    scheme = _SCHEME.match(value)
    if tag == "img":
        return scheme is None and not value.strip().startswith("//")
    return scheme is None or scheme.group(1).lower() in LINK_SCHEMES


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [c for c in value.split() if _CLASS.match(c)]
        return " ".join(kept) or None
    if attribute in ("href", "src"):
        return value if _url_allowed(tag, value) else None
    if attribute == "tabindex":
        return value if value in ("0", "-1") else None
    if attribute == "id" and value.startswith("bl-att-"):
        return None   # reserved: the placeholder pages that attachment files are printed on
    return value


def _print_filter(tag: str, attribute: str, value: str) -> str | None:
    """On paper a link is either a jump inside the document (#id) or an address that means the same
    on any machine; a relative link would become a file:// link to the build machine, so it goes."""
    if attribute == "href" and not (value.startswith("#") and len(value) > 1):
        scheme = _SCHEME.match(value)
        if scheme is None or scheme.group(1).lower() not in LINK_SCHEMES:
            return None
    return _filter(tag, attribute, value)


@functools.cache
def _cleaner(for_print: bool) -> nh3.Cleaner:
    return nh3.Cleaner(tags=TAGS, clean_content_tags=DROP_WITH_CONTENT, attributes=ATTRIBUTES,
                       attribute_filter=_print_filter if for_print else _filter, url_schemes=LINK_SCHEMES,
                       link_rel=None, strip_comments=True)


def clean_html(html: str, for_print: bool = False) -> str:
    """``html`` with only the allowed tags, attributes, classes and URLs left."""
    return _cleaner(for_print).clean(html)
