"""Nothing outside the sources reaches the site (issue 8, part 3): attachments, links under docs/,
references checked with and without PDFs. Each refused case is one line, exit 1, nothing written."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_bulletin

NOTICE = "bulletins/tongzhi/2026/008.md"


def manifest(*folders: Path) -> dict[str, str]:
    """Every file under the folders with its checksum (symlinks by their target)."""
    out = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_symlink():
                out[str(path)] = "->" + os.readlink(path)
            elif path.is_file():
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    project = copy_project(ROOT, tmp_path / "p")
    (project / "print" / "szzw").mkdir(parents=True)
    (project / "print" / "szzw" / "secret.pdf").write_bytes(b"%PDF-1.7 internal\n")
    return project


def _refused(project: Path, *args: str) -> list[str]:
    before = manifest(project)
    result = run_bulletin(project, "build", "--no-pdf", *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert manifest(project) == before, "a refused build changes nothing"
    return [line for line in result.stderr.splitlines() if not line.endswith("nothing was written")]


def test_attachment_reaching_into_print_is_refused(project: Path) -> None:
    source = project / NOTICE
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("file: 008-att2.md", "file: ../../../print/szzw/secret.pdf"), encoding="utf-8")
    (line,) = _refused(project)
    number = text.split("\n").index("    file: 008-att2.md") + 1
    assert line.startswith(f"{NOTICE}:{number}: attachment '../../../print/szzw/secret.pdf' lies outside the "
                           "sources folder bulletins/")


def test_attachment_symlinked_to_print_is_refused(project: Path) -> None:
    folder = project / "bulletins/tongzhi/2026"
    (folder / "008-att3.pdf").symlink_to(project / "print/szzw/secret.pdf")
    source = project / NOTICE
    source.write_text(source.read_text(encoding="utf-8").replace(
        "issuer: ", "  - title: 填报说明\n    file: 008-att3.pdf\nissuer: ", 1), encoding="utf-8")
    (line,) = _refused(project)
    assert line.startswith(f"{NOTICE}:") and "lies outside the sources folder" in line


@pytest.mark.parametrize("target", ["print", "print/szzw/secret.pdf", "/etc/passwd"])
def test_links_under_docs_are_refused(project: Path, target: str) -> None:
    link = project / "docs" / ("pdfs" if target == "print" else "x.txt")
    link.symlink_to(target if target.startswith("/") else project / target)
    lines = _refused(project)
    assert lines and all(line.startswith("docs/") and "is a link to a file outside docs/" in line for line in lines)


@pytest.mark.parametrize("reference, why", [
    ("![图](file:///etc/passwd)", "is a file:// URL"),
    ("![图](http://example.org/x.png)", "is fetched over the network (http)"),
    ('<img src="//example.org/x.png">', "is fetched over the network"),
    ("![图](../../../print/szzw/secret.pdf)", "leaves the sources folder bulletins/"),
    ("![图](../../../../../../../../etc/passwd)", "leaves the project"),
])
def test_references_are_checked_without_pdfs(project: Path, reference: str, why: str) -> None:
    source = project / "bulletins/szzw/2026/003.md"
    lines = source.read_text(encoding="utf-8").split("\n")
    lines.insert(len(lines) - 1, reference)
    source.write_text("\n".join(lines), encoding="utf-8")
    (line,) = _refused(project)
    assert line.startswith(f"bulletins/szzw/2026/003.md:{len(lines) - 1}: reference ") and why in line, line
