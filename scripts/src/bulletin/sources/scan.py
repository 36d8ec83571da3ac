"""A lenient look at the sources, for editorial commands (new, check) that must work even
when some file does not validate: each issue's front matter is read field by field, with
line numbers, and whatever cannot be read is simply left as None.

A file that is not UTF-8 is still read (undecodable bytes become U+FFFD, so its numbers and dates
count), but ``not_utf8`` says where the first bad byte is: such a file must never be written back.
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlsrc
from .loader import ISSUE_FILE
from .textfile import file_problem

_FENCE_END = re.compile(r"^---[ \t]*$")


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

    @property
    def body_start(self) -> int:
        """0-based index of the first body line."""
        return self.fm_end + 1 if self.fm_end else 0

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


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their endings (\\r\\n, \\r or \\n), as every editorial command counts them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def first_bad_byte(raw: bytes, start: int) -> tuple[int, int, int]:
    """(line, column, byte) of ``raw[start]``; columns count characters of the valid text before it."""
    before = split_lines(raw[:start].decode("utf-8"))
    return len(before), len(before[-1]) + 1, raw[start]


def read_source(path: Path, rel: str) -> SourceFile:
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    bad = None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = first_bad_byte(raw, exc.start)
        text = raw.decode("utf-8", errors="replace")
    lines = split_lines(text)
    src = SourceFile(path, rel, lines, not_utf8=bad)
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if _FENCE_END.match(lines[index]):
                src.fm_end = index
                break
    if src.fm_end:
        try:
            doc = yamlsrc.parse("\n".join(lines[1:src.fm_end]) + "\n", first_line=2)
        except yamlsrc.YamlSyntaxError:
            doc = None
        if doc is not None and isinstance(doc.data, dict):
            src.doc, src.data = doc, doc.data
    return src


def series_folders(bulletins: Path) -> list[Path]:
    if not bulletins.is_dir():
        return []
    return sorted(p for p in bulletins.iterdir()
                  if p.is_dir() and not p.name.startswith((".", "_")) and (p / "series.yml").is_file())


def read_series_yml(folder: Path) -> dict[str, Any]:
    try:
        doc = yamlsrc.parse((folder / "series.yml").read_text(encoding="utf-8-sig"))
    except (yamlsrc.YamlSyntaxError, OSError, UnicodeDecodeError):
        return {}
    return doc.data if isinstance(doc.data, dict) else {}


def _readable(paths, folder: Path) -> list[Path]:
    """Regular files inside the sources folder only: a folder, a broken link or an oversized file in
    their place is the loader's to report (textfile.file_problem), not something to read here."""
    return sorted(p for p in paths if file_problem(p, inside=folder.parent) is None)


def issue_files(folder: Path) -> list[Path]:
    return _readable((p for p in folder.glob("*/*.md") if ISSUE_FILE.match(p.name)), folder)


def all_markdown(folder: Path) -> list[Path]:
    """Issue files and their resources (attachments), every .md under <series>/<year>/."""
    return _readable(folder.glob("*/*.md"), folder)
