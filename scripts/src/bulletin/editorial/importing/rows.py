"""What the readers share: rows of cell texts as a Markdown table, and the characters that join a
wrapped line without a space."""
from __future__ import annotations

import re

# Chinese text and its punctuation: a line broken beside one of these is joined with nothing between.
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]")


def line_break(before: str, after: str) -> str:
    """What a wrapped line's break becomes between the characters ``before`` and ``after`` (either
    may be ""): nothing beside Chinese text (由原来的 / 80万条), a space between Latin words."""
    return "" if (before and CJK.match(before)) or (after and CJK.match(after)) else " "


def one_row_or_column(rows: list[list[str]]) -> bool:
    """A table of one row or one column of text places text; it holds no data to keep as a table."""
    filled = [[c for c in r if c] for r in rows]
    return len([r for r in filled if r]) <= 1 or all(len(r) <= 1 for r in filled)


def md_table(rows: list[list[str]]) -> list[str]:
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return []
    rows = rows[:1] + [r for r in rows[1:] if r != rows[0]]     # the header row repeated on a new page
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(["---"] * width) + " |"]
    return out + ["| " + " | ".join(r) + " |" for r in rows[1:]]

