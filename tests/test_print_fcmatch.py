"""The preflight asks fontconfig in its own process (print/fcmatch.py) what fc-match would print:
the same answer for every pattern of the role stacks and for patterns that match only a fallback,
none or cannot be parsed; without the library, fonts.py runs fc-match as before."""
from __future__ import annotations

import subprocess

import pytest

from bulletin.print import fcmatch, fonts
from bulletin.print.fonts import DEFAULT_STACKS, FC_FORMAT

PATTERNS = sorted({p for stack in DEFAULT_STACKS.values() for p in stack} | {
    "No Such Family Zq", "Noto Sans CJK SC:style=Bold", "serif", ":lang=zh-cn", "LXGW WenKai:weight=200",
    "Noto Serif CJK SC:style=Black:slant=100", "宋体", ":::"})


def fc_match(pattern: str) -> str:
    return subprocess.run(["fc-match", "-f", FC_FORMAT, pattern], capture_output=True, text=True,
                          check=False, timeout=30).stdout


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_same_answer_as_fc_match(pattern):
    assert fcmatch.match(pattern, FC_FORMAT) == fc_match(pattern)


def test_the_answers_name_installed_cjk_faces():
    """Not two empty answers agreeing: the body stack's free face is found, with its family."""
    file, index, families, style, _ = fonts._fc_match("Noto Serif CJK SC")
    assert file.endswith((".ttc", ".otf", ".ttf")) and "Noto Serif CJK SC" in families and style


def test_fc_match_runs_only_without_the_library(monkeypatch):
    calls = []
    real = subprocess.run

    def counting(args, **kwargs):
        calls.append(args)
        return real(args, **kwargs)
    monkeypatch.setattr(fonts.subprocess, "run", counting)
    found = fonts._fc_match("Noto Serif CJK SC")
    assert calls == []                                   # the library answered
    monkeypatch.setattr(fcmatch, "_library", lambda: None)
    assert fonts._fc_match("Noto Serif CJK SC") == found  # fc-match's answer, the same
    assert len(calls) == 1 and calls[0][0] == "fc-match"
