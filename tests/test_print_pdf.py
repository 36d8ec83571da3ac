"""The sample PDFs (issue 3): layout, text, fonts, bookmarks, metadata, determinism, where they go.

Checked with pypdf and poppler's tools (pdftotext, pdffonts, pdfinfo, pdftoppm) on the sample
project built once per session by conftest's ``sample_build``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from bulletin.model.publication import Publication
from conftest import ROOT, copy_project

SAMPLE = "szzw/2025/001"          # a public bulletin issue with a marking and several articles
A4 = (595.276, 841.89)
TYPE_BOTTOM = 841.89 - 35 / 25.4 * 72   # bottom edge of the type area, in points from the top


@pytest.fixture(scope="session")
def project(sample_build):
    from bulletin.sources.loader import load_project
    return load_project(sample_build)


@pytest.fixture(scope="session")
def issue(project):
    return next(i for i in project.all_issues() if i.key == SAMPLE)


@pytest.fixture(scope="session")
def pdf(sample_build) -> Path:
    path = sample_build / "site" / f"{SAMPLE}.pdf"
    assert path.is_file(), "the public sample issue's PDF is beside its web page"
    return path


def run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    text = run("pdftotext", *(["-layout"] if layout else []), str(pdf), "-")
    return text.split("\f")[:-1]


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) on a page (1-based), from pdftotext -bbox."""
    html = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, html)]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a4_pages(pdf):
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4[0], abs=0.5)
        assert float(box.height) == pytest.approx(A4[1], abs=0.5)
    assert "A4" in run("pdfinfo", str(pdf))


def test_masthead_text_in_reading_order(pdf, issue):
    first = flat(page_texts(pdf)[0])
    parts = [issue.spec.marking, issue.series.title, "第1期", "总第21期", issue.series.office,
             "2025年3月12日", "本期目录"]
    positions = [first.find(flat(p)) for p in parts]
    assert all(p >= 0 for p in positions), dict(zip(parts, positions))
    assert positions == sorted(positions), "pdftotext reads the masthead top to bottom, left to right"


def test_masthead_is_print_red_in_the_top_third(pdf, tmp_path):
    content = PdfReader(pdf).pages[0].get_contents().get_data()
    assert b"/DeviceCMYK cs" in content and b"0 0.8 0.8 0 scn" in content, "print red is C0 M80 Y80 K0"
    from PIL import Image
    run("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "p1"))
    image = Image.open(tmp_path / "p1.png").convert("RGB")
    width, height = image.size
    pixels = image.load()

    def red(y0: int, y1: int) -> int:
        return sum(1 for y in range(y0, y1) for x in range(width)
                   if pixels[x, y][0] > 200 and pixels[x, y][1] < 140 and pixels[x, y][2] < 140)
    assert red(0, height // 3) > 500, "the series name and the rule are red, in the top third"
    assert red(height // 3, height) < 20, "nothing else on page 1 is red"


def test_toc_lists_the_headlines_in_order(pdf, issue):
    text = flat("".join(page_texts(pdf)))
    toc = text.index("本期目录")
    cursor = toc
    for section in issue.sections:          # first, the table of contents
        found = text.find(flat(section.title), cursor)
        assert found > cursor, section.title
        cursor = found
    first_article = text.find(flat(issue.sections[0].title), cursor + 1)
    assert first_article > cursor
    cursor = first_article
    for section in issue.sections[1:]:      # then the articles under the same headlines, in order
        found = text.find(flat(section.title), cursor + 1)
        assert found > cursor, section.title
        cursor = found


def test_distribution_at_the_foot_of_the_last_page(pdf, issue):
    pages = page_texts(pdf)
    last = len(pages)
    assert "共印" in pages[-1] and "报：" in pages[-1]
    assert all("共印" not in p for p in pages[:-1])
    ws = words(pdf, last)
    bao = min(y0 for w, x0, y0, x1, y1 in ws if w.startswith("报："))
    copies = [(x1, y1) for w, x0, y0, x1, y1 in ws if "共印" in w]
    assert copies, ws[-5:]
    copies_x, copies_y = copies[0]
    numbers = [y0 for w, x0, y0, x1, y1 in ws if w == "—"]
    body = [y1 for w, x0, y0, x1, y1 in ws if y1 < bao - 1 and w != "—"]
    assert not body or max(body) < bao, "the 报/送/发 lines come below any body text on the page"
    assert TYPE_BOTTOM - 60 < copies_y <= TYPE_BOTTOM + 1, "the block ends on the bottom edge of the type area"
    assert copies_x > 400, "共印N份 sits at the right"
    assert all(y > copies_y for y in numbers), "the page number is below the block"
    names = issue.distribution.lines[0].names
    assert flat(names[0]) in flat(pages[-1])


def test_page_numbers_odd_right_even_left(pdf):
    pages = page_texts(pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert re.search(rf"—\s*{number}\s*—", text), f"page {number} is numbered — {number} —"
        ws = [w for w in words(pdf, number) if w[0].strip("— ") == str(number) and w[2] > TYPE_BOTTOM]
        assert ws, f"page {number} has its number below the type area"
        x_mid = (ws[-1][1] + ws[-1][3]) / 2
        if number % 2:
            assert x_mid > A4[0] * 0.75, f"odd page {number}: number at the right"
        else:
            assert x_mid < A4[0] * 0.25, f"even page {number}: number at the left"


def test_fonts_embedded_as_subsets(pdf):
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    assert lines
    for line in lines:
        fields = line.split()
        assert fields[-5:-2] == ["yes", "yes", "yes"], line   # emb sub uni
        assert re.match(r"[A-Z]{6}\+bulletin-", fields[0]), line


def test_cut_fonts_carry_no_subroutines_or_hints(sample_build):
    """WeasyPrint cuts every embedded font again for each PDF, inlining CFF subroutines and dropping
    hints; the build's cuts have neither already, which makes that step cheaper (print/subset.py)."""
    from fontTools.ttLib import TTFont
    cuts = sorted((sample_build / ".cache" / "bulletin" / "fonts").glob("*.otf"))
    assert cuts
    for cut in cuts:
        cff = TTFont(cut)["CFF "].cff
        top = cff.topDictIndex[0]
        privates = [fd.Private for fd in top.FDArray] if hasattr(top, "FDArray") else [top.Private]
        assert len(cff.GlobalSubrs) == 0, cut.name
        assert all(len(getattr(private, "Subrs", ())) == 0 for private in privates), cut.name
        top.CharStrings[top.charset[1]].decompile()
        program = top.CharStrings[top.charset[1]].program
        assert not {"hstem", "vstem", "hstemhm", "vstemhm", "hintmask", "cntrmask"} & set(map(str, program)), cut.name


def test_bookmarks_are_the_headlines(pdf, issue):
    outline = PdfReader(pdf).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == [s.title for s in issue.sections]


def test_metadata(pdf, issue):
    reader = PdfReader(pdf)
    meta = reader.metadata
    assert meta.title == issue.title
    assert meta.author == issue.series.office
    assert issue.series.title in meta.subject and "第1期" in meta.subject
    assert meta["/CreationDate"].startswith("D:20250312")
    assert meta["/ModDate"] == meta["/CreationDate"]
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_web_page_links_the_pdf(sample_build):
    page = (sample_build / "site" / SAMPLE / "index.html").read_text(encoding="utf-8")
    assert 'href="../001.pdf"' in page


def test_internal_issue_only_in_print(sample_build, project):
    internal = [i for i in project.all_issues()
                if i.series.kind == "bulletin" and not Publication(project).is_public(i)]
    assert internal, "the sample has an internal bulletin issue"
    for issue in internal:
        assert (sample_build / "print" / f"{issue.key}.pdf").is_file()
        assert not (sample_build / "site" / f"{issue.key}.pdf").exists()
    site_pdfs = {p.relative_to(sample_build / "site").with_suffix("").as_posix()
                 for p in (sample_build / "site").rglob("*.pdf")}
    assert not site_pdfs & {i.key for i in internal}


def _pipeline(project_dir: Path, cache: Path, workers: int = 2):
    from bulletin.sources.loader import load_project
    from bulletin.print import PrintOptions, build_pdfs, preflight
    plan = preflight(load_project(project_dir), project_dir / "overrides",
                     PrintOptions(workers=workers, cache_dir=cache))
    plan.issues = [i for i in plan.issues if i.series.kind == "bulletin"]
    return build_pdfs(plan, project_dir / "out" / "site", project_dir / "out" / "print")


def test_same_sources_same_bytes(sample_build, tmp_path):
    """A second copy of the project, another folder and an empty cache: byte-identical PDFs."""
    other = copy_project(ROOT, tmp_path / "again")
    report = _pipeline(other, tmp_path / "cache")
    assert report.rendered and not report.reused
    assert any(key.startswith("volume:") for key in report.outputs)   # the bound volumes too
    for key, path in report.outputs.items():
        folder = "site" if path.is_relative_to(other / "out" / "site") else "print"
        first = sample_build / folder / path.relative_to(other / "out" / folder)
        assert path.read_bytes() == first.read_bytes(), key
        # the page count the worker reports (the site's （N页，…）), volumes and merged attachments too
        assert report.pages[key] == len(PdfReader(path).pages), key


def _fronts(cache: Path) -> set[Path]:
    return set((cache / "pdf").glob("front-*.pdf"))


def _documents(cache: Path) -> set[Path]:
    return set((cache / "pdf").glob("*.pdf")) - _fronts(cache)


def test_only_changed_issues_render_again(sample_build, tmp_path):
    """Starts from the sample build's cache (copied): a cache made for one project folder serves a copy
    of that project in another, then only what an edit or a new character touches renders again, and
    each build leaves exactly one generation of cut fonts and PDFs in the cache."""
    project_dir = copy_project(ROOT, tmp_path / "p")
    cache = tmp_path / "cache"
    shutil.copytree(sample_build / ".cache" / "bulletin", cache)
    stale = cache / "fontinfo" / ("0" * 24 + ".json")       # the facts of a face no role uses any more
    stale.write_text('{"version": 1}', encoding="utf-8")
    again = _pipeline(project_dir, cache)
    assert again.rendered == [] and again.reused
    from bulletin.print.fonts import resolve_roles, cmap
    kept = {(entry["file"], entry["index"]) for entry in
            (json.loads(p.read_text(encoding="utf-8")) for p in (cache / "fontinfo").iterdir())}
    assert not stale.exists() and kept == {(str(f.file), f.index) for f in resolve_roles().values()}, \
        "fontinfo/ keeps the facts of the faces the roles use, and only those"
    assert sorted(again.reused) == sorted(again.outputs)
    volumes = [key for key in again.outputs if key.startswith("volume:")]
    assert len(_documents(cache)) == len(again.outputs), "the cache keeps what this build used"
    assert len(_fronts(cache)) == len(volumes), "and each volume's laid-out front, for the next edit"
    source = project_dir / "bulletins" / f"{SAMPLE}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("会议指出", "会议强调指出", 1), encoding="utf-8")
    touched = _pipeline(project_dir, cache)
    series, year, _ = SAMPLE.split("/")     # the issue, and the bound volume of its year: nothing else
    assert touched.rendered == sorted([SAMPLE, f"volume:site:{series}/{year}/{series}-{year}-volume.pdf"])
    # A character no document used before (龘) makes new cut fonts, yet only the issue that prints it
    # (and its volume) render again: the others print the same glyphs from either cut (issue 13).
    other = "xczx/2026/001"
    source = project_dir / "bulletins" / f"{other}.md"
    assert "龘" not in "".join(p.read_text(encoding="utf-8") for p in (project_dir / "bulletins").rglob("*.md"))
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + "\n\n村里的龘字碑已修缮完毕。\n", encoding="utf-8")
    fonts_before = set((cache / "fonts").iterdir())
    assert len(fonts_before) == 5                   # one cut per role (title, body, heading, kai, page)
    new_character = _pipeline(project_dir, cache)
    fonts_after = set((cache / "fonts").iterdir())
    assert len(fonts_after) == 5 and fonts_after != fonts_before, "one new generation of cut fonts, the old one gone"
    series, year, _ = other.split("/")
    # the issue and the two volumes binding it (xczx 2026 has an internal issue: a full volume in print/)
    assert new_character.rendered == sorted([other, f"volume:site:{series}/{year}/{series}-{year}-volume.pdf",
                                             f"volume:print:{series}/{year}-volume-internal.pdf"])
    cached = _documents(cache)
    assert len(cached) == len(new_character.outputs)            # the previous generation of PDFs is gone
    assert len(_fronts(cache)) == len(volumes)                  # one front a volume: the old one replaced
    for target in new_character.outputs.values():               # each output is the cached file itself
        assert any(os.path.samefile(target, c) for c in cached)
    assert all(0x9F98 in cmap(font) for font in resolve_roles().values())
    assert any("龘" in page.extract_text() for page in PdfReader(new_character.outputs[other]).pages)


def test_fonts_resolve_by_role():
    from bulletin.print.fonts import resolve_roles
    fonts = resolve_roles()
    assert set(fonts) == {"title", "body", "heading", "kai", "page"}   # page: the "— N —" numbers (宋体)
    assert fonts["title"].weight >= 700, "the title face is a heavy Song"
    custom = resolve_roles({"kai": ["No Such Font", "Noto Serif CJK SC"]})
    assert custom["kai"].family == "Noto Serif CJK SC"


def test_every_page_of_every_bulletin_is_numbered_even_a_page_holding_only_the_distribution(sample_build):
    """GB/T 9704 7.5: only a blank page before the 版记 page goes unnumbered, and bulletins have none."""
    pdfs = sorted(p for series in ("szzw", "xczx") for p in (sample_build / "site" / series).glob("*/[0-9]*.pdf"))
    assert len(pdfs) >= 10
    alone = 0
    for path in pdfs:
        pages = page_texts(path)
        for number, text in enumerate(pages, 1):
            assert re.search(rf"—\s*{number}\s*—", text), f"{path.name} page {number} has no page number"
        body_lines = [line for line in pages[-1].splitlines()
                      if line.strip() and not re.match(r"^(报|送|发|本期增发)：|^\s*—|^\s*（共印", line)]
        alone += len(body_lines) <= 3   # the 版记 (with a wrapped line or two) and nothing else
    assert alone, "the samples include an issue whose 版记 fills a page of its own"


def lines_of(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(yMax, xMin, xMax, text) for each printed line of a page, words joined left to right."""
    rows: dict[float, list] = {}
    for w, x0, y0, x1, y1 in words(pdf, page):
        rows.setdefault(round(y1), []).append((x0, x1, y1, w))   # words of a line share their baseline
    return [(max(y for *_, y, _ in ws), min(x0 for x0, *_ in ws), max(x1 for _, x1, *_ in ws),
             "".join(w for *_, w in sorted(ws))) for _, ws in sorted(rows.items())]


NO_LINE_START = "。，、；：？！）」』”"
NO_LINE_END = "（「『“"
CJK = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+$")


def test_chinese_line_breaking_and_the_grid(sample_build):
    """Body lines: 225 mm / 22 = 28.99 pt apart (baseline to baseline: the boxes of 黑体 and 楷体
    words end elsewhere), full Chinese lines exactly fill the 156 mm measure, and no line starts
    with closing punctuation or ends with opening punctuation."""
    from bulletin.print.inspect import read
    measure = 156 / 25.4 * 72
    pitches, full = [], 0
    for path in sorted((sample_build / "site" / "szzw").glob("*/*.pdf")):
        facts = read(path)
        for page in facts.pages[1:]:
            body = page.body()
            pitches += [b.baseline - a.baseline for a, b in zip(body, body[1:]) if 27 < b.baseline - a.baseline < 31]
        facts.close()
        for page in range(2, len(page_texts(path))):          # pages of running text
            rows = [r for r in lines_of(path, page) if r[0] < TYPE_BOTTOM - 20]
            for _, x0, x1, text in rows:
                assert text[0] not in NO_LINE_START, f"{path.name} p{page}: line starts with {text[0]}: {text}"
                assert text[-1] not in NO_LINE_END, f"{path.name} p{page}: line ends with {text[-1]}: {text}"
                if len(text) == 28 and CJK.match(text):
                    full += 1
                    assert abs((x1 - x0) - measure) < 1.5, f"{text}: {x1 - x0:.1f} pt, not the {measure:.1f} pt measure"
    assert full > 50, "full lines of 28 characters are common in the samples"
    assert pitches and all(abs(p - 225 / 22 * 72 / 25.4) < 0.05 for p in pitches), sorted(set(round(p, 2) for p in pitches))


def test_meeting_report_article_inside_a_bulletin(sample_build):
    path = sample_build / "site/szzw/2026/003.pdf"
    source = (ROOT / "bulletins/szzw/2026/003.md").read_text(encoding="utf-8")
    dateline = re.search(r"^【会议报道】(.*)$", source, flags=re.M).group(1).strip()
    text = flat("".join(page_texts(path)))
    assert "【会议报道】" not in text
    assert "会议报道" + flat(dateline) in text


# ---------------------------------------------------------------- our PDFs read back by the importer

def _without_front(text: str) -> str:
    return text.split("---\n", 2)[2].strip() if text.startswith("---\n") else text.strip()


def _words(text: str) -> str:
    """Han characters and digits in order: a table with merged cells is HTML in its source and a
    Markdown table (its two header rows as rows) when read back from paper."""
    return re.sub(r"[^\u4e00-\u9fff0-9]", "", re.sub(r"<[^>]*>", "", text))


def _unnumbered(body: str) -> str:
    """Headings without their printed numbers (一、 （一） 1.): a plan's source leaves them to the build."""
    return re.sub(r"^(#{2,5} )(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)", r"\1", body, flags=re.M)


@pytest.mark.parametrize("key", ["szzw/2026/004", "xczx/2026/003", "tongzhi/2026/008", "fangan/2026/003",
                                 "huiyi/2026/012"])
def test_the_importer_reads_our_own_pdfs_back(sample_build, tmp_path, key) -> None:
    """A document printed in the official layout (red masthead, 版记 rules, — N — page numbers,
    tables running over pages) and imported as a legacy PDF gives back its source: the text of
    every article and attachment, tables as tables, the fields and the recipient groups."""
    import yaml
    from bulletin.editorial.importing import import_file, load_context
    project = copy_project(ROOT, tmp_path / "p")
    series, year, number = key.split("/")
    folder = project / "bulletins" / series / year
    sources = {p.name: p.read_text(encoding="utf-8") for p in folder.glob(f"{number}*.md")}
    for name in sources:
        (folder / name).unlink()          # the archive has lost them: import them from the PDF
    result = import_file(sample_build / "site" / f"{key}.pdf", load_context(project))
    assert not result.refused, result.refused
    assert result.retention == 1.0 and not [text for why, text in result.source.removed
                                            if not why.startswith(("page number", "running head"))]
    # a news report prints no number: it gets the next free one (the source's 012 was taken away)
    names = {name.replace(result.issue_name[:3], number, 1): name for name in result.files}
    assert set(names) == set(sources)
    for name, source in sources.items():
        got, want = _without_front(result.files[names[name]]), _without_front(source)
        if "<table" in want:
            assert _words(got) == _words(want) and "| --- |" in got, name
        else:
            assert (_unnumbered(got) if series == "fangan" else got) == want, name
    front, original = (yaml.safe_load(t.split("---\n")[1]) for t in (result.files[result.issue_name], sources[f"{number}.md"]))
    default = yaml.safe_load((project / "bulletins" / series / "series.yml").read_text(encoding="utf-8")).get("distribution")
    assert front.get("distribution") == original.get("distribution", default)
    for field in ("date", "total", "doc_number", "title", "place", "source", "issuer", "addressees", "cc",
                  "printed_by", "printed_date", "note", "contact", "attachments"):
        assert front.get(field) == original.get(field), field


def test_the_importer_cuts_a_bound_volume_into_its_issues(sample_build, tmp_path) -> None:
    """A year's bound volume (cover, 目录, then each issue as printed) imported as one file gives
    one issue file per issue: the same numbers, dates and markings as the sources, and every
    article's text in order (formatting aside: subheadings and lists come back as paragraphs)."""
    import yaml
    from bulletin.editorial.importing import load_context
    from bulletin.editorial.importing.run import import_path
    project = copy_project(ROOT, tmp_path / "p")
    folder = project / "bulletins" / "szzw" / "2026"
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}
    for name in sources:
        (folder / name).unlink()
    results = import_path(sample_build / "site" / "szzw" / "2026" / "szzw-2026-volume.pdf", load_context(project))
    assert [r.refused for r in results] == [None] * len(sources)
    assert [r.issue_name for r in results] == list(sources)
    assert [r.source.part for r in results] == [f"issue {n} of {len(sources)} in this file" for n in range(1, 5)]
    assert any(why.startswith("before the file's first issue") and text == "2026年合订本"
               for why, text in results[0].source.removed)
    for result, (name, source) in zip(results, sources.items()):
        front, original = (yaml.safe_load(t.split("---\n")[1]) for t in (result.files[result.issue_name], source))
        for field in ("issue", "total", "date", "marking"):
            assert front.get(field) == original.get(field), (name, field)
        assert _words(_without_front(result.files[result.issue_name])) == _words(_without_front(source)), name
        assert not [n for n in result.files if n.endswith(".unplaced.txt")], name


# what the importer must read back from a printed issue: the source's own front matter (a report
# prints no number, and an issue's own extra copies and page settings are not printed)
READ_BACK = ("title", "date", "total", "doc_number", "addressees", "issuer", "cc", "printed_by", "printed_date",
             "place", "source", "distribution", "attachments")


def _copied_pages(pages: list[Path], folder: Path) -> dict[Path, Path]:
    """Each web page's text as a reader copies it (select all, copy, paste into a .txt): its
    innerText in Chromium, menus, breadcrumb and footer included. No network."""
    from playwright.sync_api import sync_playwright
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        tab = browser.new_page()
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for n, page in enumerate(pages):
            tab.goto(page.as_uri(), wait_until="domcontentloaded")
            out[page] = folder / f"copied-{n}.txt"
            out[page].write_text(tab.evaluate("document.body.innerText"), encoding="utf-8")
        browser.close()
    return out


@pytest.mark.parametrize("form", ["pdf", "pdftotext", "pdftotext -layout", "web page", "copied page"])
def test_published_issues_import_back(sample_build, tmp_path, form):
    """Every public issue's PDF, its text as poppler's pdftotext gives it (with and without -layout)
    and its web page as saved from the site import back to the fields of its source, with nothing
    left for the editor: the sample's own output is a legacy document like any other (a report's 日期
    and 会场 line under its title, a 目录 whose numbers pdftotext puts on lines of their own, a 版记
    name wrapped at 公室, the printing office over its date; on the web page the skip link, the PDF
    and feed links, the record list of 发文机关/发文字号 as dt and dd, 附件： written again before item 2).
    The page's text copied whole (select all) reads the same, its menus, breadcrumb and footer going
    to the editor's sidecar instead of into the masthead, the title or the 版记.
    What a page does not show is not asked of it: a series' 报/送/发 when it keeps them off the web.
    A plan's page adds a table of its tasks that the site makes from the text: it goes to the
    editor's sidecar."""
    import yaml

    from bulletin.editorial.importing import import_file, load_context
    empty = tmp_path / "empty"        # the sample's series and address book, none of its issues
    for series in (sample_build / "bulletins").glob("*/series.yml"):
        (empty / "bulletins" / series.parent.name).mkdir(parents=True)
        shutil.copyfile(series, empty / "bulletins" / series.parent.name / "series.yml")
    shutil.copyfile(sample_build / "bulletins" / "distribution.yml", empty / "bulletins" / "distribution.yml")
    ctx = load_context(empty)
    pdfs = sorted(p for p in (sample_build / "site").glob("*/*/*.pdf") if "volume" not in p.name)
    assert len(pdfs) >= 10 and {p.parts[-3] for p in pdfs} >= {"szzw", "xczx", "tongzhi", "fangan", "huiyi"}
    copied = _copied_pages([pdf.with_suffix("") / "index.html" for pdf in pdfs], tmp_path) if form == "copied page" else {}
    wrong = []
    for pdf in pdfs:
        series = pdf.parts[-3]
        source = sample_build / "bulletins" / pdf.relative_to(sample_build / "site").with_suffix(".md")
        want = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])
        shown = yaml.safe_load((sample_build / "bulletins" / series / "series.yml").read_text(encoding="utf-8"))
        path, skip = pdf, set()
        if form in ("web page", "copied page"):
            path = pdf.with_suffix("") / "index.html"
            skip = ({"distribution"} if not shown.get("distribution_on_web") else set()) | \
                ({"unplaced"} if series == "fangan" else set())
            if form == "copied page":
                path, skip = copied[path], skip | {"unplaced"}
        elif form != "pdf":
            path = tmp_path / f"{series}-{pdf.stem}.txt"
            subprocess.run([*form.split(), "-enc", "UTF-8", str(pdf), str(path)], check=True)
        result = import_file(path, ctx)
        assert not result.refused, (path, result.refused)
        got = yaml.safe_load(result.files[result.issue_name].split("---\n")[1])
        where = f"{pdf.relative_to(sample_build / 'site')} ({form})"
        wrong += [f"{where}: {key} {got.get(key)!r}, expected {want[key]!r}" for key in READ_BACK
                  if key in want and key not in skip and str(got.get(key)) != str(want[key])]
        body = source.read_text(encoding="utf-8").split("---\n", 2)[2]
        opening = next(line for line in body.split("\n") if line and not line.startswith(("#", "|", "<", "!", "-", ">")))
        written = re.sub(r"\s", "", result.files[result.issue_name])
        wrong += [f"{where}: the text's opening is not in the issue: {opening[:30]}"] \
            if re.sub(r"\s|\*", "", opening)[:30] not in written else []
        wrong += [f"{where}: to-do {got['todo']}"] if got.get("todo") else []
        wrong += [f"{where}: unplaced {result.parsed.unplaced}"] if result.parsed.unplaced and "unplaced" not in skip else []
        wrong += [f"{where}: series {result.series.slug}"] if result.series.slug != series and "series" not in skip else []
    assert not wrong, "\n".join(wrong)
