"""The 文号 rule in one place (bulletin.model.docnumber): the strict verdict on a doc_number value and
the lenient reading of imported text, for a table of inputs. The expected values are written from
the rule (code of 1–12 Han characters, year in 〔〕, number without leading zero, 号), not taken
from the program."""
from __future__ import annotations

import re

import pytest

from bulletin.model import docnumber

GOOD = "青政办函〔2026〕8号"
CODE12 = "禾市人民政府办公室综合函"          # 12 characters: the longest code
CODE13 = "青" + CODE12                   # 13: too long for a code

# (value, what the strict message says for a document dated 2026 — None when it is well formed,
#  what the lenient reading stores — None when it finds no number)
TABLE = [
    (GOOD, None, GOOD),
    ("  青政办函〔2026〕8号 ", None, GOOD),                          # the value is trimmed
    ("青政办函[2026]8号", "wrong brackets", GOOD),
    ("青政办函【2026】8号", "wrong brackets", GOOD),
    ("青政办函(2026)8号", "wrong brackets", GOOD),
    ("青政办函（2026）8号", "wrong brackets", GOOD),
    ("青政办函［2026］8号", "wrong brackets", GOOD),
    ("青政办函(2026]8号", "wrong brackets", GOOD),                  # mixed wrong brackets
    ("青政办函〔2026)8号", "malformed", GOOD),                      # one right, one wrong
    ("青政办函 〔2026〕 8 号", "malformed", GOOD),                   # spaces inside
    ("青政办函〔 2026 〕第 08 号", "contains 第", GOOD),
    ("青政办函〔2026〕08号", "leading zero", GOOD),
    ("青政办函〔2026〕0号", "leading zero", "青政办函〔2026〕0号"),
    ("青政办函〔2026〕第8号", "contains 第", GOOD),
    ("青政办函〔2025〕8号", "has year 2025 but the document is dated 2026; expected 青政办函〔2026〕8号",
     "青政办函〔2025〕8号"),
    ("青政办函〔2126〕8号", "has year 2126", None),                   # not a year of 19xx/20xx
    ("青政办函〔202〕8号", "malformed", None),                        # three-digit year
    ("青政办函〔2026〕8", "malformed", None),                         # no 号
    ("青政办函〔2026〕号", "malformed", None),                        # no number
    ("〔2026〕8号", "malformed", None),                               # no code
    ("QZB〔2026〕8号", "malformed", None),                            # Latin code
    ("青政办函A〔2026〕8号", "malformed", None),                      # a letter before the year
    ("青政2办函〔2026〕8号", "malformed", "办函〔2026〕8号"),          # a digit: only the Han run after it
    (CODE12 + "〔2026〕8号", None, CODE12 + "〔2026〕8号"),
    (CODE13 + "〔2026〕8号", "malformed", CODE12 + "〔2026〕8号"),     # the last 12 characters
    ("青政办函〔２０２６〕８号", "malformed", GOOD),                  # full-width digits
    ("青政办函（２０２６）第０８号", "contains 第", GOOD),
    ("青政办函〔2026〕12345号", None, None),                         # the importer reads up to 4 digits
    ("青政办函〔2026〕8号文", "malformed", GOOD),                     # text after 号
    ("依据：青政办函(2026)8号，", "wrong brackets", GOOD),            # a number inside a sentence
]


@pytest.mark.parametrize("value, verdict, _", TABLE)
def test_strict_verdict(value, verdict, _):
    problem = docnumber.problem(value, 2026)
    if verdict is None:
        assert problem is None
    else:
        assert problem is not None and verdict in problem
        assert "〔" in problem   # every message shows the right form


@pytest.mark.parametrize("value, _, stored", TABLE)
def test_lenient_reading(value, _, stored):
    assert docnumber.normalise(value) == stored


def test_what_the_lenient_reading_stores_passes_the_strict_rule():
    for value, _, stored in TABLE:
        if stored and not stored.endswith("〕0号") and "2025" not in stored:
            assert docnumber.problem(stored, 2026) is None, value


def test_number_of_a_lenient_match():
    assert docnumber.number(docnumber.LENIENT.search("青政办函（2026）第０１２号")) == 12


@pytest.mark.parametrize("value, fixed", [
    ("青政办函[2026]8号", GOOD),
    ("青政办函【2026】8号、青政办函(2025)3号", "青政办函〔2026〕8号、青政办函〔2025〕3号"),
    (GOOD, GOOD),
    ("青政办函〔2026)8号", "青政办函〔2026)8号"),   # only a wrong pair is put right
])
def test_wrong_brackets_fixed(value, fixed):
    assert docnumber.fix_brackets(value) == fixed


def test_wrong_brackets_in_running_text_need_a_code_before_and_a_number_after():
    found = [m.group() for m in docnumber.WRONG_IN_TEXT.finditer(
        "依据青政办函(2026)8号和(2026)年计划，见青政办函[2025]号")]
    assert found == ["(2026)"]


def test_numbers_found_in_text():
    text = "依据青政办函〔2026〕8号和青禾市农业农村局〔2025〕12号，〔2026〕8号（无代字），也不是青政〔2026〕"
    assert [m.group() for m in docnumber.IN_TEXT.finditer(text)] == ["依据青政办函〔2026〕8号",
                                                                   "和青禾市农业农村局〔2025〕12号"]
    short = re.compile(docnumber.in_text(code_max=4))
    assert short.search("依据青政办函〔2026〕8号").group() == GOOD


@pytest.mark.parametrize("line, ends", [(GOOD, True), ("青政办函〔2026〕8号 签发人：周明远", False),
                                        ("2026年3月5日", False), ("〔2026〕12号", True)])
def test_a_line_ending_in_a_number(line, ends):
    assert bool(docnumber.ENDS_LINE.search(line)) is ends
