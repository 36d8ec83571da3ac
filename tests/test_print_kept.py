"""Markdown's print HTML kept between builds (print/kept.py, print/context.py).

The preflight of a whole build renders every issue's print HTML; the Markdown in it is converted once
and then looked up by the text's hash in the next build. A lookup must give exactly what converting
gives, and text whose HTML depends on more than the text (footnotes) must not be looked up."""
from __future__ import annotations

import json
import logging

import pytest

from bulletin.print import PrintOptions, preflight
from bulletin.print.context import MARKUP, PrintContext
from bulletin.print.texts import READINGS
from bulletin.sources.loader import load_project


@pytest.fixture(autouse=True)
def _no_store_left_behind():
    yield
    MARKUP.use(None)
    READINGS.use(None)


def _fail(text):
    raise AssertionError("converted again")


def test_markdown_is_kept_between_builds(tmp_path, monkeypatch):
    text = "各地围绕**重点任务**持续发力，累计完成139项。\n\n| 项目 | 进度 |\n|---|---|\n| 一 | 完成 |\n"
    MARKUP.use(tmp_path)
    first = PrintContext(tmp_path, tmp_path).markdown(text)
    assert "<strong>重点任务</strong>" in first and "<table>" in first
    MARKUP.save()
    assert len(json.loads((tmp_path / "markup.json").read_text(encoding="utf-8"))["kept"]) == 1
    MARKUP.use(tmp_path)                                   # the next build, in another process
    monkeypatch.setattr(MARKUP, "compute", _fail)
    assert PrintContext(tmp_path, tmp_path).markdown(text) == first


def test_footnote_ids_depend_on_the_text_alone(tmp_path):
    """Footnote ids are unique per text, and the same text gets the same ids whatever was converted
    before it: an issue's print HTML (its PDF's key) does not change when another issue changes."""
    import re
    ctx = PrintContext(tmp_path, tmp_path)
    note = "正文[^1]。\n\n[^1]: 注释内容。\n"
    first = ctx.markdown(note)
    assert "注释内容" in re.sub(r"<[^>]+>", "", first) and 'id="fn' in first
    MARKUP.use(None)                                       # nothing kept: converted anew, after others
    ctx.markdown("另一节[^1]。\n\n[^1]: 另一条注释。\n")
    ctx.markdown("再一节[^a]。\n\n[^a]: 第三条注释。\n")
    assert ctx.markdown(note) == first
    ids = lambda html: set(re.findall(r'id="([^"]+)"', html))      # noqa: E731
    other = ctx.markdown("另一节[^1]。\n\n[^1]: 另一条注释。\n")
    assert ids(first) and not ids(first) & ids(other)     # two sections of one document never share one
    # and every link still finds its note (the print has no links back: print/context.py)
    assert all(f'href="#{name}"' in first for name in ids(first) if name.startswith("fn:"))
    assert "footnote-backref" not in first


def test_a_build_from_kept_results_renders_the_same_print_html(tmp_path):
    """The sample project's preflight with both stores filled by an earlier build gives the same
    print HTML and the same texts as one that computes everything."""
    from conftest import ROOT, copy_project
    root = copy_project(ROOT, tmp_path / "p")
    cache = tmp_path / "cache"
    quiet = logging.getLogger("q")

    def run(use_cache: bool):
        MARKUP.use(None), READINGS.use(None)                 # nothing in memory from an earlier run
        return preflight(load_project(root), root / "overrides",
                         PrintOptions(cache_dir=cache, use_cache=use_cache, log=quiet))

    fresh = run(False)
    run(True)                                              # fills the stores
    assert (cache / "markup.json").is_file() and (cache / "readings.json").is_file()
    kept = run(True)                                       # reads from them
    assert len(MARKUP.read) > 10 and MARKUP.kept          # ... and did read from them
    assert kept.htmls == fresh.htmls and kept.htmls
    assert kept.spans == fresh.spans
