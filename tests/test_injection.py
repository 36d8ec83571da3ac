"""Injection payloads through the web and the print: nothing runs, nothing dangerous is left.

The payloads (tests/fixtures/injection/payloads.yml) cover the classes of the OWASP XSS filter
evasion cheat sheet as they can be written in a Markdown body. They go into a bulletin's 编者按 and
article, and front-matter strings get their own payloads (title, series title, marking, notice fields).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, copy_project, run_bulletin, serve_folder

PAYLOADS = yaml.safe_load((FIXTURES / "injection" / "payloads.yml").read_text(encoding="utf-8"))
RENDERED = [p for p in PAYLOADS if p["expected"] == "rendered"]
REFUSED = [p for p in PAYLOADS if p["expected"] == "refused"]
FIELD = "</title><script>alert('xss')</script>\"><img src=x onerror=alert('xss')>"
DANGEROUS_URL = re.compile(r"^\s*(?:javascript|vbscript|data|file):", re.I)
DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "form", "meta", "base", "svg", "math", "style", "link",
                  "input", "button", "frame", "frameset")


def _body(payloads: list[dict]) -> str:
    preface = "\n\n".join(p["payload"] for p in payloads[:5])
    article = "\n\n".join(p["payload"] for p in payloads)
    return f"{preface}\n\n## 注入测试文章\n\n{article}\n"


def _hostile_project(root: Path, payloads: list[dict]) -> Path:
    project = copy_project(FIXTURES / "mini", root)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"), encoding="utf-8")
    series = project / "bulletins" / "demo"
    (series / "series.yml").write_text(
        (series / "series.yml").read_text(encoding="utf-8").replace("title: 示例工作简报", f"title: {json.dumps(FIELD)}"),
        encoding="utf-8")
    shutil.copy(FIXTURES / "injection" / "pic.png", series / "2026" / "pic.png")
    front = f"---\nissue: 1\ntotal: 7\ndate: 2026-03-05\ntitle: {json.dumps(FIELD)}\nmarking: {json.dumps(FIELD)}\n---\n"
    (series / "2026" / "001.md").write_text(front + _body(payloads), encoding="utf-8")
    notice = project / "bulletins" / "notice"
    (notice / "2026").mkdir(parents=True)
    shutil.copy(FIXTURES / "injection" / "pic.png", notice / "2026" / "pic.png")
    (notice / "series.yml").write_text("title: 测试市人民政府办公室文件\noffice: 测试市人民政府办公室\nkind: notice\n",
                                       encoding="utf-8")
    fields = {"issue": 1, "date": "2026-03-05", "doc_number": "测政办函〔2026〕1号", "title": FIELD,
              "addressees": FIELD, "issuer": FIELD, "note": FIELD, "cc": [FIELD],
              "contact": {"name": FIELD, "phone": FIELD}, "printed_by": FIELD}
    body = "## 一、总体要求\n\n" + "\n\n".join(p["payload"] for p in payloads[:12]) + "\n"
    (notice / "2026" / "001.md").write_text("---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n\n" + body,
                                            encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    project = _hostile_project(tmp_path_factory.mktemp("hostile") / "p", RENDERED)
    result = run_bulletin(project, "build")
    assert result.returncode == 0, result.stderr
    return project


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_dangerous_markup_in_any_page(hostile_build: Path) -> None:
    site = hostile_build / "site"
    checked = 0
    for page in _pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert not handlers, f"{page}: <{element.name} {handlers}>"
            for attr in ("href", "src", "action", "formaction", "srcdoc", "data", "poster"):
                value = element.get(attr)
                assert not (isinstance(value, str) and DANGEROUS_URL.match(value)), f"{page}: {element}"
            assert element.get("style") is None or "md-" in " ".join(element.get("class", [])), f"{page}: {element}"
        for content in soup.select("article"):
            found = [e.name for e in content.find_all(DANGEROUS_TAGS)]
            assert not found, f"{page}: {found}"
            assert not content.select('[class*="md-search"], [class*="md-header"]'), "class spoofing survived"
            checked += 1
    assert checked >= 4


def test_front_matter_strings_are_text_everywhere(hostile_build: Path) -> None:
    site = hostile_build / "site"
    issue = (site / "demo" / "2026" / "001" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(issue, "html.parser")
    assert soup.title.string.startswith(FIELD), "the <title> shows the title as text"
    assert FIELD in soup.select_one("article").get_text(), "the masthead shows the series title as text"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):     # the search UI inserts both as HTML
            fragment = BeautifulSoup(doc.get(key, ""), "html.parser")
            assert not fragment.find_all(DANGEROUS_TAGS + ("img",)), doc
            assert not [e for e in fragment.find_all(True) if any(a.startswith("on") for a in e.attrs)], doc
    notice = BeautifulSoup((site / "notice" / "2026" / "001" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert notice.select_one("article").get_text().count(FIELD) >= 5   # title, 主送, 署名, 附注, 联系人…


def test_nothing_runs_in_chromium(hostile_build: Path, browser) -> None:
    site = hostile_build / "site"
    dialogs: list[str] = []
    with serve_folder(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        for html in _pages(site):
            path = html.relative_to(site).as_posix().removesuffix("index.html")
            page.goto(f"{base}/{path}", wait_until="load")
            page.mouse.move(200, 300)
            page.keyboard.press("Tab")
        page.goto(f"{base}/")    # search shows titles from the index as HTML
        page.click("label.md-search__icon, .md-search__input", force=True)
        page.keyboard.type("script")
        page.keyboard.press("End")
        page.wait_for_timeout(1500)
        executed = page.evaluate("() => window.__xss === true")
        context.close()
    assert dialogs == [] and not executed


def test_no_script_or_foreign_links_in_pdfs(hostile_build: Path) -> None:
    from pypdf import PdfReader
    pdfs = sorted((hostile_build / "site").rglob("*.pdf"))
    assert len(pdfs) == 4     # three public documents and the demo series' 2026 volume, which prints them again
    assert any(p.name == "demo-2026-volume.pdf" for p in pdfs)
    for pdf in pdfs:
        reader = PdfReader(pdf)
        assert "/JavaScript" not in str(reader.trailer["/Root"].get("/Names", {})), pdf
        assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {})), pdf
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A") or {}
                assert action.get("/S") in (None, "/URI", "/GoTo"), (pdf, action)
                uri = str(action.get("/URI", ""))
                assert not uri or re.match(r"^(https?:|mailto:|tel:)", uri), (pdf, uri)
        text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
        if pdf.name == "001.pdf":   # front-matter strings print as the text they are
            assert "<script>alert('xss')</script>" in text, pdf


@pytest.mark.parametrize("payload", REFUSED, ids=[p["name"] for p in REFUSED])
def test_references_out_of_the_project_are_refused(tmp_path: Path, payload: dict) -> None:
    from bulletin.errors import SourceError
    from bulletin.sources.loader import load_project
    project = _hostile_project(tmp_path / "p", [payload])
    with pytest.raises(SourceError) as caught:
        load_project(project)
    lines = [str(p) for p in caught.value.problems]
    # once in the 编者按 and once in the article (the notice repeats the first 12 payloads)
    assert all(line.startswith(("bulletins/demo/2026/001.md:", "bulletins/notice/2026/001.md:")) for line in lines)
    assert all("reference" in line and "expected" in line for line in lines), lines


def test_refused_without_pdfs_too_and_nothing_written(tmp_path: Path) -> None:
    project = _hostile_project(tmp_path / "p", [p for p in REFUSED if p["name"] == "markdown image file url"])
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "file:///etc/passwd" in result.stderr and "file:// URL" in result.stderr
    assert not (project / "site").exists()


def test_sample_pdfs_link_nowhere_local(sample_build: Path) -> None:
    """Relative links on paper would point at the build machine (file://…): none in any sample PDF."""
    from pypdf import PdfReader
    pdfs = sorted(sample_build.rglob("site/**/*.pdf")) + sorted(sample_build.rglob("print/**/*.pdf"))
    assert len(pdfs) >= 10
    for pdf in pdfs:
        for page in PdfReader(pdf).pages:
            for annot in page.get("/Annots") or []:
                uri = str((annot.get_object().get("/A") or {}).get("/URI", ""))
                assert not uri or re.match(r"^(https?:|mailto:|tel:)", uri), (pdf, uri)


@pytest.mark.parametrize("setting, key, words", [
    ("site_name: \"青禾</title><script>alert('sitename')</script>\"", "site_name", "holds HTML markup"),
    ("site_description: \"\\\"><script>alert('sitedesc')</script>\"", "site_description", "holds HTML markup"),
    ("extra:\n  site_info:\n    icp: 青ICP备00000000号\n    icp_url: \"javascript:alert('icpurl')\"", "icp_url",
     "is not a web address"),
    ("extra:\n  site_info:\n    links:\n      - {title: x, url: \"javascript:alert('linkurl')\"}", "url",
     "is not a web address"),
])
def test_mkdocs_yml_values_pages_print_are_refused_when_they_carry_markup(tmp_path: Path, setting, key, words) -> None:
    """MkDocs and Material print site_name and site_description unescaped on every page, and the footer
    links to extra's addresses: markup or a javascript: address there ran script on every page."""
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("site_name: 测试站点\n", "" if key == "site_name" else "site_name: 测试站点\n") + setting + "\n"
    config.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if re.search(rf"(^|[\s{{,]){key}:", t))
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"mkdocs.yml:{line}: " in result.stderr and words in result.stderr, result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize("setting, key, words", [
    ("site_author: 'x\"><script>alert(1)</script>'", "site_author", "holds HTML markup"),
    ("nav:\n  - \"<img src=x onerror=alert(1)>\": index.md", "nav", "holds HTML markup"),
    ("extra_css: ['x.css\"><script>alert(1)</script>']", "extra_css", "holds HTML markup"),
    ("extra_javascript: ['https://evil.example/x.js']", "extra_javascript", "outside the site"),
    ("extra:\n  homepage: 'https://x/\"><script>alert(1)</script>'", "homepage", "holds HTML markup"),
    ("extra:\n  analytics: {provider: google, property: G-XXXX}", "analytics", "tracker from elsewhere"),
    ("extra:\n  consent: {title: \"<img src=x onerror=alert(1)>\"}", "title", "holds HTML markup"),
    ("extra:\n  z: !!python/object/apply:os.system [\"touch pwned\"]", "z", "!!python tag naming os.system"),
])
def test_other_mkdocs_yml_values_pages_print_or_load_are_refused(tmp_path: Path, setting, key, words) -> None:
    """An outside probe's second round: site_author, nav titles, extra_css/extra_javascript, extra's
    homepage, analytics and consent ran script or loaded from elsewhere on every page; a !!python
    tag ran a command while MkDocs read the file."""
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") + setting + "\n"
    config.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if re.search(rf"(^|[\s{{,]){key}\s*:", t))
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"mkdocs.yml:{line}: " in result.stderr and words in result.stderr, result.stderr
    assert not (project / "site").exists() and not (project / "pwned").exists()
