"""Structure of a 实施方案/工作计划: as a notice (title, optional 文号, heading levels, signature),
with its task notes rewritten into the one form the plan's task table reads:
（牵头单位：甲；责任单位：乙、丙）. Accepted in the source: that form with other brackets or
separators, 【牵头单位】甲【责任单位】乙, notes on lines of their own after the task, 配合单位 for
责任单位, and 责任单位：甲（牵头）、乙."""
from __future__ import annotations

import re

from . import notice
from .context import Context
from .model import Block, Parsed
from .paragraphs import level

LEAD = r"(?:牵头单位|牵头部门|主责单位)"
UNITS = r"(?:责任单位|配合单位|参与单位|协办单位)"
INLINE = re.compile(rf"[（(【\[]\s*{LEAD}\s*[:：】\]]\s*(?P<lead>[^；;，,）)【\[]+?)\s*(?:[；;，,]?\s*[【\[]?\s*{UNITS}"
                    rf"\s*[:：】\]]\s*(?P<units>[^）)【\[]+?))?\s*[）)]?(?=$|[。；;，,\s])")
ALONE = re.compile(rf"^[【\[]?\s*(?P<what>{LEAD}|{UNITS})\s*[:：】\]]\s*(?P<names>.+?)"
                   rf"(?:[；;，,\s]*[【\[]?\s*(?P<what2>{UNITS})\s*[:：】\]]\s*(?P<names2>.+?))?[。；;]?$")
LEAD_MARK = re.compile(r"^(?P<lead>[^、，,（(]+)[（(]牵头[）)]")


def structure(blocks: list[Block], ctx: Context) -> Parsed:
    consumed: list[str] = []
    blocks = tasks(blocks, consumed)
    parsed = notice.structure(blocks, ctx, kind="plan")
    parsed.consumed += consumed
    if parsed.todo.get("doc_number"):
        parsed.todo["doc_number"] = "原文没有发文字号：方案若随通知印发，请填写该通知的文号；否则按本系列的编号规则填写"
    count = sum(len(INLINE_CANON.findall(text)) for text in parsed.body)
    parsed.found.append(f"{count} task note(s) （牵头单位：…；责任单位：…）")
    return parsed


INLINE_CANON = re.compile(r"（牵头单位：[^；）]+(；责任单位：[^）]+)?）")


def canon(lead: str, units: str | None) -> str:
    units = "、".join(u.strip() for u in re.split(r"[、，,]", units or "") if u.strip())
    return f"（牵头单位：{lead.strip()}" + (f"；责任单位：{units}" if units else "") + "）"


def tasks(blocks: list[Block], consumed: list[str]) -> list[Block]:
    """Task notes in every block made canonical; notes on their own lines joined to their task."""
    out: list[Block] = []
    pending: dict[str, str] = {}
    for block in blocks:
        m = ALONE.match(block.text) if not block.is_table else None
        if m:
            key = "lead" if re.match(LEAD, m["what"]) else "units"
            if key == "units" and not pending and LEAD_MARK.match(m["names"]):
                lm = LEAD_MARK.match(m["names"])
                pending = {"lead": lm["lead"], "units": m["names"][lm.end():].lstrip("、，,")}
                consumed.append("牵头")
            else:
                pending[key] = m["names"]
            if m["what2"]:
                pending["units"] = m["names2"]
            for label in (m["what"], m["what2"] or "责任单位"):
                if not label.endswith(("牵头单位", "责任单位")):
                    consumed.append(label)
            continue
        _flush(out, pending, consumed)
        pending = {}
        if not block.is_table:
            text = INLINE.sub(lambda x: _inline(x, consumed), block.text)
            block = Block(text, block.no, block.heading, block.center)
        out.append(block)
    _flush(out, pending, consumed)
    return out


def _inline(m: re.Match, consumed: list[str]) -> str:
    for label in re.findall(rf"{LEAD}|{UNITS}", m.group()):
        if label not in ("牵头单位", "责任单位"):
            consumed.append(label)
    return canon(m["lead"], m["units"])


def _flush(out: list[Block], pending: dict[str, str], consumed: list[str]) -> None:
    if not pending:
        return
    if "lead" not in pending:
        note = f"（责任单位：{pending['units']}）"
    else:
        note = canon(pending["lead"], pending.get("units"))
    if out and not out[-1].is_table and not (level(out[-1].text) and len(out[-1].text) <= 40):
        out[-1] = Block(out[-1].text + note, out[-1].no, out[-1].heading, out[-1].center)
    else:
        out.append(Block(note, out[-1].no if out else 0))
