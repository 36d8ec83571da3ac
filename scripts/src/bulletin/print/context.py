"""What a per-kind print renderer gets: the templates, the stylesheets, Markdown, the fonts' CSS."""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown as _markdown

from ..sanitize import clean_html
from .breaks import bind_paragraph_ends, headline_html, rough_width
from .kept import Kept

# The same extensions as the website (mkdocs.yml, fenced_code, which MkDocs always adds, and
# markdown_fences, which the bulletin plugin adds), so a source reads the same in print: without
# fenced_code a ```html fence printed its marks and lost its lines.
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "fenced_code", "footnotes", "sane_lists",
                       "bulletin.markdown_fences"]
MARKDOWN_CONFIG = {"footnotes": {"UNIQUE_IDS": True}}
# Footnote ids carry a number the converter counts up at each conversion (UNIQUE_IDS, so that two
# sections of one document never share an id); it is replaced by a hash of the text, so that a
# text's HTML depends on the text alone, not on how many conversions came before it in the build.
_FOOTNOTE_ID = re.compile(r'(["#](?:fn|fnref\d*):)\d+-')
# A footnote's link back to where it is cited (↩, U+21A9): nothing to click on paper, and a character
# the print fonts need not have (every footnote failed the glyph check).
_BACKLINK = re.compile(r'(?:\s|&#160;)*<a class="footnote-backref"[^>]*>.*?</a>')


@functools.cache
def _converter() -> _markdown.Markdown:
    """One converter for the process, made on first use."""
    return _markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG, output_format="html")


def _convert(text: str) -> str:
    html = _converter().reset().convert(text)
    if "[^" in text:
        mark = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        html = _BACKLINK.sub("", _FOOTNOTE_ID.sub(lambda m: f"{m[1]}{mark}-", html))
    return bind_paragraph_ends(clean_html(html, for_print=True))


# Markdown to print HTML was the larger half of rendering an issue's print HTML, which every
# `bulletin build` does for the whole archive: kept by the text's hash (print/kept.py).
MARKUP = Kept("markup", _convert, lambda html: isinstance(html, str),
              modules=(__name__, "bulletin.print.breaks", "bulletin.sanitize", "bulletin.markdown_fences"),
              packages=("markdown", "nh3"))


@dataclass
class PrintContext:
    root: Path              # the project folder
    overrides: Path         # overrides/: print/*.html and print/*.css live here
    font_css: str = ""      # @font-face rules and --font-<role>/--weight-<role> variables
    fonts: dict | None = None       # role -> fonts.ResolvedFont, for measuring headlines and the notice head
    preview: bool = False           # rendering only to read the text: attachment files are not prepared
    cache_dir: Path | None = None   # where converted attachment files are kept
    # Pages to draw from attachment files, by the placeholder anchor the print HTML reserved for each:
    # anchor id -> (PDF path, 0-based page). Filled while rendering one document's HTML.
    merges: dict[str, tuple[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # When a list: every whole document rendered (a template given font_css) is appended, so the
    # preflight keeps what it read and the build prints it without rendering it again; None marks a
    # document whose attachment files get pages only when printing (its reading differs from its print).
    recorded: list | None = field(default=None, repr=False)
    # The preflight's: the code points every role's font maps (a document printing only those is not
    # read by role, print/texts.html_spans)
    everywhere: frozenset[int] | None = field(default=None, repr=False)

    def markdown(self, text: str) -> str:
        return MARKUP(text)

    def headline(self, text: str, size: float, measure: float, role: str = "title") -> str:
        """A headline's HTML in balanced lines (print/breaks.py), measured with the role's font."""
        width = rough_width
        if self.fonts and role in self.fonts:
            from .fonts import metrics
            width = metrics(self.fonts[role], text).advance
        return headline_html(text, size, measure, width)

    def attachment_pages(self, number: int, path: Path, shown: str) -> list[str]:
        """Reserve placeholder pages for an attachment file printed in place; their anchor ids."""
        if self.recorded is not None:
            self.recorded.append(None)
        if self.preview:
            return []
        from .attachments import placeholders, prepare
        printed = prepare(number, path, shown, self.cache_dir or self.root / ".cache" / "bulletin")
        if printed.warning and printed.warning not in self.warnings:
            self.warnings.append(printed.warning)
        ids = placeholders(printed)
        for page, anchor in enumerate(ids):
            self.merges[anchor] = (str(printed.pdf), page)
        return ids

    def stylesheet(self, name: str) -> str:
        return (self.overrides / name).read_text(encoding="utf-8")

    def render(self, template: str, **values) -> str:
        from ..templates import render
        html = render(self.overrides, template, **values)
        if self.recorded is not None and "font_css" in values:
            self.recorded.append(html)
        return html
