"""Progress for long operations: a bar on a terminal, plain lines in CI or when output is a file.

    for item in progress(items, "import", label=str):
        ...

The bar (tqdm) goes to stderr, so stdout stays clean for reports.  Plain mode prints one line per
item, ``import 3/10: old/2019-03.html``, which reads well in a CI log.  Set CI=true (as CI
services do) or BULLETIN_PROGRESS=plain to force plain lines, BULLETIN_PROGRESS=off for silence.
Usable by any long loop, such as rendering the PDFs of every issue.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import TextIO, TypeVar

T = TypeVar("T")


def mode(stream: TextIO | None = None) -> str:
    """'bar', 'plain' or 'off' for ``stream`` (default stderr) and the environment."""
    wanted = os.environ.get("BULLETIN_PROGRESS", "").lower()
    if wanted in ("bar", "plain", "off"):
        return wanted
    stream = stream or sys.stderr
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return "plain"
    try:
        return "bar" if stream.isatty() else "plain"
    except (AttributeError, ValueError):
        return "plain"


def progress(items: Iterable[T], what: str, total: int | None = None, label: Callable[[T], str] = str,
             stream: TextIO | None = None) -> Iterator[T]:
    """Yield ``items`` while showing progress; ``label`` names an item in plain lines."""
    stream = stream or sys.stderr
    if total is None and isinstance(items, Sized):
        total = len(items)
    how = mode(stream)
    if how == "off":
        yield from items
        return
    if how == "bar":
        from tqdm import tqdm
        with tqdm(items, total=total, desc=what, unit="", file=stream, leave=False, dynamic_ncols=True) as bar:
            for item in bar:
                bar.set_postfix_str(label(item)[-40:], refresh=False)
                yield item
        return
    for index, item in enumerate(items, 1):
        count = f"{index}/{total}" if total else str(index)
        print(f"{what} {count}: {label(item)}", file=stream, flush=True)
        yield item
