"""What a reader is told about a file before downloading it: its format, page count and size."""
from __future__ import annotations

from pathlib import Path


def human_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def pdf_pages(path: Path) -> int | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    try:
        return len(PdfReader(path).pages)
    except (PyPdfError, OSError, ValueError):
        return None


def describe(path: Path) -> str:
    """``PDF，2页，86 KB`` or ``XLSX，12 KB``."""
    facts = [path.suffix[1:].upper()]
    if path.suffix.lower() == ".pdf":
        pages = pdf_pages(path)
        if pages:
            facts.append(f"{pages}页")
    facts.append(human_size(path.stat().st_size))
    return "，".join(facts)
