"""The one url_fetcher WeasyPrint gets: rendering never reads outside the project or the network.

``ProjectFetcher`` serves files inside the allowed folders (the sources, the overrides, the font
cache) and data: URIs, and stops the rendering on anything else. The same rule is checked on the
sources before anything renders (sources/references.py), so an editor sees it as a path:line line.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..sources.references import SCHEME, inside


class ForbiddenReference(FatalURLFetchingError):
    """A resource outside the project or on the network; stops the rendering."""


class ProjectFetcher(URLFetcher):
    """Serves only files under ``roots`` (the project, the font cache) and data: URIs."""

    def __init__(self, roots: list[Path], **kwargs):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1, **kwargs)
        self.roots = [Path(r).resolve() for r in roots]

    def fetch(self, url, headers=None):
        scheme = (SCHEME.match(url).group(1).lower() if SCHEME.match(url) else "")
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise ForbiddenReference(f"reference '{url}' is outside the project; "
                                     "expected only files inside the project")
        path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
        if not inside(path, self.roots):
            raise ForbiddenReference(f"reference '{url}' leaves the project; expected a file inside it")
        if not path.is_file():
            raise ForbiddenReference(f"reference '{url}' is missing; expected the file {path} to exist")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
