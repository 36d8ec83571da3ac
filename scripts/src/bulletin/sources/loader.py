"""Loading and validating every source under bulletins/ into the model: the strict mode of reading.

Files are read by scan.py, as the editorial commands read them; this module adds the rules a
publication must meet. All problems of a run are collected and raised together as one SourceError,
each ``path:line: what is wrong; what was expected``.
"""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import addressbook, scan, schema, yamlsrc
from ..errors import Collector
from ..kinds import KINDS
from ..model import Issue, Project, Series
from ..model.markdown import split_sections
from .nesting import nesting_problems
from ..model.publication import Publication
from .references import check_references, references
from .textfile import read_text

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_project(root: Path, bulletins: str = "bulletins", previous: Project | None = None) -> Project:
    """Every source, validated. ``previous``: the project as the last load of the same sources left it
    (`bulletin serve`); its issues whose file, series.yml and address book are unchanged since are
    taken over instead of read again, see ``_unchanged``."""
    root = root.resolve()
    base = root / bulletins
    errors = Collector()
    rel = lambda p: p.relative_to(root).as_posix()  # noqa: E731
    book_stamp = stamp(base / "distribution.yml")   # before reading: a later write shows next time
    book = addressbook.load_address_book(base / "distribution.yml", rel(base / "distribution.yml"), errors)
    project = Project(root, base, book, {}, stamps={base / "distribution.yml": book_stamp})
    reusable = _reusable(previous, project)
    if not base.is_dir():
        errors.add(bulletins, None, "the sources folder is missing; expected one folder per series in it")
        errors.raise_if_any()
    folders = scan.series_folders(base, with_series_yml=False)
    known = [f.name for f in folders if (f / "series.yml").is_file()]
    for folder in folders:
        series_file = folder / "series.yml"
        issue_files = scan.issue_files(folder, readable_only=False)
        if not series_file.is_file():
            if issue_files:
                errors.add(rel(issue_files[0]), 1,
                           f"unknown series '{folder.name}': there is no {rel(series_file)}; expected one of: "
                           + ", ".join(known))
            continue
        project.stamps[series_file] = stamp(series_file)   # before reading: a later write shows next time
        series = _load_series(folder, rel(series_file), errors)
        if series is None:
            continue
        project.series[series.slug] = series
        for path in issue_files:
            issue = _unchanged(reusable, series, path, project, errors) or _load_issue(series, path, rel(path), book, errors)
            if issue is not None:
                series.issues.append(issue)
        _check_numbers(series, errors)
        series.issues.sort(key=lambda i: (i.year, i.spec.supplement, i.number))
    _check_internal_files_shown(project, errors)
    _check_stray_markdown(project, errors)
    errors.raise_if_any()
    return project


def _check_stray_markdown(project: Project, errors: Collector) -> None:
    """A Markdown file under a series' year folders that is no issue (NNN.md, zkNNN.md) and no
    attachment an issue names was left out without a word: abc.md holding a whole issue was never
    published, and `bulletin new` then made a second 第1期. Each is one problem; looked for only when
    everything else loaded (an issue that failed leaves its attachments unnamed, not stray)."""
    if errors.problems:
        return
    others = [(series, path) for series in project.series.values() for path in sorted(series.path.glob("*/**/*.md"))
              if not (scan.ISSUE_FILE.match(path.name) and path.parent.parent == series.path)]   # issues: read above
    if not others:      # (resolving every issue's path for nothing took 4,000 system calls at 500 issues)
        return
    used = {issue.path.resolve() for issue in project.all_issues()}
    used |= {a.path.resolve() for issue in project.all_issues() if issue.document is not None
             for a in issue.document.attachments if a.is_markdown}
    for series, path in others:
        if path.resolve() not in used:
            errors.add(path.relative_to(project.root).as_posix(), None,
                       f"a Markdown file that is no issue and no attachment of one; expected an issue named NNN.md "
                       f"(such as 003.md) in {series.slug}/<year>/, a Markdown attachment an issue names, or the "
                       "file moved out of bulletins/")


def _check_internal_files_shown(project: Project, errors: Collector) -> None:
    """A public issue may not show a picture or file kept in an internal series' folder: its page
    would publish it. Reported at the line that names it."""
    publication = Publication(project)
    for issue in project.all_issues():
        shown = set(publication.internal_files_shown(issue))
        if not shown:
            continue
        places = {(issue.path.parent / unquote(urlsplit(url).path)).resolve(): (line, url)
                  for line, url in reversed(references(issue.body, issue.body_line))}
        for target in sorted(shown):    # a notice's attachment files name theirs in their own text
            line, url = places.get(target, (None, target.relative_to(project.root).as_posix()))
            series = next(s for s in project.series.values() if s.path in target.parents)
            errors.add(issue.rel, line, f"'{url}' is kept in the internal series {series.slug}/ and this issue "
                                        "is public: its page would publish it; expected a copy in a public "
                                        "series' folder, if it may be published")


def stamp(path: Path) -> tuple | None:
    """What changes whenever a file is written, replaced or removed: inode, size and times (ns)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _reusable(previous: Project | None, project: Project) -> tuple[dict[Path, Issue], dict[Path, tuple]]:
    """The previous load's issues by file, and its stamps; nothing if the address book changed since."""
    book = project.bulletins_dir / "distribution.yml"
    if previous is None or previous.root != project.root or previous.stamps.get(book) is None \
            or previous.stamps[book] != project.stamps[book]:
        return {}, {}
    return {issue.path: issue for issue in previous.all_issues()}, previous.stamps


def _unchanged(reusable: tuple[dict[Path, Issue], dict[Path, tuple]], series: Series, path: Path,
               project: Project, errors: Collector) -> Issue | None:
    """The previous load's issue for ``path`` when neither its file nor its series.yml changed since
    (compared by stamp: a preview is edited by hand, not twice in the same millisecond), and when what
    it was made from is only those (notices, plans and reports also read their attachment files, so
    they are read again). What depends on other files is checked again: resources, import leftovers."""
    issues, stamps = reusable
    old = issues.get(path)
    series_file = series.path / "series.yml"
    if old is None or old.document is not None or old.stamp is None or old.stamp != stamp(path) \
            or stamps.get(series_file) is None or stamps[series_file] != project.stamps[series_file]:
        return None
    issue = dataclasses.replace(old, series=series, resources=[])
    _check_import_leftovers(path, issue.rel, errors)
    _check_resources(issue, errors)
    _check_nesting(issue, errors)
    return issue


def _load_series(folder: Path, rel: str, errors: Collector) -> Series | None:
    if not SLUG.match(folder.name):
        errors.add(rel, None, f"series folder name '{folder.name}' is not a URL slug; "
                              "expected lower-case ASCII letters, digits and hyphens, such as 'szzw'")
        return None
    text = read_text(folder / "series.yml", errors, rel, inside=folder.parent)
    doc = yamlsrc.parse_reported(text, rel, errors) if text is not None else None
    spec = schema.check(schema.SeriesSpec, doc, rel, errors) if doc else None
    if spec is None:
        return None
    if spec.kind not in KINDS:
        errors.add(rel, doc.line_of(("kind",)), f"unknown kind '{spec.kind}'; expected one of: {', '.join(KINDS)}")
        return None
    series = Series(folder.name, folder, spec.title, spec.office, spec.kind, spec.description,
                    spec.show_total, spec.visibility, spec.distribution_on_web, spec.extra_copies,
                    spec.distribution.by_role())
    series.source = doc
    return series


def _load_issue(series: Series, path: Path, rel: str, book, errors: Collector) -> Issue | None:
    before = stamp(path)    # taken before reading: a write during the read shows next time
    src = scan.read_source(path, rel, inside=series.path.parent)
    if src.problem is not None:
        errors.add(rel, *src.problem)
        return None
    doc, body, body_line = src.doc, src.body, src.body_start + 1
    _check_import_leftovers(path, rel, errors)
    pending = _report_todo(doc, rel, errors) if doc else frozenset()
    spec = schema.check(KINDS[series.kind].spec, doc, rel, errors, skip=pending) if doc else None
    if spec is None:
        return None
    preface, sections = split_sections(body, body_line)
    issue = Issue(series, path, rel, spec, body, body_line, preface, sections, number_line=doc.line_of(("issue",)),
                  stamp=before)
    _check_resources(issue, errors)
    _check_nesting(issue, errors)
    year_folder = path.parent.name
    if year_folder != str(spec.date.year):
        errors.add(rel, doc.line_of(("date",)),
                   f"date {spec.date.isoformat()} is in {spec.date.year} but the file is in folder "
                   f"'{year_folder}'; expected the file under {series.slug}/{spec.date.year}/")
    KINDS[series.kind].analyse(issue, doc, book, errors)
    return issue


UNPLACED_SUFFIX = ".unplaced.txt"


def _report_todo(doc, rel: str, errors: Collector) -> frozenset[str]:
    """An imported issue's `todo:` entries, one error each; returns the fields they name."""
    todo = doc.data.get("todo") if isinstance(doc.data, dict) else None
    if not isinstance(todo, dict) or not todo:
        return frozenset()
    for field, what in todo.items():
        errors.add(rel, doc.line_of(("todo", field)),
                   f"imported issue still to be completed: {field}: {what}; "
                   f"expected the editor to fill in '{field}' and remove it from todo:")
    return frozenset(str(f) for f in todo) | {"todo"}


def _check_import_leftovers(path: Path, rel: str, errors: Collector) -> None:
    """Text the importer could not place waits in a sidecar file; it blocks publication until handled."""
    sidecar = path.with_name(path.stem + UNPLACED_SUFFIX)
    if sidecar.exists():
        errors.add(rel, 1, f"imported text not yet placed: {sidecar.name} is beside this issue; expected "
                           "its lines moved into the issue (or judged unwanted) and the file deleted")


def _check_resources(issue: Issue, errors: Collector) -> None:
    """Images and embedded files must be files inside the sources folder, with or without PDFs."""
    sources = issue.series.path.parent
    found, used = check_references(issue.rel, issue.path, issue.body, issue.body_line, sources.parent, sources)
    for problem in found:
        errors.add(*problem)
    issue.resources = used


def _check_nesting(issue: Issue, errors: Collector) -> None:
    """Text nested deeper than a document is (sources/nesting.py): refused at its line, before
    Markdown or the print would recurse into it; in a bulletin, an HTML element left open across an
    article's headline too."""
    # a bulletin's articles are units of the page and the PDF: no HTML element open across them
    for line, message in nesting_problems(issue.body, issue.body_line, articles=issue.series.kind == "bulletin"):
        errors.add(issue.rel, line, message)


def _check_numbers(series: Series, errors: Collector) -> None:
    seen: dict[tuple, Issue] = {}
    for issue in series.issues:
        key = (issue.year, issue.spec.supplement, issue.number)
        first = seen.setdefault(key, issue)
        if first is not issue:
            errors.add(issue.rel, issue.number_line, f"duplicate issue number {issue.number_text} in {series.slug} "
                                     f"{issue.year}: {first.rel} has it too; expected each number once a year")
