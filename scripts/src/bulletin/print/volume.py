"""The annual bound volume (合订本) of a bulletin series: one PDF with a cover, a 目录 of every issue
and article with page numbers, then every issue of the year as printed (masthead, articles, 版记),
each from a right-hand page, with continuous page numbers and bookmarks per issue and article.

This module makes the front (overrides/print/volume.html: cover, 目录, and a last page with the
anchors the 目录 links to); print/binding.py then binds the issues' own PDFs after it, so no issue is
laid out twice; the 目录's page numbers are worked out before the layout (print/volume_numbers.py). It
reuses the print pipeline: the font roles, the glyph and reference preflight, the cached font
subsets and the restrictive fetcher. Internal issues are left out unless asked for, and then the
volume may not be written under site/.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Problem, SourceError
from ..sources.loader import load_project
from ..model import Issue, Project, Series
from ..model.publication import Publication
from .bulletin_html import masthead_size
from .context import PrintContext
from .pipeline import PrintOptions, check_glyphs, font_css, preflight, print_to_cache
from .texts import Span, template_spans
from .volume_numbers import TEMPLATE
STYLESHEETS = ("print/bulletin.css", "print/volume.css")
# Fixed words of overrides/print/volume.html, by role (the glyph check and the font subsets read them).
VOLUME_TEMPLATE_TEXT = {
    "title": "年合订本目录0123456789",
    "heading": "第期总（）0123456789",          # and the 目录 page numbers of issue lines
    "body": "第期总增刊（）—年月日0123456789.",
}

log = logging.getLogger("bulletin.volume")


@dataclass
class VolumeReport:
    path: Path
    issues: list[Issue]
    articles: int


def issue_label(issue: Issue) -> str:
    """The bookmark and 目录 line of an issue: 第3期（总第26期）."""
    return issue.number_text + (f"（{issue.total_text}）" if issue.total_text else "")


def default_output(root: Path, series: str, year: int, include_internal: bool) -> Path:
    name = f"{year}-volume-internal.pdf" if include_internal else f"{year}-volume.pdf"
    return root / "print" / series / name


def select_issues(project: Project, series_slug: str, year: int, include_internal: bool) -> tuple[Series, list[Issue]]:
    """The series and its issues of ``year`` in order (supplements after the regular issues)."""
    series = project.series.get(series_slug)
    if series is None:
        known = ", ".join(sorted(project.series)) or "(none)"
        raise SourceError([Problem(f"bulletins/{series_slug}", None,
                                   f"unknown series '{series_slug}'; expected one of: {known}")])
    rel = f"bulletins/{series_slug}/series.yml"
    if series.kind != "bulletin":
        raise SourceError([Problem(rel, None, f"series '{series_slug}' is of kind '{series.kind}'; "
                                              "expected a bulletin series (kind: bulletin) for a bound volume")])
    in_year = [i for i in series.issues if i.year == year]
    publication = Publication(project)
    chosen = [i for i in in_year if include_internal or publication.is_public(i)]
    if not chosen:
        years = sorted({i.year for i in series.issues})
        what = "issues" if include_internal else "public issues"
        hint = f" ({len(in_year)} internal; add --include-internal)" if in_year else ""
        raise SourceError([Problem(f"bulletins/{series_slug}/{year}", None,
                                   f"no {what} of {series_slug} in {year}{hint}; expected a year with issues: "
                                   + (", ".join(map(str, years)) or "the series has none yet"))])
    chosen.sort(key=lambda i: (i.spec.supplement, i.number))
    return series, chosen


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(root: Path, out: Path, include_internal: bool, title: str = "",
                 sources: tuple[Path, ...] = ()) -> Path:
    """Where the volume may go: a .pdf path outside the project's sources and hidden folders, not over
    a file this command did not write (an existing PDF is replaced only when it is a volume of the same
    title, the one written before), and with internal issues in it not inside a website (the project's
    site/, or any folder a build wrote as its site)."""
    out = (out if out.is_absolute() else Path.cwd() / out).resolve()
    if out.suffix.lower() != ".pdf":
        raise SourceError([Problem(str(out), None, "the output is not a .pdf file; expected a path such as "
                                                   "print/szzw/2026-volume.pdf")])
    if out.is_dir():
        raise SourceError([Problem(str(out), None, "the output is a folder; expected a .pdf file path")])
    for source in (root / "bulletins", root / "docs", root / "overrides", *sources):
        if _inside(out, source.resolve()):
            raise SourceError([Problem(str(out), None, f"the output is inside the sources ({source.name}/); "
                                                       "expected a path under print/ or outside the project")])
    if _inside(out, root) and any(part.startswith(".") for part in out.relative_to(root).parts[:-1]):
        raise SourceError([Problem(str(out), None, "the output is inside a hidden folder of the project (such "
                                                   "as .git or .cache); expected a path under print/")])
    if include_internal and (_inside(out, (root / "site").resolve()) or _in_a_site(out)):
        raise SourceError([Problem(str(out), None, "a volume with internal issues may not be written under "
                                                   "site/ (it is published); expected a path under print/")])
    if out.exists() and not _same_volume(out, title):
        raise SourceError([Problem(str(out), None, "the output exists and is not this volume written before; "
                                                   "expected a new file name (nothing is overwritten that "
                                                   "`bulletin volume` did not write)")])
    return out


def _in_a_site(out: Path) -> bool:
    """Whether a folder above ``out`` is a website a build wrote (its output marker says "site")."""
    from ..mkdocs.outputs import written_by_build
    return any(written_by_build(folder, "site") for folder in out.parents)


def _same_volume(path: Path, title: str) -> bool:
    """A PDF whose title is the volume's: `bulletin volume` wrote it for the same series and year."""
    import pikepdf
    try:
        with pikepdf.open(path) as pdf:
            return bool(title) and str(pdf.docinfo.get("/Title", "")) == title
    except (pikepdf.PdfError, OSError, ValueError):
        return False


def volume_spans(series: Series, issues: list[Issue], root: Path) -> list[Span]:
    """What the cover and the 目录 print beyond the issues themselves, by role."""
    rel = f"bulletins/{series.slug}/series.yml"
    spans = [Span(rel, None, "title", series.title), Span(rel, None, "body", series.office)]
    for issue in issues:
        spans.append(Span(issue.rel, None, "heading", issue_label(issue)))
        spans.append(Span(issue.rel, None, "body", issue.date_text))
        spans += [Span(issue.rel, s.line, "body", s.title) for s in issue.sections]
    return spans + template_spans("overrides/" + TEMPLATE, VOLUME_TEMPLATE_TEXT)


def _range_text(issues: list[Issue]) -> str:
    regular = [i for i in issues if not i.spec.supplement]
    if not regular:
        return f"共{len(issues)}期"
    first, last = regular[0], regular[-1]
    text = first.number_text if first is last else f"{first.number_text}—{last.number_text}"
    if first.total_text and last.total_text:
        text += f"（{first.total_text}）" if first is last else f"（{first.total_text}—{last.total_text}）"
    supplements = len(issues) - len(regular)
    return text + (f"，增刊{supplements}期" if supplements else "")


def build_volume(root: Path, series_slug: str, year: int, *, include_internal: bool = False,
                 out: Path | None = None, options: PrintOptions | None = None) -> VolumeReport:
    """Check everything, then write the volume PDF atomically; raise SourceError (nothing written)."""
    root = root.resolve()
    options = options or PrintOptions(log=log)
    project = load_project(root)
    series, issues = select_issues(project, series_slug, year, include_internal)
    target = check_output(root, out or default_output(root, series_slug, year, include_internal), include_internal,
                          volume_title(series, year), (project.bulletins_dir,))
    overrides = root / "overrides"
    # Preflight only the issues that go into the volume: fonts, glyphs, references (issue 3's checks).
    only = Project(project.root, project.bulletins_dir, project.addressbook,
                   {series.slug: replace(series, issues=issues)})
    plan = preflight(only, overrides, options)
    extra = volume_spans(series, issues, root)
    problems = check_glyphs(extra, plan.fonts)
    if problems:
        raise SourceError(problems)
    plan.spans["volume"] = extra
    css, font_roots = font_css(plan, options.log)
    ctx = PrintContext(root, overrides, font_css=css, cache_dir=plan.cache_dir, fonts=plan.fonts)
    roots = [str(project.bulletins_dir), *map(str, font_roots)]
    pdfs = print_to_cache(plan, ctx, roots)        # the issues as printed alone, bound below
    from .worker import init_worker, render_pdf
    init_worker()
    result = render_pdf({"key": "volume", "html": volume_html(series, year, issues, ctx),
                         "base_url": issues[0].path.resolve().as_uri(), "target": str(target), "roots": roots,
                         "pdf_variant": options.pdf_variant, "bound": bound_issues(issues, [pdfs[i.key] for i in issues])})
    if "error" in result:
        raise SourceError([Problem(f"bulletins/{series_slug}/{year}", None, result["error"])])
    return VolumeReport(target, issues, sum(len(i.sections) for i in issues))


def volume_html(series: Series, year: int, issues: list[Issue], ctx: PrintContext) -> str:
    """The print HTML of a volume's front (overrides/print/volume.html): cover, 目录, and where the
    anchors its links point to go (volume_numbers.fill_anchors, once the issues are printed)."""
    items = [{"id": f"i{issue.slug}", "label": issue_label(issue), "date_text": issue.date_text,
              "sections": [{"anchor": f"i{issue.slug}-{s.anchor}", "title": s.title} for s in issue.sections]}
             for issue in issues]
    last = max(issues, key=lambda i: i.date)
    return ctx.render(TEMPLATE, series=series, year=year, issues=items, title=volume_title(series, year),
                      range_text=_range_text(issues), masthead_size=masthead_size(series.title),
                      created=f"{last.date.isoformat()}T00:00:00+08:00", font_css=ctx.font_css,
                      css="\n".join(ctx.stylesheet(name) for name in STYLESHEETS))


def volume_title(series: Series, year: int) -> str:
    return f"{series.title} {year}年合订本"


def bound_issues(issues: list[Issue], pdfs: list[Path]) -> list[dict]:
    """What binding needs of each issue (print/binding.py): its printed PDF, anchor prefix and bookmark."""
    return [{"pdf": str(pdf), "prefix": f"i{issue.slug}-", "label": issue_label(issue)}
            for issue, pdf in zip(issues, pdfs)]


def _bound(project: Project, publication: Publication):
    from ..kinds import KINDS
    for series in project.series.values():
        if KINDS[series.kind].bound_volume:
            for year, folder, path, issues in publication.volumes(series):
                yield series, year, folder, path, issues


def volume_texts(project: Project, publication: Publication) -> dict[str, list[Span]]:
    """What each volume of the build adds to the print beyond its issues (cover, 目录), for the preflight."""
    return {f"volume:{folder}:{path}": volume_spans(series, issues, project.root)
            for series, year, folder, path, issues in _bound(project, publication)}


def volume_jobs(project: Project, ctx: PrintContext, publication: Publication, planned: list[Issue]) -> list[dict]:
    """The volumes a build prints, as print jobs: key, front html, base URL, the folder and path they go
    to, and the issues they bind (their PDFs are known once printed). Only volumes whose issues are
    all ``planned`` (a partial print plan makes no partial volumes)."""
    planned_keys = {i.key for i in planned}
    return [{"key": f"volume:{folder}:{path}", "folder": folder, "path": path, "rel": f"bulletins/{series.slug}/{year}",
             "html": volume_html(series, year, issues, ctx), "base_url": issues[0].path.resolve().as_uri(),
             "issues": [i.key for i in issues], "bound": bound_issues(issues, [Path()] * len(issues))}
            for series, year, folder, path, issues in _bound(project, publication)
            if all(i.key in planned_keys for i in issues)]
