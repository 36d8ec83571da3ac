"""Reading one source file: the only place that decodes a source, splits its front matter from its
body and parses the fields with line numbers. The strict loader (loader.py) and the editorial
commands (new, check, import) both read through here, so they can never disagree about a file.

Reading never fails: what cannot be read is left empty, and ``problem`` holds the first reason the
file does not load (a line and a ``what is wrong; what was expected`` message, as the loader reports it). A file that is not UTF-8
is still read (undecodable bytes become U+FFFD, so its numbers and dates count for `bulletin new`),
but ``not_utf8`` says where the first bad byte is: such a file must never be written back.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter

from . import yamlsrc
from .textfile import decode, file_problem, not_utf8_message

# What each file held when it was last read, and what was read from it: `bulletin serve` loads the
# whole archive on every save, and parsing 2,000 front matters again costs a second. Keyed by the
# bytes themselves, never by modification times, so an edit can never be missed. Callers treat a
# SourceFile's lines and fields as read-only (each call returns its own shallow copy).
_READ: dict[tuple[Path, str], tuple[bytes, "SourceFile"]] = {}
_READ_LIMIT = 20_000

ISSUE_FILE = re.compile(r"^(zk)?\d+\.md$")   # other .md files are resources, such as attachments
_FENCE = frontmatter.YAMLHandler.FM_BOUNDARY   # python-frontmatter's rule for a '---' line


@dataclass
class SourceFile:
    """One Markdown source: its lines, where the front matter ends and its fields (if readable)."""
    path: Path
    rel: str
    lines: list[str]                     # without line endings
    fm_end: int = 0                      # index (0-based) of the closing '---' line, 0 if none
    data: dict[str, Any] = field(default_factory=dict)
    doc: yamlsrc.YamlDoc | None = None
    not_utf8: tuple[int, int, int] | None = None   # (line, column, byte) of the first byte that is not UTF-8
    problem: tuple[int | None, str] | None = None   # the first reason it does not load, if any

    @property
    def body_start(self) -> int:
        """0-based index of the first body line."""
        return self.fm_end + 1 if self.fm_end else 0

    @property
    def body(self) -> str:
        return "\n".join(self.lines[self.body_start:])

    def line_of(self, *loc) -> int:
        return self.doc.line_of(tuple(loc)) if self.doc is not None else 1

    def get_int(self, name: str) -> int | None:
        value = self.data.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None

    def get_date(self, name: str = "date") -> dt.date | None:
        value = self.data.get(name)
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return None

    @property
    def supplement(self) -> bool:
        return self.data.get("supplement") is True


def read_source(path: Path, rel: str, inside: Path | None = None) -> SourceFile:
    """The file at ``path`` (shown as ``rel``); ``inside``: the folder it must resolve into."""
    problem = file_problem(path, inside)
    if problem is not None:
        return SourceFile(path, rel, [], problem=(None, problem))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SourceFile(path, rel, [], problem=(None, f"the file cannot be read ({exc.strerror}); "
                                                      "expected a readable file"))
    known = _READ.get((path, rel))
    if known is not None and known[0] == raw:
        return dataclasses.replace(known[1])
    text, bad = decode(raw)
    src = SourceFile(path, rel, text.split("\n"), not_utf8=bad)
    if bad is not None:
        src.problem = (bad[0], not_utf8_message(bad))
    _read_front_matter(src)
    if len(_READ) > _READ_LIMIT:
        _READ.clear()
    _READ[(path, rel)] = (raw, src)
    return dataclasses.replace(src)


def _read_front_matter(src: SourceFile) -> None:
    lines = src.lines
    failed = lambda line, message: setattr(src, "problem", src.problem or (line, message))  # noqa: E731
    if not _FENCE.fullmatch(lines[0]):
        failed(1, "no front matter; expected the file to start with a '---' line, the fields, "
                  "and another '---' line")
        return
    src.fm_end = next((i for i in range(1, len(lines)) if _FENCE.fullmatch(lines[i])), 0)
    if not src.fm_end:
        failed(1, "the front matter is not closed; expected a second '---' line after the fields")
        return
    try:
        doc = yamlsrc.parse("\n".join(lines[1:src.fm_end]) + "\n", first_line=2)
    except yamlsrc.YamlSyntaxError as exc:
        failed(exc.line, exc.message)
        return
    src.doc = doc
    if isinstance(doc.data, dict):
        src.data = doc.data


def series_folders(bulletins: Path, with_series_yml: bool = True) -> list[Path]:
    """The series folders under ``bulletins`` (folders starting with . or _ are not series)."""
    if not bulletins.is_dir():
        return []
    return sorted(p for p in bulletins.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
                  and (not with_series_yml or (p / "series.yml").is_file()))


def read_series_yml(folder: Path) -> dict[str, Any]:
    """series.yml's fields, or {} when it cannot be read (the loader says why)."""
    try:
        doc = yamlsrc.parse((folder / "series.yml").read_text(encoding="utf-8-sig"))
    except (yamlsrc.YamlSyntaxError, OSError, UnicodeDecodeError):
        return {}
    return doc.data if isinstance(doc.data, dict) else {}


def issue_files(folder: Path, readable_only: bool = True) -> list[Path]:
    """The issues of a series, <series>/<year>/NNN.md. ``readable_only``: leave out a folder, a broken
    link or an oversized file in their place (the loader, which reports them, asks for them all)."""
    found = (p for p in folder.glob("*/*.md") if ISSUE_FILE.match(p.name))
    return _readable(found, folder) if readable_only else sorted(found)


def all_markdown(folder: Path) -> list[Path]:
    """Issue files and their resources (attachments), every .md under <series>/<year>/."""
    return _readable(folder.glob("*/*.md"), folder)


def _readable(paths, folder: Path) -> list[Path]:
    return sorted(p for p in paths if file_problem(p, inside=folder.parent) is None)
