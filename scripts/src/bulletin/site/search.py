"""Full-text search: a Pagefind index of the built site, written to site/pagefind/.

Pagefind (PyPI ``pagefind[extended]``, a Rust binary) splits the index into chunks the browser loads
on demand, so what a reader downloads grows gently with the archive; overrides/assets/javascripts/
site.js loads it only when the search box is used.

Why the index is built from a copy of the pages: Pagefind's extended build segments Chinese with a
dictionary when it indexes, but the browser segments a query with its own (Intl.Segmenter), and the
two disagree on names, numbers and rare words (the index has 周|明|远 and 沙箱, a query 周明|远 and
沙|箱), so a query misses what the page says. In the copy every Han character stands apart (U+200B
between characters, and between a character and a digit or letter); site.js splits a query the same
way, so both sides agree on every character, and ranks pages where the query's characters stand
together (the phrase) first. The published pages are not changed; U+200B is invisible in excerpts.

What is indexed: the pages whose theme marks their body with ``data-pagefind-body`` (documents and
hand-written pages; not listings), without what they mark ``data-pagefind-ignore`` (breadcrumbs,
本期目录, 报/送/发, the open-information record). The core never imports MkDocs; the plugin starts
:class:`Indexing` once MkDocs has written the pages and finishes it after the PDFs (:func:`index_site`
does both at once).
"""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, SourceError
from ..model import docnumber
from .pages import PDF_FACTS

BUNDLE = "pagefind"
BODY_MARK = "data-pagefind-body"
# Pagefind's ready-made search interfaces: the site has its own (site.js), so these are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_APART = re.compile(rf"(?<=[{_HAN}])(?=[{_HAN}0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{_HAN}])")
_TAG = re.compile(r"(<[^>]*>)")
_META = re.compile(r'(data-pagefind-meta="[^":]*:)([^"]*)(")')
# A 文号 weighs more than running text: a query for part of one (〔2026〕, 8号) finds the documents
# that carry it before those that merely mention the year or the number.
DOC_NUMBER_WEIGHT = "5"

log = logging.getLogger("bulletin.search")


@dataclass(frozen=True)
class SearchReport:
    pages: int
    files: int
    bytes: int
    seconds: float


def pagefind_binary() -> Path | None:
    """The extended Pagefind binary from the ``pagefind[extended]`` Python package, if installed."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except FileNotFoundError:
        return None


def characters_apart(html: str) -> str:
    """``html`` with U+200B between Han characters in its text and in its Pagefind meta values, and
    each 文号 in its text weighted."""
    parts = _TAG.split(html)
    for n, part in enumerate(parts):
        if n % 2:
            parts[n] = _META.sub(lambda m: m.group(1) + _APART.sub("\u200b", m.group(2)) + m.group(3), part)
        else:
            part = docnumber.IN_TEXT.sub(lambda m: f'<span data-pagefind-weight="{DOC_NUMBER_WEIGHT}">{m.group(0)}</span>', part)
            parts[n] = _APART.sub("\u200b", part)
    return "".join(parts)


# The PDF facts (（3页，326 KB）) are filled into a page after Pagefind has started, in a part it does
# not index: the copy leaves them out, so a page's copy does not change when they are filled in.
_OPEN, _CLOSE = PDF_FACTS[:PDF_FACTS.index("</")], PDF_FACTS[PDF_FACTS.index("</"):]
_FILLED_FACTS = re.compile(f"{re.escape(_OPEN)}[^<]*{re.escape(_CLOSE)}".encode())


def _pages(site_dir: Path):
    """(relative path, bytes without the PDF facts) of each page to index."""
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir)
        if rel.parts[0] == BUNDLE:
            continue
        data = page.read_bytes()
        if BODY_MARK.encode() in data:
            yield rel.as_posix(), _FILLED_FACTS.sub(PDF_FACTS.encode(), data)


class Shadow:
    """The copy of the pages that Pagefind indexes, characters apart.

    With a folder to keep it in (the build's cache), the copy outlives the build and a page is copied
    again only when its bytes changed: after one edit that is one page or a few, not the archive
    (characters_apart over 2,000 pages took several seconds of each `bulletin build`). Its list of
    pages (pages.json: each page's hash, stamped with this module's code) is removed before the copy
    changes and written after, so a build that stops halfway leaves no list, and the next build
    starts the copy anew. Any file in the copy that is not a page to index is removed: Pagefind must
    never index a page that is gone (an issue made internal, or deleted)."""

    def __init__(self, site_dir: Path, keep: Path | None):
        self._temp = None if keep else tempfile.TemporaryDirectory(prefix="bulletin-search-")
        self.folder = (keep / "pages") if keep else Path(self._temp.name)
        self.listing = keep / "pages.json" if keep else None
        from ..print.kept import code_stamp
        self.stamp = code_stamp(_STAMPED, ()) if keep else None
        known = self._known()
        if self.listing is not None:
            self.listing.unlink(missing_ok=True)
            if not known and self.folder.exists():
                shutil.rmtree(self.folder)
        self.pages = self._copy(site_dir, known)

    def _known(self) -> dict[str, str]:
        import json
        if self.listing is None:          # no folder to keep it in
            return {}
        try:
            stored = json.loads(self.listing.read_text(encoding="utf-8"))
        except (OSError, ValueError):     # none yet, or damaged
            return {}
        ok = isinstance(stored, dict) and stored.get("stamp") == self.stamp and \
            isinstance(stored.get("pages"), dict)
        return stored["pages"] if ok else {}

    def _copy(self, site_dir: Path, known: dict[str, str]) -> dict[str, str]:
        import hashlib
        held = sorted(self.folder.rglob("*"))      # what the copy holds, walked once
        if any(path.is_symlink() for path in held):
            shutil.rmtree(self.folder)      # nothing of ours: writing through it could reach elsewhere
            known, held = {}, []
        files = {path.relative_to(self.folder).as_posix() for path in held if path.is_file()}
        pages = {}
        for rel, data in _pages(site_dir):
            digest = hashlib.blake2b(data, digest_size=16).hexdigest()
            if known.get(rel) != digest or rel not in files:
                target = self.folder / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(characters_apart(data.decode("utf-8")), encoding="utf-8")
            pages[rel] = digest
        for path in reversed(held):     # files before their folders; the copy's new files are all pages
            rel = path.relative_to(self.folder).as_posix()
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif rel not in pages:
                path.unlink()
        return pages

    def done(self, indexed: bool) -> None:
        """Remove a temporary copy; list a kept one's pages once Pagefind has indexed them."""
        import json

        from ..atomic import write_atomic
        if self._temp is not None:
            self._temp.cleanup()
        elif self.listing is not None and indexed:
            write_atomic(self.listing, json.dumps({"stamp": self.stamp, "pages": self.pages}))


_STAMPED = (__name__, "bulletin.model.docnumber", "bulletin.site.pages")     # the code that makes the copy


class Indexing:
    """Pagefind at work on the copy of ``site_dir``'s pages, while the build goes on (the PDFs): the
    pages it indexes are final once MkDocs has written them; the PDF facts filled in later sit in
    data-pagefind-ignore, which the index does not read. ``finish`` waits for it."""

    def __init__(self, site_dir: Path, keep: Path | None = None):
        self.start = time.perf_counter()
        binary = pagefind_binary()
        if binary is None:
            raise SourceError([Problem("mkdocs.yml", None, "the search index needs Pagefind, which is not installed; "
                                       "expected the Python package pagefind[extended] (pip install -e . installs it)")])
        self.bundle = site_dir / BUNDLE
        if self.bundle.is_dir() and not self.bundle.is_symlink():
            shutil.rmtree(self.bundle)    # our own output from an earlier build into the same folder
        self.shadow = Shadow(site_dir, keep)
        # no public issue at all (every series internal): nothing to search, and Pagefind refuses an
        # empty site, so no index is made
        self.process = subprocess.Popen([str(binary), "--site", str(self.shadow.folder), "--output-path",
                                         str(self.bundle.resolve()), "--silent"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) \
            if self.shadow.pages else None

    def stop(self) -> None:
        """The build failed: end Pagefind and leave the copy without its list (started anew next time)."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.communicate()
        self.shadow.done(indexed=False)

    def finish(self) -> SearchReport:
        """Wait for Pagefind; raise SourceError when it failed (a site without its search is not a
        finished site)."""
        if self.process is None:
            self.shadow.done(indexed=True)
            log.info("search index: no public page to index")
            return SearchReport(0, 0, 0, time.perf_counter() - self.start)
        try:
            stdout, stderr = self.process.communicate(timeout=1800)
        except subprocess.TimeoutExpired:
            self.process.kill()
            stdout, stderr = "", "it ran for more than 30 minutes"
            self.process.communicate()
        self.shadow.done(indexed=self.process.returncode == 0)
        if self.process.returncode != 0:
            said = " ".join((stderr or stdout).split())[:500]
            raise SourceError([Problem("mkdocs.yml", None, f"Pagefind could not build the search index ({said}); "
                                       "expected it to index the built pages")])
        for name in UNUSED:
            (self.bundle / name).unlink(missing_ok=True)
        files = [p for p in self.bundle.rglob("*") if p.is_file()]
        report = SearchReport(len(self.shadow.pages), len(files), sum(p.stat().st_size for p in files),
                              time.perf_counter() - self.start)
        log.info("search index: %d pages, %d files, %d KB in %.1f s", report.pages, report.files,
                 report.bytes // 1024, report.seconds)
        return report


def index_site(site_dir: Path, keep: Path | None = None) -> SearchReport:
    """Build site_dir/pagefind/ from the pages in ``site_dir``, keeping the indexed copy of the pages
    in ``keep`` when given; raise SourceError when Pagefind is missing or fails."""
    return Indexing(site_dir, keep).finish()


def read_fragments(site_dir: Path) -> list[dict]:
    """Every indexed page as Pagefind stored it (url, content, meta, anchors), U+200B removed: what
    the search can show, for tests and checks that nothing internal is in it."""
    import gzip
    import json
    out = []
    for path in sorted((site_dir / BUNDLE / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        data = data[len(b"pagefind_dcd"):] if data.startswith(b"pagefind_dcd") else data
        out.append(json.loads(data.decode("utf-8").replace("\u200b", "")))
    return out
