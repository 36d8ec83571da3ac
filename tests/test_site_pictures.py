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
    (year / "drawing.png").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                      encoding="utf-8")       # a picture only by its name
    public, internal = year / "001.md", year / "002.md"
    public.write_text(public.read_text(encoding="utf-8").replace(
        "第一篇正文，含有独特词语蓝鲸计划。", "第一篇正文。\n\n![会议现场](photo.png)\n\n![座谈会](images/meeting.png)\n\n![图](drawing.png)"),
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
    assert not list(site.rglob("secret.png")) and not list(site.rglob("drawing.png"))
