"""A PDF worker that cannot start stops the build with one line instead of hanging it: the CI of an
earlier round hung for 90 minutes because multiprocessing.Pool restarted a failing worker forever."""
from __future__ import annotations

import pytest

from bulletin.errors import SourceError
from bulletin.print.pipeline import PrintOptions, run_jobs


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

