"""axe-core, the accessibility rules the browser tests inject into Chromium (tests/test_a11y.py).

Taken from the npm registry as the pinned release tarball, checked against the registry's sha512
integrity, and unpacked into .cache/ (not committed). `make test` runs this first; by hand:

    .venv/bin/python tests/axe.py
"""
from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.11.4"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = "sha512-KunSNx+TVpkAw/6ULfhnx+HWRecjqZGTOyquAoWHYLRSdK1tB5Ihce1ZW+UY3fj33bYAFWPu7W/GRSmmrCGuxA=="
ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".cache" / f"axe-core-{VERSION}" / "axe.min.js"


def fetch(target: Path = SCRIPT) -> Path:
    """Download and check the release once; later calls return the unpacked script."""
    if target.is_file():
        return target
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"{TARBALL}: integrity {digest} does not match the pinned {INTEGRITY}; expected the "
                         "published axe-core release")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        script = tar.extractfile("package/axe.min.js").read()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(script)
    return target


if __name__ == "__main__":
    print(fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else SCRIPT))
