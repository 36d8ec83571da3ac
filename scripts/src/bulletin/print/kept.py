"""Results of pure functions of a text, kept between builds in one JSON file each in the print cache.

Every `bulletin build` runs the preflight over the whole archive: it renders each issue's print HTML
(to key its PDF) and reads it (to check and cut the fonts). After one edit almost all of that is the
same as last time, so the two costly steps, Markdown to print HTML and the reading of a print HTML
by font role, keep their results here by the SHA-256 of their input. A store is stamped with the
code that computed it (its modules' source and its libraries' versions): after an upgrade or an edit
to that code, the store is not used. A build keeps what it used and only that, so the store does not
grow with edits. The preview's partial preflights do not use the stores: loading and rewriting them
whole would cost each save more than the one issue it prints.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable

from ..atomic import write_atomic


def code_stamp(modules: tuple[str, ...], packages: tuple[str, ...]) -> str:
    """A hash of the named modules' source files and the named packages' versions."""
    import importlib.util
    from importlib.metadata import PackageNotFoundError, version
    digest = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        digest.update(name.encode() + b"\0" + Path(spec.origin).read_bytes() + b"\0")
    for name in packages:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=?\0".encode())
    return digest.hexdigest()


class Kept:
    """``compute`` memoized by the SHA-256 of its text argument; kept in ``<cache>/<name>.json`` while
    a store is in use (``use``), in memory only otherwise."""

    def __init__(self, name: str, compute: Callable[[str], Any], valid: Callable[[Any], bool],
                 modules: tuple[str, ...], packages: tuple[str, ...]):
        self.name, self.compute, self.valid = name, compute, valid
        self.modules, self.packages = modules, packages
        self._stamp: str | None = None
        self.path: Path | None = None
        self.kept: dict[str, Any] = {}
        self.read: dict[str, Any] = {}

    @property
    def stamp(self) -> str:
        if self._stamp is None:
            self._stamp = code_stamp(self.modules, self.packages)
        return self._stamp

    def use(self, folder: Path | None) -> None:
        """Start a build: read the store in ``folder`` (None: keep nothing between builds)."""
        self.path, self.kept, self.read = (folder / f"{self.name}.json" if folder else None), {}, {}
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8")) if self.path and self.path.is_file() else {}
        except (OSError, ValueError):
            return      # unreadable: compute everything again and write it anew
        if isinstance(stored, dict) and stored.get("stamp") == self.stamp and isinstance(stored.get("kept"), dict):
            self.kept = stored["kept"]

    def save(self) -> None:
        """Keep what this build used, and only that (inputs gone or changed drop out)."""
        if self.path is None:
            return
        try:
            write_atomic(self.path, json.dumps({"stamp": self.stamp, "kept": self.read},
                                               ensure_ascii=False, separators=(",", ":")))
        except (OSError, UnicodeError):
            pass    # a cache that cannot be written costs time, not correctness

    def __call__(self, text: str) -> Any:
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        result = self.read.get(key)
        if result is None:
            result = self.kept.get(key)
            if result is None or not self.valid(result):
                result = self.compute(text)
            self.read[key] = result
        return result
