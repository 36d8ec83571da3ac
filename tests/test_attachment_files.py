"""Attachment files printed in place (issue 14): a notice with a 2-page PDF attachment (one A4 page,
one smaller landscape page) and an .xlsx attachment. The notice's PDF gets the 附件N label page, then
the attachment's pages, numbered on with the document's "— N —", with a bookmark per attachment;
without LibreOffice the .xlsx keeps its labelled page and the build warns, naming the file."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from conftest import FIXTURES, copy_project

NOTICE = """---
issue: 3
date: 2026-04-08
doc_number: 青政办函〔2026〕3号
title: 青禾市人民政府办公室关于报送政务数据目录的通知
addressees: 各区县人民政府，市政府各部门
attachments:
  - title: 政务数据目录填报说明
    file: 003-guide.pdf
  - title: 政务数据目录汇总表
    file: 003-table.xlsx
issuer: 青禾市人民政府办公室
---

## 一、填报范围

市政府各部门按照附件要求，逐项填报本单位产生和管理的政务数据目录。

## 二、报送时间

请于2026年4月30日前报送市大数据局。
"""
GUIDE = """<html><head><style>
@page { size: A4; margin: 20mm; }
@page wide { size: A5 landscape; margin: 10mm; }
.wide { page: wide; }
body { font-family: "Noto Sans CJK SC"; font-size: 14pt; }
</style></head><body>
<p>填报说明第一页：目录按部门分别填写。</p>
<div class="wide"><p>填报说明第二页：横向表格示例。</p></div>
</body></html>"""


def _dashes(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"—\s*(\d+)\s*—", text)]


def _make_project(root: Path) -> Path:
    from weasyprint import HTML
    project = copy_project(FIXTURES / "mini", root)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"), encoding="utf-8")
    folder = project / "bulletins/tz"
    (folder / "2026").mkdir(parents=True)
    (folder / "series.yml").write_text("title: 青禾市人民政府办公室文件\noffice: 青禾市人民政府办公室\nkind: notice\n",
                                       encoding="utf-8")
    (folder / "2026/003.md").write_text(NOTICE, encoding="utf-8")
    HTML(string=GUIDE).write_pdf(folder / "2026/003-guide.pdf")
    csv = root.parent / "table.csv"
    csv.write_text("序号,单位,数据目录名称\n1,市大数据局,人口基础信息\n2,市市场监管局,市场主体登记信息\n", encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={(root.parent / 'lo').as_uri()}", "--headless",
                    "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir", str(root.parent), str(csv)],
                   check=True, capture_output=True, timeout=180)
    shutil.move(root.parent / "table.xlsx", folder / "2026/003-table.xlsx")
    return project


def _build(project: Path, path_env: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", BULLETIN_CACHE_DIR=str(project / ".cache-test"))
    if path_env is not None:
        env["PATH"] = path_env
    return subprocess.run([sys.executable, "-m", "bulletin", "build"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = _make_project(tmp_path_factory.mktemp("att") / "p")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_attachment_pages_follow_their_label_pages_numbered_on(built):
    pdf = built / "site/tz/2026/003.pdf"
    with pdfplumber.open(pdf) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
        sizes = [(round(page.width), round(page.height)) for page in doc.pages]
    label1 = next(i for i, t in enumerate(texts) if "附件1" in t and "政务数据目录填报说明" in t and "附件：" not in t)
    assert "填报说明第一页" in texts[label1 + 1]
    assert "填报说明第二页" in texts[label1 + 2]
    label2 = next(i for i, t in enumerate(texts) if "附件2" in t and "政务数据目录汇总表" in t and i > label1)
    assert label2 == label1 + 3
    assert "市场主体登记信息" in texts[label2 + 1]          # the spreadsheet, converted and merged
    assert len(texts) == label2 + 2
    assert set(sizes) == {(595, 842)}                        # every page A4, the A5 one scaled onto it
    numbers = [(_dashes(t) or [None])[-1] for t in texts]
    assert numbers == list(range(1, len(texts) + 1))         # "— N —" on every page, merged ones too


def test_a_smaller_page_sits_inside_the_type_area(built):
    pdf = built / "site/tz/2026/003.pdf"
    with pdfplumber.open(pdf) as doc:
        page = next(p for p in doc.pages if "填报说明第二页" in (p.extract_text() or ""))
        words = [w for w in page.extract_words() if "填报说明第二页" in w["text"]]
    mm = 72 / 25.4
    assert words and all(28 * mm - 1 <= w["x0"] and w["x1"] <= (28 + 156) * mm + 1 for w in words)
    assert all(37 * mm - 1 <= w["top"] <= (37 + 225) * mm for w in words)


def test_each_attachment_has_a_bookmark(built):
    pdf = built / "site/tz/2026/003.pdf"
    reader = PdfReader(pdf)

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title, reader.get_destination_page_number(item)
    marks = dict(titles(reader.outline))
    assert "政务数据目录填报说明" in marks and "政务数据目录汇总表" in marks
    assert marks["政务数据目录汇总表"] - marks["政务数据目录填报说明"] == 3


def test_without_libreoffice_the_build_warns_and_keeps_the_labelled_page(built, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(built, project, ignore=lambda folder, names: [n for n in names if Path(folder) == built
                                                                  and n in ("site", "print", ".cache-test")])
    bare = tmp_path / "bin"       # the PATH's programs, all but LibreOffice's
    bare.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        for program in Path(folder).glob("*") if Path(folder).is_dir() else []:
            if program.name not in ("soffice", "libreoffice") and not (bare / program.name).exists():
                (bare / program.name).symlink_to(program)
    result = _build(project, path_env=str(bare))
    assert result.returncode == 0, result.stderr
    said = (result.stdout + result.stderr).splitlines()     # warnings are information lines, on stdout
    warnings = [line for line in said if "LibreOffice is not installed" in line]
    assert len(warnings) == 1 and "bulletins/tz/2026/003-table.xlsx" in warnings[0]
    pdf = project / "site/tz/2026/003.pdf"
    with pdfplumber.open(pdf) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
    assert "填报说明第二页" in texts[-2]                        # the PDF attachment is still merged
    assert "政务数据目录汇总表" in texts[-1] and "见电子附件" in texts[-1]
    assert "市场主体登记信息" not in "".join(texts)


def test_the_web_page_links_each_file_with_format_pages_and_size(built):
    from bs4 import BeautifulSoup
    page = BeautifulSoup((built / "site/tz/2026/003/index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"]: a for a in page.select(".bl-att-download a")}
    guide, table = links["003-guide.pdf"], links["003-table.xlsx"]
    size = (built / "bulletins/tz/2026/003-guide.pdf").stat().st_size
    assert re.search(r"（PDF，2页，\d+ KB）", guide.get_text()) and f"{round(size / 1024)} KB" in guide.get_text()
    assert re.search(r"（XLSX，\d+ KB）", table.get_text())
    # the issue's own PDF, its attachment pages merged in: the page count its worker reported
    with pdfplumber.open(built / "site/tz/2026/003.pdf") as doc:
        assert f"（{len(doc.pages)}页，" in page.select_one(".bl-pdf-link .bl-pdf-facts").get_text()
    assert guide["download"] and (built / "site/tz/2026/003" / guide["href"]).is_file()
    # the 附件 list after the body names each attachment once, linked
    listed = page.select(".bl-attachment-list a")
    assert [a.get_text() for a in listed] == ["政务数据目录填报说明", "政务数据目录汇总表"]
