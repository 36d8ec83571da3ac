"""A whole build, all or nothing: validate, build into fresh folders, then swap them in.

If anything fails, site/ and print/ stay exactly as they were.
"""
from __future__ import annotations

import calendar
import contextlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import Problem, SourceError
from ..model.publication import Publication
from ..sources.loader import load_project


def build_site(root: Path, site_dir: Path | None = None, print_dir: Path | None = None, pdf: bool = True,
               config_file: str = "mkdocs.yml") -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    project = load_project(root)  # report every source problem before touching anything
    site_dir = (site_dir or root / "site").resolve()
    print_dir = (print_dir or root / "print").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    print_dir.parent.mkdir(parents=True, exist_ok=True)
    new_site = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    new_print = Path(tempfile.mkdtemp(prefix=".print-", dir=print_dir.parent))
    errors = _ErrorLog()
    logging.getLogger("mkdocs").addHandler(errors)
    epoch = _source_date_epoch(project)
    try:
        config = load_config(str(root / config_file), site_dir=str(new_site))
        plugin = config.plugins["bulletin"]
        plugin.print_dir_override = new_print
        plugin.config.pdf = pdf and plugin.config.pdf
        with epoch:
            build(config)
    except (Abort, MkDocsException, SystemExit) as exc:
        _discard(new_site, new_print)
        stopped_by = getattr(locals().get("plugin"), "problems", None)   # our own problems, as they are
        raise SourceError(stopped_by or errors.problems or [Problem(config_file, None, str(exc))]) from None
    except BaseException:
        _discard(new_site, new_print)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
    _swap(new_site, site_dir)
    _swap(new_print, print_dir)


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
        shutil.rmtree(folder, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
