"""Our templates' own HTML blocks, set aside while Markdown and the search plugin read the page.

A generated page is Markdown with HTML blocks (site/pages.py). The templates' own blocks (masthead,
本期目录, 报/送/发, a notice's head and tail, 版记, a plan's tasks, a report's head) hold no
Markdown, yet reading them was most of what a build spent on an issue page beyond a plain page:
Markdown's raw-HTML preprocessor feeds each block through Python's html.parser to find its end, and
Material's search plugin parses and segments every page body (py-spy of a 500-issue build). So the
page templates mark such blocks (``{% filter verbatim %}``) and before Markdown the plugin swaps each
for an empty placeholder element. It puts them back in two steps (:func:`put_back`): a block whose
text a search index reads comes back right after Markdown and the sanitizer, before the search plugin
sees the body; one that says ``data-search-exclude`` (the masthead, 本期目录, 报/送/发, most of the
bytes) only once the search plugin has read the page. The page and Material's index come out byte
for byte as before.

Nothing is trusted because of the markers: an editor who types them in a body only gets raw HTML
that is sanitized, as Markdown would give it anyway. A block comes back unsanitized only when this
process's templates wrote exactly it (:func:`ours`: its digest was noted as the template rendered).
Those blocks hold only escaped values and URLs the site computes, and sanitizing them again was a
tenth of what a 500-issue build spent beyond a plain one (py-spy).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

START, END = "<!--bl:verbatim-->", "<!--/bl:verbatim-->"
_BLOCK = re.compile(rf"^{re.escape(START)}\n(.*?)\n{re.escape(END)}$", re.M | re.S)
_PLACE = '<div class="bl-verbatim-{}"></div>'
_PLACED = re.compile(r'<div class="bl-verbatim-(\d+)"></div>')
_WRITTEN: set[bytes] = set()   # digests of the blocks this process's templates wrote


def _digest(block: str) -> bytes:
    return hashlib.blake2b(block.encode(), digest_size=16).digest()


def verbatim(html: str) -> str:
    """``html`` (whole block-level elements) marked to be set aside while the page is read. The end
    marker ends its line, whatever a template writes after it: otherwise the block would run on to
    the next block's end, taking the Markdown between them."""
    block = html.strip()
    _WRITTEN.add(_digest(block))
    return f"{START}\n{block}\n{END}\n"


def ours(block: str) -> bool:
    """Did a template of this process write exactly ``block``? (Not one an editor typed.)"""
    return _digest(block) in _WRITTEN


def cleaned(clean: Callable[[str], str]) -> Callable[[str], str]:
    """``clean`` for the blocks an editor may have written; our templates' own blocks as they are."""
    return lambda block: block if ours(block) else clean(block)


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each marked block replaced by a placeholder element, and the blocks."""
    if START not in markdown:
        return markdown, []
    blocks: list[str] = []

    def place(block: re.Match) -> str:
        blocks.append(block.group(1))
        return _PLACE.format(len(blocks) - 1)
    return _BLOCK.sub(place, markdown), blocks


def searched(block: str) -> bool:
    """Does a search index read this block? Not when its outer element says data-search-exclude."""
    return "data-search-exclude" not in block[:block.find(">") + 1]


def put_back(html: str, blocks: list[str], clean: Callable[[str], str],
             which: Callable[[str], bool] = lambda block: True) -> str:
    """The page body with the placeholder of each block ``which`` takes replaced by the block, passed
    through ``clean``. A placeholder that names no block (an editor may type one) stays the empty
    element it is."""
    if not blocks:
        return html

    def block(place: re.Match) -> str:
        n = int(place.group(1))
        return clean(blocks[n]) if n < len(blocks) and which(blocks[n]) else place.group(0)
    return _PLACED.sub(block, html)
