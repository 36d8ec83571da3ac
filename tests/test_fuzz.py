"""Property-based fuzzing of sources (issue 8): whatever an editor (or a paste) puts in a front matter or
a body, loading and rendering either work or stop with the project's own SourceError — never another
exception. `make test` runs the same 80 examples per property every time (about half a minute in all,
so the whole suite stays under ten minutes); `make fuzz` runs 5,000 random ones, and any number is

    BULLETIN_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py -p no:cacheprovider

The importer has its own fuzz test beside its tests.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.errors import SourceError
from bulletin.kinds import kind_of
from bulletin.model.publication import Publication
from bulletin.print.context import PrintContext
from bulletin.site.pages import SiteContext, issue_page
from bulletin.sources.loader import load_project
from conftest import FIXTURES, ROOT, copy_project

EXAMPLES = int(os.environ.get("BULLETIN_FUZZ_EXAMPLES", "80"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="BULLETIN_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

KINDS = {"demo": "bulletin", "tz": "notice", "fa": "plan", "bd": "report"}
FIELDS = ["issue", "date", "title", "total", "visibility", "marking", "supplement", "extra", "distribution",
          "doc_number", "addressees", "numbering", "attachments", "issuer", "note", "contact", "cc",
          "printed_by", "printed_date", "place", "source", "todo", "报", "送", "发", "literal"]

# Characters that matter to YAML, Markdown, HTML and the Chinese analysis, plus plain Chinese text.
ALPHABET = st.sampled_from(list("&*!|>-:{}[]#%@`'\",?\\<>=/ \t\n一二三四五六七八九十、（）()〔〕第期号附件：，。；"
                                "青禾市政府办公室关于做好工作的通知报送发年月日0123456789abc\u3000\u200b\ufeff"))
TEXT = st.text(ALPHABET, max_size=60)
SCALAR = st.one_of(st.integers(-5, 3000), st.booleans(), st.none(), TEXT, st.floats(allow_nan=True),
                   st.dates().map(lambda d: d.isoformat()), st.sampled_from(["2026-03-05", "2026-02-30", "第3期"]))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.sampled_from(FIELDS + ["title", "file"]),
                                                                     inner, max_size=4)), max_leaves=12)
OFFICIAL = {"issue": 3, "date": "2026-03-05", "title": "关于做好数据共享工作的通知", "doc_number": "青政办函〔2026〕8号",
            "issuer": "青禾市人民政府办公室"}
GOOD = {"demo": {"issue": 3, "date": "2026-03-05"}, "tz": OFFICIAL, "fa": OFFICIAL,
        "bd": {"issue": 3, "date": "2026-03-05", "title": "全市数据共享工作推进会召开"}}

BODY_PIECES = st.sampled_from([
    "## 一、总体要求\n\n", "### （一）工作目标\n\n", "1. 第一项\n2. 第二项\n", "**加粗**", "<b>粗</b>",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[链接](javascript:alert(1))",
    "![图](missing.png)", "![图](../../../print/x.pdf)", "| 序号 | 任务 |\n|---|---|\n| 1 | 甲 |\n",
    "牵头单位：市大数据局\n", "责任单位：各区县\n", "附件：1. 名单\n", "```\ncode ``` \n", "```\n", "> 引用\n",
    "[^1]\n\n[^1]: 注释\n", "{: .bl-x }\n", "<div markdown>\n## 标题\n</div>\n", "\n\n", "　", "—2—\n",
    "编者按：", "（本报记者 张三）", "2026年3月5日\n", "\\", "<!--", "-->", "&amp;", "&#0;", "\x00", "\x1b",
])
BODY = st.lists(st.one_of(BODY_PIECES, TEXT), max_size=25).map("".join)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Path:
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("fuzz") / "p")
    for slug, kind in KINDS.items():
        folder = root / "bulletins" / slug
        (folder / "2026").mkdir(parents=True, exist_ok=True)
        if slug != "demo":
            (folder / "series.yml").write_text(f"title: 测试{kind}\noffice: 青禾市人民政府办公室\nkind: {kind}\n",
                                               encoding="utf-8")
    return root


def _render(root: Path) -> None:
    project = load_project(root)
    publication = Publication(project)
    site = SiteContext(publication, root / "overrides", pdf=False)
    printing = PrintContext(root, ROOT / "overrides")
    for issue in project.all_issues():
        issue_page(issue, site)
        kind = kind_of(issue)
        if kind.print_html is not None:
            kind.print_html(issue, printing)
            kind.print_texts(issue, printing)


def _try(root: Path, slug: str, text: str) -> None:
    target = root / "bulletins" / slug / "2026" / "009.md"
    for other in (root / "bulletins").glob("*/2026/009.md"):
        other.unlink()
    target.write_text(text, encoding="utf-8")
    try:
        _render(root)
    except SourceError as exc:
        for problem in exc.problems:      # every problem is one line with a place and an expectation
            assert "\n" not in str(problem) and "; expected" in problem.message or "expected" in problem.message
    finally:
        target.unlink()


@FUZZ
@given(slug=st.sampled_from(list(KINDS)), front=st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=8),
       keep=st.booleans(), body=BODY)
def test_any_front_matter_loads_or_fails_cleanly(fuzz_project, slug, front, keep, body):
    data = {**GOOD[slug], **front} if keep else front
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _try(fuzz_project, slug, f"---\n{text}---\n{body}")


@FUZZ
@given(slug=st.sampled_from(list(KINDS)), raw=st.text(ALPHABET, max_size=300), body=BODY)
def test_any_raw_front_matter_text_loads_or_fails_cleanly(fuzz_project, slug, raw, body):
    good = yaml.safe_dump(GOOD[slug], allow_unicode=True, sort_keys=False)
    _try(fuzz_project, slug, f"---\n{good}{raw}\n---\n{body}")


@FUZZ
@given(slug=st.sampled_from(list(KINDS)), body=BODY)
def test_any_body_loads_or_fails_cleanly(fuzz_project, slug, body):
    good = yaml.safe_dump(GOOD[slug], allow_unicode=True, sort_keys=False)
    _try(fuzz_project, slug, f"---\n{good}---\n{body}")


def test_the_fuzz_project_itself_renders(fuzz_project):
    """The harness is live: a good issue of each kind loads and renders (so failures above are real)."""
    for slug in KINDS:
        good = yaml.safe_dump(GOOD[slug], allow_unicode=True, sort_keys=False)
        target = fuzz_project / "bulletins" / slug / "2026" / "009.md"
        body = "## 一、总体要求\n\n正文。\n" if slug != "demo" else "## 第一篇\n\n正文。\n"
        target.write_text(f"---\n{good}---\n{body}", encoding="utf-8")
        try:
            _render(fuzz_project)
        except SourceError as exc:
            pytest.fail(f"{slug}: {exc}")
        finally:
            target.unlink()
    shutil.rmtree(fuzz_project / "site", ignore_errors=True)


FENCE_LINES = st.sampled_from(["```", "````", "~~~", "~~~~", "  ```", "``` py", "```x`y", "```  ", "~~~ 注",
                               "## 甲", "## 乙", "## 丙 ##", "", "", "文字", "    缩进", "> 引用"])


@FUZZ
@given(lines=st.lists(FENCE_LINES, max_size=14))
def test_articles_are_the_headings_the_page_shows(lines: list[str]) -> None:
    """Fences, however paired or left open, are read the same by the articles (model/markdown.py) as
    by the page (Python-Markdown with the project's extensions): the same level-2 headings."""
    import markdown
    from bs4 import BeautifulSoup

    from bulletin.model.markdown import split_sections
    from bulletin.print.context import MARKDOWN_CONFIG, MARKDOWN_EXTENSIONS
    body = "\n".join(lines)
    page = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG).convert(body)
    shown = [h2.get_text().strip() for h2 in BeautifulSoup(page, "html.parser").find_all("h2")]
    assert [s.title for s in split_sections(body, 1)[1]] == shown
