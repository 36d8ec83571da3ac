"""Bound volumes are bound from their issues' printed PDFs (print/binding.py, issue 13): each issue
page as printed alone, with the volume's page number instead of its own, in one structure tree,
with working links and bookmarks; the issues are not laid out again.

Reads the sample build's PDFs with poppler (pdftotext) and pikepdf.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, copy_project

NUMBER_LINE = re.compile(r"^\s*—\s*(\d+)\s*—\s*$", re.M)


def page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def without_number(text: str) -> str:
    return re.sub(r"\s+", "", NUMBER_LINE.sub("", text))


def volumes(build: Path) -> list[Path]:
    found = sorted(p for p in build.rglob("*volume*.pdf") if "out" not in p.relative_to(build).parts)
    assert len(found) == 5        # szzw and xczx, 2025 and 2026, and xczx 2026 with its internal issue
    return found


def issue_pdfs(build: Path, volume: Path) -> list[Path]:
    """The issue PDFs of the volume's series and year, public (site/) and internal (print/)."""
    if volume.parent.name.isdigit():          # site/<series>/<year>/<series>-<year>-volume.pdf
        series, year = volume.parent.parent.name, volume.parent.name
    else:                                      # print/<series>/<year>-volume-internal.pdf
        series, year = volume.parent.name, volume.name.split("-")[0]
    return sorted([*(build / "site" / series / year).glob("[0-9]*.pdf"), *(build / "print" / series / year).glob("[0-9]*.pdf")])


def starts(volume: Path) -> list[tuple[str, int]]:
    with pikepdf.open(volume) as pdf:
        index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            return [(item.title, index[item.destination[0].objgen]) for item in outline.root]


def test_each_volume_page_is_its_issues_page_with_the_volumes_number(sample_build):
    for volume in volumes(sample_build):
        texts = page_texts(volume)
        candidates = {pdf: page_texts(pdf) for pdf in issue_pdfs(sample_build, volume)}
        issues = starts(volume)
        assert issues, volume
        bound = []
        for label, start in issues:
            match = [pdf for pdf, pages in candidates.items() if without_number(pages[0]) == without_number(texts[start])]
            assert len(match) == 1, (volume.name, label)
            pages = candidates[match[0]]
            bound.append(match[0])
            for n, text in enumerate(pages):
                assert without_number(texts[start + n]) == without_number(text), (volume.name, label, n)
                alone = NUMBER_LINE.findall(text)
                bound_number = NUMBER_LINE.findall(texts[start + n])
                if alone:     # numbered alone (n + 1), so numbered in the volume with its own place in it
                    assert alone == [str(n + 1)] and bound_number == [str(start + n + 1)], (volume.name, label, n)
                else:         # a blank page or a 版记 alone: no number in either
                    assert bound_number == [], (volume.name, label, n)
        assert len(set(bound)) == len(bound)
        internal = [pdf for pdf in bound if "print" in pdf.relative_to(sample_build).parts]
        assert bool(internal) == ("internal" in volume.name), volume.name   # internal issues only where asked


def test_the_volume_is_one_tagged_document_with_working_links(sample_build):
    for volume in volumes(sample_build):
        texts = page_texts(volume)
        with pikepdf.open(volume) as pdf:
            root = pdf.Root.StructTreeRoot
            reachable, todo = set(), [root.K]
            while todo:
                node = todo.pop()
                if isinstance(node, pikepdf.Array):
                    todo.extend(node)
                elif isinstance(node, pikepdf.Dictionary) and "/S" in node and node.objgen not in reachable:
                    reachable.add(node.objgen)
                    if "/K" in node:
                        todo.append(node.K)
            document = root.K[0]
            assert [str(kid.S) for kid in document.K].count("/Sect") >= len(starts(volume)) + 1   # cover, issues
            tree = dict(pikepdf.NumberTree(root.ParentTree).items())
            pages = {page.objgen for page in pdf.pages}
            for n, page in enumerate(pdf.pages):
                marked = [ops for ops, op in pikepdf.parse_content_stream(page) if str(op) == "BDC"]
                mcids = [int(ops[1].MCID) for ops in marked if isinstance(ops[1], pikepdf.Dictionary) and "/MCID" in ops[1]]
                elements = tree[int(page.obj.StructParents)]
                for mcid in mcids:     # every tagged piece of text belongs to the document's tree
                    element = elements[mcid]
                    assert element.objgen in reachable and element.Pg.objgen in pages, (volume.name, n, mcid)
                # the volume's page number, where a page shows one, is a pagination artifact
                pagination = [ops for ops in marked if str(ops[0]) == "/Artifact" and isinstance(ops[1], pikepdf.Dictionary)
                              and str(ops[1].get("/Type")) == "/Pagination"]
                assert len(pagination) == len(NUMBER_LINE.findall(texts[n])), (volume.name, n)
            dests = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
            links = 0
            for page in pdf.pages:
                for annotation in page.obj.get("/Annots", ()):
                    if "/Dest" in annotation:
                        links += 1
                        assert str(annotation.Dest) in dests and dests[str(annotation.Dest)][0].objgen in pages
            assert links, volume.name
            fonts = subprocess.run(["pdffonts", str(volume)], capture_output=True, text=True, check=True).stdout
            names = [line.split()[0] for line in fonts.splitlines()[2:]]
            assert len(names) == len(set(names)), "each issue's cut of a font has a name of its own"


def test_a_volume_is_bound_without_laying_its_issues_out_again(sample_build, tmp_path, monkeypatch):
    """From a cache holding the issues but not the volumes (nor their laid-out fronts): each volume
    takes one layout (its cover and 目录), and prints the same bytes as the sample
    build's."""
    from bulletin.print import settle as settle_module
    layouts: list[int] = []
    real_settle = settle_module.settle

    def counting(source, render, **kwargs):
        count = [0]

        def counted():
            count[0] += 1
            return render()
        result = real_settle(source, counted, **kwargs)
        layouts.append(count[0])
        return result
    monkeypatch.setattr(settle_module, "settle", counting)
    built = volumes(sample_build)
    cache = tmp_path / "cache"
    shutil.copytree(sample_build / ".cache" / "bulletin", cache)
    for cached in (cache / "pdf").glob("*.pdf"):
        original = sample_build / ".cache" / "bulletin" / "pdf" / cached.name
        if any(os.path.samefile(original, volume) for volume in built) or cached.name.startswith("front-"):
            cached.unlink()
    project_dir = copy_project(ROOT, tmp_path / "p")
    from bulletin.sources.loader import load_project
    from bulletin.print import PrintOptions, build_pdfs, preflight
    plan = preflight(load_project(project_dir), project_dir / "overrides", PrintOptions(workers=1, cache_dir=cache))
    report = build_pdfs(plan, project_dir / "out" / "site", project_dir / "out" / "print")
    assert report.rendered == sorted(k for k in report.outputs if k.startswith("volume:")) and len(report.rendered) == 5
    assert layouts == [1] * 5
    assert sorted(report.cpu) == report.rendered and all(seconds > 0 for seconds in report.cpu.values())
    for key in report.rendered:
        path = report.outputs[key]
        folder = "site" if path.is_relative_to(project_dir / "out" / "site") else "print"
        assert path.read_bytes() == (sample_build / folder / path.relative_to(project_dir / "out" / folder)).read_bytes(), key


@pytest.mark.parametrize("damage", ["missing", "not a pdf"])
def test_a_damaged_issue_pdf_in_the_cache_is_a_build_problem(sample_build, tmp_path, damage):
    """A volume binds what the cache holds; if that was removed or damaged while the build ran, the
    build stops with the volume named, not with a traceback, and writes no volume."""
    from bulletin.print.worker import init_worker, render_pdf
    issue = next((sample_build / "site" / "szzw" / "2026").glob("001.pdf"))
    broken = tmp_path / "001.pdf"
    if damage == "not a pdf":
        broken.write_text("<html>", encoding="utf-8")
    init_worker()
    job = {"key": "volume:x", "html": '<html lang="zh-CN"><body><section><!--bl-volume-anchors--></section></body></html>',
           "base_url": issue.as_uri(), "roots": [str(sample_build)], "target": str(tmp_path / "v.pdf"),
           "bound": [{"pdf": str(broken), "prefix": "i001-", "label": "第1期"}]}
    result = render_pdf(job)
    assert "error" in result and not (tmp_path / "v.pdf").exists()


def _embedded(pdf: Path) -> list[str]:
    """The fonts pdffonts lists, by family (the subset tag left out)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0].split("+", 1)[-1] for line in out.splitlines()[2:]]


def test_each_cut_font_is_embedded_once_in_a_volume(sample_build):
    """Each issue embeds its own subsets of the cut fonts; bound as they are, a volume was about the
    sum of its issues (938 KB against 357 KB laid out as one document, for szzw 2026). The subsets
    of one cut are merged into one (print/fontmerge.py)."""
    for volume in volumes(sample_build):
        families = _embedded(volume)
        assert families and len(families) == len(set(families)), (volume.name, families)
        issues = [pdf for pdf in issue_pdfs(sample_build, volume)
                  if ("internal" in volume.name or "print" not in pdf.relative_to(sample_build).parts)]
        share = volume.stat().st_size / sum(pdf.stat().st_size for pdf in issues)
        assert share < (0.6 if len(issues) >= 4 else 0.9), (volume.name, share)


def test_an_issue_printed_with_another_cut_keeps_its_own_fonts(sample_build, tmp_path):
    """Glyph ids differ between cuts: an issue the cache holds from an older cut (its PDF says which,
    Info /bulletinfonts) must not have its text drawn with another cut's glyphs. Its fonts stay its
    own, and every page still reads the same."""
    from bulletin.sources.loader import load_project
    from bulletin.print import PrintOptions, build_pdfs, preflight
    built = volumes(sample_build)
    cache = tmp_path / "cache"
    shutil.copytree(sample_build / ".cache" / "bulletin", cache)
    issue = sample_build / "site" / "szzw" / "2026" / "002.pdf"
    for cached in (cache / "pdf").glob("*.pdf"):
        original = sample_build / ".cache" / "bulletin" / "pdf" / cached.name
        if any(os.path.samefile(original, volume) for volume in built) or cached.name.startswith("front-"):
            cached.unlink()
        elif os.path.samefile(original, issue):
            with pikepdf.open(original) as pdf:       # as if printed by a cut no longer in the cache
                names = str(pdf.docinfo["/bulletinfonts"]).split()
                assert len(names) == 5 and all(name.endswith((".otf", ".ttf")) for name in names)
                pdf.docinfo["/bulletinfonts"] = " ".join(name.split("-")[0] + "-" + "0" * 24 + ".otf" for name in names)
                cached.unlink()
                pdf.save(cached)
            index = json.loads((cache / "pdf" / "index.json").read_text(encoding="utf-8"))
            index[cached.name] = [cached.stat().st_size, cached.stat().st_mtime_ns]   # as a build printed it
            (cache / "pdf" / "index.json").write_text(json.dumps(index), encoding="utf-8")
    project_dir = copy_project(ROOT, tmp_path / "p")
    plan = preflight(load_project(project_dir), project_dir / "overrides", PrintOptions(workers=1, cache_dir=cache))
    report = build_pdfs(plan, project_dir / "out" / "site", project_dir / "out" / "print")
    volume = report.outputs["volume:site:szzw/2026/szzw-2026-volume.pdf"]
    families = _embedded(volume)
    others = {family for pdf in (sample_build / "site" / "szzw" / "2026").glob("00[134].pdf") for family in _embedded(pdf)}
    for family in _embedded(issue):    # the issue's own subset, beside the merged one of the others
        assert families.count(family) == (2 if family in others else 1), (family, families)
    assert len(families) > len(set(families))
    assert page_texts(volume) == page_texts(sample_build / "site" / "szzw" / "2026" / "szzw-2026-volume.pdf")


@pytest.mark.parametrize("subsetter", ["harfbuzz", "fonttools"])
def test_a_merged_font_keeps_the_cut_fonts_glyph_ids(sample_build, monkeypatch, subsetter):
    """fontmerge relies on it: glyph n of the merged font is glyph n of the cut (its outline and
    advance), with HarfBuzz's subsetter and with the fontTools fallback."""
    import io

    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    from bulletin.print import subset
    if subsetter == "fonttools":
        monkeypatch.setattr(subset, "_harfbuzz", lambda: None)
    for cut in sorted((sample_build / ".cache" / "bulletin" / "fonts").glob("*-*.?tf")):
        source = TTFont(str(cut))
        wanted = {5, 17, len(source.getGlyphOrder()) // 2, len(source.getGlyphOrder()) - 1}
        merged = TTFont(io.BytesIO(subset.glyph_subset(cut, wanted)))
        for gid in wanted:
            names = source.getGlyphOrder()[gid], merged.getGlyphOrder()[gid]
            assert source["hmtx"][names[0]] == merged["hmtx"][names[1]], (cut.name, gid)
            bounds = []
            for font, name in zip((source, merged), names):
                pen = BoundsPen(font.getGlyphSet())
                font.getGlyphSet()[name].draw(pen)
                bounds.append(pen.bounds)
            assert bounds[0] == bounds[1] and bounds[0] is not None, (cut.name, gid)


def test_only_cut_font_names_are_looked_up(sample_build):
    """The cut names an issue PDF records are file names in the cut fonts' folder, nothing else: a
    path in them (a tampered cache) is ignored, so binding reads no file outside that folder."""
    from bulletin.print.fontmerge import CUT, mark_cuts
    with pikepdf.open(sample_build / "site" / "szzw" / "2026" / "001.pdf") as pdf:
        names = str(pdf.docinfo["/bulletinfonts"]).split()
        pdf.docinfo["/bulletinfonts"] = " ".join(["../../../etc/passwd", "body-../../x.otf", *names[1:]])
        mark_cuts(pdf)
        marked = {str(obj[CUT]) for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and CUT in obj}
    assert marked and marked <= set(names[1:])


def test_a_volume_template_without_the_issues_places_is_a_build_problem(sample_build, tmp_path):
    """An office's own overrides/print/volume.html from before binding has no place for the issues'
    pages: the build says so instead of failing inside the binder."""
    from bulletin.print.worker import init_worker, render_pdf
    issue = sample_build / "site" / "szzw" / "2026" / "001.pdf"
    init_worker()
    job = {"key": "volume:x", "html": '<html lang="zh-CN"><body><section></section></body></html>',
           "base_url": issue.as_uri(), "roots": [str(sample_build)], "target": str(tmp_path / "v.pdf"),
           "bound": [{"pdf": str(issue), "prefix": "i001-", "label": "第1期"}]}
    result = render_pdf(job)
    assert "volume.html" in result["error"] and "bl-volume-anchors" in result["error"]
    assert not (tmp_path / "v.pdf").exists()


def test_a_volume_template_with_pages_after_the_anchors_is_a_build_problem(sample_build, tmp_path):
    """Binding takes the front's last page out, so the anchors must be on it: a template that goes on
    after them would lose a page of its own, and says so instead."""
    from bulletin.print.worker import init_worker, render_pdf
    issue = sample_build / "site" / "szzw" / "2026" / "001.pdf"
    init_worker()
    job = {"key": "volume:x", "base_url": issue.as_uri(), "roots": [str(sample_build)], "target": str(tmp_path / "v.pdf"),
           "html": '<html lang="zh-CN"><body><section><!--bl-volume-anchors--></section>'
                   '<p style="break-before: page">后记</p></body></html>',
           "bound": [{"pdf": str(issue), "prefix": "i001-", "label": "第1期"}]}
    result = render_pdf(job)
    assert "last page" in result["error"] and "bl-volume-anchors" in result["error"]
    assert not (tmp_path / "v.pdf").exists()


def _count_layouts(monkeypatch) -> list[str]:
    """The base URL of each document WeasyPrint lays out from now on (print/settle.py)."""
    from bulletin.print import settle as settle_module
    layouts: list[str] = []
    real_settle = settle_module.settle

    def counting(source, render, **kwargs):
        layouts.append(source.base_url)
        return real_settle(source, render, **kwargs)
    monkeypatch.setattr(settle_module, "settle", counting)
    return layouts


def test_an_edit_that_keeps_the_page_count_binds_the_volume_again_without_laying_its_front_out(
        sample_build, tmp_path, monkeypatch):
    """A volume's laid-out front (cover, 目录, the anchors' page) is cached by its HTML with the anchors
    and page numbers filled in: after a body edit that keeps the issue's page count, the issue is laid out again and the
    volume is bound again from the cached front, byte for byte the volume a fresh layout gives. A build
    that reuses a volume keeps its front in the cache for the next edit; a damaged front is laid out
    again."""
    from bulletin.print import PrintOptions, build_pdfs, preflight
    from bulletin.sources.loader import load_project
    layouts = _count_layouts(monkeypatch)
    cache = tmp_path / "cache"
    shutil.copytree(sample_build / ".cache" / "bulletin", cache)
    fronts = sorted((cache / "pdf").glob("front-*.pdf"))
    assert len(fronts) == 5, fronts                       # one per volume, left by the sample build
    project_dir = copy_project(ROOT, tmp_path / "p")

    def build(out: str):
        plan = preflight(load_project(project_dir), project_dir / "overrides", PrintOptions(workers=1, cache_dir=cache))
        return build_pdfs(plan, project_dir / out / "site", project_dir / out / "print")

    report = build("same")                                # nothing changed: nothing laid out, fronts kept
    assert report.rendered == [] and layouts == []
    assert sorted((cache / "pdf").glob("front-*.pdf")) == fronts
    source = project_dir / "bulletins" / "szzw" / "2026" / "002.md"
    text = source.read_text(encoding="utf-8")
    assert text.count("占常住人口的26%") == 1
    source.write_text(text.replace("占常住人口的26%", "占常住人口的27%"), encoding="utf-8")
    report = build("edited")
    volume = "volume:site:szzw/2026/szzw-2026-volume.pdf"
    assert report.rendered == sorted(["szzw/2026/002", volume])
    assert layouts == [source.resolve().as_uri()]         # the issue alone; the volume's front came from the cache
    flat = lambda pdf: re.sub(r"\s+", "", "".join(page_texts(pdf)))      # noqa: E731
    before = sample_build / "site" / "szzw" / "2026" / "szzw-2026-volume.pdf"
    assert flat(report.outputs[volume]).count("27%") == flat(before).count("27%") + 1    # the edit is bound in
    bound = report.outputs[volume].read_bytes()
    assert sorted((cache / "pdf").glob("front-*.pdf")) == fronts     # the same page counts: the same front
    for front in fronts:
        front.write_bytes(b"%PDF-1.7 damaged")             # a damaged front is laid out again, not an error
    layouts.clear()
    source.write_text(text.replace("占常住人口的26%", "占常住人口的28%"), encoding="utf-8")
    report = build("damaged")
    assert report.rendered == sorted(["szzw/2026/002", volume]) and len(layouts) == 2
    source.write_text(text.replace("占常住人口的26%", "占常住人口的27%"), encoding="utf-8")
    report = build("edited-again")
    assert report.outputs[volume].read_bytes() == bound
    for cached in (cache / "pdf").glob("*.pdf"):          # lay the volume out afresh: no front, no volume
        if cached.name.startswith("front-") or cached.read_bytes() == bound:
            cached.unlink()
    layouts.clear()
    report = build("fresh")
    assert report.rendered == [volume] and len(layouts) == 1
    assert report.outputs[volume].read_bytes() == bound


def test_a_character_new_to_the_archive_keeps_the_volume_front_that_does_not_print_it(sample_build, tmp_path, monkeypatch):
    """A new character makes a new cut of the fonts, under new file names; the front (cover, 目录,
    anchors) of the volume binding the edited issue prints the same glyphs from either cut, so it
    comes from the cache: only the issue is laid out, and the volume still prints the new character."""
    from bulletin.print import PrintOptions, build_pdfs, preflight
    from bulletin.sources.loader import load_project
    layouts = _count_layouts(monkeypatch)
    cache = tmp_path / "cache"
    shutil.copytree(sample_build / ".cache" / "bulletin", cache)
    fonts_before = sorted(p.name for p in (cache / "fonts").glob("*"))
    project_dir = copy_project(ROOT, tmp_path / "p")
    source = project_dir / "bulletins" / "szzw" / "2026" / "002.md"
    text = source.read_text(encoding="utf-8")
    assert "龘" not in "".join(p.read_text(encoding="utf-8") for p in (ROOT / "bulletins").rglob("*.md"))
    source.write_text(text.replace("占常住人口的26%", "占常住人口的26%（龘）"), encoding="utf-8")
    plan = preflight(load_project(project_dir), project_dir / "overrides", PrintOptions(workers=1, cache_dir=cache))
    report = build_pdfs(plan, project_dir / "out" / "site", project_dir / "out" / "print")
    volume = "volume:site:szzw/2026/szzw-2026-volume.pdf"
    assert sorted(p.name for p in (cache / "fonts").glob("*")) != fonts_before      # a new cut
    assert report.rendered == sorted(["szzw/2026/002", volume])
    assert layouts == [source.resolve().as_uri()]          # the front came from the cache
    assert "龘" in "".join(page_texts(report.outputs[volume]))


def test_the_volumes_number_stands_where_the_issues_own_did(sample_build):
    """The volume's page number is drawn in the issue page's own margin box: on a right-hand page it
    ends where the issue's number ended, on a left-hand page it starts where that started, on the
    same line, in the same size (print/pagenumbers.py). Read with pdfplumber."""
    import pdfplumber

    def number(page) -> tuple[float, float, float, float] | None:
        """The page number's dashes: x0 of the first, x1 of the last, their baseline and size."""
        dashes = [c for c in page.chars if c["text"] == "—" and c["top"] > page.height * 0.85]
        if not dashes:
            return None
        assert len(dashes) == 2
        return dashes[0]["x0"], dashes[-1]["x1"], dashes[0]["bottom"], dashes[0]["size"]

    checked = {True: 0, False: 0}
    for volume in sorted((sample_build / "site" / "szzw").glob("*/szzw-*-volume.pdf")):   # public issues only
        pdfs = sorted(issue_pdfs(sample_build, volume), key=lambda pdf: int(pdf.stem))
        with pdfplumber.open(volume) as bound:
            for (label, start), pdf in zip(starts(volume), pdfs):
                assert f"第{int(pdf.stem)}期" in label, (volume.name, label, pdf.name)
                with pdfplumber.open(pdf) as alone:
                    for n, page in enumerate(alone.pages):
                        own, drawn = number(page), number(bound.pages[start + n])
                        assert (own is None) == (drawn is None), (pdf.name, n)
                        if own is None:
                            continue
                        right = n % 2 == 0
                        edge = 1 if right else 0
                        assert abs(own[edge] - drawn[edge]) < 0.05, (pdf.name, n, own, drawn)
                        assert abs(own[2] - drawn[2]) < 0.05 and own[3] == drawn[3], (pdf.name, n)
                        checked[right] += 1
    assert checked[True] >= 4 and checked[False] >= 4, checked
