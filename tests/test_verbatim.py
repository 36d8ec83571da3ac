"""Our templates' HTML blocks are set aside while Markdown (and, for those it leaves out of its index,
the search plugin) read a page, and put back after (site/verbatim.py), changing nothing in the page."""
from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from bulletin.sanitize import clean_html
from bulletin.site.verbatim import END, START, cleaned, ours, put_back, searched, set_aside, verbatim
from conftest import run_bulletin

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html"]   # MkDocs' and ours, as built

HEAD = """<div class="bl-issue-head" data-search-exclude="" data-pagefind-ignore="">
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


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def searched_body(text: str, blocks: list[str]) -> str:
    """The body a search plugin reads: Markdown's, sanitized, with the blocks it indexes back (a
    block only our templates wrote as it is, any other sanitized)."""
    return put_back(clean_html(convert(text)), blocks, cleaned(clean_html), searched)


def read_with_blocks_aside(text: str) -> str:
    """What the plugin does: set aside, Markdown, the sanitizer and the indexed blocks back (then the
    search plugin reads it), then the other blocks back the same way."""
    text, blocks = set_aside(text)
    return put_back(searched_body(text, blocks), blocks, cleaned(clean_html))


def test_a_page_comes_out_byte_for_byte_as_markdown_made_it():
    marked = "\n\n".join([verbatim(HEAD), PREFACE, verbatim(TOC), BODY])
    plain = "\n\n".join([HEAD, PREFACE, TOC, BODY])
    html = read_with_blocks_aside(marked)
    assert html == clean_html(convert(plain))
    assert START not in html and END not in html and "bl-verbatim" not in html
    assert "*无证明*" in html and "<strong>编者按：</strong>" in html   # a block is not Markdown; the preface is
    assert '<h2 id="article-1">' in html


def test_markdown_sees_only_placeholders_and_the_search_plugin_what_it_indexes():
    text, blocks = set_aside("\n\n".join([verbatim(HEAD), PREFACE, verbatim(TOC), BODY]))
    assert blocks == [HEAD, TOC]
    assert "bl-masthead" not in text and "本期目录" not in text and "编者按" in text
    assert not searched(HEAD) and searched(TOC)      # this TOC, unlike the templates', is not excluded
    body = searched_body(text, blocks)               # what Material's search plugin is given
    assert body.startswith('<div class="bl-verbatim-0"></div>') and "bl-masthead" not in body
    assert '<nav class="bl-toc"' in body and "bl-verbatim-1" not in body


def test_a_marked_block_is_not_read_by_markdown():
    """An unclosed <div> read as raw HTML swallows the Markdown after it; set aside, it cannot."""
    assert "<h2" not in convert('<div class="bl-open">\n\n' + BODY)
    assert read_with_blocks_aside(verbatim('<div class="bl-open">') + "\n\n" + BODY).count("<h2") == 2


def test_a_placeholder_that_names_no_block_stays_empty():
    html = '<div class="bl-verbatim-0"></div><p>正文</p><div class="bl-verbatim-7"></div>'
    assert put_back(html, ["<p>报头</p>"], clean_html) == '<p>报头</p><p>正文</p><div class="bl-verbatim-7"></div>'


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


def test_only_blocks_our_templates_wrote_skip_the_sanitizer():
    """A block comes back unsanitized only when this process's templates wrote exactly it: the same
    markers around other HTML, or around our block changed by one character, are sanitized."""
    written = '<p class="bl-number">第2期</p>'
    verbatim(written)
    hostile = '<p class="bl-number" onclick="alert(1)">第2期</p>'
    assert ours(written) and not ours(hostile) and not ours(written.replace("2", "3"))
    source = f"{START}\n{written}\n{END}\n\n{START}\n{hostile}\n{END}\n\n正文\n"
    assert set_aside(source)[1] == [written, hostile]
    html = read_with_blocks_aside(source)
    assert html.count('<p class="bl-number">第2期</p>') == 2 and "onclick" not in html and "alert" not in html


def test_a_block_ends_at_its_end_marker_whatever_follows_it():
    """A template may go on with more HTML right after ``{% endfilter %}``; the block still ends at its
    own end marker and never takes the Markdown after it (a year heading of an archive page, once)."""
    text = verbatim(HEAD) + '<p class="bl-archive-count">共2期</p>\n\n## 2026年\n\n' + verbatim(TOC) + "\n"
    aside, blocks = set_aside(text)
    assert blocks == [HEAD, TOC]
    assert "\n## 2026年\n" in aside and '<p class="bl-archive-count">共2期</p>' in aside
