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


def check_config(config, config_file: Path, print_dir: str) -> None:
    """Every problem of the values above, each at its line of ``config_file``; raises SourceError."""
    lines = _lines(config_file)
    problems: list[Problem] = []
    for key in ("site_name", "site_description", "copyright"):
        value = config.get(key)
        if isinstance(value, str) and _MARKUP.search(value):
            problems.append(_at(lines, config_file, key, f"{key} holds HTML markup or a quote ({value!r}); "
                                                         "expected plain text: pages print it as it is"))
    for where, url in _links(config.get("extra") or {}):
        scheme = _SCHEME.match(url)
        if scheme and scheme.group(1).lower() not in _LINK_SCHEMES:
            problems.append(_at(lines, config_file, where.rsplit(".", 1)[-1],
                                f"extra.{where} is not a web address ({url!r}); expected an http:// or "
                                "https:// address, or a path in the site such as about/"))
    problem = _print_dir_problem(print_dir)
    if problem:
        problems.append(_at(lines, config_file, "print_dir", problem))
    if problems:
        raise SourceError(problems)


def _print_dir_problem(value: str) -> str | None:
    """The internal PDFs' folder must be a visible folder inside the project: `bulletin build`
    replaces it whole, and a build that could be sent elsewhere could replace anything."""
    parts = PurePosixPath(value.replace("\\", "/")).parts
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() or not parts \
            or any(part == ".." or part.startswith(".") for part in parts):
        return (f"print_dir {value!r} is not a folder inside the project; expected a relative path such as "
                "print (for a folder elsewhere, give --print-dir to `bulletin build`, which checks it)")
    return None


def _links(extra: dict, prefix: str = "") -> list[tuple[str, str]]:
    """(dotted key, value) of every address under extra: keys ending in url or href, at any depth."""
    found: list[tuple[str, str]] = []
    items = extra.items() if isinstance(extra, Mapping) else enumerate(extra) if isinstance(extra, list) else ()
    for key, value in items:
        where = f"{prefix}{key}" if isinstance(key, str) else f"{prefix.rstrip('.')}[{key}]"
        if isinstance(value, (Mapping, list)):
            found += _links(value, where + ".")
        elif isinstance(value, str) and isinstance(key, str) and re.search(r"(url|href|link)$", key, re.I):
            found.append((where, value))
    return found


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
