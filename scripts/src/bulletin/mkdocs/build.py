"""A whole build, all or nothing: validate, build into fresh folders, then swap them in.

If anything fails, site/ and print/ stay exactly as they were.
"""
from __future__ import annotations

import calendar
import contextlib
import logging
import os
import re
from pathlib import Path

from ..errors import Problem, SourceError
from . import outputs as outputs_mod
from .config_check import check_config, check_python_tags
from ..kinds import load_extra as load_extra_kinds
from ..model.publication import Publication
from ..sources.loader import load_project


def build_site(root: Path, site_dir: Path | None = None, print_dir: Path | None = None, pdf: bool = True,
               config_file: str = "mkdocs.yml", clean: bool = False, jobs: int | None = None) -> dict[str, Path]:
    """Build; returns the output folders written by name ("site", and "print" when PDFs were made).

    Pages of the previous site that are still fresh are reused (site/freshness.py) unless ``clean``
    or unless the search index is built page by page (MkDocs' own search plugin would then index
    only the pages built this time)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    root = root.resolve()
    check_python_tags(root / config_file)        # MkDocs' loader runs them: checked before it reads the file
    config = _load_config(root, config_file, load_config, MkDocsException)
    if "bulletin" not in config.plugins:
        lines = (root / config_file).read_text(encoding="utf-8", errors="replace").split("\n")
        at = next((n for n, text in enumerate(lines, 1) if text.startswith("plugins:")), None)
        raise SourceError([Problem(config_file, at, "the bulletin plugin is not listed under plugins:; expected "
                                   "'- bulletin' there (it is what turns bulletins/ into pages and PDFs)")])
    plugin = config.plugins["bulletin"]
    check_config(config, root / config_file, plugin.config.print_dir)   # before its print_dir is used
    pdf = pdf and plugin.config.pdf
    if jobs is not None:
        plugin.config.workers = jobs
    outputs = {"site": (site_dir or root / "site").resolve()}
    if pdf:   # without PDFs print/ is not touched at all
        outputs["print"] = (print_dir or root / plugin.config.print_dir).resolve()
    sources = [root / plugin.config.bulletins_dir, Path(config["docs_dir"]), root / "overrides"]
    # the project's own folders, which builds older than the marker wrote: not what mkdocs.yml names
    defaults = {"site": root / "site", "print": root / "print"}
    outputs_mod.check_outputs(root, sources, outputs, defaults)          # before anything is read or written
    load_extra_kinds(plugin.config.kinds, config_file)
    project = load_project(root, plugin.config.bulletins_dir)  # every source problem before touching anything
    plugin.preloaded_project = project                         # the plugin takes it instead of loading again
    with outputs_mod.BuildLock(root):
        outputs_mod.remove_stale_temps(*outputs.values())
        fresh = {name: outputs_mod.new_folder(target, name) for name, target in outputs.items()}
        previous = outputs["site"] if outputs_mod.written_by_build(outputs["site"], "site") else None
        incremental = previous is not None and not clean and not _indexes_page_by_page(config)
        plugin.previous_site = previous if incremental else None
        config.plugins.on_startup(command="build", dirty=incremental)   # as `mkdocs build` does
        _build_into(build, config, plugin, project, fresh, config_file, (Abort, MkDocsException, SystemExit),
                    dirty=incremental)
        for name, target in outputs.items():
            outputs_mod.finish(fresh[name], target, name)
    return outputs


class QuietDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate; ours is not (the plugin
    marks every page that depends on a change, site/freshness.py), so the warning would only hide real ones."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _indexes_page_by_page(config) -> bool:
    return any(name in ("search", "material/search") for name in config.plugins)


def _build_into(build, config, plugin, project, fresh: dict[str, Path], config_file: str, stops: tuple,
                dirty: bool = False) -> None:
    """Run MkDocs into the fresh folders; on any failure remove them and report our problems as they are."""
    errors = _ErrorLog()
    logging.getLogger("mkdocs").addHandler(errors)
    quiet = QuietDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        config["site_dir"] = str(fresh["site"])
        plugin.print_dir_override = fresh.get("print")
        plugin.config.pdf = "print" in fresh
        with _source_date_epoch(project):
            build(config, dirty=dirty)
    except stops as exc:
        _discard(*fresh.values())
        raise SourceError(plugin.problems or errors.problems or [Problem(config_file, None, str(exc))]) from None
    except BaseException:
        _discard(*fresh.values())
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        # MkDocs keeps plugin instances for later builds in this process: leave nothing of this one
        plugin.previous_site = plugin.print_dir_override = None


def _load_config(root: Path, config_file: str, load_config, MkDocsException):
    """mkdocs.yml, or one line per thing wrong with it, at its line where there is one."""
    said = _ErrorLog()
    logging.getLogger("mkdocs").addHandler(said)
    try:
        return load_config(str(root / config_file))
    except (MkDocsException, SystemExit) as exc:
        lines = (root / config_file).read_text(encoding="utf-8", errors="replace").split("\n")
        messages = [p.message for p in said.problems] or [str(exc)]
        raise SourceError([_config_problem(config_file, lines, m) for m in messages]) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(said)


def _config_problem(config_file: str, lines: list[str], message: str) -> Problem:
    """MkDocs says "Config value 'x': …" or a YAML error "… line N, column M"; find the line."""
    message = " ".join(message.split())
    at = re.search(r"line (\d+), column \d+", message)
    key = re.search(r"Config value '([^']+)'", message)
    line = int(at.group(1)) if at else None
    if key and line is None:
        name = key.group(1).split(".")[-1]
        line = next((i for i, text in enumerate(lines, 1) if re.match(rf"^\s*-?\s*{re.escape(name)}\s*:", text)),
                    None)
    return Problem(config_file, line, f"{message}; expected a valid MkDocs configuration (mkdocs.org/user-guide/configuration)")


@contextlib.contextmanager
def _source_date_epoch(project):
    """Same sources, same bytes: MkDocs dates the sitemap by SOURCE_DATE_EPOCH when it is set, so
    unless the caller set one, use the newest public issue's date instead of today's."""
    public = Publication(project).public_issues()
    if "SOURCE_DATE_EPOCH" in os.environ or not public:
        yield
        return
    newest = public[0].date
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(newest.timetuple()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


class _ErrorLog(logging.Handler):
    """Keeps MkDocs' error lines (ours are already ``path:line: …``) to report them as problems."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        path, sep, rest = message.partition(": ")
        if sep and ":" in path:
            file, _, line = path.rpartition(":")
            if line.isdigit():
                self.problems.append(Problem(file, int(line), rest))
                return
        self.problems.append(Problem("mkdocs", None, message))


def _discard(*folders: Path) -> None:
    for folder in folders:
        outputs_mod.remove_folder(folder)
