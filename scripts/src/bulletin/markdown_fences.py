"""A Python-Markdown extension that puts a fence's info string in the form fenced_code reads.

fenced_code reads ```python or ``` { .python title="x" } only. The form Material's documentation
and many editors write, ```python title="示例.py", is not a fence to it: the block became one inline
code span with its first line in it. And a word without a value in braces, ``` { .python linenums },
or a highlighting option such as linenums="1" without a highlighter, crashed the conversion
(fenced_code serialises the value True), on the website and in print alike. So before fenced_code
runs, an opening fence's info string is rewritten: the language, classes, an id and a title in
braces, anything else dropped (no highlighter is configured, so its options mean nothing).

Registered by name, "bulletin.markdown_fences": the bulletin plugin adds it to MkDocs' extensions
and print/context.py to the print converter's.
"""
from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .model.markdown import OPENING_FENCE, fenced_blocks

# what fenced_code reads itself: nothing, a language, a language with hl_lines="…"
_NATIVE = re.compile(r"""^\.?[\w#.+-]*(?:[ ]*hl_lines=("|')[^"']*\1)?$""")
_TOKEN = re.compile(r"""([.#][\w-]+)|([A-Za-z_][\w:-]*)=("[^"]*"|'[^']*'|[^\s"'{}]+)|(\S+)""")


def fence_info(info: str) -> str:
    """The info string as fenced_code reads it: ``python title="x"`` → ``{ .python title="x" }``."""
    braces = info.startswith("{") and info.endswith("}")
    if not braces and _NATIVE.match(info):
        return info
    text = info[1:-1] if braces else info
    kept: list[str] = []
    for n, m in enumerate(_TOKEN.finditer(text)):
        shorthand, key, value, word = m.groups()
        if shorthand:
            kept.append(shorthand)
        elif key == "title":
            kept.append(f"{key}={value}")
        elif n == 0 and not braces and re.fullmatch(r"[\w#+-]+", word):
            kept.append("." + word)          # the language
    return "{ " + " ".join(kept) + " }" if kept else ""


class _FenceInfo(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out = list(lines)
        for opening, _ in fenced_blocks(lines):     # paired as fenced_code pairs them (model/markdown.py)
            m = OPENING_FENCE.match(lines[opening])
            if m["info"]:
                out[opening] = f"{m['fence']} {fence_info(m['info'])}"
        return out


class FenceInfoExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_FenceInfo(md), "bulletin_fence_info", 30)   # fenced_code is 25


def makeExtension(**kwargs) -> FenceInfoExtension:
    return FenceInfoExtension(**kwargs)
