#!/usr/bin/env python3
"""Build the sample project at two revisions and show what differs in site/ and print/.

    .venv/bin/python scripts/diff-builds.py [OLD [NEW]]     (defaults: HEAD and the working tree)

Each revision is checked out into a temporary git worktree (the working tree is used as it is) and
built with its own package code (PYTHONPATH) into temporary folders, PDFs included. Text files are
compared byte for byte (a unified diff of the first differences is shown); PDFs by page count and
by their text (pdftotext), since a PDF's bytes change with any font subset. A refactoring should
print "no differences"; anything else is listed for a person to judge.
"""
from __future__ import annotations

import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _adapt_old_layout(tree: Path) -> list[str]:
    """A checkout from before the package was split into stages has its CLI at bulletin.cli and its
    plugin at bulletin.mkdocs_plugin, while the installed entry point names bulletin.mkdocs.plugin:
    give the temporary checkout a two-line alias so the same installation can build it."""
    package = tree / "scripts" / "src" / "bulletin"
    if (package / "mkdocs" / "plugin.py").exists():
        return ["-m", "bulletin"]
    (package / "mkdocs").mkdir(exist_ok=True)
    (package / "mkdocs" / "__init__.py").write_text("")
    (package / "mkdocs" / "plugin.py").write_text("from bulletin.mkdocs_plugin import BulletinPlugin  # noqa\n")
    return ["-m", "bulletin.cli"]


def build(source: Path, out: Path) -> None:
    command = _adapt_old_layout(source) if source != ROOT else ["-m", "bulletin"]
    env = dict(os.environ, PYTHONPATH=str(source / "scripts" / "src"), SOURCE_DATE_EPOCH="1767225600",
               BULLETIN_CACHE_DIR=str(out.parent / f"cache-{out.name}"))
    subprocess.run([sys.executable, *command, "build", "--site-dir", str(out / "site"),
                    "--print-dir", str(out / "print")], cwd=source, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def pdf_view(path: Path) -> str:
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    return f"pages: {count}\n{text}"


def compare(old: Path, new: Path) -> int:
    prefix = old.name + "/"
    a = {prefix + k: v for k, v in files(old).items()}
    b = {prefix + k: v for k, v in files(new).items()}
    differences = 0
    for name in sorted(a.keys() - b.keys()):
        print(f"only in old: {name}")
        differences += 1
    for name in sorted(b.keys() - a.keys()):
        print(f"only in new: {name}")
        differences += 1
    for name in sorted(a.keys() & b.keys()):
        x, y = a[name].read_bytes(), b[name].read_bytes()
        if x == y:
            continue
        if name.endswith(".pdf"):
            x, y = pdf_view(a[name]).encode(), pdf_view(b[name]).encode()
            if x == y:
                continue
        if name.endswith((".gz", ".png", ".woff2")):
            print(f"differs (binary): {name}")
            differences += 1
            continue
        differences += 1
        print(f"differs: {name}")
        diff = difflib.unified_diff(x.decode(errors="replace").splitlines(), y.decode(errors="replace").splitlines(),
                                    "old/" + name, "new/" + name, n=1, lineterm="")
        for line in list(diff)[:12]:
            print("    " + line[:160])
    return differences


def main(argv: list[str]) -> int:
    old_rev = argv[0] if argv else "HEAD"
    new_rev = argv[1] if len(argv) > 1 else None
    with tempfile.TemporaryDirectory(prefix="diff-builds-") as tmp:
        tmp_path = Path(tmp)
        trees = {}
        for label, rev in (("old", old_rev), ("new", new_rev)):
            if rev is None:
                trees[label] = ROOT
                continue
            tree = tmp_path / f"tree-{label}"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), rev], check=True)
            trees[label] = tree
        try:
            for label, tree in trees.items():
                print(f"building {label} ({tree}) …", file=sys.stderr)
                build(tree, tmp_path / label)
            found = sum(compare(tmp_path / "old" / part, tmp_path / "new" / part) for part in ("site", "print"))
        finally:
            for label, tree in trees.items():
                if tree != ROOT:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
        print(f"{found} difference(s)" if found else "no differences")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
