"""Splitting a Markdown body into the text before the first level-2 heading and its level-2 sections."""
from __future__ import annotations

import re

from .entities import Section

_H2 = re.compile(r"^##(?!#)[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


class FenceTracker:
    """Follows fenced code blocks line by line, so every scanner of Markdown skips code the same way."""

    def __init__(self) -> None:
        self._fence: str | None = None

    def classify(self, line: str) -> str:
        """'fence' for a fence line, 'code' inside a fence, 'text' for everything else."""
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if self._fence is None:
                self._fence = marker[0] * 3
            elif marker.startswith(self._fence):
                self._fence = None
            return "fence"
        return "code" if self._fence else "text"


def split_sections(body: str, first_line: int) -> tuple[str, list[Section]]:
    """Return (preface, sections); ``first_line`` is the file line of the body's first line."""
    preface: list[str] = []
    sections: list[Section] = []
    current: list[str] = preface
    fences = FenceTracker() if "```" in body or "~~~" in body else None   # most bodies have no code
    for offset, line in enumerate(body.split("\n")):
        in_text = fences is None or fences.classify(line) == "text"
        heading = _H2.match(line) if in_text and line.startswith("##") else None
        if heading:
            sections.append(Section(len(sections) + 1, heading.group(1).strip(), "", first_line + offset))
            current = []
            sections[-1].body = current  # type: ignore[assignment]  # filled below, joined at the end
            continue
        current.append(line)
    for section in sections:
        section.body = "\n".join(section.body).strip("\n")  # type: ignore[arg-type]
    return "\n".join(preface).strip("\n"), sections
