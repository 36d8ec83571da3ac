"""The document number (文号) rule, in one place: 机关代字〔2026〕8号.

The parts: an agency code of 1 to 12 Han characters, the year in 〔〕 (U+3014/U+3015), the number
without a leading zero, 号. Each reader of a 文号 builds its pattern from these parts:

- :func:`problem`: the strict rule on a ``doc_number`` value (the loader and ``bulletin check``);
- :data:`WRONG_BRACKETS` and :func:`right_brackets`: the year in [] 【】 () （） ［］, fixable (BL301);
- :data:`MALFORMED_IN_TEXT`: 第 or a leading zero in a number in running text (BL302);
- :data:`LENIENT`, :func:`written` and :func:`normalise`: a number as imported text writes it (other
  brackets, spaces, 第, leading zeros, full-width digits) and the form it is stored in;
- :data:`IN_TEXT`, :func:`in_text` and :data:`ENDS_LINE`: a number as a page or a PDF line shows it.

A pure module: it imports nothing of the package.
"""
from __future__ import annotations

import re

# Han characters of an agency code (CJK unified ideographs, extensions A to H, compatibility ideographs);
# no digits, letters or 〇.
CODE_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CODE_MAX = 12          # longer is not a code but the sentence before a number in running text
CODE = rf"[{CODE_CHARS}]{{1,{CODE_MAX}}}"
OPEN, CLOSE = "〔", "〕"
WRONG_OPEN, WRONG_CLOSE = "[【(（［", "]】)）］"
YEAR = r"[0-9]{4}"
NUMBER = r"[1-9][0-9]*"
WRITTEN_NUMBER = r"[0-9]+"   # what a finder accepts: it marks what the text says, a leading zero too
SUFFIX = "号"
EXAMPLE = "青政办函〔2026〕8号"


def _any_of(chars: str) -> str:
    return "[" + re.escape(chars) + "]"


STRICT = re.compile(rf"^(?P<code>{CODE}){OPEN}(?P<year>{YEAR}){CLOSE}(?P<num>{NUMBER}){SUFFIX}$")
_LEADING_ZERO = re.compile(rf"^{CODE}{OPEN}{YEAR}{CLOSE}0[0-9]*{SUFFIX}$")
# the strict rule's own test for brackets: any wrong one on either side of the year
_WRONG_AROUND_YEAR = re.compile(_any_of(WRONG_OPEN + WRONG_CLOSE) + YEAR + _any_of(WRONG_OPEN + WRONG_CLOSE))
WRONG_BRACKETS = re.compile(_any_of(WRONG_OPEN) + rf"(?P<year>{YEAR})" + _any_of(WRONG_CLOSE))
YEAR_IN_BRACKETS = re.compile(rf"{OPEN}(?P<year>{YEAR}){CLOSE}")
# Running text with the year in wrong brackets right after a code: 依据青政办函(2026)8号 (BL301).
WRONG_IN_TEXT = re.compile(rf"(?<=[{CODE_CHARS}]){WRONG_BRACKETS.pattern}(?={WRITTEN_NUMBER}{SUFFIX})")

# Running text with 第 or a leading zero in the number, in any brackets: 依据青政办发〔2026〕第8号 (BL302,
# reported only: the fix would delete a Han character).
# Not after 令 or 公告: an order's or an announcement's number is 第N号 (政府令〔2024〕第3号).
MALFORMED_IN_TEXT = re.compile(rf"(?<=[{CODE_CHARS}])(?<!令)(?<!公告){_any_of(OPEN + WRONG_OPEN)}(?P<year>{YEAR})"
                               rf"{_any_of(CLOSE + WRONG_CLOSE)}(?:第[0-9]+|0[0-9]*){SUFFIX}")

# Imported text: any of the brackets, spaces between the parts, 第, leading zeros, full-width digits;
# the year 19xx or 20xx, the number of at most four digits (what a register counts to in a year).
_DIGIT = "[0-9０-９]"
_LENIENT_YEAR = rf"(?:19|20|１９|２０){_DIGIT}{{2}}"
LENIENT = re.compile(rf"(?P<code>{CODE})\s*{_any_of(OPEN + WRONG_OPEN)}\s*(?P<year>{_LENIENT_YEAR})\s*"
                     rf"{_any_of(CLOSE + WRONG_CLOSE)}\s*第?\s*[0０]*(?P<num>{_DIGIT}{{1,4}})\s*{SUFFIX}")
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
ENDS_LINE = re.compile(rf"{OPEN}{YEAR}{CLOSE}{WRITTEN_NUMBER}{SUFFIX}$")


def in_text(code_max: int = CODE_MAX) -> str:
    """The pattern of a 文号 in running text, with at most ``code_max`` characters of code (a page's
    line breaking keeps only a short code together with the number)."""
    return rf"[{CODE_CHARS}]{{1,{code_max}}}{OPEN}{YEAR}{CLOSE}{WRITTEN_NUMBER}{SUFFIX}"


IN_TEXT = re.compile(in_text())


def right_brackets(year: str) -> str:
    return f"{OPEN}{year}{CLOSE}"


def fix_brackets(value: str) -> str:
    """``value`` with every year in wrong brackets put in 〔〕."""
    return WRONG_BRACKETS.sub(lambda m: right_brackets(m["year"]), value)


def number(m: re.Match) -> int:
    """The number of a :data:`LENIENT` match."""
    return int(m["num"].translate(_ASCII_DIGITS))


def written(m: re.Match) -> str:
    """The stored form of a :data:`LENIENT` match: 青政办函（2026）第08号 → 青政办函〔2026〕8号."""
    return f"{m['code']}{right_brackets(m['year'].translate(_ASCII_DIGITS))}{number(m)}{SUFFIX}"


def normalise(text: str) -> str | None:
    """The first 文号 in ``text`` in its stored form, None when there is none."""
    m = LENIENT.search(text)
    return written(m) if m else None


def problem(value: str, year: int) -> str | None:
    """What is wrong with a ``doc_number`` value of a document dated in ``year`` (None: well formed)."""
    expected = f"an agency code, the year in 〔〕, the number without leading zeros and 号, such as {EXAMPLE}"
    value = value.strip()
    if "第" in value:
        return f"document number '{value}' contains 第; expected {expected}"
    if _WRONG_AROUND_YEAR.search(value):
        return f"document number '{value}' puts the year in the wrong brackets; expected the year in 〔〕 (U+3014/U+3015): {expected}"
    if _LEADING_ZERO.match(value):
        return f"document number '{value}' has a leading zero; expected {expected}"
    m = STRICT.match(value)
    if not m:
        return f"document number '{value}' is malformed; expected {expected}"
    if int(m["year"]) != year:
        return (f"document number '{value}' has year {m['year']} but the document is dated {year}; "
                f"expected {m['code']}{right_brackets(str(year))}{m['num']}{SUFFIX}")
    return None
