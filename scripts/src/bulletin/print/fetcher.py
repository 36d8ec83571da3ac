"""Rendering never reads outside the project or over the network.

``check_references`` finds every resource an issue's Markdown names (images, embedded HTML
``src``/``href``/``data``, ``url(...)`` in style attributes) and reports, before anything is
rendered, references to the network, to file:// URLs, to paths that leave the project, and to
missing files. ``ProjectFetcher`` is the one url_fetcher WeasyPrint gets: it serves files inside
the allowed folders and data: URIs, and stops the rendering on anything else.
"""
from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..model.markdown import FenceTracker

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)")
_MD_IMAGE_REF = re.compile(r"!\[([^\]]*)\]\[([^\]]*)\]")
_REFDEF = re.compile(r"^[ \t]{0,3}\[([^\]^][^\]]*)\]:[ \t]*<?([^\s>]+)>?")
_HTML_RES = re.compile(
    r"<(?:img|image|embed|object|source|video|audio|iframe|frame|input|link|track|use|script)\b[^>]*?"
    r"\b(?:src|href|data|poster|xlink:href)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_CSS_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\s]*))\s*\)", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class ForbiddenReference(FatalURLFetchingError):
    """A resource outside the project or on the network; stops the rendering."""


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def judge(url: str, base_dir: Path, root: Path) -> tuple[Path | None, str | None]:
    """(the file a reference names, None) or (None, what is wrong with it)."""
    url = url.strip().strip("<>")
    if not url:
        return None, "an empty reference; expected a path to a file inside the project"
    scheme = _SCHEME.match(url)
    if scheme and len(scheme.group(1)) > 1:   # one letter would be a Windows drive
        name = scheme.group(1).lower()
        if name == "data":
            return None, None
        if name == "file":
            return None, (f"'{url}' is a file:// URL; expected a path relative to the issue file, "
                          "inside the project")
        return None, (f"'{url}' is fetched over the network ({name}); expected a file inside the project, "
                      "such as images/photo.png next to the issue")
    if url.startswith("//"):
        return None, f"'{url}' is fetched over the network; expected a file inside the project"
    path_part = unquote(urlsplit(url).path)
    if path_part.startswith("/"):
        return None, f"'{url}' is an absolute path; expected a path relative to the issue file"
    target = (base_dir / path_part).resolve()
    if not _inside(target, [root]):
        return None, (f"'{url}' leaves the project (it points to {target}); "
                      "expected a file inside the project folder")
    if not target.is_file():
        return None, (f"'{url}' is missing: there is no file {target.relative_to(root).as_posix()}; "
                      "expected the image or file to exist")
    return target, None


def references(text: str, first_line: int) -> list[tuple[int, str]]:
    """(line, url) of every resource the Markdown text would make the renderer fetch."""
    found: list[tuple[int, str]] = []
    refdefs: dict[str, tuple[int, str]] = {}
    image_refs: list[tuple[int, str]] = []
    fences = FenceTracker()
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        if fences.classify(line) != "text":
            continue
        definition = _REFDEF.match(line)
        if definition:
            refdefs[definition.group(1).strip().lower()] = (number, definition.group(2))
            continue
        for m in _MD_IMAGE.finditer(line):
            found.append((number, m.group(1).strip("<>")))
        for m in _MD_IMAGE_REF.finditer(line):
            image_refs.append((number, (m.group(2) or m.group(1)).strip().lower()))
        for m in _HTML_RES.finditer(line):
            found.append((number, next(g for g in m.groups() if g is not None)))
        if "style" in line.lower():
            for m in _CSS_URL.finditer(line):
                found.append((number, next(g for g in m.groups() if g is not None)))
    for number, ref in image_refs:
        if ref in refdefs:
            found.append((refdefs[ref][0], refdefs[ref][1]))
    return sorted(set(found))


def check_references(rel: str, path: Path, text: str, first_line: int, root: Path):
    """Problems as (rel, line, message) and the files the text uses."""
    problems: list[tuple[str, int, str]] = []
    files: list[Path] = []
    for line, url in references(text, first_line):
        target, problem = judge(url, path.parent, root)
        if problem:
            problems.append((rel, line, f"reference {problem}"))
        elif target is not None:
            files.append(target)
    return problems, files


class ProjectFetcher(URLFetcher):
    """Serves only files under ``roots`` (the project, the font cache) and data: URIs."""

    def __init__(self, roots: list[Path], **kwargs):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1, **kwargs)
        self.roots = [Path(r).resolve() for r in roots]

    def fetch(self, url, headers=None):
        scheme = (_SCHEME.match(url).group(1).lower() if _SCHEME.match(url) else "")
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise ForbiddenReference(f"reference '{url}' is outside the project; "
                                     "expected only files inside the project")
        path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
        if not _inside(path, self.roots):
            raise ForbiddenReference(f"reference '{url}' leaves the project; expected a file inside it")
        if not path.is_file():
            raise ForbiddenReference(f"reference '{url}' is missing; expected the file {path} to exist")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
