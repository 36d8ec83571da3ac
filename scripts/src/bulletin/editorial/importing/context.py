"""What the importer knows about the project: its series (title, office, kind) and address book."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import Collector
from ...sources import scan
from ...sources.addressbook import load_address_book
from . import recipients


@dataclass
class SeriesInfo:
    slug: str
    title: str
    office: str
    kind: str


@dataclass
class Context:
    root: Path
    series: dict[str, SeriesInfo] = field(default_factory=dict)
    book: object | None = None
    bulletins: str = "bulletins"

    def offices(self) -> set[str]:
        return {s.office for s in self.series.values() if s.office}

    def known_names(self) -> set[str]:
        return recipients.known_names(self.book)

    def of_kind(self, kind: str) -> list[SeriesInfo]:
        return [s for s in self.series.values() if s.kind == kind]


def load_context(root: Path, bulletins: str = "bulletins") -> Context:
    base = root / bulletins
    ctx = Context(root, bulletins=bulletins)
    for folder in scan.series_folders(base):
        meta = scan.read_series_yml(folder)
        ctx.series[folder.name] = SeriesInfo(folder.name, str(meta.get("title") or ""), str(meta.get("office") or ""),
                                             str(meta.get("kind") or "bulletin"))
    book = load_address_book(base / "distribution.yml", f"{bulletins}/distribution.yml", Collector())
    ctx.book = book if book.readable else None
    return ctx
