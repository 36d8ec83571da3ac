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
