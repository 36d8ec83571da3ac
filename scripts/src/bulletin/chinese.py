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
    """一 → 1, 十二 → 12, 二十一 → 21 (1..99); None for anything else."""
    digits = {c: i for i, c in enumerate(_DIGITS)}
    if not text or any(c not in _DIGITS[1:] + "十" for c in text):
        return None
    if "十" not in text:
        return digits[text] if len(text) == 1 else None
    head, _, tail = text.partition("十")
    if len(head) > 1 or len(tail) > 1 or "十" in tail:
        return None
    tens = digits[head] if head else 1
    ones = digits[tail] if tail else 0
    return tens * 10 + ones if tens else None
