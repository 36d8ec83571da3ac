"""`bulletin import`: the steps in order, for one file (import_file) and for many (run_import).

read → Traditional→Simplified when needed → clean → paragraphs → guess the kind → the kind's
structure → overrides → files (issue, attachments, sidecar) → report. A file is refused only when
nothing can be imported (scanned PDF, unreadable file, unknown series, an issue file already there).
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ...errors import Problem, SourceError
from .. import placement
from ..new import next_numbers
from . import bulletin, catalogue, clean, compiled, news, notice, paragraphs, plan, pubnotes, report, write
from .context import Context, SeriesInfo, load_context
from .guess import guess
from .common import NOTE, NOTE_MARK
from .model import Block, NeedsOCR, Parsed, Source, Unreadable, han
from .read import FORMATS, read, t2s

STRUCTURE = {"bulletin": bulletin.structure, "notice": notice.structure, "plan": plan.structure,
             "report": news.structure}


@dataclass
class Options:
    series: str | None = None
    kind: str | None = None
    date: dt.date | None = None
    number: int | None = None
    title: str | None = None
    t2s: bool = False


@dataclass
class Result:
    path: Path
    source: Source | None = None
    kind: str | None = None
    why: str = ""
    series: SeriesInfo | None = None
    series_why: str = ""
    parsed: Parsed = field(default_factory=Parsed)
    rel: str = ""              # the issue file, relative to the project
    files: dict[str, str] = field(default_factory=dict)   # name beside the issue -> text
    folder: Path | None = None
    t2s: str = ""
    refused: str | None = None
    han_read: int = 0
    han_removed: int = 0
    han_in: int = 0
    han_kept: int = 0

    @property
    def stem(self) -> str:
        return Path(self.rel).stem

    @property
    def issue_name(self) -> str:
        return f"{self.stem}.md"

    @property
    def retention(self) -> float:
        return self.han_kept / self.han_in if self.han_in else 1.0


def import_file(path: Path, ctx: Context, options: Options | None = None) -> Result:
    """Everything but writing: what would be written for ``path`` read as one document, and the
    report's facts. (``import_path`` cuts a file holding several issues into them.)"""
    return import_path(path, ctx, options, split=False)[0]


def import_path(path: Path, ctx: Context, options: Options | None = None, split: bool = True) -> list[Result]:
    """What would be written for ``path``: one Result per issue it holds (compiled.py), in order."""
    options = options or Options()
    result = Result(path)
    try:
        src = result.source = read(path)
    except NeedsOCR as exc:
        result.refused = str(exc)
        return [result]
    except Unreadable as exc:
        result.refused = str(exc)
        return [result]
    if not any(line.text.strip() for line in src.lines):
        from .webpage import FRAME
        frames = [text for why, text in src.removed if why == FRAME]
        what = "nothing but the site's furniture" if src.removed else "no text"
        result.refused = (f"no text in it but in its frames: {', '.join(frames[:5])}; expected the page that holds "
                          "the document: import that file" if frames else f"{what} in it; expected a document's text")
        return [result]
    _ideographs(src)
    _simplify(src, options, result)
    # a number, title or date given on the command line is for one document: the file is not cut
    given = options.number is not None or options.title is not None or options.date is not None
    parts = compiled.split(src, ctx) if split and not given else None
    if not parts:
        return [_import(result, src, ctx, options)]
    return [_import(Result(path, source=part, t2s=result.t2s if n == 0 else ""), part, ctx, options)
            for n, part in enumerate(parts)]


def _import(result: Result, src: Source, ctx: Context, options: Options) -> Result:
    """One document's lines through clean, paragraphs, guess and its kind's structure."""
    path = result.path
    removed_before = len(src.removed)
    lines, found = catalogue.take(src.lines, src.removed)   # a 信息公开 table that came as lines
    src.catalogue.update(found)
    lines = clean.strip(lines, src.removed, pdf=src.fmt == "pdf")
    if src.fmt in ("docx", "html"):    # paragraphs that are a printed text's lines
        lines = paragraphs.pasted(lines)
    lines = paragraphs.unfold(lines, src.notes)
    blocks = _with_footnotes(paragraphs.blocks(lines, geometry=src.fmt == "pdf"), src.footnotes)
    result.kind, result.why = guess(blocks, src.catalogue, tuple(re.sub(r"\s", "", s.title) for s in ctx.series.values()))
    if not _choose(result, ctx, options):
        return result
    if options.kind or options.series:
        result.why = f"{_forced(result, options)}; the text suggests {result.why}"
    if result.kind != "report":   # a report reads them itself (news.py)
        blocks, notes = pubnotes.set_aside(blocks)
    parsed = result.parsed = STRUCTURE[result.kind](blocks, ctx)
    if result.kind != "report":
        pubnotes.apply(notes, parsed)
    _from_catalogue(src, parsed)
    _damaged(parsed)
    _series(result, ctx, options, parsed)
    if result.refused:
        return result
    _overrides(parsed, options)
    _place(result, ctx, parsed)
    if result.refused:
        return result
    result.files = write.texts(parsed, result.kind, result.stem, str(path))
    _retention(result, src, removed_before)
    return result


def _with_footnotes(blocks: list[Block], notes: dict[int, str]) -> list[Block]:
    """Each footnote a PDF page cites (pdfnotes.py) after the paragraph or table citing it, as
    Word's are."""
    if not notes:
        return blocks
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        for label in map(int, NOTE_MARK.findall("\n".join([block.text, *(block.table or [])]))):
            if label in notes:
                out.append(Block(f"{NOTE.format(label)}: {notes[label]}", block.no))
    return out


def _damaged(parsed: Parsed) -> None:
    """Bytes the file's encoding could not read became U+FFFD (read.py): the issue waits until an
    editor has compared those places with the original."""
    texts = [*parsed.body, *(b for _, blocks in parsed.attachments for b in blocks), *parsed.unplaced,
             *(str(v) for v in parsed.fields.values())]
    count = sum(text.count("\ufffd") for text in texts)
    if count:
        parsed.todo["body"] = f"正文中有{count}处无法识别的字节，已替换为“\ufffd”：请搜索“\ufffd”，对照原文改正"


# A field the document lacks, from its page's information-disclosure table (webpage.py): label -> field.
_CATALOGUE_FIELDS = {"title": ("标题", "名称"), "doc_number": ("发文字号", "文号"), "issuer": ("发文机关",),
                     "date": ("成文日期", "发布日期")}


def _from_catalogue(src: Source, parsed: Parsed) -> None:
    """Title, 文号, issuer or date the document itself does not print, from its page's 信息公开 table."""
    from .dates import find_date
    for name, labels in _CATALOGUE_FIELDS.items():
        value = next((src.catalogue[label] for label in labels if src.catalogue.get(label)), None)
        if name not in parsed.todo or value is None:
            continue
        if name == "date":
            found = find_date(value)
            if not found:
                continue
            value = found[0]
        if name == "doc_number":             # read as one printed under a title is: 〔〕 and its number
            if notice.set_doc_number(re.sub(r"[\s\u3000]", "", value), parsed) is None:
                continue
            value = parsed.fields["doc_number"]
        parsed.fields[name] = value
        del parsed.todo[name]
        parsed.notes.append(f"{name} taken from the page's information-disclosure table (信息公开): {value}")


def _ideographs(src: Source) -> None:
    """Radicals standing in for ideographs (⼯作 → 工作), as some PDF text layers have them."""
    count = 0
    for line in src.lines:
        line.text, n = clean.ideographs(line.text)
        count += n
    if count:
        src.notes.append(f"{count} character(s) written as radicals or compatibility forms replaced by the "
                         "ideographs they stand for (⼯作 → 工作, ⻓效 → 长效)")


def _simplify(src: Source, options: Options, result: Result) -> None:
    """Traditional characters become Simplified (OpenCC t2s) when the text is Traditional or --t2s."""
    text = "\n".join(line.text for line in src.lines)
    total = sum(han(text).values())
    converted = t2s(text)
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if options.t2s or (total and changed / total > 0.03):
        parts = converted.split("\n")
        if len(parts) != len(src.lines):       # a line with a break of its own: each converted alone
            parts = [t2s(line.text) for line in src.lines]
        for line, part in zip(src.lines, parts):
            line.text = part
        why = "--t2s" if options.t2s else f"{changed} of {total} Han characters are Traditional"
        result.t2s = f"Traditional → Simplified with OpenCC ({why})"


def _forced(result: Result, options: Options) -> str:
    return f"--kind {options.kind}" if options.kind else f"series {options.series} holds {result.kind} documents"


def _choose(result: Result, ctx: Context, options: Options) -> bool:
    """The kind to write: --kind, else the --series' kind, else the guess."""
    if options.series:
        info = ctx.series.get(options.series)
        if info is None:
            result.refused = (f"unknown series '{options.series}'; expected one of: "
                              f"{', '.join(ctx.series) or '(none: create bulletins/<series>/series.yml first)'}")
            return False
        if options.kind and options.kind != info.kind:
            result.refused = (f"--kind {options.kind} contradicts --series {options.series}, which holds "
                              f"{info.kind} documents; expected a series of kind {options.kind}")
            return False
        result.kind = info.kind
    elif options.kind:
        result.kind = options.kind
    return True


def _series(result: Result, ctx: Context, options: Options, parsed: Parsed) -> None:
    if options.series:
        result.series = ctx.series[options.series]
        result.series_why = " — as --series says"
        if parsed.series_hint and parsed.series_hint != options.series:
            parsed.notes.append(f"the text names series '{parsed.series_hint}'; imported into "
                                f"'{options.series}' as --series says")
        return
    hinted = ctx.series.get(parsed.series_hint or "")
    if hinted is not None and hinted.kind == result.kind:
        result.series, result.series_why = hinted, parsed.series_why
        return
    candidates = ctx.of_kind(result.kind)
    if len(candidates) == 1:
        result.series, result.series_why = candidates[0], f" — the only {result.kind} series"
        return
    names = ", ".join(s.slug for s in candidates) or "(none)"
    result.refused = (f"cannot tell which series this {result.kind} belongs to (series of that kind: {names}); "
                      "expected --series SERIES")


def _overrides(parsed: Parsed, options: Options) -> None:
    for name, value in (("date", options.date), ("issue", options.number), ("title", options.title)):
        if value is not None:
            parsed.fields[name] = value
            parsed.todo.pop(name, None)
            parsed.found.append(f"{name} {value} (given on the command line)")


def _place(result: Result, ctx: Context, parsed: Parsed) -> None:
    """Year folder and file number; a number the text does not give is the next free one."""
    f = parsed.fields
    year = f["date"].year if isinstance(f.get("date"), dt.date) else _year_hint(result, parsed)
    folder = ctx.root / ctx.bulletins / result.series.slug
    number = f.get("issue") or f.get("_number")
    if number is None:
        number = next_numbers(folder, year)[0]
        if "issue" not in parsed.todo:
            parsed.notes.append(f"no number in the text: issue {number}, the next free number of {year}")
    if "issue" not in parsed.todo:
        f["issue"] = number
    f.pop("_number", None)
    stem = f"zk{number:03d}" if f.get("supplement") else f"{number:03d}"
    result.folder = folder / str(year)
    result.rel = f"{ctx.bulletins}/{result.series.slug}/{year}/{stem}.md"
    if (result.folder / f"{stem}.md").exists():
        result.refused = (f"{result.rel} already exists; not overwritten. Expected a new issue: pass --number N "
                          "for another number, or move the existing file away")


def _year_hint(result: Result, parsed: Parsed) -> int:
    """The year folder of an issue without a date: the first year the text names, else this year
    (said in the report: the editor moves the file when the date is filled in)."""
    for line in result.source.lines[:40]:
        m = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", line.text)
        if m:
            parsed.notes.append(f"no date: filed under {m.group(1)}, the first year the text names")
            return int(m.group(1))
    year = dt.date.today().year
    parsed.notes.append(f"no date and no year in the text: filed under this year, {year}; move the file to its "
                        "year's folder when the date is filled in")
    return year


def _retention(result: Result, src: Source, removed_before: int) -> None:
    """Han characters of the text read (a PDF's cited notes too, read apart from its lines), less
    those in removed lines, found again in the output."""
    read_ = han("\n".join([*(line.text for line in src.lines), *src.footnotes.values()]))
    removed = han("\n".join(text for _, text in src.removed[removed_before:] + result.parsed.removed))
    wanted = read_ - removed
    out = han("\n".join(result.files.values()) + "\n".join(result.parsed.consumed))
    result.han_read = sum(read_.values())
    result.han_removed = sum(read_.values()) - sum(wanted.values())
    result.han_in = sum(wanted.values())
    result.han_kept = sum(min(n, out[ch]) for ch, n in wanted.items())


# ---------------------------------------------------------------- command

def run_import(root: Path, files: list[Path], options: Options, stream: TextIO | None = None) -> int:
    from ...progress import progress
    stream = stream or sys.stdout
    if options.number is not None and options.number not in placement.NUMBERS:
        raise SourceError([Problem("--number", None, f"{options.number} is not an issue number; expected a number "
                                                     "from 1 to 999 (as bulletin new takes)")])
    ctx = load_context(root)
    if options.series and options.series not in ctx.series:
        raise SourceError([Problem(f"{ctx.bulletins}/{options.series}", None,
                                   f"unknown series '{options.series}'; expected one of: "
                                   f"{', '.join(ctx.series) or '(none)'}")])
    results = []
    files = _expand(files, stream)
    for path in progress(files, "import", label=lambda p: p.name):
        if not path.is_file():
            found = [Result(path, refused="no such file; expected a .txt, .html, .mht, .docx, .doc, .wps, .rtf, "
                                          ".odt or .pdf legacy document")]
        else:
            found = import_path(path, ctx, options)
        for result in found:
            if not result.refused:
                clash = write.clashes(result.folder, result.files)
                leads_out = placement.leads_out(root / ctx.bulletins, result.folder)
                if leads_out:
                    result.refused = leads_out
                elif clash:
                    result.refused = (f"{', '.join(clash)} already exist(s) in {result.folder.relative_to(root)}; "
                                      "not overwritten. Expected a new issue: pass --number N, or move the files away")
                else:
                    write.write(result.folder, result.files)
            results.append(result)
            report.file_report(result, stream)
    report.summary(results, stream)
    return 1 if any(r.refused for r in results) else 0


def _expand(files: list[Path], stream: TextIO) -> list[Path]:
    """A folder stands for the documents under it, in name order: files named as one of the formats
    read (.txt, .html, .docx, .pdf …), not hidden ones or Word's ~$ lock files. What else is there is
    counted by suffix in one line, so an archive's images and spreadsheets are seen to be left."""
    from collections import Counter
    out: list[Path] = []
    for path in files:
        if not path.is_dir():
            out.append(path)
            continue
        left: Counter = Counter()
        for found in sorted(path.rglob("*")):
            if not found.is_file() or any(part.startswith(".") for part in found.relative_to(path).parts):
                continue
            if found.name.startswith("~$"):
                left["~$ (Word's lock files)"] += 1
            elif _saved_with_page(found, path):
                left["(a saved page's own files)"] += 1
            elif _folder_note(found):
                left["(notes on the folder: readme, 说明, one line)"] += 1
            elif found.suffix.lower() in FORMATS:
                out.append(found)
            else:
                left[found.suffix.lower() or "(no suffix)"] += 1
        if left:
            listed = ", ".join(f"{suffix} {n}" for suffix, n in sorted(left.items(), key=lambda kv: (-kv[1], kv[0])))
            print(f"{path}: {sum(left.values())} file(s) not imported, not being documents: {listed}", file=stream)
    return out


_NOTE_NAMES = re.compile(r"^(?:read[ _-]?me|说明|使用说明|目录说明|说明文件|自述文件?)$", re.I)


def _folder_note(found: Path) -> bool:
    """A note an archive keeps about itself: a readme or 说明 by name, or a plain-text file of one line
    (本文件夹收录2019年简报): nothing in it is an issue. Named on the command line, it is imported."""
    if _NOTE_NAMES.match(found.stem):
        return True
    if found.suffix.lower() not in (".txt", ".md") or found.stat().st_size > 1000:
        return False
    return len([line for line in found.read_bytes().splitlines() if line.strip()]) <= 1


def _saved_with_page(found: Path, root: Path) -> bool:
    """Is ``found`` in the folder a browser saves a page's frames, scripts and images in (页面_files
    or 页面.files beside 页面.html)? Its share widget or frame is no document of the archive."""
    for folder in found.relative_to(root).parents:
        folder = root / folder
        for end in ("_files", ".files"):
            if folder.name.endswith(end) and any(
                    (folder.parent / (folder.name[:-len(end)] + suffix)).is_file() for suffix in (".html", ".htm", ".shtml")):
                return True
    return False
