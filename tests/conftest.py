"""Shared fixtures: the sample project built once per test session, and throw-away project copies."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "bulletins")


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project's sources (not its outputs) so a test can change them freely."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.is_file():
            shutil.copy2(src, target / part)
    if not (target / "overrides").exists():
        shutil.copytree(ROOT / "overrides", target / "overrides")
        config = (target / "mkdocs.yml").read_text(encoding="utf-8")
        (target / "mkdocs.yml").write_text(config.replace("../../../overrides", "overrides"), encoding="utf-8")
    return target


def run_bulletin(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the real `bulletin` command in a project folder, as a user would."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "bulletin", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def manifest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256 (symbolic links by target): two equal manifests
    mean a command changed nothing there."""
    import hashlib
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The sample project under bulletins/, built with PDFs into a temporary folder.

    Returns the project copy; its outputs are in ``site/`` and ``print/`` inside it.
    """
    from bulletin.mkdocs.build import build_site
    project = copy_project(ROOT, tmp_path_factory.mktemp("sample"))
    build_site(project)
    return project


@pytest.fixture(scope="session")
def sample_site(sample_build) -> Path:
    return sample_build / "site"


@pytest.fixture()
def mini_project(tmp_path) -> Path:
    """A small hand-made project whose expected output is worked out by hand in the tests."""
    return copy_project(FIXTURES / "mini", tmp_path / "mini")


def alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a process that has ended but not been waited for, a zombie,
    is not): how the tests see that a build's workers ended with it."""
    running = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.append(pid)
    return running


# ---------------------------------------------------------------- a real browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve a built site on 127.0.0.1 (a free port) for the duration of the block; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()
