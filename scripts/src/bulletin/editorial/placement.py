"""Where `bulletin new` and `bulletin import` may write a new issue file: inside the project's
bulletins/ folder once links are followed, as a new file (never through a link, never over a file).

A year folder that is a link out of the project (bulletins/szzw/2027 -> /somewhere) would otherwise
take the new file outside it, and a dangling link named like the file would be followed on creation.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem, SourceError


# the issue numbers a file name holds: 001.md to 999.md
NUMBERS = range(1, 1000)


def leads_out(bulletins: Path, folder: Path) -> str | None:
    """Why ``folder`` may not be written to (it is not, nor would be, inside ``bulletins`` with every
    link followed), or None."""
    base = bulletins.resolve()
    real = folder.resolve()          # the parts that exist, links followed; the rest as written
    if real != base and base not in real.parents:
        return (f"this folder leads out of {bulletins.name}/ (to {real}, through a link); expected a folder "
                "inside the project's bulletins/")
    return None


def taken(path: Path) -> bool:
    """A file, a folder or a link (even a dangling one) already has this name."""
    return os.path.lexists(path)


def create(path: Path, text: str, shown: str) -> None:
    """Write a new file; never replace one, nor follow a link in its place (even in a race)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    except FileExistsError:
        raise SourceError([Problem(shown, None, "a file or link of this name appeared while writing; "
                                                "expected a new name — nothing was overwritten")]) from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
