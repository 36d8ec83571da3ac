"""What a reader is told about a file before downloading it: its format, page count and size; and
the suffixes by which text names a file (方案.docx, 名单.xlsx)."""
from __future__ import annotations

from pathlib import Path

# The suffixes of the documents, archives and pictures that text names by file name: one list for
# each reader that must tell a file name from words (check's brackets, the importer's links and
# lines). Which files a notice may attach is a rule of its own (kinds/official.DOWNLOAD_SUFFIXES).
NAMED_SUFFIXES = ("doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "wps", "et", "ofd", "rtf", "txt", "csv",
                  "zip", "rar", "7z", "png", "jpg", "jpeg", "gif")
# as a regular expression, the longer first (docx before doc)
SUFFIX_WORD = "(?:" + "|".join(sorted(NAMED_SUFFIXES, key=len, reverse=True)) + ")"


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
