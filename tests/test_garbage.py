"""The PDF workers keep their setup out of the garbage collector's walks (bulletin/garbage.py), and
still collect what their documents leave in cycles; the MkDocs process freezes what it holds once the
plugin is imported, and keeps Python's own collection otherwise."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.garbage import YOUNG_THRESHOLD

# Run in a process of its own: the build's pool, from the fork server, with the pool's initializer;
# each worker reports its collector's state after rendering one document.
_SCRIPT = """
import gc, sys
PYTHONS_OWN = gc.get_threshold()[0]
from pathlib import Path
from bulletin.print import pipeline, worker

def state(job):
    result = worker.render_pdf(job)
    return [gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()[0], "error" not in result,
            "weasyprint" in sys.modules]

if __name__ == "__main__":
    from concurrent.futures import ProcessPoolExecutor
    folder = Path(sys.argv[1])
    context, stop = pipeline._worker_context()
    print(context.get_start_method())
    job = {"key": "one", "html": "<p>一</p>", "target": str(folder / "one.pdf"), "base_url": folder.as_uri() + "/",
           "roots": [str(folder)]}
    try:
        with ProcessPoolExecutor(1, mp_context=context, initializer=worker.init_pool_worker) as pool:
            print(*pool.submit(state, job).result())
    finally:
        stop()
    print(gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()[0] == PYTHONS_OWN)
"""


def test_a_pool_worker_freezes_its_setup_and_collects_the_young_less_often(tmp_path):
    (tmp_path / "pool.py").write_text(_SCRIPT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(tmp_path / "pool.py"), str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    method, worker_state, build_state = done.stdout.strip().splitlines()
    assert method == "forkserver"
    enabled, frozen, young, rendered, imported = worker_state.split()
    # collecting still (the fork server paused it only for its imports), with WeasyPrint and the
    # worker's setup frozen (tens of thousands of objects), young objects collected 10,000 at a time
    assert (enabled, rendered, imported) == ("True", "True", "True")
    assert int(frozen) > 20_000
    assert int(young) == YOUNG_THRESHOLD
    # the build's own process: nothing frozen, Python's own threshold
    assert build_state.split() == ["True", "0", "True"]
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")


def test_cycles_made_after_the_setup_are_still_collected():
    """What a document leaves in reference cycles is freed by the collector, not only at the end of
    the process: keep_setup freezes what exists, and leaves the collector on."""
    script = """
import gc, weakref
from bulletin.garbage import keep_setup

class Node:
    pass

kept = Node(); kept.me = kept            # a cycle from the setup: frozen, never freed
keep_setup()
node = Node(); node.me = node            # a cycle made afterwards, as a document's boxes
gone = weakref.ref(node)
del node
for n in range(50_000):                  # enough new containers for young collections to run
    [n]
kept_ref = weakref.ref(kept)
del kept
gc.collect()
print(gone() is None, kept_ref() is not None, gc.isenabled())
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "True", "True"]


def test_the_builds_pool_starts_its_workers_with_the_pool_initializer(monkeypatch, tmp_path):
    """run_jobs gives its pool init_pool_worker (init_worker alone would print the same PDFs, only
    slower, so nothing else would notice)."""
    import concurrent.futures

    from bulletin.print import worker
    from bulletin.print.pipeline import PrintOptions, run_jobs
    seen = {}

    class Recording(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            seen["initializer"] = kwargs.get("initializer")
            super().__init__(*args, **kwargs)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recording)
    jobs = [{"key": f"job-{n}", "html": f"<p>{n}</p>", "target": str(tmp_path / f"{n}.pdf"),
             "base_url": tmp_path.as_uri() + "/", "roots": [str(tmp_path)]} for n in range(2)]
    results = run_jobs(jobs, PrintOptions(workers=2))
    assert seen["initializer"] is worker.init_pool_worker
    assert [r.get("error") for r in results] == [None, None]


# (module whose imports garbage.paused() wraps, a module those imports must have loaded)
_PAUSED_IMPORTS = [("bulletin.print.forkserver", "weasyprint"),
                   ("bulletin.mkdocs.plugin", "bulletin.sources.loader")]


@pytest.mark.parametrize(("module", "loaded"), _PAUSED_IMPORTS)
def test_paused_imports_leave_the_collector_on_and_what_they_made_frozen(module, loaded, tmp_path):
    """garbage.paused() around the fork server's imports (its workers inherit its state) and the MkDocs
    plugin's (a full collection during them walked all of MkDocs for nothing) turns the collector back
    on, at Python's own threshold, and freezes what they made."""
    script = f"""
import gc, sys
threshold = gc.get_threshold()
import {module}
print(gc.isenabled(), gc.get_freeze_count() > 20_000, gc.get_threshold() == threshold, {loaded!r} in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=Path(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "True", "True", "True"]
