"""Search on a large archive: Pagefind (the site's search) beside Material's default search, in Chromium.

Generates a deterministic archive of N documents (default 2,000: two bulletin series, notices with
文号, meeting reports), builds it twice without PDFs: once as the project ships it (Pagefind, built by
the bulletin plugin) and once with Material's own search plugin on instead. Then, in Debian's
Chromium, with an empty cache each time, for each query: open the home page, type the query, wait
until the first result shows (time from the first keystroke; bytes: the search files the page loaded
before, which for Material is its whole index, plus everything fetched after the keystroke); once
more typing as soon as the page opens (time and bytes from opening the page); and load one page of
each type (its weight). Runs are interleaved (A B, B A, A B …, at least three pairs) and medians are
reported, with the ratio Pagefind / Material.

Bytes are what the browser received (response bodies as sent plus headers), from a local server that
compresses text the way a production web server does (gzip for HTML, CSS, JS, JSON, XML); Pagefind's
own files are already compressed. Target: at most 300 KB fetched for the search until the first result.

    .venv/bin/python benchmarks/bench_search.py [--issues 2000] [--pairs 3]
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET_KB = 300
WORDS = ("数字政府", "一网通办", "数据共享", "政务服务", "基层减负", "电子证照", "热线办理", "营商环境",
         "乡村振兴", "高标准农田", "村集体经济", "人居环境", "驻村帮扶", "特色产业", "防返贫监测", "冷链物流",
         "适老化改造", "公共数据", "城市更新", "安全生产", "河湖长制", "垃圾分类", "智慧农业", "医保结算")
NAMES = ("周明远", "林晓华", "郑海波", "陈立新", "吴建平", "何静", "孙卫东", "赵雅琴", "钱志刚", "冯丽萍")
PLACES = ("东湖区", "西岭区", "南川县", "北塘县", "临溪县", "云岭乡", "湖滨街道", "石桥镇")
# The queries a reader types: a whole 文号, part of one, a name, a two-character word, a phrase.
QUERIES = ("青政办函〔2024〕17号", "青政办函", "林晓华", "冷链", "数据共享")
COLD_QUERY = "冷链"
PAGE_TYPES = {"home": "", "series": "szzw/", "year": "szzw/2024/", "bulletin": "szzw/2024/012/",
              "notice": "tongzhi/2024/017/", "report": "huiyi/2024/008/"}


# ---------------------------------------------------------------- the archive
def _sentence(rng: random.Random) -> str:
    a, b = rng.sample(WORDS, 2)
    who, where = rng.choice(NAMES), rng.choice(PLACES)
    return rng.choice((f"{where}围绕{a}持续发力，推动{b}工作取得新进展，累计完成{rng.randint(10, 999)}项任务",
                       f"副市长{who}到{where}调研{a}工作，要求加快{b}",
                       f"{where}{a}覆盖率达到{rng.randint(60, 99)}.{rng.randint(0, 9)}%，较上年提高{rng.randint(1, 9)}个百分点"))


def _paragraph(rng: random.Random) -> str:
    return "。".join(_sentence(rng) for _ in range(rng.randint(3, 6))) + "。"


def documents(count: int):
    """Yield (series, year, number, date, front matter lines, body) for ``count`` documents."""
    rng = random.Random(20261124)
    plan = [("szzw", 0.35), ("xczx", 0.35), ("tongzhi", 0.2), ("huiyi", 0.1)]
    numbers: dict[tuple[str, int], int] = {}
    for n in range(count):
        series = _series_for(n, plan)
        year = 2012 + n * 15 // count
        number = numbers[(series, year)] = numbers.get((series, year), 0) + 1
        month, day = min(12, number // 5 + 1), number % 28 + 1
        date = f"{year}-{month:02d}-{day:02d}"
        if series in ("szzw", "xczx"):
            body = "\n\n".join(f"## {rng.choice(PLACES)}：{rng.choice(WORDS)}工作取得新进展（{k + 1}）\n\n"
                               + "\n\n".join(_paragraph(rng) for _ in range(rng.randint(2, 3)))
                               for k in range(rng.randint(3, 5)))
            front = []
        elif series == "tongzhi":
            topic = rng.choice(WORDS)
            front = [f"doc_number: 青政办函〔{year}〕{number}号", f"title: 青禾市人民政府办公室关于做好{topic}工作的通知",
                     "issuer: 青禾市人民政府办公室", "addressees: 各区县人民政府，市政府各部门"]
            body = "\n\n".join(f"## {'一二三四'[k]}、{rng.choice(WORDS)}\n\n{_paragraph(rng)}" for k in range(4))
        else:
            front = [f"title: 市政府召开第{number}次常务会议", "place: 市行政中心"]
            body = "\n\n".join(_paragraph(rng) for _ in range(3))
        yield series, year, number, date, front, body


def _series_for(n: int, plan) -> str:
    slot = (n * 7919) % 100 / 100
    total = 0.0
    for series, share in plan:
        total += share
        if slot < total:
            return series
    return plan[-1][0]


SERIES = {
    "szzw": "title: 青禾市数字政府建设工作简报\noffice: 青禾市数字政府建设领导小组办公室\nkind: bulletin\n"
            "distribution: {报: [市领导]}\n",
    "xczx": "title: 青禾市乡村振兴工作简报\noffice: 青禾市乡村振兴领导小组办公室\nkind: bulletin\n"
            "distribution: {报: [市领导]}\n",
    "tongzhi": "title: 青禾市人民政府办公室文件\noffice: 青禾市人民政府办公室\nkind: notice\n",
    "huiyi": "title: 青禾市政务要闻\noffice: 青禾市人民政府办公室\nkind: report\n",
}


def write_archive(base: Path, count: int, material: bool) -> None:
    """The archive as a project: our mkdocs.yml and docs/, with Material's search plugin on or off."""
    (base / "bulletins").mkdir(parents=True)
    (base / "bulletins/distribution.yml").write_text(
        "groups:\n  市领导:\n    people: [周明远, 林晓华]\n    copies: 1\n", encoding="utf-8")
    for slug, text in SERIES.items():
        (base / "bulletins" / slug).mkdir()
        (base / "bulletins" / slug / "series.yml").write_text(text, encoding="utf-8")
    for series, year, number, date, front, body in documents(count):
        path = base / "bulletins" / series / str(year) / f"{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        head = "\n".join([f"issue: {number}", f"date: {date}", *front])
        path.write_text(f"---\n{head}\n---\n\n{body}\n", encoding="utf-8")
    (base / "docs").mkdir()
    for page in ("index.md", "about.md"):
        (base / "docs" / page).write_text((ROOT / "docs" / page).read_text(encoding="utf-8"), encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: overrides",
                                                                       f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("pdf: true", "pdf: false")
    if material:   # Material's default search, as the project had it before (jieba-segmented Chinese)
        config = config.replace("plugins:\n", "plugins:\n  - search:\n      lang: zh\n      separator: "
                                "'[\\s\\u200b\\-_,:!=\\[\\]()\"`/]+|\\.(?!\\d)|&[lg]t;|(?!\\b)(?=[A-Z][a-z])'\n", 1)
    (base / "mkdocs.yml").write_text(config, encoding="utf-8")


def build(base: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bulletin", "build", "--no-pdf"], cwd=base, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


# ---------------------------------------------------------------- a server that compresses like nginx
class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in self.TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = _compressed(str(path), path.stat().st_mtime)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return _Bytes(data)
        return super().send_head()


class _Bytes:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.lru_cache(maxsize=None)
def _compressed(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


@contextlib.contextmanager
def serve(folder: Path):
    handler = functools.partial(_GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- measurements in Chromium
def _track(page) -> list:
    finished: list = []

    def done(request) -> None:
        try:
            sizes = request.sizes()
        except Exception:  # noqa: BLE001 - a request the page abandoned
            return
        finished.append((time.perf_counter(), request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    page.on("requestfinished", done)
    return finished


SEARCH_FILES = ("/search/", "/workers/", "/lunr/", "/pagefind/")


def search_once(browser, base: str, query: str) -> dict:
    """Home page, then the query typed. Bytes: every search file the page loaded before (Material
    fetches its whole index on every page) plus everything fetched from the first keystroke until the
    first result shows; time: from the first keystroke to the first result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished = _track(page)
    page.goto(base, wait_until="networkidle")
    start = time.perf_counter()
    page.click(".md-search__input")
    page.keyboard.type(query)
    page.keyboard.press("End")      # Material searches on keyup; the composition ends here
    page.wait_for_function(ANSWERED, timeout=300_000)
    first = time.perf_counter()
    found = page.query_selector(".md-search-result__item") is not None
    page.wait_for_timeout(100)      # let requests that finished with the answer be counted
    fetched = sum(size for at, url, size in finished
                  if (at >= start and at <= first + 0.05) or (at < start and any(f in url for f in SEARCH_FILES)))
    context.close()
    return {"kb": fetched / 1024, "ms": (first - start) * 1000, "found": found}


# The first result shows, or the search says it found nothing (both UIs write a status line).
ANSWERED = """() => document.querySelector('.md-search-result__item') ||
    /没有/.test((document.querySelector('.md-search-result__meta') || {}).textContent || '')"""


def search_cold(browser, base: str, query: str) -> dict:
    """A reader who types as soon as the home page is there: time from opening the page to the first
    result, and every byte fetched until then (page and search together)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished = _track(page)
    start = time.perf_counter()
    page.goto(base, wait_until="domcontentloaded")
    page.click(".md-search__input")
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.wait_for_function(ANSWERED, timeout=300_000)
    first = time.perf_counter()
    page.wait_for_timeout(100)
    fetched = sum(size for at, _, size in finished if at <= first + 0.05)
    context.close()
    return {"kb": fetched / 1024, "ms": (first - start) * 1000}


def page_weight(browser, base: str, path: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished = _track(page)
    page.goto(base + path, wait_until="networkidle")
    page.wait_for_timeout(300)
    total = sum(size for _, _, size in finished)
    context.close()
    return total / 1024


def measure(browser, base: str) -> dict[str, float]:
    out = {}
    for query in QUERIES:
        result = search_once(browser, base, query)
        out[f"{query} KB"] = result["kb"]
        out[f"{query} ms"] = result["ms"]
        out[f"{query} found"] = float(result["found"])
    cold = search_cold(browser, base, COLD_QUERY)
    out[f"open+{COLD_QUERY} KB"] = cold["kb"]
    out[f"open+{COLD_QUERY} ms"] = cold["ms"]
    for name, path in PAGE_TYPES.items():
        out[f"page {name} KB"] = page_weight(browser, base, path)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=2000)
    parser.add_argument("--pairs", type=int, default=3, help="interleaved pairs of measurements (at least 3)")
    args = parser.parse_args()
    if args.pairs < 3:
        parser.error("at least 3 pairs: a median of fewer runs is one run")
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        sites = {}
        for name, material in (("material", True), ("pagefind", False)):
            base = Path(tmp, name)
            write_archive(base, args.issues, material)
            seconds = build(base)
            sites[name] = base / "site"
            print(f"built {name}: {args.issues} documents in {seconds:.0f} s")
        index = sum(p.stat().st_size for p in (sites["material"] / "search").rglob("*") if p.is_file())
        bundle = sum(p.stat().st_size for p in (sites["pagefind"] / "pagefind").rglob("*") if p.is_file())
        print(f"index on disk: Material {index / 1024:.0f} KB (search_index.json), Pagefind {bundle / 1024:.0f} KB "
              f"in {sum(1 for _ in (sites['pagefind'] / 'pagefind').rglob('*'))} files")
        runs: dict[str, list[dict]] = {"material": [], "pagefind": []}
        with serve(sites["material"]) as material_url, serve(sites["pagefind"]) as pagefind_url, \
                sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            urls = {"material": material_url, "pagefind": pagefind_url}
            for url in urls.values():   # warm-up: the server's compressed copies, the browser's first start
                search_once(browser, url, QUERIES[-1])
            for i in range(args.pairs):
                for name in (("material", "pagefind") if i % 2 == 0 else ("pagefind", "material")):
                    runs[name].append(measure(browser, urls[name]))
            browser.close()
    report(runs, args)


def report(runs: dict[str, list[dict]], args) -> None:
    median = lambda name, key: statistics.median(r[key] for r in runs[name])  # noqa: E731
    print(f"\n{args.issues} documents, {args.pairs} interleaved pairs (A B, B A, …), medians; ratio = Pagefind / Material")
    print(f"{'measure':<40}{'Material':>12}{'Pagefind':>12}{'ratio':>9}")
    worst = 0.0
    for key in runs["pagefind"][0]:
        if key.endswith(" found"):
            continue
        m, p = median("material", key), median("pagefind", key)
        if key.endswith(" ms"):
            found = {name: all(r.get(key[:-3] + " found", True) for r in runs[name]) for name in runs}
            if not all(found.values()):
                key_note = ", ".join(f"{name} found nothing" for name, ok in found.items() if not ok)
                print(f"  ({key[:-3]}: {key_note}; its time is to the 'nothing found' line)")
        if key.startswith("open+"):
            label = f"open page, search {key[5:-3]}: {'KB' if key.endswith('KB') else 'ms'}"
        elif key.endswith(" KB") and not key.startswith("page "):
            label = f"search {key[:-3]}: KB to 1st result"
            worst = max(worst, p)
        elif key.endswith(" ms"):
            label = f"search {key[:-3]}: ms to 1st result"
        else:
            label = f"{key[:-3]} weight (KB)"
        print(f"{label:<40}{m:>12.0f}{p:>12.0f}{p / m if m else float('nan'):>8.2f}x")
    verdict = "meets" if worst <= TARGET_KB else "MISSES"
    print(f"\nPagefind: at most {worst:.0f} KB fetched until the first result; {verdict} the target of {TARGET_KB} KB")


if __name__ == "__main__":
    main()
