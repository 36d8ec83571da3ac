"""The preflight's reading of every issue spread over forked copies of the build (print/forked.py).

Each test runs its own Python process, as `bulletin build` does: a pytest worker runs threads of its
own, and forked_map rightly does not fork a process with other threads."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from conftest import ROOT, alive, copy_project

HEADER = """
import json, os, sys, threading, time
from pathlib import Path
from bulletin.print import forked
from bulletin.print.forked import forked_map
"""


def _run(script: str, *args: str, timeout: int = 180) -> dict:
    done = subprocess.run([sys.executable, "-c", HEADER + script, *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_items_are_computed_in_forked_copies_in_their_order():
    out = _run("""
values = forked_map(lambda n: (n * n, os.getpid()), list(range(500)), 2)
print(json.dumps({"values": [v for v, _ in values], "pids": sorted({p for _, p in values}), "me": os.getpid()}))
""")
    assert out["values"] == [n * n for n in range(500)]
    assert out["me"] not in out["pids"] and 1 <= len(out["pids"]) <= 2


def test_short_lists_and_processes_with_threads_are_computed_here():
    out = _run("""
short = forked_map(lambda n: os.getpid(), list(range(forked.MIN_ITEMS - 1)), 2)
one = forked_map(lambda n: os.getpid(), list(range(500)), 1)
stop = threading.Event()
thread = threading.Thread(target=stop.wait); thread.start()
threaded = forked_map(lambda n: os.getpid(), list(range(500)), 2)
stop.set(); thread.join()
print(json.dumps({"pids": sorted(set(short) | set(one) | set(threaded)), "me": os.getpid()}))
""")
    assert out["pids"] == [out["me"]]


def test_what_the_copies_memoize_comes_back_to_be_kept(tmp_path):
    """A Kept store (print/kept.py) filled in the copies holds every reading afterwards, so the
    build saves them all; the next build's copies find them there (and send back only their names)."""
    out = _run("""
from bulletin.print.kept import Kept
computed = []
def compute(text):
    computed.append(text)
    return [["body", text]]
store = Kept("test", compute, lambda value: True, modules=(), packages=())
store.use(Path(sys.argv[1]))
items = [f"第{n}条" for n in range(400)]
cold = forked_map(store, items, 2, stores=(store,))
first = dict(store.read)
store.save()
store.use(Path(sys.argv[1]))
store.compute = lambda text: ["computed again"]
warm = forked_map(store, items, 2, stores=(store,))
right = [[["body", t]] for t in items]
print(json.dumps({"right": cold == right and warm == right, "here": len(computed), "read": len(first),
                  "kept": store.read == first}))
""", str(tmp_path))
    assert out == {"right": True, "here": 0, "read": 400, "kept": True}


def test_a_chunk_that_fails_in_a_copy_is_computed_here_and_its_error_raised_here():
    out = _run("""
me = os.getpid()
def only_here(n):
    if os.getpid() != me:
        raise RuntimeError("in a copy")
    return n
recovered = forked_map(only_here, list(range(300)), 2)
def bad(n):
    if n == 250:
        raise ValueError("第250项无法读取")
    return n
try:
    forked_map(bad, list(range(300)), 2)
    error = None
except ValueError as exc:
    error = str(exc)
print(json.dumps({"recovered": recovered == list(range(300)), "error": error}))
""")
    assert out == {"recovered": True, "error": "第250项无法读取"}


def test_the_copies_die_with_the_build(tmp_path):
    """Killed during the preflight, the build leaves no copy behind (as its PDF workers do not)."""
    pids = tmp_path / "pids"
    pids.mkdir()
    script = HEADER + f"""
def slow(n):
    Path({str(pids)!r}, str(os.getpid())).touch()
    time.sleep(60)
    return n
forked_map(slow, list(range(300)), 2)
"""
    build = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list(pids.iterdir())) < 2:
            time.sleep(0.1)
        copies = [int(p.name) for p in pids.iterdir()]
        assert len(copies) == 2
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(copies):
        time.sleep(0.1)
    left = alive(copies)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "a copy outlived its build"


def test_a_forked_preflight_reads_and_finds_what_one_process_does(tmp_path):
    """The sample project's preflight, spread over copies and in one process: the same print HTML
    and texts, the same stores kept, and the same problems in the same order (a character no print
    font has, in two issues)."""
    root = copy_project(ROOT, tmp_path / "p")
    sources = sorted((root / "bulletins").glob("*/*/*.md"))
    for path in (sources[1], sources[-2]):
        path.write_text(path.read_text(encoding="utf-8") + "\n\n附：\U0001F99C 标识说明。\n", encoding="utf-8")
    out = _run("""
import hashlib, logging, pickle
from bulletin.errors import SourceError
from bulletin.print import PrintOptions, preflight
from bulletin.print.pipeline import KEPT
from bulletin.sources.loader import load_project
root, cache = Path(sys.argv[1]), Path(sys.argv[2])
quiet = logging.getLogger("quiet")
quiet.setLevel(logging.ERROR)

def run(least, folder, remove=()):
    forked.MIN_ITEMS = least
    for store in KEPT:
        store.use(None)
    project = load_project(root)
    try:
        plan = preflight(project, root / "overrides", PrintOptions(cache_dir=cache / folder, workers=2, log=quiet))
    except SourceError as exc:
        return {"problems": [str(p) for p in exc.problems]}
    kept = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (cache / folder).glob("*.json")}
    return {"htmls": plan.htmls, "spans": [[k, [list(map(str, (s.path, s.line, s.role, s.text))) for s in v]]
                                           for k, v in plan.spans.items()],
            "issues": [i.key for i in plan.issues], "kept": kept}

bad = run(1, "a"), run(10**9, "b")
for path in map(Path, sys.argv[3:]):       # the characters taken out again: both preflights pass
    path.write_text(path.read_text(encoding="utf-8").replace("\\U0001F99C ", ""), encoding="utf-8")
good = run(1, "c"), run(10**9, "d")
print(json.dumps({"bad": bad, "good": good}, ensure_ascii=False))
""", str(root), str(tmp_path / "cache"), str(sources[1]), str(sources[-2]))
    forked_bad, serial_bad = out["bad"]
    assert serial_bad["problems"] and forked_bad == serial_bad
    assert len([p for p in serial_bad["problems"] if "\U0001F99C" in p or "1F99C" in p]) >= 2
    forked_good, serial_good = out["good"]
    assert "problems" not in serial_good
    assert forked_good == serial_good
    assert len(serial_good["htmls"]) >= 10 and len(serial_good["kept"]) == 2
