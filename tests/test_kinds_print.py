"""Print PDFs of notices, plans and meeting reports (GB/T 9704 layout), through the print pipeline."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_bulletin

NOTICE_ATT1 = "bulletins/tongzhi/2026/008-att1.md"


def _pipeline(project: Path, cache: Path):
    from bulletin.sources.loader import load_project
    from bulletin.print import PrintOptions, build_pdfs, preflight
    loaded = load_project(project)
    plan = preflight(loaded, project / "overrides", PrintOptions(workers=1, use_cache=False, cache_dir=cache))
    return plan, build_pdfs, loaded


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> Path:
    project = copy_project(ROOT, tmp_path_factory.mktemp("kinds-print"))
    plan, build_pdfs, _ = _pipeline(project, project / ".cache")
    plan.issues = [i for i in plan.issues if i.series.kind != "bulletin"]
    build_pdfs(plan, project / "site", project / "print")
    return project / "site"


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def first_line(page: str) -> str:
    return next((line.strip() for line in page.splitlines() if line.strip()), "")


def fonts_of(pdf: Path) -> dict[str, str]:
    """Each shown text run → the base font it is set in."""
    from pypdf import PdfReader
    found: dict[str, str] = {}
    for page in PdfReader(str(pdf)).pages:
        def visit(text, cm, tm, font, size):
            if text.strip() and font:
                found.setdefault(text.strip(), str(font.get("/BaseFont")))
        page.extract_text(visitor_text=visit)
    return found


def font_for(fonts: dict[str, str], needle: str) -> str:
    hits = [font for text, font in fonts.items() if needle in text]
    assert hits, (needle, list(fonts)[:40])
    return hits[0]


def test_notice_first_page(pdfs):
    notice = pages(pdfs / "tongzhi/2026/008.pdf")
    first = notice[0]
    assert first_line(first) == "青禾市人民政府办公室文件"
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    assert lines[1] == "青政办函〔2026〕8号"   # 发文字号 centred under the mark, above the red rule
    assert "各区县人民政府，市政府各部门、各直属机构：" in lines
    assert re.search(r"—\s*1\s*—", first)


def test_heading_fonts(pdfs):
    fonts = fonts_of(pdfs / "tongzhi/2026/008.pdf")
    assert "title" in font_for(fonts, "青禾市人民政府办公室文件")
    assert "title" in font_for(fonts, "工作的通知")
    assert "heading" in font_for(fonts, "一、总体要求")     # 黑体
    assert "kai" in font_for(fonts, "（一）工作目标")       # 楷体
    assert "body" in font_for(fonts, "1.梳理现有事项")      # 仿宋
    assert "body" in font_for(fonts, "（1）依据变化")       # 仿宋
    assert "bulletin-heading-" in fonts["附件1"]


def test_signature_note_and_attachment_list(pdfs):
    notice = pages(pdfs / "tongzhi/2026/008.pdf")
    sign = next(p for p in notice if "2026年3月16日" in p and "（此件主动公开）" in p)
    lines = [line for line in sign.splitlines() if line.strip()]
    issuer = next(i for i, line in enumerate(lines) if line.strip() == "青禾市人民政府办公室")
    assert lines[issuer + 1].strip() == "2026年3月16日"
    # the date stands right of the page's middle, four characters in from the right
    assert lines[issuer + 1].index("2026") > len(lines[issuer + 1]) / 2
    assert "附件：1. 2026年政务服务事项清单调整工作安排" in sign
    assert "2. 市级政务服务事项调整情况汇总表" in sign
    assert "（联系人：陈立新；联系电话：0579-86012345）" in sign


def test_attachments_start_new_pages_and_numbers_continue(pdfs):
    notice = pages(pdfs / "tongzhi/2026/008.pdf")
    starts = [n for n, page in enumerate(notice) if first_line(page) in ("附件1", "附件2")]
    assert [first_line(notice[n]) for n in starts] == ["附件1", "附件2"]
    assert "2026年政务服务事项清单调整工作安排" in notice[starts[0]]
    assert "市级政务服务事项调整情况汇总表" in notice[starts[1]]
    for n, page in enumerate(notice, 1):
        assert re.search(rf"—\s*{n}\s*—", page), n


def test_table_header_repeats_on_next_page(pdfs):
    notice = pages(pdfs / "tongzhi/2026/008.pdf")
    start = next(n for n, page in enumerate(notice) if first_line(page) == "附件2")
    following = notice[start + 1]
    assert "实施部门" in following and "调整类型" in following and "新增" in following
    assert "附件2" not in following


def test_banji_at_foot_of_last_page(pdfs):
    notice = pages(pdfs / "tongzhi/2026/008.pdf")
    last = [line.strip() for line in notice[-1].splitlines() if line.strip()]
    assert last[-1].startswith("—")                         # page number under the type area
    assert last[-3].startswith("抄送：市委办公室")
    assert last[-2].startswith("青禾市人民政府办公室") and last[-2].endswith("2026年3月16日印发")
    assert not any("抄送：" in page for page in notice[:-1])


def test_plan_and_report_print(pdfs):
    plan = pages(pdfs / "fangan/2026/003.pdf")
    text = "".join(plan)
    assert "青政办发〔2026〕3号" in plan[0]
    assert "一、总体要求" in text and "（一）基本原则" in text and "1.推行一表申请" in text
    assert "（牵头单位：市政务服务中心；责任单位：市大数据局、各相关部门）" in text.replace("\n", "").replace(" ", "")
    assert "2026年5月20日印发" in plan[-1]
    fonts = fonts_of(pdfs / "fangan/2026/003.pdf")
    assert "kai" in font_for(fonts, "牵头单位")
    report = pages(pdfs / "huiyi/2026/012.pdf")
    assert first_line(report[0]) == "市政府召开第27次常务会议"
    assert "市行政中心3号会议室" in report[0] and "来源：青禾市人民政府办公室" in report[0]


WIDE_ROW = "| " + " | ".join(f"列{n}" for n in range(40)) + " |\n"
WIDE_RULE = "|" + "---|" * 40 + "\n"
WIDE_CELLS = "| " + " | ".join(f"NUMBER{n:05d}X" for n in range(40)) + " |\n"


def _widen(project: Path) -> int:
    path = project / NOTICE_ATT1
    text = path.read_text(encoding="utf-8")
    text += "\n" + WIDE_ROW + WIDE_RULE + WIDE_CELLS
    path.write_text(text, encoding="utf-8")
    return text.split("\n").index(WIDE_ROW.strip()) + 1


def test_table_wider_than_the_page_is_reported(tmp_path):
    from bulletin.errors import SourceError
    project = copy_project(ROOT, tmp_path / "p")
    line = _widen(project)
    with pytest.raises(SourceError) as caught:
        _pipeline(project, tmp_path / "cache")
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{NOTICE_ATT1}:{line}: table is ")
    assert "wider than the 156 mm type area" in str(problem)


def test_bulletin_build_fails_on_a_wide_table(tmp_path):
    project = copy_project(ROOT, tmp_path / "p")
    line = _widen(project)
    result = run_bulletin(project, "build")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    problems = [p for p in result.stderr.splitlines() if not p.endswith("nothing was written")]
    assert problems[0].startswith(f"{NOTICE_ATT1}:{line}: table is "), problems
