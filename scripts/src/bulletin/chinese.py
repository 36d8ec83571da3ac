"""Chinese forms of dates and numbers."""
from __future__ import annotations

import datetime as dt

_DIGITS = "〇一二三四五六七八九"


def cn_date(day: dt.date) -> str:
    """2026年9月28日 (Arabic numerals, no leading zeros, as GB/T 9704-2012 prescribes)."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_number(n: int) -> str:
    """1..99 as Chinese numerals: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 21 → 二十一."""
    if not 0 < n < 100:
        raise ValueError(f"cn_number supports 1..99, got {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def cn_to_int(text: str) -> int | None:
    """Arabic or Chinese numerals as legacy and current documents write them: '12', '十二', '二十',
    '一百零五', '二〇二四' (digit by digit, as in years); None when ``text`` is not a number."""
    text = text.strip().replace("零", "〇").replace("○", "〇").replace("Ｏ", "〇")
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS + "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:
        return int("".join(str(_DIGITS.index(ch)) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        elif ch != "〇":
            current = _DIGITS.index(ch)
    return total + current


def cn_heading_number(text: str) -> int | None:
    """A heading's Chinese number in its one correct form (一 … 九十九: 十二, not 一十二); else None."""
    n = cn_to_int(text)
    return n if n is not None and 0 < n < 100 and cn_number(n) == text else None
