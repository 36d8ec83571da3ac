"""How an official document's analysed text looks, on the web and in print.

The model (kinds/official.py: Part) holds the numbered Markdown and where its headings, tables and
task notes are; this adds the presentation both outputs share: a class per heading level (一、 in
黑体, （一） in 楷体…), a box around each table (it scrolls sideways on a phone; in print it carries
its source line for the width check), and the 牵头单位/责任单位 notes set apart.
"""
from __future__ import annotations

from markupsafe import escape

from .official import TASK, Part


def part_markdown(part: Part, for_print: bool = False) -> str:
    headings = {h.index: h.level for h in part.headings}
    starts = {t.start: t for t in part.tables}
    ends = {t.end: t for t in part.tables}
    out: list[str] = []
    for index, line in enumerate(part.lines):
        table = starts.get(index)
        if table is not None:
            where = f' data-src="{escape(part.rel)}:{table.line}"' if for_print else ""
            out += [f'<div class="bl-table-wrap"{where}>'] if table.html else \
                [f'<div class="bl-table-wrap"{where} markdown="1">', ""]
        if index in headings:
            line = f"{line} {{.bl-h{headings[index]}}}"
        elif index in part.task_lines:
            line = TASK.sub(lambda m: f'<span class="bl-task-units">{m.group(0)}</span>', line)
        out.append(line)
        if index in ends:
            out += ["</div>"] if ends[index].html else ["", "</div>"]
    return "\n".join(out)
