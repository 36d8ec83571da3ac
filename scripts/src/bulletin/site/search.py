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
本期目录, 报/送/发, the open-information record). The core never imports MkDocs; the plugin calls
:func:`index_site` after the build.
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


def _shadow(site_dir: Path, shadow: Path) -> int:
    """Copy the pages to index into ``shadow``, characters apart; returns how many."""
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir)
        if rel.parts[0] == BUNDLE:
            continue
        text = page.read_text(encoding="utf-8")
        if BODY_MARK not in text:
            continue
        target = shadow / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(characters_apart(text), encoding="utf-8")
        count += 1
    return count


def index_site(site_dir: Path) -> SearchReport:
    """Build site_dir/pagefind/ from the pages in ``site_dir``; raise SourceError when Pagefind is
    missing or fails (a site without its search is not a finished site)."""
    start = time.perf_counter()
    binary = pagefind_binary()
    if binary is None:
        raise SourceError([Problem("mkdocs.yml", None, "the search index needs Pagefind, which is not installed; "
                                   "expected the Python package pagefind[extended] (pip install -e . installs it)")])
    bundle = site_dir / BUNDLE
    if bundle.is_dir() and not bundle.is_symlink():
        shutil.rmtree(bundle)    # our own output from an earlier build into the same folder
    with tempfile.TemporaryDirectory(prefix="bulletin-search-") as tmp:
        pages = _shadow(site_dir, Path(tmp))
        result = subprocess.run([str(binary), "--site", tmp, "--output-path", str(bundle.resolve()), "--silent"],
                                capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        said = " ".join((result.stderr or result.stdout).split())[:500]
        raise SourceError([Problem("mkdocs.yml", None, f"Pagefind could not build the search index ({said}); "
                                   "expected it to index the built pages")])
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    report = SearchReport(pages, len(files), sum(p.stat().st_size for p in files), time.perf_counter() - start)
    log.info("search index: %d pages, %d files, %d KB in %.1f s", report.pages, report.files,
             report.bytes // 1024, report.seconds)
    return report


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
