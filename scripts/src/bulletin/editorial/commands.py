"""The editorial subcommands of `bulletin`: new, check, import, volume.

cli.py calls ``add_editorial_commands`` once; each command returns an exit status and
raises SourceError for problems, which cli.main prints as ``path:line: …`` lines.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; expected YYYY-MM-DD") from None


def add_editorial_commands(sub, project_root) -> None:
    for add in (_add_new, _add_check, _add_import, _add_volume):
        add(sub, project_root)


def _add_new(sub, project_root) -> None:
    new = sub.add_parser(
        "new", help="create the next issue file of a series",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Create bulletins/<series>/<year>/<NNN>.md for the next issue: 第N期 is one more than the "
                    "highest number of that year (it restarts at 1 in January), 总第N期 one more than the "
                    "highest total of the series; the date is today's, the recipients (报/送/发) are the "
                    "series' defaults from series.yml, and the body is a skeleton with two '## ' article "
                    "headings. An existing file is never overwritten (exit status 1).\n\n"
                    "example: bulletin new szzw --date 2026-05-11")
    new.add_argument("series", help="the series folder name, e.g. szzw")
    new.add_argument("--date", type=_date, default=None, help="issue date YYYY-MM-DD (default: today)")
    new.add_argument("--issue", type=int, default=None, metavar="N",
                     help="use this 第N期 instead of the next free number")

    def cmd_new(args: argparse.Namespace) -> int:
        from .new import create_issue
        root = project_root(Path.cwd())
        made = create_issue(root, args.series, args.date or dt.date.today(), args.issue)
        total = f"（总第{made.total}期）" if made.total else ""
        print(f"{made.rel}: created 第{made.number}期{total}; replace the placeholder headlines and text, "
              "then run `bulletin check`")
        return 0

    new.set_defaults(func=cmd_new)


def _add_check(sub, project_root) -> None:
    from .check import CODES_HELP
    check = sub.add_parser(
        "check", help="validate the sources and run the editorial checks",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run every validation of the build plus editorial checks, and print one line per "
                    "finding as 'path:line:col: CODE message'. Only reports: no file is changed unless "
                    "--fix is given. Exit status: 0 when clean, 1 when there is any finding (use it in CI)."
                    "\n\nFixes ([fixable] below) only replace punctuation and spaces: they never add, remove "
                    "or change a Chinese character, and never touch a file that is not UTF-8.\n\n"
                    "examples:\n  bulletin check              report only\n"
                    "  bulletin check --diff       report, and show the fixes as a unified diff\n"
                    "  bulletin check --fix        show the diff, apply it, then check again\n\n" + CODES_HELP)
    check.add_argument("--diff", action="store_true",
                       help="also print the fixes as a unified diff (a/ and b/ paths, as git shows them); "
                            "nothing is written")
    check.add_argument("--fix", action="store_true",
                       help="print the same diff, then apply it in place (BL201 punctuation, BL202 quotes, "
                            "BL204 separating spaces, BL205 spaces beside punctuation, BL301 document "
                            "numbers) and check again")
    check.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)

    def cmd_check(args: argparse.Namespace) -> int:
        from .check import run_check
        root = project_root(Path.cwd())
        return run_check(root, fix=args.fix, diff=args.diff, today=args.today, out=sys.stdout)

    check.set_defaults(func=cmd_check)


def _add_import(sub, project_root) -> None:
    imp = sub.add_parser(
        "import", help="turn legacy bulletins (plain text or HTML) into issue files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read old bulletins saved as plain text (.txt, text extracted from PDF or Word) or as "
                    "web pages (.html) and write one issue file each. Finds the series name, 第N期 and "
                    "总第N期, the office, the date, 本期目录, each article (cross-checked against the "
                    "目录) and the 报/送/发 lines (mapped to address-book groups where the names match). "
                    "Removes web furniture (当前位置, 浏览次数, 分享到, 版权所有, ICP备 …), page-number lines "
                    "such as '— 2 —', pinyin glosses such as 職(zhi)業(ye), and spaces between Chinese "
                    "characters. Nothing is dropped silently: text that cannot be placed is kept in an "
                    "HTML comment at the end of the issue and listed in the report.\n\n"
                    "examples:\n  bulletin import old/2019-03.html --series szzw\n"
                    "  bulletin import scans/*.txt --series xczx --t2s")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--series", default=None,
                     help="series folder to import into (default: the series whose title the file names)")
    imp.add_argument("--out", type=Path, default=None,
                     help="write here instead of bulletins/<series>/<year>/<NNN>.md (a folder if several files)")
    imp.add_argument("--t2s", action="store_true", help="convert Traditional to Simplified characters (OpenCC)")
    imp.add_argument("--force", action="store_true", help="overwrite existing issue files")

    def cmd_import(args: argparse.Namespace) -> int:
        from .importer import run_import
        root = project_root(Path.cwd())
        return run_import(root, args.files, series=args.series, out=args.out, t2s=args.t2s,
                          force=args.force, stream=sys.stdout)

    imp.set_defaults(func=cmd_import)


def _add_volume(sub, project_root) -> None:
    vol = sub.add_parser(
        "volume", help="make the annual bound volume (合订本) of a series as one PDF",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Print every issue of a bulletin series in one year as one PDF, the bound volume "
                    "(合订本): a cover, a 目录 listing every issue and article with its page number, then "
                    "each issue as printed (masthead, 本期目录, articles, 报/送/发), each starting on a "
                    "right-hand page. Page numbers '— N —' run on through the whole volume (none on the "
                    "cover and on blank pages); the PDF has a bookmark per issue with its articles under "
                    "it. Only public issues go in unless --include-internal is given. The same checks as "
                    "the build run first (fonts, characters, references); on any problem nothing is "
                    "written and the exit status is 1.\n\n"
                    "default output: print/<series>/<year>-volume.pdf "
                    "(print/<series>/<year>-volume-internal.pdf with --include-internal)\n\n"
                    "examples:\n  bulletin volume szzw 2026\n"
                    "  bulletin volume xczx 2026 --include-internal --out print/xczx-2026-all.pdf")
    vol.add_argument("series", help="the series folder name, e.g. szzw")
    vol.add_argument("year", type=int, help="the year, e.g. 2026")
    vol.add_argument("--include-internal", action="store_true",
                     help="also bind internal issues (the volume may then not be written under site/)")
    vol.add_argument("--out", type=Path, default=None, help="where to write the PDF")

    def cmd_volume(args: argparse.Namespace) -> int:
        from ..print.volume import build_volume, plugin_options
        root = project_root(Path.cwd())
        report = build_volume(root, args.series, args.year, include_internal=args.include_internal,
                              out=args.out, options=plugin_options(root))
        try:
            shown = report.path.relative_to(Path.cwd().resolve())
        except ValueError:
            shown = report.path
        print(f"{shown}: {args.year}年合订本 of {args.series}, {len(report.issues)} issue(s), "
              f"{report.articles} article(s)")
        return 0

    vol.set_defaults(func=cmd_volume)
