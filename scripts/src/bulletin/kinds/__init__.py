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
from typing import TYPE_CHECKING

from ..errors import Problem, SourceError
from . import bulletin, notice, plan, report
from .base import Kind

if TYPE_CHECKING:
    from ..model import Issue


__all__ = ["KINDS", "Kind", "kind_of", "load_extra", "register"]

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


for _builtin in (bulletin, notice, plan, report):
    register(_builtin.KIND)
