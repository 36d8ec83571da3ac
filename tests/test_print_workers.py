"""A PDF worker that cannot start stops the build with one line instead of hanging it: the CI of an
earlier round hung for 90 minutes because multiprocessing.Pool restarted a failing worker forever."""
from __future__ import annotations

import pytest

from bulletin.errors import SourceError
from bulletin.print.pipeline import PrintOptions, run_jobs
from conftest import alive


def test_worker_that_fails_to_start_is_an_error_not_a_hang(tmp_path, monkeypatch):
    fake = tmp_path / "fake"
    fake.mkdir()
    # Run at the start of every new Python process (the spawned workers, not this one, which has
    # started already): WeasyPrint cannot be imported there, so each worker's initializer fails.
    (fake / "sitecustomize.py").write_text("import sys\nsys.modules['weasyprint'] = None\n")
    monkeypatch.setenv("PYTHONPATH", str(fake))
    jobs = [{"key": f"job-{n}", "html": "<p>x</p>", "target": str(tmp_path / f"{n}.pdf"), "base_url": str(tmp_path),
             "roots": [str(tmp_path)]} for n in range(3)]
    with pytest.raises(SourceError) as caught:
        run_jobs(jobs, PrintOptions(workers=2))
    message = str(caught.value)
    assert "PDF worker process stopped" in message
    assert not list(tmp_path.glob("*.pdf"))



def test_more_documents_than_a_worker_ever_took_before_all_render(tmp_path):
    """The workers once left after 40 documents each, and Python 3.11's pool does not replace them:
    the 81st document of a build on two cores waited forever. 120 documents, in a process of its own
    so that a hang fails this test after two minutes instead of stalling the suite."""
    import subprocess
    import sys
    script = f"""
import sys
from pathlib import Path
from bulletin.print.pipeline import PrintOptions, run_jobs
if __name__ == "__main__":
    folder = Path({str(tmp_path)!r})
    jobs = [{{"key": f"job-{{n}}", "html": f"<p>{{n}}</p>", "target": str(folder / f"{{n}}.pdf"),
             "base_url": folder.as_uri() + "/", "roots": [str(folder)]}} for n in range(120)]
    results = run_jobs(jobs, PrintOptions(workers=2))
    print(sum("error" not in r for r in results))
"""
    (tmp_path / "many.py").write_text(script, encoding="utf-8")
    done = subprocess.run([sys.executable, str(tmp_path / "many.py")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-1] == "120"
    assert len(list(tmp_path.glob("*.pdf"))) == 120


def test_a_worker_imports_what_renders_not_the_pipeline():
    """A spawned worker imports bulletin.print.worker, and so the bulletin.print package: the package
    names its entry points lazily, so a worker does not load the document kinds, their pydantic
    schemas and Markdown (about a third of a second of CPU for every worker of every build)."""
    import subprocess
    import sys
    script = ("import sys\nfrom bulletin.print import worker\nworker.init_worker()\n"
              "print(' '.join(m for m in ('bulletin.print.pipeline', 'bulletin.kinds', 'pydantic', 'markdown')"
              " if m in sys.modules) or 'none')\n"
              "from bulletin.print import PrintOptions, build_pdfs\nprint(PrintOptions.__module__, build_pdfs.__name__)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["none", "bulletin.print.pipeline build_pdfs"]


def test_a_worker_installs_the_per_page_and_per_font_savings():
    """init_worker puts pagestyles, pagerefs and hbarrays in place (each tested on its own in its
    test file): a worker that skipped one would print the same PDFs, only slower, so nothing else
    would notice."""
    import pydyf
    from weasyprint.layout import page
    from weasyprint.text.ffi import ffi

    from bulletin.print import hbarrays, pagerefs, pagestyles, worker
    worker.init_worker()
    assert page.set_page_type_computed_styles is not pagestyles._wrapped["set_page_type_computed_styles"]
    assert pydyf.PDF.__dict__["page_references"] is not pagerefs._wrapped["page_references"]
    assert ffi.new is not hbarrays._wrapped["new"]


def test_the_build_process_keys_its_pdfs_without_importing_weasyprint(mini_project, tmp_path):
    """Only the workers lay out; the build's own process plans, cuts the fonts and keys the cache,
    and importing WeasyPrint there (for its version, part of every key) cost ~0.45 s of CPU per
    build. The version read from the installed package is the one WeasyPrint gives itself."""
    import os
    import subprocess
    import sys

    import weasyprint

    from bulletin.print.pipeline import weasyprint_version
    assert weasyprint_version() == weasyprint.__version__
    script = f"""
import logging, sys
from pathlib import Path
from bulletin.print import PrintOptions, preflight
from bulletin.print.pipeline import _PdfCache, font_css
from bulletin.sources.loader import load_project
root = Path({str(mini_project)!r})
plan = preflight(load_project(root), root / "overrides", PrintOptions(log=logging.getLogger("quiet")))
css, _ = font_css(plan, logging.getLogger("quiet"))
key = _PdfCache(plan).key("<p>x</p>", root.as_uri(), [])
print(len(key), "weasyprint" in sys.modules)
"""
    env = {**os.environ, "BULLETIN_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["32", "False"]



def test_a_worker_leaves_when_its_build_dies_whoever_its_parent_is(tmp_path):
    """Linux's request to die with the parent covers only a death after it, and only the parent's: a
    build killed while its fork server or a worker was starting would leave the worker rendering.
    A worker also watches the build itself (worker.leave_with_build): here a build that dies at once,
    before its worker has even started, and one that lives, whose worker stays."""
    import os
    import subprocess
    import sys
    import time
    script = f"""
import multiprocessing, os, sys, time
from pathlib import Path

def child(out):
    Path(out).write_text(str(os.getpid()))
    from bulletin.print import worker
    worker.leave_with_build()
    time.sleep(60)

if __name__ == "__main__":
    out = {str(tmp_path)!r} + "/" + sys.argv[1]
    process = multiprocessing.get_context("spawn").Process(target=child, args=(out,))
    process.start()
    if sys.argv[1] == "lives":
        while not os.path.exists(out):
            time.sleep(0.1)
        time.sleep(2)
        print(process.is_alive())
        process.kill()
    os._exit(0)                   # "dies": the build gone while its worker starts
"""
    (tmp_path / "build.py").write_text(script, encoding="utf-8")
    lives = subprocess.run([sys.executable, str(tmp_path / "build.py"), "lives"], capture_output=True, text=True,
                           timeout=120)
    assert lives.stdout.split() == ["True"], lives.stderr[-2000:]
    subprocess.run([sys.executable, str(tmp_path / "build.py"), "dies"], check=True, timeout=120)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (tmp_path / "dies").exists():
        time.sleep(0.1)
    pid = int((tmp_path / "dies").read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive([pid]):
        time.sleep(0.1)
    left = alive([pid])
    if left:
        os.kill(pid, 9)
    assert not left, "the worker outlived its build"


def test_a_worker_binds_a_volume_without_importing_the_pipeline(tmp_path):
    """A volume's job fills in the 目录's anchors (volume_numbers.fill_anchors): when that lived in
    print/volume.py, the worker binding a volume imported the loader, the document kinds and pydantic
    for it, 0.12 s of every build with a volume. (The volumes the sample builds are bound in
    test_volume_binding.py; here the issue to bind is no PDF, so the job stops after those imports.)"""
    import subprocess
    import sys
    script = f"""
import sys
from pathlib import Path
from bulletin.print import worker
folder = Path({str(tmp_path)!r})
(folder / "1.pdf").write_text("<html>", encoding="utf-8")
worker.init_worker()
volume = worker.render_pdf({{"key": "volume:x", "base_url": folder.as_uri() + "/", "roots": [str(folder)],
                            "html": '<html lang="zh-CN"><body><section><!--bl-volume-anchors--></section></body></html>',
                            "target": str(folder / "v.pdf"),
                            "bound": [{{"pdf": str(folder / "1.pdf"), "prefix": "i001-", "label": "第1期"}}]}})
print("error" in volume)
print(" ".join(m for m in ("bulletin.print.volume", "bulletin.print.pipeline", "bulletin.sources.loader",
                           "bulletin.kinds", "pydantic") if m in sys.modules) or "none")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["True", "none"]
    assert not (tmp_path / "v.pdf").exists()
