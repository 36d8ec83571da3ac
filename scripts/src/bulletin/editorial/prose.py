"""The prose checks of one line: the edits the rules propose (punctuation.py, spacing.py), their
messages, and the line with the fixable ones applied."""
from __future__ import annotations

from .characters import INVISIBLE, STAND_IN, ideograph, masked
from .findings import FIXABLE, Edit
from .punctuation import docnum_edits, mark_edits, paren_edits, quote_edits
from .spacing import space_edits


def prose_edits(line: str, start: int = 0, end: int | None = None) -> list[Edit]:
    """Findings (as proposed edits) for one line of prose; columns refer to ``line``."""
    mask = masked(line, start, end)
    edits = _edits_on(line, mask)
    for _ in range(3):
        # a fixed mark can put the next one after Chinese text (吗?! → 吗？! → 吗？！): look again at the
        # line as it will be, so one --fix is enough
        seen, dropped = {(e.col, e.code) for e in edits}, _dropped_spaces(line, edits)
        more = [e for e in _edits_on(_substituted(line, edits), mask)
                if (e.col, e.code) not in seen and e.col - 1 not in dropped]
        if not more:
            break
        edits += more
    return sorted(edits, key=lambda e: e.col)


def _edits_on(line: str, mask: list[bool]) -> list[Edit]:
    edits = docnum_edits(line, mask)   # first: its brackets are then no longer ( ) for BL201
    edits += mark_edits(line, mask) + paren_edits(line, mask)
    edits += quote_edits(line, mask, '"', "“", "”")
    edits += quote_edits(line, mask, "'", "‘", "’", need_inner=True)
    return edits + space_edits(line, mask) + _stand_in_edits(line, mask) + _invisible_edits(line)


def _invisible_edits(line: str) -> list[Edit]:
    """Invisible control characters, in code as much as in prose (an override reverses either)."""
    return [Edit(m.start() + 1, m.group(), "", "BL207", line[max(0, m.start() - 4):m.end() + 4].replace(m.group(), ""))
            for m in INVISIBLE.finditer(line)]


def _stand_in_edits(line: str, mask: list[bool]) -> list[Edit]:
    """A radical or compatibility form where the ideograph belongs (⼯作 for 工作), as text copied out
    of a PDF has them: one character for another, so the count of Han characters stays."""
    return [Edit(m.start() + 1, m.group(), ideograph(m.group()), "BL206", line[max(0, m.start() - 3):m.end() + 3])
            for m in STAND_IN.finditer(line) if not mask[m.start()]]


def _substituted(line: str, edits: list[Edit]) -> str:
    """The line with the fixable replacements made but its length kept (so columns stay valid):
    a run of dots becomes as many …, spaces stay."""
    chars = list(line)
    for e in edits:
        if e.code in FIXABLE and e.new != e.old and e.new.strip():
            i = e.col - 1
            chars[i:i + len(e.old)] = e.new if len(e.new) == len(e.old) else "…" * len(e.old)
    return "".join(chars)


def describe(edit: Edit) -> str:
    if edit.code == "BL203":
        return (f"space inside Chinese text '{edit.note}'; expected none — delete it if it is stray, "
                "use 、 between the items of a list, or a full-width space (U+3000) if it separates two "
                "fields (not fixed automatically)")
    if edit.code == "BL204":
        return (f"half-width space separating two fields in '{edit.note}'; "
                "expected a full-width space (U+3000) there")
    if edit.code == "BL205":
        return f"space beside full-width punctuation in '{edit.note}'; expected none"
    if edit.code == "BL206":
        return (f"'{edit.old}' (U+{ord(edit.old):04X}) in '{edit.note}' is a radical or compatibility form "
                f"standing in for an ideograph; expected {edit.new} (U+{ord(edit.new):04X})")
    if edit.code == "BL207":
        import unicodedata
        return (f"invisible control character U+{ord(edit.old):04X} ({unicodedata.name(edit.old, 'unnamed').lower()}) "
                f"in '{edit.note}'; expected none: it hides or reverses what readers see")
    if edit.code == "BL302":
        return (f"document number '{edit.note}{edit.old}' has 第 or a leading zero in its number; expected "
                "the number alone, such as 〔2026〕8号 (fix by hand)")
    if edit.code == "BL301":
        return f"document number writes the year as '{edit.old}'; expected {edit.new}"
    if edit.code == "BL202" and edit.new == edit.old:
        return f"unpaired straight quote {edit.old} in Chinese text; expected “ ” (fix by hand)"
    if edit.code == "BL202":
        return f"straight quote {edit.old} in Chinese text; expected {edit.new}"
    return f"half-width '{edit.old}' in Chinese text; expected full-width '{edit.new}'"


def apply_edits(line: str, edits: list[Edit]) -> str:
    """The line with every fixable edit applied, and spaces around replaced punctuation removed."""
    chars = list(line)
    for e in edits:
        if e.code in FIXABLE and e.new != e.old:
            chars[e.col - 1] = e.new
    drop = _dropped_spaces(line, edits)
    return "".join(ch for i, ch in enumerate(chars) if i not in drop)


def _dropped_spaces(line: str, edits: list[Edit]) -> set[int]:
    """Indexes that the fixes remove: the rest of each replaced run, and the spaces around a mark
    made full-width ("会议 , 要求" → "会议，要求": full-width marks carry their own space)."""
    drop: set[int] = set()
    for e in edits:
        if e.code not in FIXABLE or e.new == e.old:
            continue
        i = e.col - 1
        drop.update(range(i + 1, i + len(e.old)))
        if e.code == "BL201":
            j = i - 1
            while j >= 0 and line[j] == " ":
                drop.add(j)
                j -= 1
            j = i + len(e.old)
            while j < len(line) and line[j] == " ":
                j += 1
            if line[j:].strip() or j - (i + len(e.old)) < 2:   # two or more to the line's end: a hard break
                drop.update(range(i + len(e.old), j))
    return drop
