"""LibreOffice, when it is installed: office files converted headless, for printing attachment files
in place (print/attachments.py) and for importing old Word formats (.doc, .wps, .rtf, .odt) as .docx
(editorial/importing/word.py). Optional: without it those print as a labelled page, or are refused
with a line saying what to install."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, to: str, timeout: int = 180, stem: str = "attachment") -> bytes | None:
    """The file ``data`` (of type ``suffix``, such as ".doc") converted to ``to`` ("pdf", "docx"), or
    None when LibreOffice is missing or cannot read it. ``stem`` names the copy it converts (a PDF's
    metadata may carry it)."""
    program = soffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="bulletin-lo-") as tmp:
        source = Path(tmp) / f"{stem}{suffix.lower()}"
        source.write_bytes(data)
        # A private profile: a user's running LibreOffice, or a parallel build, must not block this one.
        profile = Path(tmp, "profile").as_uri()
        try:
            subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                            "--convert-to", to, "--outdir", str(Path(tmp, "out")), str(source)],
                           check=True, capture_output=True, timeout=timeout)
        except (subprocess.SubprocessError, OSError):
            return None
        produced = Path(tmp, "out", f"{stem}.{to.split(':')[0]}")     # "xml:MS Word 2003 XML": a filter named
        return produced.read_bytes() if produced.is_file() else None
