"""Reading a Markdown body as the page does, for everything that is not the page: which lines are code
(fences paired as Python-Markdown pairs them), what a headline shows, and the body split into the
text before the first level-2 heading and its level-2 sections, each with the footnotes it cites."""
from __future__ import annotations

import bisect
import html
import re

from .entities import Section

HEADLINE = re.compile(r"^##(?!#)[ \t]+(.+?)[ \t]*#*[ \t]*$")   # an article's headline: ## 标题
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")     # Python-Markdown's backslash escapes
# An opening fence as fenced_code reads it once bulletin.markdown_fences has put its info string in
# order: at the line's start (an indented one is no fence), no backquote in the info string.
OPENING_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
_BARE_FENCE = re.compile(r"^(`{3,}|~{3,})[ ]*$")          # a closing fence: the same marks, nothing after
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|[0-9]+[.)])[ \t]")


def fenced_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(opening, closing) line indexes of each fenced code block, paired as Python-Markdown's
    fenced_code pairs them: the closing line is the very same fence (```` is not closed by ```),
    and a fence never closed is no block at all (its lines, and a ## after it, are text)."""
    closings: dict[str, list[int]] = {}     # the lines that could close a fence, by fence
    for j, line in enumerate(lines):
        bare = _BARE_FENCE.match(line) if line[:1] in "`~" else None
        if bare:
            closings.setdefault(bare[1], []).append(j)
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        opening = OPENING_FENCE.match(lines[i]) if lines[i][:1] in "`~" else None
        if opening:
            later = closings.get(opening["fence"], [])
            k = bisect.bisect_right(later, i)    # (a search, not a scan: a thousand unclosed fences)
            if k < len(later):
                blocks.append((i, later[k]))
                i = later[k] + 1
                continue
        i += 1
    return blocks


def line_kinds(lines: list[str], indented: bool = False) -> list[str]:
    """Each line as the page reads it, so every scanner of Markdown skips code the same way: 'fence'
    (a fenced block's opening or closing line), 'code' (inside one) or 'text'.

    With ``indented``, also the indented code blocks Python-Markdown makes: lines indented by four
    spaces or a tab after a blank line, outside a list (where such lines continue an item)."""
    kinds = ["text"] * len(lines)
    if any(line.startswith(("```", "~~~")) for line in lines):        # most texts have no fence
        for opening, closing in fenced_blocks(lines):
            kinds[opening] = kinds[closing] = "fence"
            kinds[opening + 1:closing] = ["code"] * (closing - opening - 1)
    if indented:
        _indented_code(lines, kinds)
    return kinds


def _indented_code(lines: list[str], kinds: list[str]) -> None:
    after_blank, in_code, in_list = True, False, False     # the body's first line follows nothing
    for n, line in enumerate(lines):
        if kinds[n] != "text":
            after_blank = in_code = False
            continue
        blank = not line.strip()
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        starts = not blank and indent >= 4 and after_blank and not in_list
        in_code = (in_code and (blank or indent >= 4)) or starts
        if _LIST_ITEM.match(line):
            in_list = True
        elif not blank and indent < 4 and after_blank:
            in_list = False       # a paragraph after a blank line ends the list
        after_blank = blank
        if in_code and not blank:
            kinds[n] = "code"


_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*[#.][^{}]*\}[ \t]*$")   # ## 标题 {#a}: the anchor is the build's


_INLINE_MARKUP = re.compile(r"[*_`\[<]")                 # emphasis, code, links, pictures, tags
FOOTNOTE_DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:")
FOOTNOTE_CITED = re.compile(r"\[\^([^\]\s]+)\](?!:)")
CODE_SPAN = re.compile(r"`[^`]*`")          # inline code: a [^1] in it is text, not a reference
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
    rendered = markdown.markdown(_NOT_A_BLOCK + FOOTNOTE_CITED.sub("", source))
    return html.unescape(_TAG.sub("", _HIDDEN.sub("", rendered))).replace(_NOT_A_BLOCK, "").strip()


def split_sections(body: str, first_line: int) -> tuple[str, list[Section]]:
    """Return (preface, sections); ``first_line`` is the file line of the body's first line."""
    lines = body.split("\n")
    kinds = line_kinds(lines)
    # the headline lines, then the preface runs to the first and each section to the next (slices, not
    # a list of every line's index: the body of every issue of the archive passes here at each load)
    heads = [(n, m) for n, line in enumerate(lines) if line.startswith("##") and kinds[n] == "text"
             for m in [HEADLINE.match(line)] if m]
    sections = [Section(k, heading_text(m.group(1)), "", first_line + n) for k, (n, m) in enumerate(heads, 1)]
    bounds = [-1] + [n for n, _ in heads] + [len(lines)]
    spans = [(start + 1, end) for start, end in zip(bounds, bounds[1:])]
    texts = [lines[start:end] for start, end in spans]
    if "[^" in body:
        texts = _own_footnotes(texts, [kinds[start:end] for start, end in spans])
    for section, text in zip(sections, texts[1:]):
        section.body = "\n".join(text).strip("\n")
    return "\n".join(texts[0]).strip("\n"), sections


def _footnotes(lines: list[str], kinds: list[str]) -> tuple[dict[str, list[int]], list[str]]:
    """The footnote definitions of a text (label -> its lines: the [^1]: line, the lines indented under
    it and those running on from it) and the labels it cites, in order."""
    defined: dict[str, list[int]] = {}
    cited: list[str] = []
    current: list[int] | None = None
    for n, (line, kind) in enumerate(zip(lines, kinds)):
        definition = FOOTNOTE_DEFINITION.match(line) if kind == "text" else None
        if definition:
            current = defined.setdefault(definition[1], [])
            current.append(n)
            continue
        if current is not None and kind == "text":
            indented = line.startswith(("    ", "\t"))
            runs_on = line.strip() and lines[n - 1].strip()
            blank_in = not line.strip() and n + 1 < len(lines) and lines[n + 1].startswith(("    ", "\t"))
            if indented or runs_on or blank_in:
                current.append(n)
                continue
        current = None
        if kind == "text":
            cited += [label for label in FOOTNOTE_CITED.findall(CODE_SPAN.sub("", line)) if label not in cited]
    return defined, cited


def _own_footnotes(texts: list[list[str]], kinds: list[list[str]]) -> list[list[str]]:
    """Each part (the preface, each article) with the definitions of the footnotes it cites. The page
    converts the whole body at once, so a [^1] cited in the first article and defined at the end is
    a footnote there; print converts each article alone and printed [^1] as written. A definition
    moves to the part that cites it (its lines left blank where it was: line numbers stay), or to
    every part that does; one cited nowhere stays where it is."""
    facts = [_footnotes(text, kind) for text, kind in zip(texts, kinds)]
    source: dict[str, list[str]] = {}
    for text, (defined, _) in zip(texts, facts):
        for label, numbers in defined.items():
            source.setdefault(label, [text[n] for n in numbers])
    out = []
    for i, (text, (defined, cited)) in enumerate(zip(texts, facts)):
        elsewhere = {label for j, (_, other) in enumerate(facts) if j != i for label in other}
        moved = {n for label, numbers in defined.items() if label not in cited and label in elsewhere
                 for n in numbers}
        text = ["" if n in moved else line for n, line in enumerate(text)]
        for label in cited:
            if label not in defined and label in source:
                text += ["", *source[label]]
        out.append(text)
    return out
