"""`bulletin volume` (issue 5): the annual bound volume (合订本) as one PDF.

Runs the real command on a copy of the sample project and reads the PDF back with pypdf and
poppler's tools. What the volume should hold (issues, headlines) is read from the source files
here, independently of the program.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, copy_project, manifest, run_bulletin

A4 = (595.276, 841.89)
PAGE_NUMBER = re.compile(r"^\s*—\s*(\d+)\s*—\s*$", re.M)
CONTENTS_LINE = re.compile(r"^\s*(\S.*?)\s*\.{2,}\s*(\d+)\s*$")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    out = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def source_issues(project: Path, series: str, year: int, internal: bool = False) -> list[dict]:
    """Issues of the year from the files: number, total, visibility, headlines (## lines), in order."""
    found = []
    for path in sorted((project / "bulletins" / series / str(year)).glob("[0-9]*.md")):
        text = path.read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        field = lambda name: (re.search(rf"^{name}:\s*(\S+)", front, re.M) or [None, None])[1]  # noqa: E731
        visibility = field("visibility") or "public"
        if visibility != "public" and not internal:
            continue
        heads, fence = [], False
        for line in body.split("\n"):
            if line.startswith(("```", "~~~")):
                fence = not fence
            elif not fence and line.startswith("## "):
                heads.append(line[3:].strip())
        found.append({"number": int(field("issue")), "total": field("total"), "visibility": visibility,
                      "headlines": heads, "path": path})
    return sorted(found, key=lambda i: i["number"])


def label(issue: dict, show_total: bool = True) -> str:
    return f"第{issue['number']}期" + (f"（总第{issue['total']}期）" if show_total and issue["total"] else "")


def series_title(project: Path, series: str) -> str:
    text = (project / "bulletins" / series / "series.yml").read_text(encoding="utf-8")
    return re.search(r"^title:\s*(.+)$", text, re.M).group(1).strip()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(ROOT, tmp_path_factory.mktemp("volume") / "p")


@pytest.fixture(scope="module")
def szzw(project) -> Path:
    result = run_bulletin(project, "volume", "szzw", "2026")
    assert result.returncode == 0, result.stderr
    pdf = project / "print" / "szzw" / "2026-volume.pdf"
    assert pdf.is_file()
    assert "2026-volume.pdf" in result.stdout
    return pdf


@pytest.fixture(scope="module")
def issues(project) -> list[dict]:
    found = source_issues(project, "szzw", 2026)
    assert len(found) == 4 and all(i["headlines"] for i in found)
    return found


def contents_lines(pdf: Path) -> list[tuple[str, int]]:
    """A volume's 目录 as printed: page 3 onwards until the first masthead, each line (text, page)."""
    lines: list[tuple[str, int]] = []
    for text in page_texts(pdf, layout=True)[2:]:
        if "本期目录" in flat(text) or "本 期 目 录" in text:
            break
        for line in text.split("\n"):
            match = CONTENTS_LINE.match(line)
            if match:
                lines.append((flat(match.group(1)), int(match.group(2))))
    return lines


@pytest.fixture(scope="module")
def contents(szzw) -> dict[str, list[tuple[str, int]]]:
    return {"lines": contents_lines(szzw)}


def test_cover(project, szzw):
    first = flat(page_texts(szzw)[0])
    assert series_title(project, "szzw") in first
    assert "2026年合订本" in first
    assert "第1期—第4期" in first
    assert not PAGE_NUMBER.search(page_texts(szzw, layout=True)[0]), "no page number on the cover"


def test_a4_and_metadata(szzw, issues):
    reader = PdfReader(szzw)
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == \
            (round(A4[0], 2), round(A4[1], 2))
    info = subprocess.run(["pdfinfo", str(szzw)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    last_date = re.search(r"^date:\s*(\S+)", issues[-1]["path"].read_text(encoding="utf-8"), re.M).group(1)
    assert reader.metadata["/CreationDate"].startswith("D:" + last_date.replace("-", ""))
    assert "2026年合订本" in reader.metadata["/Title"]


def test_page_numbers_continuous(szzw):
    texts = page_texts(szzw, layout=True)
    assert len(texts) > 10
    for index, text in enumerate(texts, 1):
        numbers = PAGE_NUMBER.findall(text)
        if index == 1 or not text.strip():
            assert not numbers, f"page {index} (cover or blank) carries no number"
        else:
            assert numbers == [str(index)], f"page {index} shows {numbers}"
    blank = [i for i, t in enumerate(texts, 1) if not t.strip()]
    assert 2 in blank, "the back of the cover is blank"


def test_contents_lists_every_issue_and_article_with_its_page(szzw, issues, contents):
    texts = [flat(t) for t in page_texts(szzw)]
    lines = contents["lines"]
    expected = []
    for issue in issues:
        expected.append(label(issue))
        expected += issue["headlines"]
    printed = [re.sub(r"（\d{4}年\d+月\d+日）$", "", text) for text, _ in lines]
    assert printed == [flat(e) for e in expected]
    pages = dict(zip(printed, (p for _, p in lines)))
    starts = [pages[label(i)] for i in issues]
    assert starts == sorted(starts)
    for n, (issue, start) in enumerate(zip(issues, starts)):
        end = starts[n + 1] if n + 1 < len(starts) else len(texts) + 1
        assert start % 2 == 1, "each issue starts on a right-hand (odd) page"
        assert label(issue) in texts[start - 1], "the contents page of an issue shows its masthead"
        assert label(issue) not in "".join(texts[start:end - 1]), "the masthead is on the issue's first page"
        for headline in issue["headlines"]:
            # the headline shows in the issue's 本期目录 and above its article: the last is the article
            where = [p for p in range(start, end) if flat(headline) in texts[p - 1]]
            assert where, headline
            assert pages[flat(headline)] == max(where), headline


def test_each_banji_stays_with_its_issue(szzw, issues, contents):
    """The 版记 (报/送/发, 共印N份) of each issue is on one of that issue's pages, never on the next
    issue's masthead page (in the sample, issue 2's 版记 does not fit under its last lines)."""
    texts = [flat(t) for t in page_texts(szzw)]
    pages = {re.sub(r"（\d{4}年\d+月\d+日）$", "", k): v for k, v in contents["lines"]}
    starts = [pages[label(i)] for i in issues] + [len(texts) + 1]
    for n in range(len(issues)):
        where = [p for p in range(starts[n], starts[n + 1]) if "共印" in texts[p - 1]]
        assert len(where) == 1, f"{label(issues[n])}: 版记 on pages {where}"
        assert "报：" in texts[where[0] - 1]
        assert all(page == where[0] or not texts[page - 1] for page in range(where[0], starts[n + 1])), \
            "after the 版记 only blank pages until the next issue"


def test_bookmarks_issue_then_articles(szzw, issues, contents):
    reader = PdfReader(szzw)
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [item.title for item in top] == [label(i) for i in issues]
    children = [item for item in outline if isinstance(item, list)]
    assert len(children) == len(issues)
    pages = {text: page for text, page in contents["lines"]}
    pages = {re.sub(r"（\d{4}年\d+月\d+日）$", "", k): v for k, v in pages.items()}
    for parent, kids, issue in zip(top, children, issues):
        assert [k.title for k in kids] == issue["headlines"]
        assert reader.get_destination_page_number(parent) + 1 == pages[label(issue)]
        for kid in kids:
            assert not isinstance(kid, list), "articles have no children"
            assert reader.get_destination_page_number(kid) + 1 == pages[flat(kid.title)]


def test_a_contents_page_never_holds_one_line_alone(project, tmp_path):
    """szzw 2025's 目录 is one line longer than a page: the line that runs over takes the article
    before it along, so no page of the 目录 shows a single entry."""
    pdf = tmp_path / "2025.pdf"
    result = run_bulletin(project, "volume", "szzw", "2025", "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    pages = []
    for text in page_texts(pdf, layout=True)[2:]:
        if "本期目录" in flat(text) or "本 期 目 录" in text:
            break
        pages.append([line for line in text.split("\n") if CONTENTS_LINE.match(line)])
    assert len(pages) == 2, "the sample's 2025 目录 needs a second page"
    assert all(len(lines) >= 2 for lines in pages), [len(lines) for lines in pages]


def test_same_sources_same_bytes(project, szzw, tmp_path):
    again = tmp_path / "again.pdf"
    result = run_bulletin(project, "volume", "szzw", "2026", "--out", str(again))
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == szzw.read_bytes()


def test_internal_issue_only_when_asked(project, tmp_path):
    internal = [i for i in source_issues(project, "xczx", 2026, internal=True) if i["visibility"] != "public"]
    assert internal, "the sample has an internal xczx issue in 2026"
    secret = flat(internal[0]["headlines"][0])

    result = run_bulletin(project, "volume", "xczx", "2026")
    assert result.returncode == 0, result.stderr
    public_pdf = project / "print" / "xczx" / "2026-volume.pdf"
    text = flat("".join(page_texts(public_pdf)))
    assert secret not in text
    assert [b.title for b in PdfReader(public_pdf).outline if not isinstance(b, list)] == \
        [label(i, show_total=False) for i in source_issues(project, "xczx", 2026)]

    result = run_bulletin(project, "volume", "xczx", "2026", "--include-internal")
    assert result.returncode == 0, result.stderr
    full_pdf = project / "print" / "xczx" / "2026-volume-internal.pdf"
    assert secret in flat("".join(page_texts(full_pdf)))
    assert [b.title for b in PdfReader(full_pdf).outline if not isinstance(b, list)] == \
        [label(i, show_total=False) for i in source_issues(project, "xczx", 2026, internal=True)]

    # never under site/ with internal issues in it
    result = run_bulletin(project, "volume", "xczx", "2026", "--include-internal", "--out", "site/v.pdf")
    assert result.returncode == 1
    assert "site/" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site" / "v.pdf").exists()


@pytest.mark.parametrize("place, internal, message", [
    ("elsewhere/keep.pdf", False, "the output exists and is not this volume written before"),
    ("bulletins/tongzhi/2026/att.pdf", False, "the output is inside the sources (bulletins/)"),
    ("overrides/print/v.pdf", False, "the output is inside the sources (overrides/)"),
    (".cache/v.pdf", False, "inside a hidden folder of the project"),
    ("built/szzw/v.pdf", True, "may not be written under site/"),
])
def test_an_output_over_files_or_sources_or_a_built_site_is_refused(tmp_path, place, internal, message):
    """--out overwrote any existing PDF (a notice's attachment, which the next build then published with
    the internal issues in it), and took only the project's site/ for a website."""
    project = copy_project(ROOT, tmp_path / "p")
    (project / "elsewhere").mkdir()
    (project / "elsewhere/keep.pdf").write_bytes(b"%PDF-1.7 an editor's own file\n")
    (project / "built/szzw").mkdir(parents=True)
    (project / "built/.bulletin-output.json").write_text('{"kind": "site", "files": []}', encoding="utf-8")
    before = manifest(project)
    result = run_bulletin(project, "volume", "szzw", "2026", *(["--include-internal"] if internal else []),
                          "--out", place)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert manifest(project) == before


def test_the_same_output_is_written_again(project, tmp_path):
    out = tmp_path / "twice.pdf"
    for _ in range(2):
        result = run_bulletin(project, "volume", "szzw", "2025", "--out", str(out))
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("args, message", [
    (("nosuch", "2026"), "unknown series 'nosuch'; expected one of:"),
    (("szzw", "2031"), "no public issues of szzw in 2031"),
    (("tongzhi", "2026"), "expected a bulletin series"),
])
def test_errors_write_nothing(args, message, tmp_path):
    project = copy_project(ROOT, tmp_path / "p")
    result = run_bulletin(project, "volume", *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "print").exists()


def test_bad_source_is_reported_with_its_line(tmp_path):
    project = copy_project(ROOT, tmp_path / "p")
    source = project / "bulletins" / "szzw" / "2026" / "003.md"
    text = source.read_text(encoding="utf-8").rstrip("\n")
    source.write_text(text + "\n\n另见\ue000号文件。\n", encoding="utf-8")
    result = run_bulletin(project, "volume", "szzw", "2026")
    assert result.returncode == 1
    line = text.count("\n") + 3
    assert f"bulletins/szzw/2026/003.md:{line}: character '\ue000' (U+E000) is not in font" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "print").exists()


def test_help_explains_the_command(tmp_path):
    result = run_bulletin(ROOT, "volume", "--help")
    assert result.returncode == 0
    assert "合订本" in result.stdout and "--include-internal" in result.stdout and "--out" in result.stdout
