"""The information-disclosure table (政府信息公开) a government site puts above a document: 索引号,
发文机关, 成文日期, 标题, 发文字号, 发布日期 … It describes the document and is not part of it; its
entries stand in for fields the document itself lacks (run._from_catalogue). A web page has it as
HTML (webpage.py); a browser's print of the page has it as a table, and the page's text copied into
a file as lines of labels and values apart by tabs (:func:`take`, for every format)."""
from __future__ import annotations

import re

from .model import Line

LABELS = {"索引号", "主题分类", "发文机关", "成文日期", "标题", "名称", "发文字号", "文号", "发布日期", "有效性",
          "主题词", "公开方式", "公开范围", "信息来源", "生成日期", "所属机构", "发布机构", "组配分类", "体裁分类",
          "服务对象", "效力状况", "时效", "统一编号", "信息分类"}
REMOVED = "information-disclosure table (信息公开)"
# a label spaced out to the width of the longest (文　　号：, 索 引 号：), as sites align them
_SPACED = re.compile("|".join(r"[\s\u3000]*".join(map(re.escape, name)) + r"[\s\u3000]*(?=[:：])"
                              for name in sorted(LABELS, key=len, reverse=True) if len(name) > 1))


def label(text: str) -> str:
    return re.sub(r"[\s\u3000:：]", "", text)


def is_label(text: str) -> bool:
    """Does ``text`` start with a label of the table (发文字号, or 发文字号：青政办发〔2024〕5号)?"""
    return label(re.split("[:：]", text, maxsplit=1)[0]) in LABELS


def is_catalogue(texts: list[str]) -> bool:
    """Are these a table's texts, in order, the disclosure table (three or more of its labels)?"""
    return sum(map(is_label, texts)) >= 3 and len("".join(texts)) <= 600


def entries(texts: list[str]) -> dict[str, str]:
    """Its entries: 标签：值 in one cell, or the label and its value apart."""
    found: dict[str, str] = {}
    for n, text in enumerate(texts):
        if is_label(text):
            name, value = (re.split("[:：]", text, maxsplit=1) + [""])[:2]
            if not value.strip() and n + 1 < len(texts) and not is_label(texts[n + 1]):
                value = texts[n + 1]
            found[label(name)] = value.strip()
    return found


def _pieces(line: Line) -> list[str]:
    """A line's cells: a Markdown table row's, or text apart by tabs or wide spaces."""
    if line.table:
        return [] if re.fullmatch(r"[|\s:-]+", line.text) else [c.strip() for c in line.text.strip().strip("|").split(" | ")]
    text = _SPACED.sub(lambda m: label(m.group()), line.text.strip())     # its spaces are no gap between cells
    return [p for p in re.split(r"\t+|\s{2,}|\u3000{2,}", text) if p]


def _bare_label(line: Line) -> bool:
    """A label alone on its line, its value on the next (发文字号 / 青政办函〔2026〕8号)."""
    pieces = _pieces(line)
    return not line.table and len(pieces) == 1 and label(pieces[0]) in LABELS


def take(lines: list[Line], removed: list[tuple[str, str]]) -> tuple[list[Line], dict[str, str]]:
    """``lines`` without a disclosure table among the first of them, and its entries: a run of lines
    (a table's rows, or text) each starting with one of its labels, three or more labels in all."""
    def labelled(line: Line, above: Line | None) -> bool:    # (a table's rule row and a blank line go on the run)
        pieces = _pieces(line)
        return not line.text.strip() or (line.table and not pieces) or bool(pieces) and is_label(pieces[0]) \
            or above is not None and _bare_label(above)     # the value under its label (a <dl>'s dt and dd)
    for start in range(min(len(lines), 80)):       # (a page copied whole: its menus above)
        if not lines[start].text.strip():
            continue
        end, above = start, None
        while end < len(lines) and labelled(lines[end], above):
            above = lines[end] if lines[end].text.strip() else above
            end += 1
        while end > start and not lines[end - 1].text.strip():
            end -= 1
        texts = [p for line in lines[start:end] for p in _pieces(line)]
        if end > start and is_catalogue(texts):
            found = entries(texts)
            removed += [(REMOVED, f"{name}：{value}") for name, value in found.items()]
            return lines[:start] + lines[end:], {k: v for k, v in found.items() if v}
    return lines, {}
