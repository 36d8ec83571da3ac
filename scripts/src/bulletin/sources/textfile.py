"""Reading source files: UTF-8 only; a BOM and CRLF line endings are accepted and normalised."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import Collector


def read_text(path: Path, errors: Collector, shown: str | Path | None = None) -> str | None:
    """The file's text with BOM removed and line endings as ``\\n``; None (and a problem) if not UTF-8."""
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.add(shown or path, line,
                   f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}); expected UTF-8 text, "
                   "save it again as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
