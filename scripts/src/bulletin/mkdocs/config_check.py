"""The values of mkdocs.yml that reach every page or the file system, checked before a build uses them.

MkDocs and Material print ``site_name`` and ``site_description`` into every page unescaped (their
templates trust the configuration), and our footer links to the addresses under ``extra``; the
plugin's ``print_dir`` is where internal PDFs are written. A configuration is the office's own, but
one copied from elsewhere or edited carelessly must not run script in readers' browsers nor send the
build's output over folders it does not own (README "Security"). So: plain text where a page prints
a value, web addresses or site paths where it links, and a print folder inside the project.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import Problem, SourceError

# what a page prints as text: no tags, no quotes that could close an attribute
_MARKUP = re.compile(r"[<>\"]")
# a link: http(s) or mailto, or a path in the site (about/, /about/, ../x); never javascript:, data: …
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_LINK_SCHEMES = {"http", "https", "mailto"}


# the configuration's Python tags MkDocs' loader runs: only the Markdown extensions' own functions
# (the sample's toc slugify), never os.system or any other callable
_PYTHON_TAG = re.compile(r"!!python/[\w/]+:\s*([\w.]+)")
_PYTHON_ALLOWED = ("pymdownx.", "markdown.", "material.")
# what the site would load from elsewhere: it loads nothing from outside itself
_OUTSIDE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


def check_python_tags(config_file: Path) -> None:
    """Before MkDocs reads mkdocs.yml (its loader runs !!python tags): refuse tags that name anything
    but a Markdown extension's function."""
    problems = [Problem(config_file.name, n, f"!!python tag naming {m.group(1)}; expected only the Markdown "
                                             f"extensions' functions ({', '.join(p + '…' for p in _PYTHON_ALLOWED)}): "
                                             "a configuration runs no other code")
                for n, text in enumerate(_lines(config_file), 1) for m in _PYTHON_TAG.finditer(text.split("#", 1)[0])
                if not m.group(1).startswith(_PYTHON_ALLOWED)]
    if problems:
        raise SourceError(problems)


def check_config(config, config_file: Path, print_dir: str) -> None:
    """Every problem of the values above, each at its line of ``config_file``; raises SourceError."""
    lines = _lines(config_file)
    root = config_file.resolve().parent
    problems: list[Problem] = []
    # any text the theme may print (site_author, nav titles, theme and extra values, toc titles …)
    for where, value in _strings(_raw(config)):
        if _MARKUP.search(value):
            problems.append(_at(lines, config_file, _key_of(where), f"{where} holds HTML markup or a quote "
                                                                   f"({value!r}); expected plain text: pages print "
                                                                   "the configuration as it is"))
    for where, url in _links(config.get("extra") or {}):
        scheme = _SCHEME.match(url)
        if scheme and scheme.group(1).lower() not in _LINK_SCHEMES:
            problems.append(_at(lines, config_file, where.rsplit(".", 1)[-1],
                                f"extra.{where} is not a web address ({url!r}); expected an http:// or "
                                "https:// address, or a path in the site such as about/"))
    for key in ("extra_css", "extra_javascript"):
        for item in config.get(key) or []:
            path = str(getattr(item, "path", item))
            if _OUTSIDE.match(path):
                problems.append(_at(lines, config_file, key, f"{key} names {path!r}, outside the site; expected "
                                                             "a file of the site (the site loads nothing from elsewhere)"))
    theme = config.get("theme")
    font = theme.get("font") if theme is not None and hasattr(theme, "get") else None
    if font:
        problems.append(_at(lines, config_file, "font", "theme font is set: the theme would load it from Google "
                                                        "Fonts; expected font: false (the site loads nothing from elsewhere)"))
    if isinstance(config.get("extra"), Mapping) and config["extra"].get("analytics"):
        problems.append(_at(lines, config_file, "analytics", "extra.analytics is set: the theme would load a "
                                                             "tracker from elsewhere; expected none"))
    problem = _print_dir_problem(print_dir, root)
    if problem:
        problems.append(_at(lines, config_file, "print_dir", problem))
    if problems:
        raise SourceError(problems)


# what pages never print: the plugins' and extensions' own settings, folders, the loader's options
_NOT_PRINTED = {"plugins", "markdown_extensions", "config_file_path", "docs_dir", "site_dir", "watch", "hooks",
                "validation"}


def _raw(config) -> dict:
    """The configuration's values a page may print: nav, theme, extra, toc options (mdx_configs) and
    every top-level string."""
    return {key: value for key, value in config.items() if key not in _NOT_PRINTED}


def _strings(value, where: str = "", keys: bool = True) -> list[tuple[str, str]]:
    """(dotted place, text) of every string in ``value``, at any depth; with ``keys``, the keys too
    (a nav entry's title is its key)."""
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, Mapping):
        return [found for key, item in value.items()
                for found in [(where or str(key), key)] * (keys and isinstance(key, str))
                + _strings(item, f"{where}.{key}" if where else str(key), keys)]
    if isinstance(value, (list, tuple)):
        return [found for n, item in enumerate(value) for found in _strings(item, f"{where}[{n}]", keys)]
    if hasattr(value, "items") and callable(value.items):      # MkDocs' theme and config objects
        return _strings(dict(value.items()), where, keys)
    if hasattr(value, "title") and hasattr(value, "url"):     # a nav entry MkDocs made
        return _strings({"title": getattr(value, "title", None)}, where, keys)
    return []


def _key_of(where: str) -> str:
    """The key a problem is shown at: the last name in its dotted place (a nav title: the title itself)."""
    last = re.split(r"[.\[]", where)[-1].rstrip("]")
    return last if not last.isdigit() else re.split(r"[.\[]", where)[0]


def _print_dir_problem(value: str, root: Path) -> str | None:
    """The internal PDFs' folder must be a visible folder inside the project, links followed: `bulletin
    build` replaces it whole, and a build that could be sent elsewhere could replace anything."""
    parts = PurePosixPath(value.replace("\\", "/")).parts
    resolved = (root / value).resolve()
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() or not parts \
            or any(part == ".." or part.startswith(".") for part in parts) \
            or (resolved != root and root not in resolved.parents):
        return (f"print_dir {value!r} is not a folder inside the project; expected a relative path such as "
                "print, not through a link out of the project (for a folder elsewhere, give --print-dir to "
                "`bulletin build`, which checks it)")
    return None


def _links(extra) -> list[tuple[str, str]]:
    """(dotted key, value) of every address under extra: keys ending in url, href or link, at any depth."""
    return [(where, value) for where, value in _strings(extra, keys=False)
            if re.search(r"(url|href|link)$", where, re.I)]


def _lines(config_file: Path) -> list[str]:
    try:
        return config_file.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return []


def _at(lines: list[str], config_file: Path, key: str, message: str) -> Problem:
    """The problem at the first line that sets ``key`` (a key, or - {…: …} inline)."""
    pattern = re.compile(rf"(^|[\s{{,])\s*{re.escape(key)}\s*:")
    line = next((n for n, text in enumerate(lines, 1) if pattern.search(text.split("#", 1)[0])), None)
    return Problem(config_file.name, line, message)
