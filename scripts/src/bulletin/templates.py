"""The Jinja environment for the web and print templates kept in overrides/ (one place for the look)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup


@lru_cache(maxsize=8)
def environment(overrides: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(overrides)),
        autoescape=True,               # every value from the sources is escaped
        trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )
    from .site.verbatim import verbatim   # {% filter verbatim %}: our HTML that Markdown need not read
    env.filters["verbatim"] = lambda html: Markup(verbatim(str(html)))
    return env


def render(overrides: Path, name: str, **values) -> str:
    """``name`` (or a template it includes) rendered; a missing or broken template is a problem line."""
    from .errors import Problem, SourceError
    try:
        return environment(overrides).get_template(name).render(**values)
    except jinja2.TemplateNotFound as exc:
        raise SourceError([Problem(f"overrides/{exc.name}", None, "template missing; expected the file in "
                                   "overrides/ (restore it from the project's repository)")]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise SourceError([Problem(f"overrides/{exc.name or name}", exc.lineno,
                                   f"template syntax error: {exc.message}; expected valid Jinja")]) from None


def template_problem(exc: Exception, root: Path):
    """A Jinja template that fails (a theme page or a print layout): the template's file and line, as
    Jinja's traceback names them (its syntax errors say them themselves), relative to the project."""
    import traceback

    from .errors import Problem
    where, line = (exc.filename, exc.lineno) if isinstance(exc, jinja2.TemplateSyntaxError) else (None, None)
    if where is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml", ".css", ".j2")):   # Jinja's frames of a template
                where, line = frame.filename, frame.lineno
                break
    path = Path(where) if where else None
    if path is not None and path.is_absolute() and path.resolve().is_relative_to(root.resolve()):
        path = path.resolve().relative_to(root.resolve())
    return Problem(path.as_posix() if path else "overrides", line,
                   f"the template does not render ({type(exc).__name__}: {exc}); expected only the names and "
                   "syntax the shipped templates use")
