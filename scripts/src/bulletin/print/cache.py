"""The print cache (.cache/bulletin/ or $BULLETIN_CACHE_DIR): cut fonts, finished PDFs, the bound
volumes' laid-out fronts (pdf/front-*.pdf, print/worker.py) and converted attachments, each named by a
hash of what made it, so an unchanged document is never rendered twice; fontinfo/, the character maps
and measures of the fonts the roles use. Beside them, markup.json and readings.json (Markdown's print HTML and each
print HTML's texts by font role, by their input's hash: print/kept.py), which the preflight rewrites
with what it used, and search/ (the copy of the pages Pagefind indexes: site/search.py).

Every build that made PDFs prunes what it did not use: otherwise each new character or template edit
leaves a whole generation of fonts and PDFs behind (hundreds of megabytes on a large archive). A cache
shared by several projects is therefore not supported; give each project its own.
"""
from __future__ import annotations

import re
from pathlib import Path

FOLDERS = ("pdf", "fonts", "attachments", "fontinfo")
# A cut font's file name says which characters it holds: <role>-<hash of the characters>.otf
_CUT_FONT = re.compile(r"/(title|body|heading|kai|page)-[0-9a-f]{24}\.(otf|ttf)")


def portable(text: str, places: list[tuple[str, str]]) -> str:
    """``text`` with each (folder, name) of ``places`` named by its role, as a path or a file: URI: the
    cache's keys do not change when a project and its cache are moved together."""
    for place, name in places:
        text = text.replace(Path(place).as_uri(), name).replace(place, name)
    return text


def cuts_unnamed(html: str) -> str:
    """``html`` with each cut font's file named by its role alone. The shared cut holds every character
    the archive uses, so a character new to the archive makes a new cut under a new name; a document
    without that character prints the same glyphs from either cut, so its cache keys leave the name
    out (binding merges fonts only within one cut: print/fontmerge.py)."""
    return _CUT_FONT.sub(r"/\1.\2", html)


def prune(cache_dir: Path, used: set[Path]) -> tuple[int, int]:
    """Delete the cached files of ``FOLDERS`` that are not in ``used``; returns (files, bytes) removed."""
    keep = {p.resolve() for p in used}
    files = freed = 0
    for name in FOLDERS:
        folder = cache_dir / name
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.is_file() and path.resolve() not in keep:
                size = path.stat().st_size
                path.unlink(missing_ok=True)
                files, freed = files + 1, freed + size
    return files, freed
