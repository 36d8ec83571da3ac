"""Splitting a Markdown body into the text before the first level-2 heading and its level-2 sections."""
from __future__ import annotations

import html
import re

from .entities import Section

HEADLINE = re.compile(r"^##(?!#)[ \t]+(.+?)[ \t]*#*[ \t]*$")   # an article's headline: ## 标题
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")     # Python-Markdown's backslash escapes
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|[0-9]+[.)])[ \t]")


class FenceTracker:
    """Follows fenced code blocks line by line, so every scanner of Markdown skips code the same way.

    With ``indented``, also the indented code blocks Python-Markdown makes: lines indented by four
    spaces or a tab after a blank line, outside a list (where such lines continue an item)."""

    def __init__(self, indented: bool = False) -> None:
        self._fence: str | None = None
        self._indented = indented
        self._after_blank = True     # the body's first line follows nothing
        self._in_code = False        # inside an indented code block
        self._in_list = False

    def classify(self, line: str) -> str:
        """'fence' for a fence line, 'code' inside a fence, 'text' for everything else."""
        match = _FENCE.match(line) if not self._in_code else None
        if match:
            marker = match.group(1)
            if self._fence is None:
                self._fence = marker[0] * 3
            elif marker.startswith(self._fence):
                self._fence = None
            self._after_blank = False
            return "fence"
        if self._fence:
            return "code"
        return self._indented_code(line) if self._indented else "text"

    def _indented_code(self, line: str) -> str:
        blank = not line.strip()
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        starts = not blank and indent >= 4 and self._after_blank and not self._in_list
        self._in_code = (self._in_code and (blank or indent >= 4)) or starts
        if _LIST_ITEM.match(line):
            self._in_list = True
        elif not blank and indent < 4 and self._after_blank:
            self._in_list = False       # a paragraph after a blank line ends the list
        self._after_blank = blank
        return "code" if self._in_code and not blank else "text"


_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*[#.][^{}]*\}[ \t]*$")   # ## 标题 {#a}: the anchor is the build's


_INLINE_MARKUP = re.compile(r"[*_`\[<]")                 # emphasis, code, links, pictures, tags
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_TAG = re.compile(r"<[^<>]*>")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)     # tags whose text is not shown
# put before a headline so that Markdown reads it as one paragraph's text, never as a block
# (1. 总体要求 would be a list, > a quotation); invisible, taken out again
_NOT_A_BLOCK = "\u2063"


def heading_text(source: str) -> str:
    """A headline as the reader sees it: an attribute list at its end dropped (the build gives the
    heading its id), inline Markdown and HTML reduced to their text (## **重点**工作 is 重点工作, a link
    its words; the page's heading keeps the markup, the PDF, 本期目录, bookmarks and feeds print
    this), footnote references dropped, entities and backslash escapes resolved (## 数据 &lt; 标准 is
    数据 < 标准; the pages and the PDF escape it once, where they print it), spaces (&nbsp; and 　
    too) trimmed."""
    source = _ATTR_LIST.sub("", source.strip())
    if not _INLINE_MARKUP.search(source):      # most headlines: plain text
        return html.unescape(_ESCAPED.sub(r"\1", source)).strip()
    import markdown
    rendered = markdown.markdown(_NOT_A_BLOCK + _FOOTNOTE_REF.sub("", source))
    return html.unescape(_TAG.sub("", _HIDDEN.sub("", rendered))).replace(_NOT_A_BLOCK, "").strip()


def split_sections(body: str, first_line: int) -> tuple[str, list[Section]]:
    """Return (preface, sections); ``first_line`` is the file line of the body's first line."""
    preface: list[str] = []
    sections: list[Section] = []
    current: list[str] = preface
    fences = FenceTracker() if "```" in body or "~~~" in body else None   # most bodies have no code
    for offset, line in enumerate(body.split("\n")):
        in_text = fences is None or fences.classify(line) == "text"
        heading = HEADLINE.match(line) if in_text and line.startswith("##") else None
        if heading:
            sections.append(Section(len(sections) + 1, heading_text(heading.group(1)), "", first_line + offset))
            current = []
            sections[-1].body = current  # type: ignore[assignment]  # filled below, joined at the end
            continue
        current.append(line)
    for section in sections:
        section.body = "\n".join(section.body).strip("\n")  # type: ignore[arg-type]
    return "\n".join(preface).strip("\n"), sections
