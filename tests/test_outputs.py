"""Output folders cannot destroy anything (issue 8, "Output flags destroy data" and "Swaps lose work").

Each reproducer runs the real `bulletin build` with the flags a hurried editor might type and asserts
the exit code, the single problem line, and that a checksum manifest of the project (with a .git
folder), site/ and print/ is unchanged when the command failed.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, alive, copy_project, manifest, run_bulletin

MARKER = ".bulletin-output.json"


def problem_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.endswith("nothing was written")]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """The small project with PDFs on, one internal issue (so print/ gets a PDF), a .git folder,
    and one build done: built once, copied for each test (a build takes seconds, a copy does not)."""
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("outputs") / "proj")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"), encoding="utf-8")
    issue = root / "bulletins/demo/2026/002.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace("---\n", "---\nvisibility: internal\n", 1),
                     encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n")
    result = run_bulletin(root, "build")
    assert result.returncode == 0, result.stderr
    assert list((root / "print").rglob("*.pdf")), "the internal issue should print to print/"
    return root


@pytest.fixture()
def project(built_once, tmp_path) -> Path:
    """A private copy of the built project, its outputs, markers and print cache included."""
    return Path(shutil.copytree(built_once, tmp_path / "proj", symlinks=True))


@pytest.mark.parametrize("flags, words", [
    (["--no-pdf", "--site-dir", "."], "holds the project"),
    (["--site-dir", ".."], "holds the project"),
    (["--print-dir", "bulletins"], "overlaps the sources"),
    (["--print-dir", "bulletins/demo/2026"], "overlaps the sources"),
    (["--site-dir", "docs"], "overlaps the sources"),
    (["--site-dir", "overrides/x"], "overlaps the sources"),
    (["--site-dir", ".git"], "hidden folder"),
    (["--site-dir", "out", "--print-dir", "out"], "overlaps --site-dir"),
    (["--print-dir", "site/internal"], "overlaps --site-dir"),
    (["--site-dir", "print"], "not its site output"),
    (["--site-dir", "mkdocs.yml"], "a file, not a folder"),
])
def test_dangerous_output_flags_are_refused_and_touch_nothing(project, flags, words):
    before = manifest(project)
    result = run_bulletin(project, "build", *flags)
    assert result.returncode == 1
    lines = problem_lines(result)
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert manifest(project) == before


def test_a_folder_no_build_wrote_is_refused(project):
    notes = project / "notes"
    notes.mkdir()
    (notes / "draft.txt").write_text("编辑部草稿", encoding="utf-8")
    before = manifest(project)
    result = run_bulletin(project, "build", "--site-dir", "notes")
    assert result.returncode == 1 and "no build wrote" in result.stderr
    assert manifest(project) == before


@pytest.mark.parametrize("where", ["outside", "../victim", "notes"])
def test_a_print_dir_in_mkdocs_yml_cannot_replace_a_folder_no_build_wrote(project, where):
    """print_dir from the configuration gets the checks --print-dir gets: it emptied any folder it named
    (an outside folder, the project's tests/)."""
    victim = project.parent / "victim" if where != "notes" else project / "notes"
    (victim / "sub").mkdir(parents=True)
    (victim / "precious.txt").write_text("不能丢的文件", encoding="utf-8")
    (victim / "sub/keep.txt").write_text("也不能丢", encoding="utf-8")
    value = str(victim) if where == "outside" else where
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      pdf: true", f"      pdf: true\n      print_dir: {value}"),
                      encoding="utf-8")
    assert f"print_dir: {value}" in config.read_text(encoding="utf-8")
    before, kept = manifest(project), manifest(victim)
    result = run_bulletin(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("is not a folder inside the project" if where != "notes" else "no build wrote") in result.stderr
    assert manifest(victim) == kept and manifest(project) == before


def test_a_print_dir_in_mkdocs_yml_through_a_link_out_of_the_project_is_refused(project):
    """print_dir: out2, a link to a folder elsewhere (not there yet): the internal PDFs went there."""
    elsewhere = project.parent / "newdir"
    (project / "out2").symlink_to(elsewhere, target_is_directory=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      pdf: true", "      pdf: true\n      print_dir: out2"),
                      encoding="utf-8")
    result = run_bulletin(project, "build")
    assert result.returncode == 1 and "is not a folder inside the project" in result.stderr, result.stderr
    assert not elsewhere.exists()


def test_a_published_pdf_changed_in_place_is_printed_again(project):
    """Outputs are hard links to the print cache: a PDF changed in place in site/ changed the cached
    copy, and every later build, --clean too, published the changed file again. So did a cached file
    swapped for another PDF."""
    assert run_bulletin(project, "build").returncode == 0     # the copy's outputs linked to its cache again
    public = project / "site/demo/2026/001.pdf"
    internal = next((project / "print").rglob("*.pdf"))
    printed, internal_printed = public.read_bytes(), internal.read_bytes()
    cache = project / ".cache/bulletin/pdf"
    assert public.stat().st_nlink == 2
    internal_cached = next(p for p in cache.glob("*.pdf") if p.stat().st_ino == internal.stat().st_ino)
    with open(public, "ab") as out:               # in place: the inode the cache shares
        out.write(b"%TAMPERED\n")
    internal_cached.unlink()
    internal_cached.write_bytes(printed)          # the cached internal PDF swapped for the public one
    result = run_bulletin(project, "build", "--clean")
    assert result.returncode == 0, result.stderr
    assert public.read_bytes() == printed and internal.read_bytes() == internal_printed
    rendered = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if "PDFs:" in line]
    assert rendered and "PDFs: 2 rendered" in rendered[0], rendered


def test_no_pdf_leaves_print_alone(project):
    before = manifest(project / "print")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("built site/")
    assert manifest(project / "print") == before


def test_files_the_build_did_not_write_are_kept(project):
    """A volume PDF written by `bulletin volume`, and anything else an editor put in print/."""
    volume = project / "print/demo/demo-2026-volume.pdf"
    volume.parent.mkdir(parents=True, exist_ok=True)
    volume.write_bytes(b"%PDF-1.7 volume written by hand\n")
    (project / "print/readme.txt").write_text("给印刷室的说明", encoding="utf-8")
    internal = sorted(p.relative_to(project).as_posix() for p in (project / "print").rglob("*.pdf"))
    assert run_bulletin(project, "build").returncode == 0
    assert volume.read_bytes() == b"%PDF-1.7 volume written by hand\n"
    assert (project / "print/readme.txt").read_text(encoding="utf-8") == "给印刷室的说明"
    assert sorted(p.relative_to(project).as_posix() for p in (project / "print").rglob("*.pdf")) == internal
    written = json.loads((project / "print" / MARKER).read_text(encoding="utf-8"))["files"]
    assert "readme.txt" not in written and "demo/demo-2026-volume.pdf" not in written


def test_folders_the_build_did_not_write_are_kept_with_their_modes(project):
    """An editor's empty folder in print/ or site/ was removed by the next build, and a private one
    (0700) in print/ was opened to everyone (0755)."""
    (project / "print/room/empty").mkdir(parents=True)
    (project / "print/room/note.txt").write_text("给印刷室的说明", encoding="utf-8")
    os.chmod(project / "print/room", 0o700)
    (project / "site/uploads").mkdir()
    assert run_bulletin(project, "build").returncode == 0
    assert (project / "print/room/empty").is_dir() and (project / "site/uploads").is_dir()
    assert stat.S_IMODE((project / "print/room").stat().st_mode) == 0o700
    assert (project / "print/room/note.txt").read_text(encoding="utf-8") == "给印刷室的说明"


def test_outputs_of_a_removed_issue_go(project):
    """What the build wrote last time and does not write now is not carried over."""
    assert (project / "site/demo/2026/001/index.html").is_file()
    (project / "bulletins/demo/2026/001.md").unlink()
    assert run_bulletin(project, "build").returncode == 0
    assert not (project / "site/demo/2026/001").exists()


def test_output_modes_follow_the_umask(project):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for mask, folder_mode, file_mode in ((0o022, 0o755, 0o644), (0o027, 0o750, 0o640)):
        subprocess.run([sys.executable, "-m", "bulletin", "build"], cwd=project, env=env, check=True,
                       capture_output=True, preexec_fn=lambda m=mask: os.umask(m))
        for top in ("site", "print"):
            assert stat.S_IMODE((project / top).stat().st_mode) == folder_mode
            for path in (project / top).rglob("*"):
                want = folder_mode if path.is_dir() else file_mode
                assert stat.S_IMODE(path.stat().st_mode) == want, (mask, path)


def test_a_second_build_while_one_runs_fails_with_one_line(project):
    from bulletin.mkdocs.outputs import BuildLock
    before = manifest(project)
    with BuildLock(project):
        result = run_bulletin(project, "build")
    assert result.returncode == 1
    lines = problem_lines(result)
    assert len(lines) == 1 and "another build of this project is running" in lines[0]
    assert manifest(project) == before


def test_stale_temporary_folders_are_removed(project):
    for name in (".site-abc123", ".print-def456"):
        stale = project / name
        (stale / "x").mkdir(parents=True)
        (stale / MARKER).write_text('{"kind": "site", "files": []}')
    (project / ".site-notours").mkdir()          # no marker and a file of someone's: not ours, left alone
    (project / ".site-notours" / "keep.txt").write_text("x", encoding="utf-8")
    assert run_bulletin(project, "build").returncode == 0
    assert not (project / ".site-abc123").exists() and not (project / ".print-def456").exists()
    assert (project / ".site-notours" / "keep.txt").is_file()


def test_an_interrupted_removal_leaves_a_folder_the_next_build_removes(tmp_path, monkeypatch):
    """Removing an output folder (the old site after a swap, or a failed build's) deletes its marker
    last: stopped half-way, the folder is still recognisably ours, and the next build removes it."""
    from bulletin.mkdocs import outputs
    folder = tmp_path / ".site-half"
    for name in ("a", "b"):
        (folder / name).mkdir(parents=True)
        (folder / name / "index.html").write_text("旧页面", encoding="utf-8")
    (folder / MARKER).write_text('{"kind": "site", "files": []}')

    def killed(path, ignore_errors=False):
        raise KeyboardInterrupt   # the build stopped while removing the first subfolder
    monkeypatch.setattr(outputs.shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        outputs.remove_folder(folder)
    assert (folder / MARKER).is_file()
    monkeypatch.undo()
    outputs.remove_stale_temps(tmp_path / "site")
    assert not folder.exists()


def test_a_kill_during_the_build_never_leaves_the_project_without_a_site(project):
    """SIGKILL at several moments of a build: site/ is always the old or the new one, complete,
    and the next build cleans up what the killed one left."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5):
        proc = subprocess.Popen([sys.executable, "-m", "bulletin", "build"], cwd=project, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert (project / "site/index.html").is_file(), delay
        assert (project / "site/demo/2026/001/index.html").is_file(), delay
        assert (project / "site" / MARKER).is_file(), delay
    assert run_bulletin(project, "build").returncode == 0
    leftovers = [p.name for p in project.iterdir() if p.name.startswith((".site-", ".print-"))]
    assert leftovers == []


def test_a_folder_a_build_was_killed_in_making_is_removed_by_the_next(project):
    """new_folder makes a temporary folder, then writes its marker into it (atomic.py: a temporary
    file, renamed): a kill between the two left a folder without the marker, which the next build did
    not take for its own and left beside the site for good. Such a folder holds nothing, or only the
    marker's temporary file; a folder of the same prefix with anything else in it is not ours."""
    from bulletin.mkdocs.outputs import MARKER
    empty = project / ".site-k1ll3d"
    half = project / ".print-k1ll3d"
    editors = project / ".site-notes"
    for folder in (empty, half, editors):
        folder.mkdir()
    (half / f".{MARKER}.x1y2z3.part").write_text('{"kind": "pr', encoding="utf-8")
    (editors / "todo.txt").write_text("明天核对第3期", encoding="utf-8")
    assert run_bulletin(project, "build").returncode == 0
    assert not empty.exists() and not half.exists()
    assert (editors / "todo.txt").read_text(encoding="utf-8") == "明天核对第3期"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _cmdline(pid: int) -> bytes:
    """A process's command line, or nothing once it has gone (Pagefind, a child of the build too,
    may end between listing the children and reading this)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_pdf_workers_die_with_their_build(project):
    """A long issue keeps a worker rendering for many seconds; killing the build kills it at once."""
    long_issue = project / "bulletins/demo/2026/002.md"
    paragraph = "青禾市各部门按照年度计划推进数字政府建设，逐项核对任务清单并按月报送进展情况。" * 4
    long_issue.write_text(long_issue.read_text(encoding="utf-8") + "\n\n".join([paragraph] * 3000),
                          encoding="utf-8")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen([sys.executable, "-m", "bulletin", "build"], cwd=project,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not workers and proc.poll() is None:
        workers = _workers(proc.pid)
        time.sleep(0.2)
    assert workers, "no PDF worker seen"
    time.sleep(2)                      # the worker is now deep in the long document
    workers = _workers(proc.pid)       # the workers and what started them: the build, or its fork server
    proc.send_signal(signal.SIGKILL)   # the parent only
    proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and alive(workers):
        time.sleep(0.1)
    left = alive(workers)
    for pid in left:                   # do not leave them behind if the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []


def _workers(pid: int) -> list[int]:
    """The build's multiprocessing processes, its children's children included (workers forked by a
    fork server)."""
    found, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        if b"multiprocessing" in _cmdline(child):
            found.append(child)
        todo += _children(child)
    return found


