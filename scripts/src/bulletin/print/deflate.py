"""PDF streams deflated at zlib's default level instead of pydyf's level 9.

pydyf (WeasyPrint's PDF writer) compresses every stream, the embedded fonts among them, with
``zlib.compressobj(level=9)``. On the print benchmark's PDFs level 9 took 22 ms of CPU per PDF
against 10 ms at level 6 (zlib's default), for files 0.5% smaller: about a twentieth of rendering
an issue, for nothing a reader sees. ``install()`` hands pydyf a zlib whose ``compressobj`` uses
level 6 whatever level is asked for; the streams stay ordinary Flate streams, decoded as before.
"""
from __future__ import annotations

import logging
import zlib

log = logging.getLogger("bulletin.print")

LEVEL = 6


class _Zlib:
    """zlib, but compressobj at LEVEL."""

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = LEVEL, *args, **kwargs):
        return zlib.compressobj(LEVEL, *args, **kwargs)


def install() -> bool:
    """Give pydyf the zlib above (once per process); False if pydyf does not use zlib by that name
    (then it compresses as it does)."""
    try:
        import pydyf
    except ImportError:
        return False
    if isinstance(getattr(pydyf, "zlib", None), _Zlib):
        return True
    if getattr(pydyf, "zlib", None) is not zlib:
        log.warning("pydyf no longer compresses with zlib as expected; PDF streams stay at its own level")
        return False
    pydyf.zlib = _Zlib()
    return True
