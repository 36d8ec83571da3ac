"""Bad input for print (issue 3): one line per problem with path:line, exit status 1, site/ untouched.

Each case runs the real `bulletin build` on a copy of the project with one bad line appended to a
sample issue: a character no font has, a network image, a path leaving the project, a missing image.
"""
from __future__ import annotations

import pytest

from conftest import ROOT, copy_project, run_bulletin

ISSUE = "bulletins/szzw/2025/001.md"

CASES = {
    "private-use character": ("另见\ue000号文件。", "character '\ue000' (U+E000) is not in font"),
    "ext-B character": ("村民𠀀某反映情况。", "character '𠀀' (U+20000) is not in font"),
    "network image": ("![现场照片](https://example.com/a.png)", "'https://example.com/a.png' is fetched over the network"),
    "path out of the project": ("![图](../../../../outside.png)", "leaves the project"),
    "file URL": ("![图](file:///etc/hostname)", "is a file:// URL"),
    "missing image": ("![图](images/no-such-photo.png)", "'images/no-such-photo.png' is missing"),
    "html image over the network": ('<img src="http://example.com/b.png">', "fetched over the network"),
}


@pytest.fixture(scope="module")
def base_copy(tmp_path_factory):
    return copy_project(ROOT, tmp_path_factory.mktemp("print-errors-base"))


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_fails_before_writing(case, base_copy, tmp_path):
    import shutil
    project = tmp_path / "p"
    shutil.copytree(base_copy, project)
    line_text, expected = CASES[case]
    source = project / ISSUE
    text = source.read_text(encoding="utf-8").rstrip("\n")
    source.write_text(text + "\n\n" + line_text + "\n", encoding="utf-8")
    bad_line = text.count("\n") + 3
    site = project / "site"
    site.mkdir()
    (site / "keep.txt").write_text("the previous site", encoding="utf-8")

    result = run_bulletin(project, "build")

    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{ISSUE}:")]
    assert len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith(f"{ISSUE}:{bad_line}: "), lines[0]
    assert expected in lines[0], lines[0]
    assert "expected" in lines[0].split(expected, 1)[1] or "expected" in lines[0]
    assert sorted(p.name for p in site.iterdir()) == ["keep.txt"], "site/ is left as it was"
    assert not (project / "print").exists() or not any((project / "print").rglob("*.pdf"))


def test_images_inside_the_project_are_fine(tmp_path):
    """A relative image next to the issue, and one reached with ../ inside the project, both render."""
    from bulletin.sources.loader import load_project
    from bulletin.print import PrintOptions, build_pdfs, preflight
    project = copy_project(ROOT, tmp_path / "p")
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
           b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND"
           b"\xaeB`\x82")
    (project / "bulletins/szzw/2025/images").mkdir()
    (project / "bulletins/szzw/2025/images/a.png").write_bytes(png)
    (project / "bulletins/szzw/shared.png").write_bytes(png)
    source = project / ISSUE
    source.write_text(source.read_text(encoding="utf-8") + "\n![现场](images/a.png)\n\n![标志](../shared.png)\n",
                      encoding="utf-8")
    plan = preflight(load_project(project), project / "overrides", PrintOptions(workers=1, cache_dir=tmp_path / "c"))
    plan.issues = [i for i in plan.issues if i.rel == ISSUE]
    report = build_pdfs(plan, tmp_path / "site", tmp_path / "print")
    assert report.rendered == ["szzw/2025/001"]
    assert len(plan.files["szzw/2025/001"]) == 2


def test_fetcher_refuses_what_preflight_would_miss(tmp_path):
    """Belt and braces: at render time the fetcher serves only project files and data: URIs."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from bulletin.print.fetcher import ProjectFetcher
    fetcher = ProjectFetcher([tmp_path])
    for url in ("https://example.com/x.css", "file:///etc/hostname", "ftp://example.com/a.png"):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)
    (tmp_path / "ok.css").write_text("p { color: red }", encoding="utf-8")
    assert fetcher.fetch((tmp_path / "ok.css").as_uri()).read() == b"p { color: red }"
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    with pytest.raises(FatalURLFetchingError):
        HTML(string='<link rel="attachment" href="file:///etc/hostname"><p>x</p>',
             url_fetcher=fetcher, base_url=tmp_path.as_uri() + "/").write_pdf()


def test_text_a_template_adds_is_glyph_checked_too(base_copy, tmp_path):
    """The glyph check reads the rendered print HTML, not a hand-kept list of fields: a word a print
    template adds (here a new label shown from series.yml) is checked like body text (issue 9)."""
    import shutil
    project = tmp_path / "p"
    shutil.copytree(base_copy, project)
    template = project / "overrides/print/bulletin_issue.html"
    text = template.read_text(encoding="utf-8")
    anchor = '<p class="bl-number">'
    assert anchor in text
    template.write_text(text.replace(anchor, '<p class="bl-number">{{ issue.series.title }}\ue001</p>\n' + anchor, 1),
                        encoding="utf-8")
    result = run_bulletin(project, "build")
    assert result.returncode == 1, result.stderr
    assert "character '\ue001' (U+E001) is not in font" in result.stderr
    assert not (project / "site").exists()
