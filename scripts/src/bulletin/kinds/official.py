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

from ..chinese import cn_number
from ..errors import Collector
from ..model.markdown import FenceTracker
from ..sources.references import check_references, inside
from ..sources.textfile import read_text

# 机关代字〔2026〕8号: an agency code (CJK, no digits), the year in 〔〕, a number without leading zeros, 号.
DOC_NUMBER = re.compile(r"^(?P<code>[\u3400-\u9fff]+)〔(?P<year>\d{4})〕(?P<num>[1-9]\d*)号$")

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
# 【会议报道】 as the first line of a bulletin article marks a meeting report inside a bulletin.
REPORT_TAG = re.compile(r"^【会议报道】\s*(?P<dateline>.*)$")

DOWNLOAD_SUFFIXES = (".pdf", ".xlsx", ".xls", ".docx", ".doc", ".ofd", ".wps", ".et", ".csv", ".zip")
LEVEL_EXAMPLE = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def cn_parse(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十一 → 21 (1..99); None for anything else."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    if not text or any(c not in _CN for c in text):
        return None
    if "十" not in text:
        return digits[text] if len(text) == 1 else None
    head, _, tail = text.partition("十")
    if len(head) > 1 or len(tail) > 1 or "十" in tail:
        return None
    tens = digits[head] if head else 1
    ones = digits[tail] if tail else 0
    return tens * 10 + ones if tens else None


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


@dataclass
class Part:
    """A Markdown text (the main body or one attachment) after numbering and annotation."""
    rel: str          # source path shown in messages
    markdown: str     # the body with numbers applied, tasks marked and tables wrapped
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


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

def check_doc_number(value: str, year: int) -> str | None:
    """What is wrong with a document number (None when it is well formed)."""
    expected = "an agency code, the year in 〔〕, the number without leading zeros and 号, such as 青政办函〔2026〕8号"
    value = value.strip()
    if "第" in value:
        return f"document number '{value}' contains 第; expected {expected}"
    if re.search(r"[\[\]［］【】()（）]\d{4}[\[\]［］【】()（）]", value):
        return f"document number '{value}' puts the year in the wrong brackets; expected the year in 〔〕 (U+3014/U+3015): {expected}"
    m = re.match(r"^[\u3400-\u9fff]+〔(\d{4})〕0\d*号$", value)
    if m:
        return f"document number '{value}' has a leading zero; expected {expected}"
    m = DOC_NUMBER.match(value)
    if not m:
        return f"document number '{value}' is malformed; expected {expected}"
    if int(m["year"]) != year:
        return (f"document number '{value}' has year {m['year']} but the document is dated {year}; "
                f"expected {m['code']}〔{year}〕{m['num']}号")
    return None


def analyse_part(text: str, first_line: int, rel: str, numbering: str, errors: Collector,
                 kind: str = "notice") -> Part:
    """Check and number the headings of one Markdown text; wrap its tables; mark plan tasks."""
    out: list[str] = []
    part = Part(rel, "")
    counters = [0, 0, 0, 0, 0]          # index 1..4
    last_line = [0, 0, 0, 0, 0]
    fences = FenceTracker()
    lines = text.split("\n")
    i = 0
    in_html_table = False
    numbered = kind in ("notice", "plan")
    while i < len(lines):
        line = lines[i]
        lineno = first_line + i
        if fences.classify(line) != "text":
            out.append(line)
            i += 1
            continue
        # raw HTML table: wrap it so it scrolls sideways on narrow screens
        if not in_html_table and re.match(r"^\s*<table\b", line, re.I):
            part.tables.append(Table(lineno, True))
            out.append(f'<div class="bl-table-wrap" data-src="{rel}:{lineno}">')
            in_html_table = True
        if in_html_table:
            out.append(line)
            if re.search(r"</table\s*>", line, re.I):
                out.append("</div>")
                in_html_table = False
            i += 1
            continue
        # Markdown pipe table: a header line followed by a delimiter line
        if "|" in line and i + 1 < len(lines) and TABLE_DELIMITER.match(lines[i + 1]):
            j = i
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                j += 1
            part.tables.append(Table(lineno, False))
            out.append(f'<div class="bl-table-wrap" data-src="{rel}:{lineno}" markdown="1">')
            out.append("")
            out.extend(lines[i:j])
            out.append("")
            out.append("</div>")
            i = j
            continue
        m = HEADING.match(line)
        if m and numbered:
            depth = len(m["hashes"])
            htext = m["text"]
            if depth == 1 or depth == 6:
                errors.add(rel, lineno, f"heading level {'#' * depth} is not used in official documents; expected "
                                        "## 一、, ### （一）, #### 1. or ##### （1） (the title is in the front matter)")
                out.append(line)
                i += 1
                continue
            level = depth - 1
            counters[level] += 1
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            expected = counters[level]
            want = label(level, expected)
            if numbering == "auto":
                if ANY_NUMBER.match(htext):
                    errors.add(rel, lineno, f"heading '{htext}' is already numbered but the front matter says "
                                            f"numbering: auto; expected the heading without its number "
                                            f"(the build writes {want}), or numbering: manual")
                    text_only = htext
                else:
                    text_only = htext
                heading = Heading(level, expected, want, text_only, lineno)
            else:
                nm = LEVEL_PATTERNS[level].match(htext)
                got = cn_parse(nm["n"]) if nm and level in (1, 2) else (int(nm["n"]) if nm else None)
                if nm is None or got is None:
                    other = next((lv for lv, rx in LEVEL_PATTERNS.items() if rx.match(htext)), None)
                    if other is not None and other != level:
                        why = (f"heading '{htext}' on level {m['hashes']} is numbered like level "
                               f"{'#' * (other + 1)} ({LEVEL_EXAMPLE[other]})")
                    else:
                        why = f"heading '{htext}' has no number"
                    errors.add(rel, lineno, f"{why}; expected {want} here (levels ## 一、 ### （一） #### 1. "
                                            "##### （1）), or set numbering: auto")
                    heading = Heading(level, expected, want, htext, lineno)
                else:
                    if got != expected:
                        prev = f" after {label(level, expected - 1)} on line {last_line[level]}" if expected > 1 else ""
                        what = (f"skips {label(level, expected)}" if got > expected else "is out of order")
                        errors.add(rel, lineno, f"heading number {label(level, got)} {what}; expected "
                                                f"{want}{prev}")
                        counters[level] = got  # resynchronise so one slip gives one message
                    heading = Heading(level, got, label(level, got), nm["text"].strip(), lineno)
            last_line[level] = lineno
            part.headings.append(heading)
            out.append(f"{'#' * depth} {heading.full} {{.bl-h{level}}}")
            i += 1
            continue
        out.append(line)
        i += 1
    if in_html_table:
        errors.add(rel, part.tables[-1].line, "a <table> is not closed; expected a </table> line")
        out.append("</div>")
    part.markdown = "\n".join(out)
    return part


def _tasks(part: Part, first_line: int) -> tuple[str, list[Task]]:
    """Find （牵头单位：…；责任单位：…） in paragraphs; return the marked Markdown and the tasks."""
    tasks: list[Task] = []
    used_headings: set[int] = set()
    current: Heading | None = None
    by_line = {h.line: h for h in part.headings}
    out = []
    # part.markdown may have extra lines (table wrappers); map heading lines through their text
    heading_texts = {f"{'#' * (h.level + 1)} {h.full} {{.bl-h{h.level}}}": h for h in part.headings}
    del by_line
    for line in part.markdown.split("\n"):
        if line in heading_texts:
            current = heading_texts[line]
            out.append(line)
            continue
        matches = list(TASK.finditer(line)) if not line.lstrip().startswith(("<", "|", "#")) else []
        if not matches:
            out.append(line)
            continue
        for m in matches:
            if current is not None and id(current) not in used_headings:
                name, under = current.text, current.full
                used_headings.add(id(current))
            else:
                sentence = re.split(r"[。；]", line.strip(), maxsplit=1)[0]
                name = sentence[:40] + ("…" if len(sentence) > 40 else "")
                under = current.full if current else ""
            units = [u.strip() for u in re.split(r"[、，,]", m["units"] or "") if u.strip()]
            tasks.append(Task(len(tasks) + 1, name, under, m["lead"].strip(), units,
                              current.line if current else first_line))
        marked = TASK.sub(lambda m: f'<span class="bl-task-units">{m.group(0)}</span>', line)
        out.append(marked)
    return "\n".join(out), tasks


def check_issue(issue, doc, errors: Collector) -> None:
    """Validate a notice, plan or report and store its analysed document on ``issue.document``."""
    kind = issue.series.kind
    spec = issue.spec
    first = issue.body_line
    if kind in ("notice", "plan"):
        problem = check_doc_number(spec.doc_number, spec.date.year)
        if problem:
            errors.add(issue.rel, doc.line_of(("doc_number",)), problem)
        numbering = spec.numbering
    else:
        numbering = "manual"
    main = analyse_part(issue.body, first, issue.rel, numbering, errors, kind)
    document = OfficialDoc(kind, main)
    if kind == "plan" or (kind == "notice" and TASK.search(issue.body)):
        main.markdown, document.tasks = _tasks(main, first)
    if kind in ("notice", "plan"):
        document.attachments = _attachments(issue, doc, errors)
    issue.document = document


def _attachments(issue, doc, errors: Collector) -> list[Attachment]:
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
                    item.part = analyse_part(text.strip("\n"), first, rel, "manual", errors, issue.series.kind)
                    problems, used = check_references(rel, target, text.strip("\n"), first, root, sources)
                    for problem in problems:
                        errors.add(*problem)
                    issue.resources += used
        found.append(item)
    return found


# ---------------------------------------------------------------- helpers for renderers

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


def report_article(body: str) -> tuple[str | None, str]:
    """A bulletin article whose first line is 【会议报道】…: (dateline, rest of the body); (None, body) else."""
    stripped = body.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    m = REPORT_TAG.match(first.strip())
    if not m:
        return None, body
    return m["dateline"].strip(), rest.lstrip("\n")
