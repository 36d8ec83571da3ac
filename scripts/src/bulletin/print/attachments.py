"""Attachment files printed in place: a notice's PDF (or office file) attachment becomes pages of the
printed document, after its 附件N label page, with the document's page numbers continued.

How: the print HTML gets one empty placeholder page per attachment page (``placeholders``), so
WeasyPrint numbers them, lists them in the bookmarks and keeps counting after them; the rendered
pages that carry the placeholder anchors then get the attachment's pages drawn underneath
(``merge``). A4 pages are placed as they are; other sizes are scaled into the 156 × 225 mm type area.
.docx/.xlsx (and other office files) are converted to PDF with LibreOffice when it is installed; the
conversion is cached by the file's content. Without LibreOffice the attachment keeps its labelled page
and the build warns, naming the file.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from ..office import INSTALL, soffice
from ..office import convert as office_convert

PDF = {".pdf"}
OFFICE = {".docx", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".ods", ".csv", ".pptx", ".ppt", ".odp"}
MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
TYPE_AREA = (28 * MM, 35 * MM, 156 * MM, 225 * MM)   # left, bottom, width, height (GB/T 9704: 37 mm top)
ANCHOR = "bl-att-{number}-{page}"


@dataclass(frozen=True)
class PrintedAttachment:
    number: int
    pdf: Path | None        # what is merged: the file itself or its conversion; None: labelled page only
    pages: int
    warning: str | None = None


def prepare(number: int, path: Path, shown: str, cache_dir: Path) -> PrintedAttachment:
    """The PDF to merge for one attachment file, converting office files when LibreOffice is here."""
    suffix = path.suffix.lower()
    if suffix in PDF:
        return _counted(number, path, shown)
    if suffix not in OFFICE:
        return PrintedAttachment(number, None, 0)
    if soffice() is None:
        return PrintedAttachment(number, None, 0,
                                 f"{shown}: LibreOffice is not installed, so this attachment prints as a "
                                 f"labelled page only; expected soffice on the PATH to print it in place ({INSTALL})")
    converted = convert(path, cache_dir)
    if converted is None:
        return PrintedAttachment(number, None, 0, f"{shown}: LibreOffice could not convert this file; "
                                                  "expected a readable office document — it prints as a "
                                                  "labelled page only")
    return _counted(number, converted, shown)


def _counted(number: int, pdf: Path, shown: str) -> PrintedAttachment:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    try:
        pages = len(PdfReader(pdf).pages)
    except (PyPdfError, OSError, ValueError) as exc:
        return PrintedAttachment(number, None, 0, f"{shown}: the PDF cannot be read ({exc}); expected a "
                                                  "valid PDF — it prints as a labelled page only")
    return PrintedAttachment(number, pdf, pages)


def convert(path: Path, cache_dir: Path) -> Path | None:
    """``path`` as PDF via LibreOffice, cached under ``cache_dir`` by content (conversion takes seconds)."""
    data = path.read_bytes()
    key = hashlib.sha256(data + path.suffix.lower().encode()).hexdigest()[:32]
    target = cache_dir / "attachments" / f"{key}.pdf"
    if target.is_file():
        return target
    produced = office_convert(data, path.suffix, "pdf")
    if produced is None:
        return None
    from ..atomic import write_atomic
    write_atomic(target, produced)
    return target


def placeholders(attachment: PrintedAttachment) -> list[str]:
    """The anchor ids of the empty pages the print HTML reserves for the attachment's pages."""
    return [ANCHOR.format(number=attachment.number, page=k) for k in range(attachment.pages)]


def merge(pdf: bytes, anchor_pages: dict[str, int], merges: dict[str, tuple[str, int]]) -> bytes:
    """Draw attachment pages under the rendered placeholder pages that carry their anchors.

    ``anchor_pages``: anchor id → 0-based page index in ``pdf`` (from WeasyPrint's rendered pages);
    ``merges``: anchor id → (PDF path, 0-based page of it). The placeholder page keeps what
    WeasyPrint drew on it (the page number), on top."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    sources: dict[str, PdfWriter] = {}   # writers, so a rotated page can be turned upright in place
    for anchor, (path, number) in merges.items():
        index = anchor_pages.get(anchor)
        if index is None:
            continue
        source = sources.setdefault(path, PdfWriter(clone_from=path))
        page = source.pages[number]
        if page.rotation:
            page.transfer_rotation_to_content()
        writer.pages[index].merge_transformed_page(page, placement(page), over=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def placement(page):
    """A4 portrait as it is; anything else scaled (never enlarged) and centred in the type area."""
    from pypdf import Transformation
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    x0, y0 = float(box.left), float(box.bottom)
    if abs(width - A4[0]) < 3 and abs(height - A4[1]) < 3:
        return Transformation().translate(-x0, -y0)
    left, bottom, area_w, area_h = TYPE_AREA
    scale = min(area_w / width, area_h / height, 1.0)
    dx = left + (area_w - width * scale) / 2
    dy = bottom + (area_h - height * scale) / 2
    return Transformation().translate(-x0, -y0).scale(scale, scale).translate(dx, dy)
