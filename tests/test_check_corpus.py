"""The prose rules of `bulletin check` on a corpus of sentences (tests/fixtures/check_corpus.yml).

Each sentence carries the finding codes and the fixed text worked out by hand from the rules; the
corpus is run line by line in process, and once end to end through `bulletin check --fix`.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.editorial.characters import han_count
from bulletin.editorial.prose import apply_edits, prose_edits
from conftest import ROOT, copy_project, run_bulletin

CORPUS = yaml.safe_load((Path(__file__).parent / "fixtures" / "check_corpus.yml").read_text(encoding="utf-8"))


def test_corpus_is_big_and_well_formed() -> None:
    assert len(CORPUS) >= 40
    assert all(set(item) == {"text", "codes", "fixed"} for item in CORPUS)
    assert len({item["text"] for item in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("item", CORPUS, ids=[item["text"] for item in CORPUS])
def test_sentence(item: dict) -> None:
    edits = prose_edits(item["text"])
    assert [e.code for e in edits] == item["codes"]
    fixed = apply_edits(item["text"], edits)
    assert fixed == item["fixed"]
    assert han_count(fixed) == han_count(item["text"])


def test_corpus_through_check_fix(tmp_path: Path) -> None:
    """All sentences as paragraphs of one sample issue: --fix shows each change as a diff, writes the
    expected lines, and leaves only the findings it must not fix (BL203, BL302) on the right lines."""
    project = copy_project(ROOT, tmp_path / "p")
    issue = project / "bulletins" / "szzw" / "2026" / "004.md"
    lines = issue.read_text(encoding="utf-8").rstrip("\n").split("\n") + [""]
    first = len(lines) + 1                       # 1-based line of the first sentence
    body = "\n\n".join(item["text"] for item in CORPUS)
    issue.write_text("\n".join(lines) + "\n" + body + "\n", encoding="utf-8")

    result = run_bulletin(project, "check", "--fix")
    assert result.returncode == 1 and result.stderr == ""
    out = result.stdout.splitlines()
    rel = "bulletins/szzw/2026/004.md"
    assert out[0] == f"--- a/{rel}" and out[1] == f"+++ b/{rel}"
    changed = [item for item in CORPUS if item["fixed"] != item["text"]]
    for item in changed:
        assert f"-{item['text']}" in out and f"+{item['fixed']}" in out

    after = issue.read_text(encoding="utf-8").split("\n")
    for n, item in enumerate(CORPUS):
        assert after[first - 1 + 2 * n] == item["fixed"]
    remaining = [line for line in out[out.index("fixed 1 file(s); checking again") + 1:-1]]
    expected = [(first + 2 * n, code) for n, item in enumerate(CORPUS) for code in item["codes"] if code in ("BL203", "BL302")]
    assert [(int(line.split(":")[1]), line.split()[1]) for line in remaining] == expected
    assert all(line.startswith(f"{rel}:") for line in remaining)


ALPHABET = list("青禾市政府会议日月年号长 \u3000,.;:?!()\"'。，、（）“”【】〔〕[]0123456789abcXY@/-_`&<>#") + [
    "https://", "a@b.cn", "记者", "市长", "第一章", "2026年7月2日", "...", "(2026)8号", "&nbsp;"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=16).map("".join))
def test_fixes_never_change_han_characters(text: str) -> None:
    """Whatever the line, the prose fixes replace punctuation and spaces only."""
    fixed = apply_edits(text, prose_edits(text))
    assert re.sub(r"[^\u3007\u3400-\u9fff]", "", fixed) == re.sub(r"[^\u3007\u3400-\u9fff]", "", text)
