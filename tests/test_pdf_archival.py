"""Tagged PDFs and the archival PDF/A-2b variant (issue 12), both WeasyPrint's own: every PDF has a
structure tree (headings, paragraphs, lists, tables in reading order), /Lang zh-CN and /MarkInfo;
`pdf_variant: pdf/a-2b` under the bulletin plugin makes PDF/A-2b files (XMP pdfaid part 2,
conformance B, an sRGB output intent). Read with pikepdf (the PDF objects) and pdfplumber (the text
of each structure element)."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pdfplumber.structure import PDFStructTree

from conftest import FIXTURES, copy_project, run_bulletin

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
# A list and a table after the fixture's two articles (original text about a fictional city).
EXTRA = """
青禾市各街道本月完成的工作如下：

- 清理河道三处；
- 修缮路灯二十盏。

| 街道 | 完成件数 |
| --- | --- |
| 东城 | 12 |
| 西城 | 9 |
"""


def project(parent: Path, settings: str = "") -> Path:
    root = copy_project(FIXTURES / "mini", parent / "proj")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true" + settings),
                      encoding="utf-8")
    source = root / "bulletins/demo/2026/001.md"
    source.write_text(source.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def plain_pdf(tmp_path_factory) -> Path:
    """Issue 001 printed by the pipeline with the default options (one PDF, in-process)."""
    from bulletin.print import PrintOptions, build_pdfs, preflight
    from bulletin.sources.loader import load_project
    parent = tmp_path_factory.mktemp("plain")
    root = project(parent)
    plan = preflight(load_project(root), root / "overrides", PrintOptions(workers=1, cache_dir=parent / "cache"))
    plan.issues = [i for i in plan.issues if i.key == "demo/2026/001"]
    return build_pdfs(plan, root / "site", root / "print").outputs["demo/2026/001"]


@pytest.fixture(scope="module")
def archival_build(tmp_path_factory) -> Path:
    """The project built by `bulletin build` with pdf_variant: pdf/a-2b in mkdocs.yml."""
    root = project(tmp_path_factory.mktemp("archival"), "\n      pdf_variant: pdf/a-2b")
    result = run_bulletin(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def elements(pdf_path: Path) -> list[tuple[str, str]]:
    """(structure type, text) of every element of the structure tree, depth first: reading order."""
    found = []
    with pdfplumber.open(pdf_path) as pdf:
        by_mcid: dict[tuple, str] = {}
        for page in pdf.pages:
            for char in page.chars:
                key = (page.page_number, char.get("mcid"))
                by_mcid[key] = by_mcid.get(key, "") + char["text"]

        def text(element) -> str:
            own = "".join(by_mcid.get((element.page_number, m), "") for m in element.mcids or [])
            return own + "".join(text(child) for child in element.children)

        def walk(element) -> None:
            found.append((element.type, text(element)))
            for child in element.children:
                walk(child)
        for element in PDFStructTree(pdf).children:
            walk(element)
    return found


def test_tagged_pdf_has_headings_paragraphs_lists_and_tables_in_reading_order(plain_pdf):
    tree = elements(plain_pdf)
    headings = [text for kind, text in tree if kind in ("H", "H1", "H2", "H3", "H4", "H5", "H6")]
    assert headings[-2:] == ["第一篇文章", "第二篇文章"], headings
    paragraphs = [text for kind, text in tree if kind == "P"]
    for words in ("第一篇正文，含有独特词语蓝鲸计划。", "第二篇正文。", "青禾市各街道本月完成的工作如下："):
        assert words in paragraphs
    order = [text for kind, text in tree if kind in ("H2", "P") and text in
             ("第一篇文章", "第一篇正文，含有独特词语蓝鲸计划。", "第二篇文章", "第二篇正文。")]
    assert order == ["第一篇文章", "第一篇正文，含有独特词语蓝鲸计划。", "第二篇文章", "第二篇正文。"]
    items = [text for kind, text in tree if kind == "LI"]
    assert any(t.endswith("清理河道三处；") for t in items) and any(t.endswith("修缮路灯二十盏。") for t in items)
    assert any(kind == "L" for kind, _ in tree)
    assert [text for kind, text in tree if kind == "Table"] == ["街道完成件数东城12西城9"]
    assert [text for kind, text in tree if kind == "TH"] == ["街道", "完成件数"]
    assert [text for kind, text in tree if kind == "TD"] == ["东城", "12", "西城", "9"]


def test_tagged_pdf_says_its_language_and_that_it_is_marked(plain_pdf):
    with pikepdf.open(plain_pdf) as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert pdf.Root.StructTreeRoot.Type == "/StructTreeRoot"
        with pdf.open_metadata() as xmp:       # a plain PDF does not claim PDF/A
            assert PDFAID + "part" not in xmp


def test_pdf_a_2b_variant_from_the_build_option(archival_build):
    for path in sorted((archival_build / "site").rglob("*.pdf")):     # the issues and the volume
        with pikepdf.open(path) as pdf:
            with pdf.open_metadata() as xmp:
                assert (xmp.get(PDFAID + "part"), xmp.get(PDFAID + "conformance")) == ("2", "B"), path
                assert xmp.get("{http://purl.org/dc/elements/1.1/}title"), "the title is in the XMP too"
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1" and "sRGB" in str(intent.OutputConditionIdentifier)
            assert str(pdf.Root.Lang) == "zh-CN" and "/StructTreeRoot" in pdf.Root, "still tagged"
            assert pdf.pdf_version >= "1.7"


def test_bulletin_volume_reads_the_variant(tmp_path):
    """`bulletin volume` reads the plugin's options from mkdocs.yml as plain YAML: the same variant."""
    from bulletin.print.pipeline import plugin_options
    root = project(tmp_path, "\n      pdf_variant: PDF/A-2b")
    assert plugin_options(root).pdf_variant == "pdf/a-2b"


def test_an_unknown_variant_is_a_problem_at_its_line(tmp_path):
    from bulletin.errors import SourceError
    from bulletin.print.pipeline import plugin_options
    root = project(tmp_path, "\n      pdf_variant: pdf/a-9z")
    with pytest.raises(SourceError) as caught:
        plugin_options(root)
    (problem,) = caught.value.problems
    line = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")[problem.line - 1]
    assert line.strip() == "pdf_variant: pdf/a-9z" and "pdf/a-2b" in problem.message
    result = run_bulletin(root, "build")           # the build stops before rendering anything
    assert result.returncode == 1
    assert "pdf/a-9z" in result.stderr and "pdf/a-2b" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "site").exists()
