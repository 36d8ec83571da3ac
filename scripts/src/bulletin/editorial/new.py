"""`bulletin new <series>`: the next issue file, numbered, dated and addressed, with a skeleton body.

Numbering: 第N期 restarts at 1 every January (the year of the date); 总第N期 continues from the
highest total the series has used.  Supplements (增刊) are numbered apart and are not counted.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..sources import scan
from ..errors import Problem, SourceError
from ..kinds import KINDS
from . import frontmatter, placement



@dataclass
class NewIssue:
    path: Path
    rel: str
    number: int
    total: int | None
    text: str


def next_numbers(folder: Path, year: int) -> tuple[int, int | None]:
    """(第N期 for ``year``, 总第N期 or None) for the series in ``folder``. A file whose number is still
    to be filled in (an import's todo: issue) counts by its name: 005.md holds 第5期."""
    numbers, totals = [], []
    for path in scan.issue_files(folder):
        src = scan.read_source(path, path.name)
        if src.supplement:
            continue
        number, total, date = src.get_int("issue"), src.get_int("total"), src.get_date()
        number = number or (int(path.stem) if path.stem.isdigit() else None)
        file_year = date.year if date else (int(path.parent.name) if path.parent.name.isdigit() else None)
        if number and file_year == year:
            numbers.append(number)
        if total:
            totals.append(total)
    return (max(numbers, default=0) + 1, max(totals) + 1 if totals else None)


def plan_new_issue(root: Path, series: str, date: dt.date, number: int | None = None,
                   bulletins: str = "bulletins") -> NewIssue:
    base = root / bulletins
    folder = base / series
    known = [p.name for p in scan.series_folders(base)]
    if series not in known or not (folder / "series.yml").is_file():
        raise SourceError([Problem(f"{bulletins}/{series}", None,
                                   f"unknown series '{series}'; expected one of: {', '.join(known) or '(none)'}")])
    meta = scan.read_series_yml(folder)
    kind = meta.get("kind", "bulletin")
    if number is not None and number not in placement.NUMBERS:
        raise SourceError([Problem(f"{bulletins}/{series}", None, f"--issue {number} is not an issue number; "
                                   "expected a number from 1 to 999")])
    auto_number, total = next_numbers(folder, date.year)
    number = number or auto_number
    if number != auto_number:
        total = None   # a hand-picked number: the editor fills in 总第N期 if the series uses it
    rel = f"{bulletins}/{series}/{date.year}/{number:03d}.md"
    path = root / rel
    outside = placement.leads_out(base, path.parent)
    if outside:
        raise SourceError([Problem(f"{bulletins}/{series}/{date.year}", None, outside)])
    if placement.taken(path):
        raise SourceError([Problem(rel, None, f"第{number}期 of {date.year} already exists; refusing to overwrite it. "
                                              "Expected a new number: edit that file, or pass another --issue")])
    if meta.get("kind", "bulletin") not in KINDS:
        raise SourceError([Problem(f"{bulletins}/{series}/series.yml", None, f"unknown kind '{meta.get('kind')}'; "
                                   f"expected one of: {', '.join(KINDS)}")])
    fields, body = KINDS[meta.get("kind", "bulletin")].skeleton(meta, number, total, date)
    text = _write(KINDS[meta.get("kind", "bulletin")].spec, number, fields, body)
    return NewIssue(path, rel, number, total, text)


def _write(spec: type, number: int, fields: list[str], body: list[str]) -> str:
    """The skeleton's front-matter lines (``key: value  # comment``) through the one front-matter writer."""
    data = {"issue": number, **(yaml.safe_load("\n".join(fields)) or {})}
    comments = {m["key"]: m["comment"] for m in map(_COMMENTED.match, fields) if m}
    return frontmatter.document(data, "\n".join(body), spec, comments)


_COMMENTED = re.compile(r"^(?P<key>[A-Za-z_]+):[^#]*#\s*(?P<comment>.+)$")


def create_issue(root: Path, series: str, date: dt.date, number: int | None = None) -> NewIssue:
    new = plan_new_issue(root, series, date, number)
    new.path.parent.mkdir(parents=True, exist_ok=True)
    placement.create(new.path, new.text, new.rel)
    return new
