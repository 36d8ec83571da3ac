"""One edit, then `bulletin build`: what an edit costs on a large archive, beside a plain build.

Generates the same N issues (default 2,000) as bench_site.py, once as bulletin sources (website and
PDFs, Pagefind, as the project ships) and once as ordinary pages for plain MkDocs (Material's search).
Builds ours once cold (timed, not part of the comparison), then interleaves, for each kind of edit:

  plain  `mkdocs build` of the plain pages: MkDocs has no incremental build, every build is whole;
  ours   one edit to one issue (a different issue each time), then `bulletin build`: website and PDFs.

The edits: a sentence appended to a body, made of characters the archive already prints; and a
sentence with a character the archive has never printed (so the cut fonts change). After each of
ours' builds it lists the PDFs and HTML pages whose bytes changed. Targets: an edit rebuilds only
what it affects; a new character renders one issue's PDF again (plus the bound volume holding it).

Then, on the same projects and print cache, the preview with PDFs: `bulletin serve --pdf` beside
plain `mkdocs serve` (bench_serve.py's comparison), each save timed until the page and the issue's
PDF are served. Target: ≤ 5 s from the save to the served PDF.

    .venv/bin/python benchmarks/bench_rebuild.py [--issues 2000] [--pairs 3]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_serve import compare  # noqa: E402
from bench_site import WORDS, timed_build, write_ours, write_plain  # noqa: E402
from interleave import interleave, run_command  # noqa: E402

# Characters no generated issue prints (bench_site draws only from WORDS and digits), each in the
# project's CJK fonts: one per new-character edit.
RARE = "龘靐齉爩麤灥厵鱻骉"


def outputs(base: Path) -> dict[str, str]:
    """Hash of every PDF and HTML page the build wrote (site/ and print/)."""
    found = {}
    for folder in ("site", "print"):
        for path in (base / folder).rglob("*"):
            if path.suffix in (".pdf", ".html"):
                found[str(path.relative_to(base))] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    return found


def changed(before: dict[str, str], after: dict[str, str]) -> tuple[list[str], list[str]]:
    names = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return [n for n in names if n.endswith(".pdf")], [n for n in names if n.endswith(".html")]


class Ours:
    """The bulletin project: each timed run edits one issue, builds, and records what changed."""

    def __init__(self, base: Path, cache: Path):
        self.base, self.env = base, {**os.environ, "BULLETIN_CACHE_DIR": str(cache)}
        self.issues = sorted((base / "bulletins").glob("*/*/*.md"))
        self.edits = 0
        self.log: list[str] = []

    def build(self) -> dict[str, float]:
        return run_command([sys.executable, "-m", "bulletin", "build"], cwd=self.base, env=self.env)

    def edit_and_build(self, sentence) -> dict[str, float]:
        self.edits += 1
        victim = self.issues[(self.edits * 397) % len(self.issues)]     # spread over series and years
        with victim.open("a", encoding="utf-8") as handle:
            handle.write("\n\n" + sentence(self.edits) + "\n")
        before = outputs(self.base)
        result = self.build()
        pdfs, pages = changed(before, outputs(self.base))
        self.log.append(f"  edit {self.edits} ({victim.relative_to(self.base)}): {result['wall']:.1f} s, "
                        f"{len(pdfs)} PDF(s) changed ({', '.join(pdfs) or 'none'}), {len(pages)} HTML page(s)")
        print(self.log[-1], flush=True)
        return {**result, "pdfs": len(pdfs), "pages": len(pages)}


def body_sentence(n: int) -> str:
    """A sentence of characters every generated issue already prints (only the number varies)."""
    return f"各地围绕{WORDS[n % len(WORDS)]}持续发力，累计完成{100 + n}项任务。"


def rare_sentence(n: int) -> str:
    return f"各地围绕{RARE[(n - 1) % len(RARE)]}持续发力。"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=2000)
    parser.add_argument("--pairs", type=int, default=3, help="interleaved pairs per kind of edit (at least 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as tmp:
        plain_dir, ours_dir = Path(tmp, "plain"), Path(tmp, "ours")
        write_plain(plain_dir, args.issues, "shipped")
        write_ours(ours_dir, args.issues, "shipped", pdf=True)
        ours = Ours(ours_dir, Path(tmp, "cache"))
        start = time.perf_counter()
        cold = ours.build()
        print(f"{args.issues} issues; ours' cold build (website and PDFs): {cold['wall']:.1f} s wall, "
              f"{cold['cpu']:.1f} s CPU; {sum(1 for _ in (ours_dir / 'site').rglob('*.pdf'))} PDFs; peak memory of its "
              f"largest process {cold['peak_mb']:.0f} MB (Pagefind's or a PDF worker's)", flush=True)
        plain = lambda: timed_build(plain_dir)  # noqa: E731
        results = {}
        for name, sentence in (("body edit", body_sentence), ("new character", rare_sentence)):
            print(f"{name}:", flush=True)
            results[name] = interleave(plain, lambda s=sentence: ours.edit_and_build(s), args.pairs,
                                       names=("plain mkdocs build", f"ours ({name}, rebuild)"), warmup=False)
        print(f"\n{args.issues} issues, {args.pairs} interleaved pairs per kind of edit, medians "
              f"({time.perf_counter() - start:.0f} s in all):")
        for name, result in results.items():
            print(f"{name}:")
            print(result.report(("wall", "cpu")))
            print(f"  PDFs changed per rebuild: {', '.join(str(r['pdfs']) for r in result.runs[1])}; "
                  f"HTML pages changed: {', '.join(str(r['pages']) for r in result.runs[1])}")
        print("\n".join(ours.log), flush=True)
        print("\nthe preview with PDFs, on the same projects and print cache:", flush=True)
        compare(plain_dir, ours_dir, args.issues, args.pairs,
                [sys.executable, "-m", "bulletin", "serve", "--pdf", "--dev-addr"], ours.env)


if __name__ == "__main__":
    main()
