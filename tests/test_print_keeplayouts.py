"""print/keeplayouts.py: text is drawn with the Pango layout it was measured with, except where the
drawing adds word spacing, and the PDF is byte for byte the one WeasyPrint draws with new layouts."""
from __future__ import annotations

from bulletin.print import justify, keeplayouts

PARAGRAPH = "全市数字政府建设工作推进会召开，会议总结了2026年上半年工作，部署“一网通办”下一阶段重点任务。"
HTML = f"""<html lang="zh-CN"><head><style>
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 28pt; }}
p {{ text-align: justify; --text-justify: inter-character; text-indent: 2em; }}
p.latin {{ --text-justify: auto; font-family: "DejaVu Serif", serif; }}
.cut {{ width: 40mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
u {{ text-decoration: underline; }}
</style></head><body>
<p>{PARAGRAPH * 3}<b>加粗的一句</b>{PARAGRAPH}</p>
<p><u>下划线文字</u>与<s>删除线文字</s>，以及 Latin words and 12345 数字。{PARAGRAPH * 2}</p>
<p class="latin">{"Plain words in a justified line, stretched at their spaces when drawn. " * 6}</p>
<div class="cut">{PARAGRAPH}</div>
</body></html>"""


def _draw(monkeypatch, kept: bool) -> tuple[bytes, dict]:
    from weasyprint import HTML as Document
    from weasyprint.text.line_break import Layout
    assert justify.install() and keeplayouts.install() and keeplayouts.install()
    if not kept:
        monkeypatch.setattr(Layout, "reactivate", keeplayouts._wrapped["reactivate"])
        monkeypatch.setattr(Layout, "deactivate", keeplayouts._wrapped["deactivate"])
    counts = {"reused": 0, "made": 0}
    drawing = Layout.reactivate

    def counted(layout, style):
        made = not getattr(layout, "kept", False) or bool(layout.justification_spacing) or style is not layout.style
        counts["made" if made else "reused"] += 1
        return drawing(layout, style)
    monkeypatch.setattr(Layout, "reactivate", counted)
    data = Document(string=HTML).write_pdf()
    monkeypatch.setattr(Layout, "reactivate", drawing)
    return data, counts


def test_same_pdf_with_the_measured_layouts(monkeypatch):
    kept, counts = _draw(monkeypatch, kept=True)
    # the Chinese lines (justified by letter spacing when measured) are drawn with their own
    # layouts; the Latin lines, justified at their spaces when drawn, get new ones
    assert counts["reused"] >= 15 and counts["made"] >= 3, counts
    assert _draw(monkeypatch, kept=False)[0] == kept


def test_a_layout_drawn_twice_is_made_anew_the_second_time():
    from weasyprint.text.line_break import Layout
    assert keeplayouts.install()
    made = []
    reactivate = keeplayouts._reused(lambda layout, style: made.append(style))
    layout = Layout.__new__(Layout)
    layout.justification_spacing, layout.style = 0, object()
    Layout.deactivate(layout)
    reactivate(layout, layout.style)          # kept: nothing made
    reactivate(layout, layout.style)          # not deactivated since: made anew
    assert made == [layout.style]
    Layout.deactivate(layout)
    reactivate(layout, object())              # another style: made anew
    layout.justification_spacing = 2.5
    Layout.deactivate(layout)
    reactivate(layout, layout.style)          # word spacing to add: made anew
    assert len(made) == 3


def test_same_pdf_with_layouts_made_in_single_paragraph_mode(monkeypatch):
    """Drawing puts each layout in single-paragraph mode; made so from the start (a text without
    paragraph separators), the lines are set exactly as before, and the <pre> lines (with \\n) are
    laid out as WeasyPrint lays them out."""
    from weasyprint import HTML as Document
    from weasyprint.text.line_break import Layout
    assert justify.install() and keeplayouts.install()
    page = HTML.replace("</body>", "<pre>第一行\n第二行\t有制表符\n\n第四行</pre>\n</body>")
    made = Document(string=page).write_pdf()
    monkeypatch.setattr(Layout, "set_text", keeplayouts._wrapped["set_text"])
    assert Document(string=page).write_pdf() == made


def _single_paragraph_mode():
    """Pango's getter for the mode, which WeasyPrint's declarations leave out."""
    import ctypes.util

    import cffi
    from weasyprint.text.ffi import ffi as weasyprint_ffi
    name = ctypes.util.find_library("pango-1.0")
    assert name, "libpango-1.0 not found; WeasyPrint needs it"
    ffi = cffi.FFI()
    ffi.cdef("int pango_layout_get_single_paragraph_mode (void *layout);")
    lib = ffi.dlopen(name)
    return lambda layout: bool(lib.pango_layout_get_single_paragraph_mode(
        ffi.cast("void *", int(weasyprint_ffi.cast("uintptr_t", layout.layout)))))


def test_layouts_are_made_in_single_paragraph_mode_unless_their_text_breaks_paragraphs():
    """A layout measured out of that mode is shaped all over again when drawing sets it."""
    from weasyprint import HTML as Document
    from weasyprint.text.line_break import Layout
    assert keeplayouts.install()
    single = _single_paragraph_mode()
    document = Document(string='<p lang="zh-CN">字</p>').render()
    style = document.pages[0]._page_box.children[0].children[0].style      # html > body
    layout = Layout(style)
    layout.set_text(PARAGRAPH)
    assert single(layout)
    layout.set_text("第一行\n第二行")
    assert not single(layout)
    layout.set_text("段落\u2029之间")
    assert not single(layout)
    layout.set_text("又是一行，没有分段。")
    assert single(layout)
