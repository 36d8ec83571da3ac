"""Import the legacy corpus (tests/fixtures/import_corpus) and print, per input and in total: Han
retention of the body text, metadata fields right/wrong/missing, sentences lost and noise lines kept.

    make import-report        (or: .venv/bin/python benchmarks/import_report.py [-v])

Retention: the Han characters of the input's text (read independently: the file decoded as its
expect file says, an HTML page's <body> text, the source a .docx/.pdf was made from; Traditional
converted to Simplified), less those of the noise lines listed in the expect file, found again in what
the importer wrote (issue, attachments, sidecar) or stood for by a field (第N期, dates, 报/送/发
labels, 目录 entries, address-book members). Targets: 99% in total, no file under 97%.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import import_corpus  # noqa: E402
from bulletin.editorial.importing import import_file, load_context  # noqa: E402


def main(verbose: bool = False) -> int:
    ctx = load_context(import_corpus.PROJECT)
    rows, kept, total, right, wrong, missing, lost, noise = [], 0, 0, 0, 0, 0, 0, 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path, expect in import_corpus.materialise(Path(tmp)):
            result = import_file(path, ctx)
            s = import_corpus.score(path, expect, result)
            k, t = s["retention"] or (0, 0)
            kept, total = kept + k, total + t
            right, wrong, missing = right + s["right"], wrong + len(s["wrong"]), missing + len(s["missing"])
            lost, noise = lost + len(s["lost"]), noise + len(s["noise"])
            rows.append((path.name, f"{k / t:.1%}" if t else "-", str(s["right"]), str(len(s["wrong"])),
                         str(len(s["missing"])), str(len(s["lost"])), str(len(s["noise"]))))
            if verbose:
                for what in ("wrong", "missing", "lost", "noise"):
                    for item in s[what]:
                        print(f"  {path.name}: {what}: {item}")
    head = ("input", "retention", "right", "wrong", "missing", "lost sentences", "noise kept")
    widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)))
    under = [r[0] for r in rows if r[1] != "-" and float(r[1].rstrip("%")) < 97]
    print(f"\ntotal: {len(rows)} inputs in {time.perf_counter() - started:.1f} s; Han retention {kept / total:.2%} "
          f"({kept} of {total}); files under 97%: {len(under)}{' ' + ', '.join(under) if under else ''}; "
          f"fields right {right}, wrong {wrong}, missing {missing}; sentences lost {lost}; noise lines kept {noise}")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
