"""What a picture file is: named as one (``SUFFIXES``) and one by its first bytes (``is_picture``).

A file named .png may hold an SVG with script or a web page; the website would publish it as it is
and WeasyPrint sniffs the content and draws an SVG. So the loader refuses a reference to a file
named as a picture that is not one (sources/references.py), and the website copies only these.
Not SVG: a picture that can hold script, run when its own address is opened.
"""
from __future__ import annotations

from pathlib import Path

SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")
_STARTS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def named_as_picture(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def is_picture(path: Path) -> bool:
    """Whether the file starts as a PNG, JPEG, GIF, BMP or WebP file does (any of them, whatever its
    name says: a PNG saved as .jpg is shown by every browser)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return head.startswith(_STARTS) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
