"""The information-disclosure table (政府信息公开) a government site puts above a document: 索引号,
发文机关, 成文日期, 标题, 发文字号, 发布日期 … It describes the document and is not part of it; its
entries stand in for fields the document itself lacks (run._from_catalogue). A web page has it as
HTML (webpage.py), a browser's print of the page as a table in the PDF (pdftext.py)."""
from __future__ import annotations

import re

LABELS = {"索引号", "主题分类", "发文机关", "成文日期", "标题", "名称", "发文字号", "文号", "发布日期", "有效性",
          "主题词", "公开方式", "公开范围", "信息来源", "生成日期", "所属机构", "发布机构", "组配分类", "体裁分类",
          "服务对象", "效力状况", "时效", "统一编号", "信息分类"}
REMOVED = "information-disclosure table (信息公开)"


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
