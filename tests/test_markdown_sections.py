"""Splitting a body into 编者按 and articles (model/markdown.py): a level-2 heading starts an article,
except inside a fenced code block (``` or ~~~), and lines are counted from the body's first line."""
from __future__ import annotations

import pytest

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


FENCE_CASES = {
    # a fence never closed is no block: the page shows its ## as a heading (it was no article)
    "unclosed": "## 第一篇\n\n```\n代码\n\n## 第二篇\n\n正文。",
    # ```` is closed by ```` only, not by ```
    "longer opening": "## 第一篇\n\n````\n```\n## 不是标题\n````\n\n## 第二篇\n正文。",
    # an indented fence is no fence to fenced_code
    "indented": "## 第一篇\n\n  ```\n\n## 第二篇\n\n  ```\n",
    # a closing line with words after it closes nothing
    "closing with words": "## 第一篇\n\n~~~\n## 不是标题\n~~~ 又一行\n~~~\n\n## 第二篇\n正文。",
    # a backquote in the info string: no fence
    "backquote info": "## 第一篇\n\n``` a`b\n\n## 第二篇\n\n```\n## 代码里\n```\n",
    "two blocks": "```\n## 甲\n```\n\n## 第一篇\n\n~~~~\n## 乙\n~~~~\n\n## 第二篇\n",
}


@pytest.mark.parametrize("name", sorted(FENCE_CASES))
def test_articles_are_the_headings_the_page_shows(name: str) -> None:
    """The articles (本期目录, the PDF) and the page's headings come from one reading of the fences:
    Python-Markdown's, with the project's extensions."""
    import markdown
    from bs4 import BeautifulSoup

    from bulletin.print.context import MARKDOWN_CONFIG, MARKDOWN_EXTENSIONS
    body = FENCE_CASES[name]
    page = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG).convert(body)
    shown = [h2.get_text() for h2 in BeautifulSoup(page, "html.parser").find_all("h2")]
    _, sections = split_sections(body, 1)
    assert [s.title for s in sections] == shown and shown


def test_each_article_carries_the_footnotes_it_cites():
    """Print converts each article alone: a definition written at the end of the body goes with the
    article that cites it (its lines left blank, so line numbers stay); one cited nowhere stays."""
    body = ("编者按[^p]。\n\n## 甲\n\n正文[^a]和[^b]。\n\n## 乙\n\n正文[^b]。\n\n"
            "[^a]: 注甲。\n    续行。\n[^b]: 注乙\n接着。\n\n[^z]: 无人引用。\n\n[^p]: 前言注。")
    preface, (first, second) = split_sections(body, 1)
    assert preface == "编者按[^p]。\n\n\n[^p]: 前言注。"
    assert first.body == "正文[^a]和[^b]。\n\n\n[^a]: 注甲。\n    续行。\n\n[^b]: 注乙\n接着。"
    assert second.body.split("\n") == ["正文[^b]。", "", "", "", "[^b]: 注乙", "接着。", "", "[^z]: 无人引用。"]


def test_a_footnote_in_inline_code_is_not_a_citation():
    """`[^a]` is shown as written on the page: the article does not take [^a]'s definition, which
    goes with the article that cites it."""
    body = "## 甲\n\n写法如`[^a]`。\n\n## 乙\n\n正文[^a]。\n\n[^a]: 注。"
    _, (first, second) = split_sections(body, 1)
    assert first.body == "写法如`[^a]`。"
    assert second.body == "正文[^a]。\n\n[^a]: 注。"


def test_a_footnote_inside_code_is_neither_cited_nor_defined():
    body = "## 甲\n\n```\n[^a]\n```\n\n## 乙\n\n```\n[^a]: 代码。\n```\n"
    _, (first, second) = split_sections(body, 1)
    assert first.body == "```\n[^a]\n```" and second.body == "```\n[^a]: 代码。\n```"
