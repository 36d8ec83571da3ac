"""Markup in an issue body that the website and the PDF showed wrongly, or not at all:

- a fence written ```python title="示例.py" (Material's form) was one inline code span, on the page and
  in print, and ``` { .python linenums } crashed both conversions with a traceback;
- a headline with an entity (## 数据 &#x3C; 标准) showed the entity itself (escaped a second time);
- a picture shown with raw HTML (<img src="photo.png">) pointed beside the page's folder, where the
  site has no such file (Markdown images were rewritten, HTML ones not);
- inline Markdown in a headline (**粗体**, a link, `code`) showed as its source in the PDF and in 本期目录;
- a footnote cited in one article and defined at the end of the body printed as [^1] in the PDF (print
  converts each article alone; the page converts the whole body).
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from bulletin.markdown_fences import fence_info
from conftest import FIXTURES, copy_project, run_bulletin

BODY = """
## 数据 &#x3C; 标准 &amp; 规范

``` { .python linenums }
y = 2
```

```python title="示例.py"
print("你好")
x = 1
```

<img src="photo.png" alt="原始图片">

## **重点**工作与[平台](https://example.org/p)`建设`

正文。

[^lj]: 蓝鲸计划的说明。
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("markup") / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"), encoding="utf-8")
    year = project / "bulletins/demo/2026"
    shutil.copy(FIXTURES / "injection" / "pic.png", year / "photo.png")
    issue = year / "001.md"
    text = issue.read_text(encoding="utf-8").replace("蓝鲸计划。", "蓝鲸计划[^lj]。")
    issue.write_text(text.rstrip("\n") + "\n" + BODY, encoding="utf-8")
    result = run_bulletin(project, "build")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return project


def _page(project: Path) -> BeautifulSoup:
    return BeautifulSoup((project / "site/demo/2026/001/index.html").read_text(encoding="utf-8"), "html.parser")


def _pdf_text(project: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(project / "site/demo/2026/001.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_fences_with_an_info_string_are_code_blocks_on_the_page_and_in_print(built: Path) -> None:
    blocks = [pre.get_text() for pre in _page(built).select("article pre, .md-content pre")]
    assert 'print("你好")\nx = 1\n' in blocks and "y = 2\n" in blocks
    assert not [c for c in _page(built).find_all("code") if "title=" in c.get_text()]
    lines = [line.strip() for line in _pdf_text(built).splitlines()]
    assert 'print("你好")' in lines and "x = 1" in lines and "y = 2" in lines
    assert not [line for line in lines if "title=" in line or "```" in line]


def test_a_headline_shows_its_entities_as_characters(built: Path) -> None:
    page = _page(built)
    assert "数据 < 标准 & 规范" in [h2.get_text() for h2 in page.find_all("h2")]
    assert "数据 < 标准 & 规范" in [a.get_text() for a in page.select("nav a")]
    assert not [line for line in _pdf_text(built).splitlines() if "&#x3C;" in line or "&amp;" in line]
    assert "数据 < 标准 & 规范" in _pdf_text(built)


def test_a_headline_shows_its_inline_markup_as_text(built: Path) -> None:
    page = _page(built)
    assert "重点工作与平台建设" in [h2.get_text() for h2 in page.find_all("h2")]
    assert "重点工作与平台建设" in [a.get_text() for a in page.select("nav a")]
    text = _pdf_text(built)
    assert text.count("重点工作与平台建设") == 2         # 本期目录 and the article's headline
    assert "**" not in text and "](" not in text and "`" not in text


def test_a_footnote_defined_at_the_end_is_printed_with_the_article_that_cites_it(built: Path) -> None:
    text = _pdf_text(built)
    assert "[^" not in text and text.count("蓝鲸计划的说明。") == 1
    assert text.index("蓝鲸计划的说明。") < text.rindex("第二篇文章")     # under the first article, not the last
    page = _page(built)            # the page, converted whole, had it right and still has
    assert page.get_text().count("蓝鲸计划的说明。") == 1 and page.find("a", class_="footnote-ref")


def test_a_raw_html_picture_points_where_the_site_has_it(built: Path) -> None:
    img = _page(built).find("img", alt="原始图片")
    target = built / "site" / urljoin("demo/2026/001/", img["src"])
    assert target.is_file() and target.read_bytes() == (FIXTURES / "injection" / "pic.png").read_bytes()


@pytest.mark.parametrize("info, expected", [
    ("python", "python"),                                   # fenced_code's own forms stay
    ('js hl_lines="1 2"', 'js hl_lines="1 2"'),
    ("", ""),
    ('python title="示例.py"', '{ .python title="示例.py" }'),
    ('{ .python title="a b" linenums="1" junk }', '{ .python title="a b" }'),
    ("{ .python linenums }", "{ .python }"),
    ('python onclick="x()"', "{ .python }"),
    ("{junk}", ""),
])
def test_fence_info(info: str, expected: str) -> None:
    assert fence_info(info) == expected


def _loaded(tmp_path: Path, body: str):
    from bulletin.errors import SourceError
    from bulletin.sources.loader import load_project
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    issue = project / "bulletins/demo/2026/001.md"
    head = issue.read_text(encoding="utf-8").split("## ")[0]
    issue.write_text(head + body, encoding="utf-8")
    try:
        return load_project(project).series["demo"].issues[0], []
    except SourceError as exc:
        return None, [(p.path, p.line, p.message) for p in exc.problems]


def test_an_attribute_list_ending_a_headline_is_not_its_text(tmp_path: Path) -> None:
    """## 标题 {#a} showed "标题 {#a} {#article-1}" on the page and "标题 {#a}" in print and 本期目录."""
    issue, problems = _loaded(tmp_path, "## 标题 {#a}\n\n文。\n\n## 标题二 {: .cls }\n\n文。\n")
    assert problems == [] and [s.title for s in issue.sections] == ["标题", "标题二"]


@pytest.mark.parametrize("headline, title", [
    ("**一、**重点工作", "一、重点工作"),
    ("关于[平台](https://example.org/a \"说明\")建设的*进展*", "关于平台建设的进展"),
    ("`青禾通`上线<sup>[^1]</sup>", "青禾通上线"),
    ("<span style=\"color:red\">红色</span>标题<script>alert(1)</script>", "红色标题"),
    ("1. 总体要求", "1. 总体要求"),            # a headline, not a list
    ("> 引言", "> 引言"),
    ("file_name_v2 的 \\*说明\\*", "file_name_v2 的 *说明*"),
])
def test_a_headline_is_the_text_its_inline_markup_shows(tmp_path: Path, headline: str, title: str) -> None:
    issue, problems = _loaded(tmp_path, f"## {headline}\n\n文。\n\n[^1]: 注。\n")
    assert problems == [] and [s.title for s in issue.sections] == [title]


@pytest.mark.parametrize("headline", ["![图](data:image/png;base64,AAAA)", "&nbsp;", "\u3000", "{#a}"])
def test_a_headline_that_shows_nothing_is_refused_at_its_line(tmp_path: Path, headline: str) -> None:
    """It printed the build's own {#article-1} on the page and an empty 本期目录 entry."""
    _, problems = _loaded(tmp_path, f"## 标题\n\n文。\n\n## {headline}\n\n文二。\n")
    assert [(line, message) for _, line, message in problems] == [
        (problems[0][1], "a headline with no text; expected the article's headline after '## '")]
    assert problems[0][1] > 6      # the second heading's line, after the front matter and the first


def test_a_headline_a_paragraph_long_is_refused(tmp_path: Path) -> None:
    """A 4,000-character headline took five minutes to balance over lines in the PDF build."""
    _, problems = _loaded(tmp_path, "## " + "啊" * 4000 + "\n\n文。\n")
    assert len(problems) == 1 and problems[0][2].startswith("a headline of 4000 characters; expected a headline")


def test_a_marking_a_paragraph_long_is_refused_at_its_line(tmp_path: Path) -> None:
    """A 5,000-character marking took a minute to lay out in print; a marking is a few words."""
    from bulletin.errors import SourceError
    from bulletin.sources.loader import load_project
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    issue = project / "bulletins/demo/2026/001.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace("date: 2026-03-05\n", "date: 2026-03-05\nmarking: "
                                                               + "内" * 5000 + "\n"), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_project(project)
    [problem] = info.value.problems
    assert (problem.line, problem.message.endswith("expected string should have at most 200 characters")) == (5, True)
    issue.write_text(issue.read_text(encoding="utf-8").replace("内" * 5000, "内部资料 注意保存"), encoding="utf-8")
    load_project(project)
