"""`bulletin serve` (what `make serve` runs) rebuilds when a source under bulletins/ changes, and a
plain `mkdocs serve` on the same project still works."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


import pytest


@pytest.mark.parametrize("command", [["-m", "bulletin", "serve", "--dev-addr"], ["-m", "mkdocs", "serve", "-a"]])
def test_serve_reloads_when_a_bulletin_changes(tmp_path, command):
    from conftest import FIXTURES
    project = copy_project(FIXTURES / "mini", tmp_path / "mini")
    port = _free_port()
    server = subprocess.Popen([sys.executable, *command, f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/demo/2026/001/"
        assert _wait_for(url, "第一篇文章", 60), "the preview server did not come up"
        source = project / "bulletins/demo/2026/001.md"
        source.write_text(source.read_text(encoding="utf-8").replace("## 第一篇文章", "## 改过的头条"),
                          encoding="utf-8")
        assert _wait_for(url, "改过的头条", 60), "the page was not rebuilt after the source changed"
        home = _fetch(f"http://127.0.0.1:{port}/demo/")
        assert "第2期" in home or "002" in home      # the other issue is still listed
        assert not (project / "docs/demo").exists()   # generated pages stay virtual
    finally:
        server.terminate()
        server.wait(timeout=30)
