"""Helpers the kinds' structure steps share: comparing headlines, telling offices, writing Markdown
that shows legacy text as text."""
from __future__ import annotations

import re

from ...filefacts import SUFFIX_WORD
from .model import HAN, HAN_RE, Block

# (…办 is an office, 市政府办; 举办, 开办, 督办 end a sentence: 丰收节在莲塘镇成功举办 is a headline)
OFFICE = re.compile(r"(人民政府|政府|办公室|办公厅|领导小组|委员会|指挥部|局|委|厅|中心|部|院|(?<![举开创承协督合])办|处|学校|学院|大学|"
                    r"街道办事处|管委会|集团|公司)(编印|编|主办)?$")


def unspaced(text: str) -> str:
    """``text`` without its spaces (ASCII and full-width): a masthead or title compared as printed."""
    return re.sub(r"[\s\u3000]", "", text)


# a bulletin's marking above its masthead (内部资料 注意保存), often set small in the page's top margin
_MARKING_WORDS = "内部资料|内部刊物|内部参阅|秘密|机密|绝密|注意保存|仅供参考"
MARKING = re.compile(rf"^(({_MARKING_WORDS}|内部)[\s\u3000]*)+$")
# a marking run into the series title in one line (a Word masthead cell's paragraphs, read as one);
# not 内部 alone there: 内部审计工作简报 is a title
MARKING_FIRST = re.compile(rf"^(({_MARKING_WORDS})[\s\u3000]*)+")
# a meeting's particulars under its title (会议时间：…, 主 持 人：…, 出席：…): a report's or a 纪要's, never
# a line of its title
PARTICULAR = re.compile(r"^(会议)?(时\s*间|地\s*点|主\s*持\s*人?|参\s*加(\s*人\s*员)?|参会人员|出\s*席|列\s*席|"
                        r"记\s*录)\s*[:：]")
# a 纪要's number without its office's code: 〔2026〕18号
BARE_NUMBER = re.compile(r"^[〔\[【(（](19|20)\d{2}[〕\]】)）]第?(?P<n>\d{1,4})号$")
# a 常务会议纪要's session under its mark: 第12次 (第　12　次 as set)
SESSION = re.compile(r"^第\s*(?P<n>\d{1,4})\s*次$")
# the editors' credits under a page (责任编辑：刘晓彤　审核：王某): no field of any kind, the editor's to keep
CREDITS = re.compile(r"^([【\[]?(责任编辑|编辑|审核|审校|审稿|校对|终审|初审|复审|一审|二审|三审)[】\]]?\s*[:：]\s*"
                     r"[\u4e00-\u9fff·]{2,5}[\s\u3000]*)+$")
# the 版记's last line: the printing office and the date it printed the document
PRINTED = re.compile(r"^(?P<by>.+?)[\s\u3000]*(?P<date>((19|20)\d{2}|[〇零○Ｏ一二三四五六七八九]{4})\s*年.+?日"
                     r"|(19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2})\s*印发$")
TOC_HEAD = re.compile(r"^[【\[]?\s*(本期目录|本期要目|目\s*录|本期导读|本期内容)\s*[】\]]?\s*[:：]?$")
_ITEM = re.compile(r"^\s*(?:\d+\s*[.．、)）]|[（(]\s*[0-9一二三四五六七八九十]+\s*[）)]|"
                   r"[一二三四五六七八九十]+\s*[、.．]|[★☆●◆■▲·•※]\s*)\s*")
_LEADER = re.compile(r"\s*[.．…·]{2,}\s*\d*\s*$|\s+\d{1,3}\s*$")


def key(text: str) -> str:
    """A headline compared loosely: no numbering, page leaders, spaces or punctuation."""
    text = _LEADER.sub("", _ITEM.sub("", text))
    return re.sub(f"[^0-9A-Za-z{HAN}]", "", text)


def item_text(text: str) -> str:
    """A 目录 entry without its number and page leader."""
    return _LEADER.sub("", _ITEM.sub("", text)).strip()


def has_item_mark(text: str) -> bool:
    return bool(_ITEM.match(text))


def ended(text: str) -> bool:
    """Ends a sentence: 。！？；… (a closing quote after them counts, a quote alone does not)."""
    return bool(_ENDED.search(text.rstrip()))


_ENDED = re.compile(r"[。！？；…!?;][”’」』）)]?$")


def short_line(block: Block, limit: int = 36) -> bool:
    """Could be (part of) a headline: short, no closing punctuation, not a table."""
    return not block.is_table and 0 < len(block.text) <= limit and not ended(block.text) \
        and not re.search("[。；！？]", block.text)


def office_like(text: str) -> bool:
    return len(text) <= 30 and bool(OFFICE.search(text)) and not re.search("[。，；：:]", text)


# ---------------------------------------------------------------- link addresses

_WEB_ADDRESS = re.compile(r"^(?:https?://|mailto:)[^\s<>\"]+$", re.I)
_DOWNLOAD = re.compile(rf"\.{SUFFIX_WORD}$", re.I)


def link_address(href: str, words: str, around: str) -> str:
    """What follows a link's words in the imported text: its address in full-width brackets (详见市政府
    网站（https://…）), as the import keeps words, not markup, and the address was lost. Nothing for a
    link that shows its address already, a relative one (the old site's), one to a file (its download is
    not imported), or one without a sentence around it (``around``: the paragraph's text; a menu's or a
    list's links are no sentence)."""
    from urllib.parse import urlsplit
    href, words = href.strip(), words.strip()
    if not words or not _WEB_ADDRESS.match(href) or _DOWNLOAD.search(urlsplit(href).path):
        return ""
    address = href[len("mailto:"):] if href.lower().startswith("mailto:") else href
    if address.rstrip("/") in words or len(HAN_RE.findall(around)) - len(HAN_RE.findall(words)) < 2 \
            or not re.search("[。；！？]", around):
        return ""
    return f"（{address}）"


# ---------------------------------------------------------------- Markdown that stays text

_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# A footnote marker (word.py reads Word's footnotes): invisible separators round its number, so the
# legacy text's own [^1] stays text and this one alone becomes Markdown, by escape().
NOTE = "\u2063{}\u2063"
NOTE_MARK = re.compile("\u2063(\\d+)\u2063")


def escape(text: str) -> str:
    """Legacy text as Markdown text: ``<`` and entity-like ``&`` can never become markup, and a line
    cannot start a heading, quote or list by accident."""
    text = text.replace("\\", "\\\\")
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"^([#>+=|`~-])", r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)
    return NOTE_MARK.sub(r"[^\1]", re.sub(r"([*_`\[\]])", r"\\\1", text))


BULLET = re.compile(r"^[•●▪◦■◆·]\s*(?=\S)")


def paragraph(block: Block) -> str:
    """A paragraph as Markdown; one that starts with a bullet (• ● ▪) is a list item, as printed."""
    if block.is_table:
        return "\n".join(_cell_escape(row) for row in block.table)
    bullet = BULLET.match(block.text)
    if bullet:
        return "- " + escape(block.text[bullet.end():])
    return escape(block.text)


def _cell_escape(row: str) -> str:
    """A Markdown table row's cells as escape() makes text (the row's own | delimiters stay)."""
    row = _ENTITY.sub("&amp;", row.replace("\\", "\\\\")).replace("<", "&lt;").replace(">", "&gt;")
    return NOTE_MARK.sub(r"[^\1]", re.sub(r"([*_`\[\]])", r"\\\1", row))


def block_text(block) -> str:
    """A block as the sidecar keeps it: its text, or a table's rows."""
    return "\n".join(block.table) if block.is_table else block.text


def heading(depth: int, text: str) -> str:
    # a heading's text starts no list: its number stays as typed (#### 1. 高层建筑, which the check
    # reads as the number; 1\\. it read as a heading without one)
    return "#" * depth + " " + re.sub(r"^(\d+)\\([.)])", r"\1\2", escape(text).lstrip("\\"))
