"""Which generated pages must be built again: the editor's loop costs one issue, not the archive.

MkDocs' dirty builds (``mkdocs serve --dirty``, and ``bulletin build``, which starts from a copy of the
previous site) skip a page when its output is newer than its source. Generated pages have no source
file, so this module says what each one is made from, by modification time:

- an issue page: its own file, the files it refers to, its neighbours (上一期/下一期 show their
  titles; publication.neighbours says which), its series.yml, and everything every page depends on;
- every other page (archives, year lists, the home page with the latest issues, the hand-written
  pages): the newest of all sources, since any new or edited issue may appear in them. They are few.

Under `bulletin serve` the lists can do better than "the newest of all sources": the plugin keeps,
for each page other than an issue page, a key of what it was built from (its generated Markdown, or
its own file plus the latest-issues block), and such a page is built again only when its key
changed. So a body edit, which changes no list, rebuilds the issue page and its neighbours only.

"Everything every page depends on" is the configuration, the address book, the templates and
stylesheets, and this package's own code: when one of those is newer than a page, the page is built
again, so a change to them rebuilds the whole site. So does an issue page of the previous build that
is gone (``issue_pages_removed``): a deletion leaves no modification time to compare. (Under `bulletin
serve` the plugin compares with the last rebuild's pages instead, and removes the gone page from the
preview's folder, so only the save that deleted it rebuilds every page.)
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from ..model import Issue, Project
from ..model.publication import Publication

PACKAGE = Path(__file__).resolve().parent.parent


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")     # gone or unreadable: whatever depends on it is stale


def newest(paths) -> float:
    return max((_mtime(p) for p in paths), default=0.0)


def shared_inputs(root: Path, project: Project, config_file: Path, theme_dirs: list[Path]) -> list[Path]:
    """What every page is made from besides its own sources."""
    found = [config_file, project.bulletins_dir / "distribution.yml"]
    for folder in [*theme_dirs, PACKAGE]:
        found += [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return found


def issue_pages_removed(site: Path, pages_now: set[str]) -> bool:
    """Did the previous build in ``site`` have an issue page that this build will not have (an issue
    deleted, made internal or renumbered)? Modification times cannot show a deletion, and the lists
    and the neighbours' 上一期/下一期 of a removed issue change, so then every page is stale."""
    if not site.is_dir():
        return False
    old = {p.relative_to(site).as_posix() for pattern in ("*/*/*/index.html", "*/*/[0-9]*.html")
           for p in site.glob(pattern)}
    return bool(old - pages_now)


def page_key(*parts: str) -> str:
    """The key of what a page other than an issue page is built from."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


class Freshness:
    def __init__(self, project: Project, publication: Publication, shared: list[Path], removed: bool = False):
        self.publication = publication
        self.removed = removed
        self.shared = newest(shared)
        # the navigation (on every page) lists the series by their titles
        self.nav = max(self.shared, newest(s.path / "series.yml" for s in project.series.values()))
        self.project = project
        self._times: dict[Path, float] = {}   # each file's modification time, asked once a build

    @functools.cached_property
    def sources(self) -> float:
        """The newest input of any page: what a list depends on when its key is not known."""
        return max([self.shared, *(self.issue_inputs_time(i, own_only=True) for i in self.project.all_issues())],
                   default=0.0)

    def issue_inputs_time(self, issue: Issue, own_only: bool = False) -> float:
        own = [issue.path, issue.series.path / "series.yml", *issue.resources]
        if issue.document is not None:
            own += [a.path for a in issue.document.attachments]
        if own_only:
            return self._newest(own)
        neighbours = [other.path for other in self.publication.neighbours(issue) if other is not None]
        return max(self.shared, self._newest(own + neighbours))

    def _newest(self, paths: list[Path]) -> float:
        """``newest``, each file asked once a build: every issue's file is also two issues' neighbour,
        and the series.yml is every issue's input."""
        for path in paths:
            if path not in self._times:
                self._times[path] = _mtime(path)
        return max((self._times[p] for p in paths), default=0.0)

    def stale(self, dest: Path, issue: Issue | None) -> bool:
        """True when the page at ``dest`` is missing or older than what it is made from."""
        made = _mtime(dest)
        if made == float("inf") or self.removed:
            return True
        return made < (self.issue_inputs_time(issue) if issue is not None else self.sources)

    def keyed_stale(self, dest: Path, key: str, built_from: str | None) -> bool:
        """For a page other than an issue page whose last build's key (``built_from``) is known: stale
        when it is missing, its key changed, or what every page shows (templates, navigation) changed."""
        made = _mtime(dest)
        return made == float("inf") or self.removed or key != built_from or made < self.nav
