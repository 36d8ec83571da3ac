"""Dates and numbers as legacy documents write them.

Dates: 2024年3月5日, 二〇二四年三月五日, 2025年元月8日 (January), 2023-04-20, 2023.4.20,
2023/4/20. Numbers: 12, 十二, 一百零五, 二〇二四 (digit by digit).
"""
from __future__ import annotations

import datetime as dt
import re

from ...chinese import cn_to_int

_Y = r"(?P<y>(?:19|20)\d{2}|[〇零○Ｏ一二三四五六七八九]{4})"
_MD_CN = r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3}|元)\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
DATE_CN = re.compile(_Y + r"\s*年\s*" + _MD_CN)
DATE_NUM = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.])")
NUMBER = re.compile(r"(?<!总)第\s*(?P<n>\d+|[〇零一二三四五六七八九十百]+)\s*期")
TOTAL = re.compile(r"总第\s*(?P<n>\d+|[〇零一二三四五六七八九十百]+)\s*期")


def find_date(text: str) -> tuple[dt.date, re.Match] | None:
    """The first real calendar date in ``text`` and where it is."""
    for pattern in (DATE_CN, DATE_NUM):
        for m in pattern.finditer(text):
            try:
                month = 1 if m["m"] == "元" else cn_to_int(m["m"])     # 元月: January
                return dt.date(cn_to_int(m["y"]), month, cn_to_int(m["d"])), m
            except ValueError:
                continue
    return None


def only_date(text: str) -> dt.date | None:
    """The date when ``text`` is nothing but a date (a signature or masthead date line)."""
    found = find_date(text)
    if found and not re.sub(r"[\s\u3000（）()]", "", text[:found[1].start()] + text[found[1].end():]):
        return found[0]
    return None


def parse_option(text: str) -> dt.date:
    """A --date value in any of the accepted forms (raises ValueError)."""
    found = find_date(text)
    if not found or found[1].group().strip() != text.strip():
        raise ValueError(text)
    return found[0]
