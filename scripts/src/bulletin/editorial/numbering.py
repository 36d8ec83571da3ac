"""`bulletin check` over a series: gaps and duplicates in the numbering (BL101, BL102), dates out
of order or in the future (BL103, BL105), and 总第N期 that does not follow on (BL104)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..sources import scan
from .findings import Finding


def check_numbering(sources: list[scan.SourceFile], series: str, today: dt.date,
                    gaps: bool = True) -> list[Finding]:
    """Numbering and dates of one series; ``gaps`` is off for kinds not numbered by year (notices
    and plans take their numbers from a register shared with documents never published here)."""
    findings = _future_dates(sources, today)
    chain: list[scan.SourceFile] = []
    for (year, supplement), members in sorted(_by_year(sources).items()):
        label = "增刊" if supplement else ""
        unique = _unique_numbers(members, f"{label}第{{}}期 of {series} {year}", findings)
        if gaps:
            findings += _gaps(unique, label, f"of {series} {year}")
        findings += _order(unique)
        if not supplement:
            chain += unique
    return findings + _totals(chain)


def _by_year(sources: list[scan.SourceFile]) -> dict[tuple[int, bool], list[scan.SourceFile]]:
    groups: dict[tuple[int, bool], list[scan.SourceFile]] = defaultdict(list)
    for src in sources:
        if src.get_int("issue") is None:
            continue
        date = src.get_date()
        year = date.year if date else (int(src.path.parent.name) if src.path.parent.name.isdigit() else 0)
        groups[(year, src.supplement)].append(src)
    return groups


def _future_dates(sources: list[scan.SourceFile], today: dt.date) -> list[Finding]:
    findings = []
    for src in sources:
        date = src.get_date()
        if src.get_int("issue") is not None and date and date > today:
            findings.append(Finding(src.rel, src.line_of("date"), 1, "BL105",
                                    f"date {date.isoformat()} is in the future (today is {today.isoformat()}); "
                                    "expected the date the issue is published"))
    return findings


def _unique_numbers(members: list[scan.SourceFile], what: str, findings: list[Finding]) -> list[scan.SourceFile]:
    """The members sorted by number, each number once; a second one is reported (BL102)."""
    seen: dict[int, scan.SourceFile] = {}
    for src in sorted(members, key=lambda s: (s.get_int("issue"), s.rel)):
        n = src.get_int("issue")
        if n in seen:
            findings.append(Finding(src.rel, src.line_of("issue"), 1, "BL102",
                                    f"{what.format(n)} is also {seen[n].rel}; expected each number once a year"))
        else:
            seen[n] = src
    return list(seen.values())


def _gaps(unique: list[scan.SourceFile], label: str, where: str) -> list[Finding]:
    findings, previous = [], 0
    for src in unique:
        n = src.get_int("issue")
        if n > previous + 1:
            missing = f"{label}第{previous + 1}期" if n == previous + 2 else \
                f"{label}第{previous + 1}期 to 第{n - 1}期"
            findings.append(Finding(src.rel, src.line_of("issue"), 1, "BL101",
                                    f"{missing} {where} missing before this {label}第{n}期; "
                                    "expected numbers without gaps, starting at 1 each year"))
        previous = n
    return findings


def _order(unique: list[scan.SourceFile]) -> list[Finding]:
    findings = []
    for a, b in zip(unique, unique[1:]):
        da, db = a.get_date(), b.get_date()
        if da and db and db < da:
            findings.append(Finding(b.rel, b.line_of("date"), 1, "BL103",
                                    f"第{b.get_int('issue')}期 is dated {db.isoformat()}, before "
                                    f"第{a.get_int('issue')}期 ({da.isoformat()}, {a.rel}); "
                                    "expected dates in the order of the numbers"))
    return findings


def _totals(chain: list[scan.SourceFile]) -> list[Finding]:
    findings = []
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
