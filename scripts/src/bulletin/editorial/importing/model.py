"""What the import steps pass along: source lines with layout cues, blocks, and the result."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")


def han(text: str) -> Counter:
    """The Han characters of ``text`` as a multiset (retention compares these)."""
    return Counter(HAN_RE.findall(text))


class NeedsOCR(Exception):
    """A scanned PDF: pages are images, there is no text to read."""


class Unreadable(Exception):
    """A file this importer has no reader for, or one its library cannot open."""


@dataclass
class Line:
    """One line of the legacy text, with the cues its format gave."""
    text: str
    no: int                 # 1-based line (text/HTML) or paragraph (docx) or running line (PDF)
    heading: int = 0        # 1..4 when markup says heading (h1.., Heading 1.., larger/bold in a PDF)
    indent: bool = False    # starts indented (a paragraph start)
    full: bool = False      # runs to the right margin: the paragraph goes on in the next line
    center: bool = False
    table: bool = False     # a Markdown table row


@dataclass
class Block:
    """A paragraph candidate: lines joined where the layout says they belong together."""
    text: str
    no: int
    heading: int = 0
    center: bool = False
    table: list[str] | None = None   # Markdown rows, for a table

    @property
    def is_table(self) -> bool:
        return self.table is not None


@dataclass
class Source:
    """What read.py made of a file."""
    path: Path
    fmt: str                 # txt, html, docx, pdf
    encoding: str            # as detected, or the container's
    lines: list[Line]
    removed: list[tuple[str, str]] = field(default_factory=list)   # (reason, text)
    notes: list[str] = field(default_factory=list)
    catalogue: dict[str, str] = field(default_factory=dict)   # a page's 信息公开 table: 标题, 发文字号 …
    part: str = ""           # "issue 2 of 4 in this file" when the file holds several (compiled.py)
    footnotes: dict[int, str] = field(default_factory=dict)   # label -> text, cited by common.NOTE (pdfnotes.py)


@dataclass
class Parsed:
    """What a kind's structure step found."""
    fields: dict = field(default_factory=dict)        # front-matter values
    todo: dict = field(default_factory=dict)          # field -> what the editor must do (in Chinese)
    body: list[str] = field(default_factory=list)     # Markdown blocks, in order
    # each attachment the text holds: (its file, {stem}-att2.md, and its Markdown blocks)
    attachments: list[tuple[str, list[str]]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    consumed: list[str] = field(default_factory=list)  # labels the fields stand for: 第3期, 2024年3月5日, 报：
    found: list[str] = field(default_factory=list)     # what was found, for the report
    notes: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)   # (reason, text) cut inside a line
    series_hint: str | None = None                    # a series title named in the text
    series_why: str = " — its title is in the text"   # how the text named it, for the report
