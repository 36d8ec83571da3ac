"""Writing a file so that readers see the old bytes or the new ones, never a half-written file.

The temporary file is made beside the target (same file system, so the rename is atomic) and gets the
mode an ordinary ``open()`` would give it: ``mkstemp`` creates 0600, which would hide PDFs and fonts
from a web server running as another user.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_PARTIAL_SUFFIX = ".part"


def _partial_prefix(name: str) -> str:
    return f".{name}."


def is_partial(path: Path, name: str) -> bool:
    """Is ``path`` a temporary file that ``write_atomic`` of a file named ``name`` left (killed
    before its rename)?"""
    return path.name.startswith(_partial_prefix(name)) and path.name.endswith(_PARTIAL_SUFFIX)


def write_atomic(target: Path, data: bytes | str, encoding: str = "utf-8") -> None:
    """Replace ``target`` with ``data`` in one step; on any failure the old file stays as it was."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_partial_prefix(target.name), suffix=_PARTIAL_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
