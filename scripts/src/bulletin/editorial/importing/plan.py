"""Structure of a 实施方案/工作计划: as a notice (title, optional 文号, heading levels, signature),
with its task notes rewritten into the one form the plan's task table reads:
（牵头单位：甲；责任单位：乙、丙）. Accepted in the source: that form with other brackets or
separators, 【牵头单位】甲【责任单位】乙, notes on lines of their own after the task, 配合单位 for
责任单位, and 责任单位：甲（牵头）、乙."""
from __future__ import annotations

import re

from ...model import docnumber
from . import notice
from .common import unspaced
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
    sent = sent_plan(blocks)
    if sent is None:
        parsed = notice.structure(blocks, ctx, kind="plan")
    else:
        parsed = _with_its_notice(blocks, *sent, ctx)
    parsed.consumed += consumed
    if parsed.todo.get("doc_number"):
        parsed.todo["doc_number"] = "原文没有发文字号：方案若随通知印发，请填写该通知的文号；否则按本系列的编号规则填写"
    count = sum(len(INLINE_CANON.findall(text)) for text in parsed.body)
    parsed.found.append(f"{count} task note(s) （牵头单位：…；责任单位：…）")
    return parsed


# 关于印发《青禾市…工作方案》的通知: a notice that sends a plan out, the plan printed after it
_SENDS = re.compile(r"关于印发《?(?P<name>.+?(方案|计划|规划|要点)(（[^（）]{1,24}）)?)》?的通知$")


def sent_plan(blocks: list[Block]) -> tuple[int, int, int] | None:
    """(the notice's title block, how many blocks it spans, the plan's title block) when the text
    is a 印发 notice followed by the plan it sends out, printed in full under the notice's
    signature; None otherwise."""
    for t, block in enumerate(blocks[:8]):
        head = unspaced(block.text)
        if docnumber.LENIENT.fullmatch(head) or head.endswith("文件"):
            continue                 # the red head over the title is no line of it
        for span in (1, 2, 3):       # a title over two or three lines
            title = "".join(unspaced(b.text) for b in blocks[t:t + span] if not b.is_table)
            m = _SENDS.search(title)
            if m is None:
                continue
            name = unspaced(m["name"])
            for p in range(t + span, len(blocks)):
                here = unspaced(blocks[p].text)
                following = unspaced(blocks[p + 1].text) if p + 1 < len(blocks) else ""
                if not blocks[p].is_table and name in (here, here + following):    # (over two lines)
                    return t, span, p
            return None
    return None


def _with_its_notice(blocks: list[Block], title_at: int, span: int, plan_at: int, ctx: Context) -> Parsed:
    """The plan, with the fields of the notice that sent it out (文号, 主送, issuer and date, 附注)
    where the plan itself has none; the notice's own text goes to the sidecar for the editor."""
    sending = Parsed()
    start = title_at + span
    under = unspaced(blocks[start].text) if start < plan_at else ""
    if docnumber.LENIENT.fullmatch(under):          # the notice's 文号 under its title
        notice._doc_number(under, sending)
        start += 1
    start = notice._addressees(blocks, start, sending)
    end = notice._notes(blocks, start, plan_at, sending)
    end, _ = notice._signature(blocks, start, end, sending)
    parsed = notice.structure(blocks[:title_at] + blocks[plan_at:], ctx, kind="plan")
    for name in ("doc_number", "_number", "addressees", "issuer", "date", "note", "contact"):
        if name in sending.fields and name not in parsed.fields:
            parsed.fields[name] = sending.fields[name]
            parsed.todo.pop(name, None)
    words = [b.text for b in blocks[start:end] if b.text.strip() or b.is_table]
    if words:
        parsed.unplaced += words
        parsed.notes.append("the notice that sent the plan out (关于印发…的通知) is read for its fields; its own "
                            "text is kept in the sidecar")
    title = "".join(unspaced(b.text) for b in blocks[title_at:title_at + span])
    parsed.consumed += sending.consumed + [title]
    parsed.found += [f"sent out by {title}"] + sending.found
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
            if _BRACKETED.fullmatch(block.text) and out and not out[-1].is_table and not out[-1].heading:
                out[-1].text += text      # the note in brackets on a line of its own (a <br> before it)
                continue
            block = Block(text, block.no, block.heading, block.center)
        out.append(block)
    _flush(out, pending, consumed)
    return out


# a task note in brackets that is the whole line: （牵头单位：…；责任单位：…）
_BRACKETED = re.compile(rf"\s*[（(【\[]\s*{LEAD}.*[）)】\]]\s*[。；;]?\s*")


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
