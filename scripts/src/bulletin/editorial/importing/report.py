"""Step 6: what the editor is told, per file and in total; the last line says what happened."""
from __future__ import annotations

from typing import TextIO


def file_report(result, out: TextIO) -> None:
    src = result.source
    name = f"{result.path} ({src.part})" if src is not None and src.part else f"{result.path}"
    if result.refused:
        print(f"{name}: {result.refused}", file=out)
        return
    extra = [n for n in result.files if n != result.issue_name]
    also = f" (+ {', '.join(extra)})" if extra else ""
    print(f"{name} → {result.rel}{also}", file=out)
    print(f"  format: {src.fmt}, {src.encoding}" + (f"; {result.t2s}" if result.t2s else ""), file=out)
    print(f"  kind: {result.kind} — {result.why}", file=out)
    print(f"  series: {result.series.slug} ({result.series.title}){result.series_why}", file=out)
    print("  found: " + ("; ".join(result.parsed.found) or "nothing"), file=out)
    for field, what in result.parsed.todo.items():
        print(f"  to-do {field}: {what}", file=out)
    for text in result.parsed.unplaced:
        print(f"  unplaced (in {result.stem}.unplaced.txt): {text[:100]}", file=out)
    for note in src.notes + result.parsed.notes:
        print(f"  note: {note}", file=out)
    for reason, text in src.removed + result.parsed.removed:
        print(f"  removed ({reason}): {text[:100]}", file=out)
    print(f"  Han characters: {result.han_read} read, {result.han_removed} in removed lines, "
          f"{result.han_in} to keep; {result.han_kept} of them in the output — retention "
          f"{result.retention:.1%}", file=out)


def summary(results: list, out: TextIO) -> str:
    """A table when several files were imported, and the final line (returned too)."""
    if len(results) > 1:
        rows = [("file", "kind", "written to", "to-dos", "unplaced", "retention")]
        for r in results:
            if r.refused:
                rows.append((r.path.name, r.kind or "-", "refused", "-", "-", "-"))
            else:
                rows.append((r.path.name, r.kind, r.rel, str(len(r.parsed.todo)), str(len(r.parsed.unplaced)),
                             f"{r.retention:.1%}"))
        widths = [max(_w(row[c]) for row in rows) for c in range(len(rows[0]))]
        for k, row in enumerate(rows):
            print("  ".join(cell + " " * (widths[c] - _w(cell)) for c, cell in enumerate(row)).rstrip(), file=out)
            if k == 0:
                print("  ".join("-" * w for w in widths), file=out)
    wrote = [r for r in results if not r.refused]
    todos = sum(1 for r in wrote if r.parsed.todo)
    sidecars = sum(1 for r in wrote if r.parsed.unplaced)
    refused = len(results) - len(wrote)
    line = (f"wrote {len(wrote)} issue{'s' if len(wrote) != 1 else ''}, {todos} with to-dos, "
            f"{sidecars} with unplaced text, {refused} refused")
    print(line, file=out)
    return line


def _w(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)
