"""Declared schemas for every source file, and wording of their errors for people.

Pydantic checks the shape; ``explain`` turns each of its errors into
``field 'x': got …; expected …`` so the loader can prefix ``path:line``.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, ValidationError, model_validator

ROLES = ("报", "送", "发")


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("date_format")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("date_invalid") from None


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
# Strict: YAML gives real ints and bools, and lax validation would read `issue: true` as 1.
Whole = Annotated[int, Strict(), Field(ge=0)]
PositiveInt = Annotated[int, Strict(), Field(gt=0)]
Flag = Annotated[bool, Strict()]
Text = Annotated[str, Field(min_length=1)]
# A print marking (内部资料 注意保存, 秘密★1年 特急) is a few words set above the masthead (200 leaves room
# for any; the injection corpus puts its payloads there); a paragraph there
# took a minute to lay out in print.
Marking = Annotated[str, Field(min_length=1, max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, populate_by_name=True, defer_build=True)


class DistributionSpec(_Strict):
    """Recipient groups by role; each name refers to a group in distribution.yml."""
    bao: list[Text] = Field(default_factory=list, alias="报")
    song: list[Text] = Field(default_factory=list, alias="送")
    fa: list[Text] = Field(default_factory=list, alias="发")

    def by_role(self) -> dict[str, list[str]]:
        return {"报": self.bao, "送": self.song, "发": self.fa}


class GroupSpec(_Strict):
    people: list[Text] | None = None
    units: list[Text] | None = None
    copies: PositiveInt = 1
    label: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "GroupSpec":
        if bool(self.people) == bool(self.units):
            raise ValueError("group_members")
        return self


class AddressBookSpec(_Strict):
    groups: dict[Text, GroupSpec]


class SeriesSpec(_Strict):
    title: Text
    office: Text
    kind: Text = "bulletin"      # a name in bulletin.kinds.KINDS, checked by the loader
    description: str = ""
    show_total: Flag = False
    visibility: Literal["public", "internal"] = "public"
    distribution_on_web: Flag = True
    marking_on_web: Flag = False    # show an issue's marking (内部资料 注意保存) on its web page too
    extra_copies: Whole = 0
    distribution: DistributionSpec = Field(default_factory=DistributionSpec)


class IssueSpec(_Strict):
    """Front matter shared by every kind of document."""
    issue: PositiveInt
    date: Date
    title: Text | None = None
    visibility: Literal["public", "internal"] | None = None
    marking: Marking | None = None
    supplement: Flag = False
    # Left by `bulletin import`: field name -> what the editor must still do. Any entry blocks the
    # build and `check` until an editor fills the field in and removes the entry.
    todo: dict[Text, Text] = Field(default_factory=dict)


class IssueDistributionSpec(DistributionSpec):
    """An issue's 报/送/发: groups, plus recipients written out literally (imported bulletins
    name units the address book does not have): ``literal: {送: [市档案馆]}``."""
    literal: DistributionSpec | None = None


class BulletinSpec(IssueSpec):
    total: PositiveInt | None = None
    distribution: IssueDistributionSpec | None = None
    extra: list[Text] = Field(default_factory=list)


class AttachmentSpec(_Strict):
    title: Text
    file: Text


class ContactSpec(_Strict):
    name: Text
    phone: Text


class OfficialSpec(IssueSpec):
    """Notices and plans: the elements of an official document (GB/T 9704)."""
    doc_number: Text
    title: Text
    addressees: Text | None = None
    numbering: Literal["manual", "auto"] = "manual"
    attachments: list[AttachmentSpec] = Field(default_factory=list)
    issuer: Text
    note: Text | None = None
    contact: ContactSpec | None = None
    cc: list[Text] = Field(default_factory=list)
    printed_by: Text | None = None
    printed_date: Date | None = None
    index_no: Text | None = None    # 索引号 of the government open-information catalogue, shown on the web
    subject: Text | None = None     # 主题分类, shown on the web


class ReportSpec(IssueSpec):
    title: Text
    place: Text | None = None
    source: Text | None = None


_EXPECT = {
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "greater_than": "a number greater than 0", "greater_than_equal": "a number of 0 or more",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "string_type": "text", "string_too_short": "non-empty text",
    "list_type": "a list such as [甲, 乙]", "dict_type": "a mapping of names to values",
    "model_type": "a mapping of names to values", "model_attributes_type": "a mapping of names to values",
}


def _dotted(loc: tuple) -> str:
    return ".".join(str(x) for x in loc)


def explain(error: dict, known_fields: list[str]) -> str:
    """One validation error in words: what is wrong; what was expected."""
    loc, kind = tuple(error["loc"]), error["type"]
    name = _dotted(loc) or "the file"
    got = error.get("input")
    if kind == "missing":
        return f"missing required field '{name}'; expected it in the front matter"
    if kind == "extra_forbidden":
        return f"unknown field '{name}'; expected one of: {', '.join(known_fields)}"
    if kind == "literal_error":
        return f"field '{name}' is {got!r}; expected {error['ctx']['expected']}"
    if kind == "value_error":
        why = str(error.get("ctx", {}).get("error", ""))
        if why == "date_format":
            return f"field '{name}' is {got!r}; expected a date written as YYYY-MM-DD"
        if why == "date_invalid":
            return f"field '{name}' is {got!r}, which is not a real calendar date; expected a valid YYYY-MM-DD date"
        if why == "group_members":
            return f"group '{name}' must list either people or units; expected exactly one of them, non-empty"
        return f"field '{name}': {why}"
    expected = _EXPECT.get(kind, error["msg"].removeprefix("Input should be ").lower())
    return f"field '{name}' is {got!r} ({type(got).__name__}); expected {expected}"


def field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def validate(model: type[BaseModel], data: Any) -> tuple[BaseModel | None, list[tuple[tuple, str]]]:
    """Validate ``data``; return the model or a list of (location, message) problems."""
    if not isinstance(data, dict):
        return None, [((), f"expected a mapping of fields, got {type(data).__name__}")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        names = field_names(model)
        return None, [(tuple(e["loc"]), explain(e, names)) for e in exc.errors()]


def check(model: type[BaseModel], doc, rel: str, errors, skip: frozenset[str] = frozenset()) -> BaseModel | None:
    """Validate a parsed YAML document, reporting each problem at its own line in ``errors``.

    Problems of the top-level fields in ``skip`` are not reported (they were reported already, for
    instance as an importer's to-do), but the document still fails validation."""
    spec, problems = validate(model, doc.data)
    for loc, message in problems:
        if not (loc and str(loc[0]) in skip):
            errors.add(rel, doc.line_of(loc), message)
    return spec
