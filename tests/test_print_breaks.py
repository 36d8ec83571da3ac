"""Where headlines break (print/breaks.py split_balanced): GB/T 9704 §7.3.1 asks a title over
several lines to keep its words whole (词意完整) and its lines of suitable length (长短适宜). The
headlines are written for these tests about fictional offices; the checks hold at every measure."""
from __future__ import annotations

import pytest

from bulletin.print.breaks import headline_html, rough_width, split_balanced

SIZE = 22.0                                   # 2号 headlines
MEASURE = 156 / 25.4 * 72                     # the type area's width, points
PAIRS = {"“": "”", "《": "》", "（": "）"}

HEADLINES = [
    "南川县：基层治理“一张网”减轻村社干部负担",
    "东湖区：“无证明城区”建设让群众少跑腿、办事更顺心",
    "青禾市数据局关于做好2026年度公共数据资源登记和《数据资源目录》编制工作的通知",
    "关于印发《青禾市公共数据授权运营管理办法（试行）》的通知",
    "集中整治基层政务应用“指尖上的形式主义”取得阶段成效",
    "12345热线开展“一类事”专项治理，群众满意率提升至98.6%",
    "临溪县建成5G+智慧农业示范基地，带动周边农户增收三成",
    "北塘县推行“积分制”“清单制”激发村民参与乡村治理",
    "市政务服务中心开展体验式评估，高频事项办理时间压缩三成",
    "西岭区以“一网统管”为牵引推动城市运行从经验判断向数据分析转变",
]


def proportional(ch: str) -> float:
    """Another font's widths: punctuation half an em, as in fonts with proportional marks."""
    return 0.5 if ch in "：，、；。“”《》（）" else rough_width(ch)


def line_width(line: str, width=rough_width) -> float:
    return sum(width(ch) for ch in line) * SIZE


def splits_a_pair(lines: list[str], measure: float, width=rough_width) -> bool:
    """Does a line open a “…”, 《…》 or （…） that a later line closes, though it would fit on one line?"""
    text, at = "".join(lines), 0
    for line in lines[:-1]:
        at += len(line)
        for opening, closing in PAIRS.items():
            start = text.rfind(opening, 0, at)
            end = text.find(closing, start)
            if start >= 0 and end >= at and line_width(text[start:end + 1], width) <= measure:
                return True
    return False


def splits_a_run(lines: list[str]) -> bool:
    """Does a line end inside a run of digits and Latin letters that the next line continues?"""
    return any(a[-1].isascii() and b[0].isascii() and (a[-1].isalnum() or b[0].isalnum())
               for a, b in zip(lines, lines[1:]))


@pytest.mark.parametrize("width", [rough_width, proportional], ids=["rough", "proportional"])
@pytest.mark.parametrize("ems", [14, 16, 18, 18.09, 20.09, 24])
def test_headlines_keep_quoted_names_and_numbers_whole(width, ems):
    measure = ems * SIZE
    for text in HEADLINES:
        lines = split_balanced(text, SIZE, measure, width)
        assert "".join(lines) == text
        if len(lines) == 1:
            assert line_width(text, width) <= measure or len(text) < 4, (text, ems)
            continue
        assert all(line_width(line, width) <= measure + 0.01 for line in lines), (lines, ems)
        assert all(len(line) >= 2 for line in lines), (lines, ems)
        assert not splits_a_pair(lines, measure, width), (lines, ems)
        assert not splits_a_run(lines), (lines, ems)


def test_the_sample_headline_breaks_outside_its_quotes():
    """szzw/2026/002 printed “南川县：基层治理“一 / 张网”减轻村社干部负担”."""
    lines = split_balanced("南川县：基层治理“一张网”减轻村社干部负担", SIZE, MEASURE)
    assert len(lines) == 2 and "“一张网”" in "".join(lines) and any("“一张网”" in line for line in lines), lines


def test_a_comma_near_the_middle_is_taken_but_not_a_colon_far_from_it():
    lines = split_balanced("市政务服务中心开展体验式评估，高频事项办理时间压缩三成", SIZE, MEASURE)
    assert lines[0].endswith("，"), lines
    lines = split_balanced("青禾市数据局：全市公共数据目录编制工作完成", SIZE, MEASURE)
    assert len(lines) == 2 and not lines[0].endswith("："), lines      # 6 and 15 characters: lopsided
    assert abs(len(lines[0]) - len(lines[1])) <= 3, lines


def test_a_number_keeps_its_unit():
    for ems in (10, 11, 12, 13):
        lines = split_balanced("全市新建2026个村级数字服务站点", SIZE, ems * SIZE)
        assert not any(a[-1].isdigit() and not b[0].isascii() for a, b in zip(lines, lines[1:])), (lines, ems)


def test_a_title_longer_than_a_line_still_fits_the_measure():
    """Only when nothing else fits does a break fall inside the book-title marks."""
    text = "关于印发《青禾市政务数据共享交换平台接入管理和安全运行维护实施细则》的通知"
    lines = split_balanced(text, SIZE, MEASURE)
    assert len(lines) >= 2 and all(line_width(line) <= MEASURE for line in lines), lines
    assert all(len(line) >= 2 for line in lines), lines


def test_a_short_headline_stays_on_one_line_and_html_is_escaped():
    assert split_balanced("公共数据授权运营试点启动", SIZE, MEASURE) == ["公共数据授权运营试点启动"]
    html = headline_html("东湖区：“无证明城区”建设让群众少跑腿、办事更顺心<试>", SIZE, 16 * SIZE)
    assert "<br>" in html and "&lt;试&gt;" in html and "城<br>" not in html, html
