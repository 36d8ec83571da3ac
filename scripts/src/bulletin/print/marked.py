"""Marked-content sequences of a page, edited as bytes where WeasyPrint wrote them.

Binding a volume marks its front's page numbers as pagination artifacts (print/binding.py) and draws
the volume's numbers where the issue pages printed theirs (print/pagenumbers.py). pikepdf's
``parse_content_stream`` makes Python objects of every operation of the page, and a 目录 page's
dotted leaders are thousands of them: that was most of a volume's binding time. WeasyPrint's writer (pydyf) puts BDC, BMC and EMC on lines of
their own, a BDC's tag and properties on the two lines before it, and writes text as hex strings, so
the sequences are found by their lines. A stream written any other way (literal strings, inline
images, several content streams, unexpected operands) is parsed by pikepdf as before.
"""
from __future__ import annotations

import re
from typing import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name

PAGINATION = Dictionary(Type=Name.Pagination)
PAGINATION_BYTES = b"/Artifact\n<</Type /Pagination>>\n"
_MARK = re.compile(rb"^(BDC|BMC|EMC)$", re.M)
_BDC_OPERANDS = re.compile(rb"/[^\s/<>\[\]()]+\n<<([^()\n]*)>>\n\Z")    # a tag, then its properties
_BMC_OPERAND = re.compile(rb"/[^\s/<>\[\]()]+\n\Z")
_MCID = re.compile(rb"/MCID (\d+)(?![\d.])")
_UNSURE = re.compile(rb"[()]|^(?:BI|ID|EI)$", re.M)       # literal strings, inline images


def scan(data: bytes) -> list[tuple[int, int, int, int | None]] | None:
    """Every BDC of the stream, in order, as (start of its operands, start of the BDC, end of its EMC
    line, its MCID or None); None when the stream is not written as described above."""
    if _UNSURE.search(data):
        return None
    found: list[list] = []
    open_: list[int | None] = []        # for each open sequence: its index in ``found``, None for a BMC
    for match in _MARK.finditer(data):
        op, at = match[1], match.start()
        if op == b"EMC":
            if not open_:
                return None
            index = open_.pop()
            if index is not None:
                found[index][2] = match.end() + (data[match.end():match.end() + 1] == b"\n")
            continue
        line_start = data.rfind(b"\n", 0, max(at - 1, 0)) + 1
        if op == b"BMC":
            if not _BMC_OPERAND.match(data, line_start, at):
                return None
            open_.append(None)
            continue
        start = data.rfind(b"\n", 0, max(line_start - 1, 0)) + 1
        operands = _BDC_OPERANDS.match(data, start, at)
        if operands is None:
            return None
        mcid = _MCID.search(operands[1])
        found.append([start, at, -1, int(mcid[1]) if mcid else None])
        open_.append(len(found) - 1)
    return None if open_ else [tuple(entry) for entry in found]


def _mcid(operands) -> int | None:
    properties = operands[1] if len(operands) > 1 else None
    return int(properties.MCID) if isinstance(properties, Dictionary) and "/MCID" in properties else None


def page_stream(page: pikepdf.Page) -> bytes | None:
    """The page's content when it is one stream, as WeasyPrint writes it; None otherwise."""
    contents = page.obj.get("/Contents")
    return contents.read_bytes() if isinstance(contents, pikepdf.Stream) else None


def as_pagination(pdf: pikepdf.Pdf, page: pikepdf.Page, pick: Callable[[int | None], bool]) -> bytes:
    """The content of a page with each BDC whose MCID ``pick`` chooses marked as a pagination
    artifact instead (a page number belongs to no structure element: PDF/UA, ISO 32000 §14.8.2.2)."""
    data = page_stream(page)
    found = scan(data) if data is not None else None
    if found is None:
        return pikepdf.unparse_content_stream(
            [(Array([Name.Artifact, PAGINATION]), pikepdf.Operator("BDC"))
             if str(op) == "BDC" and pick(_mcid(operands)) else (operands, op)
             for operands, op in pikepdf.parse_content_stream(page)])
    out, at = [], 0
    for start, operator, _, mcid in found:
        if pick(mcid):
            out += [data[at:start], PAGINATION_BYTES]
            at = operator
    out.append(data[at:])
    return b"".join(out)
