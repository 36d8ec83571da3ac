"""print/marked.py: marked-content sequences found and edited as bytes give the same page as pikepdf's parse.

Each case is compared with the slow path (pikepdf's parse, as binding did it before) operation by
operation; a stream the byte scan cannot be sure of must go through pikepdf.
"""
from __future__ import annotations

import pikepdf
import pydyf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.print import marked


def page_of(data: bytes) -> tuple[pikepdf.Pdf, pikepdf.Page]:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(data)
    return pdf, page


def operations(stream_or_page) -> list[tuple[str, str]]:
    return [(str(op), repr(list(operands))) for operands, op in pikepdf.parse_content_stream(stream_or_page)]


def operations_of(data: bytes) -> list[tuple[str, str]]:
    pdf, page = page_of(data)        # the Pdf is kept while its page is read
    return operations(page)


def slow_drop(data: bytes, mcids: set[int]) -> list[tuple[str, str]]:
    """The page without the sequences with these MCIDs, by pikepdf's parse: the reference for where
    the byte scan says each sequence starts and ends."""
    pdf, page = page_of(data)
    out, depth = [], 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if depth:
            depth += op in ("BDC", "BMC")
            depth -= op == "EMC"
        elif op == "BDC" and marked._mcid(operands) in mcids:
            depth = 1
        else:
            out.append((operands, operator))
    return operations_of(pikepdf.unparse_content_stream(out))


def slow_pagination(data: bytes, picked: set) -> list[tuple[str, str]]:
    pdf, page = page_of(data)
    ops = [(pikepdf.Array([pikepdf.Name.Artifact, marked.PAGINATION]), pikepdf.Operator("BDC"))
           if str(op) == "BDC" and marked._mcid(operands) in picked else (operands, op)
           for operands, op in pikepdf.parse_content_stream(page)]
    return operations_of(pikepdf.unparse_content_stream(ops))


def fast_drop(data: bytes, mcids: set[int]) -> list[tuple[str, str]]:
    """The same by the byte scan's sections (start of the operands, BDC, end of the EMC line, MCID),
    as print/pagenumbers.py cuts a page number out of a page."""
    out, at = [], 0
    for start, _, end, mcid in marked.scan(data):
        if mcid in mcids and start >= at:        # not inside a sequence already taken out
            out.append(data[at:start])
            at = end
    out.append(data[at:])
    return operations_of(b"".join(out))


def fast_pagination(data: bytes, picked: set) -> list[tuple[str, str]]:
    pdf, page = page_of(data)
    return operations_of(marked.as_pagination(pdf, page, picked.__contains__))


# pydyf writes the streams as WeasyPrint does
def write(stream: pydyf.Stream, node) -> None:
    kind = node[0]
    if kind == "text":
        stream.begin_text()
        stream.set_text_matrix(1, 0, 0, -1, node[1], 700)
        stream.stream.append(b"/F1 12 Tf")
        stream.show_text(b"<0012>-9<>-9.98<0676>")
        stream.end_text()
    elif kind == "path":
        stream.push_state()
        stream.rectangle(node[1], 10, 20, 30)
        stream.fill()
        stream.pop_state()
    elif kind == "bdc":
        stream.begin_marked_content(node[1], pydyf.Dictionary({"MCID": node[2]}))
        for child in node[3]:
            write(stream, child)
        stream.end_marked_content()
    else:       # bmc
        stream.begin_marked_content(node[1])
        for child in node[2]:
            write(stream, child)
        stream.end_marked_content()


def stream_bytes(nodes) -> bytes:
    stream = pydyf.Stream()
    for node in nodes:
        write(stream, node)
    return stream.data


leaves = st.one_of(st.tuples(st.just("text"), st.integers(0, 500)), st.tuples(st.just("path"), st.integers(0, 500)))
trees = st.recursive(leaves, lambda children: st.one_of(
    st.tuples(st.just("bdc"), st.sampled_from(["Span", "P", "H1", "Artifact"]), st.integers(0, 6), st.lists(children, max_size=4)),
    st.tuples(st.just("bmc"), st.sampled_from(["Artifact", "Span"]), st.lists(children, max_size=4))), max_leaves=25)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trees, min_size=1, max_size=6), st.sets(st.integers(0, 6)))
def test_the_byte_scan_edits_as_pikepdf_does(nodes, mcids):
    data = stream_bytes(nodes)
    assert marked.scan(data) is not None, "pydyf's streams are taken by the byte scan"
    assert fast_drop(data, mcids) == slow_drop(data, mcids)
    assert fast_pagination(data, mcids) == slow_pagination(data, mcids)


@pytest.fixture(scope="module")
def weasyprint_page() -> bytes:
    """A page as WeasyPrint writes it: tagged, with a page number in a margin box."""
    from weasyprint import HTML
    html = ("<html lang='zh-CN'><style>@page { size: A4; @bottom-right { content: '— ' counter(page) ' —' } }"
            "</style><h1>标题</h1><p>正文第一段。</p><p>正文第二段。</p></html>")
    pdf = pikepdf.open(__import__("io").BytesIO(HTML(string=html).write_pdf(pdf_tags=True)))
    return pdf.pages[0].obj.Contents.read_bytes()


def test_weasyprints_pages_take_the_fast_path(weasyprint_page, monkeypatch):
    found = marked.scan(weasyprint_page)
    assert found and any(mcid is not None for *_, mcid in found)
    last = max(mcid for *_, mcid in found if mcid is not None)     # the margin box, drawn last
    assert len(fast_drop(weasyprint_page, {last})) < len(operations_of(weasyprint_page))
    assert fast_drop(weasyprint_page, {last}) == slow_drop(weasyprint_page, {last})
    expected = slow_pagination(weasyprint_page, {last})

    def refuse(*args, **kwargs):
        raise AssertionError("parsed with pikepdf")
    pdf, page = page_of(weasyprint_page)
    monkeypatch.setattr(marked.pikepdf, "parse_content_stream", refuse)
    pagination = marked.as_pagination(pdf, page, {last}.__contains__)
    monkeypatch.undo()
    assert operations_of(pagination) == expected


@pytest.mark.parametrize("data", [
    b"/Span\n<</MCID 0>>\nBDC\nBT\n(EMC) Tj\nET\nEMC\n",                  # a literal string
    b"/Span\n<</MCID 0>>\nBDC\nBT\n<0012> Tj\nET\n",                      # no EMC
    b"BT\n<0012> Tj\nET\nEMC\n",                                         # an EMC too many
    b"/Span /Props0 BDC\nBT\n<0012> Tj\nET\nEMC\n",                       # properties by name
    b"/Span <</MCID 0>> BDC\nBT\n<0012> Tj\nET\nEMC\n",                   # operands on the operator's line
])
def test_streams_the_scan_is_unsure_of_are_parsed_by_pikepdf(data):
    assert marked.scan(data) is None
    pdf, page = page_of(data)
    if b"/Props0" in data:
        page.obj.Resources = pikepdf.Dictionary(Properties=pikepdf.Dictionary(Props0=pikepdf.Dictionary(MCID=0)))
    try:
        expected = slow_pagination(data, {0})
    except pikepdf.PdfError:
        return
    assert operations_of(marked.as_pagination(pdf, page, {0}.__contains__)) == expected


def test_a_page_of_several_streams_is_parsed_by_pikepdf():
    pdf, page = page_of(b"")
    page.obj.Contents = pikepdf.Array([pdf.make_stream(b"/Span\n<</MCID 0>>\nBDC\nBT\n"),
                                       pdf.make_stream(b"<0012> Tj\nET\nEMC\nq\nQ\n")])
    assert [op for op, _ in operations_of(marked.as_pagination(pdf, page, {0}.__contains__))] == [
        "BDC", "BT", "Tj", "ET", "EMC", "q", "Q"]
