"""Each issue's print HTML is rendered once a build: the preflight's reading (which the glyph check
reads) is what the build prints, with the cut fonts put in; a document printing attachment files is
rendered anew, since its pages are reserved only when printing. Either way the HTML is the same as
rendering it in the build's context."""
from __future__ import annotations

import logging

from pypdf import PdfWriter

from bulletin.kinds import kind_of
from bulletin.print import PrintContext, PrintOptions, preflight
from bulletin.print.pipeline import _font_faces, font_css, issue_html
from bulletin.sources.loader import load_project
from conftest import FIXTURES, ROOT, copy_project

NOTICE = """---
issue: 5
date: 2026-05-06
doc_number: 青政办函〔2026〕5号
title: 青禾市人民政府办公室关于报送农田灌溉设施台账的通知
addressees: 各区县人民政府
attachments:
  - title: 灌溉设施台账样表
    file: 005-form.pdf
issuer: 青禾市人民政府办公室
---

请于2026年5月20日前报送市农业农村局。
"""


def _project(root):
    project = copy_project(FIXTURES / "mini", root)
    folder = project / "bulletins" / "tz"
    (folder / "2026").mkdir(parents=True)
    (folder / "series.yml").write_text("title: 青禾市人民政府办公室文件\noffice: 青禾市人民政府办公室\nkind: notice\n",
                                       encoding="utf-8")
    (folder / "2026" / "005.md").write_text(NOTICE, encoding="utf-8")
    form = PdfWriter()
    form.add_blank_page(595, 842)
    form.write(folder / "2026" / "005-form.pdf")
    return project


def test_build_prints_the_html_the_preflight_read(tmp_path):
    quiet = logging.getLogger("quiet")
    project = _project(tmp_path / "p")
    plan = preflight(load_project(project), ROOT / "overrides", PrintOptions(cache_dir=tmp_path / "cache", log=quiet))
    with_files = {"tz/2026/005"}
    assert with_files < {i.key for i in plan.issues} and len(plan.issues) == 3
    assert set(plan.htmls) == {i.key for i in plan.issues} - with_files
    css, _ = font_css(plan, quiet)
    faces = _font_faces(plan, css)
    assert faces and "@font-face" in faces
    ctx = PrintContext(plan.root, plan.overrides, font_css=css, cache_dir=plan.cache_dir, fonts=plan.fonts)
    fresh = PrintContext(plan.root, plan.overrides, font_css=css, cache_dir=plan.cache_dir, fonts=plan.fonts)
    for issue in plan.issues:
        html, merges = issue_html(plan, issue, ctx, faces)
        fresh.merges.clear()
        assert html == kind_of(issue).print_html(issue, fresh), issue.key
        assert merges == fresh.merges and bool(merges) == (issue.key in with_files), issue.key
    assert plan.htmls == {}, "the readings are let go once printed"
