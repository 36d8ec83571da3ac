"""The address book (bulletins/distribution.yml) and resolving 报/送/发 from its groups."""
from __future__ import annotations

import difflib
from pathlib import Path

from . import schema, yamlsrc
from ..errors import Collector
from ..model import AddressBook, Distribution, DistributionLine, Group, Recipient
from .textfile import read_text


def load_address_book(path: Path, rel: str, errors: Collector) -> AddressBook:
    book = AddressBook(path, {})
    if not path.is_file():
        errors.add(rel, None, "the address book is missing; expected a file with a 'groups:' mapping")
        book.readable = False
        return book
    text = read_text(path, errors, rel, inside=path.parent)
    doc = yamlsrc.parse_reported(text, rel, errors) if text is not None else None
    spec = schema.check(schema.AddressBookSpec, doc, rel, errors) if doc else None
    if spec is None:
        book.readable = False   # the groups the issues name are not checked: their errors would follow from this one
        return book
    for name, group in spec.groups.items():
        people = [Recipient(n, True, group.copies) for n in group.people or []]
        units = [Recipient(n, False, group.copies) for n in group.units or []]
        book.groups[name] = Group(name, tuple(people + units), group.label)
    return book


def suggest(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.3)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected one of: " + "、".join(choices) if choices else "the address book has no groups"


def resolve(book: AddressBook, roles: dict[str, list[str]], extra: list[str], extra_copies: int,
            report, literal: dict[str, list[str]] | None = None) -> Distribution:
    """Resolve group names per role; ``report(role, index, message)`` is called for unknown groups.

    Every member counts once even when two groups name it; 本期增发 recipients get one copy each,
    and so do ``literal`` recipients (names written out, not from the address book), shown after the groups.
    """
    lines: list[DistributionLine] = []
    copies: dict[str, int] = {}
    for role in schema.ROLES:
        shown: list[str] = []
        for index, name in enumerate(roles.get(role, [])):
            group = book.groups.get(name)
            if group is None:
                if book.readable:
                        report(role, index, f"unknown distribution group '{name}'; {suggest(name, list(book.groups))}")
                continue
            for member in group.members:
                copies[member.name] = max(copies.get(member.name, 0), member.copies)
            shown.extend(n for n in group.shown if n not in shown)
        for name in (literal or {}).get(role, []):
            copies.setdefault(name, 1)
            if name not in shown:
                shown.append(name)
        if shown:
            lines.append(DistributionLine(role, tuple(shown)))
    for name in extra:
        copies.setdefault(name, 1)
    return Distribution(tuple(lines), tuple(extra), sum(copies.values()) + extra_copies)
