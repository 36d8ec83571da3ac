"""Splitting a body into 编者按 and articles (model/markdown.py): a level-2 heading starts an article,
except inside a fenced code block (``` or ~~~), and lines are counted from the body's first line."""
from __future__ import annotations

from bulletin.model.markdown import split_sections


def test_headings_outside_code_start_articles():
    body = "编者按文字。\n\n## 第一篇\n\n正文一。\n### 小标题\n\n##  第二篇 ##\n正文二。"
    preface, sections = split_sections(body, 5)
    assert preface == "编者按文字。"
    assert [(s.title, s.line) for s in sections] == [("第一篇", 7), ("第二篇", 12)]
    assert sections[0].body == "正文一。\n### 小标题"
    assert sections[1].body == "正文二。"


def test_a_heading_inside_a_fence_is_text():
    for fence in ("```", "~~~~"):
        body = f"## 第一篇\n\n{fence}\n## 不是标题\n{fence}\n\n## 第二篇\n正文。"
        _, sections = split_sections(body, 1)
        assert [s.title for s in sections] == ["第一篇", "第二篇"]
        assert "## 不是标题" in sections[0].body


def test_a_body_without_headings_is_all_preface():
    preface, sections = split_sections("\n只有一段话。\n#不是标题\n", 3)
    assert (preface, sections) == ("只有一段话。\n#不是标题", [])
