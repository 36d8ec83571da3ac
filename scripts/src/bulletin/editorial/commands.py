"""The editorial subcommands of `bulletin`: new, check, import, volume, inspect.

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
    for add in (_add_new, _add_check, _add_import, _add_volume, _add_inspect):
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
    from .findings import CODES_HELP
    check = sub.add_parser(
        "check", help="validate the sources and run the editorial checks",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run every validation of the build plus editorial checks, and print one line per "
                    "finding as 'path:line:col: CODE message'. Only reports: no file is changed unless "
                    "--fix is given. Exit status: 0 when clean, 1 when there is any finding (use it in CI)."
                    "\n\nFixes ([fixable] below) replace punctuation and spaces, and a radical that stands in for an "
                    "ideograph by that ideograph (BL206): they never add or remove a Chinese character, never "
                    "change one into another, and never touch a file that is not UTF-8.\n\n"
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
        "import", help="turn legacy documents (.txt, .html, .docx, .doc, .pdf …) of any kind into issue files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read old bulletins, notices, plans and meeting reports saved as plain text, web pages "
                    "(.html, .mht), Word (.docx; .doc, .wps, .rtf and .odt through LibreOffice) or text PDFs, in UTF-8, GBK/GB18030 or Big5 (detected; Traditional "
                    "characters are converted to Simplified), and write one issue file each under "
                    "bulletins/<series>/<year>/. The kind is guessed from the text (the report says why) "
                    "unless --kind or --series says it. Web and download-site furniture, page numbers, running "
                    "heads, pinyin glosses and PDF spacing are removed, each removal listed. A file holding several "
                    "issues (a bound volume, a year's bulletins in one document) is cut into one issue file each. "
                    "A folder stands for the documents under it, its subfolders included.\n\n"
                    "Nothing is refused for a missing piece: a required field that was not found is written "
                    "under todo:, and text that could not be placed goes to <issue>.unplaced.txt beside the "
                    "issue; both make `bulletin check` and the build refuse the issue until an editor has "
                    "dealt with them. Existing files are never overwritten. A scanned PDF (no text layer) is "
                    "refused with a note that OCR is needed. Exit status 1 when any file was refused.\n\n"
                    "examples:\n  bulletin import old/2019-03.html --series szzw\n"
                    "  bulletin import archive/*.docx archive/*.pdf --series tongzhi\n"
                    "  bulletin import old-site/ --series szzw\n"
                    "  bulletin import notice.txt --kind notice --date 2023-04-20 --number 8")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE|FOLDER")
    imp.add_argument("--series", default=None,
                     help="series folder to import into (default: the series whose title the text names, "
                          "else the only series of the document's kind)")
    imp.add_argument("--kind", choices=["bulletin", "notice", "plan", "report"], default=None,
                     help="the document kind, instead of guessing it from the text")
    imp.add_argument("--date", type=_legacy_date, default=None,
                     help="the date, instead of the one found (2023-04-20, 2023.4.20, 2023/4/20 or 2023年4月20日)")
    imp.add_argument("--number", type=int, default=None, metavar="N",
                     help="the issue number (第N期, or the file number), instead of the one found")
    imp.add_argument("--title", default=None, help="the title, instead of the one found")
    imp.add_argument("--t2s", action="store_true",
                     help="convert Traditional to Simplified even when the text does not look Traditional")

    def cmd_import(args: argparse.Namespace) -> int:
        from .importing import Options, run_import
        root = project_root(Path.cwd())
        options = Options(series=args.series, kind=args.kind, date=args.date, number=args.number,
                          title=args.title, t2s=args.t2s)
        return run_import(root, args.files, options, stream=sys.stdout)

    imp.set_defaults(func=cmd_import)


def _legacy_date(text: str) -> dt.date:
    from .importing.dates import parse_option
    try:
        return parse_option(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; expected 2023-04-20, 2023.4.20, 2023/4/20 "
                                         "or 2023年4月20日") from None


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
        from ..print.pipeline import plugin_options
        from ..print.volume import build_volume
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


def _add_inspect(sub, project_root) -> None:
    ins = sub.add_parser(
        "inspect", help="measure PDFs against the GB/T 9704-2012 layout checklist",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Measure each PDF (ours or any other) and print one line per checklist item of GB/T "
                    "9704-2012: paper, 订口, body size, line pitch and grid, lines per page, characters per "
                    "line, justified right edge, short last lines, fonts, page numbers, red rule, issuing-"
                    "office mark, 署名 and date, 版记, tags. Each line gives the target, what was measured "
                    "and pass/FAIL (n/a where an item does not apply). Exit status 1 when any item fails.\n\n"
                    "example: bulletin inspect site/tongzhi/2026/008.pdf")
    ins.add_argument("pdfs", nargs="+", type=Path, metavar="FILE.pdf")

    def cmd_inspect(args: argparse.Namespace) -> int:
        from ..errors import Problem, SourceError
        from ..print.inspect import run
        missing = [Problem(str(p), None, "no such PDF file; expected the path of a PDF") for p in args.pdfs
                   if not p.is_file()]
        if missing:
            raise SourceError(missing)
        return run(args.pdfs, out=sys.stdout)

    ins.set_defaults(func=cmd_inspect)
