"""Policy briefings (notices, plans, meeting reports): per-kind checks and the analysed document.

The loader calls :func:`check_issue` for every issue of a ``notice``, ``plan`` or ``report``
series; it validates the document number, the numbered headings and the attachments, and
stores an :class:`OfficialDoc` on ``issue.document`` for the web and print renderers.

Headings: ``##`` to ``#####`` are the four levels 一、 （一） 1. （1）.  Authors type the
numbers (``numbering: manual``) or leave them out and set ``numbering: auto``.  Either way
each problem is one ``path:line: …`` line.

No MkDocs import here: this is part of the core.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..chinese import cn_date, cn_heading_number, cn_number
from ..errors import Collector
from ..model import docnumber
from ..model.markdown import line_kinds
from ..sources.references import check_references, inside
from ..sources.nesting import nesting_problems
from ..sources.textfile import read_text

_CN = "一二三四五六七八九十"
_CN_NUM = f"[{_CN}]+"
# The number pattern of each level (1: 一、 2: （一） 3: 1. 4: （1）), and what any number looks like.
LEVEL_PATTERNS = {
    1: re.compile(rf"^(?P<n>{_CN_NUM})、\s*(?P<text>.*)$"),
    2: re.compile(rf"^[（(](?P<n>{_CN_NUM})[）)]\s*(?P<text>.*)$"),
    3: re.compile(r"^(?P<n>\d+)[.．]\s*(?P<text>.*)$"),
    4: re.compile(r"^[（(](?P<n>\d+)[）)]\s*(?P<text>.*)$"),
}
ANY_NUMBER = re.compile(rf"^(?:{_CN_NUM}、|[（(]{_CN_NUM}[）)]|\d+[.．、]|[（(]\d+[）)])")
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
# （牵头单位：甲；责任单位：乙、丙） — 责任单位 optional; ASCII parentheses and semicolons tolerated.
TASK = re.compile(r"[（(]牵头单位[：:](?P<lead>[^；;）)]+?)(?:[；;]\s*责任单位[：:](?P<units>[^）)]+?))?[）)]")
TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")

DOWNLOAD_SUFFIXES = (".pdf", ".xlsx", ".xls", ".docx", ".doc", ".ofd", ".wps", ".et", ".csv", ".zip")
LEVEL_EXAMPLE = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def label(level: int, n: int) -> str:
    """The printed number of heading level 1..4: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


@dataclass
class Heading:
    level: int        # 1..4 (## .. #####)
    number: int
    label: str        # 一、 / （一） / 1. / （1）
    text: str         # the heading without its number
    line: int
    index: int = 0    # position in Part.lines

    @property
    def full(self) -> str:
        return f"{self.label}{self.text}"


@dataclass
class Task:
    number: int
    name: str         # the task: its heading, or the paragraph's first sentence
    heading: str      # full numbered heading it sits under ("" if none)
    lead: str
    units: list[str]
    line: int


@dataclass
class Table:
    line: int         # first line of the table in its source file
    html: bool        # raw <table> (True) or a Markdown pipe table
    start: int = 0    # first and last index in Part.lines
    end: int = 0


@dataclass
class Part:
    """A Markdown text (the main body or one attachment): its lines with heading numbers applied,
    and where its headings, tables and task notes are. Data only; kinds/official_markup.py
    decides how it looks."""
    rel: str          # source path shown in messages
    first_line: int   # file line of lines[0]
    lines: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    task_lines: set[int] = field(default_factory=set)   # indexes into lines

    @property
    def markdown(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Attachment:
    number: int
    title: str
    file: str         # as written in the front matter
    path: Path        # the file on disk
    line: int         # line of the attachment entry in the front matter
    part: Part | None = None   # for Markdown attachments

    @property
    def is_markdown(self) -> bool:
        return self.path.suffix.lower() == ".md"

    @property
    def label(self) -> str:
        return f"附件{self.number}"

    @property
    def download_name(self) -> str:
        return self.path.name


@dataclass
class OfficialDoc:
    kind: str
    main: Part
    attachments: list[Attachment] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


# ---------------------------------------------------------------- checks

def analyse_part(text: str, first_line: int, rel: str, numbering: str | None, errors: Collector) -> Part:
    """Check the numbered headings of one Markdown text (``numbering`` None: headings are not
    numbered, as in meeting reports) and find its tables; fences are left alone."""
    part = Part(rel, first_line)
    counter = _Counter(numbering, rel, errors)
    lines = text.split("\n")
    kinds = line_kinds(lines)
    i = 0
    while i < len(lines):
        line, lineno = lines[i], first_line + i
        if kinds[i] != "text":
            part.lines.append(line)
            i += 1
            continue
        table_end = _table_end(lines, i, rel, lineno, errors)
        if table_end is not None:
            part.tables.append(Table(lineno, lines[i].lstrip().startswith("<"), len(part.lines),
                                     len(part.lines) + table_end - i))
            part.lines.extend(lines[i:table_end + 1])
            i = table_end + 1
            continue
        m = HEADING.match(line)
        heading = counter.heading(m, lineno) if m and numbering else None
        if heading is not None:
            heading.index = len(part.lines)
            part.headings.append(heading)
            part.lines.append(f"{m['hashes']} {heading.full}")
        else:
            part.lines.append(line)
        i += 1
    return part


def _table_end(lines: list[str], i: int, rel: str, lineno: int, errors: Collector) -> int | None:
    """Index of the last line of the table starting at ``i`` (raw HTML or pipe table), or None."""
    if re.match(r"^\s*<table\b", lines[i], re.I):
        for j in range(i, len(lines)):
            if re.search(r"</table\s*>", lines[j], re.I):
                return j
        errors.add(rel, lineno, "a <table> is not closed; expected a </table> line")
        return len(lines) - 1
    if "|" in lines[i] and i + 1 < len(lines) and TABLE_DELIMITER.match(lines[i + 1]):
        j = i
        while j + 1 < len(lines) and lines[j + 1].strip() and "|" in lines[j + 1]:
            j += 1
        return j
    return None


class _Counter:
    """Follows heading numbers level by level and reports each slip once."""

    def __init__(self, numbering: str | None, rel: str, errors: Collector):
        self.numbering, self.rel, self.errors = numbering, rel, errors
        self.counters = [0] * 5        # index 1..4
        self.last_line = [0] * 5
        # the last number of each level, under whichever parent: some documents number a level on
        # across their sections (二、… （三）…), which is no slip
        self.running = [0] * 5

    def heading(self, m: re.Match, lineno: int) -> Heading | None:
        depth, text = len(m["hashes"]), m["text"]
        if depth in (1, 6):
            self.errors.add(self.rel, lineno, f"heading level {'#' * depth} is not used in official documents; "
                                              "expected ## 一、, ### （一）, #### 1. or ##### （1） (the title is in "
                                              "the front matter)")
            return None
        level = depth - 1
        self.counters[level] += 1
        self.counters[level + 1:] = [0] * (4 - level)
        expected = self.counters[level]
        heading = self._auto(level, expected, text, lineno) if self.numbering == "auto" \
            else self._manual(level, expected, text, lineno, m["hashes"])
        self.last_line[level] = lineno
        return heading

    def _auto(self, level: int, expected: int, text: str, lineno: int) -> Heading:
        want = label(level, expected)
        if ANY_NUMBER.match(text):
            self.errors.add(self.rel, lineno, f"heading '{text}' is already numbered but the front matter says "
                                              f"numbering: auto; expected the heading without its number "
                                              f"(the build writes {want}), or numbering: manual")
        return Heading(level, expected, want, text, lineno)

    def _manual(self, level: int, expected: int, text: str, lineno: int, hashes: str) -> Heading:
        want = label(level, expected)
        nm = LEVEL_PATTERNS[level].match(text)
        got = (cn_heading_number(nm["n"]) if level in (1, 2) else int(nm["n"])) if nm else None
        if got is None:
            other = next((lv for lv, rx in LEVEL_PATTERNS.items() if rx.match(text)), None)
            why = (f"heading '{text}' on level {hashes} is numbered like level {'#' * (other + 1)} "
                   f"({LEVEL_EXAMPLE[other]})") if other is not None and other != level \
                else f"heading '{text}' has no number"
            self.errors.add(self.rel, lineno, f"{why}; expected {want} here (levels ## 一、 ### （一） #### 1. "
                                              "##### （1）), or set numbering: auto")
            return Heading(level, expected, want, text, lineno)
        if got != expected and expected == 1 and got == self.running[level] + 1:
            self.counters[level] = got  # numbered on from the section before
        elif got != expected:
            prev = f" after {label(level, expected - 1)} on line {self.last_line[level]}" if expected > 1 else ""
            what = f"skips {label(level, expected)}" if got > expected else "is out of order"
            self.errors.add(self.rel, lineno, f"heading number {label(level, got)} {what}; expected {want}{prev}")
            self.counters[level] = got  # resynchronise so one slip gives one message
        self.running[level] = got
        return Heading(level, got, label(level, got), nm["text"].strip(), lineno)


def find_tasks(part: Part) -> list[Task]:
    """（牵头单位：…；责任单位：…） notes in paragraphs, each named after the heading it sits under
    (the first note under a heading) or after its own sentence."""
    tasks: list[Task] = []
    headings = {h.index: h for h in part.headings}
    table_lines = {i for t in part.tables for i in range(t.start, t.end + 1)}
    current: Heading | None = None
    named: set[int] = set()
    for index, line in enumerate(part.lines):
        if index in headings:
            current = headings[index]
            continue
        if index in table_lines or line.lstrip().startswith(("<", "|", "#")):
            continue
        for m in TASK.finditer(line):
            part.task_lines.add(index)
            if current is not None and current.index not in named:
                name, under = current.text, current.full
                named.add(current.index)
            else:
                sentence = re.split(r"[。；]", line.strip(), maxsplit=1)[0]
                name = sentence[:40] + ("…" if len(sentence) > 40 else "")
                under = current.full if current else ""
            units = [u.strip() for u in re.split(r"[、，,]", m["units"] or "") if u.strip()]
            tasks.append(Task(len(tasks) + 1, name, under, m["lead"].strip(), units,
                              current.line if current else part.first_line + index))
    return tasks


def analyse_document(issue, doc, errors: Collector, *, numbered: bool, attachments: bool) -> OfficialDoc:
    """The analysed body (and attachments) of a notice, plan or report, stored on ``issue.document``."""
    spec = issue.spec
    if hasattr(spec, "doc_number") and spec.doc_number is not None:
        problem = docnumber.problem(spec.doc_number, spec.date.year)
        if problem:
            errors.add(issue.rel, doc.line_of(("doc_number",)), problem)
    numbering = getattr(spec, "numbering", "manual") if numbered else None
    document = OfficialDoc(issue.series.kind, analyse_part(issue.body, issue.body_line, issue.rel, numbering, errors))
    if attachments:
        document.attachments = _attachments(issue, doc, errors, "manual" if numbered else None)
    issue.document = document
    return document


def _attachments(issue, doc, errors: Collector, numbering: str | None) -> list[Attachment]:
    found: list[Attachment] = []
    sources = issue.series.path.parent      # <root>/bulletins: attachments never come from outputs or caches
    root = sources.parent
    folder = issue.path.parent
    for index, att in enumerate(issue.spec.attachments):
        line = doc.line_of(("attachments", index, "file"))
        target = (folder / att.file).resolve()
        if "://" in att.file or att.file.startswith("/"):
            errors.add(issue.rel, line, f"attachment '{att.file}' is not a file path in the project; expected a "
                                        f"path relative to {folder.relative_to(root).as_posix()}/, such as 008-att1.md")
            continue
        if not inside(target, [sources.resolve()]):
            errors.add(issue.rel, line, f"attachment '{att.file}' lies outside the sources folder "
                                        f"{sources.name}/ (symlinks resolved); expected a file beside the document, "
                                        "such as 008-att1.md")
            continue
        if not target.is_file():
            errors.add(issue.rel, line, f"attachment file '{att.file}' does not exist; expected "
                                        f"{target.relative_to(root).as_posix()} (a .md document, or a file such "
                                        "as .pdf or .xlsx to download)")
            continue
        suffix = target.suffix.lower()
        if suffix != ".md" and suffix not in DOWNLOAD_SUFFIXES:
            errors.add(issue.rel, line, f"attachment '{att.file}' has an unsupported type '{suffix}'; expected "
                                        f".md or one of {', '.join(DOWNLOAD_SUFFIXES)}")
            continue
        item = Attachment(index + 1, att.title, att.file, target, line)
        if suffix == ".md":
            rel = target.relative_to(root).as_posix()
            text = read_text(target, errors, rel)
            if text is not None:
                if text.startswith("---\n"):
                    errors.add(rel, 1, "an attachment has no front matter; expected plain Markdown (its title "
                                       "is given in the document's attachments list)")
                else:
                    first = 1 + len(text) - len(text.lstrip("\n"))
                    item.part = analyse_part(text.strip("\n"), first, rel, numbering, errors)
                    problems, used = check_references(rel, target, text.strip("\n"), first, root, sources)
                    for problem in problems:
                        errors.add(*problem)
                    for at, message in nesting_problems(text.strip("\n"), first):   # (sources/nesting.py)
                        errors.add(rel, at, message)
                    issue.resources += used
        found.append(item)
    return found


# ---------------------------------------------------------------- values shown on the web and in print

def note_text(note: str | None) -> str | None:
    """（此件主动公开）: the note in full-width parentheses, added when the author left them out."""
    if not note:
        return None
    note = note.strip()
    return note if note.startswith("（") and note.endswith("）") else f"（{note}）"


def contact_text(contact) -> str | None:
    if contact is None:
        return None
    return f"（联系人：{contact.name}；联系电话：{contact.phone}）"


def issuer_mark(issue) -> str:
    """发文机关标志: the series title when it is one (…文件), else the issuing office + 文件."""
    title = issue.series.title
    return title if title.endswith("文件") else f"{issue.series.office}文件"


def addressees_line(spec) -> str | None:
    """主送 line, always ending in one full-width colon."""
    if not getattr(spec, "addressees", None):
        return None
    return spec.addressees.strip().rstrip(":：") + "："


def document_values(issue) -> dict:
    """What the web page and the print of a notice or plan both show, computed once."""
    spec = issue.spec
    return dict(
        issue=issue, spec=spec, document=issue.document, mark=issuer_mark(issue),
        addressees=addressees_line(spec), note=note_text(spec.note), contact=contact_text(spec.contact),
        printed_by=spec.printed_by or issue.series.office,
        printed_date=f"{cn_date(spec.printed_date or issue.date)}印发",
        has_banji=bool(spec.cc or spec.printed_by or spec.printed_date),
    )
