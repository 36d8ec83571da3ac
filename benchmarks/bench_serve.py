"""The editor's loop: save one issue, how long until the preview serves the new page?

Generates the same N issues (default 2,000) as bench_site.py, once as bulletin sources and once as
ordinary Markdown pages; starts `bulletin serve` on the first and plain `mkdocs serve` on the second;
then, interleaved (plain, ours, ours, plain, …), appends a sentence to one issue's body and polls its
page until the sentence is served. Prints every latency, the medians and their ratio.
Target: ours ≤ 2 s for a body edit on 2,000 issues.

With --pdf, ours is `bulletin serve --pdf` on the project with PDFs: a `bulletin build` fills the
print cache first (timed apart; at 2,000 issues about 15 minutes), so the preview's first build
renders nothing, and each save is also timed until the issue's PDF, as served, has changed.
Target: ≤ 5 s from the save to the served PDF.

    .venv/bin/python benchmarks/bench_serve.py [--issues 2000] [--pairs 3] [--pdf]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import write_ours, write_plain  # noqa: E402


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    """The page's text without its tags: our web typesetting wraps 第1次 in a span (no line break
    inside), so the sentence is looked for in the text, not in the HTML."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return re.sub(r"<[^>]*>", "", response.read().decode("utf-8"))
    except OSError:
        return ""


def _digest(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return hashlib.blake2b(response.read(), digest_size=16).hexdigest()
    except OSError:
        return None


def _wait_changed(url: str, before: str | None, since: float, limit: float) -> float:
    """Seconds from ``since`` until ``url`` serves other bytes than ``before``."""
    while time.perf_counter() - since < limit:
        now = _digest(url)
        if now is not None and now != before:
            return time.perf_counter() - since
        time.sleep(0.05)
    raise SystemExit(f"{url} did not change within {limit:.0f} s")


def _wait(url: str, text: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")


class Preview:
    def __init__(self, name: str, base: Path, command: list[str], source: Path, url_path: str,
                 pdf_path: str | None = None, env: dict | None = None):
        self.name, self.base, self.source = name, base, source
        self.port = _port()
        self.url = f"http://127.0.0.1:{self.port}/{url_path}"
        self.pdf_url = f"http://127.0.0.1:{self.port}/{pdf_path}" if pdf_path else None
        self.pdf_latencies: list[float] = []
        self.process = subprocess.Popen([*command, f"127.0.0.1:{self.port}"], cwd=base, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.edits = 0

    def started(self, limit: float) -> float:
        return _wait(self.url, "第", limit)

    def edit(self) -> float:
        """Append a new sentence to the issue; seconds from the save until the page shows it."""
        self.edits += 1
        mark = f"基准编辑第{self.edits}次完成"
        time.sleep(1.2)          # the watcher debounces; do not let two edits merge into one rebuild
        before = _digest(self.pdf_url) if self.pdf_url else None
        with self.source.open("a", encoding="utf-8") as handle:
            handle.write(f"\n\n{mark}。\n")
        saved = time.perf_counter()
        page = _wait(self.url, mark, 1800)   # a full rebuild of plain MkDocs takes minutes
        if self.pdf_url:
            self.pdf_latencies.append(_wait_changed(self.pdf_url, before, saved, 1800))
        return page

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=2000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="ours with PDFs: `bulletin serve --pdf`, the PDF timed too")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        plain_dir, ours_dir = Path(tmp, "plain"), Path(tmp, "ours")
        write_plain(plain_dir, args.issues)
        write_ours(ours_dir, args.issues, pdf=args.pdf)
        env = {**os.environ, "BULLETIN_CACHE_DIR": str(Path(tmp, "cache"))}
        serve = [python, "-m", "bulletin", "serve", "--dev-addr"]
        if args.pdf:
            start = time.perf_counter()
            subprocess.run([python, "-m", "bulletin", "build"], cwd=ours_dir, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"bulletin build (fills the print cache): {time.perf_counter() - start:.1f} s", flush=True)
            serve = [python, "-m", "bulletin", "serve", "--pdf", "--dev-addr"]
        compare(plain_dir, ours_dir, args.issues, args.pairs, serve, env)


def compare(plain_dir: Path, ours_dir: Path, issues: int, pairs: int, serve: list[str], env: dict) -> None:
    """Start plain `mkdocs serve` and ours (``serve``: the command without its address), then save
    issue 001 of aaa 2020 in each, interleaved, and print the latencies (with --pdf, of the PDF too)."""
    python = sys.executable
    pdf = "--pdf" in serve
    # Started one after the other, so that their first builds do not compete for the CPU.
    plain = Preview("plain mkdocs serve", plain_dir, [python, "-m", "mkdocs", "serve", "-a"],
                    plain_dir / "docs/aaa/2020/001.md", "aaa/2020/001/")
    ours = None
    try:
        print(f"{plain.name}: first build served after {plain.started(1800):.1f} s", flush=True)
        ours = Preview("bulletin serve" + (" --pdf" if pdf else ""), ours_dir, serve,
                       ours_dir / "bulletins/aaa/2020/001.md", "aaa/2020/001/",
                       "aaa/2020/001.pdf" if pdf else None, env)
        print(f"{ours.name}: first build served after {ours.started(1800):.1f} s", flush=True)
        runs: dict[str, list[float]] = {plain.name: [], ours.name: []}
        for i in range(pairs):
            for preview in ((plain, ours) if i % 2 == 0 else (ours, plain)):
                runs[preview.name].append(preview.edit())
                its_pdf = f", its PDF after {preview.pdf_latencies[-1]:.2f} s" if preview.pdf_url else ""
                print(f"  {preview.name}: {runs[preview.name][-1]:.2f} s{its_pdf}", flush=True)
    finally:
        plain.stop()
        if ours is not None:
            ours.stop()
    a, b = statistics.median(runs[plain.name]), statistics.median(runs[ours.name])
    print(f"issues: {issues}, {pairs} interleaved pairs, save-to-served (medians):")
    for name, values in runs.items():
        print(f"  {name:20s} {statistics.median(values):6.2f} s   (runs: {', '.join(f'{v:.2f}' for v in values)})")
    print(f"ratio ours/plain: {b / a:.2f}x   (target: ours <= 2 s{' without PDFs' if pdf else ''})")
    if pdf:
        values = ours.pdf_latencies
        print(f"  save to served PDF, ours: {statistics.median(values):6.2f} s   "
              f"(runs: {', '.join(f'{v:.2f}' for v in values)}; target <= 5 s)")

if __name__ == "__main__":
    main()
