"""Web pages of notices, plans and meeting reports, built from the samples."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project


@pytest.fixture(scope="module")
def web_project(tmp_path_factory) -> Path:
    from bulletin.mkdocs.build import build_site
    project = copy_project(ROOT, tmp_path_factory.mktemp("kinds-web"))
    # a downloadable file attachment, and a meeting report inside a bulletin
    notice = project / "bulletins/tongzhi/2026/008.md"
    (notice.parent / "008-att3.pdf").write_bytes(b"%PDF-1.4\n%demo\n")
    text = notice.read_text(encoding="utf-8").replace(
        "issuer: ", "  - title: 填报说明（PDF）\n    file: 008-att3.pdf\nissuer: ", 1)
    notice.write_text(text, encoding="utf-8")
    article = project / "bulletins/szzw/2026/004.md"
    text = article.read_text(encoding="utf-8").replace(
        "## 数字政府建设三年行动总结评估工作启动\n\n",
        "## 数字政府建设三年行动总结评估工作启动\n\n【会议报道】2026年10月20日 市行政中心\n\n", 1)
    article.write_text(text, encoding="utf-8")
    build_site(project, pdf=False)
    return project


def page(project: Path, key: str) -> str:
    return (project / "site" / key / "index.html").read_text(encoding="utf-8")


def texts(page_html: str, cls: str, tag: str = r"\w+") -> list[str]:
    """Text of every element carrying class ``cls`` (flat elements only)."""
    found = re.findall(rf'<({tag})[^>]*class="[^"]*\b{re.escape(cls)}\b[^"]*"[^>]*>(.*?)</\1>', page_html, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", inner)).strip() for _, inner in found]


def test_notice_head(web_project):
    notice = page(web_project, "tongzhi/2026/008")
    assert texts(notice, "bl-issuer-mark") == ["青禾市人民政府办公室文件"]
    assert texts(notice, "bl-docnum") == ["青政办函〔2026〕8号"]
    assert texts(notice, "bl-doc-title", "h1") == ["青禾市人民政府办公室关于开展2026年政务服务事项清单动态调整工作的通知"]
    (addressees,) = texts(notice, "bl-addressees")
    assert addressees == "各区县人民政府，市政府各部门、各直属机构：" and addressees.endswith("：")
    assert notice.index("bl-docnum") < notice.index("bl-doc-title") < notice.index("bl-addressees")


def test_heading_levels_and_fonts(web_project):
    notice = page(web_project, "tongzhi/2026/008")
    assert texts(notice, "bl-h1", "h2")[:2] == ["一、总体要求", "二、调整范围和内容"]
    assert texts(notice, "bl-h2", "h3")[0] == "（一）工作目标"
    assert texts(notice, "bl-h3", "h4")[0] == "1.梳理现有事项"
    assert texts(notice, "bl-h4", "h5")[0] == "（1）依据变化"
    assert "assets/stylesheets/briefings.css" in notice
    css = (web_project / "site/assets/stylesheets/briefings.css").read_text(encoding="utf-8")

    def rule(selector: str) -> str:
        return re.search(rf"^\.md-typeset {re.escape(selector)} \{{([^}}]*)\}}", css, re.M).group(1)
    assert "var(--bl-font-hei)" in rule(".bl-h1")
    assert "var(--bl-font-kai)" in rule(".bl-h2")
    assert "var(--bl-font-fang)" in rule(".bl-h3, .md-typeset .bl-h4")
    assert re.search(r"--bl-font-hei:[^;]*SimHei[^;]*Noto Sans CJK SC", css)
    assert re.search(r"--bl-font-kai:[^;]*KaiTi[^;]*AR PL UKai CN", css)
    assert re.search(r"--bl-font-fang:[^;]*FangSong[^;]*Noto Serif CJK SC", css)
    assert "http" not in css  # nothing from outside the site


def test_plan_auto_numbering_and_tasks(web_project):
    plan = page(web_project, "fangan/2026/003")
    assert texts(plan, "bl-h1", "h2") == ["一、总体要求", "二、重点任务", "三、保障措施"]
    assert texts(plan, "bl-h2", "h3")[:2] == ["（一）基本原则", "（二）工作目标"]
    assert texts(plan, "bl-h3", "h4")[:2] == ["1.推行一表申请", "2.实行一窗受理"]
    units = texts(plan, "bl-task-units", "span")
    assert len(units) == 12
    assert units[0] == "（牵头单位：市政务服务中心；责任单位：市大数据局、各相关部门）"
    table = plan[plan.index('class="bl-task-table"'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td><td[^>]*>(.*?)</td><td>(.*?)</td></tr>", table)
    assert len(rows) == 12
    assert rows[0] == ("1", "推行一表申请", "市政务服务中心", "市大数据局、各相关部门")
    assert rows[4][1:3] == ("扩大电子证照应用", "市大数据局")
    assert "<th>牵头单位</th>" in table


def test_attachments_on_the_web(web_project):
    notice = page(web_project, "tongzhi/2026/008")
    listing = notice[notice.index('class="bl-attachment-list"'):notice.index('class="bl-signature"')]
    assert re.search(r"附件：</span>1\. <a href=\"#attachment-1\">2026年政务服务事项清单调整工作安排</a>", listing)
    assert '2. <a href="#attachment-2">市级政务服务事项调整情况汇总表</a>' in listing
    assert '3. <a href="008-att3.pdf" download="">填报说明（PDF）</a>' in listing
    assert texts(notice, "bl-att-label") == ["附件1", "附件2", "附件3"]
    assert texts(notice, "bl-att-title")[:2] == ["2026年政务服务事项清单调整工作安排", "市级政务服务事项调整情况汇总表"]
    assert (web_project / "site/tongzhi/2026/008/008-att3.pdf").read_bytes().startswith(b"%PDF")
    # both tables (a Markdown one and the raw HTML one with merged headers) scroll sideways, in a
    # region a keyboard can reach and scroll (axe: scrollable-region-focusable)
    wraps = re.findall(r'<div class="bl-table-wrap[^"]*"([^>]*)>\s*<table', notice)
    assert len(wraps) == 2
    assert all('tabindex="0"' in attrs and 'role="region"' in attrs and "aria-label=" in attrs for attrs in wraps)
    assert 'colspan="3"' in notice and "data-src" not in notice
    css = (web_project / "site/assets/stylesheets/briefings.css").read_text(encoding="utf-8")
    assert re.search(r"\.bl-table-wrap \{[^}]*overflow-x: auto", css)


def test_signature_note_contact_banji(web_project):
    notice = page(web_project, "tongzhi/2026/008")
    assert texts(notice, "bl-sign-issuer") == ["青禾市人民政府办公室"]
    assert texts(notice, "bl-sign-date") == ["2026年3月16日"]
    assert texts(notice, "bl-note") == ["（此件主动公开）"]
    assert texts(notice, "bl-contact") == ["（联系人：陈立新；联系电话：0579-86012345）"]
    assert texts(notice, "bl-cc") == ["抄送：市委办公室，市人大常委会办公室，市政协办公室。"]
    assert texts(notice, "bl-printed-by") == ["青禾市人民政府办公室"]
    assert texts(notice, "bl-printed-date") == ["2026年3月16日印发"]
    # order: body, attachment list, signature, note, attachments, 版记
    order = [notice.index(c) for c in ('class="bl-official-body"', 'class="bl-attachment-list"',
                                       'class="bl-signature"', 'class="bl-note"', 'id="attachment-1"',
                                       'class="bl-banji"')]
    assert order == sorted(order)


def test_meeting_report_page(web_project):
    report = page(web_project, "huiyi/2026/012")
    assert texts(report, "bl-report-title", "h1") == ["市政府召开第27次常务会议"]
    assert texts(report, "bl-report-date") == ["2026年10月14日"]
    assert texts(report, "bl-report-place") == ["地点：市行政中心3号会议室"]
    assert texts(report, "bl-report-source") == ["来源：青禾市人民政府办公室"]
    assert "奋力冲刺全年目标任务" in report


def test_meeting_report_inside_a_bulletin(web_project):
    bulletin = page(web_project, "szzw/2026/004")
    assert texts(bulletin, "bl-report-label") == ["会议报道"]
    assert texts(bulletin, "bl-report-dateline") == ["2026年10月20日 市行政中心"]
    assert "【会议报道】" not in bulletin
