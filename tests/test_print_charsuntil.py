"""tinyhtml5 parses a print HTML the same with its tokenizer's regexes taken from the cache
(print/charsuntil.py), and makes each regex once instead of once for every run of text."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from bulletin.print import charsuntil

HTML = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>第3期</title>
<style>@page { size: A4; } .masthead { color: #c00; } p::before { content: "　"; }</style></head>
<body><header class="masthead"><h1>青禾市数字政务工作简报</h1><p class=issue>第3期（总第26期）</p></header>
<!-- 目录 --><section id="article-1"><h2>全市政务服务事项&ldquo;一网通办&rdquo;率达98.6%</h2>
<p>3月12日，市政务服务中心召开推进会&amp;部署下一步工作。会议要求：<em>各区县</em>于4月底前完成。</p>
<table><tr><td>东湖区</td><td>96.2%</td></tr><tr><td>西岭区</td><td>97.5%</td></tr></table>
<ol><li>一是压实责任</li><li>二是强化督查</li></ol></section>
<footer><p>报：市领导</p><p>送：成员单位</p></footer></body></html>"""


@pytest.fixture()
def stream_class(monkeypatch):
    """tinyhtml5's stream class with its own chars_until and an empty regex cache."""
    from tinyhtml5 import inputstream
    own = charsuntil._wrapped.get("chars_until", inputstream.HTMLUnicodeInputStream.chars_until)
    monkeypatch.setattr(inputstream.HTMLUnicodeInputStream, "chars_until", own)
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    return inputstream, own


def _parse(html: str) -> bytes:
    import tinyhtml5
    return ET.tostring(tinyhtml5.parse(html, namespace_html_elements=False), encoding="utf-8")


def test_same_tree_same_regexes_each_made_once(stream_class, monkeypatch):
    inputstream, own = stream_class
    without = _parse(HTML)
    theirs = {key[0].pattern for key in inputstream.characters_until_regex}   # stored under the regex
    assert theirs and all(isinstance(key[0], re.Pattern) for key in inputstream.characters_until_regex)

    made, real = [], charsuntil.regex
    monkeypatch.setattr(charsuntil, "regex", lambda chars, opposite: made.append(chars) or real(chars, opposite))
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    monkeypatch.setattr(inputstream.HTMLUnicodeInputStream, "chars_until", charsuntil._cached(own))
    for _ in range(3):
        assert _parse(HTML) == without
    ours = {value.pattern for value in inputstream.characters_until_regex.values()}
    assert ours == theirs, "the same regexes as tinyhtml5 makes"
    assert len(made) == len(set(made)) == len(ours), "each made once, however many runs of text"
