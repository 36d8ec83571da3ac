"""`bulletin import` on legacy documents of every kind and format (issue 10).

The corpus (tests/fixtures/import_corpus, see tests/import_corpus.py) is written for these tests:
fictional 青禾市 documents in .txt/.html (UTF-8, GBK, Big5), .docx and text PDFs made here with
python-docx and WeasyPrint, and a scanned PDF. Each input's expect file says what an editor reading
it expects; the tests compare the importer's files with that, never with its own earlier output.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

import import_corpus
from bulletin.editorial import cli, frontmatter
from bulletin.editorial.importing import Options, import_file, load_context
from bulletin.editorial.importing.clean import GLOSSES, tidy
from bulletin.editorial.importing.dates import find_date
from bulletin.errors import SourceError
from bulletin.sources.loader import load_project
from conftest import copy_project, run_bulletin


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    folder = tmp_path_factory.mktemp("corpus")
    return {path.name: (path, expect) for path, expect in import_corpus.materialise(folder)}


@pytest.fixture(scope="module")
def ctx():
    return load_context(import_corpus.PROJECT)


@pytest.fixture(scope="module")
def results(corpus, ctx) -> dict:
    return {name: import_file(path, ctx) for name, (path, _) in corpus.items()}


def _front(result) -> dict:
    return yaml.safe_load(result.files[result.issue_name].split("---\n")[1])


def _body(result) -> str:
    return result.files[result.issue_name].split("---\n", 2)[2]


# ---------------------------------------------------------------- the corpus, input by input

NAMES = sorted(import_corpus.expectations())


def test_the_corpus_covers_every_kind_and_format() -> None:
    expect = import_corpus.expectations()
    assert len(expect) >= 25
    assert {e.get("kind") for e in expect.values()} >= {"bulletin", "notice", "plan", "report"}
    suffixes = {re.sub(r"^[^.]*", "", name) for name in expect}
    assert {".txt", ".gbk.txt", ".big5.txt", ".html", ".gbk.html", ".big5.html", ".docx", ".doc", ".pdf", ".mht"} <= suffixes


@pytest.mark.parametrize("name", NAMES)
def test_corpus_input(name: str, corpus, results) -> None:
    path, expect = corpus[name]
    s = import_corpus.score(path, expect, results[name])
    assert not s["wrong"] and not s["missing"], s
    assert not s["lost"], f"sentences lost: {s['lost']}"
    assert not s["noise"], f"noise kept: {s['noise']}"
    if s["retention"]:
        kept, total = s["retention"]
        assert kept / total >= 0.97, f"Han retention {kept}/{total}"


# ---------------------------------------------------------------- formats and encodings

@pytest.mark.parametrize("name, encoding", [("b02-xczx-three-line-headlines.gbk.txt", "GB18030/GBK"),
                                            ("b04-xczx-traditional.big5.txt", "Big5"),
                                            ("n03-notice-download-site.gbk.html", "GBK (declared"),
                                            ("r06-report-traditional.big5.html", "BIG5 (declared")])
def test_gbk_and_big5_are_detected(name: str, encoding: str, results) -> None:
    result = results[name]
    assert result.source.encoding.startswith(encoding)
    assert "\ufffd" not in "".join(result.files.values())


def test_utf8_with_damaged_and_gbk_lines_is_read_as_utf8(corpus, ctx, tmp_path) -> None:
    """Two files put together (a GBK paragraph in a UTF-8 text) and a character cut at a byte: the
    UTF-8 lines stay UTF-8 (the whole file was read as GBK before, every character wrong), the GBK
    line is read as GBK, the cut character is U+FFFD and the issue waits for an editor."""
    text = corpus["b12-szzw-generic-masthead.txt"][0].read_text(encoding="utf-8-sig")
    lines = text.encode("utf-8").split(b"\n")
    pasted = next(n for n, line in enumerate(lines) if "一码通办".encode() in line and line.startswith("　".encode()))
    lines[pasted] = lines[pasted].decode("utf-8").encode("gbk")
    cut = next(n for n, line in enumerate(lines) if "数据归集".encode() in line)
    lines[cut] = lines[cut][:-5] + lines[cut][-3:]            # 应归尽归。: 归 loses its last two bytes
    path = tmp_path / "joined.txt"
    path.write_bytes(b"\n".join(lines))
    result = import_file(path, ctx)
    assert result.source.encoding == f"UTF-8 (GBK in line(s) {pasted + 1}; bytes that are not UTF-8 replaced " \
                                     f"with \ufffd in line(s) {cut + 1})"
    body = _body(result)
    assert "群众出示一个二维码即可调用身份证" in body and "全市政务数据共享工作会议召开" in body
    assert body.count("\ufffd") == 1 and "应归尽\ufffd。" in body
    assert _front(result)["todo"] == {"body": "正文中有1处无法识别的字节，已替换为“\ufffd”：请搜索“\ufffd”，对照原文改正"}


def test_a_utf8_mark_before_gbk_text_is_not_believed(corpus, ctx, tmp_path) -> None:
    path = tmp_path / "marked.txt"
    path.write_bytes(b"\xef\xbb\xbf" + corpus["b12-szzw-generic-masthead.txt"][0].read_text(encoding="utf-8-sig")
                     .encode("gbk"))
    result = import_file(path, ctx)
    assert result.source.encoding.startswith("GB18030/GBK (detected, after a UTF-8 byte-order mark")
    assert "西岭区上线“一码通办”服务" in _articles(result) and "\ufffd" not in _body(result)


@pytest.mark.parametrize("name, data, why", [
    ("empty.txt", b"", "no text in it; expected a document's text"),
    ("blank.txt", "\n \r\n\u3000\n".encode("utf-8"), "no text in it; expected a document's text"),
    ("frames.html", b"<html><frameset><frame src='top.html'><frame src='a.html'></frameset></html>",
     "no text in it but in its frames: top.html, a.html; expected the page that holds the document: import that file"),
    ("furniture.html", '<html><body><div class="nav"><a href="/">首页</a><a href="/n">新闻</a><a href="/g">公开</a>'
                       '</div><div class="footer">版权所有 青禾市人民政府</div></body></html>'.encode("utf-8"),
     "nothing but the site's furniture in it; expected a document's text")])
def test_a_file_without_text_is_refused(ctx, tmp_path, name: str, data: bytes, why: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = import_file(path, ctx)
    assert result.refused == why and not result.files


@pytest.mark.parametrize("source, made, named, fmt", [
    ("b03-szzw-web-page.html", None, "page.doc", "html, UTF-8"),
    ("n04-notice-word.docx", "xml:MS Word 2003 XML", "notice.doc", "docx, Word 2003 XML, converted to .docx"),
    ("n08-notice-word97.doc", None, "notice.wps", "docx, WPS Office (.wps), converted to .docx")])
def test_a_file_is_read_as_its_bytes_say(corpus, ctx, tmp_path, source, made, named, fmt) -> None:
    """Old sites offered web pages and Word 2003 XML as ".doc" downloads: the bytes decide (the page
    was sent to LibreOffice as a .doc and refused)."""
    from bulletin.office import convert
    data = corpus[source][0].read_bytes()
    if made:
        data = convert(data, ".docx", made)
        assert data is not None
    (tmp_path / named).write_bytes(data)
    result = import_file(tmp_path / named, ctx)
    expected = import_file(corpus[source][0], ctx)
    assert f"{result.source.fmt}, {result.source.encoding}".startswith(fmt)
    assert not result.refused and result.kind == expected.kind and _front(result) == _front(expected)


@pytest.mark.parametrize("source, declared, now, read_as", [
    ("r06-report-traditional.big5.html", rb"big5", b"gb2312", "Big5 (detected: the page declares GB2312"),
    ("b09-xczx-table-layout.gbk.html", rb"gb2312", b"big5", "GB18030/GBK (detected")])   # not Big5 at all
def test_a_page_declaring_the_wrong_chinese_encoding(corpus, ctx, tmp_path, source, declared, now, read_as) -> None:
    """Big5 bytes decode as GBK without an error (and GBK as Big5), into rare characters: the title
    came out as 羬匪郡羭︽材腑秨蹦窃. The reading whose characters are common wins, and says so."""
    data = corpus[source][0].read_bytes()
    changed = re.sub(rb"charset=([\"']?)" + declared, rb"charset=\1" + now, data, flags=re.I)
    assert changed != data
    (tmp_path / source).write_bytes(changed)
    result = import_file(tmp_path / source, ctx)
    assert result.source.encoding.startswith(read_as)
    assert _front(result) == _front(import_file(corpus[source][0], ctx))


@pytest.mark.parametrize("text, codec", [("简报", "gbk"), ("第3期", "gbk"), ("乡村振兴工作简报", "gbk"),
                                         ("報告", "big5"), ("會議通知", "big5"), ("工作簡報第3期", "big5")])
def test_a_short_chinese_text_is_read_in_its_encoding(text: str, codec: str) -> None:
    """Too short for the detector: GBK 简报 was read as Big5 潠惆. The reading whose characters
    are common (made Simplified first, for Big5) wins."""
    from bulletin.editorial.importing.read import decode
    assert decode(text.encode(codec))[0] == text


@pytest.mark.parametrize("source", ["b13-szzw-notepad-unicode.utf16.txt", "r19-report-utf16-no-mark.utf16.txt"])
def test_utf16_text_cut_off_by_a_byte_is_read_as_utf16(corpus, ctx, results, tmp_path, source) -> None:
    """A UTF-16 file of odd length (its last byte lost in a copy) was read as GB18030 garbage, with
    and without its byte-order mark: now as UTF-16, the half character at its end left out."""
    cut = tmp_path / source
    cut.write_bytes(corpus[source][0].read_bytes() + b"\x0a")
    result = import_file(cut, ctx)
    assert result.source.encoding == "UTF-16 (its last byte, half a character, left out)"
    assert _front(result) == _front(results[source]) and _body(result) == _body(results[source])


def test_traditional_text_is_converted_and_said_so(results) -> None:
    result = results["p02-plan-traditional.big5.txt"]
    assert result.t2s.startswith("Traditional → Simplified with OpenCC")
    assert "城市更新行动实施方案" in _front(result)["title"]
    assert "實施" not in "".join(result.files.values())
    assert results["n01-notice-full.txt"].t2s == ""   # Simplified text is left alone


def test_word_keeps_headings_tables_and_line_breaks(results) -> None:
    result = results["b06-szzw-word.docx"]
    assert "## 北塘县“一码办事”让群众少带证件少跑腿" in _body(result)   # a Heading 2 with a line break in it
    assert "| 数据分类分级 | 86 | 23 |\n| --- | --- | --- |" not in _body(result)
    assert "| 检查内容 | 检查系统数 | 发现问题数 |\n| --- | --- | --- |\n| 数据分类分级 | 86 | 23 |" in _body(result)


def test_a_page_laid_out_with_tables(results) -> None:
    """Older government sites lay the whole page out in nested tables: the layout is unwrapped (its
    text once, in order), the sidebar of links goes, the article's own data table stays a table."""
    result = results["b09-xczx-table-layout.gbk.html"]
    body = _body(result)
    assert body.count("南川县把农村客运作为民生实事来抓") == 1 and body.count("整改一个、销号一个。") == 1
    assert [line for line in body.splitlines() if line.startswith("| ")] == [
        "| 问题类别 | 发现数 | 已整改 |", "| --- | --- | --- |", "| 垃圾清运 | 41 | 37 |", "| 公厕管护 | 29 | 24 |", "| 河塘沟渠 | 23 | 20 |"]
    assert "site navigation (a table cell of links)" in [why for why, _ in result.source.removed]
    assert "本期目录 with 2 entries" in result.parsed.found     # its lines link to pages, and are kept


def test_a_page_whose_source_is_wrapped_inside_sentences(results) -> None:
    """A source line break is a space in HTML; inside Chinese text it is nothing at all."""
    result = results["r07-report-hard-wrapped-cms.html"]
    body = _body(result)
    assert "由原来的80万条提升到210万条" in body and "自动比对功能，部门提出" in body
    assert len([p for p in body.split("\n\n") if p.strip()]) == 4    # three paragraphs and the caption
    assert "\n图为平台运行监控大屏" in body and "## 图为" not in body     # a caption, not a subheading
    assert ("page tool", "【字体：大中小】") in result.parsed.removed


def test_a_file_is_read_as_what_its_bytes_are(corpus, ctx, tmp_path) -> None:
    """An old .doc renamed .txt is still Word (read through LibreOffice), a PDF named .html a PDF;
    a binary file is refused with one line, never decoded into an issue of mojibake."""
    doc = tmp_path / "2025年通知.txt"
    shutil.copyfile(corpus["n08-notice-word97.doc"][0], doc)
    result = import_file(doc, ctx)
    assert result.source.encoding.startswith("Word 97–2003 (.doc), converted") and result.kind == "notice"
    pdf = tmp_path / "saved.html"
    shutil.copyfile(corpus["n05-notice-print.pdf"][0], pdf)
    assert import_file(pdf, ctx).source.fmt == "pdf"
    junk = tmp_path / "scan.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    refused = import_file(junk, ctx).refused
    assert refused.startswith("a binary file, not text;") and "\n" not in refused


def test_old_word_formats_without_libreoffice_are_refused_saying_what_to_install(corpus, ctx, monkeypatch) -> None:
    import bulletin.office
    monkeypatch.setattr(bulletin.office, "soffice", lambda: None)
    result = import_file(corpus["n08-notice-word97.doc"][0], ctx)
    assert result.refused.startswith("a Word 97–2003 (.doc) file, which is read through LibreOffice;")
    assert "apt-get install libreoffice-writer-nogui" in result.refused and not result.files


def test_radicals_standing_in_for_ideographs_are_replaced(ctx, tmp_path) -> None:
    """Some PDF text layers write ⼯ (KANGXI RADICAL WORK) for 工 and ⻓ for 长: they look the same,
    and search, check and the fonts would all miss them."""
    path = tmp_path / "pdf-copy.txt"
    path.write_text("青禾市数字政府建设⼯作简报\n第6期\n\n## 建⽴⻓效机制\n\n"
                    "市⼤数据局牵头建⽴⻓效机制，全市农⼾、⻋辆和⻔店信息⾧期共享。\n", encoding="utf-8")
    result = import_file(path, ctx)
    body = _body(result)
    assert "## 建立长效机制" in body
    # a Kangxi radical stands for the simplified character (⼾ is 户 here, not its canonical 戶)
    assert "市大数据局牵头建立长效机制，全市农户、车辆和门店信息长期共享。" in body
    assert not re.search("[\u2e80-\u2fdf]", "".join(result.files.values()))
    assert any(note.startswith("10 character(s) written as radicals") for note in result.source.notes)


def test_a_contents_list_with_leaders_and_page_numbers(results) -> None:
    """目录 lines copied from print (标题……………3) are one entry each, not one run-on paragraph
    left unplaced."""
    result = results["b11-xczx-toc-leaders.gbk.txt"]
    assert "本期目录 with 3 lines" in result.parsed.found
    assert not [name for name in result.files if name.endswith(".unplaced.txt")]


def test_a_table_copied_into_plain_text_keeps_its_cells(ctx, tmp_path) -> None:
    """Cells between tabs (a Word or Excel table pasted into a .txt) become a Markdown table; a
    paragraph indented with a tab stays a paragraph."""
    path = tmp_path / "要点.txt"
    path.write_text("青禾市2025年政务公开工作要点\n\n\t为做好2025年政务公开工作，制定本要点。\n\n一、重点任务\n\n"
                    "序号\t工作任务\t牵头单位\t完成时限\n1\t更新政府信息公开指南\t市政府办公室\t3月底前\n"
                    "2\t开展政策解读专项行动\t市司法局\t6月底前\n\n二、保障措施\n\n\t各单位要明确专人负责。\n\n"
                    "青禾市人民政府办公室\n2025年2月10日\n", encoding="utf-8")
    body = _body(import_file(path, ctx, Options(kind="plan")))
    assert "| 序号 | 工作任务 | 牵头单位 | 完成时限 |\n| --- | --- | --- | --- |\n" \
           "| 1 | 更新政府信息公开指南 | 市政府办公室 | 3月底前 |\n| 2 | 开展政策解读专项行动 | 市司法局 | 6月底前 |" in body
    assert "为做好2025年政务公开工作，制定本要点。" in body and "\t" not in body


CC_NOTICE = """青禾市人民政府办公室文件

青政办发〔2025〕61号

青禾市人民政府办公室关于加强冬春季森林防火工作的通知

各区县人民政府，市政府各部门：

为做好今冬明春森林防火工作，现就有关事项通知如下。

一、落实防火责任

各区县要逐级落实森林防火行政首长负责制，明确重点林区包片领导。

二、加强火源管控

进入防火期后，严禁在林区野外用火，对上坟烧纸等行为加强劝导。

青禾市人民政府办公室
2025年11月18日
（此件公开发布）

抄送：市委办公室，市人大常委会办公室，市政协办公室，市应急管理局，市林业局，市消防救援支
队，青禾军分区，市气象局。
青禾市人民政府办公室                                  2025年11月18日印发
"""


def test_a_long_cc_line_wrapped_inside_a_name(ctx, tmp_path) -> None:
    """抄送 runs over two lines, broken inside 市消防救援支|队, and names units that are not offices
    (青禾军分区): every recipient is read, none is glued to the next, nothing is left unplaced."""
    path = tmp_path / "通知.txt"
    path.write_text(CC_NOTICE, encoding="utf-8")
    result = import_file(path, ctx)
    front = _front(result)
    assert front["cc"] == ["市委办公室", "市人大常委会办公室", "市政协办公室", "市应急管理局", "市林业局",
                           "市消防救援支队", "青禾军分区", "市气象局"]
    assert not [name for name in result.files if name.endswith(".unplaced.txt")]


@pytest.mark.parametrize("line, names", [
    ("省乡村振兴局，市委、市政府领导。", ["省乡村振兴局", "市委、市政府领导"]),
    ("市委、市人大、市政府、市政协领导", ["市委、市人大、市政府、市政协领导"]),
    ("县委、县政府主要领导同志，各乡镇人民政府", ["县委、县政府主要领导同志", "各乡镇人民政府"]),
    ("市委，市政府领导", ["市委", "市政府领导"]),                  # apart by a comma: two recipients
    ("市委、市政府", ["市委", "市政府"]),
    ("市委办公室、市政府办公室", ["市委办公室", "市政府办公室"]),
])
def test_leaders_of_several_bodies_are_one_recipient(line: str, names: list[str]) -> None:
    """市委、市政府领导 on a 报 line is the leaders of both: one recipient, not 市委 (the body) and
    市政府领导."""
    from bulletin.editorial.importing.recipients import names_of
    assert names_of(line, set()) == (names, "")


@pytest.mark.parametrize("line, why", [
    ("跳转到主要内容区域", "site toolbar"),
    ("无障碍浏览 长者模式 登录 注册", "site toolbar"),
    ("无障碍 | 关怀版 | English", "site toolbar"),
    ("回上页　|　回首页", "page navigation"),
    ("【返回首页】", "page navigation"),
    ("【大 中 小】", "page tool"),
    ("打印关闭纠错", "page tool"),                   # a CMS's tools run together
    ("【打印此页】【关闭此页】【返回顶部】", "page tool"),
    ("分享：", "page tool"),
    ("下载PDF版", "page tool"),
    ("阅读：2,391字号：大中小", "visit counter"),
    ("点击：312次", "visit counter"),
    ("返回原文查看详细内容", None),                 # a sentence that starts like one
    ("注册资本金达到2000万元以上的企业", None),
    ("请各单位下载PDF版报名表，填好后报送。", None),
    ("投诉邮箱 jb@qingheshi.gov.cn", "hotline or e-mail footer"),
    ("注：请于10月12日前发送至 wxb_aq@qingheshi.gov.cn", None),     # an instruction, with its address
    ("全年网站点击：1200次以上的栏目予以表扬。", None),
])
def test_site_toolbars_and_back_links_are_furniture(line: str, why) -> None:
    """A page's accessibility and account bar and its back links (copied or saved with its text) are
    furniture; a line of text that merely starts with one of their words is not."""
    from bulletin.editorial.importing.clean import furniture
    assert furniture(line) == why


@pytest.mark.parametrize("line, tidied", [
    ("填报单位（盖章）：        填报日期：    年  月  日", "填报单位（盖章）：填报日期：\u3000\u3000年\u3000月\u3000日"),
    ("填报日期：　　年　　月　　日", "填报日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日"),
    ("成文日期：2024年 3月 5日", "成文日期：2024年3月5日"),
])
def test_a_forms_date_to_fill_in_keeps_its_blanks(line, tidied) -> None:
    """填报日期：    年  月  日 is a blank to fill in: the cleaning of spaces inside Chinese text left
    填报日期：年月日."""
    from bulletin.editorial.importing.clean import tidy
    assert tidy(line) == tidied


MASTHEAD_PDF = """<html lang="zh"><head><style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @top-left { content: "内部资料　注意保存"; font-size: 10pt; font-family: "Noto Serif CJK SC"; } }
body { font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 28pt; }
h1 { color: #c00; text-align: center; font-size: 30pt; margin: 0; }
.n { text-align: center; } .row { display: flex; justify-content: space-between; }
h2 { text-align: center; font-size: 16pt; font-weight: normal; font-family: "Noto Sans CJK SC"; }
p { text-indent: 2em; margin: 0; text-align: justify; }
</style></head><body>
<h1>青禾市数字政府建设工作简报</h1><div class="n">第7期</div>
<div class="row"><span>青禾市数字政府建设领导小组办公室</span><span>2024年7月16日</span></div>
<h2>市级政务服务中心延时服务全面推开</h2>
<p>7月以来，市级政务服务中心在工作日中午和周六上午开设延时服务窗口，覆盖不动产登记、社保医保和企业开办等高频事项，累计为群众办理业务4300余件。</p>
<p>市政务服务管理办公室有关负责人表示，下一步将把延时服务延伸到区县政务服务中心。</p>
</body></html>"""


def test_a_pdf_masthead_with_its_marking_small_in_the_margin(ctx, tmp_path) -> None:
    """A bulletin printed to PDF with its marking set small in the top margin (as the page's head)
    and the office and the date on one line across the page: the marking is the issue's, not a
    running head, and the centred headline after the date line is the first article, not text run
    into the masthead."""
    from weasyprint import HTML
    path = tmp_path / "简报.pdf"
    HTML(string=MASTHEAD_PDF).write_pdf(path)
    result = import_file(path, ctx)
    front = _front(result)
    assert front["marking"] == "内部资料 注意保存"
    assert (front["issue"], str(front["date"])) == (7, "2024-07-16")
    assert "## 市级政务服务中心延时服务全面推开" in _body(result)
    assert not [name for name in result.files if name.endswith(".unplaced.txt")]


TWO_COLUMNS_PDF = """<html lang="zh"><head><style>
@page { size: A4; margin: 30mm 24mm; }
body { font-family: "Noto Serif CJK SC"; font-size: 12pt; line-height: 20pt; }
h1 { color: #c00; text-align: center; font-size: 28pt; margin: 0; }
.n { text-align: center; } .row { display: flex; justify-content: space-between; margin-bottom: 30pt; }
.cols { column-count: 2; column-gap: 24pt; }
h2 { font-size: 13pt; margin: 0 0 6pt 0; } p { text-indent: 2em; margin: 0; text-align: justify; }
</style></head><body>
<h1>青禾市数字政府建设工作简报</h1><div class="n">第9期</div>
<div class="row"><span>青禾市数字政府建设领导小组办公室</span><span>2024年9月14日</span></div>
<div class="cols">
<h2>“青禾通”移动端上线一周年注册用户突破百万</h2>
<p>截至9月10日，全市统一移动政务服务平台“青禾通”上线满一周年，注册用户达到108万人，占全市常住人口的52%。平台累计接入政务服务事项1460项，其中可全程网办事项980项，月均办件量超过12万件。</p>
<p>市大数据局有关负责人表示，下一步将推出适老化版本和少数民族语言版本，让更多群众用得上、用得好。</p>
<h2>西岭区“一网统管”平台助力城市精细化管理</h2>
<p>西岭区建成区级城市运行管理“一网统管”平台，整合城管、环保、交通、应急等部门的视频监控点位3200个、物联感知设备1.6万个，实现事件自动发现、自动派单和闭环处置。</p>
<p>平台运行以来，共发现处置各类城市管理问题2.3万件，按时办结率达到97.8%，群众满意率明显提升。</p>
</div></body></html>"""


def test_a_two_column_pdf_keeps_the_date_beside_its_office(ctx, tmp_path) -> None:
    """A bulletin set in two columns under a masthead whose office and date stand at the two ends of
    one line: that line, set apart from the text, is no row of the columns (the date went into the
    right column, after the first article, and the issue had no date)."""
    from weasyprint import HTML
    path = tmp_path / "两栏.pdf"
    HTML(string=TWO_COLUMNS_PDF).write_pdf(path)
    result = import_file(path, ctx)
    front = _front(result)
    assert (front["issue"], str(front.get("date"))) == (9, "2024-09-14")
    body = _body(result)
    assert body.index("## “青禾通”移动端上线一周年注册用户突破百万") < body.index("## 西岭区“一网统管”平台助力城市精细化管理")
    assert "2024年9月14日" not in body


# Chinese text that WeasyPrint does not spread (it stretches spaces only, as many tools do): a line
# breaks before 态“一 (no break before “ nor after it) and ends short of the margin, as a
# paragraph's last line does
RAGGED_PDF = """<html lang="zh"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 22mm 25mm 22mm;
        @bottom-center {{ content: "— " counter(page) " —"; font: 11pt 'Noto Serif CJK SC'; }} }}
body {{ font-family: 'Noto Serif CJK SC', serif; font-size: 12pt; line-height: 1.6; }}
p {{ text-indent: 2em; margin: 0 0 0.2em 0; text-align: justify; }}

.mast {{ text-align:center; color:#d00; font: bold 28pt 'Noto Sans CJK SC'; letter-spacing: 2pt; margin-top: 10mm; }}
.no {{ text-align:center; font-size: 14pt; margin: 4mm 0; }}
.line {{ display:flex; justify-content: space-between; border-bottom: 2pt solid #d00; padding-bottom: 2mm; font-size: 12pt; }}
.cols {{ {columns}; margin-top: 6mm; }}
h2 {{ font: bold 13pt 'Noto Sans CJK SC'; text-align:center; margin: 3mm 0 2mm 0; break-after: avoid; }}
.dist {{ border-top: 1pt solid #000; border-bottom: 1pt solid #000; margin-top: 10mm; font-size: 11pt; }}
.dist div {{ padding: 1mm 0; }}
{extra}
</style></head><body>
<div class="mast">青禾市数字政府建设工作简报</div>
<div class="no">第9期</div>
<div class="line"><span>青禾市数字政府建设领导小组办公室</span><span>2024年9月14日</span></div>
<div class="cols"><h2>“青禾通”移动端上线一周年用户突破百万</h2><p>截至9月10日，全市统一移动政务服务平台“青禾通”上线满一周年，注册用户达到108万人，占全市常住人口的52%。平台累计接入政务服务事项1460项，其中可全程网办事项980项，月均办件量超过15万件。</p><p>一年来，“青禾通”围绕企业和群众高频需求，陆续推出社保查询、公积金提取、医保电子凭证、不动产证明打印等热门服务。市大数据局对用户评价进行逐条分析，累计优化服务流程213项，平台好评率稳定在98%以上。</p><p>下一步，“青禾通”将上线适老化版本和少数民族语言版本，增加语音导航、大字显示等功能，让更多群众享受到数字化带来的便利。</p><h2>西岭区“一网统管”平台助力城市精细化管理</h2><p>西岭区建成区级城市运行管理“一网统管”平台，整合城管、环保、交通、应急等部门的视频监控点位3200个、物联感知设备1.6万个，实现城市运行状态“一屏总览”。</p><p>平台运行以来，累计自动发现占道经营、垃圾暴露、井盖缺失等城市管理问题4.8万件，处置率达到96.5%，平均处置时间由原来的3天缩短至6小时。今年汛期，平台对辖区23处易涝点实时监测预警，提前转移群众120余人次。</p><h2>市大数据局开展数据安全专项检查</h2><p>8月下旬，市大数据局会同市委网信办、市公安局，对市级18个部门的政务信息系统开展数据安全专项检查，共发现弱口令、越权访问、日志留存不全等问题57个，已全部反馈相关部门限期整改。</p></div>
<div class="dist"><div>报：市委、市政府领导。</div><div>送：市数字政府建设领导小组成员单位。</div><div>发：各区县人民政府，市直有关部门。</div></div>
</body></html>"""


@pytest.mark.parametrize("columns, extra", [
    ("column-count: 2; column-gap: 8mm", ""),
    ("column-count: 1", "body {{ width: 217.5pt }} .mast {{ font-size: 15pt }}"),   # the right column's width
])
def test_a_line_ended_short_by_a_piece_that_cannot_break_goes_on(ctx, tmp_path, columns, extra) -> None:
    """A line that ends three characters short because the next piece cannot be broken (态“一) is
    not a paragraph's last line: the paragraph was cut in two there (运行状 / 态“一屏总览”), in the
    right column of a two-column page and in one column alike."""
    import pdfplumber
    from weasyprint import HTML
    path = tmp_path / "不齐.pdf"
    HTML(string=RAGGED_PDF.format(columns=columns, extra=extra.format())).write_pdf(path)
    with pdfplumber.open(path) as pdf:        # the PDF has the short line this is about
        pages = [[c for c in page.chars if c["size"] == 12] for page in pdf.pages]
    chars = next(page for page in pages if "运行状态" in "".join(c["text"] for c in page))
    line = next(c for c in chars if c["text"] == "状")
    column = [c for c in chars if abs(c["x0"] - line["x0"]) < 200]
    assert max(c["x1"] for c in column) - line["x1"] > 12 * 2.5
    body = _body(import_file(path, ctx))
    assert "实现城市运行状态“一屏总览”。" in body
    paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
    assert len(paragraphs) == 7, paragraphs


# Notes cited from a table's cells, set at the page's foot as "1. …" (CSS footnotes, as WeasyPrint
# prints them), one table drawn without borders and one with
CELL_NOTES_PDF = """<html lang="zh"><head><style>
@page {{ size: A4; margin: 25mm 22mm; @bottom-center {{ content: "— " counter(page) " —"; font-size: 11pt; }} }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 12pt; line-height: 1.6; }}
p {{ text-indent: 2em; margin: 0 0 0.2em 0; }} h1 {{ text-align: center; font-size: 18pt; }}
.fn {{ float: footnote; font-size: 9pt; }}
::footnote-call {{ content: counter(footnote); vertical-align: super; font-size: 7pt; }}
::footnote-marker {{ content: counter(footnote) ". "; }}
table {{ border-collapse: collapse; width: 100%; font-size: 11pt; margin: 3mm 0; }}
td, th {{ padding: 1mm 2mm; text-align: left; border: {border}; }}
</style></head><body>
<p style="text-align:center;text-indent:0">青政办发〔2025〕8号</p>
<h1>青禾市人民政府办公室关于公布2025年市级惠民项目的通知</h1>
<p style="text-indent:0">各区县人民政府，市政府各部门：</p>
<p>经市政府同意，现将2025年市级惠民项目及年度目标予以公布，请各牵头单位抓紧组织实施。</p>
<table><tr><th>序号</th><th>项目</th><th>年度目标</th><th>牵头单位</th></tr>
<tr><td>1</td><td>社区食堂建设</td><td>新建社区食堂30个<span class="fn">含利用闲置用房改建的食堂。</span></td><td>市民政局</td></tr>
<tr><td>2</td><td>口袋公园建设</td><td>建成口袋公园25个</td><td>市城管局</td></tr>
<tr><td>3</td><td>学校操场开放</td><td>向社会开放操场80所<span class="fn">节假日和寒暑假按学校安排开放。</span></td><td>市教育局</td></tr>
</table>
<p>各牵头单位要于每季度末将项目进展报市政府办公室，市政府办公室将适时开展督查。</p>
<p style="text-align:right">青禾市人民政府办公室</p><p style="text-align:right">2025年3月6日</p>
</body></html>"""


@pytest.mark.parametrize("border", ["none", "0.5pt solid black"])
def test_notes_cited_from_a_pdf_tables_cells_are_footnotes(ctx, tmp_path, border) -> None:
    """The small raised mark after a cell's value cites the note at the page's foot: the cell gets
    the footnote and the note follows the table. The mark had stayed on the value (新建社区食堂301),
    and the notes ("1. …", the page number run into the last) went to the sidecar."""
    from weasyprint import HTML
    path = tmp_path / "表注.pdf"
    HTML(string=CELL_NOTES_PDF.format(border=border)).write_pdf(path)
    result = import_file(path, ctx)
    body = _body(result)
    assert "| 新建社区食堂30个[^1] |" in body and "| 向社会开放操场80所[^2] |" in body
    assert "| 建成口袋公园25个 |" in body
    assert "[^1]: 含利用闲置用房改建的食堂。\n" in body
    assert "[^2]: 节假日和寒暑假按学校安排开放。\n" in body
    assert body.index("| 3 |") < body.index("[^1]:") < body.index("各牵头单位要于每季度末")
    assert "— 1 —" not in "\n".join(result.files.values())
    assert result.han_kept == result.han_in


# A plan's task table with drawn borders: the 责任单位 cells list units one to a line, centred, and
# the task cells wrap in their narrow column
TASK_TABLE_PDF = """<html lang="zh"><head><style>
@page {{ size: A4; margin: 25mm 22mm; }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 12pt; line-height: 1.6; }}
p {{ text-indent: 2em; margin: 0 0 0.2em 0; }} h1 {{ text-align: center; font-size: 18pt; }}
table {{ border-collapse: collapse; margin: 3mm 0; }}
td, th {{ border: 0.5pt solid black; padding: 1mm 2mm; text-align: {align}; }}
td.task {{ width: 6.2em; }} td.unit {{ width: 6.4em; }}
</style></head><body>
<h1>青禾市2025年全民健身设施建设工作方案</h1>
<p>为加快补齐全民健身设施短板，制定本方案。重点任务及分工如下：</p>
<table><tr><th>序号</th><th>任务</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td class="task">建设东湖区湖滨体育公园</td><td class="unit">东湖区人民政府<br>市体育局</td><td>9月底</td></tr>
<tr><td>2</td><td class="task">推动公办中小学体育场地开放</td><td class="unit">市教育局<br>市体育局</td><td>12月底</td></tr>
</table>
<p>各责任单位要于每月25日前报送进展情况。</p>
</body></html>"""


@pytest.mark.parametrize("align", ["center", "left"])
def test_a_ruled_pdf_cells_own_line_breaks_keep_its_units_apart(ctx, tmp_path, align) -> None:
    """A line of a ruled table's cell much narrower than its column's widest was broken on purpose
    (one unit to a line): the units stay apart (市教育局 市体育局, as a Word cell's paragraphs), where
    they ran together (市教育局市体育局); a line that wrapped joins its next as before."""
    from weasyprint import HTML
    path = tmp_path / "任务表.pdf"
    HTML(string=TASK_TABLE_PDF.format(align=align)).write_pdf(path)
    body = "\n".join(result_text for result_text in import_file(path, ctx).files.values())
    assert "| 东湖区人民政府 市体育局 |" in body
    assert "| 市教育局 市体育局 |" in body
    assert "| 建设东湖区湖滨体育公园 |" in body and "| 推动公办中小学体育场地开放 |" in body


# A plan on portrait pages with its task table on a landscape page, whose lines run wider
LANDSCAPE_PDF = """<html lang="zh"><head><style>
@page { size: A4; margin: 30mm 26mm; }
@page wide { size: A4 landscape; margin: 26mm 30mm; }
body { font-family: "Noto Serif CJK SC"; font-size: 14pt; line-height: 1.7; }
h1 { text-align: center; font-size: 20pt; } p { text-indent: 2em; margin: 0; text-align: justify; }
.wide { page: wide; } table { border-collapse: collapse; width: 100%; font-size: 12pt; }
td, th { border: 0.5pt solid black; padding: 1mm 2mm; }
</style></head><body>
<h1>青禾市2026年城乡居民医保参保扩面工作方案</h1>
<p>为巩固城乡居民基本医疗保险参保成果，推动应保尽保，切实减轻群众医疗费用负担，结合我市实际，制定本方案。</p>
<p>市医保局会同市公安局、市民政局、市教育局等部门，将户籍人口、在校学生和低收入人口数据与参保数据进行比对，形成未参保人员清单，按月推送至各区县核实。</p>
<div class="wide"><p style="text-indent:0">附件</p><p style="text-align:center;text-indent:0">参保扩面重点任务分工表</p>
<table><tr><th>序号</th><th>工作内容</th><th>完成时限</th><th>牵头单位</th><th>配合单位</th></tr>
<tr><td>1</td><td>户籍人口与参保数据比对，形成未参保人员清单并按月推送各区县核实</td><td>每月10日前</td><td>市医保局</td><td>市公安局</td></tr>
<tr><td>2</td><td>在校学生参保情况核查</td><td>9月30日前</td><td>市教育局</td><td>市医保局</td></tr></table>
<p>各牵头单位要在每季度结束后10日内，将本季度任务完成情况书面报送市医保局，市医保局汇总后报市政府。</p></div>
</body></html>"""


def test_a_landscape_page_leaves_the_portrait_pages_lines_whole(ctx, tmp_path) -> None:
    """A landscape page's lines run wider than a portrait page's: each page width has its own margins.
    Against the landscape page's, no portrait line ran to the margin, so every line of the plan was
    a paragraph of its own (…推动应 / 保尽保，…)."""
    from weasyprint import HTML
    path = tmp_path / "方案.pdf"
    HTML(string=LANDSCAPE_PDF).write_pdf(path)
    text = "\n".join(import_file(path, ctx).files.values())
    assert "为巩固城乡居民基本医疗保险参保成果，推动应保尽保，切实减轻群众医疗费用负担，结合我市实际，制定本方案。" in text
    assert "形成未参保人员清单，按月推送至各区县核实。" in text
    assert "将本季度任务完成情况书面报送市医保局，市医保局汇总后报市政府。" in text


# Items whose first sentence is set bold and runs past its first line (a 纪要's 一、会议听取了…汇报。)
RUN_IN_PDF = """<html lang="zh"><head><style>
@page { size: A4; margin: 37mm 28mm 35mm 26mm; }
body { font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 28pt; }
p { text-indent: 2em; margin: 0; text-align: justify; } b { font-family: "Noto Sans CJK SC"; }
</style></head><body>
<p style="text-indent:0">青禾市人民政府办公室关于做好冬季供暖保障工作的通知</p>
<p style="text-indent:0">各区县人民政府，市政府各部门：</p>
<p><b>一、会议听取了全市冬季供暖保障工作准备情况的汇报。</b>会议指出，今冬气温可能较常年偏低，各有关单位要提前做好热源储备和管网检修，确保按时供暖。</p>
<p><b>二、会议审议通过了《青禾市中小学校舍安全管理办法》。</b>由市政府办公室按程序印发，市教育局要在明年春季开学前完成隐患排查。</p>
<p style="text-align:right">青禾市人民政府办公室</p><p style="text-align:right">2026年11月6日</p>
</body></html>"""


def test_a_pdf_bold_run_in_head_that_runs_past_its_line_stays_in_its_paragraph(ctx, tmp_path) -> None:
    """A numbered item whose first sentence is bold (一、会议听取了…汇报。) fills its first line bold:
    that line is not a heading cut off from its paragraph (## 一、会议听取了…的汇 / 报。会议指出…)."""
    from weasyprint import HTML
    path = tmp_path / "纪要.pdf"
    HTML(string=RUN_IN_PDF).write_pdf(path)
    body = _body(import_file(path, ctx))
    assert "\n一、会议听取了全市冬季供暖保障工作准备情况的汇报。会议指出，今冬气温可能较常年偏低" in body
    assert "\n二、会议审议通过了《青禾市中小学校舍安全管理办法》。由市政府办公室按程序印发" in body
    assert not re.search(r"^#+ [一二]、", body, re.M)


# A 常务会议纪要: its mark, its number, office and date at the two ends of a line, then its particulars
# with their labels spaced out to one width (时　　间：…)
MINUTES_PDF = """<html lang="zh"><head><style>
@page { size: A4; margin: 37mm 28mm 35mm 26mm; }
body { font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 28pt; }
h1 { color: #c00; text-align: center; font-size: 26pt; } .c { text-align: center; }
.row { display: flex; justify-content: space-between; margin-bottom: 20pt; }
p { text-indent: 2em; margin: 0; } .l { text-indent: 0; }
</style></head><body>
<h1>青禾市人民政府常务会议纪要</h1><p class="c">〔2026〕31号</p>
<div class="row"><span>青禾市人民政府办公室</span><span>2026年11月6日</span></div>
<p class="l">时　　间：2026年11月4日上午</p>
<p class="l">地　　点：市行政中心3号会议室</p>
<p class="l">主　　持：周明远</p>
<p>11月4日，市长周明远主持召开市政府第31次常务会议。纪要如下：</p>
<p>一、会议听取了全市冬季供暖保障工作准备情况的汇报，要求各有关单位提前做好热源储备和管网检修。</p>
</body></html>"""


def test_a_pdf_minutes_particulars_are_lines_not_a_table(ctx, tmp_path) -> None:
    """The labels spaced out to one width (时　　间：) cut each line at the same gaps, and the lines were
    read as a table drawn without borders (| 时地主 | 间：…点：…持：… |); the office and date at the two
    ends of a line ran into the first of them, so the 纪要 had no issuer and no date."""
    from weasyprint import HTML
    path = tmp_path / "纪要.pdf"
    HTML(string=MINUTES_PDF).write_pdf(path)
    result = import_file(path, ctx)
    front, body = _front(result), _body(result)
    assert (front["title"], front["issuer"], front["date"]) == ("青禾市人民政府常务会议纪要", "青禾市人民政府办公室",
                                                                  dt.date(2026, 11, 6))
    for line in ("时间：2026年11月4日上午", "地点：市行政中心3号会议室", "主持：周明远"):
        assert f"\n{line}\n" in body, line
    assert "|" not in body


NOTES_AT_FOOT_PDF = """<html lang="zh"><head><style>
@page { size: A4; margin: 30mm 26mm 20mm 28mm; }
body { font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 28pt; }
h1 { text-align: center; font-size: 22pt; margin: 0 0 20pt 0; } p { text-indent: 2em; margin: 0; }
.push { height: 146mm; } .note { font-size: 10pt; line-height: 14pt; text-indent: 0; }
</style></head><body>
<p style="text-align:center;text-indent:0">青政办发〔2024〕33号</p>
<h1>青禾市人民政府办公室关于公布2024年市级民生实事项目进展的通知</h1>
<p style="text-indent:0">各区县人民政府，市政府各部门：</p>
<p>现将2024年市级民生实事项目上半年进展情况予以通报，请各牵头单位加快推进，确保按期完成。</p>
<p style="text-align:right">青禾市人民政府办公室</p><p style="text-align:right">2024年7月10日</p>
<div class="push"></div>
<p class="note">1. 托位数按照卫生健康部门备案登记的数量统计。</p>
<p class="note">2. 含学校自办食堂和委托经营食堂。</p>
</body></html>"""


def test_notes_set_small_at_a_page_foot_are_kept(ctx, tmp_path) -> None:
    """Notes in small type at the foot of a PDF page (1. …。 2. …。) that nothing in the text cites:
    the editor gets them in the sidecar; they were dropped as a running foot, and the loss was not
    even counted as text read."""
    from weasyprint import HTML
    path = tmp_path / "附注.pdf"
    HTML(string=NOTES_AT_FOOT_PDF).write_pdf(path)
    result = import_file(path, ctx)
    written = "\n".join(result.files.values())
    assert "托位数按照卫生健康部门备案登记的数量统计" in written
    assert "含学校自办食堂和委托经营食堂" in written


SIGNED_THEN_MORE = """青政办函〔2026〕9号

青禾市人民政府办公室关于报送政务数据共享需求的通知

各区县人民政府，市政府各部门：

请各单位梳理本单位的数据共享需求，于4月10日前报送市大数据局。
{listed}
青禾市人民政府办公室
2026年3月20日

政务数据共享需求汇总表

序号\t需求数据项\t提供单位
1\t企业登记注册信息\t市市场监管局
2\t不动产登记信息\t市自然资源和规划局
"""


@pytest.mark.parametrize("listed", [True, False])
def test_text_after_a_notice_signature_is_never_dropped(ctx, tmp_path, listed: bool) -> None:
    """An attachment printed without its 附件 line (its title straight after the date) is the attachment
    the 附件 list names; without a list, the text goes to the editor as unplaced. Before, both were
    dropped, and the report said so only as a low retention."""
    path = tmp_path / "通知.txt"
    path.write_text(SIGNED_THEN_MORE.format(listed="\n附件：政务数据共享需求汇总表\n" if listed else ""), encoding="utf-8")
    result = import_file(path, ctx)
    front = _front(result)
    assert front["issuer"] == "青禾市人民政府办公室" and front["date"] == dt.date(2026, 3, 20)
    text = "".join(result.files.values())
    assert "| 1 | 企业登记注册信息 | 市市场监管局 |" in text and "| 2 | 不动产登记信息 | 市自然资源和规划局 |" in text
    attachment = [name for name in result.files if name.endswith("-att1.md")]
    unplaced = [name for name in result.files if name.endswith(".unplaced.txt")]
    if listed:
        assert front["attachments"][0]["title"] == "政务数据共享需求汇总表" and attachment and not unplaced
        assert "| 序号 | 需求数据项 | 提供单位 |" in result.files[attachment[0]]
    else:
        assert not attachment and unplaced
        assert "政务数据共享需求汇总表" in result.files[unplaced[0]]


OPENED_WITH_A_COLON = """{title}

{first}

一、建设体育公园

东湖区、西岭区各建成一座体育公园，年底前向市民开放。

二、推动场地开放

公办中小学体育场地在课余时间和节假日向社会开放，开放比例不低于80%。

青禾市体育局
2025年3月6日
"""


@pytest.mark.parametrize("title, first, addressees", [
    ("青禾市2025年全民健身设施建设工作方案", "为加快补齐全民健身设施短板，制定本方案。重点任务及分工如下：", None),
    ("青禾市体育局关于推进全民健身设施建设的通知", "为加快补齐全民健身设施短板，经市政府同意，现就有关事项通知如下：", None),
    ("青禾市体育局关于推进全民健身设施建设的通知", "各区县人民政府，市直有关部门：", "各区县人民政府，市直有关部门"),
])
def test_an_opening_sentence_ending_in_a_colon_is_no_addressee(ctx, tmp_path, title, first, addressees) -> None:
    """A plan's or notice's first paragraph that ends in a colon is its 主送 only when it is a list of
    offices: an opening sentence (…制定本方案。重点任务如下：, …现就有关事项通知如下：) was taken out
    of the text and made the addressees."""
    path = tmp_path / "方案.txt"
    path.write_text(OPENED_WITH_A_COLON.format(title=title, first=first), encoding="utf-8")
    result = import_file(path, ctx)
    assert _front(result).get("addressees") == addressees
    assert (first in _body(result)) == (addressees is None)


SUBHEADED_BULLETIN = """青禾市乡村振兴工作简报
第7期
青禾市乡村振兴领导小组办公室　　　　2026年9月25日

北塘县“共富工坊”让留守妇女家门口就业

北塘县把“共富工坊”建在村里，引导服装、竹编等企业将适合手工完成的工序放到村里，留守妇女在家门口就能就业。截至8月底，全县已建成工坊87家。

（北塘县农业农村局）

南川县探索高标准农田建后管护新办法

南川县农业农村局调研组

一、明确管护主体

南川县按照“谁受益、谁管护”的原则，将已建成的农田设施移交乡镇和村集体管护。

二、落实管护经费

县财政按照每亩每年20元的标准安排管护资金，村集体从土地流转收益中提取一部分作为补充。

报：市领导
送：市乡村振兴领导小组成员单位
发：各区县人民政府
"""


def _subheaded_pdf(path) -> None:
    """The bulletin above as a printed PDF: headlines centred and bold, subheadings bold at the left."""
    from weasyprint import HTML
    blocks = []
    for part in SUBHEADED_BULLETIN.split("\n\n"):
        style = "text-indent: 2em"
        if part in ("北塘县“共富工坊”让留守妇女家门口就业", "南川县探索高标准农田建后管护新办法"):
            style = "text-align: center; font-weight: bold; font-size: 18pt"
        elif part.startswith(("一、", "二、")):
            style = "font-weight: bold; font-family: Noto Sans CJK SC"
        elif part == "南川县农业农村局调研组":
            style = "text-align: center"
        blocks.append(f'<p style="{style}">{"<br>".join(part.splitlines())}</p>')
    HTML(string='<html lang="zh"><body style="font-family: Noto Serif CJK SC; font-size: 14pt; line-height: 1.7">'
                + "".join(blocks) + "</body></html>").write_pdf(path)


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_an_articles_numbered_subheadings_stay_in_it(ctx, tmp_path, fmt) -> None:
    """一、二、 under an article's headline are its subheadings (###), not articles of their own; the
    headline takes neither the first of them, nor the writers under it, nor the source line that ends
    the article before it (南川县探索…新办法一、明确管护主体, （北塘县农业农村局）南川县探索…)."""
    path = tmp_path / f"简报.{fmt}"
    if fmt == "txt":
        path.write_text(SUBHEADED_BULLETIN, encoding="utf-8")
    else:
        _subheaded_pdf(path)
    result = import_file(path, ctx)
    body = _body(result)
    headings = [line for line in body.splitlines() if line.startswith("#")]
    assert headings == ["## 北塘县“共富工坊”让留守妇女家门口就业", "## 南川县探索高标准农田建后管护新办法",
                        "### 一、明确管护主体", "### 二、落实管护经费"], headings
    assert "\n（北塘县农业农村局）\n" in body and "\n南川县农业农村局调研组\n" in body


MEETING_WITH_PARTICULARS = """市政府召开全市防汛防台风工作会议

会议时间：2026年6月12日下午3时

会议地点：市行政中心1号会议室（设各区县分会场）

主 持 人：市政府副市长何静

6月12日下午，市政府召开全市防汛防台风工作会议，分析今年汛期形势，部署防汛防台风各项工作。

会议要求，各级各部门要压实防汛责任，汛前完成隐患排查整治，确保安全度汛。

（市政府办公室）
"""


def test_a_meeting_reports_particulars_are_no_part_of_its_title(ctx, tmp_path) -> None:
    """会议时间：… under a meeting report's title is its date, not the title's second line; 会议地点：…
    keeps its closing bracket (the place had lost it: …（设各区县分会场)."""
    path = tmp_path / "会议.txt"
    path.write_text(MEETING_WITH_PARTICULARS, encoding="utf-8")
    result = import_file(path, ctx)
    front = _front(result)
    assert result.kind == "report"
    assert front["title"] == "市政府召开全市防汛防台风工作会议"
    assert front["date"] == dt.date(2026, 6, 12)
    assert front["place"] == "市行政中心1号会议室（设各区县分会场）"
    assert "主持人：市政府副市长何静" in _body(result)


def test_bare_numbers_away_from_page_breaks_are_not_page_numbers(ctx, tmp_path) -> None:
    """In a PDF's text with its page breaks (pdftotext), a table comes a cell to a line: its 序号 cells
    (1, 2, 3) are numbers on lines of their own, and were all removed as page numbers. Only a number
    beside a break is one."""
    text = ("青禾市人民政府办公室关于公布高频事项办理时限的通知\n\n各区县人民政府，市政府各部门：\n\n"
            "现将高频事项办理时限予以公布，请认真执行。\n\n序号\n\n事项名称\n\n承诺时限\n\n"
            "1\n\n企业开办\n\n1个工作日\n\n2\n\n企业信息变更\n\n1个工作日\n\n"
            "1\n\f3\n\n开办餐饮店\n\n5个工作日\n\n青禾市人民政府办公室\n\n2026年5月12日\n\n2\n\f")
    path = tmp_path / "通知.txt"
    path.write_text(text, encoding="utf-8")
    result = import_file(path, ctx)
    removed = [line for _, line in result.source.removed if line.isdigit()]
    assert removed == ["1", "2"], removed      # the numbers of pages 1 and 2, at their feet
    body = _body(result)
    assert "\n3\n" in body and "\n1\n\n企业开办" in body and "\n2\n\n企业信息变更" in body


def test_an_ended_role_line_takes_no_next_line() -> None:
    """A 发 line that ended (。) and ran to the width took the 版记's next row, the printing office and
    共印40份, into its last recipient (各区县大数据发展中心。青禾市…办公室: a Word bulletin's 版记 table)."""
    from bulletin.editorial.importing.model import Line
    from bulletin.editorial.importing.paragraphs import blocks
    lines = [Line("　　截至10月底，全市首批13个重点事项已全部上线运行。", 1, indent=True, full=True),
             Line("　　下一步，将梳理第二批事项清单。", 2, indent=True),
             Line("发：各区县人民政府，各区县大数据发展中心。", 3, full=True),
             Line("青禾市数字政府建设领导小组办公室\t（共印40份）", 4)]
    assert [b.text for b in blocks(lines, geometry=True)][2:] == [
        "发：各区县人民政府，各区县大数据发展中心。", "青禾市数字政府建设领导小组办公室（共印40份）"]


def test_a_word_banji_names_the_series_office(ctx, tmp_path) -> None:
    """A Word bulletin's 版记 as a one-column table, its last row the printing office and 共印40份: the
    office is the series' own, no text for the sidecar (the editor had to clear it to publish)."""
    import docx
    document = docx.Document()
    for text in ("青禾市数字政府建设工作简报", "第5期", "青禾市数字政府建设领导小组办公室\t2026年11月18日",
                 "全市首批13个重点事项全部上线运行",
                 "截至10月底，全市首批13个重点事项已全部上线运行，累计办件8.7万件，平均办理时间压缩62%。",
                 "下一步，市政务服务中心将会同有关部门梳理第二批事项清单，年底前再推出10个重点事项。"):
        paragraph = document.add_paragraph(text)
        if text.endswith("。"):          # body text with its first line indented, as Word sets it
            paragraph.paragraph_format.first_line_indent = docx.shared.Pt(32)
    rows = ("报：市领导。", "送：市数字政府建设领导小组各成员单位，市委办公室，市政府办公室。",
            "发：各区县人民政府，各区县大数据发展中心。", "青禾市数字政府建设领导小组办公室\t（共印40份）")
    table = document.add_table(rows=len(rows), cols=1)
    for row, text in zip(table.rows, rows):
        row.cells[0].text = text
    path = tmp_path / "简报.docx"
    document.save(path)
    result = import_file(path, ctx)
    assert _front(result)["distribution"]["发"] == ["各区县政府", "各区县大数据中心"]
    assert not [name for name in result.files if name.endswith(".unplaced.txt")]


def test_a_word_cell_merged_down_the_body_is_in_each_of_its_rows(ctx, tmp_path) -> None:
    """A 牵头单位 merged down over three tasks leads each of them: a Markdown table has no merged
    cells, and an empty one would say the task has none. A cell merged across columns counts once."""
    import docx
    document = docx.Document()
    document.add_paragraph("青禾市2025年营商环境优化重点任务分工方案")
    document.add_paragraph("为持续优化营商环境，制定本方案。")
    rows = [["序号", "重点任务", "牵头单位"], ["1", "推行企业开办一网通办", "市市场监管局"],
            ["2", "压缩不动产登记时限", ""], ["3", "推广电子营业执照应用", ""], ["4", "合计", ""]]
    table = document.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 2).merge(table.cell(3, 2))
    table.cell(4, 1).merge(table.cell(4, 2))
    document.add_paragraph("青禾市优化营商环境工作领导小组办公室")
    document.add_paragraph("2025年3月10日")
    path = tmp_path / "分工方案.docx"
    document.save(path)
    body = _body(import_file(path, ctx))
    assert ("| 1 | 推行企业开办一网通办 | 市市场监管局 |\n| 2 | 压缩不动产登记时限 | 市市场监管局 |\n"
            "| 3 | 推广电子营业执照应用 | 市市场监管局 |\n| 4 | 合计 |  |") in body


def test_a_word_masthead_cell_holds_the_marking_title_and_number(ctx, tmp_path) -> None:
    """A Word template's masthead: one cell across the top holding 内部资料　注意保存, the series title
    and 第5期 as three paragraphs (read as one line), the office and date in two cells under it."""
    import docx
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    top = table.cell(0, 0).merge(table.cell(0, 1))
    top.text = "内部资料　注意保存"
    top.add_paragraph("青禾市数字政府建设工作简报")
    top.add_paragraph("第5期")
    table.cell(1, 0).text = "青禾市数字政府建设领导小组办公室"
    table.cell(1, 1).text = "2026年11月18日"
    document.add_paragraph("全市首批13个重点事项全部上线运行")
    document.add_paragraph("截至10月底，全市首批13个重点事项已全部上线运行，累计办件8.7万件。")
    document.add_paragraph("报：市领导。")
    path = tmp_path / "简报.docx"
    document.save(path)
    result = import_file(path, ctx)
    front = _front(result)
    assert (front["marking"], front["issue"], front["date"]) == ("内部资料 注意保存", 5, dt.date(2026, 11, 18))
    assert result.series.slug == "szzw"
    assert not [name for name in result.files if name.endswith(".unplaced.txt")]


def test_soft_line_breaks_keep_a_red_head_apart(ctx, tmp_path) -> None:
    """A Word red head set with Shift+Enter (青禾市人民政府办公室文件 / 青政办发〔2025〕27号 in one
    paragraph) is two lines, not the start of the title: the 文号 is found, the title is the notice's
    own, and a soft break after a finished sentence still starts a paragraph."""
    import docx
    document = docx.Document()

    def paragraph(*lines: str, center: bool = False) -> None:
        p = document.add_paragraph()
        for n, line in enumerate(lines):
            run = p.add_run(line)
            if n + 1 < len(lines):
                run.add_break()
        p.alignment = 1 if center else None

    paragraph("青禾市人民政府办公室文件", "青政办发〔2025〕27号", center=True)
    paragraph("青禾市人民政府办公室", "关于做好2025年老旧小区改造项目申报工作的通知", center=True)
    paragraph("各区县人民政府，市政府各部门：")
    paragraph("今年全市计划改造老旧小区86个，请各区县抓紧摸排符合条件的小区。",
              "各区县要在5月底前报送本年度改造项目清单。")
    paragraph("青禾市人民政府办公室", "2025年4月15日")
    path = tmp_path / "通知.docx"
    document.save(path)
    result = import_file(path, ctx)
    front = _front(result)
    assert (front["doc_number"], front["title"]) == ("青政办发〔2025〕27号", "青禾市人民政府办公室关于做好2025年老旧小区改造项目申报工作的通知")
    assert "请各区县抓紧摸排符合条件的小区。\n\n各区县要在5月底前" in _body(result)


def test_soft_line_breaks_keep_a_name_list_apart(ctx, tmp_path) -> None:
    """Shift+Enter inside a sentence runs the line on; in a list set out with it (组　长：陈若谷　副市长,
    then 副组长：…, then a name and post under it) each line stays its own. They had run together:
    组　长：陈若谷　副市长副组长：宋志刚　市政府副秘书长黄丽娟…"""
    import docx
    document = docx.Document()
    for text in ("青禾市农村生活污水治理提质增效工作方案", "为加快补齐农村生活污水治理短板，制定本方案。", "一、组织领导"):
        document.add_paragraph(text)
    for lines in (["成立工作领导小组，负责统筹推进治理工作。领导小组组成人员如下：各单位要于每月5日前将进展情况",
                   "报送市政府办公室督查科。"],
                  ["组　长：陈若谷　副市长", "副组长：宋志刚　市政府副秘书长", "黄丽娟　市生态环境局局长",
                   "成　员：刘建峰　市财政局副局长", "韩　冰　市住房城乡建设局副局长"]):
        paragraph = document.add_paragraph()
        for k, line in enumerate(lines):
            run = paragraph.add_run(line)
            if k < len(lines) - 1:
                run.add_break()
    path = tmp_path / "方案.docx"
    document.save(path)
    body = _body(import_file(path, ctx))
    assert "各单位要于每月5日前将进展情况报送市政府办公室督查科。" in body
    for line in ("组　长：陈若谷　副市长", "副组长：宋志刚　市政府副秘书长", "黄丽娟　市生态环境局局长",
                 "成　员：刘建峰　市财政局副局长", "韩　冰　市住房城乡建设局副局长"):
        assert f"\n{line}\n" in body, line


def test_roles_run_together_on_one_line_are_read_apart(ctx, tmp_path) -> None:
    """报/送/发 typed as one paragraph (a soft break or a space between them, which a full stop makes
    nothing): 报 took 市政府领导。送：…发：… into the sidecar, and 送 and 发 were lost."""
    path = tmp_path / "简报.txt"
    path.write_text("青禾市数字政府建设工作简报\n第5期\n青禾市数字政府建设领导小组办公室　　2026年11月18日\n\n"
                    "全市首批13个重点事项全部上线运行\n\n截至10月底，全市首批13个重点事项已全部上线运行。\n\n"
                    "报：市领导。 送：市数字政府建设领导小组各成员单位。 发：各区县人民政府。\n", encoding="utf-8")
    result = import_file(path, ctx)
    assert _front(result)["distribution"] == {"报": ["市领导"], "送": ["领导小组成员单位"], "发": ["各区县政府"]}
    assert not [name for name in result.files if name.endswith(".unplaced.txt")]


@pytest.mark.parametrize("line, name", [
    ("（联系人：市大数据局数据资源处 许晓婷，联系电话：0579-86017720）", "市大数据局数据资源处 许晓婷"),
    ("（联系人：许明阳，联系电话：0579-86011234）", "许明阳"),
])
def test_a_contacts_unit_stays_apart_from_the_name(ctx, tmp_path, line, name) -> None:
    """联系人：市大数据局数据资源处 许晓婷: the space between unit and person goes with the cleaning of
    spaces inside Chinese text; the contact's name had come out 市大数据局数据资源处许晓婷."""
    path = tmp_path / "通知.txt"
    path.write_text("青政办函〔2026〕9号\n\n青禾市人民政府办公室关于报送政务数据共享需求的通知\n\n"
                    "各区县人民政府，市政府各部门：\n\n请各单位梳理本单位的数据共享需求，于4月10日前报送市大数据局。\n\n"
                    f"青禾市人民政府办公室\n2026年3月20日\n{line}\n", encoding="utf-8")
    assert _front(import_file(path, ctx))["contact"] == {"name": name, "phone": line.split("：")[-1].rstrip("）")}


def test_a_government_page_with_its_disclosure_table(results) -> None:
    """The 信息公开 table above the document is not the document: out of the text, each entry
    listed; its 发文字号 speaks for a notice and stands in for the 文号 the page does not print."""
    result = results["n09-notice-disclosure-table.html"]
    assert "索引号" not in "".join(result.files.values())
    assert ("information-disclosure table (信息公开)", "发文字号：青政办发〔2024〕5号") in result.source.removed
    assert "a 文号 in the page's 信息公开 table" in result.why
    assert any(note.startswith("doc_number taken from the page's information-disclosure table")
               for note in result.parsed.notes)


@pytest.mark.parametrize("n, fmt, text", [(3, "chineseCounting", "三"), (12, "chineseCountingThousand", "十二"),
                                          (3, "decimal", "3"), (4, "decimalEnclosedCircle", "④"),
                                          (2, "ideographTraditional", "乙"), (14, "upperRoman", "XIV"),
                                          (3, "lowerLetter", "c"), (7, "decimalFullWidth", "７"), (5, "bullet", "")])
def test_word_list_number_formats(n: int, fmt: str, text: str) -> None:
    from bulletin.editorial.importing.wordlists import number_text
    assert number_text(n, fmt) == text


def test_a_file_holding_two_issues_is_cut_at_the_second_masthead(corpus, ctx, tmp_path) -> None:
    """Two issues pasted into one file (the second with its own marking above its title) become two
    issue files; import_file, which reads a file as one document, is not cut."""
    from bulletin.editorial.importing.run import import_path
    one = corpus["b01-szzw-toc-two-line-headlines.txt"][0].read_text(encoding="utf-8")
    path = tmp_path / "2025年简报汇编.txt"
    path.write_text(one + "\n\n" + one.replace("第5期（总第31期）", "第6期（总第32期）"), encoding="utf-8")
    results = import_path(path, ctx)
    assert [(r.issue_name, _front(r)["total"]) for r in results] == [("005.md", 31), ("006.md", 32)]
    assert [_front(r).get("marking") for r in results] == ["内部资料 注意保存"] * 2
    assert _body(results[0]) == _body(results[1])
    assert len(import_path(path, ctx, Options(number=9))) == 1    # a number given: one document
    assert import_file(path, ctx).source.part == ""
    # a sentence that starts with the series title and names an issue does not cut a file
    quoted = one.replace("在南川县人民医院试点", "青禾市数字政府建设工作简报第3期刊发了东湖区的做法。\n\n在南川县人民医院试点", 1)
    assert "第3期刊发" in quoted
    path.write_text(quoted, encoding="utf-8")
    assert len(import_path(path, ctx)) == 1


def test_a_year_file_with_spaced_titles_is_cut_at_each_masthead(ctx) -> None:
    """A clerk's year file (GB18030, CRLF): each issue's title spaced out over two lines
    (青 禾 市 数 字 政 府 建 设 / 工　作　简　报) under its marking, 第二十一期 in Chinese numerals, an
    印发 line dated 二〇二三年十月十六日. Two issues, each with its own fields and nothing left over
    (the second went to the first's sidecar, and the first's 报/送/发 were counted twice)."""
    from bulletin.editorial.importing.run import import_path
    path = Path(__file__).parent / "fixtures" / "year_files" / "szzw-2023-two-issues.gb18030.txt"
    results = import_path(path, ctx)
    assert [(r.issue_name, _front(r)["total"], _front(r)["date"], _front(r)["marking"]) for r in results] == [
        ("021.md", 30, dt.date(2023, 10, 16), "内部资料 注意保存"), ("022.md", 31, dt.date(2023, 11, 3), "内部资料 注意保存")]
    assert all(_front(r)["distribution"]["报"] == ["市领导"] for r in results)
    assert not [name for r in results for name in r.files if name.endswith(".unplaced.txt")]


def test_a_compilation_of_notices_is_cut_at_each_red_head(ctx) -> None:
    """A 文件汇编: a cover and its 目录, then three notices one after another, each under its red head
    (…文件 with its 文号 under it). Three notices, each with its own number and date, the cover and
    目录 removed (the three were one notice, the other two in its text, dated as the last)."""
    from bulletin.editorial.importing.run import import_path
    path = Path(__file__).parent / "fixtures" / "year_files" / "tongzhi-2024-q3-compilation.txt"
    results = import_path(path, ctx)
    assert [(r.kind, r.issue_name, _front(r)["doc_number"], _front(r)["date"]) for r in results] == [
        ("notice", "041.md", "青府办发〔2024〕41号", dt.date(2024, 9, 23)),
        ("notice", "044.md", "青府办发〔2024〕44号", dt.date(2024, 9, 26)),
        ("notice", "047.md", "青府办发〔2024〕47号", dt.date(2024, 9, 30))]
    assert not [name for r in results for name in r.files if name.endswith(".unplaced.txt")]
    assert "2024年第三季度文件汇编" in [text for _, text in results[0].source.removed]
    assert all("文件汇编" not in text and "………" not in text for r in results for text in r.files.values())


def test_a_word_year_file_with_masthead_tables_is_cut(ctx, tmp_path) -> None:
    """A Word year file whose issues each open with a marking over a masthead table (title, 第N期,
    office and date in cells): cut at each table; the first headline (…在莲塘镇成功举办) is an
    article's, not an office's name."""
    import docx
    from bulletin.editorial.importing.run import import_path
    document = docx.Document()
    for n, day, headline in ((9, "2023年9月12日", "我市举办首届农民丰收节系列活动"),
                             (10, "2023年10月9日", "首届农民丰收节在莲塘镇成功举办")):
        document.add_paragraph("内部资料")
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "乡村振兴工作简报"
        table.cell(1, 0).merge(table.cell(1, 1)).text = f"第{n}期"
        table.cell(2, 0).text, table.cell(2, 1).text = "青禾市乡村振兴领导小组办公室", day
        title = document.add_paragraph()
        title.add_run(headline).bold = True
        title.alignment = 1
        document.add_paragraph("活动期间，一百六十家企业和合作社参展，现场销售农产品三百余万元。")
        document.add_paragraph("报：市领导。")
        document.add_paragraph(f"青禾市乡村振兴领导小组办公室　　　　{day}印发")
    path = tmp_path / "2023年简报.docx"
    document.save(path)
    results = import_path(path, ctx)
    assert [(r.issue_name, _front(r)["marking"]) for r in results] == [("009.md", "内部资料"), ("010.md", "内部资料")]
    assert "## 首届农民丰收节在莲塘镇成功举办" in _body(results[1])
    assert not [name for r in results for name in r.files if name.endswith(".unplaced.txt")]


def test_bulleted_lines_are_list_items(ctx, tmp_path) -> None:
    """• ● ▪ in front of a line (a printed list) make a Markdown list item, not a literal bullet."""
    path = tmp_path / "报道.txt"
    path.write_text("市政务服务中心新增四项“一件事”服务\n\n2025年5月6日，市政务服务中心新增以下服务：\n\n"
                    "• 个体工商户登记和经营许可“一件事”\n\n● 灵活就业人员参保缴费“一件事”\n\n"
                    "下一步将继续扩大服务范围。\n", encoding="utf-8")
    result = import_file(path, ctx, Options(kind="report"))
    body = _body(result)
    assert "- 个体工商户登记和经营许可“一件事”" in body and "- 灵活就业人员参保缴费“一件事”" in body
    assert "•" not in body and "●" not in body
    # the lead (5月6日，…：) and the list are the report's text, not part of its title
    assert _front(result)["title"] == "市政务服务中心新增四项“一件事”服务"


def test_a_wechat_article(results) -> None:
    """Saved from the browser: the account line gives the date, spans and a <br> inside a paragraph
    make one paragraph, a centred photo caption stays text, the toolbar and QR code go."""
    result = results["r08-report-wechat-article.html"]
    body = _body(result)
    assert "\n会议现场\n" in body and "## 会议现场" not in body
    assert "10月9日上午，东湖区召开2025年第四季度安全生产工作会议，分析研判" in body
    assert ("WeChat page furniture", "微信扫一扫 关注该公众号") in result.source.removed


def test_distribution_lines_set_with_a_gap_are_lines_not_a_table(ctx, tmp_path) -> None:
    """报：　　市领导 / 送：… / 发：… set with a gap after the label stand in two columns, yet they are
    labels and values: read as a table, the bulletin lost its distribution (and 送 and 发 ran into one
    row, each label as long as its column taken for a wrapped cell)."""
    blocks = ["# 青禾市数字政府建设工作简报", "= 第3期", "> 青禾市数字政府建设领导小组办公室　　2026年3月5日",
              "## 东湖区推进一网通办", "东湖区新增可网办事项一百二十项，网办率达到百分之九十二，群众办事更加便捷。",
              "! 报：　　市领导", "! 送：　　市数字政府建设领导小组各成员单位", "! 发：　　各区县人民政府"]
    import_corpus.make_pdf(blocks, tmp_path / "简报.pdf")
    result = import_file(tmp_path / "简报.pdf", ctx)
    front = _front(result)
    assert front["distribution"] == {"报": ["市领导"], "送": ["领导小组成员单位"], "发": ["各区县政府"]}, front
    assert "| --- |" not in _body(result)


def test_a_name_list_in_a_pdf_keeps_a_line_each(results) -> None:
    """组　长：… / 副组长：… lines end far short of the margin and start without indent; they are a list,
    not one paragraph whose lines a long Latin word broke early (that rule wants such a word)."""
    body = _body(results["p11-plan-task-tables-word-export.pdf"])
    names = [line for line in body.splitlines() if "组长：" in line or "郑海波" in line]
    assert len(names) == 3 and names[1].startswith("副组长：林晓华"), names


def test_pdf_running_heads_page_numbers_and_broken_lines(results) -> None:
    result = results["b07-xczx-print.pdf"]
    reasons = [why for why, _ in result.source.removed]
    assert reasons.count("page number (PDF page foot)") >= 2
    assert any(why.startswith("running head") for why in reasons)
    body = _body(result)
    assert "青禾市乡村振兴工作简报·2025年第4期" not in body
    assert "预约码为SHIMENTEA2025，小程序同时提供Wi-Fi热点和AR导览服务。" in body   # rejoined across lines
    assert "出水达标率达到95%以上。" in body


def test_a_folder_is_the_documents_under_it(corpus, tmp_path, monkeypatch, capsys) -> None:
    """An old site's archive is a folder tree: its documents are imported in name order, subfolders
    included; images, spreadsheets, hidden files and Word's lock files are counted, not read."""
    archive = tmp_path / "old-site"
    (archive / "2024" / "images").mkdir(parents=True)
    shutil.copy(corpus["n01-notice-full.txt"][0], archive / "2024" / "b-notice.txt")
    shutil.copy(corpus["b03-szzw-web-page.html"][0], archive / "2024" / "a-page.html")
    for name in ("2024/images/logo.jpg", "2024/images/photo.jpg", "2024/名单.xls", "2024/~$b-notice.docx",
                 ".DS_Store", "2024/.hidden.txt"):
        (archive / name).write_bytes(b"\xff\xd8 not a document")
    # a browser's "save page, complete": the page's frames, scripts and styles in a folder beside it
    for folder in ("a-page_files", "a-page.files"):
        (archive / "2024" / folder).mkdir()
        (archive / "2024" / folder / "share.html").write_text("<p>分享到：微信 微博</p><p>扫一扫在手机上打开当前页</p>",
                                                              encoding="utf-8")
        (archive / "2024" / folder / "main.css").write_text("p{}", encoding="utf-8")
    project = shutil.copytree(import_corpus.PROJECT, tmp_path / "p")
    monkeypatch.chdir(project)
    assert cli.main(["import", str(archive)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{archive}: 8 file(s) not imported, not being documents: (a saved page's own files) 4, .jpg 2, "
                      ".xls 1, ~$ (Word's lock files) 1")
    assert [line.split(" → ")[0] for line in out if " → " in line] == [str(archive / "2024" / "a-page.html"),
                                                                       str(archive / "2024" / "b-notice.txt")]
    assert out[-1].startswith("wrote 2 issues, ") and out[-1].endswith(", 0 refused")


def test_a_folders_notes_are_no_issues_and_unnumbered_documents_get_numbers_of_their_own(tmp_path, monkeypatch,
                                                                                          capsys) -> None:
    """An archive's readme (one line) and 说明.txt (by name) are notes on the folder, counted, not
    imported as issues with to-dos. Two documents without 第N期 each get a number of their own: the
    second took the first one's, whose file holds no issue: field yet (todo), and was refused."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "readme.txt").write_text("本文件夹收录2024年各期工作简报，按期号排列。\n", encoding="utf-8")
    (archive / "说明.txt").write_text("说明\n\n本目录为旧网站导出的文本，编码为GBK。如有缺期，请联系档案室。\n",
                                    encoding="gb18030")
    for name, headline in (("a.txt", "全市数据共享工作推进会召开"), ("b.txt", "政务服务事项清单完成梳理")):
        (archive / name).write_text(f"{headline}\n\n2024年5月，各单位按照要求推进相关工作，取得阶段性进展。下一步将继续"
                                    "完善工作机制，确保按期完成任务。\n", encoding="utf-8")
    project = shutil.copytree(import_corpus.PROJECT, tmp_path / "p")
    monkeypatch.chdir(project)
    assert cli.main(["import", str(archive), "--series", "szzw"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{archive}: 2 file(s) not imported, not being documents: (notes on the folder: readme, 说明, one line) 2"
    written = [line.split(" → ")[1] for line in out if " → " in line]
    assert len(written) == 2 and len(set(written)) == 2
    assert out[-1] == "wrote 2 issues, 2 with to-dos, 0 with unplaced text, 0 refused"
    # the number of a file still to be filled in is taken: `bulletin new` proposes the next one
    from bulletin.editorial.new import next_numbers
    year = Path(written[1]).parent
    assert next_numbers(project / "bulletins" / "szzw", int(year.name))[0] == int(Path(written[1]).stem) + 1


def test_scanned_pdf_asks_for_ocr(corpus, tmp_path, monkeypatch, capsys) -> None:
    project = shutil.copytree(import_corpus.PROJECT, tmp_path / "p")
    monkeypatch.chdir(project)
    assert cli.main(["import", str(corpus["s01-scanned.pdf"][0])]) == 1
    out = capsys.readouterr().out.splitlines()
    assert sum("OCR is needed" in line for line in out) == 1
    assert out[-1] == "wrote 0 issues, 0 with to-dos, 0 with unplaced text, 1 refused"
    assert not list((project / "bulletins").glob("*/*/*.md"))


_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>
<text:p>青禾市人民政府办公室关于做好2024年防汛工作的通知</text:p>
<text:p>青政办发〔2024〕12号</text:p>
<text:p>各区县人民政府，市政府各部门：</text:p>
<text:p>为做好今年防汛工作{note1}，现将有关事项通知如下。</text:p>
<text:p>一、压实责任</text:p>
<text:p>各地要落实防汛责任制{note2}，明确责任人[^1]。</text:p>
<text:p>青禾市人民政府办公室</text:p>
<text:p>2024年4月20日</text:p>
</office:text></office:body></office:document>"""
_NOTE_XML = ('<text:note text:id="{id}" text:note-class="{kind}"><text:note-citation>{mark}</text:note-citation>'
             '<text:note-body><text:p>{text}</text:p></text:note-body></text:note>')


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_footnotes_and_endnotes_become_markdown_footnotes(ctx, tmp_path, fmt: str) -> None:
    """Footnotes and endnotes were dropped, marker and text (Word's unread, a PDF's small type at the
    page foot taken for a running foot), and the report said 100%: now each is a Markdown footnote
    after the paragraph citing it; the text's own [^1] stays text. The PDF is LibreOffice's export:
    the footnote at the foot of page 1, the endnote on a page of its own."""
    from bulletin.office import convert
    fodt = _FODT.format(note1=_NOTE_XML.format(id="f1", kind="footnote", mark="1", text="防汛期为每年5月1日至9月30日。"),
                        note2=_NOTE_XML.format(id="e1", kind="endnote", mark="i", text="责任人名单另行印发。"))
    data = convert(fodt.encode("utf-8"), ".fodt", fmt)
    assert data is not None
    (tmp_path / f"notes.{fmt}").write_bytes(data)
    result = import_file(tmp_path / f"notes.{fmt}", ctx)
    assert result.kind == "notice" and _front(result)["issuer"] == "青禾市人民政府办公室"
    body = _body(result)
    assert body.split("\n\n")[:3] == ["\n为做好今年防汛工作[^1]，现将有关事项通知如下。",
                                       "[^1]: 防汛期为每年5月1日至9月30日。", "## 一、压实责任"]
    assert "各地要落实防汛责任制[^2]，明确责任人\\[^1\\]。\n\n[^2]: 责任人名单另行印发。" in body
    html = markdown.markdown(body, extensions=["footnotes"])
    assert html.count('class="footnote-ref"') == 2 and "[^1]" in html and "责任人名单另行印发。" in html


_TABLE_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:insertion><office:change-info><dc:creator>编辑</dc:creator>
<dc:date>2026-03-01T09:00:00</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes>
<text:p>青禾市2026年数据共享工作方案</text:p>
<text:p>为推进数据共享，制定本方案。</text:p>
<text:p>一、任务分工</text:p>
<table:table table:name="t1"><table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell><text:p>序号</text:p></table:table-cell><table:table-cell><text:p>任务</text:p>
</table:table-cell><table:table-cell><text:p>责任单位</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>编制数据目录{note}</text:p>
</table:table-cell><table:table-cell><text:p>市大数据局</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>2</text:p></table:table-cell><table:table-cell><text:p>建设共享通道<text:change-start
 text:change-id="c1"/>，年底前上线<text:change-end text:change-id="c1"/></text:p></table:table-cell><table:table-cell>
<text:p>市大数据局</text:p><text:p>各区县</text:p></table:table-cell></table:table-row>
</table:table>
<text:p>青禾市人民政府办公室</text:p>
<text:p>2026年3月2日</text:p>
</office:text></office:body></office:document>"""


def test_a_word_table_cell_keeps_its_footnote_and_tracked_insertion(ctx, tmp_path) -> None:
    """python-docx's cell.text leaves out runs inside a tracked insertion and footnote references, so
    a cell lost an editor's accepted addition and its note (and the report could not tell). A cell's
    paragraphs are now read as the body's: its note follows the table."""
    from bulletin.office import convert
    fodt = _TABLE_FODT.format(note=_NOTE_XML.format(id="f1", kind="footnote", mark="1", text="目录格式见市大数据局通知。"))
    data = convert(fodt.encode("utf-8"), ".fodt", "docx")
    assert data is not None
    import io
    import zipfile
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert b"<w:ins " in xml and b"footnoteReference" in xml      # what the test is about, as Word writes it
    (tmp_path / "方案.docx").write_bytes(data)
    body = _body(import_file(tmp_path / "方案.docx", ctx, Options(kind="plan")))
    assert "| 1 | 编制数据目录[^1] | 市大数据局 |\n| 2 | 建设共享通道，年底前上线 | 市大数据局 各区县 |" in body
    assert "| 市大数据局 各区县 |\n\n[^1]: 目录格式见市大数据局通知。" in body
    html = markdown.markdown(body, extensions=["footnotes", "tables"])
    assert html.count('class="footnote-ref"') == 1


def test_a_word_files_notes_cannot_pull_in_another_file(ctx, tmp_path) -> None:
    """The footnotes part is parsed without resolving entities: a hostile .docx that declares one
    pointing at a file must not bring that file's text into the issue."""
    import io
    import zipfile

    from bulletin.office import convert
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LEAK-MARKER", encoding="utf-8")
    fodt = _FODT.format(note1=_NOTE_XML.format(id="f1", kind="footnote", mark="1", text="防汛期为每年5月1日至9月30日。"),
                        note2="")
    docx = convert(fodt.encode("utf-8"), ".fodt", "docx")
    assert docx is not None
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/footnotes.xml":
                text = re.sub(r"^<\?xml[^>]*\?>", f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:footnotes '
                              f'[<!ENTITY leak SYSTEM "{secret.as_uri()}">]>', data.decode("utf-8"))
                data = text.replace("防汛期为每年", "&leak;防汛期为每年", 1).encode("utf-8")
                assert b"&leak;" in data
            zout.writestr(item, data)
    (tmp_path / "hostile.docx").write_bytes(out.getvalue())
    result = import_file(tmp_path / "hostile.docx", ctx)
    assert result.files and "[^1]: " in _body(result)
    assert "SECRET-LEAK-MARKER" not in "".join(result.files.values())


@pytest.mark.parametrize("name, content_type", [("n09-notice-disclosure-table.html", "text/html"),
                                                 ("b10-szzw-saved-as-one-file.mht", "message/rfc822")])
def test_a_word_file_that_wraps_a_web_page_is_read(corpus, ctx, tmp_path, name, content_type) -> None:
    """Web systems' "export to Word" writes a .docx whose body is one w:altChunk: an HTML page (or a
    page saved as one .mht file) Word shows in place. python-docx sees no paragraph: the file was
    imported empty (then refused)."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.ns import qn
    document = docx.Document()
    page = corpus[name][0].read_bytes()
    part = Part(PackURI("/word/afchunk.htm"), content_type, page, document.part.package)
    chunk = document.element.body.makeelement(qn("w:altChunk"), {
        qn("r:id"): document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")})
    document.element.body.insert(0, chunk)
    document.save(tmp_path / "exported.docx")
    result = import_file(tmp_path / "exported.docx", ctx)
    expected = import_file(corpus[name][0], ctx)
    assert result.source.fmt == "docx" and result.kind == expected.kind
    assert _front(result) == _front(expected) and _body(result) == _body(expected)


def test_a_pdf_whose_fonts_have_no_character_map_is_refused(corpus, ctx, tmp_path) -> None:
    """Glyphs without a character map come out as (cid:N): that is not text to import (it was
    imported as an issue of (cid:1)(cid:2)…). The corpus's own print PDF, its fonts' maps taken out."""
    import pikepdf
    with pikepdf.open(corpus["b07-xczx-print.pdf"][0]) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/ToUnicode" in obj:
                del obj["/ToUnicode"]
        pdf.save(tmp_path / "nomap.pdf")
    result = import_file(tmp_path / "nomap.pdf", ctx)
    assert re.fullmatch(r"its text layer cannot be read: (\d+) of its \1 characters have no character code "
                        r"\(its fonts carry no map\)\. Export the PDF again from the original document, or treat "
                        r"it as a scan: OCR is needed first .*", result.refused)
    assert not result.files


def test_glyphs_mapped_to_the_wrong_codes_are_not_text() -> None:
    from bulletin.editorial.importing.pdftext import _garbled
    assert _garbled(list("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOP"))
    assert _garbled(list("青禾市工作简报，2024年第3期。（一）加强领导：")) == ""
    assert _garbled(list("The office met on 5 May 2024 (see: minutes, p. 3).")) == ""


# ---------------------------------------------------------------- structure

def _articles(result) -> list[str]:
    return [line[3:] for line in _body(result).splitlines() if line.startswith("## ")]


def test_headlines_over_two_and_three_lines(results) -> None:
    # two lines, with a 目录 whose entries are broken the same way
    assert _articles(results["b01-szzw-toc-two-line-headlines.txt"])[:2] == [
        "东湖区推进“一网统管”城市运行平台建设取得阶段性成效", "市医保局“医保码”全流程应用覆盖全市定点医药机构"]
    # three lines, with an unnumbered 目录
    assert _articles(results["b05-szzw-pdf-copy.txt"])[0] == "全市政务服务事项“最多跑一次”比例达到百分之九十八"
    # three lines, no 目录: layout alone
    assert _articles(results["b02-xczx-three-line-headlines.gbk.txt"]) == [
        "北塘县柳溪乡探索“村集体+合作社+农户”联合经营模式", "临溪县云岭乡用好“三张清单”推动驻村帮扶落地见效"]
    # two and three lines, no 目录, in a web page
    assert _articles(results["b03-szzw-web-page.html"])[1] == "市公共资源交易中心实现工程建设项目招投标全流程电子化"


def test_headlines_in_plain_text_without_toc(ctx, tmp_path) -> None:
    text = ("青禾市数字政府建设工作简报\n第3期\n青禾市数字政府建设领导小组办公室　2024年3月5日\n\n"
            "西岭区推出\n“办不成事”反映窗口\n\n" + "西岭区在区政务服务中心设立“办不成事”反映窗口，专门受理群众办事受阻的诉求。" * 3 +
            "\n\n东湖区开展\n窗口服务\n能力提升培训\n\n" + "东湖区组织全区窗口工作人员开展业务和礼仪培训，共培训320人次。" * 3 + "\n")
    path = tmp_path / "old.txt"
    path.write_text(text, encoding="utf-8")
    assert _articles(import_file(path, ctx)) == ["西岭区推出“办不成事”反映窗口", "东湖区开展窗口服务能力提升培训"]


def test_whole_body_on_one_line(results) -> None:
    result = results["n02-notice-one-line.txt"]
    headings = [line for line in _body(result).splitlines() if line.startswith("#")]
    assert headings == ["## 一、检查范围", "## 二、检查内容", "### （一）信息发布情况", "### （二）互动回应情况",
                        "### （三）安全防护情况", "## 三、检查方式", "## 四、工作要求"]
    assert any("cut into" in note for note in result.source.notes)
    assert result.retention == 1.0


def test_stacked_glosses_are_removed(results) -> None:
    result = results["b08-szzw-stacked-glosses.txt"]
    text = "".join(result.files.values())
    assert not re.search(r"\((lín|xī|shì|chá)\)", text)
    assert "临溪县推行政务服务“帮办代办”" in _articles(result)
    glosses = [text for why, text in result.source.removed if why == "pinyin glosses"]
    assert sum(len(re.findall(r"\((?!line)[^()]+\)", g)) for g in glosses) == 14   # 7 stacked pairs
    assert GLOSSES.sub("", "职(zhí)(zhí)业(yè)(yè)培训（第一期）") == "职业培训（第一期）"


def test_cleaning_characters() -> None:
    assert tidy("全 市 政 务 服 务") == "全市政务服务"
    assert tidy("会议要求,各部门要抓好落实;时间为9:30,预算1,000元.") == "会议要求，各部门要抓好落实；时间为9:30，预算1,000元。"
    assert tidy("(牵头单位:市大数据局)") == "（牵头单位：市大数据局）"
    # a letter-spaced text layer (a space after every character): the numbers are joined too
    assert tidy("青 政 办 函 〔 2 0 2 5 〕 7 3 号") == "青政办函〔2025〕73号"
    assert tidy("于 2 0 2 5 年 1 0 月 2 0 日 召 开 ， 完 成 率 9 8 . 5 % 。") == "于2025年10月20日召开，完成率98.5%。"
    # ... and only there: numbers apart in ordinary text stay apart
    assert tidy("表中1 2 3三列依次为") == "表中1 2 3三列依次为"


@pytest.mark.parametrize("text, day", [("2024年3月5日", dt.date(2024, 3, 5)), ("二〇二四年三月五日", dt.date(2024, 3, 5)),
                                       ("2023-04-20", dt.date(2023, 4, 20)), ("2023.4.20", dt.date(2023, 4, 20)),
                                       ("2023/4/20", dt.date(2023, 4, 20)), ("二〇二三年十二月三十一日", dt.date(2023, 12, 31)),
                                       ("2025年元月8日", dt.date(2025, 1, 8)), ("二〇二五年元月十日", dt.date(2025, 1, 10))])
def test_dates(text: str, day: dt.date) -> None:
    assert find_date(f"印发日期：{text}")[0] == day


def test_recipients_cut_and_names_with_enumeration_comma(results) -> None:
    front = _front(results["b02-xczx-three-line-headlines.gbk.txt"])
    assert front["distribution"]["发"] == ["各乡镇人民政府", "各区县政府"]   # 各乡镇人民政府、街道办事处 is one name
    removed = results["b02-xczx-three-line-headlines.gbk.txt"].parsed.removed
    assert removed == [("copyright, cut from the end of the 发 line", "青禾市农业农村局网站版权所有")]   # and said


def test_notice_parts(results) -> None:
    result = results["n01-notice-full.txt"]
    front = _front(result)
    assert [a["file"] for a in front["attachments"]] == ["014-att1.md", "014-att2.md"]
    assert result.files["014-att1.md"].startswith("## 一、市级水库")
    assert "附件2《防汛隐患排查整改情况统计表》" in front["todo"]["attachments"]


def test_plan_task_notes_become_task_data(results, tmp_path) -> None:
    body = _body(results["p03-school-plan-no-blank-lines.gbk.txt"])
    assert "（牵头单位：团委；责任单位：政教处、心理辅导室）" in body
    assert "【牵头单位】" not in body


# ---------------------------------------------------------------- the command

@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(import_corpus.PROJECT, tmp_path / "proj")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# 导入测试\n", encoding="utf-8")
    return root


def test_imported_issues_load_and_the_report_is_true(project, corpus, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("BULLETIN_PROGRESS", "plain")
    names = ["b01-szzw-toc-two-line-headlines.txt", "n04-notice-word.docx", "p05-plan-print.pdf",
             "r02-report-news-site.gbk.html", "s01-scanned.pdf"]
    assert cli.main(["import", *(str(corpus[n][0]) for n in names)]) == 1   # one refused
    captured = capsys.readouterr()
    assert "import 1/5: b01-szzw-toc-two-line-headlines.txt" in captured.err
    out = captured.out.splitlines()
    written = sorted(p.relative_to(project / "bulletins").as_posix() for p in (project / "bulletins").rglob("*.*")
                     if p.name != "series.yml" and p.name != "distribution.yml")
    assert written == ["fangan/2025/009.md", "huiyi/2024/001.md", "huiyi/2024/001.unplaced.txt",
                       "szzw/2025/005.md", "szzw/2025/005.unplaced.txt", "tongzhi/2026/003.md"]
    todos = sum(1 for p in (project / "bulletins").rglob("*.md") if "\ntodo:\n" in p.read_text(encoding="utf-8"))
    assert out[-1] == f"wrote 4 issues, {todos} with to-dos, 2 with unplaced text, 1 refused"
    table = "\n".join(out[-8:])
    assert "b01-szzw-toc-two-line-headlines.txt" in table and "szzw/2025/005.md" in table
    assert any("retention 100.0%" in line for line in out)
    assert any(line.startswith("  removed (") for line in out)
    assert any(line.startswith("  kind: report — ") for line in out)
    with pytest.raises(SourceError) as refused:
        load_project(project)
    messages = "\n".join(str(p) for p in refused.value.problems)
    assert "bulletins/szzw/2025/005.md:1: imported text not yet placed: 005.unplaced.txt" in messages
    assert "imported issue still to be completed: attachments:" in messages   # the notice's missing 附件 file


def test_sidecar_and_todo_block_check_and_build_until_handled(project, corpus, monkeypatch) -> None:
    monkeypatch.chdir(project)
    assert cli.main(["import", str(corpus["b01-szzw-toc-two-line-headlines.txt"][0])]) == 0
    issue = project / "bulletins/szzw/2025/005.md"
    sidecar = issue.with_name("005.unplaced.txt")
    assert "编辑：吴思齐" in sidecar.read_text(encoding="utf-8")
    assert "编辑：吴思齐" not in issue.read_text(encoding="utf-8")   # never published by accident
    check = run_bulletin(project, "check")
    assert check.returncode == 1 and "005.unplaced.txt" in check.stdout + check.stderr
    build = run_bulletin(project, "build", "--no-pdf")
    assert build.returncode == 1 and "imported text not yet placed" in build.stderr
    assert not (project / "site").exists()
    sidecar.unlink()
    load_project(project)   # handled: the issue loads


def test_an_imported_plan_passes_the_check(project, corpus, monkeypatch) -> None:
    """Headings numbered 1. with a space after the stop are written as typed (#### 1. 高层建筑): the
    check reads the number (1\\. it read as a heading with none, and refused the import's own issue)."""
    monkeypatch.chdir(project)
    assert cli.main(["import", str(corpus["p22-plan-numbered-items-toolbar-policy-link.txt"][0])]) == 0
    issue = project / "bulletins/fangan/2025/003.md"
    assert "\n#### 1. 高层建筑\n" in issue.read_text(encoding="utf-8")
    check = run_bulletin(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_missing_pieces_are_todos_not_refusals(project, corpus, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    assert cli.main(["import", str(corpus["n06-notice-missing-pieces.txt"][0])]) == 0
    text = next((project / "bulletins/tongzhi").rglob("*.md")).read_text(encoding="utf-8")
    todo = yaml.safe_load(text.split("---\n")[1])["todo"]
    assert set(todo) == {"date", "doc_number"}      # the issuer ends the text, with no date under it
    check = run_bulletin(project, "check")
    assert check.returncode == 1
    assert sum("imported issue still to be completed" in line for line in (check.stdout + check.stderr).splitlines()) == 2
    assert "wrote 1 issue, 1 with to-dos, 0 with unplaced text, 0 refused" in capsys.readouterr().out


def test_overrides(project, corpus, monkeypatch) -> None:
    monkeypatch.chdir(project)
    path = corpus["n06-notice-missing-pieces.txt"][0]
    assert cli.main(["import", str(path), "--date", "2024.12.2", "--number", "40", "--title", "关于报送总结的函"]) == 0
    front = yaml.safe_load((project / "bulletins/tongzhi/2024/040.md").read_text(encoding="utf-8").split("---\n")[1])
    assert (front["date"], front["issue"], front["title"]) == (dt.date(2024, 12, 2), 40, "关于报送总结的函")
    assert set(front["todo"]) == {"doc_number"}


def test_kind_forced_and_contradicted(project, corpus, monkeypatch, capsys, ctx) -> None:
    path = corpus["r01-report-two-line-title.txt"][0]
    forced = import_file(path, ctx, Options(kind="notice"))
    assert forced.kind == "notice" and forced.why.startswith("--kind notice; the text suggests")
    monkeypatch.chdir(project)
    assert cli.main(["import", str(path), "--series", "szzw", "--kind", "report"]) == 1
    assert "--kind report contradicts --series szzw, which holds bulletin documents" in capsys.readouterr().out


def test_never_overwrites(project, corpus, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    path = corpus["b08-szzw-stacked-glosses.txt"][0]
    assert cli.main(["import", str(path)]) == 0
    target = project / "bulletins/szzw/2023/006.md"
    target.write_text(target.read_text(encoding="utf-8") + "\n编辑改过。\n", encoding="utf-8")
    before = target.read_bytes()
    assert cli.main(["import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "bulletins/szzw/2023/006.md already exists; not overwritten" in out
    assert out.splitlines()[-1] == "wrote 0 issues, 0 with to-dos, 0 with unplaced text, 1 refused"
    assert target.read_bytes() == before


def test_a_year_folder_linked_out_of_the_project_is_not_written_through(project, corpus, monkeypatch, capsys,
                                                                       tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / "bulletins/szzw/2023").symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.chdir(project)
    assert cli.main(["import", str(corpus["b08-szzw-stacked-glosses.txt"][0])]) == 1
    out = capsys.readouterr().out
    assert "this folder leads out of bulletins/" in out and "Traceback" not in out
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("number", ["-3", "0", "99999"])
def test_a_number_that_is_no_issue_number_is_refused(project, corpus, monkeypatch, capsys, number) -> None:
    """--number -3 wrote -03.md, 0 became the next free number, 99999 wrote 99999.md."""
    before = sorted(p.relative_to(project) for p in (project / "bulletins").rglob("*"))
    monkeypatch.chdir(project)
    assert cli.main(["import", str(corpus["b08-szzw-stacked-glosses.txt"][0]), "--number", number]) == 1
    assert f"--number: {number} is not an issue number" in capsys.readouterr().err
    assert sorted(p.relative_to(project) for p in (project / "bulletins").rglob("*")) == before


def test_html_entities_stay_text(results) -> None:
    result = results["n03-notice-download-site.gbk.html"]
    issue = result.files[result.issue_name]
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in issue
    assert "<script" not in issue
    html = markdown.markdown(_body(result))
    assert "<script" not in html and "&lt;script&gt;" in html


def test_unknown_series_and_missing_file(project, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    assert cli.main(["import", "nowhere.txt", "--series", "nope"]) == 1
    assert "unknown series 'nope'" in capsys.readouterr().err
    assert cli.main(["import", "nowhere.txt"]) == 1
    assert "nowhere.txt: no such file" in capsys.readouterr().out


def test_front_matter_writer_round_trips() -> None:
    data = {"title": "yes", "issue": 3, "date": dt.date(2024, 3, 5), "marking": "#1: 内部",
            "todo": {"date": "请填写"}, "cc": ["市委办公室", "null"]}
    from bulletin.sources.schema import OfficialSpec
    text = frontmatter.dump(data, OfficialSpec)
    assert yaml.safe_load(text) == data
    assert text.splitlines()[:2] == ["issue: 3", "date: 2024-03-05"]
    assert text.rstrip().endswith("todo:\n  date: 请填写")


# ---------------------------------------------------------------- any text at all

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_PIECES = st.sampled_from(["第3期", "（总第9期）", "2024年3月5日", "二〇二三年五月六日", "2023.4.20", "本期目录", "目录",
                           "编者按：", "一、", "（二）", "3.", "（4）", "附件：", "1.", "报：", "送：", "发：", "抄送：", "印发",
                           "青禾市人民政府办公室", "关于开展工作的通知", "实施方案", "牵头单位：", "责任单位：", "会议指出",
                           "市(shi)(shi)", "— 2 —", "版权所有", "&lt;script&gt;", "<b>", "、", "，", "。", "：", "\n", "\n\n",
                           " ", "\u3000", "全市各地加快推进", "青禾市数字政府建设工作简报", "|", "a-", "2026",
                           # layout tables, link columns, footers by class (read.py)
                           "<table>", "</table>", "<tr>", "<td>", "</td>", '<a href="/x">', "</a>", "<p>", "</p>",
                           '<div class="footer">', '<div class="nav">', "</div>", "<ul>", "<li>", "<br>", "\n  ",
                           "乡村振兴工作简报"])


@settings(max_examples=int(os.environ.get("BULLETIN_FUZZ_EXAMPLES", 40)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=60), st.sampled_from([".txt", ".html"]))
def test_any_text_imports_or_is_refused_cleanly(tmp_path_factory, pieces, suffix) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"in{suffix}"
    path.write_text("".join(pieces), encoding="utf-8")
    ctx = load_context(import_corpus.PROJECT)
    result = import_file(path, ctx)
    if result.refused:
        assert "\n" not in result.refused
        return
    issue = result.files[result.issue_name]
    data = yaml.safe_load(issue.split("---\n")[1])
    body = issue.split("---\n", 2)[2]   # front-matter strings are escaped wherever they are shown
    assert isinstance(data, dict) and "<script" not in body and 0 <= result.retention <= 1


# ---------------------------------------------------------------- large inputs
# The time is measured by benchmarks/import_scaling.py (n and 4n, interleaved); these tests hold
# the two mechanisms that made a 100,000-paragraph page take longer than five minutes.

def test_a_large_page_is_read_without_moving_its_nodes(monkeypatch):
    """Moving a node in Beautiful Soup scans its siblings (Tag.index): done once per paragraph, a
    long page cost the square of its length. The page is read in one walk instead."""
    import bs4.element
    from bulletin.editorial.importing.webpage import html_lines
    calls = []
    real = bs4.element.Tag.index
    monkeypatch.setattr(bs4.element.Tag, "index", lambda self, element: calls.append(1) or real(self, element))
    n = 3000
    paragraphs = "\n".join(f"<p>第{i}段：全市各部门认真贯彻落实\n  会议精神。</p>" for i in range(n))
    lines_br = "<br>\n".join(f"第{i}行：扎实推进各项工作任务。" for i in range(n))
    rows = "".join(f"<tr><td>第{i}项：取得了阶段性成效。</td></tr>\n" for i in range(n))
    html = (f"<html><body><h1>青禾市工作简报<br>第3期</h1>\n{paragraphs}\n<div>{lines_br}</div>\n"
            f"<table>{rows}</table></body></html>")
    lines, _, _ = html_lines(html)
    texts = [line.text for line in lines if line.text]
    assert len(calls) < 20
    assert texts[:2] == ["青禾市工作简报", "第3期"] and all(line.heading == 1 for line in lines[:2])
    assert texts[2:2 + n] == [f"第{i}段：全市各部门认真贯彻落实会议精神。" for i in range(n)]   # source breaks undone
    assert texts[2 + n:2 + 2 * n] == [f"第{i}行：扎实推进各项工作任务。" for i in range(n)]
    assert texts[2 + 2 * n:] == [f"第{i}项：取得了阶段性成效。" for i in range(n)]          # a layout column


def test_a_paragraph_thousands_of_lines_long_is_one_paragraph():
    """Text wrapped at one width with no blank line or cue between paragraphs: its lines are joined
    once, not the paragraph copied at every line (20,000 lines took a minute)."""
    from bulletin.editorial.importing.model import Line
    from bulletin.editorial.importing.paragraphs import blocks
    text = "".join(f"第{i}条：全市各部门认真贯彻落实会议精神，扎实推进各项工作，" for i in range(8000)) + "完成。"
    wrapped = [text[i:i + 30] for i in range(0, len(text), 30)]
    lines = [Line("青禾市工作简报", 1)] + [Line(t, n + 2) for n, t in enumerate(wrapped)]
    out = blocks(lines)
    assert [b.text for b in out] == ["青禾市工作简报", text]
    # the joins that look at the line before: a hyphenated word, a word cut at the margin, a
    # number on a line that is not full (kept apart), a bracket closed on the next line
    assert [b.text for b in blocks([Line("the inter-", 1, full=True), Line("national (work", 2, full=True),
                                    Line("plan and 2024", 3), Line("5 items)", 4), Line("（牵头单位：", 5)])] \
        == ["the international (workplan and 2024 5 items)", "（牵头单位："]
