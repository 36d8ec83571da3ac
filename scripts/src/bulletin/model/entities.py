"""The in-memory model: a project holds series, a series holds issues, an issue holds articles."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..chinese import cn_date


@dataclass(frozen=True)
class Recipient:
    name: str
    person: bool
    copies: int

    @property
    def shown(self) -> str:
        return f"{self.name}同志" if self.person else self.name


@dataclass(frozen=True)
class Group:
    name: str
    members: tuple[Recipient, ...]
    label: str | None = None

    @property
    def shown(self) -> list[str]:
        return [self.label] if self.label else [m.shown for m in self.members]


@dataclass
class AddressBook:
    path: Path
    groups: dict[str, Group]
    readable: bool = True   # False when distribution.yml itself has a problem (reported once, there)


@dataclass(frozen=True)
class DistributionLine:
    role: str              # 报, 送 or 发
    names: tuple[str, ...]

    @property
    def text(self) -> str:
        return "、".join(self.names)


@dataclass(frozen=True)
class Distribution:
    lines: tuple[DistributionLine, ...]
    extra: tuple[str, ...]  # 本期增发
    copies: int             # 共印N份


@dataclass
class Section:
    """A level-2 section of the body: an article in a bulletin."""
    number: int
    title: str
    body: str   # Markdown below the heading
    line: int   # line of the heading in the source file
    report: bool = False   # a meeting report inside a bulletin (its first line was 【会议报道】…)
    dateline: str = ""     # what followed 【会议报道】 on that line

    @property
    def anchor(self) -> str:
        return f"article-{self.number}"


@dataclass
class Issue:
    series: "Series"
    path: Path            # source file
    rel: str              # path shown in messages, relative to the project
    spec: Any             # the validated front matter (schema.*Spec)
    body: str             # Markdown after the front matter
    body_line: int        # file line where the body starts
    preface: str          # 编者按: body text before the first article
    sections: list[Section]
    distribution: Distribution | None = None
    document: Any = None    # official.OfficialDoc for notices, plans and reports
    resources: list[Path] = field(default_factory=list)   # files the body refers to (images), checked
    number_line: int = 2    # file line of the `issue:` field, where numbering problems are reported
    stamp: tuple | None = None   # the file's inode, size and times when it was read (sources/loader.py)

    @property
    def number(self) -> int:
        return self.spec.issue

    @property
    def year(self) -> int:
        return self.spec.date.year

    @property
    def date(self) -> dt.date:
        return self.spec.date

    @property
    def slug(self) -> str:
        return f"zk{self.number:03d}" if self.spec.supplement else f"{self.number:03d}"

    @property
    def key(self) -> str:
        """Stable ASCII path without extension: <series>/<year>/<NNN>."""
        return f"{self.series.slug}/{self.year}/{self.slug}"

    @property
    def number_text(self) -> str:
        return f"增刊第{self.number}期" if self.spec.supplement else f"第{self.number}期"

    @property
    def total_text(self) -> str | None:
        total = getattr(self.spec, "total", None)
        return f"总第{total}期" if total and self.series.show_total else None

    @property
    def date_text(self) -> str:
        return cn_date(self.date)

    @property
    def title(self) -> str:
        """A page title: the document title, else the series, year and number."""
        if self.spec.title:
            return self.spec.title
        return f"{self.series.title}（{self.year}年{self.number_text}）"

    @property
    def headline(self) -> str:
        """What listings show: the title, else the first article's headline."""
        if self.spec.title:
            return self.spec.title
        return self.sections[0].title if self.sections else self.title


@dataclass
class Series:
    slug: str
    path: Path
    title: str
    office: str
    kind: str
    description: str
    show_total: bool
    visibility: str
    distribution_on_web: bool
    extra_copies: int
    default_distribution: dict[str, list[str]]
    issues: list[Issue] = field(default_factory=list)
    source: Any = None     # the parsed series.yml (a YamlDoc), for line numbers of default groups


@dataclass
class Project:
    root: Path
    bulletins_dir: Path
    addressbook: AddressBook
    series: dict[str, Series]
    stamps: dict[Path, tuple | None] = field(default_factory=dict)   # address book and series.yml files as read

    def all_issues(self) -> list[Issue]:
        return [i for s in self.series.values() for i in s.issues]
