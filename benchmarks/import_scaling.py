"""Does the importer's time grow with its input and no faster? Each shape of large legacy file is
generated at n and 4n units (paragraphs, lines, rows), the two sizes imported interleaved (n, 4n,
n, 4n …, 3 pairs) and the medians printed with their ratio: about 4 is linear, 16 quadratic.

    .venv/bin/python benchmarks/import_scaling.py [--pairs 3] [--n 5000] [--shape wrapped.txt …]
    .venv/bin/python benchmarks/import_scaling.py --archive 2000

--archive N instead imports a generated archive of N small issues in year folders (250 a year, each
UTF-8 or GBK) into a copy of the sample project, once, and prints the time and peak memory.

Exit status 1 when a ratio is above 8 (the growth is worse than linear). Before the walk in
webpage.py and the joined-once paragraphs, a page of 100,000 paragraphs did not finish in 5 minutes.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bulletin.editorial.importing import import_file, load_context

SENTENCE = "第{}段：全市各部门认真贯彻落实会议精神，扎实推进各项工作任务，取得了阶段性成效。"


def page(n: int) -> str:
    """A saved page: one <p> each, the source broken between them (and inside, hard-wrapped)."""
    body = "\n".join(f"<p>{SENTENCE.format(i)[:20]}\n{SENTENCE.format(i)[20:]}</p>" for i in range(n))
    return f"<html><head><meta charset=utf-8></head><body><h1>某某市工作简报</h1>\n{body}\n</body></html>"


def br_page(n: int) -> str:
    """An editor-made page of the 1990s: one <font>, lines broken with <br>."""
    return "<html><body><font size=3>" + "<br>\n".join(SENTENCE.format(i) for i in range(n)) + "</font></body></html>"


def column_table(n: int) -> str:
    """A page laid out in a one-column table, a row per paragraph."""
    rows = "".join(f"<tr><td>{SENTENCE.format(i)}</td></tr>\n" for i in range(n))
    return f"<html><body><h1>名单</h1><table>{rows}</table></body></html>"


def data_table(n: int) -> str:
    rows = "".join(f"<tr><td>{i}</td><td>张三{i}</td><td>某某局</td></tr>\n" for i in range(n))
    return f"<html><body><h1>名单</h1><table>{rows}</table></body></html>"


def wrapped(n: int) -> str:
    """Text wrapped at 30 characters with no blank line and no line ending a sentence: one paragraph
    n lines long (a text copied out of a PDF, its full stops lost)."""
    text = "".join(SENTENCE.format(i).replace("。", "，") for i in range(n * 30 // len(SENTENCE.format(0)) + 1))
    return "某某市工作简报\n\n" + "\n".join(text[i:i + 30] for i in range(0, n * 30, 30))


SHAPES = {"paragraphs.html": page, "br-lines.html": br_page, "column-table.html": column_table,
          "data-table.html": data_table, "wrapped.txt": wrapped}


def archive(count: int) -> int:
    import io
    import random
    import resource
    import shutil
    from bulletin.editorial.importing import Options, run_import
    root = Path(__file__).resolve().parent.parent
    one = (root / "tests/fixtures/import_corpus/b12-szzw-generic-masthead.txt").read_text(encoding="utf-8-sig")
    one = one.replace("工　作　简　报", "青禾市数字政府建设工作简报")
    rng = random.Random(20261203)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(count):
            year, n = 2000 + k // 250, k % 250 + 1
            text = one.replace("2024年第3期（总第45期）", f"{year}年第{n}期（总第{k + 1}期）") \
                      .replace("2024年3月5日", f"{year}年{(n - 1) // 21 + 1}月{(n - 1) % 21 + 1}日")
            path = Path(tmp, "old-site", str(year), f"{n:03d}.txt")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode(rng.choice(["utf-8", "gbk"])))
            files.append(path)
        project = Path(tmp, "project")
        project.mkdir()
        for part in ("mkdocs.yml", "bulletins", "docs", "overrides"):
            (shutil.copytree if (root / part).is_dir() else shutil.copy)(root / part, project / part)
        started = time.perf_counter()
        status = run_import(project, [Path(tmp, "old-site")], Options(series="szzw"), stream=io.StringIO())
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"archive of {count} issues: imported in {seconds:.1f} s, peak memory {peak:.0f} MB, exit status {status}")
    return status


def timed(path: Path, ctx) -> float:
    started = time.perf_counter()
    import_file(path, ctx)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append", help="only these shapes")
    parser.add_argument("--archive", type=int, help="import an archive of this many issues instead")
    args = parser.parse_args()
    if args.archive:
        return archive(args.archive)
    ctx = load_context(Path(__file__).resolve().parent.parent)
    worst = 0.0
    print(f"{'shape':20} {'n':>7} {'median s':>9} {'4n':>7} {'median s':>9} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in SHAPES.items():
            if args.shape and name not in args.shape:
                continue
            small, large = Path(tmp, f"small-{name}"), Path(tmp, f"large-{name}")
            small.write_text(make(args.n), encoding="utf-8")
            large.write_text(make(4 * args.n), encoding="utf-8")
            a, b = [], []
            for _ in range(args.pairs):
                a.append(timed(small, ctx))
                b.append(timed(large, ctx))
            ratio = statistics.median(b) / statistics.median(a)
            worst = max(worst, ratio)
            print(f"{name:20} {args.n:7} {statistics.median(a):9.2f} {4 * args.n:7} {statistics.median(b):9.2f} "
                  f"{ratio:6.1f}", flush=True)
    print(f"worst ratio for 4× the input: {worst:.1f} (4 is linear, 16 quadratic)")
    return 1 if worst > 8 else 0


if __name__ == "__main__":
    sys.exit(main())
