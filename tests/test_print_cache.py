"""The print cache keeps what the last build used and nothing else (issue 13): old generations of cut
fonts and PDFs are removed, and outputs are hard links to the cache, not copies."""
from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT, copy_project


def _build(project: Path, cache: Path):
    from bulletin.print import PrintOptions, build_pdfs, preflight
    from bulletin.sources.loader import load_project
    plan = preflight(load_project(project), project / "overrides", PrintOptions(workers=1, cache_dir=cache))
    plan.issues = [i for i in plan.issues if i.series.slug == "xczx"]
    return build_pdfs(plan, project / "out/site", project / "out/print")


def test_a_new_generation_replaces_the_old_one_in_the_cache(tmp_path):
    project = copy_project(ROOT, tmp_path / "p")
    cache = tmp_path / "cache"
    first = _build(project, cache)
    fonts_before = set((cache / "fonts").iterdir())
    assert len(fonts_before) == 5                              # one cut per role (title, body, heading, kai, page)
    assert len(list((cache / "pdf").iterdir())) == len(first.outputs)
    source = project / "bulletins/xczx/2026/001.md"            # a character used nowhere before
    source.write_text(source.read_text(encoding="utf-8") + "\n\n新增一个罕见字：龘。\n", encoding="utf-8")
    second = _build(project, cache)
    fonts_after = set((cache / "fonts").iterdir())
    assert len(fonts_after) == 5 and fonts_after != fonts_before
    cached = set((cache / "pdf").iterdir())
    assert len(cached) == len(second.outputs)                  # the previous generation is gone
    for target in second.outputs.values():                     # each output is the cached file itself
        assert any(os.path.samefile(target, c) for c in cached)
