"""A lenient look at the sources, for editorial commands (new, check) that must work even
when some file does not validate: each issue's front matter is read field by field, with
line numbers, and whatever cannot be read is simply left as None.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlsrc
from .loader import ISSUE_FILE

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


def read_source(path: Path, rel: str) -> SourceFile:
    raw = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    src = SourceFile(path, rel, lines)
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


def issue_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*/*.md") if ISSUE_FILE.match(p.name))


def all_markdown(folder: Path) -> list[Path]:
    """Issue files and their resources (attachments), every .md under <series>/<year>/."""
    return sorted(folder.glob("*/*.md"))
