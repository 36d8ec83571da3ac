"""Website build: a plain MkDocs build of N issues as ordinary pages against our build of the same issues.

Generates N deterministic synthetic issues (default 500), writes them once as bulletin sources and
once as ordinary Markdown pages with the same text and the same listings (each series newest first, 50
to a page, and one page per year), builds both with the same theme, search and nav,
interleaved (plain, ours, ours, plain, …: see interleave.py), and prints the medians and their ratio
in wall and CPU time. Target: ours at most 1.15x the plain build.

    .venv/bin/python benchmarks/bench_site.py [--issues 500] [--pairs 3] [--search material|shipped|none]

--search says which search each side builds:
  material  Material's search plugin on both sides (default): the same work on the same pages;
  shipped   each as it comes: plain with Material's search, ours with Pagefind (as this project ships);
  none      plain without search, ours with Pagefind (ours cannot build without a search index): what
            our page pipeline costs beside a plain build that does nothing else.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from interleave import interleave, run_command  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("数字政府", "一网通办", "数据共享", "政务服务", "基层减负", "电子证照", "热线办理", "营商环境",
         "乡村振兴", "高标准农田", "村集体经济", "人居环境", "驻村帮扶", "特色产业", "防返贫监测")
THEME = """theme:
  name: material
  custom_dir: {overrides}
  language: zh
  font: false
markdown_extensions: [attr_list, md_in_html, tables, footnotes, sane_lists]
"""
# (both sides read the Markdown as the project's mkdocs.yml has it: the bulletin plugin adds
# footnotes and sane_lists where they are missing, as print reads them, so a plain side without
# them would convert less)
SEARCH = """  - search:
      lang: zh
      separator: '[\\s\\u200b\\-_,:!=\\[\\]()"`/]+|\\.(?!\\d)|&[lg]t;|(?!\\b)(?=[A-Z][a-z])'
"""


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        a, b = rng.sample(WORDS, 2)
        sentences.append(f"各地围绕{a}持续发力，推动{b}工作取得新进展，累计完成{rng.randint(10, 999)}项任务")
    return "。".join(sentences) + "。"


def issues(count: int):
    """Yield (series, year, number, date, articles) for ``count`` deterministic issues."""
    rng = random.Random(20261123)
    for n in range(count):
        series = ("aaa", "bbb")[n % 2]
        year = 2020 + (n // 2) // 50
        number = (n // 2) % 50 + 1
        month, day = (number - 1) // 5 + 1, (number - 1) % 5 * 5 + 1
        articles = [(f"第{k + 1}篇：{rng.choice(WORDS)}工作取得新进展",
                     "\n\n".join(paragraph(rng) for _ in range(rng.randint(2, 4))))
                    for k in range(rng.randint(4, 7))]
        yield series, year, number, f"{year}-{month:02d}-{day:02d}", articles


def write_ours(base: Path, count: int, search: str = "material", pdf: bool = False) -> None:
    (base / "docs").mkdir(parents=True)
    (base / "docs/index.md").write_text("# 首页\n", encoding="utf-8")
    (base / "bulletins").mkdir()
    (base / "bulletins/distribution.yml").write_text(
        "groups:\n  领导:\n    people: [甲, 乙]\n    copies: 1\n", encoding="utf-8")
    for slug in ("aaa", "bbb"):
        (base / "bulletins" / slug).mkdir()
        (base / "bulletins" / slug / "series.yml").write_text(
            f"title: {slug}工作简报\noffice: 示例办公室\ndistribution: {{报: [领导]}}\n", encoding="utf-8")
    for series, year, number, date, articles in issues(count):
        path = base / "bulletins" / series / str(year) / f"{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(f"## {title}\n\n{text}" for title, text in articles)
        path.write_text(f"---\nissue: {number}\ndate: {date}\n---\n{body}\n", encoding="utf-8")
    (base / "mkdocs.yml").write_text(
        "site_name: ours\nuse_directory_urls: true\n" + THEME.format(overrides=ROOT / "overrides")
        + "plugins:\n" + (SEARCH if search == "material" else "") + f"  - bulletin:\n      pdf: {str(pdf).lower()}\n",
        encoding="utf-8")


def write_plain(base: Path, count: int, search: str = "material") -> None:
    """The same pages written by hand: each issue with its title, date, article headings and text, and
    the listings ours builds, each series' issues newest first 50 to a page (the first page at the
    series' folder) and one page per year. Like ours, the listings are left out of the search index."""
    docs = base / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    listed: dict[str, list[tuple[int, int, str, str]]] = {"aaa": [], "bbb": []}
    for series, year, number, date, articles in issues(count):
        path = docs / series / str(year) / f"{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(f"## {title}\n\n{text}" for title, text in articles)
        path.write_text(f"# {series}工作简报 第{number}期\n\n{date}\n\n{body}\n", encoding="utf-8")
        listed[series].append((year, number, articles[0][0], date))
    for series, rows in listed.items():
        rows.sort(reverse=True)
        pages = [rows[at:at + 50] for at in range(0, len(rows), 50)]
        for n, page in enumerate(pages, 1):
            folder = docs / series / ("" if n == 1 else f"page/{n}")
            listing(folder / "index.md", f"{series}工作简报" + ("" if n == 1 else f" 第{n}页"), page,
                    "" if n == 1 else "../../")
        for year in sorted({row[0] for row in rows}):
            listing(docs / series / str(year) / "index.md", f"{series}工作简报 {year}年",
                    [row for row in rows if row[0] == year], "../")
    nav = "nav:\n  - 首页: index.md\n  - aaa工作简报: aaa/index.md\n  - bbb工作简报: bbb/index.md\n"
    (base / "mkdocs.yml").write_text(
        "site_name: plain\nuse_directory_urls: true\n" + THEME.format(overrides=ROOT / "overrides")
        + nav + ("plugins: []\n" if search == "none" else "plugins:\n" + SEARCH), encoding="utf-8")


def listing(path: Path, title: str, rows: list[tuple[int, int, str, str]], up: str) -> None:
    """A listing page at ``path`` (``up`` leads from its folder to the series'), grouped by year."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["---", "search:", "  exclude: true", "---", f"# {title}", ""]
    for year in sorted({row[0] for row in rows}, reverse=True):
        lines += [f"## {year}年", ""] + [f"- 第{number}期 [{headline}]({up}{year}/{number:03d}.md) {date}"
                                        for y, number, headline, date in rows if y == year] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


def timed_build(base: Path) -> dict[str, float]:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return run_command([str(mkdocs), "build", "-q", "-f", str(base / "mkdocs.yml"), "-d", str(base / "site")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("--pairs", type=int, default=3, help="interleaved pairs of builds (at least 3)")
    parser.add_argument("--search", choices=("material", "shipped", "none"), default="material",
                        help="which search each side builds (see the module docstring)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        plain, ours = Path(tmp, "plain"), Path(tmp, "ours")
        write_plain(plain, args.issues, args.search)
        write_ours(ours, args.issues, args.search)
        result = interleave(lambda: timed_build(plain), lambda: timed_build(ours), args.pairs,
                            names=("plain mkdocs", "ours (no PDFs)"))
        pages = [sum(1 for _ in (side / "site").rglob("index.html")) for side in (plain, ours)]
    print(f"issues: {args.issues}, pages built by plain and ours: {pages[0]} and {pages[1]}, search: {args.search}, "
          f"{args.pairs} interleaved pairs, medians:")
    print(result.report())
    print(f"ratio ours/plain (wall): {result.ratio():.2f}x  (target <= 1.15x)")


if __name__ == "__main__":
    main()
