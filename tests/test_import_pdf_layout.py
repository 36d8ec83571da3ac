"""The PDF importer's layout passes (a line put back together, a menu column taken out, tables read
from their columns) on any arrangement of glyphs: none crashes, and no glyph is lost or made up.

The lines are generated as pdfplumber gives them (glyphs with x0, x1, top, bottom, size, font), laid
out in a few columns with random gaps, sizes, fonts, wrapped and centred cells, so the passes meet
runs that are tables, runs that are almost tables, and running text. `make fuzz` runs more examples.
"""
from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.editorial.importing.pdfcolumns import columns, side_menu
from bulletin.editorial.importing.pdftables import tables
from bulletin.editorial.importing.pdftext import _cells, _rejoin

_TEXT = "数据共享开放平台市大数据局一二三四五十、：，。（）0123456789ab"


@st.composite
def _pages(draw) -> list[dict]:
    """One page's lines top to bottom, each a few runs of glyphs standing in columns."""
    size = draw(st.sampled_from([10.5, 12.0, 16.0]))
    starts = sorted(draw(st.lists(st.integers(0, 30), min_size=1, max_size=4, unique=True)))
    lines, top = [], 50.0
    for _ in range(draw(st.integers(1, 14))):
        chars = []
        for start in starts:
            if draw(st.booleans()) and chars:
                continue                           # an empty cell
            x = 40 + start * size * 1.1 + draw(st.sampled_from([0, 0, 0.3, 2.5])) * size
            if chars and x < chars[-1]["x1"]:
                x = chars[-1]["x1"] + draw(st.sampled_from([0, 0.2, 0.8, 2.0])) * size
            font = draw(st.sampled_from(["AAAAAA+FangSong", "BBBBBB+SimHei", "CCCCCC+DejaVuSans"]))
            shift = draw(st.sampled_from([0, 0, 0, size * 0.3]))       # a lower-standing Latin font
            for ch in draw(st.text(_TEXT, min_size=1, max_size=9)):
                width = size if ord(ch) > 0x2e80 else size * 0.55
                chars.append({"text": ch, "x0": x, "x1": x + width, "top": top + shift,
                              "bottom": top + shift + size, "size": size, "fontname": font})
                x += width
        if not chars:
            continue
        chars.sort(key=lambda c: c["x0"])
        lines.append({"text": "".join(c["text"] for c in chars), "chars": chars, "x0": chars[0]["x0"],
                      "x1": chars[-1]["x1"], "top": min(c["top"] for c in chars),
                      "bottom": max(c["bottom"] for c in chars)})
        top += size * draw(st.sampled_from([0.55, 1.4, 1.5, 2.2]))     # 0.55: a line centred between two
    return lines


@st.composite
def _menu_pages(draw) -> list[dict]:
    """A browser's print of a page with a menu column: short items at the left edge, some beside
    lines of running text that reach the right margin, some alone; now and then a line across."""
    size = 12.0
    lines, top = [], 50.0
    for _ in range(draw(st.integers(3, 12))):
        parts = []
        if draw(st.booleans()):
            parts.append((40.0, draw(st.text("要闻动态部门区县通知公告政策法规", min_size=2, max_size=6))))
        if draw(st.integers(0, 3)):
            x = draw(st.sampled_from([40.0, 160.0, 184.0]))       # 40: across the gutter
            room = int((520 - x) / size)
            length = draw(st.one_of(st.just(room), st.integers(1, room)))   # mostly wrapped text
            parts.append((x, draw(st.text(_TEXT, min_size=length, max_size=length))))
        chars = []
        for x, text in parts:
            if chars and x < chars[-1]["x1"] + size:
                continue
            for ch in text:
                chars.append({"text": ch, "x0": x, "x1": x + size, "top": top, "bottom": top + size,
                              "size": size, "fontname": "AAAAAA+SimSun"})
                x += size
        if chars:
            lines.append({"text": "".join(c["text"] for c in chars), "chars": chars, "x0": chars[0]["x0"],
                          "x1": chars[-1]["x1"], "top": top, "bottom": top + size})
        top += size * 1.5
    return lines


def _glyphs(items: list[dict], removed: list[tuple[str, str]]) -> Counter:
    out: Counter = Counter()
    for item in items:
        if "table" in item:
            # (a space joins a cell's wrapped Latin words: no glyph of its own)
            out.update(ch for row in item["table"] for cell in row for ch in cell.replace("｜", "|") if ch.strip())
        else:
            out.update(c["text"] for c in item["chars"] if c["text"].strip())
    out.update(ch for _, text in removed for ch in text if ch.strip())
    return out


@settings(max_examples=int(os.environ.get("BULLETIN_FUZZ_EXAMPLES", 60)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(_pages(), _menu_pages()))
def test_no_glyph_is_lost_or_made_up(lines) -> None:
    before = Counter(c["text"] for line in lines for c in line["chars"] if c["text"].strip())
    removed: list[tuple[str, str]] = []
    out = tables(columns(side_menu(_rejoin(lines), _cells, removed), _cells))
    assert _glyphs(out, removed) == before
    for item in out:
        if "table" in item:
            assert len({len(row) for row in item["table"]}) == 1 and len(item["table"]) >= 2


@st.composite
def _laid_out_text(draw) -> str:
    """Text as pdftotext -layout writes a page: lines of pieces at columns, apart by runs of spaces."""
    rows = []
    for _ in range(draw(st.integers(1, 16))):
        line = ""
        for column in sorted(draw(st.lists(st.integers(0, 60), max_size=4, unique=True))):
            if column > len(line) + 1 or not line:
                line = line.ljust(column) + draw(st.text(_TEXT + " ", min_size=1, max_size=14)).strip()
        rows.append(line if draw(st.integers(0, 5)) else "")
    return "\n".join(rows)


@settings(max_examples=int(os.environ.get("BULLETIN_FUZZ_EXAMPLES", 60)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_laid_out_text())
def test_a_text_laid_out_with_spaces_keeps_every_character(text) -> None:
    """read.text_lines reads tables laid out with spaces (pdftotext -layout) from their columns:
    whatever the layout, every character is still in a line or a cell, in order within each."""
    from bulletin.editorial.importing.read import text_lines
    lines = text_lines(text)
    kept = Counter(ch for line in lines for ch in line.text.replace("｜", "|") if ch.strip() and not line.table)
    kept.update(ch for line in lines if line.table and not set(line.text) <= set("|- ")
                for ch in line.text.strip().strip("|").replace(" | ", "").replace("｜", "|") if ch.strip())
    assert kept == Counter(ch for ch in text if ch.strip())
