"""`bulletin check`: the build's validation plus editorial checks, one line per finding.

    path:line:col: CODE message

Lines and columns are 1-based; columns count characters, not bytes.  The checks read the
sources leniently (scan.py), so a file that does not validate still gets its editorial checks.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..sources import scan
from ..errors import SourceError
from ..sources.loader import load_project
from ..model.markdown import FenceTracker

HEADLINE_LIMIT = 28   # a print line holds 28 characters of 3号 type (GB/T 9704): one TOC line

CODES = {
    "BL001": "the build's validation failed (schema, address book, YAML, folders …)",
    "BL101": "gap in the numbering: a 第N期 is missing in a series and year",
    "BL102": "duplicate number: two issues of a series and year have the same 第N期",
    "BL103": "date out of order: a later number carries an earlier date",
    "BL104": "总第N期 does not follow on from the previous issue",
    "BL105": "date in the future",
    "BL201": "half-width , : ; ( ) ! ? in Chinese text; expected ，：；（）！？  [fixable]",
    "BL202": "straight quotes \" ' in Chinese text; expected “ ” ‘ ’  [fixable]",
    "BL203": "space between Chinese characters  [fixable]",
    "BL301": "document number (doc_number) with [] 【】 () around the year; expected 〔〕  [fixable]",
    "BL302": "document number not in the form 机关代字〔2026〕8号 (no 第, no leading zero, ends in 号)",
    "BL401": "the same headline twice in one issue",
    "BL402": f"headline longer than one TOC line ({HEADLINE_LIMIT} full-width characters; "
              "a half-width letter or digit counts as half)",
    "BL501": "placeholder text from `bulletin new` left in the issue",
}

CODES_HELP = "finding codes:\n" + "\n".join(f"  {code}  {text}" for code, text in CODES.items()) + (
    "\n\nChecked as prose: the body of every .md under bulletins/<series>/<year>/ and the front-matter "
    "fields title, addressees and note. Not checked: code spans and fences, HTML tags and comments, "
    "URLs and e-mail addresses, link targets, times and ratios such as 10:30, numbers such as 3,000.")

FIXABLE = {"BL201", "BL202", "BL203", "BL301"}
PROSE_KEYS = ("title", "addressees", "note")

_IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u2018\u2019\u201c\u201d\u2026\u2014"
_IS_IDEO = re.compile(f"[{_IDEO}]")
_IS_CJK = re.compile(f"[{_IDEO}{_CJK_PUNCT}]")
_H2 = re.compile(r"^##(?!#)[ \t]+(.+?)[ \t]*#*[ \t]*$")
_MASKS = [
    re.compile(r"(`+).+?\1"),                                         # code spans
    re.compile(r"(?:https?|ftp)://[^\s<>\"'）)\]" + _IDEO + _CJK_PUNCT + r"]+"),   # URLs
    re.compile(r"www\.[A-Za-z0-9.-]+(?:/[^\s<>\"'" + _IDEO + _CJK_PUNCT + r"]*)?"),
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),                        # e-mail
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),                 # link targets
    re.compile(r"\]\[[^\]]*\]"),                                      # reference links
    re.compile(r"!\["),                                               # image start
    re.compile(r"\[\^[^\]]+\]:?"),                                    # footnotes
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$"),                          # link reference definitions
    re.compile(r"</?[A-Za-z][^>]*>"),                                 # HTML tags
    re.compile(r"\{[:#.][^}]*\}"),                                    # attribute lists
]
_PUNCT_FIX = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_SPACES = re.compile(r"[ \t\u3000]+")
_DOCNUM_BAD = re.compile(r"[\[【(（［](\d{4})[\]】)）］]")
_DOCNUM_OK = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")
PLACEHOLDER = "（在此填写"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


@dataclass
class Edit:
    col: int            # 1-based column in the original line
    old: str
    new: str
    code: str


# ---------------------------------------------------------------- prose


def _masked(line: str, start: int = 0) -> list[bool]:
    """True for each character the prose checks must ignore."""
    mask = [i < start for i in range(len(line))]
    for rx in _MASKS:
        for m in rx.finditer(line):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


def _width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text if not ch.isspace())


def _prev(line: str, mask: list[bool], i: int, skip_space: bool = True) -> str:
    j = i - 1
    while skip_space and j >= 0 and line[j] == " ":
        j -= 1
    return line[j] if j >= 0 and not mask[j] else ""


def _next(line: str, mask: list[bool], i: int, skip_space: bool = True) -> str:
    j = i + 1
    while skip_space and j < len(line) and line[j] == " ":
        j += 1
    return line[j] if j < len(line) and not mask[j] else ""


def _cjk(ch: str) -> bool:
    return bool(ch) and bool(_IS_CJK.match(ch))


def prose_edits(line: str, start: int = 0) -> list[Edit]:
    """Findings (as proposed edits) for one line of prose; columns refer to ``line``."""
    mask = _masked(line, start)
    edits: list[Edit] = []
    # parentheses: pair them first, so "(1)" before Chinese text counts as one unit
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, ch in enumerate(line):
        if mask[i]:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    closing = {c: o for o, c in pairs.items()}
    for i, ch in enumerate(line):
        if mask[i]:
            continue
        if ch in ",;!?":
            if _cjk(_prev(line, mask, i)) or _cjk(_next(line, mask, i)):
                edits.append(Edit(i + 1, ch, _PUNCT_FIX[ch], "BL201"))
        elif ch == ":":
            before, after = _prev(line, mask, i, False), _next(line, mask, i, False)
            if before.isdigit() and after.isdigit():
                continue   # 10:30, 1:500
            if _cjk(_prev(line, mask, i)) or _cjk(_next(line, mask, i)):
                edits.append(Edit(i + 1, ch, "：", "BL201"))
        elif ch == "(":
            end = pairs.get(i)
            inner = line[i + 1:end] if end is not None else ""
            chinese = _IS_IDEO.search(inner) or _cjk(_prev(line, mask, i, False)) or (
                end is not None and _cjk(_next(line, mask, end, False))) or (
                end is None and _cjk(_next(line, mask, i, False)))
            if chinese:
                edits.append(Edit(i + 1, "(", "（", "BL201"))
                if end is not None:
                    edits.append(Edit(end + 1, ")", "）", "BL201"))
        elif ch == ")" and i not in closing:
            if _cjk(_prev(line, mask, i, False)) or _cjk(_next(line, mask, i, False)):
                edits.append(Edit(i + 1, ")", "）", "BL201"))
    edits += _quote_edits(line, mask, '"', "“", "”")
    edits += _quote_edits(line, mask, "'", "‘", "’", need_inner=True)
    for m in _SPACES.finditer(line):
        a, b = m.start(), m.end()
        if a == 0 or b >= len(line) or any(mask[a - 1:b + 1]):
            continue
        if _cjk(line[a - 1]) and _cjk(line[b]) and (_IS_IDEO.match(line[a - 1]) or _IS_IDEO.match(line[b])):
            edits.append(Edit(a + 1, m.group(), "", "BL203"))
    return sorted(edits, key=lambda e: e.col)


def _quote_edits(line: str, mask: list[bool], q: str, left: str, right: str, need_inner: bool = False) -> list[Edit]:
    spots = [i for i, ch in enumerate(line) if ch == q and not mask[i]]
    edits: list[Edit] = []
    if len(spots) % 2 == 0:
        for o, c in zip(spots[::2], spots[1::2]):
            inner = bool(_IS_IDEO.search(line[o + 1:c]))
            outer = _cjk(_prev(line, mask, o, False)) or _cjk(_next(line, mask, c, False))
            if inner or (outer and not need_inner):
                edits.append(Edit(o + 1, q, left, "BL202"))
                edits.append(Edit(c + 1, q, right, "BL202"))
    elif not need_inner:
        for i in spots:
            if _cjk(_prev(line, mask, i, False)) or _cjk(_next(line, mask, i, False)):
                edits.append(Edit(i + 1, q, q, "BL202"))   # unpaired: reported, not fixed
    return edits


def describe(edit: Edit) -> str:
    if edit.code == "BL203":
        return "space between Chinese characters; expected none"
    if edit.code == "BL202" and edit.new == edit.old:
        return f"unpaired straight quote {edit.old} in Chinese text; expected “ ” (fix by hand)"
    if edit.code == "BL202":
        return f"straight quote {edit.old} in Chinese text; expected {edit.new}"
    return f"half-width '{edit.old}' in Chinese text; expected full-width '{edit.new}'"


def apply_edits(line: str, edits: list[Edit]) -> str:
    """The line with every fixable edit applied, and spaces around replaced punctuation removed."""
    chars = list(line)
    drop: set[int] = set()
    for e in edits:
        i = e.col - 1
        if e.code == "BL203":
            drop.update(range(i, i + len(e.old)))
        elif e.new != e.old:
            chars[i] = e.new
            drop.update(range(i + 1, i + len(e.old)))
            if e.code == "BL201":   # "会议 , 要求" → "会议，要求": full-width marks carry their own space
                j = i - 1
                while j >= 0 and line[j] == " ":
                    drop.add(j)
                    j -= 1
                j = i + 1
                while j < len(line) and line[j] == " ":
                    drop.add(j)
                    j += 1
    return "".join(ch for i, ch in enumerate(chars) if i not in drop)


# ---------------------------------------------------------------- files


@dataclass
class _FileResult:
    findings: list[Finding]
    edits: dict[int, tuple[int, list[Edit]]]   # line index → (start column, edits)


def _fm_value_start(line: str) -> int | None:
    m = re.match(r"^(\w+):[ \t]*", line)
    if not m or m.group(1) not in PROSE_KEYS or m.end() >= len(line):
        return None
    return m.end()


def check_file(src: scan.SourceFile, is_issue: bool) -> _FileResult:
    findings: list[Finding] = []
    edits: dict[int, tuple[int, list[Edit]]] = {}

    def prose(index: int, start: int, line: str) -> None:
        found = prose_edits(line, start)
        if found:
            edits[index] = (start, found)
            for e in found:
                findings.append(Finding(src.rel, index + 1, e.col, e.code, describe(e)))

    # front matter: prose fields only
    for index in range(1, src.fm_end):
        line = src.lines[index]
        start = _fm_value_start(line)
        if start is not None:
            quoted = line[start] in "\"'" and line.rstrip().endswith(line[start]) and len(line.rstrip()) > start + 1
            if quoted:   # the quotes are YAML's, not the text's
                end = len(line.rstrip()) - 1
                masked = line[:end] + " " * (len(line) - end)
                prose(index, start + 1, masked)
            else:
                prose(index, start, line)
        if line.startswith("doc_number:"):
            value = line.split(":", 1)[1].strip().strip("\"'")
            col = line.index(value) + 1 if value else 1
            bad = _DOCNUM_BAD.search(value)
            if bad:
                findings.append(Finding(src.rel, index + 1, col + bad.start(), "BL301",
                                        f"document number '{value}' writes the year as '{bad.group(0)}'; "
                                        f"expected 〔{bad.group(1)}〕"))
                edits[index] = (0, [Edit(col + bad.start(), bad.group(0), f"〔{bad.group(1)}〕", "BL301")])
            fixed = _DOCNUM_BAD.sub(lambda m: f"〔{m.group(1)}〕", value)
            if not _DOCNUM_OK.match(fixed) and not fixed.startswith("（"):
                findings.append(Finding(src.rel, index + 1, col, "BL302",
                                        f"document number '{value}' is not in the form 机关代字〔2026〕8号; "
                                        "expected the year in 〔〕, no 第, no leading zeros, ending in 号"))
    # body
    fences = FenceTracker()
    comment = False
    headlines: dict[str, int] = {}
    for index in range(src.body_start, len(src.lines)):
        line = src.lines[index]
        if fences.classify(line) != "text":
            continue
        text = line
        if comment:
            if "-->" not in line:
                continue
            end = line.index("-->") + 3
            text = " " * end + line[end:]
            comment = False
        while "<!--" in text:
            a = text.index("<!--")
            b = text.find("-->", a + 4)
            if b < 0:
                text = text[:a] + " " * (len(text) - a)
                comment = True
                break
            text = text[:a] + " " * (b + 3 - a) + text[b + 3:]
        if PLACEHOLDER in text:
            findings.append(Finding(src.rel, index + 1, text.index(PLACEHOLDER) + 1, "BL501",
                                    "placeholder text from `bulletin new` is still here; expected the real text"))
        if not text.strip():
            continue
        prose(index, 0, text)
        heading = _H2.match(text)
        if heading and is_issue:
            title = heading.group(1).strip()
            col = heading.start(1) + 1
            key = re.sub(r"\s+", "", title)
            if key in headlines:
                findings.append(Finding(src.rel, index + 1, col, "BL401",
                                        f"headline '{title}' already appears on line {headlines[key]}; "
                                        "expected each headline once in an issue"))
            else:
                headlines[key] = index + 1
            width = _width(title)
            if width > HEADLINE_LIMIT:
                findings.append(Finding(src.rel, index + 1, col, "BL402",
                                        f"headline is {width:g} characters wide; expected at most "
                                        f"{HEADLINE_LIMIT} to fit one 本期目录 line"))
    return _FileResult(findings, edits)


# ---------------------------------------------------------------- series


def check_numbering(sources: list[scan.SourceFile], series: str, today: dt.date,
                    gaps: bool = True) -> list[Finding]:
    """Numbering and dates of one series; ``gaps`` is off for notices and plans, whose numbers
    come from a register shared with documents that are never published here."""
    findings: list[Finding] = []
    groups: dict[tuple, list[scan.SourceFile]] = defaultdict(list)
    for src in sources:
        number, date = src.get_int("issue"), src.get_date()
        if number is None:
            continue
        year = date.year if date else (int(src.path.parent.name) if src.path.parent.name.isdigit() else 0)
        groups[(year, src.supplement)].append(src)
        if date and date > today:
            findings.append(Finding(src.rel, src.line_of("date"), 1, "BL105",
                                    f"date {date.isoformat()} is in the future (today is {today.isoformat()}); "
                                    "expected the date the issue is published"))
    chain: list[scan.SourceFile] = []
    for (year, supplement), members in sorted(groups.items()):
        label = "增刊" if supplement else ""
        members.sort(key=lambda s: (s.get_int("issue"), s.rel))
        seen: dict[int, scan.SourceFile] = {}
        unique: list[scan.SourceFile] = []
        for src in members:
            n = src.get_int("issue")
            if n in seen:
                findings.append(Finding(src.rel, src.line_of("issue"), 1, "BL102",
                                        f"{label}第{n}期 of {series} {year} is also {seen[n].rel}; "
                                        "expected each number once a year"))
                continue
            seen[n] = src
            unique.append(src)
        previous = 0
        for src in unique:
            n = src.get_int("issue")
            if gaps and n > previous + 1:
                missing = f"{label}第{previous + 1}期" if n == previous + 2 else \
                    f"{label}第{previous + 1}期 to 第{n - 1}期"
                findings.append(Finding(src.rel, src.line_of("issue"), 1, "BL101",
                                        f"{missing} of {series} {year} missing before this {label}第{n}期; "
                                        "expected numbers without gaps, starting at 1 each year"))
            previous = n
        for a, b in zip(unique, unique[1:]):
            da, db = a.get_date(), b.get_date()
            if da and db and db < da:
                findings.append(Finding(b.rel, b.line_of("date"), 1, "BL103",
                                        f"第{b.get_int('issue')}期 is dated {db.isoformat()}, before "
                                        f"第{a.get_int('issue')}期 ({da.isoformat()}, {a.rel}); "
                                        "expected dates in the order of the numbers"))
        if not supplement:
            chain += unique
    with_total = [s for s in chain if s.get_int("total")]
    for a, b in zip(with_total, with_total[1:]):
        ya, yb = a.get_date(), b.get_date()
        same_year = ya and yb and ya.year == yb.year
        step = b.get_int("issue") - a.get_int("issue") if same_year else b.get_int("issue")
        expected = a.get_int("total") + step
        if b.get_int("total") != expected:
            findings.append(Finding(b.rel, b.line_of("total"), 1, "BL104",
                                    f"总第{b.get_int('total')}期 does not follow 总第{a.get_int('total')}期 of "
                                    f"{a.rel}; expected 总第{expected}期"))
    return findings


# ---------------------------------------------------------------- run


def collect(root: Path, today: dt.date | None = None, bulletins: str = "bulletins") -> tuple[list[Finding], dict]:
    """Every finding, sorted, and the fixable edits per file: {path: (SourceFile, {line index: (start, edits)})}."""
    today = today or dt.date.today()
    findings: list[Finding] = []
    try:
        load_project(root, bulletins)
    except SourceError as exc:
        for p in exc.problems:
            if p.message.startswith("duplicate issue number"):
                continue   # reported as BL102 with the right line
            findings.append(Finding(str(p.path), p.line or 1, 1, "BL001", p.message))
    fixes: dict[Path, tuple[scan.SourceFile, dict]] = {}
    base = root / bulletins
    for folder in scan.series_folders(base):
        issue_paths = set(scan.issue_files(folder))
        issues: list[scan.SourceFile] = []
        for path in scan.all_markdown(folder):
            src = scan.read_source(path, path.relative_to(root).as_posix())
            result = check_file(src, path in issue_paths)
            findings += result.findings
            if result.edits:
                fixes[path] = (src, result.edits)
            if path in issue_paths:
                issues.append(src)
        kind = scan.read_series_yml(folder).get("kind", "bulletin")
        findings += check_numbering(issues, folder.name, today, gaps=kind == "bulletin")
    # the schema may also reject a document number: keep the more precise BL301/BL302 line only
    docnum = {(f.path, f.line) for f in findings if f.code in ("BL301", "BL302")}
    findings = [f for f in findings if not (f.code == "BL001" and (f.path, f.line) in docnum)]
    return sorted(set(findings)), fixes


def fix_files(fixes: dict, out: TextIO) -> int:
    changed = 0
    for path, (src, edits) in sorted(fixes.items()):
        lines = list(src.lines)
        for index, (_start, line_edits) in sorted(edits.items()):
            usable = [e for e in line_edits if e.code in FIXABLE and e.new != e.old]
            if not usable:
                continue
            lines[index] = apply_edits(lines[index], usable)
            for e in usable:
                shown = repr(e.old) if e.code == "BL203" else e.old
                after = "nothing" if not e.new else e.new
                print(f"{src.rel}:{index + 1}:{e.col}: fixed {e.code} {shown} → {after}", file=out)
                changed += 1
        raw = path.read_bytes()
        newline = "\r\n" if b"\r\n" in raw else "\n"
        bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        text = bom + newline.join(lines)
        path.write_bytes(text.encode("utf-8"))
    return changed


def run_check(root: Path, fix: bool = False, today: dt.date | None = None, out: TextIO | None = None) -> int:
    import sys
    out = out or sys.stdout
    findings, fixes = collect(root, today)
    if fix and fixes:
        changed = fix_files(fixes, out)
        print(f"{changed} change(s) applied; checking again", file=out)
        findings, _ = collect(root, today)
    for finding in findings:
        print(finding, file=out)
    if findings:
        files = len({f.path for f in findings})
        print(f"{len(findings)} finding(s) in {files} file(s)", file=out)
        return 1
    return 0
