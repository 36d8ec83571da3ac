"""Splitting a Markdown body into the text before the first level-2 heading and its level-2 sections."""
from __future__ import annotations

import re

from .model import Section

_H2 = re.compile(r"^##(?!#)[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def split_sections(body: str, first_line: int) -> tuple[str, list[Section]]:
    """Return (preface, sections); ``first_line`` is the file line of the body's first line."""
    preface: list[str] = []
    sections: list[Section] = []
    current: list[str] = preface
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
        heading = _H2.match(line) if fence is None else None
        if heading:
            sections.append(Section(len(sections) + 1, heading.group(1).strip(), "", first_line + offset))
            current = []
            sections[-1].body = current  # type: ignore[assignment]  # filled below, joined at the end
            continue
        current.append(line)
    for section in sections:
        section.body = "\n".join(section.body).strip("\n")  # type: ignore[arg-type]
    return "\n".join(preface).strip("\n"), sections
