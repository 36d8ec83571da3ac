"""Front matter YAML read by libyaml's parser (fast) and by PyYAML's (its errors): the two must agree.

`yamlsrc.parse` reads with libyaml when PyYAML has it and falls back to PyYAML's own parser for any
text libyaml refuses. So a text both accept must give the same data and the same line for every
value (the two place an empty value's node differently, but no line shown comes from that), a text that
breaks a rule of ours (anchors, tags, depth, a key twice) must be refused by both in the same words,
and libyaml must never accept what PyYAML refuses. Where they differ (a tab, a second byte order
mark: found by this test), parse() leaves the text to PyYAML.
"""
from __future__ import annotations

import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.sources import yamlsrc
from bulletin.sources.yamlsrc import YamlSyntaxError, _FastLoader, _load, _Loader, _Refused

EXAMPLES = int(os.environ.get("BULLETIN_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="BULLETIN_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from(["title: ", "issue: 3", "date: 2026-03-05", "报: [市领导, 市委办]", "送:\n  - 成员单位\n",
                          "- ", "  ", "\t", ": ", "&a ", "*a", "!!str ", "!x ", "? ", "{", "}", "[", "]", ",", "'",
                          '"', "|\n  ", ">-\n  ", "#", "\n", "---\n", "...\n", "%YAML 1.1\n", "\\", "\u3000",
                          "\ufeff", "\x00", "\x85", "关于做好数据共享工作的通知", "青政办函〔2026〕8号", "：", "true",
                          "~", "0x1F", "1e3", "2026-02-30", "=", "<<: ", "@", "`"])
RAW = st.lists(PIECES, max_size=30).map("".join)
VALUE = st.recursive(st.one_of(st.integers(), st.booleans(), st.none(), st.text(max_size=20), st.floats()),
                     lambda inner: st.one_of(st.lists(inner, max_size=4),
                                             st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                     max_leaves=12)
DUMPED = st.builds(lambda value, flow, width: yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow,
                                                             width=width),
                   VALUE, st.sampled_from([False, True, None]), st.sampled_from([20, 80]))

def paths(data, here=()) -> list[tuple]:
    """Every path of keys and indexes into the data, as YamlDoc.line_of takes them."""
    found = [here]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*here, index))
    return found


def outcome(loader, text: str):
    try:
        data, node = _load(loader, text, 1)
    except _Refused as exc:
        return "refused", str(exc), exc.line
    except yaml.YAMLError:
        return "error"
    doc = yamlsrc.YamlDoc(data, node, 1)    # the lines an editor is shown: line_of every path
    return "read", repr(data), [(path, doc.line_of(path)) for path in paths(data)]


def test_libyaml_is_what_reads_front_matter():
    """The fast parser is there (PyYAML's wheels bring libyaml), or this module's speed claim is void."""
    assert yaml.__with_libyaml__ and yamlsrc._FastLoader is not None


@FUZZ
@given(text=st.one_of(RAW, DUMPED))
def test_both_parsers_agree(text):
    fast, slow = outcome(_FastLoader, text), outcome(_Loader, text)
    if fast == "error" or any(c in text for c in yamlsrc._PYYAML_ONLY):   # parse() reads these with PyYAML's
        return
    assert fast == slow


@pytest.mark.parametrize("text, rule", [
    ("title: &t 标题\nnote: *t\n", "anchors and aliases"),
    ("title: !!python/name:os.system x\n", "explicit YAML tag"),
    ("a:\n" + "".join("  " * n + "- \n" for n in range(1, 45)), "nested more than"),
    ("title: 一\nissue: 3\ntitle: 二\n", r"appears twice \(first on line 1\)"),
])
def test_our_rules_are_kept_by_the_fast_parser(text, rule):
    """The refusals are made while composing, which stays in Python under libyaml's parser too."""
    with pytest.raises(_Refused, match=rule):
        _load(_FastLoader, text, 1)
    with pytest.raises(YamlSyntaxError, match=rule):
        yamlsrc.parse(text)


@pytest.mark.parametrize("text, line, words", [
    ("title: [未闭合\nissue: 3\n", 1, "YAML syntax error: while parsing a flow sequence"),
    ("title: 标题\n  issue: 3\n", 2, "mapping values are not allowed here"),
    ("title: \"未闭合\n", 1, "while scanning a quoted scalar"),
])
def test_syntax_errors_are_worded_by_pyyaml(text, line, words):
    """A text libyaml refuses is reported with PyYAML's words and line, as before libyaml read it."""
    with pytest.raises(YamlSyntaxError) as caught:
        yamlsrc.parse(text, first_line=2)
    assert caught.value.line == line + 1
    assert words in caught.value.message


@pytest.mark.parametrize("text, read", [("title: \t\n", None), ("a:\t1\n", None),
                                        ("\ufeff\ufefftitle: 标题\n", {"\ufefftitle": "标题"})])
def test_where_the_parsers_differ_pyyaml_reads(text, read):
    """libyaml takes a tab after the colon as a space and skips every byte order mark; PyYAML, which
    has always read front matter here, refuses the tab and keeps the second mark in the key."""
    assert outcome(_FastLoader, text) != outcome(_Loader, text)
    if read is None:
        with pytest.raises(YamlSyntaxError, match="cannot start any token"):
            yamlsrc.parse(text)
    else:
        assert yamlsrc.parse(text).data == read


@pytest.mark.parametrize("text, value", [
    ("issue: 1:30", "1:30"),        # YAML 1.1: 90 (base 60), published as 第90期
    ("issue: 0x2", "0x2"),
    ("issue: 010", "010"),          # YAML 1.1: 8 (octal)
    ("issue: 1_000", "1_000"),
    ("total: 1:30.5", "1:30.5"),
    ("issue: 12", 12),
    ("issue: -3", -3),
])
def test_numbers_are_decimal_and_anything_else_is_text(text: str, value) -> None:
    key = text.split(":")[0]
    assert yamlsrc.parse(text).data[key] == value


def test_a_merge_key_is_a_key_not_a_merge() -> None:
    """<<: {issue: 2} merged another mapping in, though anchors and aliases are refused."""
    assert yamlsrc.parse("<<: {issue: 2}\ndate: x").data == {"<<": {"issue": 2}, "date": "x"}


def test_an_issue_number_in_base_60_is_refused_at_its_line(tmp_path) -> None:
    from bulletin.errors import SourceError
    from bulletin.sources.loader import load_project
    from conftest import FIXTURES, copy_project
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    issue = project / "bulletins/demo/2026/001.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace("issue: 1\n", "issue: 1:30\n"), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_project(project)
    assert [(p.path, p.line) for p in info.value.problems] == [("bulletins/demo/2026/001.md", 2)]
    assert "1:30" in info.value.problems[0].message
