"""Publication is decided once (model/publication.py), and the built site holds exactly what it says.

Every combination: each kind × public/internal series × public/internal issue. Each issue carries a
marker word of its own; an internal one must appear nowhere under site/ (pages, search index,
sitemap, feeds, listings), and its PDF only under print/.
"""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, copy_project, run_bulletin

KINDS = ("bulletin", "notice", "plan", "report")
THEME_PARTS = ("assets/", "search/", "sitemap.xml", "sitemap.xml.gz", "404.html", "index.html", "objects.inv",
               ".bulletin-output.json")   # the build's list of what it wrote (tests/test_outputs.py)


def _marker(kind: str, series_public: bool, issue_public: bool) -> str:
    # distinct Chinese words per combination, so a leak is found by plain text search
    words = {"bulletin": "简讯", "notice": "通告", "plan": "规划", "report": "纪要"}
    return f"标记{words[kind]}{'甲' if series_public else '乙'}{'丙' if issue_public else '丁'}"


def _front(kind: str, number: int, issue_public: bool, marker: str) -> dict:
    front = {"issue": number, "date": f"2026-05-{number:02d}", "visibility": "public" if issue_public else "internal"}
    if kind in ("notice", "plan"):
        front |= {"doc_number": f"测政办发〔2026〕{number}号", "title": f"关于{marker}的通知", "issuer": "测试市人民政府办公室"}
    elif kind == "report":
        front |= {"title": f"会议{marker}"}
    return front


def _body(kind: str, marker: str) -> str:
    if kind == "bulletin":
        return f"## 工作动态{marker}\n\n正文写到{marker}，以便检查。\n"
    if kind == "report":
        return f"会议指出{marker}。\n"
    return f"## 一、总体要求\n\n正文写到{marker}（牵头单位：市政府办公室）。\n"


def build_matrix(root: Path) -> Path:
    project = copy_project(FIXTURES / "mini", root)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"), encoding="utf-8")
    number = 0
    for kind, series_public in itertools.product(KINDS, (True, False)):
        folder = project / "bulletins" / f"{kind}-{'pub' if series_public else 'int'}"
        (folder / "2026").mkdir(parents=True)
        (folder / "series.yml").write_text(yaml.safe_dump({
            "title": f"测试{kind}{'公开' if series_public else '内部'}系列", "office": "测试市人民政府办公室",
            "kind": kind, "visibility": "public" if series_public else "internal"}, allow_unicode=True), encoding="utf-8")
        for issue_public in (True, False):
            number += 1
            marker = _marker(kind, series_public, issue_public)
            text = "---\n" + yaml.safe_dump(_front(kind, number, issue_public, marker), allow_unicode=True) + \
                "---\n\n" + _body(kind, marker)
            (folder / "2026" / f"{number:03d}.md").write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> tuple[Path, object]:
    from bulletin.model.publication import Publication
    from bulletin.sources.loader import load_project
    project = build_matrix(tmp_path_factory.mktemp("matrix") / "p")
    result = run_bulletin(project, "build")
    assert result.returncode == 0, result.stderr
    return project, Publication(load_project(project))


def site_texts(site: Path) -> dict[str, str]:
    """Every file of the site as the text a reader or a crawler gets: JSON decoded (the search index
    escapes CJK as \\uXXXX), gzip opened, the zero-width spaces of the word segmentation removed."""
    import gzip
    import json
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix in (".png", ".woff2", ".pdf", ".js", ".css", ".map"):
            continue
        data = path.read_bytes()
        data = gzip.decompress(data) if path.suffix == ".gz" else data
        text = data.decode("utf-8", errors="replace")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        texts[path.relative_to(site).as_posix()] = text.replace("\u200b", "")
    return texts


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_the_site_holds_exactly_what_publication_says(matrix) -> None:
    project, publication = matrix
    printed = project_issues = publication.project.all_issues()
    pdfs = publication.pdf_paths(printed)
    for series in publication.project.series.values():   # the bound volumes of bulletin series
        if series.kind == "bulletin":
            for _, folder, path, _ in publication.volumes(series):
                pdfs[folder].add(path)
    built = {f for f in _files(project / "site")
             if not f.startswith(THEME_PARTS) and not f.startswith(("bulletin/", "print/"))}
    assert built == publication.site_paths() | pdfs["site"]
    assert {f for f in _files(project / "print") if f.endswith(".pdf")} == pdfs["print"]
    public = {i.key for i in publication.public_issues()}
    # only a public issue of a public series is public: 4 kinds × 1 of 4 combinations (+ the mini sample's 2)
    assert len([k for k in public if not k.startswith("demo/")]) == 4
    assert len(project_issues) == 18


@pytest.mark.parametrize("kind,series_public,issue_public",
                         [c for c in itertools.product(KINDS, (True, False), (True, False)) if not (c[1] and c[2])])
def test_internal_text_is_nowhere_on_the_site(matrix, kind, series_public, issue_public) -> None:
    project, _ = matrix
    marker = _marker(kind, series_public, issue_public)
    leaks = [path for path, text in site_texts(project / "site").items() if marker in text]
    assert leaks == []   # its PDF: under print/ only (the file sets are compared in the test above)


@pytest.mark.parametrize("kind", KINDS)
def test_public_text_is_on_its_page_in_search_and_feed(matrix, kind) -> None:
    project, _ = matrix
    marker = _marker(kind, True, True)
    holders = {path for path, text in site_texts(project / "site").items() if marker in text}
    assert {"search/search_index.json", "feed.xml", f"{kind}-pub/index.html"} <= holders
    assert any(h.endswith("/index.html") and h.startswith(f"{kind}-pub/2026/") for h in holders), holders
