"""A whole build, all or nothing: validate, build into fresh folders, then swap them in.

If anything fails, site/ and print/ stay exactly as they were.
"""
from __future__ import annotations

import calendar
import contextlib
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..errors import Problem, SourceError
from ..kinds import load_extra as load_extra_kinds
from ..model.publication import Publication
from ..sources.loader import load_project


def build_site(root: Path, site_dir: Path | None = None, print_dir: Path | None = None, pdf: bool = True,
               config_file: str = "mkdocs.yml") -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    config = _load_config(root, config_file, load_config, MkDocsException)
    plugin = config.plugins["bulletin"]
    load_extra_kinds(plugin.config.kinds, config_file)
    project = load_project(root, plugin.config.bulletins_dir)  # every source problem before touching anything
    plugin.preloaded_project = project                         # the plugin takes it instead of loading again
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
        config["site_dir"] = str(new_site)
        plugin.print_dir_override = new_print
        plugin.config.pdf = pdf and plugin.config.pdf
        with epoch:
            build(config)
    except (Abort, MkDocsException, SystemExit) as exc:
        _discard(new_site, new_print)
        stopped_by = plugin.problems   # our own problems, as they are
        raise SourceError(stopped_by or errors.problems or [Problem(config_file, None, str(exc))]) from None
    except BaseException:
        _discard(new_site, new_print)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
    _swap(new_site, site_dir)
    _swap(new_print, print_dir)


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
        shutil.rmtree(folder, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
