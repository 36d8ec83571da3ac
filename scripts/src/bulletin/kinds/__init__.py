"""Document kinds, each one unit: its front-matter spec, its analysis, its web page, its print
hookup and its new-issue skeleton. Everything else asks the KINDS table instead of testing a
kind's name, so adding a kind is one module (and its templates) plus one ``register`` call.

A series says which kind its issues are (series.yml ``kind:``); the built-in kinds are
bulletin (工作简报), notice (通知), plan (实施方案) and report (会议报道). A project may add its
own through the bulletin plugin's ``kinds:`` option (a list of importable modules whose import
calls ``register``); README "Adding a document kind" shows the steps.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ..errors import Problem, SourceError

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
    extra: dict[str, Any] = field(default_factory=dict)


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def kind_of(issue: "Issue") -> Kind:
    return KINDS[issue.series.kind]


def load_extra(modules: list[str], where: str) -> None:
    """Import the project's own kind modules (the plugin's ``kinds:`` option); each registers itself."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - a person's configuration: one line, no traceback
            raise SourceError([Problem(where, None, f"kind module '{name}' could not be imported "
                                                    f"({type(exc).__name__}: {exc}); expected an importable "
                                                    "Python module that calls bulletin.kinds.register")]) from None


def _builtin() -> None:
    from . import bulletin, notice, plan, report
    for module in (bulletin, notice, plan, report):
        register(module.KIND)


_builtin()
