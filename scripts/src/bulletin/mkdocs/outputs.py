"""Output folders that cannot destroy anything: checked before use, marked, locked, swapped atomically.

Rules (README "Security"):
- site/ and print/ are never the project root, a source folder (bulletins/, docs/, overrides/, the
  configuration's folder contents such as .git), an ancestor of one, inside one, or each other.
- A folder that exists and holds files is replaced only if a build wrote it: the build leaves a
  marker file listing what it wrote. Files it did not write (volume PDFs, an editor's notes) are
  carried over into the new folder.
- One build at a time per project (a lock file); temporary folders left by a killed build are removed
  by the next one.
- The new folder replaces the old one with one atomic exchange, so a reader (or a kill) sees the old
  folder or the new one, never none.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path

from ..atomic import current_umask, is_partial, write_atomic
from ..errors import Problem, SourceError

MARKER = ".bulletin-output.json"
TEMP_PREFIXES = (".site-", ".print-")


def _problem(shown: str, message: str) -> SourceError:
    return SourceError([Problem(shown, None, message)])


def _related(a: Path, b: Path) -> bool:
    return a == b or a in b.parents or b in a.parents


def check_outputs(root: Path, sources: list[Path], outputs: dict[str, Path],
                  defaults: dict[str, Path] | None = None) -> None:
    """Refuse output folders that overlap the project's sources, its root or each other.

    ``defaults`` are the project's own site/ and print/: written by builds older than the marker,
    they are accepted without one, each only in its own role."""
    root = root.resolve()
    protected = [root, *(s.resolve() for s in sources)]
    names = list(outputs)
    for name, folder in outputs.items():
        folder = folder.resolve()
        shown = f"--{name}-dir {folder}"
        if folder == root or folder in root.parents:
            raise _problem(shown, "this folder holds the project; expected a folder of its own for the "
                                  "output, such as site/ or print/ inside the project")
        for source in protected[1:]:
            if _related(folder, source):
                raise _problem(shown, f"this folder overlaps the sources in {source}; expected an output "
                                      "folder outside bulletins/, docs/ and overrides/")
        if root in folder.parents and _inside_dot_folder(root, folder):
            raise _problem(shown, "this folder is a hidden folder of the project or inside one (such as .git); "
                                  "expected a visible output folder")
        if folder.exists() and not folder.is_dir():
            raise _problem(shown, "this is a file, not a folder; expected a folder to build into")
        _check_owner(name, folder, shown, (defaults or {}).get(name))
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            if _related(outputs[first].resolve(), outputs[second].resolve()):
                raise _problem(f"--{second}-dir {outputs[second]}",
                               f"this folder overlaps --{first}-dir {outputs[first]}; expected separate "
                               "folders for the website and the internal PDFs")


def _check_owner(name: str, folder: Path, shown: str, default: Path | None) -> None:
    """Only replace a folder this build's kind of output wrote (or the project's own default folder)."""
    if not folder.is_dir() or not any(folder.iterdir()):
        return
    marker = folder / MARKER
    if not marker.is_file():
        if default is not None and folder == default.resolve():
            return
        raise _problem(shown, f"this folder holds files that no build wrote (no {MARKER}); expected "
                              "an empty folder or one written by `bulletin build`")
    try:
        kind = json.loads(marker.read_text(encoding="utf-8")).get("kind")
    except (ValueError, AttributeError, OSError):
        kind = None
    if kind != name:
        raise _problem(shown, f"this folder holds a build's {kind or 'unknown'} output, not its {name} "
                              f"output; expected the folder given as --{kind or name}-dir before")


def written_by_build(folder: Path, kind: str) -> bool:
    """True when ``folder`` is a previous build's output of this kind (it can be reused)."""
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8")).get("kind") == kind
    except (OSError, ValueError, AttributeError):
        return False


def _inside_dot_folder(root: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in folder.relative_to(root).parts)


class BuildLock:
    """An exclusive lock on the project folder itself for the length of one build (flock works on a
    folder's descriptor, so no lock file is left in the project); a second build fails at once.
    The kernel drops the lock when the process dies, so a killed build never blocks the next one."""

    def __init__(self, root: Path):
        self.root = root
        self.fd = -1

    def __enter__(self) -> "BuildLock":
        self.fd = os.open(self.root, os.O_RDONLY)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            raise _problem(str(self.root), "another build of this project is running; expected one build "
                                           "at a time (wait for it to finish, then build again)") from None
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def remove_stale_temps(*targets: Path) -> None:
    """Temporary folders of killed builds: only ours (they carry the marker: ``new_folder`` writes it
    first, ``remove_folder`` deletes it last, or, killed between making the folder and writing its
    marker, they hold nothing else), only beside our outputs. Called while holding the lock, so no
    other build is using them."""
    for parent in {t.resolve().parent for t in targets}:
        if not parent.is_dir():
            continue
        for entry in parent.iterdir():
            if not entry.name.startswith(TEMP_PREFIXES) or not entry.is_dir() or entry.is_symlink():
                continue
            if (entry / MARKER).is_file():
                remove_folder(entry)
            elif _unmarked_new_folder(entry):
                for part in entry.iterdir():
                    part.unlink(missing_ok=True)
                entry.rmdir()


def _unmarked_new_folder(folder: Path) -> bool:
    """A folder ``new_folder`` made for a build killed before its marker was in place: empty, or
    holding only the marker's half-written temporary file (atomic.py). Nothing else can be in it."""
    try:
        return all(is_partial(part, MARKER) and part.is_file() and not part.is_symlink()
                   for part in folder.iterdir())
    except OSError:
        return False


def remove_folder(folder: Path) -> None:
    """Remove one of our output folders with its marker last: a kill in the middle leaves a folder
    that still carries the marker, for the next build to remove (removing the whole tree at once
    could delete the marker first and leave the rest behind, no longer recognisably ours). A folder
    that is not there (a build that failed before making it) is nothing to do."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for entry in folder.iterdir():
        if entry.name == MARKER:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    if any(entry.name != MARKER for entry in folder.iterdir()):
        return   # something could not be removed: the marker stays, the next build tries again
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


def new_folder(target: Path, kind: str) -> Path:
    """A fresh temporary folder beside ``target`` with the umask's mode (mkdtemp makes 0700)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{kind}-", dir=target.parent))
    os.chmod(folder, 0o777 & ~current_umask())
    write_atomic(folder / MARKER, json.dumps({"kind": kind, "files": []}))
    return folder


def written_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if (p.is_file() or p.is_symlink()) and p.name != MARKER)


def finish(new: Path, target: Path, kind: str) -> list[str]:
    """Mark ``new`` with what this build wrote, carry over what it did not write, swap it in.

    Returns the carried-over files (relative paths), so the caller can say so."""
    ours = written_files(new)
    write_atomic(new / MARKER, json.dumps({"kind": kind, "files": ours}, ensure_ascii=False, indent=0))
    kept, modes = _carry_over(target, new, set(ours))
    _fix_modes(new)
    for folder, mode in modes:      # an editor's folders keep their own modes (a private 0700 one)
        os.chmod(folder, mode)
    exchange(new, target)
    remove_folder(new)   # after the exchange, this is the old folder
    return kept


def _carry_over(old: Path, new: Path, ours: set[str]) -> tuple[list[str], list[tuple[Path, int]]]:
    """Files in the old folder that no build wrote, hard-linked (or copied) into the new one, and the
    folders that hold no file a build wrote (an editor's, empty or with their own files), made in
    the new one: the carried files, and those folders with the modes to give them."""
    marker = old / MARKER
    if not marker.is_file():
        return [], []
    try:
        previous = set(json.loads(marker.read_text(encoding="utf-8")).get("files", []))
    except (ValueError, AttributeError):
        previous = set()
    built = {str(parent) for name in previous | ours for parent in Path(name).parents}
    kept, folders = [], []
    for path in sorted(old.rglob("*")):
        name = path.relative_to(old).as_posix()
        if name.startswith(TEMP_PREFIXES) or path.name == MARKER:
            continue
        target = new / name
        if path.is_dir() and not path.is_symlink():
            if name not in built:
                target.mkdir(parents=True, exist_ok=True)
                folders.append((target, path.stat().st_mode & 0o7777))
            continue
        if name in previous or name in ours:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target, follow_symlinks=False)
        except OSError:
            shutil.copy2(path, target, follow_symlinks=False)
        kept.append(name)
    return kept, folders


def _fix_modes(folder: Path) -> None:
    """Folders made by tempfile are 0700: give every folder the mode the umask asks for."""
    mode = 0o777 & ~current_umask()
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, mode)


_RENAME_EXCHANGE = 2


def exchange(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` in one step; afterwards ``new`` holds the old folder (or is gone).

    Linux's renameat2(RENAME_EXCHANGE) swaps two names atomically. Where it is missing, two renames
    are the fallback (a kill between them leaves the old folder under a temporary name, which the
    next build removes)."""
    if not target.exists():
        new.rename(target)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd = -100
        if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(target), _RENAME_EXCHANGE) == 0:
            return
        if ctypes.get_errno() not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(target))
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    new.rename(target)
    old.rename(new)
