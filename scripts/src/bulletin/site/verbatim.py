"""Our templates' own HTML blocks, handed through Markdown without being parsed.

A generated page is Markdown with HTML blocks (site/pages.py). To find where each HTML block ends,
Markdown's raw-HTML preprocessor (md_in_html's, here) feeds it through Python's html.parser; for the
masthead, 本期目录, 报/送/发 and the archive lists that was most of what Markdown spent on an issue
page beyond its text (py-spy of a 500-issue build). Blocks the templates put between the two marker
lines hold no Markdown, so they are set aside whole, before that preprocessor, in Markdown's own
stash, and come back byte for byte where they stood.

Nothing is trusted because of the markers: the page body still passes the sanitizer afterwards
(``on_page_content``), so an editor who types them only gets raw HTML, as Markdown would give anyway.
"""
from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

START, END = "<!--bl:verbatim-->", "<!--/bl:verbatim-->"
_BLOCK = re.compile(rf"^{re.escape(START)}\n(.*?)\n{re.escape(END)}$", re.M | re.S)


def verbatim(html: str) -> str:
    """``html`` (whole block-level elements) marked to pass through Markdown as it is."""
    return f"{START}\n{html.strip()}\n{END}"


class _SetAside(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if START not in text:
            return lines
        return _BLOCK.sub(self._placeholder, text).split("\n")

    def _placeholder(self, block: re.Match) -> str:
        """A paragraph of its own holding only the stash's placeholder, which Markdown's last step
        replaces with the block (without a <p> around it). The block keeps its final newline, as
        Markdown's raw-HTML preprocessor keeps it: the page comes out byte for byte the same."""
        placeholder = self.md.htmlStash.store(block.group(1) + "\n")
        return f"\n{placeholder}\n"


class VerbatimBlocks(Extension):
    def extendMarkdown(self, md) -> None:
        # after whitespace normalising (30), before the raw-HTML block preprocessor (20)
        md.preprocessors.register(_SetAside(md), "bulletin_verbatim", 25)
