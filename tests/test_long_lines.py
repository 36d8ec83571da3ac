"""A long line is checked and loaded in time proportional to its length (found by an outside probe:
`bulletin check` took 98 s on a 100 KB line of "ab ", and a line of "<a " stopped both check and the
build for a minute or more; each rule searched the whole line again from every mark or space).

These are hang guards, not benchmarks: each input took 20 s to several minutes before, and takes
well under a second now; the bound leaves a slow shared machine ten times that.
"""
from __future__ import annotations

import time

import pytest

from bulletin.editorial.prose import prose_edits
from bulletin.sources.nesting import nesting_problems

LINES = {
    "letters and spaces": "ab " * 33_333,
    "one word of 200,000 letters": "a" * 200_000,
    "unclosed tags": "<a " * 30_000,
    "Han words and spaces": "青禾 市 " * 20_000,
    "attribute list openings": "{:" * 50_000,
    "a run of backticks": "`" * 20_000,
    "listed digits": "1,2," * 30_000 + "号",
    "full stops after letters": "a." * 30_000,
    "percentages and commas": "50%," * 30_000,
}
BOUND = 10.0   # seconds


@pytest.mark.parametrize("name", LINES)
def test_a_long_line_is_checked_in_one_pass(name: str) -> None:
    start = time.process_time()
    prose_edits(LINES[name])
    assert time.process_time() - start < BOUND


def test_a_long_line_of_unclosed_tags_is_loaded_in_one_pass() -> None:
    start = time.process_time()
    assert nesting_problems("<a " * 30_000, 1) == []
    assert time.process_time() - start < BOUND


def test_many_unclosed_fences_are_paired_in_one_pass() -> None:
    """Each opening fence looked for its closing line through the rest of the body: 20,000 opening
    fences with an info string, none closed, took half a minute; the candidates are now looked up."""
    from bulletin.model.markdown import split_sections
    body = "\n".join(["```py"] * 20_000 + ["## 标题", "正文。"])
    start = time.process_time()
    assert [s.title for s in split_sections(body, 1)[1]] == ["标题"]
    assert time.process_time() - start < BOUND
