"""What a document kind is made of (see kinds/__init__.py for the table of kinds)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ..model import Issue


@dataclass(frozen=True)
class Kind:
    name: str                    # as written in series.yml: kind: notice
    label: str                   # in Chinese, for listings and messages: 通知
    spec: type                   # the pydantic model of an issue's front matter (sources/schema.py)
    analyse: Callable[..., None]                 # (issue, doc, book, errors): validate and fill the model
    web_page: Callable[..., str]                 # (issue, site) -> the page's Markdown
    print_html: Callable[..., str] | None        # (issue, print context) -> the print HTML; None: no PDF
    print_texts: Callable[..., list] | None      # (issue, print context) -> text by font role, for the glyph check
    skeleton: Callable[..., tuple[dict, str]]    # (series meta, number, date) -> (front matter, body) of `new`
    listing: Callable[["Issue"], str]            # what an archive shows before the title: 第2期, 青政办函〔2026〕8号
    summary: Callable[["Issue"], str]            # a feed entry's summary
    numbered_by_year: bool = True                # `check` reports gaps in the numbering
    bound_volume: bool = False                   # the build makes a 合订本 per series and year
    extra: dict[str, Any] = field(default_factory=dict)
