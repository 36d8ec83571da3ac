"""Text nested deeper than any document is, refused at its line before Markdown reads it.

Python-Markdown and WeasyPrint go one level of recursion deeper for each list, quote or HTML element
inside another, and a run of emphasis marks is matched recursively too: a body with hundreds of
levels (pasted or generated, or hostile) stopped the build with Python's RecursionError and no line.
Real bulletins nest a few levels; the limits leave room many times over.
"""
from __future__ import annotations

import re

from ..model.markdown import HEADLINE, line_kinds

MAX_DEPTH = 40        # lists and quotes inside one another (an indent of two spaces a list level)
MAX_HTML_DEPTH = 100  # HTML elements inside one another
MAX_RUN = 100         # one emphasis or bracket mark repeated (****…)

# the markers a line opens with, lists and quotes mixed (- > - > 1. > …): each a level
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_MARKERS = re.compile(rf"^(?:[ \t]*(?:{_MARKER.pattern}))+")
_MAY_OPEN = frozenset(" \t>-*+")    # what a line indented or opening a list or quote starts with, or a digit
_ATTRIBUTES = re.compile(r"\{:?[^{}]*\}")     # an attribute list: {: .bl-x .bl-y …}
MAX_ATTRIBUTES = 50
_RUN = re.compile(r"([*_~\[\]()<>`])\1{%d,}" % (MAX_RUN - 1))
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")   # [^<>]: one pass over "<a <a <a"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def nesting_problems(text: str, first_line: int, articles: bool = False) -> list[tuple[int, str]]:
    """(line, message) for the first place the text nests too deep, of each kind. With ``articles``
    (a bulletin's body), also for an HTML element opened in one article (or the 编者按) and still open
    at the next article's headline: a <div markdown="1"> around the whole body put the 本期目录 inside
    the 编者按's box on the page, and an article is a unit of the page, the PDF and the 本期目录."""
    found: dict[str, tuple[int, str]] = {}
    html = 0
    elements: list[tuple[str, int]] = []      # the HTML elements open, with their lines (``articles``)
    lines = text.split("\n")
    for number, line, kind in zip(range(first_line, first_line + len(lines)), lines, line_kinds(lines)):
        if kind != "text":
            continue
        if elements and "across" not in found and HEADLINE.match(line):
            name, at = elements[0]
            found["across"] = (at, f"<{name}> opened here is still open at the article headline on line {number}; "
                                   f"expected each HTML element closed within its article (or the 编者按), "
                                   "before the next '## '")
        # each test below only where its mark can be: most lines are prose with none of them, and
        # this runs on every line of a 2,000-issue archive at each load
        if line[:1] in _MAY_OPEN or line[:1].isdigit():     # (\d and Markdown's lists take １ too)
            markers = _MARKERS.match(line)
            # (with the character after the run: a number's marker is one only before a space)
            opened = len(_MARKER.findall(line[:markers.end() + 1])) if markers else 0
            indent = len(line[:len(line) - len(line.lstrip(" \t"))].expandtabs(4))
            depth = max(opened, indent // 2 + (1 if opened else 0))
            if depth > MAX_DEPTH and "depth" not in found:
                found["depth"] = (number, f"lists or quotes {depth} levels inside one another; expected at most "
                                          f"{MAX_DEPTH}")
        if "{" in line:
            attributes = max((len(m.group().split()) for m in _ATTRIBUTES.finditer(line)), default=0)
            if attributes > MAX_ATTRIBUTES and "attributes" not in found:
                found["attributes"] = (number, f"an attribute list of {attributes} items; expected at most "
                                               f"{MAX_ATTRIBUTES} (a class or two)")
        run = _RUN.search(line) if len(line) >= MAX_RUN else None
        if run and "run" not in found:
            found["run"] = (number, f"'{run.group(1)}' {len(run.group())} times in a row; expected at most "
                                    f"{MAX_RUN} (emphasis and links read each mark in turn)")
        if "<" not in line:
            continue
        for m in _TAG.finditer(line):
            name = m.group(2).lower()
            if name in _VOID or m.group(3):
                continue
            html += -1 if m.group(1) else 1
            if html > MAX_HTML_DEPTH and "html" not in found:
                found["html"] = (number, f"HTML elements more than {MAX_HTML_DEPTH} inside one another; expected "
                                         "a document nested a few levels deep")
            if articles and "across" not in found:
                _follow(elements, name, bool(m.group(1)), number)
    return sorted(found.values())


def _follow(elements: list[tuple[str, int]], name: str, closing: bool, number: int) -> None:
    """The open elements after a tag: an opening one added, a closing one taking out the last of its
    name and every element opened after it (as a browser closes them)."""
    if not closing:
        elements.append((name, number))
    elif elements and elements[-1][0] == name:       # (as nested: no search of the open ones)
        elements.pop()
    elif any(open_name == name for open_name, _ in elements):
        while elements.pop()[0] != name:
            pass
