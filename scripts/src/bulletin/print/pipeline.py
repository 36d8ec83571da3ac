"""One PDF per issue: preflight (fonts, glyphs, references) before anything is written, then
fonts cut once per build, issues rendered in parallel, unchanged issues taken from the cache.
"""
from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import time
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable

from ..errors import Problem, SourceError
from ..kinds import kind_of
from ..model import Issue, Project
from ..model.publication import Publication
from ..atomic import current_umask, write_atomic
from .cache import cuts_unnamed, portable, prune as prune_cache
from .context import MARKUP, PrintContext
from .forked import forked_map
from .fontinfo import kept_files as font_facts, use_folder as use_font_facts
from .fonts import ROLE_NAMES, ROLES, FontError, ResolvedFont, cmap, resolve_roles
from .subset import harfbuzz_subset_available, subset_font
from .texts import READINGS, Span, draws_nothing, html_spans, start_reading

RENDER_VERSION = "4"   # bump when the pipeline changes what a PDF looks like
# Where the preflight's reading of a document leaves room for the cut fonts' @font-face rules (a CSS
# comment, so the reading prints the same text); the build puts the rules there.
FONT_FACES = "/*bulletin-font-faces-7c1e*/"
KEPT = (MARKUP, READINGS)      # results kept between builds in the print cache (print/kept.py)
ASCII = "".join(chr(c) for c in range(0x20, 0x7F))

log = logging.getLogger("bulletin.print")


@dataclass
class PrintOptions:
    fonts: dict | None = None        # role → font name or list of names (mkdocs.yml: bulletin → fonts)
    fonts_dir: Path | None = None    # licensed fonts of the office, not committed (default <root>/fonts)
    config_file: str = "mkdocs.yml"  # where fonts: is configured, for the line numbers of its problems
    pdf_variant: str | None = None   # WeasyPrint's PDF variant, such as pdf/a-2b (archival); None: plain PDF
    workers: int = 0                 # 0: one per CPU
    cache_dir: Path | None = None    # default <root>/.cache/bulletin (or $BULLETIN_CACHE_DIR)
    subset: bool = True              # False: plain WeasyPrint with the system fonts by family name
    use_cache: bool = True           # reuse PDFs whose inputs did not change
    # The preview (`bulletin serve --pdf`): print only these issues (keys), no bound volumes, and keep
    # every other cached PDF and font. None: the whole archive, as `bulletin build` prints it.
    only: frozenset[str] | None = None
    log: logging.Logger = field(default_factory=lambda: log)


def plugin_options(root: Path) -> PrintOptions:
    """The print options of the bulletin plugin in mkdocs.yml (fonts, pdf_variant)."""
    from ..sources.settings import plugin_settings
    settings = plugin_settings(root)
    path = root / "mkdocs.yml"
    fonts = settings.get("fonts") or None
    from .variants import check_variant
    try:
        variant = check_variant(settings.get("pdf_variant"))
    except ValueError as exc:
        line = next((i + 1 for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"))
                     if re.match(r"^\s*pdf_variant\s*:", text)), None)
        raise SourceError([Problem("mkdocs.yml", line, str(exc))]) from None
    return PrintOptions(fonts=fonts if isinstance(fonts, dict) else None, pdf_variant=variant, log=log)


@dataclass
class PrintPlan:
    project: Project
    root: Path
    overrides: Path
    options: PrintOptions
    fonts: dict[str, ResolvedFont]
    issues: list[Issue]
    spans: dict[str, list[Span]]
    files: dict[str, list[Path]]     # files each issue's source refers to (images)
    used_cache: set[Path] = field(default_factory=set)   # cached fonts and files this build used
    htmls: dict[str, str] = field(default_factory=dict)  # issue key -> its print HTML as the preflight read it

    @property
    def cache_dir(self) -> Path:
        return cache_dir(self.root, self.options.cache_dir)


def cache_dir(root: Path, chosen: Path | None = None) -> Path:
    """The cache folder: ``chosen`` (PrintOptions.cache_dir), else $BULLETIN_CACHE_DIR, else the project's."""
    if chosen:
        return Path(chosen)
    env = os.environ.get("BULLETIN_CACHE_DIR")
    return Path(env) if env else Path(root) / ".cache" / "bulletin"


def default_texts(issue: Issue, ctx: PrintContext) -> list[Span]:
    """What a kind without its own print_texts prints, read from its print HTML (print/texts.py)."""
    return html_spans(kind_of(issue).print_html(issue, replace(ctx, preview=True)), issue, ctx.root, ctx.overrides,
                      ctx.everywhere)


def check_glyphs(spans: list[Span], fonts: dict[str, ResolvedFont]) -> list[Problem]:
    used: dict[str, list[str]] = {}
    for span in spans:
        used.setdefault(span.role, []).append(span.text)
    # each role's characters its font lacks, in a few set operations (usually none at all)
    lacking = {role: {chr(code) for code in set(map(ord, set("".join(texts)))) - cmap(fonts[role])
                      if not draws_nothing(chr(code))} for role, texts in used.items()}
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for span in spans:
        if not lacking[span.role]:
            continue
        font = fonts[span.role]
        for ch in span.text:
            if ch not in lacking[span.role]:
                continue
            code = ord(ch)
            key = (span.path, span.line, ch, span.role)
            if key in seen:
                continue
            seen.add(key)
            others = [f.name for f in fonts.values() if f is not font and code in cmap(f)]
            hint = f" ({', '.join(sorted(set(others)))} has it)" if others else " (no configured font has it)"
            problems.append(Problem(span.path, span.line,
                                    f"character '{ch}' (U+{code:04X}) is not in font {font.name} used for "
                                    f"{ROLE_NAMES[span.role]}{hint}; expected a character the font can show: "
                                    "replace it, or list a font that has it under fonts: "
                                    f"{span.role} of the bulletin plugin in mkdocs.yml"))
    return problems


def config_line(root: Path, config_file: str, role: str | None) -> int | None:
    """The line of ``fonts:`` (or of its ``role:`` entry) in the plugin's configuration, if written there."""
    try:
        lines = (root / config_file).read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    start = next((i for i, text in enumerate(lines) if re.match(r"^\s*fonts\s*:", text)), None)
    if start is None:
        return next((i + 1 for i, text in enumerate(lines) if re.match(r"^\s*-\s*bulletin\s*:?", text)), None)
    indent = len(lines[start]) - len(lines[start].lstrip())
    for i in range(start + 1, len(lines)):
        text = lines[i]
        if text.strip() and not text.lstrip().startswith("#") and len(text) - len(text.lstrip()) <= indent:
            break
        if role and re.match(rf"^\s*{re.escape(role)}\s*:", text):
            return i + 1
    return start + 1


def resolve_fonts(root: Path, options: PrintOptions) -> dict[str, ResolvedFont]:
    """The font of each role (project fonts/ first, then the system's), said in the log; a role
    served by a substitute is a warning; a wrong or unmet font table is a problem at its line."""
    out = options.log
    fonts_dir = Path(options.fonts_dir) if options.fonts_dir else root / "fonts"
    try:
        fonts = resolve_roles(options.fonts, fonts_dir)
    except FontError as exc:
        raise SourceError([Problem(options.config_file, config_line(root, options.config_file, role), message)
                           for role, message in exc.problems]) from None
    for role in ROLES:
        font = fonts[role]
        where = "fonts/" if fonts_dir.resolve() in font.file.resolve().parents else "system"
        out.info("print font for %s: %s (%s: %s%s)", ROLE_NAMES[role], font.name, where, font.file,
                 f"#{font.index}" if font.index else "")
        if font.substitute:
            out.warning("print font for %s: %s stands in for %s, which is not installed; put the licensed "
                        "font in the project's fonts/ folder or install it to print with it",
                        ROLE_NAMES[role], font.name, font.wanted)
    return fonts


def preflight(project: Project, overrides: Path, options: PrintOptions | None = None) -> PrintPlan:
    """Resolve fonts and check every issue's glyphs and references; raise SourceError listing
    every problem, before anything is rendered or written."""
    options = options or PrintOptions()
    cache = cache_dir(project.root, options.cache_dir)
    use_font_facts(cache / "fontinfo")         # the fonts' character maps and measures, kept
    whole = options.use_cache and options.only is None       # not the preview's partial preflights
    for store in KEPT:                  # Markdown's print HTML, each print HTML's texts by role
        store.use(cache if whole else None)
    start_reading()                     # the templates and series files are read again, once
    try:
        return _preflight(project, overrides, options)
    finally:
        for store in KEPT:
            store.save()


def _preflight(project: Project, overrides: Path, options: PrintOptions) -> PrintPlan:
    out = options.log
    root = project.root
    fonts = resolve_fonts(root, options)
    if not harfbuzz_subset_available():
        out.warning("libharfbuzz-subset0 is not installed: WeasyPrint falls back to fontTools to subset "
                    "fonts, which is many times slower; install it (apt-get install libharfbuzz-subset0)")
    ctx = _reading_context(root, overrides, fonts)
    chosen = []
    for issue in project.all_issues():
        if options.only is not None and issue.key not in options.only:
            continue
        kind = kind_of(issue)
        if kind.print_html is None:
            out.info("kind '%s' has no print: %s gets no PDF", kind.name, issue.rel)
            continue
        chosen.append(issue)
    for font in fonts.values():
        cmap(font)          # read here once, not in each process the issues are read in
    readings = forked_map(partial(_read_issue, ctx=ctx, fonts=fonts), chosen, _workers(options, len(chosen)), KEPT)
    problems: list[Problem] = []
    issues, spans, files, htmls = [], {}, {}, {}
    for issue, (html, issue_spans, issue_problems) in zip(chosen, readings):
        if html is not None:
            htmls[issue.key] = html     # read once: the build prints this (issue 13)
        problems += issue_problems
        issues.append(issue)
        spans[issue.key] = issue_spans
        files[issue.key] = list(issue.resources)   # checked when the sources were loaded
    from .volume import volume_texts     # the bound volumes' covers and contents (kinds with bound_volume)
    volumes = volume_texts(project, Publication(project)) if options.only is None else {}
    for key, volume_spans in volumes.items():
        problems += check_glyphs(volume_spans, fonts)
        spans[key] = volume_spans
    if problems:
        raise SourceError(problems)
    return PrintPlan(project, root, overrides, options, fonts, issues, spans, files, htmls=htmls)


def glyph_problems(project: Project, overrides: Path, options: PrintOptions) -> list[Problem]:
    """The preflight's glyph check alone, for `bulletin check`: the characters the print fonts lack,
    each at its line, as the build would refuse them. Only what holds a character one of the fonts
    lacks is read the way the build reads it (most archives hold none: one pass over the files)."""
    use_font_facts(cache_dir(project.root, options.cache_dir) / "fontinfo")
    fonts = resolve_fonts(project.root, options)
    ctx = _reading_context(project.root, overrides, fonts)
    everywhere = ctx.everywhere

    def lacking(*paths: Path) -> bool:
        text = "".join(path.read_text(encoding="utf-8", errors="replace") for path in paths)
        return any(not draws_nothing(ch) for ch in {ch for ch in set(text) if ord(ch) not in everywhere})

    shared = [project.bulletins_dir / "distribution.yml", *(s.path / "series.yml" for s in project.series.values())]
    every_issue = lacking(*(path for path in shared if path.is_file()))   # printed on every page they head
    problems: list[Problem] = []
    start_reading()
    for issue in project.all_issues():
        own = [issue.path] + ([a.path for a in issue.document.attachments if a.is_markdown]
                              if issue.document is not None else [])
        if kind_of(issue).print_html is not None and (every_issue or lacking(*own)):
            problems += _read_issue(issue, ctx, fonts)[2]
    from .volume import volume_texts
    for volume_spans in volume_texts(project, Publication(project)).values():
        problems += check_glyphs(volume_spans, fonts)
    return sorted(set(problems), key=lambda p: (str(p.path), p.line or 0, p.message))


def _reading_context(root: Path, overrides: Path, fonts: dict[str, ResolvedFont]) -> PrintContext:
    """The context the preflight reads issues in: the fonts' rules with a place left for the cut
    fonts' @font-face rules (FONT_FACES), every whole document it renders recorded."""
    return PrintContext(root, overrides, font_css=f"{FONT_FACES}\n{role_css(fonts)}", fonts=fonts, recorded=[],
                        everywhere=frozenset.intersection(*(cmap(font) for font in fonts.values())))


def _read_issue(issue: Issue, ctx: PrintContext, fonts: dict[str, ResolvedFont]) -> tuple:
    """What the preflight reads of one issue: its print HTML (when its kind renders exactly one, with
    the place for the fonts), its spans by font role, and the glyphs its fonts lack."""
    ctx.recorded.clear()
    issue_spans = (kind_of(issue).print_texts or default_texts)(issue, ctx)
    recorded = ctx.recorded
    html = recorded[0] if len(recorded) == 1 and recorded[0] is not None and recorded[0].count(FONT_FACES) == 1 else None
    return html, issue_spans, check_glyphs(issue_spans, fonts)


def family_name(font: ResolvedFont) -> str:
    """The @font-face family of a role's cut font, bulletin-<role>-<PostScript name>: the PDF's font
    names (pdffonts) then show which font printed each role."""
    return f"bulletin-{font.role}" + (f"-{font.psname}" if font.psname else "")


def role_css(fonts: dict[str, ResolvedFont], families: dict[str, tuple[str, str]] | None = None) -> str:
    """The --font-<role>/--weight-<role> variables, and the page numbers' font and distance: the
    dashes of "— N —" 7 mm under the type area (GB/T 9704 §7.5), measured on the page font's dash."""
    from .fonts import metrics
    families = families or {role: (f'"{family_name(font)}"', "normal") for role, font in fonts.items()}
    variables = " ".join(f"--font-{r}: {fam}; --weight-{r}: {w};" for r, (fam, w) in families.items())
    variables += " " + baseline_shifts(fonts)
    page = metrics(fonts["page"], "—")
    low, high = page.ink("—")
    drop = page.baseline(14, 14) - (low + high) / 2 * 14          # box top to the dash's stroke, pt
    family, weight = families["page"]
    box = f"font-family: {family}; font-weight: {weight}; padding-top: {7 * 72 / 25.4 - drop:.2f}pt;"
    return (f":root {{ {variables} }}\n@page :right {{ @bottom-right {{ {box} }} }}\n"
            f"@page :left {{ @bottom-left {{ {box} }} }}")


def baseline_shifts(fonts: dict[str, ResolvedFont]) -> str:
    """--shift-<role>: how far (in ems) a line set in the role's font must move down so that its
    baseline lies where the body font's would in a line box of the same height. A line box puts
    the baseline at half the leading plus the ascent, (height + (ascent - descent) × size) / 2, so
    fonts with other ascents (黑体, 楷体) would sit off the grid that the body text keeps; the print
    CSS moves those lines by this much (position: relative), which does not change the flow."""
    from .fonts import metrics
    body = metrics(fonts["body"])
    lift = lambda m: (m.ascent - m.descent) / 2          # noqa: E731 - baseline above the box's middle, ems
    return " ".join(f"--shift-{role}: {lift(body) - lift(metrics(font)):.4f}em;" for role, font in fonts.items())


def font_css(plan: PrintPlan, out: logging.Logger) -> tuple[str, list[Path]]:
    """CSS that gives each role its font: cut-down copies from the cache, or system fonts by name."""
    fonts = plan.fonts
    rules, roots = [], []
    families: dict[str, tuple[str, str]] = {}
    if plan.options.subset:
        characters = set(ASCII)
        for spans in plan.spans.values():      # read from each document's print HTML (print/texts.py)
            characters.update("".join(span.text for span in spans))
        used = set(map(ord, characters))
        font_dir = plan.cache_dir / "fonts"
        for role in ROLES:
            font = fonts[role]
            start = time.perf_counter()
            path, reused = subset_font(font, used & cmap(font), font_dir)
            plan.used_cache.add(path)
            out.info("font for %s: %s %s (%d KB) in %.2f s", role, "reused" if reused else "cut",
                     path.name, path.stat().st_size // 1024, time.perf_counter() - start)
            family = family_name(font)
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("{path.resolve().as_uri()}"); }}')
            families[role] = (f'"{family}"', "normal")
        roots.append(font_dir.resolve())
    else:
        for role in ROLES:
            families[role] = (f'"{fonts[role].family}"', str(fonts[role].weight))
    rules.append(role_css(fonts, families))
    return "\n".join(rules), roots


def weasyprint_version() -> str:
    """WeasyPrint's version as installed, read without importing it: the build's own process only keys,
    checks and waits, and importing WeasyPrint there cost ~0.45 s of CPU per build (the workers
    import it anyway). The same string as ``weasyprint.__version__``."""
    from importlib.metadata import version
    return version("weasyprint")


class _PdfCache:
    """Where a build's PDFs are cached (<cache>/pdf/<key>.pdf), and which issues are still being printed
    (a bound volume waits for them: it is bound from their PDFs, print/binding.py)."""

    def __init__(self, plan: PrintPlan):
        self.folder = plan.cache_dir / "pdf"
        self.use = plan.options.use_cache
        self._key = _Key(plan)
        self.rendering: set[str] = set()       # issues this build renders, until they are done
        # Each cached PDF's size and modification time when it was printed. Outputs are hard links to
        # the cache, so a published PDF changed in place (a tool writing into site/) would change the
        # cache too and be published again by every later build: a cached file that is no longer as
        # printed, or that no build printed, is printed again. A stat, not a hash: reuse stays cheap.
        self.index_path = self.folder / "index.json"
        self.index: dict[str, list[int]] = {}
        if self.use:
            try:
                loaded = json.loads(self.index_path.read_text(encoding="utf-8"))
                self.index = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                pass
        plan.used_cache.add(self.index_path)

    def key(self, html: str, base_url: str, files: list[Path]) -> str:
        return self._key(html, base_url, files)

    @property
    def places(self) -> list[tuple[str, str]]:
        """The folders the keys name by role (the cache's, the project's), not by where they are."""
        return self._key.places

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def holds(self, cached: Path) -> bool:
        stamp = _stamp(cached)
        return self.use and stamp is not None and self.index.get(cached.name) == stamp

    def record(self, paths) -> None:
        """Note the PDFs just printed into the cache as they are now, and keep the index."""
        if not self.use:
            return
        for path in paths:
            stamp = _stamp(path)
            if stamp is not None:
                self.index[path.name] = stamp
        present = {p.name for p in self.folder.glob("*.pdf")} if self.folder.is_dir() else set()
        self.index = {name: stamp for name, stamp in self.index.items() if name in present}
        try:
            write_atomic(self.index_path, json.dumps(self.index, sort_keys=True, separators=(",", ":")))
        except OSError:
            pass             # a read-only cache: the next build prints again what it cannot vouch for

    def expect(self, key: str) -> None:
        self.rendering.add(key)

    def missing(self, keys: list[str]) -> bool:
        return any(key in self.rendering for key in keys)

    def done(self, result: dict) -> None:
        """A rendered issue; a failed one keeps its volumes waiting (the build stops with its error)."""
        if "error" not in result:
            self.rendering.discard(result["key"])


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


class _Key:
    """Cache keys of one build's PDFs: everything that changes how a PDF looks.

    The cut fonts enter by the fonts they were cut from, not by their file names: the shared cut
    holds every character the archive uses, so a character new to the archive makes a new cut and
    new file names, but a document without that character prints exactly the same glyphs from
    either cut, and its cached PDF (which embeds its own glyphs) stays valid (issue 13: a new
    character re-renders only the documents that contain it).

    Paths enter relative to the project folder and the cache folder, as the PDFs themselves do
    (they are byte-identical from any folder): a project moved or copied with its cache keeps it."""

    def __init__(self, plan: PrintPlan):
        self.places = [(str(plan.cache_dir.resolve()), "<cache>"), (str(plan.root.resolve()), "<project>")]
        self.prefix = f"{RENDER_VERSION}\n{weasyprint_version()}\n{plan.options.subset}\n{plan.options.pdf_variant}\n"
        if plan.fonts and plan.options.subset:
            from .subset import SUBSET_VERSION
            self.prefix += f"{SUBSET_VERSION}\n" + "".join(f"{role}={self.portable(font.identity)}\n"
                                                           for role, font in sorted(plan.fonts.items()))
        self.cut_fonts = bool(plan.fonts and plan.options.subset)

    def portable(self, text: str) -> str:
        return portable(text, self.places)

    def __call__(self, html: str, base_url: str, files: list[Path]) -> str:
        digest = hashlib.sha256(f"{self.prefix}{self.portable(base_url)}\n".encode())
        if self.cut_fonts:
            html = cuts_unnamed(html)
        digest.update(self.portable(html).encode())
        for path in sorted(set(files)):
            digest.update(f"\n{self.portable(str(path))}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()[:32]


@dataclass
class PrintReport:
    rendered: list[str]
    reused: list[str]
    outputs: dict[str, Path]
    seconds: float
    cpu: dict[str, float] = field(default_factory=dict)   # each rendered document's CPU seconds in its worker
    pages: dict[str, int] = field(default_factory=dict)   # each rendered document's page count

    def page_counts(self) -> dict[Path, int]:
        """The page count of each output rendered this time, by its path (site/pages.py's facts)."""
        return {self.outputs[key]: count for key, count in self.pages.items() if key in self.outputs}


def _finished(results: list[dict], targets: dict) -> tuple[list[str], dict[str, float], dict[str, int]]:
    """The keys rendered, the CPU seconds and pages of each; every failed job as one problem line."""
    problems, rendered, cpu, pages = [], [], {}, {}
    for result in results:
        source = targets[result["key"]][2]
        if "error" in result:
            problems.append(Problem(getattr(source, "rel", source), None, result["error"]))
        else:
            rendered.append(result["key"])
            cpu[result["key"]] = result["cpu"]
            pages[result["key"]] = result["pages"]
    if problems:
        raise SourceError(problems)
    return rendered, cpu, pages


def build_pdfs(plan: PrintPlan, site_dir: Path, print_dir: Path) -> PrintReport:
    """Render every planned issue into site_dir (public) or print_dir (internal), then the bound volumes."""
    return start_pdfs(plan, site_dir, print_dir).finish()


class PdfRun:
    """PDFs being rendered (``start_pdfs``). With worker processes the rendering goes on in the
    background: a thread hands the jobs to the workers while the caller does its own work (MkDocs
    builds the web pages), so a cold build keeps every core busy instead of leaving the workers idle
    until the pages are done. ``finish`` waits for it, then places the PDFs and prunes the cache;
    ``cancel`` stops it (a build that failed meanwhile). With one worker the rendering waits for
    ``finish``: in this process, beside MkDocs, it would only take turns with it."""

    def __init__(self, render: Callable, finish: Callable[[list[dict]], PrintReport], background: bool):
        import threading
        self._render, self._finish = render, finish
        self._stop = threading.Event()
        self._results: list[dict] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bulletin-pdfs", daemon=True) if background else None
        if self._thread is not None:
            self._thread.start()

    def _run(self) -> None:
        try:
            self._results = self._render(self._stop)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread by finish()
            self._error = exc

    def finish(self) -> PrintReport:
        if self._thread is None:
            self._run()
        else:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._finish(self._results)

    def cancel(self) -> None:
        """Render nothing more (the documents being rendered finish, into the cache) and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def start_pdfs(plan: PrintPlan, site_dir: Path, print_dir: Path) -> PdfRun:
    """Start rendering every planned issue, then the bound volumes, into the cache (``PdfRun``); nothing
    is written to site_dir or print_dir until ``finish``."""
    start = time.perf_counter()
    out = plan.options.log
    css, font_roots = font_css(plan, out)
    ctx = PrintContext(plan.root, plan.overrides, font_css=css, cache_dir=plan.cache_dir, fonts=plan.fonts)
    publication = Publication(plan.project)
    folders = {"site": Path(site_dir), "print": Path(print_dir)}
    roots = [str(r) for r in [plan.project.bulletins_dir, *font_roots]]   # the sources and the cut fonts; nothing else
    cache = _PdfCache(plan)
    jobs, targets, reused = _issue_jobs(plan, ctx, cache, publication, folders, roots)
    for warning in ctx.warnings:
        out.warning(warning)
    from .volume import volume_jobs
    volumes = volume_jobs(plan.project, ctx, publication, plan.issues) if plan.options.only is None else []
    waiting, ready = [], []            # volumes wait until the issues they bind are rendered
    for job in volumes:
        targets[job["key"]] = (None, folders[job.pop("folder")] / job.pop("path"), job.pop("rel"))
        job.update(roots=roots, pdf_variant=plan.options.pdf_variant)
        (waiting if cache.missing(job["issues"]) else ready).append(job)

    fronts: list[str] = []             # each volume's cached front: front-<key of its template HTML>-*

    def keyed(job: dict) -> dict | None:
        """A volume with its issues' PDFs, which enter its key: the job to run, or None when cached."""
        pdfs = [targets[key][0] for key in job.pop("issues")]
        for bound, pdf in zip(job["bound"], pdfs):
            bound["pdf"] = str(pdf)
        cached = cache.path(cache.key(job["html"] + "".join(f"\n{pdf.name}" for pdf in pdfs), job["base_url"], []))
        targets[job["key"]] = (cached, *targets[job["key"]][1:])
        fronts.append(f"front-{cache.key(job['html'], job['base_url'], [])}")
        if cache.holds(cached):
            reused.append(job["key"])
            return None
        return {**job, "target": str(cached), "front": str(cache.folder / fronts[-1]) if cache.use else None,
                "places": cache.places}

    def follow(result: dict) -> list[dict]:
        """After each rendered document: start the volumes whose issues are now all printed."""
        cache.done(result)
        now = [job for job in waiting if not cache.missing(job["issues"])]
        for job in now:
            waiting.remove(job)
        return [j for j in map(keyed, now) if j]

    jobs += [job for job in map(keyed, ready) if job]
    total = len(jobs) + len(waiting)

    def finish(results: list[dict]) -> PrintReport:
        rendered, cpu, pages = _finished(results, targets)
        cache.record(targets[key][0] for key in rendered)
        outputs = {}
        for key, (cached, target, _) in targets.items():
            _place(cached, target)
            outputs[key] = target
        plan.used_cache |= {cached for cached, _, _ in targets.values()} | font_facts(plan.fonts.values())
        for front in fronts:        # kept while the volume's template is in use, even when the volume was
            plan.used_cache.update(cache.folder.glob(f"{front}-*.pdf"))    # reused: the next edit needs it
        # a partial print used only part of the cache: what it did not use may still be current
        removed, freed = prune_cache(plan.cache_dir, plan.used_cache) if plan.options.only is None else (0, 0)
        seconds = time.perf_counter() - start
        out.info("PDFs: %d rendered, %d unchanged (from the cache), in %.1f s%s", len(rendered), len(reused),
                 seconds, f"; {removed} unused cache files removed ({freed // 1024 // 1024} MB)" if removed else "")
        return PrintReport(sorted(rendered), sorted(reused), outputs, seconds, cpu, pages)
    return PdfRun(lambda stop: run_jobs(jobs, plan.options, follow, total=total, stop=stop), finish,
                  background=_workers(plan.options, total) > 1)


def print_to_cache(plan: PrintPlan, ctx: PrintContext, roots: list[str]) -> dict[str, Path]:
    """Print the plan's issues into the cache, reusing what it holds: issue key -> its PDF there
    (`bulletin volume` binds them into a volume; nothing is placed or pruned)."""
    cache = _PdfCache(plan)
    nowhere = {"site": Path(os.devnull), "print": Path(os.devnull)}
    jobs, targets, _ = _issue_jobs(plan, ctx, cache, Publication(plan.project), nowhere, roots)
    rendered, _, _ = _finished(run_jobs(jobs, plan.options), targets)
    cache.record(targets[key][0] for key in rendered)
    return {key: cached for key, (cached, _, _) in targets.items()}


def _issue_jobs(plan: PrintPlan, ctx: PrintContext, cache: _PdfCache, publication: Publication,
                folders: dict[str, Path], roots: list[str]) -> tuple[list[dict], dict, list[str]]:
    """The planned issues to render (jobs), where each one's PDF goes (targets) and those the cache holds."""
    jobs, targets, reused = [], {}, []
    faces = _font_faces(plan, ctx.font_css)
    for issue in plan.issues:
        html, merges = issue_html(plan, issue, ctx, faces)
        base_url = issue.path.resolve().as_uri()
        merged_files = sorted({Path(path) for path, _ in merges.values()})
        plan.used_cache.update(merged_files)
        cached = cache.path(cache.key(html, base_url, plan.files.get(issue.key, []) + merged_files))
        folder, path = publication.pdf_path(issue)   # public beside its page, internal in print/ only
        targets[issue.key] = (cached, folders[folder] / path, issue)
        if cache.holds(cached):
            reused.append(issue.key)
            continue
        cache.expect(issue.key)
        jobs.append({"key": issue.key, "html": html, "base_url": base_url, "target": str(cached),
                     "roots": roots, "merges": merges, "pdf_variant": plan.options.pdf_variant})
    return jobs, targets, reused


def _font_faces(plan: PrintPlan, css: str) -> str | None:
    """The @font-face part of the build's font CSS, when the rest is what the preflight read with."""
    role = role_css(plan.fonts)
    return css[:-len(role) - 1] if plan.options.subset and css.endswith("\n" + role) else None


def issue_html(plan: PrintPlan, issue: Issue, ctx: PrintContext, faces: str | None) -> tuple[str, dict]:
    """An issue's print HTML and the attachment pages it draws in place (print/attachments.py): the
    preflight's reading with the cut fonts put in, or, for a document that prints attachment files
    (or without cut fonts), rendered anew. Either way the same HTML as rendering it with ``ctx``."""
    read = plan.htmls.pop(issue.key, None)
    if read is not None and faces is not None:
        return read.replace(FONT_FACES, faces, 1), {}
    ctx.merges.clear()
    html = kind_of(issue).print_html(issue, ctx)
    return html, dict(ctx.merges)


def _place(cached: Path, target: Path) -> None:
    """Put a cached PDF at its output path: a hard link (cache files are never changed in place, a new
    version is a new file), or a copy across file systems."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)
    os.chmod(target, 0o666 & ~current_umask())   # a cached file may come from a build with another umask


def _workers(options: PrintOptions, total: int) -> int:
    return max(1, min(options.workers or os.cpu_count() or 1, total))


def run_jobs(jobs: list[dict], options: PrintOptions, follow: Callable[[dict], list[dict]] | None = None,
             total: int | None = None, stop=None) -> list[dict]:
    """Render jobs, in worker processes when there is more than one job and more than one CPU.
    ``follow(result)``, called in this process as each job finishes, may return more jobs for the same
    workers (a bound volume once its issues are done); ``total`` counts them for the progress bar.
    ``stop`` (a threading.Event), once set, starts no more jobs: the results so far are returned."""
    from ..progress import progress
    from . import worker
    if not jobs:
        return []
    follow = follow or (lambda result: [])
    total = total or len(jobs)
    workers = _workers(options, total)
    stopped = stop.is_set if stop is not None else (lambda: False)
    label = lambda result: result["key"]  # noqa: E731
    if workers == 1:
        worker.init_worker()

        def in_turn():
            queue = list(jobs)
            while queue and not stopped():
                result = worker.render_pdf(queue.pop(0))
                queue += follow(result)
                yield result
        return list(progress(in_turn(), "PDF", total, label))
    # concurrent.futures, not multiprocessing.Pool: a worker that dies or fails to start (a missing
    # module, a crash in a font library) breaks the executor with an error, where a Pool would
    # start a new worker forever and the build would hang.
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool
    context, stop_server = _worker_context()
    try:
        # No max_tasks_per_child: on Python 3.11 a worker leaving after its quota is not replaced, and
        # once all have left the build waits forever (seen at 81 documents on 2 cores). A worker's
        # memory stays flat (181 MB over 160 documents), so nothing needs recycling.
        with ProcessPoolExecutor(workers, mp_context=context, initializer=worker.init_pool_worker) as pool:
            def as_finished():
                pending = {pool.submit(worker.render_pdf, job) for job in jobs}
                while pending:
                    if stopped():
                        for future in pending:
                            future.cancel()         # those not started; the pool waits for the rest
                        return
                    # a timeout, so that a stop is seen within a second even during a long document
                    done, pending = wait(pending, timeout=1, return_when=FIRST_COMPLETED)
                    for future in done:
                        result = future.result()
                        pending |= {pool.submit(worker.render_pdf, job) for job in follow(result)}
                        yield result
            return list(progress(as_finished(), "PDF", total, label))
    except BrokenProcessPool as exc:
        raise SourceError([Problem("print", None, f"a PDF worker process stopped ({exc}); expected the "
                                   "workers to start and render (the worker's own error is printed above)")]) from None
    finally:
        stop_server()


def _worker_context():
    """How the workers start, and what stops their server once the build's workers are done.

    Forked from a fork server that has imported WeasyPrint once (print/forkserver.py), where there is
    one: spawned, each worker would import it again. Forking this process instead is not safe: it
    runs threads (this build's own, MkDocs'). The server lives as long as this build's workers: one
    left running would hold WeasyPrint's memory and the environment of the first build of a long
    process (`bulletin serve`, the tests) for later ones, and its CPU time would never be counted
    as the build's (a child's time is counted when it is waited for)."""
    from multiprocessing import forkserver
    server = getattr(forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)          # private, but in every Python from 3.8 to 3.13
    if "forkserver" not in multiprocessing.get_all_start_methods() or stop is None:
        return multiprocessing.get_context("spawn"), lambda: None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bulletin.print.forkserver"])
    return context, stop
