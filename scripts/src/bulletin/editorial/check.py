"""`bulletin check`: the build's validation plus editorial checks, one line per finding.

    path:line:col: CODE message

Lines and columns are 1-based; columns count characters, not bytes.  The checks read the
sources leniently (scan.py), so a file that does not validate still gets its editorial checks.

Fixes are proposed as edits of single characters or runs of spaces; they are shown as a unified
diff (``--diff``, and always before ``--fix`` writes), never change the number of Han characters
(a file whose fix would is refused, see ``plan_fix``) and never touch a file that is not UTF-8.

This module reads the files and plans the fixes; the rules live beside it: prose.py (one line of
prose: punctuation.py, spacing.py, over characters.py), numbering.py (a series), findings.py (the
codes), and the 文号 rule in model/docnumber.py.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, TextIO

from ..atomic import write_atomic
from ..errors import SourceError
from ..kinds import KINDS
from ..model import docnumber
from ..model.markdown import CODE_SPAN, FOOTNOTE_CITED, FOOTNOTE_DEFINITION, HEADLINE, heading_text, line_kinds
from ..sources import scan, yamlsrc
from ..sources.loader import load_project
from ..sources.textfile import first_bad_byte, split_lines
from .characters import HIDDEN, INVISIBLE, han_count, text_width
from .findings import FIXABLE, HEADLINE_LIMIT, Edit, Finding
from .numbering import check_numbering
from .prose import apply_edits, describe, prose_edits

PROSE_KEYS = ("title", "addressees", "note")
# Check's own rules that look again, more precisely, at something the build's loader validates too
# (the issue number, the document number, the file's encoding). Where one of them reports on the same
# path:line as a loader problem, that loader problem is the same fault: only the finding is shown.
SUPERSEDES_LOADER = {"BL102", "BL301", "BL302", ""}
PLACEHOLDER = "（在此填写"


# ---------------------------------------------------------------- files


@dataclass
class _FileResult:
    src: scan.SourceFile
    findings: list[Finding]
    edits: dict[int, list[Edit]]   # line index → edits

    def prose(self, index: int, line: str, start: int = 0, end: int | None = None) -> None:
        found = prose_edits(line, start, end)
        if found:
            self.edits.setdefault(index, []).extend(found)
            for e in found:
                self.add(index, e.col, e.code, describe(e))

    def add(self, index: int, col: int, code: str, message: str) -> None:
        self.findings.append(Finding(self.src.rel, index + 1, col, code, message))


def check_file(src: scan.SourceFile, is_issue: bool) -> _FileResult:
    result = _FileResult(src, [], {})
    if src.not_utf8:
        line, col, byte = src.not_utf8
        result.findings.append(Finding(src.rel, line, 0, "", f"not UTF-8 text (byte 0x{byte:02x} at column "
                                                             f"{col}); expected UTF-8 — convert the file first"))
        return result
    _check_front_matter(result)
    headlines: dict[str, int] = {}
    body = list(_body_text(src))
    for index, text in body:
        if PLACEHOLDER in text:
            _placeholder(result, index, text)
        if text.replace(HIDDEN, "").strip():
            result.prose(index, text)
            if is_issue:
                _check_headline(result, index, text, headlines)
    _check_footnotes(result, body)
    _check_tables(result, body)
    return result


def _check_footnotes(result: _FileResult, body: list[tuple[int, str]]) -> None:
    """A [^1] with no [^1]: definition in the file is printed as written, on the page and in print."""
    shown = [(index, CODE_SPAN.sub(lambda m: HIDDEN * len(m[0]), text)) for index, text in body]
    defined = {m[1] for _, text in shown for m in [FOOTNOTE_DEFINITION.match(text)] if m}
    for index, text in shown:
        headline = HEADLINE.match(text)
        for cited in FOOTNOTE_CITED.finditer(text):
            if headline:            # a headline is printed as its text alone (model/markdown.heading_text)
                result.add(index, cited.start() + 1, "BL601",
                           f"footnote {cited[0]} in a headline is not printed (a headline shows its words only); "
                           "expected the reference in the article's text")
            elif cited[1] not in defined:
                result.add(index, cited.start() + 1, "BL601",
                           f"footnote {cited[0]} has no definition, so it is printed as written; expected a line "
                           f"'{cited[0]}: …' with its text in the file, or the reference removed")


_DELIMITER_ROW = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_BAR = re.compile(r"(?<!\\)\|")
_END_BAR = re.compile(r"(?<!\\)(?:\\\\)*\|$")


def _cells(row: str, left: bool, right: bool) -> int:
    """How many cells Python-Markdown's tables extension splits a row into, the outer bars taken off
    as the header row has them (a header without them leaves the delimiter row's bars in)."""
    row = CODE_SPAN.sub(lambda m: "x" * len(m[0]), row.strip(" "))
    if left or right:
        row = row[1:] if row.startswith("|") else row
        row = _END_BAR.sub("", row)
    return len(_CELL_BAR.split(row))


def _check_tables(result: _FileResult, body: list[tuple[int, str]]) -> None:
    """A table whose |---|---| row splits into more or fewer cells than its header row is no table to
    Markdown: the page and the PDF print its lines with their bars."""
    previous = (-1, "")
    for (at, header), (index, row) in zip(body, body[1:]):
        # a table starts a block: after a blank line or a heading (code and comments between: none)
        starts_block = previous[0] != at - 1 or not previous[1].strip() or previous[1].lstrip().startswith("#")
        previous = (at, header)
        if not (index == at + 1 and starts_block and "|" in header and "|" in row and _DELIMITER_ROW.match(row)):
            continue        # (--- without a bar underlines a heading)
        stripped = header.strip(" ")
        left, right = stripped.startswith("|"), bool(_END_BAR.search(stripped))
        wanted, found = _cells(header, left, right), _cells(row, left, right)
        if wanted > 1 and wanted != found:
            result.add(index, 1, "BL602", f"the table's |---| row has {found} cell(s) and its header row "
                                          f"{wanted}, so it is printed as lines of text with bars; expected "
                                          f"{wanted}, one under each header cell, with bars at the ends only "
                                          "where the header row has them")


_BLOCK_SCALAR = re.compile(r"[|>][+-]?[1-9]?[+-]?[ \t]*(#.*)?$")   # title: >- (the value on the lines below)


def _fm_value(line: str) -> tuple[int, int] | None:
    """(start, end) of a prose field's value on its line; YAML's own quotes are left outside, and so
    is a comment after a plain value (note: 此件主动公开  # 公开方式:主动公开)."""
    m = re.match(r"^(\w+):[ \t]*", line)
    if not m or m.group(1) not in PROSE_KEYS or m.end() >= len(line.rstrip()):
        return None
    start, end = m.end(), len(line.rstrip())
    if line[start] in "\"'" and end > start + 1 and line[end - 1] == line[start]:
        return start + 1, end - 1
    comment = re.search(r"[ \t]#", line[start:])
    return start, start + comment.start() if comment else len(line)


def _check_front_matter(result: _FileResult) -> None:
    src = result.src
    block = False          # inside a prose field's block scalar (title: >-, then indented lines)
    for index in range(1, src.fm_end):
        line = src.lines[index]
        if block and (line[:1] in " \t" or not line.strip()):
            if line.strip():
                result.prose(index, line, len(line) - len(line.lstrip()))
            continue
        value = _fm_value(line)
        block = value is not None and bool(_BLOCK_SCALAR.match(line[value[0]:]))
        if PLACEHOLDER in line:
            _placeholder(result, index, line)
        if value is not None and not block:
            if line[value[0] - 1:value[0]] == "'":
                _single_quoted(result, index, line, *value)
            else:
                result.prose(index, line, *value)
            if line[value[0] - 1:value[0]] == '"':
                _escaped_quotes(result, index, line)
        elif INVISIBLE.search(line):       # any other field: its invisible characters all the same
            result.prose(index, line, 0, 0)
        if line.startswith("doc_number:"):
            _check_doc_number(result, index, line)


def _escaped_quotes(result: _FileResult, index: int, line: str) -> None:
    """In a double-quoted YAML value a straight quote is written \\": its fix replaces the backslash
    too (\\" → “), or the value would hold an escape YAML does not know (\\“)."""
    for e in result.edits.get(index, []):
        if e.code == "BL202" and e.old == '"' and e.new != e.old and line[e.col - 2:e.col - 1] == "\\":
            e.col, e.old = e.col - 1, '\\"'


def _single_quoted(result: _FileResult, index: int, line: str, start: int, end: int) -> None:
    """In a single-quoted YAML value a straight quote is written '': the rules see one quote (the
    second is hidden), and its fix replaces both (推广''带押过户'' → 推广‘带押过户’)."""
    value = line[start:end].replace("''", "'" + HIDDEN)
    result.prose(index, line[:start] + value + line[end:], start, end)
    for e in result.edits.get(index, []):
        if e.code == "BL202" and line[e.col - 1:e.col + 1] == "''":
            e.old = "''"


def _placeholder(result: _FileResult, index: int, text: str) -> None:
    result.add(index, text.index(PLACEHOLDER) + 1, "BL501",
               "placeholder text from `bulletin new` is still here; expected the real text")


def _check_doc_number(result: _FileResult, index: int, line: str) -> None:
    """BL301 (the year in the wrong brackets, fixable), then the build's own rule on the fixed value."""
    value = line.split(":", 1)[1].strip().strip("\"'")
    if not value:
        return
    col = line.index(value) + 1
    bad = docnumber.WRONG_BRACKETS.search(value)
    if bad:
        right = docnumber.right_brackets(bad["year"])
        result.add(index, col + bad.start(), "BL301", f"document number '{value}' writes the year as "
                                                      f"'{bad.group(0)}'; expected {right}")
        result.edits.setdefault(index, []).append(Edit(col + bad.start(), bad.group(0), right, "BL301"))
    fixed = docnumber.fix_brackets(value)
    date, year = result.src.get_date(), docnumber.YEAR_IN_BRACKETS.search(fixed)
    if fixed.startswith("（"):
        return   # the skeleton's （发文机关代字）: the loader asks for the real one
    problem = docnumber.problem(fixed, date.year if date else int(year["year"]) if year else 0)
    if problem:
        result.add(index, col, "BL302", problem)


def _body_text(src: scan.SourceFile) -> Iterator[tuple[int, str]]:
    """(line index, text) of each body line outside code (fenced or indented), HTML comments hidden
    (same columns)."""
    body = src.lines[src.body_start:]
    kinds = line_kinds(body, indented=True)     # as the page shows it: an indented block is code
    comment = False
    for index in range(src.body_start, len(src.lines)):
        line = src.lines[index]
        if kinds[index - src.body_start] != "text":
            continue
        text = line
        if comment:
            if "-->" not in line:
                continue
            end = line.index("-->") + 3
            text = HIDDEN * end + line[end:]
            comment = False
        while "<!--" in text:
            a = text.index("<!--")
            b = text.find("-->", a + 4)
            if b < 0:
                text = text[:a] + HIDDEN * (len(text) - a)
                comment = True
                break
            text = text[:a] + HIDDEN * (b + 3 - a) + text[b + 3:]
        yield index, text


def _check_headline(result: _FileResult, index: int, text: str, headlines: dict[str, int]) -> None:
    heading = HEADLINE.match(text)
    if not heading:
        return
    title = heading.group(1).replace(HIDDEN, "").strip()
    col = heading.start(1) + 1
    shown = heading_text(title)                # as the 本期目录 shows it: ## **标题** is 标题
    key = re.sub(r"\s+", "", shown)
    if key in headlines:
        result.add(index, col, "BL401", f"headline '{title}' already appears on line {headlines[key]}; "
                                        "expected each headline once in an issue")
    else:
        headlines[key] = index + 1
    width = text_width(shown)
    if width > HEADLINE_LIMIT:
        result.add(index, col, "BL402", f"headline is {width:g} characters wide; expected at most "
                                        f"{HEADLINE_LIMIT} to fit one 本期目录 line")


# ---------------------------------------------------------------- run


def collect(root: Path, today: dt.date | None = None, bulletins: str = "bulletins") -> tuple[list[Finding], dict]:
    """Every finding, sorted, and the fixable edits per file: {path: (SourceFile, {line index: edits})}."""
    today = today or dt.date.today()
    own: list[Finding] = []
    fixes: dict[Path, tuple[scan.SourceFile, dict]] = {}
    for folder in scan.series_folders(root / bulletins):
        own += _check_series(root, folder, today, fixes)
    superseding = {(f.path, f.line) for f in own if f.code in SUPERSEDES_LOADER}
    loader = [f for f in _loader_findings(root, bulletins) if (f.path, f.line) not in superseding]
    return sorted(set(own + loader)), fixes


def _loader_findings(root: Path, bulletins: str) -> list[Finding]:
    """The build's own validation, each problem as a BL001 finding: the loader's, then, when the
    build makes PDFs, the print fonts' (a character no font of its role has, such as an emoji)."""
    try:
        project = load_project(root, bulletins)
        problems = _print_problems(project)
    except SourceError as exc:
        problems = exc.problems
    return [Finding(str(p.path), p.line or 1, 1, "BL001", p.message) for p in problems]


def _print_problems(project) -> list:
    import logging
    from ..print.pipeline import glyph_problems, plugin_options
    from ..sources.settings import plugin_settings
    if not (project.root / "mkdocs.yml").is_file() or plugin_settings(project.root).get("pdf", True) is False:
        return []      # no build, or one without PDFs
    quiet = logging.getLogger("bulletin.check.fonts")
    quiet.setLevel(logging.ERROR)     # which font stands in for which is the build's to say
    options = replace(plugin_options(project.root), log=quiet)
    return glyph_problems(project, project.root / "overrides", options)


def _check_series(root: Path, folder: Path, today: dt.date, fixes: dict) -> list[Finding]:
    findings: list[Finding] = []
    issue_paths = set(scan.issue_files(folder))
    issues: list[scan.SourceFile] = []
    for path in scan.all_markdown(folder):
        src = scan.read_source(path, path.relative_to(root).as_posix())
        result = check_file(src, path in issue_paths)
        findings += result.findings
        if any(e.code in FIXABLE and e.new != e.old for edits in result.edits.values() for e in edits):
            fixes[path] = (src, result.edits)
        if path in issue_paths:
            issues.append(src)
    findings += _invisible_in_series(root, folder)
    name = scan.read_series_yml(folder).get("kind", "bulletin")
    kind = KINDS.get(name) if isinstance(name, str) else None
    # an unknown kind is the loader's to report; without it there is no numbering rule to apply
    return findings + check_numbering(issues, folder.name, today, gaps=bool(kind and kind.numbered_by_year))


def _invisible_in_series(root: Path, folder: Path) -> list[Finding]:
    """BL207 in series.yml, whose title and description every series page and feed print (reported:
    the fixes edit issues only)."""
    path = folder / "series.yml"
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []        # the loader's to report
    rel = path.relative_to(root).as_posix()
    return [Finding(rel, n, m.start() + 1, "BL207", f"invisible control character U+{ord(m.group()):04X} in "
                                                    "series.yml; expected none: delete it (the fix edits issues only)")
            for n, line in enumerate(lines, 1) for m in INVISIBLE.finditer(line)]


# ---------------------------------------------------------------- fixes


@dataclass
class FilePlan:
    """The fixes of one file as whole texts (BOM and line endings as on disk), or why they are refused."""
    path: Path
    rel: str
    old: str
    new: str
    refused: str | None = None

    def diff(self) -> list[str]:
        return list(difflib.unified_diff(split_lines(self.old), split_lines(self.new),
                                         f"a/{self.rel}", f"b/{self.rel}", lineterm=""))


_LINE_END = re.compile(r"(\r\n|\r|\n)")


def plan_fix(path: Path, src: scan.SourceFile, edits: dict[int, list[Edit]]) -> FilePlan:
    """The file with ``edits`` applied. Refused (and never to be written) when the file is not UTF-8
    any more, changed since it was checked, or when the fix would change its number of Han characters."""
    raw = path.read_bytes()
    try:
        old = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col, byte = first_bad_byte(raw, exc.start)
        return FilePlan(path, src.rel, "", "", f"{src.rel}:{line}: not UTF-8 text (byte 0x{byte:02x} at column "
                                              f"{col}); expected UTF-8 — convert the file first")
    bom = "\ufeff" if old.startswith("\ufeff") else ""
    parts = _LINE_END.split(old[len(bom):])
    lines, ends = parts[0::2], parts[1::2] + [""]
    if lines != src.lines:
        return FilePlan(path, src.rel, old, old, f"{src.rel}:1: fix refused: the file changed while it was "
                                                 "being checked; expected it unchanged — run the check again")
    for index, line_edits in edits.items():
        lines[index] = apply_edits(lines[index], line_edits)
    new = bom + "".join(line + end for line, end in zip(lines, ends))
    return FilePlan(path, src.rel, old, new, _han_guard(src, lines) or _yaml_guard(src, lines))


def _han_guard(src: scan.SourceFile, fixed: list[str]) -> str | None:
    """A fix replaces punctuation and spaces only; should one ever touch a Han character, say so
    (one line) instead of writing."""
    for index, (before, after) in enumerate(zip(src.lines, fixed)):
        if han_count(before) != han_count(after):
            return (f"{src.rel}:{index + 1}: fix refused: it would change the number of Han characters on "
                    f"this line from {han_count(before)} to {han_count(after)}; expected the same — the file "
                    "was left as it is (please report this)")
    return None


def _yaml_guard(src: scan.SourceFile, fixed: list[str]) -> str | None:
    """A fix inside the front matter must leave YAML that reads (with the project's own reader, which
    refuses aliases and tags): should one ever break it (a quote that was an escape), say so instead
    of writing. A front matter that did not read before is the loader's problem, reported already."""
    if not src.fm_end or src.doc is None:
        return None
    try:
        yamlsrc.parse("\n".join(fixed[1:src.fm_end]) + "\n", first_line=2)
    except yamlsrc.YamlSyntaxError as exc:
        return (f"{src.rel}:{exc.line}: fix refused: it would make the front matter unreadable ({exc.message}); "
                "expected YAML that still reads — the file was left as it is (please report this)")
    return None


def run_check(root: Path, fix: bool = False, today: dt.date | None = None, out: TextIO | None = None,
              diff: bool = False) -> int:
    """Report every finding. ``diff``: also show the fixes as a unified diff. ``fix``: show that diff,
    write the files, then check again and report what is left. Exit status 0 only when clean."""
    out = out or sys.stdout
    findings, fixes = collect(root, today)
    plans = [plan_fix(path, src, edits) for path, (src, edits) in sorted(fixes.items())] if fix or diff else []
    for plan in plans:
        shown = plan.refused or "\n".join(plan.diff())
        if shown:
            print(shown, file=out)
    refused = [p for p in plans if p.refused]
    if fix:
        ready = [p for p in plans if not p.refused and p.new != p.old]
        for plan in ready:
            mode = plan.path.stat().st_mode & 0o7777
            write_atomic(plan.path, plan.new.encode("utf-8"))
            plan.path.chmod(mode)   # a punctuation fix keeps the file's permissions
        if ready:
            print(f"fixed {len(ready)} file(s); checking again", file=out)
            findings, _ = collect(root, today)
    for finding in findings:
        print(finding, file=out)
    if findings:
        print(f"{len(findings)} finding(s) in {len({f.path for f in findings})} file(s)", file=out)
    return 1 if findings or refused else 0
