"""What text each font role prints, with the source file and line it comes from.

The glyph check and the font subsetter both read these spans. ``html_spans`` takes them from the
print HTML itself, as WeasyPrint will lay it out: every text node and the text CSS generates
(``content:`` of pseudo-elements and page-margin boxes, counters, list markers), each in the role
whose font the print CSS gives that element (``font-family: var(--font-<role>)`` or a
``bulletin-<role>`` family, cascaded with cssselect2 and inherited). Nothing is listed by hand:
a word a template starts to print is checked and subset like any other. Each piece of text is
traced back to the first source file and line holding it (the issue, its attachments, the series
and the address book, then the templates and stylesheets under overrides/). Only a document that
can print a character one of the role fonts lacks needs this reading; the others give their
characters without roles or lines (``html_spans``'s ``everywhere``).

``markdown_spans`` (the older estimate from Markdown source) stays for callers that have no HTML.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..model import Issue
from ..model.markdown import line_kinds
from .fonts import ROLES
from .kept import Kept

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
    seen_h2 = preface_role is None
    lines = text.split("\n")
    for offset, (line, kind) in enumerate(zip(lines, line_kinds(lines))):
        number = first_line + offset
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


# (root, path) -> (size, mtime, (relative path, text)): the templates, stylesheets, series and address
# book are the same source files for every document, so each is read once while it does not change.
_SOURCES: dict[tuple[Path, Path], tuple[int, int, tuple[str, str]]] = {}


def _source_text(root: Path, path: Path) -> tuple[str, str] | None:
    """A source file's path relative to the project and its text; None when it cannot be read."""
    try:
        stat = path.stat()
        known = _SOURCES.get((root, path))
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        found = (_rel(root, path), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if len(_SOURCES) >= 4096:
        _SOURCES.clear()
    _SOURCES[(root, path)] = (stat.st_size, stat.st_mtime_ns, found)
    return found


def _rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def template_spans(template_rel: str, words: dict[str, str]) -> list[Span]:
    return [Span(template_rel, None, role, text) for role, text in words.items() if text]


# ------------------------------------------------------------------ from the print HTML

ROLE_OF_FAMILY = re.compile(r"var\(\s*--font-([a-z]+)\s*\)|bulletin-([a-z]+)")
COUNTER_DIGITS = {
    "decimal": "0123456789", "decimal-leading-zero": "0123456789",
    "cjk-decimal": "〇一二三四五六七八九", "cjk-ideographic": "〇一二三四五六七八九十百千万",
    "simp-chinese-informal": "零一二三四五六七八九十百千万", "lower-roman": "ivxlcdm", "upper-roman": "IVXLCDM",
    "lower-alpha": "abcdefghijklmnopqrstuvwxyz", "lower-latin": "abcdefghijklmnopqrstuvwxyz",
    "upper-alpha": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "upper-latin": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
}
LIST_MARKERS = {"disc": "•", "circle": "◦", "square": "▪"}
NOT_PRINTED = {"head", "style", "script", "title", "template"}


@dataclass
class _Rule:
    role: str | None = None          # the font role it sets, if any
    content: list | None = None      # tokens of its content declaration
    list_style: str | None = None    # its list-style(-type), as written


def _rule_of(declarations) -> _Rule:
    import tinycss2
    rule = _Rule()
    for item in declarations:
        if item.type != "declaration":
            continue
        value = tinycss2.serialize(item.value).strip()
        if item.lower_name == "font-family":
            found = ROLE_OF_FAMILY.search(value)
            rule.role = (found.group(1) or found.group(2)) if found else rule.role
        elif item.lower_name == "content":
            rule.content = [t for t in item.value if t.type not in ("whitespace", "comment")]
        elif item.lower_name in ("list-style-type", "list-style"):
            rule.list_style = value
    return rule


# <style> text -> (matcher, margin rule). Every document of a build carries the same print CSS, and
# compiling its selectors was half of the preflight's time per document (issue 13). Neither is changed
# after it is built (_cascade merges into new rules), so documents can share them.
_SHEETS: dict[str, tuple[object, _Rule]] = {}


def _stylesheets(root) -> tuple[object, _Rule]:
    """A cssselect2 matcher over the <style> rules that matter here, and the page-margin boxes' rule."""
    css = "\n".join("".join(style.itertext()) for style in root.iter("style"))
    if css not in _SHEETS:
        if len(_SHEETS) >= 16:      # a few kinds' stylesheets per build; a long preview may see more
            _SHEETS.clear()
        _SHEETS[css] = _compile_stylesheets(css)
    return _SHEETS[css]


def _compile_stylesheets(css: str) -> tuple[object, _Rule]:
    import cssselect2
    import tinycss2
    matcher, margin = cssselect2.Matcher(), _Rule(content=[])
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    while rules:
        rule = rules.pop(0)
        if rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
            if "print" in tinycss2.serialize(rule.prelude) or "all" in tinycss2.serialize(rule.prelude):
                rules[:0] = tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "page" and rule.content is not None:
            for box in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True):
                if box.type == "at-rule" and box.content is not None:
                    found = _rule_of(tinycss2.parse_blocks_contents(box.content))
                    margin.role = found.role or margin.role
                    margin.content += found.content or []
        elif rule.type == "qualified-rule":
            payload = _rule_of(tinycss2.parse_blocks_contents(rule.content))
            if payload.role or payload.content is not None or payload.list_style:
                try:
                    selectors = cssselect2.compile_selector_list(rule.prelude)
                except cssselect2.SelectorError:
                    continue
                for selector in selectors:
                    matcher.add_selector(selector, payload)
    return matcher, margin


def _generated(tokens: list, element) -> str:
    """The characters a content value can print: its strings, attr() values, counters' digits."""
    text = []
    for token in tokens or []:
        if token.type == "string":
            text.append(token.value)
        elif token.type == "function":
            args = [a for a in token.arguments if a.type not in ("whitespace", "literal", "comment")]
            name = token.lower_name
            if name == "attr" and args and element is not None:
                text.append(element.get(args[0].value, ""))
            elif name in ("counter", "counters", "target-counter"):
                style = args[-1].value if len(args) > 1 and args[-1].type == "ident" else "decimal"
                text.append(COUNTER_DIGITS.get(style, COUNTER_DIGITS["decimal"]) + "-")
                text += [a.value for a in args if a.type == "string"]
            elif name == "leader":
                text.append("." if args and getattr(args[0], "value", "") == "dotted" else
                            "".join(a.value for a in args if a.type == "string") or "·")
    return "".join(text)


def _marker(style: str | None, list_tag: str, depth: int) -> str:
    """The text of a list item's marker: list-style-type as cascaded, or the UA's default."""
    if style is None:
        style = "decimal" if list_tag == "ol" else ("disc", "circle", "square")[min(depth, 2)]
    if "none" in style.split():
        return ""
    quoted = re.search(r"\"([^\"]*)\"|'([^']*)'", style)
    if quoted:
        return quoted.group(1) or quoted.group(2) or ""
    for word in style.split():
        if word in LIST_MARKERS:
            return LIST_MARKERS[word]
        if word in COUNTER_DIGITS:
            return COUNTER_DIGITS[word] + "."
    return ""


def _cascade(matcher, wrapper) -> dict:
    """The rules matching an element, merged in cascade order, by pseudo-element (None: the element)."""
    own: dict = {}
    for _, _, pseudo, rule in matcher.match(wrapper):     # lowest specificity and order first
        merged = own.setdefault(pseudo, _Rule())
        merged.role = rule.role or merged.role
        merged.content = rule.content if rule.content is not None else merged.content
        merged.list_style = rule.list_style or merged.list_style
    return own


def _valid_reading(pieces) -> bool:
    return isinstance(pieces, list) and all(isinstance(piece, list) and len(piece) == 2 and
                                            all(isinstance(part, str) for part in piece) for piece in pieces)


# Parsing each print HTML as WeasyPrint will (tinyhtml5, cssselect2) was most of the preflight, which
# every `bulletin build` runs over the whole archive: the readings are kept by the HTML's hash
# (print/kept.py). role_texts depends on the HTML alone (its stylesheet is inside it).
READINGS = Kept("readings", lambda html: [list(piece) for piece in _role_texts(html)], _valid_reading,
                modules=(__name__,), packages=("tinyhtml5", "cssselect2", "tinycss2"))


def role_texts(html: str) -> list[tuple[str, str]]:
    """(role, text) for every piece of text the print HTML prints, generated text included."""
    return [(role, text) for role, text in READINGS(html)]


def _role_texts(html: str) -> list[tuple[str, str]]:
    import cssselect2
    import tinyhtml5

    from .charsuntil import install
    install()       # the tokenizer's regexes from its cache, as in the workers (print/charsuntil.py)
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    matcher, margin = _stylesheets(root)
    pieces: list[tuple[str, str]] = []
    if margin.content:
        pieces.append((margin.role or "body", _generated(margin.content, None)))

    def walk(wrapper, role: str, list_style: str | None, depth: int, list_tag: str) -> None:
        element = wrapper.etree_element
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in NOT_PRINTED:
            return
        own = _cascade(matcher, wrapper)
        role = own.get(None, _Rule()).role or role
        list_style = own.get(None, _Rule()).list_style or list_style      # inherited, as in CSS
        for pseudo in ("before", "after", "marker"):
            rule = own.get(pseudo)
            if rule is not None and rule.content:
                pieces.append((rule.role or role, _generated(rule.content, element)))
        if tag == "li" and (own.get("marker") is None or own["marker"].content is None):
            pieces.append((role, _marker(list_style, list_tag, depth)))
        if element.text:
            pieces.append((role, element.text))
        inner_depth, inner_tag = (depth + 1, tag) if tag in ("ul", "ol") else (depth, list_tag)
        for child in wrapper.iter_children():
            walk(child, role, list_style, inner_depth, inner_tag)
            if child.etree_element.tail:
                pieces.append((role, child.etree_element.tail))

    walk(cssselect2.ElementWrapper.from_html_root(root), "body", None, -1, "")
    return [(role, " ".join(text.split())) for role, text in pieces if text and text.strip()]


class SharedSources:
    """The source files every document of a series shares (series.yml, the address book, templates,
    stylesheets), read once, with where each piece of text was first found in them: one per series
    and preflight serves all its documents."""

    def __init__(self, root: Path, paths: list[Path]):
        self.files = _read(root, paths)
        self._found: dict[str, tuple[str, int] | None] = {}

    def find(self, needle: str) -> tuple[str, int] | None:
        if needle not in self._found:
            self._found[needle] = _first(self.files, needle)
        return self._found[needle]


class Locator:
    """Finds the first source file and line that hold a piece of printed text: the document's own
    files first, then the files its series shares."""

    def __init__(self, root: Path, files: list[Path], shared: SharedSources | None = None):
        self.root = root
        self.files = _read(root, files)
        self.shared = shared or SharedSources(root, [])

    def find(self, text: str) -> tuple[str, int] | None:
        for needle in (text[:40], text[:12], text[:4]):
            found = _first(self.files, needle) or self.shared.find(needle)
            if found is not None:
                return found
        return None


def _read(root: Path, paths: list[Path]) -> tuple:
    return tuple(found for found in (_source_text(root, path) for path in paths) if found is not None)


def _first(files: tuple, needle: str) -> tuple[str, int] | None:
    for rel, content in files:
        at = content.find(needle)
        if at >= 0:
            return rel, content.count("\n", 0, at) + 1
    return None


def own_files(issue: Issue) -> list[Path]:
    """Where a document's own printed text comes from: its file, then its Markdown attachments."""
    own = [issue.path]
    document = getattr(issue, "document", None)
    for attachment in getattr(document, "attachments", []) or []:
        if attachment.path.suffix.lower() == ".md":
            own.append(attachment.path)
    return own


def shared_files(issue: Issue, overrides: Path) -> list[Path]:
    """Where the printed text its series shares comes from: series.yml, the address book, the
    templates and stylesheets (searched after the document's own files)."""
    shared = [issue.series.path / "series.yml", issue.series.path.parent / "distribution.yml"]
    for folder in ("print", "bulletin"):
        shared += sorted((overrides / folder).glob("*.html"))
    return shared + sorted((overrides / "print").glob("*.css"))


# (project, series folder, overrides) -> (the project folder resolved, the series' shared sources):
# listed and read once per preflight, not once per document (31 files for each of 2,000 issues).
_SHARED_READ: dict[tuple, tuple[Path, SharedSources]] = {}


def start_reading() -> None:
    """A new preflight: the shared source files are listed and read (or found unchanged) again."""
    _SHARED_READ.clear()


def draws_nothing(ch: str) -> bool:
    """Control and format characters, spaces and variation selectors need no glyph."""
    code = ord(ch)
    return code < 0x20 or ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc") or 0xFE00 <= code <= 0xFE0F


_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})")
# what the reading adds that the HTML does not spell out: counters' digits in every style, list
# markers, and the leaders' and counters' own marks (_generated, _marker)
_GENERATED = frozenset("".join(COUNTER_DIGITS.values()) + "".join(LIST_MARKERS.values()) + "-.·")


def printable_characters(html: str) -> frozenset[str] | None:
    """Every character a print HTML can print, and more: its source with character references and
    CSS escapes (content: "\\2014") resolved, and what counters and list markers can generate; None
    for a source with a NUL (the parser prints U+FFFD for it)."""
    import html as html_lib
    if "\x00" in html:
        return None
    found = set(html_lib.unescape(html)) | _GENERATED
    found.update(chr(code) for code in (int(m[1], 16) for m in _CSS_ESCAPE.finditer(html))
                 if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF)
    return frozenset(found)


def html_spans(html: str, issue: Issue, root: Path, overrides: Path,
               everywhere: frozenset[int] | None = None) -> list[Span]:
    """The spans of a print HTML: each piece of text in its font role, traced to its source line.

    ``everywhere``: the code points every role's font maps. When each character the HTML can print
    is among them (``printable_characters``; so it is for almost every document), no role can lack a
    glyph and the HTML is not read by role (a parse and cascade, 12 ms a document, the most of the
    preflight on a cold build): each role gets one span of those characters, for the font cuts."""
    if everywhere is not None:
        characters = printable_characters(html)
        if characters is not None and all(ord(ch) in everywhere or draws_nothing(ch) for ch in characters):
            text = "".join(sorted(characters))
            return [Span(issue.rel, None, role, text) for role in ROLES]
    key = (root, issue.series.path, overrides)
    if key not in _SHARED_READ:
        resolved = Path(root).resolve()
        _SHARED_READ[key] = (resolved, SharedSources(resolved, shared_files(issue, overrides)))
    resolved, shared = _SHARED_READ[key]
    locator = Locator(resolved, own_files(issue), shared)
    spans, seen = [], set()
    for role, text in role_texts(html):
        if (role, text) in seen:
            continue
        seen.add((role, text))
        where = locator.find(text)
        spans.append(Span(where[0], where[1], role, text) if where else Span(issue.rel, None, role, text))
    return spans
