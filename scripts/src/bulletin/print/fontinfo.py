"""What the print needs to know of a font face, kept on disk so a build does not read it again.

Decompiling the character map of a CJK font takes fontTools 0.3–0.7 s a face, and every build
needs it twice (the glyph check, the measures of headlines and page numbers): several seconds of
each rebuild. The facts are stored in the print cache, ``fontinfo/<hash of path and face>.json``:
the code points the face maps, their advances, and the ink of the few characters measured (filled
in as they are asked for). An entry names the font's identity (path, face, size, modification
time); a stale, unreadable or foreign entry is read from the font again and rewritten atomically.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic

INFO_VERSION = 1          # bump when what is stored changes
_folder: Path | None = None


def use_folder(folder: Path | None) -> None:
    """Keep font facts in ``folder`` (None: read every font again, nothing written)."""
    global _folder
    _folder = Path(folder) if folder else None


def folder() -> Path | None:
    """Where font facts are kept now: part of the key of what print/fonts.py keeps in memory, so that
    a later build of the same process that keeps them elsewhere writes them there too."""
    return _folder


def _open(file: str, index: int):
    from fontTools.ttLib import TTFont
    if file.lower().endswith((".ttc", ".otc")):
        return TTFont(file, fontNumber=index, lazy=True)
    return TTFont(file, lazy=True)


@dataclass
class FontInfo:
    file: str
    index: int
    identity: str
    upem: int
    ascent: int                           # hhea, font units
    descent: int
    advances: dict[int, int]              # code point -> advance, font units
    ink: dict[int, tuple[int, int] | None] = field(default_factory=dict)   # code -> (yMin, yMax), units

    @property
    def codes(self) -> frozenset[int]:
        return frozenset(self.advances)

    def inks(self, codes: list[int]) -> list[tuple[int, int] | None]:
        """The vertical ink of each character (None: draws nothing); characters not measured before
        are read from the font in one go and then stored with the other facts."""
        missing = sorted({code for code in codes if code not in self.ink})
        if missing:
            self.ink.update(_read_ink(self.file, self.index, missing))
            _save(self)
        return [self.ink[code] for code in codes]


def _read_ink(file: str, index: int, codes: list[int]) -> dict[int, tuple[int, int] | None]:
    from fontTools.pens.boundsPen import BoundsPen
    tt = _open(file, index)
    try:
        glyphs, names = tt.getGlyphSet(), tt.getBestCmap() or {}
        found = {}
        for code in codes:
            pen = BoundsPen(glyphs)
            if names.get(code) is not None:
                glyphs[names[code]].draw(pen)
            found[code] = (pen.bounds[1], pen.bounds[3]) if pen.bounds else None
        return found
    finally:
        tt.close()


def _read(file: str, index: int, identity: str) -> FontInfo:
    tt = _open(file, index)
    try:
        widths = tt["hmtx"].metrics
        advances = {code: widths[name][0] for code, name in (tt.getBestCmap() or {}).items()}
        return FontInfo(file, index, identity, tt["head"].unitsPerEm, tt["hhea"].ascent, tt["hhea"].descent,
                        advances)
    finally:
        tt.close()


def _entry(file: str, index: int) -> Path | None:
    if _folder is None:
        return None
    return _folder / (hashlib.sha256(f"{file}#{index}".encode()).hexdigest()[:24] + ".json")


def kept_files(faces) -> set[Path]:
    """Where the facts of ``faces`` (ResolvedFont: the roles' fonts) are kept: what the cache keeps of
    fontinfo/ when it is pruned (a face no role uses any more is read again if it comes back)."""
    return {path for path in (_entry(str(face.file), face.index) for face in faces) if path is not None}


def _save(info: FontInfo) -> None:
    path = _entry(info.file, info.index)
    if path is None:
        return
    codes = sorted(info.advances)
    data = {"version": INFO_VERSION, "file": info.file, "index": info.index, "identity": info.identity,
            "upem": info.upem, "ascent": info.ascent, "descent": info.descent,
            "codes": codes, "advances": [info.advances[c] for c in codes],
            "ink": [[code, *(bounds or ())] for code, bounds in sorted(info.ink.items())]}
    try:
        write_atomic(path, json.dumps(data, separators=(",", ":")))
    except OSError:
        pass           # a read-only cache only costs the next build the reading


def _load(file: str, index: int, identity: str) -> FontInfo | None:
    path = _entry(file, index)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path and path.is_file() else None
        if not isinstance(data, dict) or data.get("version") != INFO_VERSION or data.get("identity") != identity \
                or data.get("file") != file or data.get("index") != index:
            return None
        ink = {row[0]: (row[1], row[2]) if len(row) == 3 else None for row in data["ink"]}
        return FontInfo(file, index, identity, int(data["upem"]), int(data["ascent"]), int(data["descent"]),
                        dict(zip(data["codes"], data["advances"], strict=True)), ink)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None     # unreadable or from another version: read the font again


def font_info(file: str, index: int, identity: str) -> FontInfo:
    """The facts of one face, from the cache when its identity still matches, else from the font."""
    info = _load(file, index, identity)
    if info is None:
        info = _read(file, index, identity)
        _save(info)
    return info
