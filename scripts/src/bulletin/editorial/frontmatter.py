"""The one writer of issue front matter (used by `bulletin new` and `bulletin import`).

Values go through PyYAML's safe dumper one key at a time, so every string is quoted when YAML would
read it as something else (a number, a date, a boolean, a comment), and the result is checked to load
back to the same data. Keys come in the order of the kind's spec (sources/schema.py), with ``todo:``
last where an editor sees it; lists of plain values are written inline (``报: [市领导]``).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from ..sources.schema import field_names


class _Dumper(yaml.SafeDumper):
    """Safe dumper that never emits anchors (the project's YAML reader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Block(dict):
    """The outer mapping: always written as a block, whatever flow style its values get."""


_Dumper.add_representer(_Block, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data,
                                                                     flow_style=False))


def key_order(spec: type) -> list[str]:
    """Front-matter keys in the order a person reads them: number, date, 文号 and title first (as the
    sample issues have them), then the spec's order, ``todo`` last."""
    names = [n for n in field_names(spec) if n != "todo"]
    first = [n for n in _FIRST if n in names]
    return first + [n for n in names if n not in first] + ["todo"]


_FIRST = ("issue", "total", "supplement", "date", "doc_number", "title")


def _dump_one(key: str, value: Any) -> list[str]:
    if value is None:
        return [f"{key}:"]
    if key == "todo" and isinstance(value, dict):
        value = _Block(value)   # one to-do a line, where an editor reads and deletes them
    text = yaml.dump(_Block({key: value}), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=None, width=10_000)
    return text.rstrip("\n").split("\n")


def dump(data: dict[str, Any], spec: type | None = None, comments: dict[str, str] | None = None) -> str:
    """YAML text (without the ``---`` lines) for ``data``; ``comments`` adds ``# …`` after a key's
    first line. Keys unknown to ``spec`` keep their given order after the known ones."""
    comments = comments or {}
    order = key_order(spec) if spec is not None else list(data)
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    lines: list[str] = []
    for key in keys:
        value = data[key]
        if value in ({}, []) and key not in comments:
            continue
        dumped = _dump_one(key, value)
        if key in comments:
            dumped[0] = f"{dumped[0]:<10} # {comments[key]}"
        lines += dumped
    text = "\n".join(lines) + "\n"
    _round_trips(text, {k: data[k] for k in keys if data[k] not in ({}, [])})
    return text


def _normal(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
    return value


def _round_trips(text: str, data: dict[str, Any]) -> None:
    """A safety net: what was written must read back as what was meant."""
    back = yaml.safe_load(text) or {}
    if _normal(back) != _normal(data):
        raise ValueError(f"front matter does not round-trip: wrote {data!r}, reads back {back!r}")


def document(data: dict[str, Any], body: str, spec: type | None = None,
             comments: dict[str, str] | None = None) -> str:
    """A whole source file: ``---``, the front matter, ``---``, a blank line and the body."""
    return "---\n" + dump(data, spec, comments) + "---\n\n" + body.rstrip("\n") + "\n"
