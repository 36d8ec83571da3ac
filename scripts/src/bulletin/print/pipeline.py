"""One PDF per issue: preflight (fonts, glyphs, references) before anything is written, then
fonts cut once per build, issues rendered in parallel, unchanged issues taken from the cache.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import Problem, SourceError
from ..kinds import kind_of
from ..model import Issue, Project
from ..model.publication import Publication
from ..atomic import current_umask
from .cache import prune as prune_cache
from .context import PrintContext
from .fonts import ROLE_NAMES, ROLES, FontError, ResolvedFont, cmap, resolve_roles
from .subset import harfbuzz_subset_available, subset_font
from .texts import Span, markdown_spans

RENDER_VERSION = "1"   # bump when the pipeline changes what a PDF looks like
ASCII = "".join(chr(c) for c in range(0x20, 0x7F))

log = logging.getLogger("bulletin.print")


@dataclass
class PrintOptions:
    fonts: dict | None = None        # role → font name or list of names (mkdocs.yml: bulletin → fonts)
    workers: int = 0                 # 0: one per CPU
    cache_dir: Path | None = None    # default <root>/.cache/bulletin (or $BULLETIN_CACHE_DIR)
    subset: bool = True              # False: plain WeasyPrint with the system fonts by family name
    use_cache: bool = True           # reuse PDFs whose inputs did not change
    maxtasksperchild: int = 40
    log: logging.Logger = field(default_factory=lambda: log)


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

    @property
    def cache_dir(self) -> Path:
        if self.options.cache_dir:
            return Path(self.options.cache_dir)
        env = os.environ.get("BULLETIN_CACHE_DIR")
        return Path(env) if env else self.root / ".cache" / "bulletin"


def default_texts(issue: Issue, ctx: PrintContext) -> list[Span]:
    spans = markdown_spans(issue.rel, issue.body, issue.body_line, "body")
    if issue.spec.title:
        spans.append(Span(issue.rel, 1, "title", issue.spec.title))
    return spans


def check_glyphs(spans: list[Span], fonts: dict[str, ResolvedFont]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for span in spans:
        font = fonts[span.role]
        have = cmap(font)
        for ch in span.text:
            code = ord(ch)
            if code < 0x20 or ch.isspace() or code in have or 0xFE00 <= code <= 0xFE0F:
                continue
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


def preflight(project: Project, overrides: Path, options: PrintOptions | None = None) -> PrintPlan:
    """Resolve fonts and check every issue's glyphs and references; raise SourceError listing
    every problem, before anything is rendered or written."""
    options = options or PrintOptions()
    out = options.log
    root = project.root
    try:
        fonts = resolve_roles(options.fonts)
    except FontError as exc:
        raise SourceError([Problem("mkdocs.yml", None, line) for line in str(exc).split("\n")]) from None
    for role in ROLES:
        font = fonts[role]
        out.info("print font for %s: %s (%s%s)", ROLE_NAMES[role], font.name, font.file,
                 f"#{font.index}" if font.index else "")
    if not harfbuzz_subset_available():
        out.warning("libharfbuzz-subset0 is not installed: WeasyPrint falls back to fontTools to subset "
                    "fonts, which is many times slower; install it (apt-get install libharfbuzz-subset0)")
    ctx = PrintContext(root, overrides)
    problems: list[Problem] = []
    issues, spans, files = [], {}, {}
    for issue in project.all_issues():
        kind = kind_of(issue)
        if kind.print_html is None:
            out.info("kind '%s' has no print: %s gets no PDF", kind.name, issue.rel)
            continue
        used = list(issue.resources)   # checked when the sources were loaded
        issue_spans = (kind.print_texts or default_texts)(issue, ctx)
        problems += check_glyphs(issue_spans, fonts)
        issues.append(issue)
        spans[issue.key] = issue_spans
        files[issue.key] = used
    from .volume import volume_texts     # the bound volumes' covers and contents (kinds with bound_volume)
    for key, volume_spans in volume_texts(project, Publication(project)).items():
        problems += check_glyphs(volume_spans, fonts)
        spans[key] = volume_spans
    if problems:
        raise SourceError(problems)
    return PrintPlan(project, root, overrides, options, fonts, issues, spans, files)


def font_css(plan: PrintPlan, out: logging.Logger) -> tuple[str, list[Path]]:
    """CSS that gives each role its font: cut-down copies from the cache, or system fonts by name."""
    fonts = plan.fonts
    rules, roots = [], []
    families: dict[str, tuple[str, str]] = {}
    if plan.options.subset:
        used: set[int] = {ord(c) for c in ASCII}
        for spans in plan.spans.values():
            for span in spans:
                used.update(ord(c) for c in span.text)
        from .texts import BULLETIN_TEMPLATE_TEXT
        used.update(ord(c) for text in BULLETIN_TEMPLATE_TEXT.values() for c in text)
        used.update(ord(c) for c in "—")
        font_dir = plan.cache_dir / "fonts"
        for role in ROLES:
            font = fonts[role]
            start = time.perf_counter()
            path, reused = subset_font(font, used & cmap(font), font_dir)
            plan.used_cache.add(path)
            out.info("font for %s: %s %s (%d KB) in %.2f s", role, "reused" if reused else "cut",
                     path.name, path.stat().st_size // 1024, time.perf_counter() - start)
            family = f"bulletin-{role}"
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("{path.resolve().as_uri()}"); }}')
            families[role] = (f'"{family}"', "normal")
        roots.append(font_dir.resolve())
    else:
        for role in ROLES:
            families[role] = (f'"{fonts[role].family}"', str(fonts[role].weight))
    variables = " ".join(f"--font-{r}: {fam}; --weight-{r}: {w};" for r, (fam, w) in families.items())
    rules.append(f":root {{ {variables} }}")
    body, weight = families["body"]
    rules.append("@page { " + " ".join(
        f"@{box} {{ font-family: {body}; font-weight: {weight}; }}" for box in ("bottom-left", "bottom-right"))
        + " }")
    return "\n".join(rules), roots


def _input_hash(issue_html: str, base_url: str, files: list[Path], subset: bool) -> str:
    import weasyprint
    digest = hashlib.sha256()
    digest.update(f"{RENDER_VERSION}\n{weasyprint.__version__}\n{subset}\n{base_url}\n".encode())
    digest.update(issue_html.encode())
    for path in sorted(set(files)):
        digest.update(f"\n{path}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


@dataclass
class PrintReport:
    rendered: list[str]
    reused: list[str]
    outputs: dict[str, Path]
    seconds: float
    render_seconds: float = 0.0


def build_pdfs(plan: PrintPlan, site_dir: Path, print_dir: Path) -> PrintReport:
    """Render every planned issue into site_dir (public) or print_dir (internal)."""
    start = time.perf_counter()
    out = plan.options.log
    css, font_roots = font_css(plan, out)
    ctx = PrintContext(plan.root, plan.overrides, font_css=css, cache_dir=plan.cache_dir)
    publication = Publication(plan.project)
    folders = {"site": Path(site_dir), "print": Path(print_dir)}
    pdf_cache = plan.cache_dir / "pdf"
    roots = [plan.project.bulletins_dir, *font_roots]   # the sources and the cut fonts; nothing else
    jobs, targets, rendered, reused = [], {}, [], []
    for issue in plan.issues:
        ctx.merges.clear()
        html = kind_of(issue).print_html(issue, ctx)
        merges = dict(ctx.merges)           # attachment files printed in place (print/attachments.py)
        base_url = issue.path.resolve().as_uri()
        merged_files = sorted({Path(path) for path, _ in merges.values()})
        plan.used_cache.update(merged_files)
        key = _input_hash(html, base_url, plan.files.get(issue.key, []) + merged_files, plan.options.subset)
        cached = pdf_cache / f"{key}.pdf"
        folder, path = publication.pdf_path(issue)   # public beside its page, internal in print/ only
        targets[issue.key] = (cached, folders[folder] / path, issue)
        if plan.options.use_cache and cached.is_file():
            reused.append(issue.key)
            continue
        jobs.append({"key": issue.key, "html": html, "base_url": base_url, "target": str(cached),
                     "roots": [str(r) for r in roots], "merges": merges})
    for warning in ctx.warnings:
        out.warning(warning)
    from .volume import volume_jobs
    for job in volume_jobs(plan.project, ctx, publication, plan.issues):
        key = _input_hash(job["html"], job["base_url"], [], plan.options.subset)
        cached = pdf_cache / f"{key}.pdf"
        targets[job["key"]] = (cached, folders[job.pop("folder")] / job.pop("path"), job.pop("rel"))
        if plan.options.use_cache and cached.is_file():
            reused.append(job["key"])
            continue
        jobs.append({**job, "target": str(cached), "roots": [str(r) for r in roots]})
    results = run_jobs(jobs, plan.options)
    problems = []
    render_seconds = 0.0
    for result in results:
        source = targets[result["key"]][2]
        if "error" in result:
            problems.append(Problem(getattr(source, "rel", source), None, result["error"]))
        else:
            rendered.append(result["key"])
            render_seconds += result["seconds"]
    if problems:
        raise SourceError(problems)
    outputs = {}
    for key, (cached, target, _) in targets.items():
        _place(cached, target)
        outputs[key] = target
    plan.used_cache |= {cached for cached, _, _ in targets.values()}
    removed, freed = prune_cache(plan.cache_dir, plan.used_cache)
    seconds = time.perf_counter() - start
    out.info("PDFs: %d rendered, %d unchanged (from the cache), in %.1f s%s", len(rendered), len(reused), seconds,
             f"; {removed} unused cache files removed ({freed // 1024 // 1024} MB)" if removed else "")
    return PrintReport(sorted(rendered), sorted(reused), outputs, seconds, render_seconds)


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


def run_jobs(jobs: list[dict], options: PrintOptions) -> list[dict]:
    """Render jobs, in worker processes when there is more than one job and more than one CPU."""
    from ..progress import progress
    from . import worker
    workers = options.workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(jobs)))
    label = lambda result: result["key"]  # noqa: E731
    if workers == 1:
        worker.init_worker()
        return list(progress((worker.render_pdf(job) for job in jobs), "PDF", len(jobs), label))
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=worker.init_worker,
                      maxtasksperchild=options.maxtasksperchild) as pool:
        return list(progress(pool.imap_unordered(worker.render_pdf, jobs, chunksize=1), "PDF", len(jobs), label))
