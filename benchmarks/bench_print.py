"""Print benchmark: the same generated issues rendered the plain way and our way, in one run.

plain: WeasyPrint as it comes — system CJK fonts by family name, a fresh font configuration
       per document, one process (on the HarfBuzz subsetting path when libharfbuzz-subset0 is
       installed).
ours:  bulletin.print — fonts cut once to the characters in use (cached), one font configuration
       per worker, spawn worker processes, PDF cache; timed cold (empty cache), including loading,
       the preflight checks and the font cutting.
Then one issue is touched and the build rerun: only that PDF should be rendered again.

    python benchmarks/bench_print.py                 # 40 issues
    python benchmarks/bench_print.py --issues 500    # the cold-build target: < 2 min, < 1 GB on 2 cores
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "src"))

from bulletin.sources.loader import load_project  # noqa: E402
from bulletin.print import PrintContext, PrintOptions, build_pdfs, preflight  # noqa: E402
from bulletin.print.pipeline import PRINT_RENDERERS, _font_css  # noqa: E402

SERIES = """title: 青禾市基准测试工作简报
office: 青禾市基准测试工作领导小组办公室
kind: bulletin
show_total: true
visibility: public
distribution:
  报: [市领导]
  送: [成员单位]
  发: [各区县政府]
"""
BOOK = """groups:
  市领导:
    people: [周明远, 林晓华, 郑海波]
    copies: 1
  成员单位:
    units: [市委组织部, 市发展改革委, 市财政局, 市大数据局]
    copies: 1
  各区县政府:
    units: [东湖区人民政府, 西岭区人民政府, 南川县人民政府]
    copies: 2
"""


def _corpus() -> list[str]:
    """Clauses of the sample sources, so the generated text uses characters as real bulletins do."""
    import re
    clauses: list[str] = []
    for path in sorted((ROOT / "bulletins").glob("*/*/*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for line in body.split("\n"):
            if line.strip() and not line.startswith(("#", "|", "!", "<", "-", ">")):
                clauses += [c for c in re.split(r"[，。；：！？]", line) if len(c) >= 4]
    return clauses or ["全市数字政府建设工作推进会召开", "会议总结了全市数字政府建设工作"]


def _paragraph(rng: random.Random, corpus: list[str]) -> str:
    parts = [rng.choice(corpus) for _ in range(rng.randint(4, 8))]
    return "，".join(parts) + "。"


def make_project(folder: Path, count: int) -> Path:
    """``count`` deterministic issues of about six pages each."""
    rng = random.Random(20260101)
    corpus = _corpus()
    (folder / "bulletins" / "bench").mkdir(parents=True)
    (folder / "bulletins" / "distribution.yml").write_text(BOOK, encoding="utf-8")
    (folder / "bulletins" / "bench" / "series.yml").write_text(SERIES, encoding="utf-8")
    for n in range(count):
        year, number = 2000 + n // 50, n % 50 + 1
        body = []
        for a in range(5):
            title = rng.choice(corpus)[:18]
            paras = "\n\n".join(_paragraph(rng, corpus) for _ in range(rng.randint(3, 5)))
            body.append(f"## {title}\n\n{paras}")
        text = (f"---\nissue: {number}\ntotal: {n + 1}\ndate: {year}-{(number - 1) % 12 + 1:02d}-15\n---\n\n"
                + "\n\n".join(body) + "\n")
        path = folder / "bulletins" / "bench" / str(year) / f"{number:03d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def peak_mb() -> tuple[float, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def plain(project_root: Path, overrides: Path, limit: int) -> tuple[float, float, int]:
    """Plain WeasyPrint: system fonts by name, default options, one process, fresh fonts per document."""
    from weasyprint import HTML
    project = load_project(project_root)
    plan = preflight(project, overrides, PrintOptions(subset=False, log=logging.getLogger("quiet")))
    css, _ = _font_css(plan, logging.getLogger("quiet"))
    ctx = PrintContext(project_root, overrides, font_css=css)
    issues = plan.issues[:limit]
    htmls = [PRINT_RENDERERS[i.series.kind].html(i, ctx) for i in issues]
    total_bytes = 0
    start = time.perf_counter()
    for issue, html in zip(issues, htmls):
        total_bytes += len(HTML(string=html, base_url=issue.path.as_uri()).write_pdf())
    seconds = time.perf_counter() - start
    return seconds / len(issues), total_bytes / len(issues), len(issues)


def ours(project_root: Path, overrides: Path, out: Path, workers: int) -> tuple[float, float, object]:
    start = time.perf_counter()
    project = load_project(project_root)
    plan = preflight(project, overrides, PrintOptions(workers=workers, log=logging.getLogger("quiet")))
    report = build_pdfs(plan, out / "site", out / "print")
    seconds = time.perf_counter() - start
    sizes = [p.stat().st_size for p in report.outputs.values()]
    return seconds, sum(sizes) / len(sizes), report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--issues", type=int, default=40, help="generated issues (default 40)")
    parser.add_argument("--plain-issues", type=int, default=40,
                        help="how many of them to render the plain way (default 40; it is the slow one)")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: one per CPU)")
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("quiet").setLevel(logging.WARNING)
    import warnings
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from bulletin.print.subset import harfbuzz_subset_available
    overrides = ROOT / "overrides"
    workers = args.workers or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-print-") as tmp:
        tmp = Path(tmp)
        os.environ["BULLETIN_CACHE_DIR"] = str(tmp / "cache")
        project_root = make_project(tmp / "project", args.issues)
        print(f"{args.issues} generated issues, {workers} worker(s), CPUs: {os.cpu_count()}, "
              f"HarfBuzz subsetter: {'yes' if harfbuzz_subset_available() else 'NO (fontTools fallback)'}")

        ours_s, ours_b, report = ours(project_root, overrides, tmp / "out", workers)
        self_mb, child_mb = peak_mb()
        pages = None
        try:
            from pypdf import PdfReader
            first = next(iter(report.outputs.values()))
            pages = len(PdfReader(first).pages)
        except Exception:  # noqa: BLE001 - pypdf is a test extra; the page count is only informative
            pass
        print(f"ours  (cold, {len(report.rendered)} rendered): {ours_s:.1f} s in all, "
              f"{ours_s / args.issues:.3f} s/issue, {ours_b / 1024:.0f} KB/issue"
              + (f", {pages} pages in the first issue" if pages else ""))
        print(f"peak memory: main process {self_mb:.0f} MB, largest worker {child_mb:.0f} MB, "
              f"all together at most {self_mb + workers * child_mb:.0f} MB")

        plain_s, plain_b, n = plain(project_root, overrides, min(args.plain_issues, args.issues))
        print(f"plain ({n} issues, one process):  {plain_s:.3f} s/issue, {plain_b / 1024:.0f} KB/issue")
        print(f"ratios: {plain_s / (ours_s / args.issues):.1f}x faster, {plain_b / ours_b:.1f}x smaller")

        victim = sorted((project_root / "bulletins" / "bench").glob("*/*.md"))[0]
        text = victim.read_text(encoding="utf-8")
        victim.write_text(text.replace("。", "。\n\n" + text.split("\n## ")[1].split("\n\n")[1], 1), encoding="utf-8")
        again_s, _, again = ours(project_root, overrides, tmp / "out2", workers)
        print(f"touch one issue and rebuild: {len(again.rendered)} rendered ({', '.join(again.rendered)}), "
              f"{len(again.reused)} from the cache, {again_s:.1f} s")
        shutil.rmtree(tmp / "out", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
