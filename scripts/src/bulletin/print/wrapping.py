"""Putting our replacement in place of one attribute of WeasyPrint (or of pydyf, or of its cffi
object) that is not public: once per process, the original kept for the tests' results without, and
the original left alone, with a line in the debug log, when this WeasyPrint does not have it.
leaders, pagestyles, pagerefs, hbarrays, charsuntil and keeplayouts wrap things this way; justify,
settle and deflate replace several things at once and keep their own install().
"""
from __future__ import annotations

import logging
from typing import Any, Callable

log = logging.getLogger("bulletin.print")


def wrap(wrapped: dict, owner: Callable[[], Any], name: str, replacement: Callable[[Any], Any], without: str) -> bool:
    """Set attribute ``name`` of ``owner()`` (a module, class or object, imported only now) to
    ``replacement(original)``, unless ``wrapped`` holds ``name`` already; keep the original in
    ``wrapped[name]``. False, and nothing changed, when the import fails, the attribute is missing or
    ``replacement`` finds the original is not what it was written for (AttributeError, KeyError);
    ``without`` says in the debug log what is done instead."""
    if name in wrapped:
        return True
    try:
        target = owner()
        original = getattr(target, name)
        new = replacement(original)
    except (ImportError, AttributeError, KeyError) as exc:
        log.debug("%s (%s)", without, exc)
        return False
    wrapped[name] = original
    setattr(target, name, new)
    return True
