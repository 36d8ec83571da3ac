"""Every resource a Markdown body names, checked when the sources are loaded (with or without PDFs).

Images, embedded HTML ``src``/``href``/``data`` and ``url(...)`` in style attributes must name a
regular file inside the sources folder (bulletins/), symlinks resolved: never the network, a
file:// URL, the project's outputs (site/, print/), its caches, or anything outside the project;
a file named as a picture must be one by its content (model/pictures.py).
Each problem is one ``path:line`` line; the renderer's fetcher (print/fetcher.py) enforces the
same rule again at render time.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..model.markdown import line_kinds
from ..model.pictures import SUFFIXES, is_picture, named_as_picture

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)")
_MD_IMAGE_REF = re.compile(r"!\[([^\]]*)\]\[([^\]]*)\]")
_REFDEF = re.compile(r"^[ \t]{0,3}\[([^\]^][^\]]*)\]:[ \t]*<?([^\s>]+)>?")
_HTML_RES = re.compile(
    r"<(?:img|image|embed|object|source|video|audio|iframe|frame|input|link|track|use|script)\b[^>]*?"
    r"\b(?:src|href|data|poster|xlink:href)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_CSS_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\s]*))\s*\)", re.I)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _shown(target: Path, root: Path) -> str:
    try:
        return target.relative_to(root).as_posix()
    except ValueError:
        return "a place outside the project"


def judge(url: str, base_dir: Path, root: Path, sources: Path | None = None) -> tuple[Path | None, str | None]:
    """(the file a reference names, None) or (None, what is wrong with it). ``sources`` is the folder
    references may point into (default: the project root)."""
    url = url.strip().strip("<>")
    if not url:
        return None, "an empty reference; expected a path to a file inside the project"
    scheme = SCHEME.match(url)
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
    allowed = sources or root
    if not inside(target, [allowed]):
        where = "the project" if not inside(target, [root]) else f"the sources folder {allowed.name}/"
        return None, (f"'{url}' leaves {where} (it points to {_shown(target, root)}); "
                      f"expected a file inside {allowed.relative_to(root).as_posix() or 'the project'}/")
    if not target.is_file():
        return None, (f"'{url}' is missing: there is no file {target.relative_to(root).as_posix()}; "
                      "expected the image or file to exist")
    if named_as_picture(target) and not is_picture(target):
        return None, (f"'{url}' is named as a picture but is not one by its content (a picture's first bytes "
                      f"are those of a PNG, JPEG, GIF, WebP or BMP file); expected a {' '.join(SUFFIXES)} "
                      "picture saved as such (an SVG or a web page renamed .png is refused: it may hold script)")
    return target, None


def references(text: str, first_line: int) -> list[tuple[int, str]]:
    """(line, url) of every resource the Markdown text would make the renderer fetch."""
    if "![" not in text and "<" not in text and ("(" not in text or "url(" not in text.lower()):
        return []   # most issues: no image, tag or style at all (saves a line-by-line scan of 2,000 bodies)
    found: list[tuple[int, str]] = []
    refdefs: dict[str, tuple[int, str]] = {}
    image_refs: list[tuple[int, str]] = []
    lines = text.split("\n")
    for offset, (line, kind) in enumerate(zip(lines, line_kinds(lines))):
        number = first_line + offset
        if kind != "text":
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


def check_references(rel: str, path: Path, text: str, first_line: int, root: Path, sources: Path | None = None):
    """Problems as (rel, line, message) and the files the text uses."""
    problems: list[tuple[str, int, str]] = []
    files: list[Path] = []
    for line, url in references(text, first_line):
        target, problem = judge(url, path.parent, root, sources)
        if problem:
            problems.append((rel, line, f"reference {problem}"))
        elif target is not None:
            files.append(target)
    return problems, files


