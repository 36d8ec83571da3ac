"""The `bulletin` command: build, and the editorial subcommands.

Problems in the sources print as ``path:line: …`` lines and exit with status 1; never a traceback.
"""
from __future__ import annotations

import argparse
import os
import logging
import sys
from pathlib import Path

from ..errors import SourceError


def _found_root(start: Path) -> Path | None:
    """The nearest folder from ``start`` up that holds a mkdocs.yml."""
    return next((folder for folder in (start, *start.parents) if (folder / "mkdocs.yml").is_file()), None)


def _project_root(start: Path) -> Path:
    root = _found_root(start)
    if root is None:
        raise SystemExit(f"{start}: no mkdocs.yml here or above; expected to run inside a bulletin project")
    return root


def _show_progress_messages() -> None:
    """Our INFO lines (fonts chosen, PDFs rendered) and everyone's warnings go to stdout.

    Errors are not shown here: the build collects them and main() prints each once, on stderr.
    """
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(lambda record: record.levelno < logging.ERROR)
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.plugins.bulletin").setLevel(logging.INFO)
    import jieba   # Material's search segments with it; it sets its own logger to DEBUG on import
    jieba.setLogLevel(logging.WARNING)


def _shown(folder: Path, root: Path) -> str:
    return f"{folder.relative_to(root)}/" if root in folder.parents else str(folder)


def cmd_build(args: argparse.Namespace) -> int:
    from ..mkdocs.build import build_site
    _show_progress_messages()
    root = _project_root(Path.cwd())
    written = build_site(root, site_dir=args.site_dir, print_dir=args.print_dir, pdf=not args.no_pdf,
                         clean=args.clean, jobs=args.jobs)
    print("built " + " and ".join(_shown(folder, root) for folder in written.values()))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ..mkdocs.serve import serve
    _show_progress_messages()
    serve(_project_root(Path.cwd()), dev_addr=args.dev_addr, pdf=args.pdf)
    return 0


def _template_error(exc: Exception) -> bool:
    jinja2 = sys.modules.get("jinja2")        # imported by whatever raised it
    return jinja2 is not None and isinstance(exc, jinja2.TemplateError)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bulletin", description="Build and edit bulletins and policy briefings.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="validate the sources and build the website and PDFs",
                           description="Validate every source, then build the website into site/ and the "
                                       "PDFs (public ones beside their pages, internal ones into print/). "
                                       "Nothing is replaced unless the whole build succeeds.")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the website (default: site/)")
    build.add_argument("--print-dir", type=Path, default=None,
                       help="where to write internal PDFs (default: print/)")
    build.add_argument("--no-pdf", action="store_true", help="build the website only")
    build.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="PDF worker processes (default: the plugin's workers option, else one per CPU core)")
    build.add_argument("--clean", action="store_true",
                       help="build every page again (by default pages whose sources did not change are reused)")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="preview the site, rebuilding only what an edit affects",
                           description="Serve the website on http://127.0.0.1:8000/ and reload the browser "
                                       "when a source changes; only the pages an edit affects are built "
                                       "again. PDFs are left to `bulletin build` unless --pdf is given.")
    serve.add_argument("--dev-addr", default=None, help="address and port, such as 127.0.0.1:8001")
    serve.add_argument("--pdf", action="store_true", help="render the PDFs in the preview too")
    serve.set_defaults(func=cmd_serve)

    from .commands import add_editorial_commands   # new, check, import, volume (issue 5)
    add_editorial_commands(sub, _project_root)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SourceError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bulletin: interrupted; nothing was replaced", file=sys.stderr)
        return 130
    except Exception as exc:   # a bug of ours: one line for the editor, the traceback on request
        if os.environ.get("BULLETIN_DEBUG"):
            raise
        if _template_error(exc):   # not ours: a template of the project's overrides/ that does not render
            from ..templates import template_problem
            print(template_problem(exc, _found_root(Path.cwd()) or Path.cwd()), file=sys.stderr)
            print("1 problem(s); nothing was written", file=sys.stderr)
            return 1
        print(f"bulletin: internal error ({type(exc).__name__}: {exc}); expected no such error — please "
              "report it, with the traceback that BULLETIN_DEBUG=1 shows", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
