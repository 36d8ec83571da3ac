"""The PDFs render in the background while the build does its other work (issue 13: a cold build
should keep every core busy): ``start_pdfs`` hands the jobs to the worker processes and returns at
once; the PDFs land in the print cache meanwhile, and nothing reaches site/ or print/ until
``finish``. A build that fails meanwhile cancels the run: nothing more is rendered or placed."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project


@pytest.fixture()
def partial_plan(tmp_path):
    """The sample's documents but the last issue of each bulletin year (so no bound volume: a volume
    is made only with all its issues)."""
    from bulletin.print import PrintOptions, preflight
    from bulletin.sources.loader import load_project
    project_dir = copy_project(ROOT, tmp_path / "p")
    plan = preflight(load_project(project_dir), project_dir / "overrides",
                     PrintOptions(workers=2, cache_dir=tmp_path / "cache"))
    last = {}
    for issue in plan.issues:
        if issue.series.kind == "bulletin":
            last[issue.series.slug, issue.year] = issue.key
    plan.issues = [i for i in plan.issues if i.key not in last.values()]
    assert len(plan.issues) >= 6        # more than the two workers and their queue hold at once
    return plan, tmp_path / "out"


def _cached(plan) -> set[Path]:
    return set((plan.cache_dir / "pdf").glob("*.pdf"))


def test_pdfs_render_before_finish_is_called(partial_plan):
    from bulletin.print.pipeline import start_pdfs
    plan, out = partial_plan
    count = len(plan.issues)
    run = start_pdfs(plan, out / "site", out / "print")
    deadline = time.monotonic() + 120
    while len(_cached(plan)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_cached(plan)) == count, "every PDF was rendered while this thread did something else"
    assert not out.exists(), "nothing is placed before finish()"
    report = run.finish()
    assert sorted(report.rendered) == sorted(i.key for i in plan.issues)     # no volume
    assert all(path.is_file() and path.read_bytes().startswith(b"%PDF-") for path in report.outputs.values())


def test_a_cancelled_run_places_nothing_and_stops(partial_plan):
    from bulletin.print.pipeline import start_pdfs
    plan, out = partial_plan
    count = len(plan.issues)
    run = start_pdfs(plan, out / "site", out / "print")
    started = time.monotonic()
    run.cancel()                     # returns once the thread has stopped (its workers with it)
    assert time.monotonic() - started < 60
    assert not out.exists()
    assert not run._thread.is_alive()
    assert len(_cached(plan)) < count, "the documents not yet started are not rendered"


def test_a_failed_build_cancels_the_pdfs(tmp_path):
    """A page that cannot be built stops `mkdocs build` after the PDFs started (on_pre_build): the
    plugin's on_build_error stops them, and `bulletin build` writes nothing."""
    import subprocess
    import sys
    project_dir = copy_project(ROOT, tmp_path / "p")
    # a theme template that fails while pages are built (an undefined macro), after on_pre_build
    main = project_dir / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    assert "{% block content %}" in text
    main.write_text(text.replace("{% block content %}", "{% block content %}{{ no_such_macro() }}", 1), encoding="utf-8")
    env = {"BULLETIN_CACHE_DIR": str(tmp_path / "cache"), "BULLETIN_PROGRESS": "off",
           "PATH": "/usr/bin:/bin"}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "bulletin", "build"], cwd=project_dir, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "overrides/main.html:" in done.stderr and "no_such_macro" in done.stderr, \
        done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert not (project_dir / "site").exists() and not (project_dir / "print").exists()
    from bulletin.sources.loader import load_project
    documents = len(list(load_project(project_dir).all_issues()))      # and the volumes besides
    rendered = list((tmp_path / "cache" / "pdf").glob("*.pdf")) if (tmp_path / "cache" / "pdf").is_dir() else []
    # Without the cancel, the worker pool would render every queued document before the process ends.
    assert len(rendered) < documents, "the run stopped with the build, not after rendering everything"
    assert time.monotonic() - started < 120
