"""Step 5: the issue file, its attachment files and the sidecar of unplaced text, as texts; then
written without ever replacing an existing file."""
from __future__ import annotations

from pathlib import Path

from ...kinds import KINDS
from ...sources.loader import UNPLACED_SUFFIX
from ...sources.schema import validate
from .. import frontmatter, placement
from .model import Parsed

SIDECAR_HEAD = ("# 导入时未能归位的文字，来自 {source}。\n"
                "# 请把需要的内容移入 {issue}（或确认不需要），然后删除本文件：它存在时本期不能发布。\n")


def front_matter(parsed: Parsed, kind: str) -> dict:
    """The issue's fields in the kind's spec; a value the spec refuses becomes a to-do instead."""
    data = {k: v for k, v in parsed.fields.items() if not k.startswith("_")}
    spec = KINDS[kind].spec
    _, problems = validate(spec, {**data, "todo": dict(parsed.todo)})
    for loc, message in problems:
        name = str(loc[0]) if loc else ""
        if name in data and name not in parsed.todo:
            parsed.todo[name] = f"导入的值 {data.pop(name)!r} 不合要求（{message}），请核对后填写"
    if parsed.todo:
        data["todo"] = dict(parsed.todo)
    return data


def texts(parsed: Parsed, kind: str, stem: str, source: str) -> dict[str, str]:
    """{file name: text} for the issue, its attachments and (when needed) the sidecar."""
    for entry in parsed.fields.get("attachments", []):
        entry["file"] = entry["file"].format(stem=stem)
    if "attachments" in parsed.todo:
        parsed.todo["attachments"] = parsed.todo["attachments"]
    data = front_matter(parsed, kind)
    body = "\n\n".join(parsed.body) if parsed.body else "（导入：原文没有正文）"
    out = {f"{stem}.md": frontmatter.document(data, body, KINDS[kind].spec)}
    for name, blocks in parsed.attachments:
        out[name.format(stem=stem)] = "\n\n".join(blocks).rstrip("\n") + "\n"
    if parsed.unplaced:
        out[f"{stem}{UNPLACED_SUFFIX}"] = SIDECAR_HEAD.format(source=source, issue=f"{stem}.md") + \
            "\n".join(parsed.unplaced) + "\n"
    return out


def clashes(folder: Path, files: dict[str, str]) -> list[str]:
    return [name for name in files if placement.taken(folder / name)]


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        placement.create(folder / name, text, str(folder / name))     # never replace a file
