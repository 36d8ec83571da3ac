"""Reading source files: UTF-8 only; a BOM and CRLF line endings are accepted and normalised.

A source file must be a regular file (a folder, a dangling link or a link loop in its place is one
problem line, not a traceback), inside the sources folder once links are resolved, and no larger than
``max_bytes()`` (5 MB unless BULLETIN_MAX_SOURCE_MB says otherwise): a bulletin is tens of kilobytes,
and a 50 MB paste would keep the build busy for many minutes before anyone noticed.
"""
from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from ..errors import Collector

DEFAULT_MAX_MB = 5


def max_bytes() -> int:
    try:
        return int(float(os.environ.get("BULLETIN_MAX_SOURCE_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


def _plain_file_inside(path: Path, inside: Path | None) -> os.stat_result | None:
    """The stat of ``path`` when it is a regular file reached from ``inside`` without any symbolic
    link on the way (so it is inside, whatever ``inside`` itself resolves to); None when that is not
    so and the full check must say why. A few lstat calls instead of resolving every folder of the
    path twice: the preview checks 2,000 sources on every save."""
    if inside is None or not path.is_relative_to(inside):
        return None
    parts = path.relative_to(inside).parts
    if ".." in parts:
        return None
    step = inside
    try:
        for part in parts:
            step = step / part
            st = os.lstat(step)
            if stat.S_ISLNK(st.st_mode):
                return None
    except OSError:
        return None
    return st if parts and stat.S_ISREG(st.st_mode) else None


def _size_problem(size: int) -> str | None:
    limit = max_bytes()
    if size > limit:
        return (f"the file is {size / 1048576:.1f} MB, larger than the {limit / 1048576:g} MB limit for a "
                "source file; expected a smaller file (split it, or raise BULLETIN_MAX_SOURCE_MB)")
    return None


def file_problem(path: Path, inside: Path | None = None) -> str | None:
    """Why ``path`` cannot be read as a source file, in words; None when it can."""
    plain = _plain_file_inside(path, inside)
    if plain is not None:
        return _size_problem(plain.st_size)
    try:
        real = path.resolve(strict=True)
    except RuntimeError:
        return "this is a symbolic link that loops back on itself; expected a regular file"
    except OSError:
        return ("this is a symbolic link to a file that does not exist; expected a regular file"
                if path.is_symlink() else "the file does not exist; expected a regular file")
    if inside is not None and inside.resolve() not in real.parents:
        return f"this links to {real}, outside the sources folder; expected a file inside it"
    if real.is_dir():
        return "this is a folder, not a file; expected a text file"
    if not real.is_file():
        return "this is not a regular file; expected a text file"
    return _size_problem(real.stat().st_size)


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their endings (\\r\\n, \\r or \\n), as every command counts them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def first_bad_byte(raw: bytes, start: int) -> tuple[int, int, int]:
    """(line, column, byte) of ``raw[start]``; columns count characters of the valid text before it."""
    before = split_lines(raw[:start].decode("utf-8"))
    return len(before), len(before[-1]) + 1, raw[start]


def decode(raw: bytes) -> tuple[str, tuple[int, int, int] | None]:
    """A source's bytes as text, BOM removed, line endings as \\n. Bytes that are not UTF-8 become
    U+FFFD; the second value then says where the first one is (``first_bad_byte``)."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text, bad = raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text, bad = raw.decode("utf-8", errors="replace"), first_bad_byte(raw, exc.start)
    return text.replace("\r\n", "\n").replace("\r", "\n"), bad


def not_utf8_message(bad: tuple[int, int, int]) -> str:
    return f"the file is not UTF-8 (byte 0x{bad[2]:02x}); expected UTF-8 text, save it again as UTF-8"


def read_text(path: Path, errors: Collector, shown: str | Path | None = None,
              inside: Path | None = None) -> str | None:
    """The file's text with BOM removed and line endings as ``\\n``; None (and a problem) if unreadable."""
    problem = file_problem(path, inside)
    if problem is not None:
        errors.add(shown or path, None, problem)
        return None
    try:
        text, bad = decode(path.read_bytes())
    except OSError as exc:
        errors.add(shown or path, None, f"the file cannot be read ({exc.strerror}); expected a readable file")
        return None
    if bad is not None:
        errors.add(shown or path, bad[0], not_utf8_message(bad))
        return None
    return text
