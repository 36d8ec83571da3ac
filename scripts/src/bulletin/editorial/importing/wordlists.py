"""The numbers Word draws in front of a list paragraph (一、 （二） 3.), which are not in its text.

An office's Word template often numbers headings with a multilevel list: the document then holds
"总体要求" and Word shows "一、总体要求". The importer finds headings by those numbers, so they are
worked out here from the document's numbering part, as Word counts them: one counter per list and
level, a level restarting when a level above it moves on, the start values and overrides of the
list, the number format of each level (一 二 三, 1 2 3, ①, 甲 乙 …) and its text pattern (%1、).
A paragraph gets its numbering from its own properties or from its style (a heading style tied to
the list). Bullets give nothing: they are marks, not numbers.
"""
from __future__ import annotations

from ...chinese import cn_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def number_text(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt`` (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital") and 0 < n < 100:
        return cn_number(n)
    if fmt in ("ideographTraditional",) and 0 < n <= len(_HEAVENLY):
        return _HEAVENLY[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n) if fmt == "upperLetter" else _letters(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)       # decimal, decimalZero and anything this table does not know


def _val(element, tag: str, default=None):
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(f"{W}val", default) if child is not None else default


class ListNumbers:
    """Call with each body paragraph (python-docx Paragraph) in document order: its drawn number."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, dict]] = {}      # numId -> level -> {start, fmt, text}
        self.counts: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return                                           # no numbering part: nothing is numbered
        abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.findall(f"{W}abstractNum")}
        for num in numbering.findall(f"{W}num"):
            base = abstract.get(_val(num, "abstractNumId"))
            if base is None:
                continue
            levels = {int(lvl.get(f"{W}ilvl", "0")): self._level(lvl) for lvl in base.findall(f"{W}lvl")}
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl", "0"))
                if override.find(f"{W}lvl") is not None:
                    levels[ilvl] = self._level(override.find(f"{W}lvl"))
                start = _val(override, "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = {**levels[ilvl], "start": int(start)}
            self.levels[num.get(f"{W}numId")] = levels

    @staticmethod
    def _level(lvl) -> dict:
        return {"start": int(_val(lvl, "start", "1")), "fmt": _val(lvl, "numFmt", "decimal"),
                "text": _val(lvl, "lvlText", "")}

    def _num_pr(self, paragraph) -> tuple[str | None, int]:
        """(numId, level) from the paragraph's own properties, else from its style and the styles it
        is based on."""
        ppr = paragraph._p.pPr
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        style = paragraph.style
        while num_id is None and style is not None:
            spr = style.element.find(f"{W}pPr")
            spr_num = spr.find(f"{W}numPr") if spr is not None else None
            num_id = _val(spr_num, "numId")
            ilvl = ilvl if ilvl is not None else _val(spr_num, "ilvl")
            style = style.base_style
        return num_id, int(ilvl or 0)

    def __call__(self, paragraph) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counts = self.counts.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl]["start"] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]                   # a level restarts when one above it moves on
        text = levels[ilvl]["text"]
        if levels[ilvl]["fmt"] == "bullet":
            return ""
        for k, level in levels.items():
            if f"%{k + 1}" in text:
                n = counts.get(k, level["start"])
                text = text.replace(f"%{k + 1}", number_text(n, level["fmt"]))
        return text
