"""What text each font role prints, with the source file and line it comes from.

The glyph check and the font subsetter both read these spans. The role of a body line
follows the print templates: level-1/2 headings in the title face, deeper headings and
**strong** text in 黑体, the 编者按 and *emphasis* in 楷体, everything else in the body face.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Issue
from ..model.markdown import FenceTracker

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REFLINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_REFDEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:.*$")
_FOOTREF = re.compile(r"\[\^[^\]]+\]:?")
_TAG = re.compile(r"<[^>]*>")
_ATTRS = re.compile(r"\{:?[ \t]*[#.][^}]*\}|\{:[^}]*\}")
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_EM = re.compile(r"(?<![*\w])\*(?!\*)(.+?)(?<!\*)\*(?!\*)|(?<![_\w])_(?!_)(.+?)(?<!_)_(?!_)")
_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


@dataclass(frozen=True)
class Span:
    path: str          # project-relative file shown in messages
    line: int | None
    role: str          # title, body, heading or kai
    text: str


def plain(line: str) -> str:
    """The characters a Markdown line prints: markup, URLs, tags and attribute lists removed."""
    if _REFDEF.match(line):
        return ""
    text = _IMAGE.sub(r"\1", line)
    text = _LINK.sub(r"\1", text)
    text = _REFLINK.sub(r"\1", text)
    text = _FOOTREF.sub("", text)
    text = _TAG.sub("", text)
    text = _ATTRS.sub("", text)
    text = _ENTITY.sub("", text)
    text = _QUOTE.sub("", text)
    text = _LIST.sub("", text)
    if re.fullmatch(r"[ \t|:\-]*", text):       # a table rule or an empty line
        return ""
    return text.replace("|", " ").replace("**", "").replace("__", "").replace("`", "").strip()


def markdown_spans(rel: str, text: str, first_line: int, base_role: str = "body",
                   preface_role: str | None = None) -> list[Span]:
    """Spans of a Markdown body; ``preface_role`` applies to lines before the first level-2 heading."""
    spans: list[Span] = []
    fences = FenceTracker()
    seen_h2 = preface_role is None
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        kind = fences.classify(line)
        if kind == "fence":
            continue
        if kind == "code":
            if line.strip():
                spans.append(Span(rel, number, base_role, line.strip()))
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if level == 2:
                seen_h2 = True
            role = "title" if level <= 2 else ("heading" if level == 3 else "kai")
            words = plain(heading.group(2))
            if words:
                spans.append(Span(rel, number, role, words))
            continue
        role = base_role if seen_h2 else preface_role
        for strong in _STRONG.finditer(line):
            spans.append(Span(rel, number, "heading", plain(strong.group(1) or strong.group(2))))
        for em in _EM.finditer(_STRONG.sub("", line)):
            spans.append(Span(rel, number, "kai", plain(em.group(1) or em.group(2))))
        words = plain(line)
        if words:
            spans.append(Span(rel, number, role, words))
    return [s for s in spans if s.text]


def line_of(path: Path, needle: str, key: str | None = None) -> int | None:
    """The first line of ``path`` holding ``key:`` (a YAML field) or else ``needle``."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    if key:
        for number, line in enumerate(lines, 1):
            if re.match(rf"^\s*{re.escape(key)}\s*:", line):
                return number
    for number, line in enumerate(lines, 1):
        if needle and needle in line:
            return number
    return None


def _rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# Fixed words of overrides/print/bulletin.html, by role.
BULLETIN_TEMPLATE_TEXT = {
    "heading": "编者按本期目录：",
    "body": "报送发：本期增发共印份（）、第期总增刊年月日—0123456789 ",
    "title": "",
    "kai": "编者按：",
}


def bulletin_spans(issue: Issue, root: Path) -> list[Span]:
    """Every printed piece of a bulletin issue, by role, with where it comes from."""
    series = issue.series
    series_file = series.path / "series.yml"
    series_rel = _rel(root, series_file)
    spans = [
        Span(series_rel, line_of(series_file, series.title, "title"), "title", series.title),
        Span(series_rel, line_of(series_file, series.office, "office"), "body", series.office),
    ]
    if issue.spec.marking:
        spans.append(Span(issue.rel, line_of(issue.path, issue.spec.marking, "marking"), "heading",
                          issue.spec.marking))
    if issue.distribution:
        book_file = issue.series.path.parent / "distribution.yml"
        book_rel = _rel(root, book_file)
        for name in [n for dline in issue.distribution.lines for n in dline.names] + list(issue.distribution.extra):
            bare = name.removesuffix("同志")
            line = line_of(issue.path, bare)
            if line:
                spans.append(Span(issue.rel, line, "body", name))
            else:
                spans.append(Span(book_rel, line_of(book_file, bare), "body", name))
    spans += markdown_spans(issue.rel, issue.body, issue.body_line, "body", preface_role="kai")
    return spans


def template_spans(template_rel: str, words: dict[str, str]) -> list[Span]:
    return [Span(template_rel, None, role, text) for role, text in words.items() if text]
