"""Print benchmark: the same generated issues rendered the plain way and our way, interleaved.

plain: WeasyPrint as it comes — system CJK fonts by family name, a fresh font configuration
       per document, one process (on the HarfBuzz subsetting path when libharfbuzz-subset0 is
       installed).
ours:  bulletin.print — fonts cut once to the characters in use (cached), one font configuration
       per worker, spawn worker processes, PDF cache; timed cold (empty cache), including loading,
       the preflight checks and the font cutting.
Each side runs as its own process, interleaved (plain, ours, ours, plain, …, see interleave.py), and
is measured in wall and CPU time (children included). Both make the year's bound volume: ours as
the build does, plain the cheapest WeasyPrint way (``plain_volume``); CPU time is also given without
the volumes on either side (cpu_issues), and ours with against plain without. Then one issue is
touched and the build rerun: only that PDF (and its year's bound volume) should be rendered again.

    python benchmarks/bench_print.py                 # 40 issues, all rendered both ways
    python benchmarks/bench_print.py --issues 2000 --plain-issues 40   # the cold-build target
    python benchmarks/bench_print.py --plain-framestack   # plain also spared CPython's chunk thrash
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from interleave import interleave, run_command  # noqa: E402

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


def plain(project_root: Path, overrides: Path, limit: int) -> tuple[float, float, int, float, int]:
    """Plain WeasyPrint: system fonts by name, default options, one process, fresh fonts per document;
    then the year's bound volume (``plain_volume``). Returns seconds and bytes per issue, the issues
    rendered, the CPU seconds of the volume and how many issues it binds."""
    from weasyprint import HTML

    from bulletin.kinds import kind_of
    from bulletin.print import PrintContext, PrintOptions, preflight
    from bulletin.print.pipeline import font_css
    from bulletin.sources.loader import load_project
    project = load_project(project_root)
    plan = preflight(project, overrides, PrintOptions(subset=False, log=logging.getLogger("quiet")))
    css, _ = font_css(plan, logging.getLogger("quiet"))
    ctx = PrintContext(project_root, overrides, font_css=css)
    issues = plan.issues[:limit]
    htmls = [kind_of(i).print_html(i, ctx) for i in issues]
    total_bytes = 0
    start = time.perf_counter()
    documents = []
    for issue, html in zip(issues, htmls):
        documents.append(HTML(string=html, base_url=issue.path.as_uri()).render())
        total_bytes += len(documents[-1].write_pdf())
    seconds = time.perf_counter() - start
    volume_start = time.process_time()
    bound = plain_volume(ctx, issues, documents)
    return seconds / len(issues), total_bytes / len(issues), len(issues), time.process_time() - volume_start, bound


def plain_volume(ctx, issues: list, documents: list) -> int:
    """The year's bound volume the cheapest plain way, WeasyPrint's own for joining documents: the
    front (ours: cover and 目录, its page numbers worked out as ours does) rendered, and its pages and
    those of the issues' documents, kept from their rendering, written as one PDF (``Document.copy``).
    It does less than ours (the issues keep their own page numbers, the 目录's links go nowhere, no
    structure tree of the whole), so it is a lower bound of what plain pays for a volume."""
    from types import SimpleNamespace

    from weasyprint import HTML

    from bulletin.print.volume import bound_issues, volume_html
    from bulletin.print.volume_numbers import guess, write_in
    series, year = issues[0].series, issues[0].date.year
    documents = [d for i, d in zip(issues, documents) if i.date.year == year]
    issues = [i for i in issues if i.date.year == year]
    html = volume_html(series, year, issues, ctx)
    bound = bound_issues(issues, [Path()] * len(issues))
    facts = [SimpleNamespace(marks=[set()] * len(d.pages),
                             anchors={name: n for n, page in enumerate(d.pages) for name in page.anchors})
             for d in documents]
    front = HTML(string=write_in(html, guess(html, bound, facts)), base_url=issues[0].path.as_uri()).render()
    front.copy([*front.pages, *(page for d in documents for page in d.pages)]).write_pdf()
    return len(issues)


def ours(project_root: Path, overrides: Path, out: Path, workers: int) -> tuple[float, float, object]:
    # imported here, not at the top: a worker imports this module again (multiprocessing's __main__),
    # as it imports the `bulletin` command's, and that imports nothing of the build
    from bulletin.print import PrintOptions, build_pdfs, preflight
    from bulletin.sources.loader import load_project
    start = time.perf_counter()
    project = load_project(project_root)
    plan = preflight(project, overrides, PrintOptions(workers=workers, log=logging.getLogger("quiet")))
    report = build_pdfs(plan, out / "site", out / "print")
    seconds = time.perf_counter() - start
    sizes = [p.stat().st_size for p in report.outputs.values()]
    return seconds, sum(sizes) / len(sizes), report


def side(args) -> int:
    """One timed side, in its own process: prints a JSON line (issues, bytes per issue, rendered)."""
    import json
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("quiet").setLevel(logging.WARNING)
    overrides = ROOT / "overrides"
    if args.side == "plain":
        render = plain
        if args.plain_framestack:       # plain WeasyPrint spared CPython's chunk thrash as ours is
            from functools import partial

            from bulletin import framestack
            render = partial(framestack.call, plain)
        _, per_issue, n, volume_cpu, bound = render(args.project, overrides, args.limit)
        result = {"issues": n, "bytes": per_issue, "rendered": n, "volume_cpu": volume_cpu, "volumes": 1,
                  "bound": bound}
    else:
        shutil.rmtree(args.cache, ignore_errors=True)      # cold: no cut fonts, no PDFs
        shutil.rmtree(args.out, ignore_errors=True)
        os.environ["BULLETIN_CACHE_DIR"] = str(args.cache)
        _, per_issue, report = ours(args.project, overrides, args.out, args.workers or os.cpu_count() or 1)
        volumes = [key for key in report.rendered if key.startswith("volume:")]
        result = {"issues": len(report.outputs), "bytes": per_issue, "rendered": len(report.rendered),
                  "volume_cpu": sum(report.cpu[key] for key in volumes), "volumes": len(volumes)}
    result["peak_own_mb"] = max(peak_mb())      # this side's largest process (its workers are children)
    print(json.dumps(result))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--issues", type=int, default=40, help="generated issues (default 40)")
    parser.add_argument("--plain-issues", type=int, default=40,
                        help="how many of them to render the plain way (default 40; it is the slow one)")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: one per CPU)")
    parser.add_argument("--pairs", type=int, default=3, help="interleaved pairs (at least 3)")
    parser.add_argument("--plain-framestack", action="store_true",
                        help="render the plain side beneath bulletin.framestack.call too: plain WeasyPrint "
                             "without the CPython frame-stack cost that ours avoids (see framestack.py)")
    parser.add_argument("--side", choices=("plain", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        return side(args)
    import warnings
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from bulletin.print.subset import harfbuzz_subset_available
    workers = args.workers or os.cpu_count() or 1
    n_plain = min(args.plain_issues, args.issues)
    with tempfile.TemporaryDirectory(prefix="bench-print-") as tmp:
        tmp = Path(tmp)
        project_root = make_project(tmp / "project", args.issues)
        # The plain side gets a project of only the issues it renders (the same first ones: the text is
        # drawn in order): its process is timed whole, and loading the rest of the archive is not its work.
        plain_root = make_project(tmp / "plain-project", n_plain)
        print(f"{args.issues} generated issues ({n_plain} of them the plain way), {workers} worker(s), "
              f"CPUs: {os.cpu_count()}, HarfBuzz subsetter: "
              f"{'yes' if harfbuzz_subset_available() else 'NO (fontTools fallback)'}"
              + (", plain beneath framestack.call" if args.plain_framestack else ""))
        me = [sys.executable, __file__, "--project", str(project_root), "--out", str(tmp / "out"),
              "--cache", str(tmp / "cache"), "--workers", str(workers)]
        # cpu_issues leaves out the CPU of the year's bound volume on each side (ours: its own job in a
        # worker; plain: plain_volume), the issue PDFs alone, fixed costs included; cpu is everything, each
        # side's volumes spread over the issues they bind (plain binds its first year's issues)
        def per_issue(result: dict, n: int) -> dict:
            issues_cpu = (result["cpu"] - result["volume_cpu"]) / n
            bound = result.get("bound", n)
            return {**result, "wall": result["wall"] / n, "cpu_issues": issues_cpu,
                    "cpu": issues_cpu + result["volume_cpu"] / bound}
        plain_me = [sys.executable, __file__, "--project", str(plain_root)] + ["--plain-framestack"] * args.plain_framestack
        result = interleave(lambda: per_issue(run_command([*plain_me, "--side", "plain", "--limit", str(n_plain)],
                                                          reports=True), n_plain),
                            lambda: per_issue(run_command([*me, "--side", "ours"], reports=True), args.issues),
                            args.pairs, names=("plain WeasyPrint", "ours (cold)"), warmup=False)
        print("seconds per issue, medians (cpu: with the bound volumes; cpu_issues: without):")
        print(result.report(("wall", "cpu", "cpu_issues"), unit={"cpu_issues": "s"}))
        print(f"ours is {1 / result.ratio('wall'):.2f}x faster in wall time (plain's volume is in its wall time); "
              f"peak memory of the largest process: plain {result.median(0, 'peak_own_mb'):.0f} MB "
              f"(it keeps the issues' documents for its volume), ours {result.median(1, 'peak_own_mb'):.0f} MB")
        print(f"CPU time, target >= 2x: issue PDFs and bound volumes both ways "
              f"({result.median(1, 'volumes'):.0f} volume(s) ours, {result.median(1, 'volume_cpu'):.1f} s of CPU; "
              f"plain's one {result.median(0, 'volume_cpu'):.1f} s for {result.median(0, 'bound'):.0f} issues): "
              f"{1 / result.ratio('cpu'):.2f}x; the issue PDFs alone: {1 / result.ratio('cpu_issues'):.2f}x; "
              f"ours with its volumes against plain without: "
              f"{result.median(0, 'cpu_issues') / result.median(1, 'cpu'):.2f}x")
        print(f"ours, whole cold build of {args.issues} issues: {result.median(1, 'wall') * args.issues:.1f} s")
        os.environ["BULLETIN_CACHE_DIR"] = str(tmp / "cache")
        victim = sorted((project_root / "bulletins" / "bench").glob("*/*.md"))[0]
        text = victim.read_text(encoding="utf-8")
        victim.write_text(text.replace("。", "。\n\n" + text.split("\n## ")[1].split("\n\n")[1], 1), encoding="utf-8")
        again_s, _, again = ours(project_root, ROOT / "overrides", tmp / "out2", workers)
        print(f"touch one issue and rebuild: {len(again.rendered)} rendered ({', '.join(again.rendered)}), "
              f"{len(again.reused)} from the cache, {again_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
