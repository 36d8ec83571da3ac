"""Pictures a public issue shows are copied to the website where its page points (tests/fixtures/mini).

They were never copied: every ![图](photo.png) of a bulletin was a broken image on the web, though the
PDF showed it. A picture only an internal issue shows stays out of the site."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from conftest import FIXTURES, copy_project, run_bulletin

PIC = FIXTURES / "injection" / "pic.png"


def test_pictures_of_public_issues_reach_the_site_and_internal_ones_do_not(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    year = project / "bulletins/demo/2026"
    (year / "images").mkdir()
    for name in ("photo.png", "images/meeting.png", "secret.png"):
        shutil.copy(PIC, year / name)
    public, internal = year / "001.md", year / "002.md"
    public.write_text(public.read_text(encoding="utf-8").replace(
        "第一篇正文，含有独特词语蓝鲸计划。", "第一篇正文。\n\n![会议现场](photo.png)\n\n![座谈会](images/meeting.png)"),
        encoding="utf-8")
    text = internal.read_text(encoding="utf-8").replace("---\n", "---\nvisibility: internal\n", 1)
    internal.write_text(text.rstrip("\n") + "\n\n![内部图片](secret.png)\n", encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = site / "demo/2026/001/index.html"
    sources = [img["src"] for img in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("img")
               if img.get("alt") in ("会议现场", "座谈会")]
    assert len(sources) == 2
    for src in sources:
        target = site / urljoin("demo/2026/001/", src)
        assert target.is_file() and target.read_bytes() == PIC.read_bytes(), src
    assert not list(site.rglob("secret.png"))


def _show(issue: Path, markdown: str) -> None:
    issue.write_text(issue.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + markdown + "\n", encoding="utf-8")


def test_a_file_named_as_a_picture_that_is_not_one_is_refused_for_the_site_and_the_pdf(tmp_path: Path) -> None:
    """An SVG with script saved as .png: the site would publish it, WeasyPrint would draw it (it sniffs
    the content). The build stops at the line that shows it, nothing built; a PNG saved as .jpg is a
    picture and passes."""
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    year = project / "bulletins/demo/2026"
    (year / "drawing.png").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                      encoding="utf-8")
    shutil.copy(PIC, year / "photo.jpg")
    _show(year / "001.md", "![图](photo.jpg)\n\n![示意图](drawing.png)")
    line = (year / "001.md").read_text(encoding="utf-8").split("\n").index("![示意图](drawing.png)") + 1
    for args in (("build", "--no-pdf"), ("build",)):
        result = run_bulletin(project, *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"bulletins/demo/2026/001.md:{line}: reference 'drawing.png' is named as a picture but is not one" \
            in result.stderr
        assert not (project / "site").exists() and not (project / "print").exists()
    (year / "drawing.png").unlink()
    (year / "001.md").write_text((year / "001.md").read_text(encoding="utf-8").replace("![示意图](drawing.png)", ""),
                                 encoding="utf-8")
    assert run_bulletin(project, "build", "--no-pdf").returncode == 0
    assert (project / "site/demo/2026/photo.jpg").read_bytes() == PIC.read_bytes()


def test_a_public_issue_may_not_show_a_picture_kept_in_an_internal_series(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    internal = project / "bulletins/neibu"
    (internal / "2026").mkdir(parents=True)
    (internal / "series.yml").write_text("title: 内部工作简报\noffice: 示例办公室\nvisibility: internal\n"
                                         "distribution:\n  报: [领导]\n", encoding="utf-8")
    shutil.copy(PIC, internal / "2026" / "chart.png")
    public = project / "bulletins/demo/2026/001.md"
    _show(public, "![内部图表](../../neibu/2026/chart.png)")
    line = public.read_text(encoding="utf-8").split("\n").index("![内部图表](../../neibu/2026/chart.png)") + 1
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"bulletins/demo/2026/001.md:{line}: '../../neibu/2026/chart.png' is kept in the internal series "
            "neibu/ and this issue is public") in result.stderr
    assert not (project / "site").exists()
    # the same picture shown by an internal issue of a public series is no problem: nothing is published
    text = public.read_text(encoding="utf-8").replace("---\n", "---\nvisibility: internal\n", 1)
    public.write_text(text, encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert not list((project / "site").rglob("chart.png"))
