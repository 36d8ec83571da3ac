"""Our templates' HTML blocks pass through Markdown unparsed (site/verbatim.py), changing nothing."""
from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from bulletin.site.verbatim import END, START, VerbatimBlocks, verbatim
from conftest import run_bulletin

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html"]   # MkDocs' and ours, as built

HEAD = """<div class="bl-issue-head" data-search-exclude data-pagefind-ignore>
<header class="bl-masthead">
<h1 class="bl-series">青禾市工作简报</h1>
<p class="bl-number">第2期<span class="bl-total">（总第25期）</span></p>
</header>
</div>"""
TOC = """<nav class="bl-toc" aria-label="本期目录">
<p class="bl-toc-title">本期目录</p>
<ol>
<li><a href="#article-1">东湖区：*无证明* 城区 &amp; 数据</a></li>

<li><a href="#article-2">西岭区：一网统管</a></li>
</ol>
</nav>"""
PREFACE = """<div class="bl-preface" markdown="1">

**编者按：**本期刊发两篇。

</div>"""
BODY = "## 东湖区：无证明城区 {#article-1}\n\n东湖区梳理证明事项217项。\n\n## 西岭区 {#article-2}\n\n正文。\n"


def convert(text: str, verbatim_blocks: bool = True) -> str:
    extensions = EXTENSIONS + ([VerbatimBlocks()] if verbatim_blocks else [])
    return markdown.Markdown(extensions=extensions).convert(text)


def test_a_page_comes_out_byte_for_byte_as_markdown_made_it():
    marked = "\n\n".join([verbatim(HEAD), PREFACE, verbatim(TOC), BODY])
    plain = "\n\n".join([HEAD, PREFACE, TOC, BODY])
    html = convert(marked)
    assert html == convert(plain, verbatim_blocks=False)
    assert START not in html and END not in html
    assert "*无证明*" in html and "<strong>编者按：</strong>" in html   # a block is not Markdown; the preface is
    assert '<h2 id="article-1">' in html


def test_a_marked_block_is_not_read_by_markdown():
    """An unclosed <div> read as raw HTML swallows the Markdown after it; set aside, it cannot."""
    text = verbatim('<div class="bl-open">') + "\n\n" + BODY
    assert "<h2" not in convert(text.replace(START + "\n", "").replace("\n" + END, ""), verbatim_blocks=False)
    html = convert(text)
    assert html.startswith('<div class="bl-open">') and html.count("<h2") == 2


def test_markers_typed_by_an_editor_give_no_way_past_the_sanitizer(mini_project):
    source = mini_project / "bulletins/demo/2026/001.md"
    hostile = '<p onclick="alert(1)">点击</p><script>alert(2)</script><a href="javascript:alert(3)">链接</a>'
    source.write_text(source.read_text(encoding="utf-8").replace(
        "第二篇正文。", f"{START}\n{hostile}\n{END}\n\n第二篇正文。"), encoding="utf-8")
    assert run_bulletin(mini_project, "build", "--no-pdf").returncode == 0
    page = (mini_project / "site/demo/2026/001/index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(page, "html.parser").select_one("article")
    assert article.find("script") is None and not article.find_all(attrs={"onclick": True})
    assert "alert(" not in str(article) and "第二篇正文。" in article.get_text()
