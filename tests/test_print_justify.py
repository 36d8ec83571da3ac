"""Inter-character justification's plan of a line (print/justify.py): the fast path for lines that are
all Chinese gives the same gaps as the definition, character pair by character pair."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.print import justify

# the ranges of justify._is_cjk, enumerated (the supplementary planes only at their edges and a sample)
CJK_RANGES = [(0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)]


def by_definition(text: str, unit: float) -> list[float]:
    gaps = [unit if justify.opportunity(a, b) else 0.0 for a, b in zip(text, text[1:])]
    return gaps if justify._single_clusters(text) else [0.0] * len(gaps)


def test_the_chinese_class_is_is_cjk() -> None:
    points = [c for a, b in CJK_RANGES for c in range(a - 1, b + 2)]
    points += [0x1FFFF, 0x20000, 0x2A6D6, 0x3FFFF, 0x40000, 0x41, 0x20, 0xA0, 0x3000, 0xFE00, 0xFE0F]
    points += [ord(c) for c in "“”‘’—…·-.,!?"]
    wrong = [hex(c) for c in points if bool(justify._ALL_CJK.fullmatch(chr(c))) != justify._is_cjk(chr(c))]
    assert wrong == []


def test_the_combining_marks_left_out_are_all_there_are() -> None:
    """The fast path trusts that these are the only characters in _is_cjk's ranges that are not their
    own cluster; a Python whose Unicode data adds one fails here, not in a PDF."""
    found = {chr(c) for a, b in CJK_RANGES for c in range(a, b + 1)
             if not justify._single_clusters(chr(c))}
    found |= {chr(c) for c in range(0x20000, 0x40000, 7) if not justify._single_clusters(chr(c))}
    assert found == {c for c in map(chr, range(0x3000, 0x3100)) if justify._CJK_COMBINING.fullmatch(c)}
    assert found                                   # the check is not vacuous
    assert all(unicodedata.category(c) == "Mn" for c in found)


LINES = [
    "", "一", "全市数字政府建设工作推进会召开",
    "会议要求，各地要抓紧落实。", "截至10月底，全市累计办理“一网通办”事项3.2万件",
    "请于2026年7月2日前报送", "详见 https://example.gov.cn/a", "——这是破折号——", "等等……",
    "省略—…混排", "Wi-Fi 覆盖", "甲\u00a0乙", "全角　空格", "か\u3099な", "〇\u302a", "字\ufe0f",
    "𠀀𠀁𪚥", "ＡＢＣ１２３", "·中点·", "‘单引’",
]


def test_lines_give_the_gaps_of_the_definition() -> None:
    for line in LINES:
        assert justify.text_gaps(line, 1.0) == by_definition(line, 1.0), line
    assert justify.text_gaps("全市召开", 2.5) == [2.5, 2.5, 2.5]
    assert justify.text_gaps("——", 1.0) == [0.0]
    assert justify.text_gaps("か\u3099な", 1.0) == [0.0, 0.0]


CHINESE = list("全市会议，。“”‘’—…·（）ＡＢ１２\u3000\u302a\u3099𠀀")     # all in _is_cjk's ranges
MIXED = CHINESE + list("AaZz09.,- \u00a0\ufe0f\u0301")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(CHINESE), max_size=40) | st.text(alphabet=st.sampled_from(MIXED), max_size=40))
def test_any_text_gives_the_gaps_of_the_definition(text: str) -> None:
    assert justify.text_gaps(text, 1.0) == by_definition(text, 1.0)
