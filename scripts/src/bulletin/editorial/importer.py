"""`bulletin import`: legacy bulletins (plain text or HTML) → issue files.

The steps, each reported:
1. text: HTML becomes lines (one per block element; scripts and styles dropped); full-width digits
   become ASCII; with ``t2s`` Traditional becomes Simplified (OpenCC).
2. cleaning: web furniture (breadcrumbs, counters, share widgets, footers, copyright/ICP lines),
   page numbers such as ``— 2 —``, rules, pinyin glosses such as 職(zhi)業(ye) and spaces between
   Chinese characters are removed; every removed line is listed in the report.
3. structure: marking, series title, 第N期/总第N期, office and date (2024年3月5日 or
   二〇二四年三月五日), 编者按, 本期目录, the articles (found by the 目录's headlines, and
   cross-checked against them), and the 报/送/发 lines (mapped to address-book groups where the
   names match, else kept as literal recipients).
4. anything not placed is kept in an HTML comment at the end of the issue and listed in the report.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..sources import scan
from ..sources.addressbook import load_address_book
from ..errors import Collector, Problem, SourceError
from ..model import AddressBook

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u201c\u201d\u2018\u2019\u2026\u2014"
_SPACE_CJK = re.compile(f"(?<=[{CJK}{CJK_PUNCT}])[ \t\u00a0\u3000]+(?=[{CJK}{CJK_PUNCT}])")
_SPACE_DIGIT = re.compile(f"(?<=[{CJK}{CJK_PUNCT}])[ \t]+(?=[0-9])|(?<=[0-9%])[ \t]+(?=[{CJK}{CJK_PUNCT}])")
_PINYIN = re.compile(
    f"(?<=[{CJK}])[(（]((?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    "[aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+(?:ng|n|r)?[1-5]?)[)）]")
_PAGE_NUMBER = re.compile(r"^[—–\-－―]{1,3}\s*\d{1,3}\s*[—–\-－―]{1,3}$|^第\s*\d+\s*页(\s*[/／,，]?\s*共\s*\d+\s*页)?$"
                          r"|^-\s*\d{1,3}\s*-$")
_RULE = re.compile(r"^[\s─━—\-_=＝·.…*＊]{6,}$")
FURNITURE = [
    ("breadcrumb", re.compile(r"^(当前位置|您现在的位置|你的位置|您的位置|所在位置)\s*[:：]|^首页\s*[>＞»/]"
                              r"|^[^\s>＞»]{2,20}(\s*[>＞»]\s*[^\s>＞»]{2,20}){2,}$")),
    ("site navigation", re.compile(r"^首页(\s*[|｜]\s*\S+)+$")),
    ("visit counter", re.compile(r"(浏览次数|访问次数|阅读次数|点击数|点击量|浏览量|访问量)\s*[:：]?\s*\d*")),
    ("share widget", re.compile(r"^分享到|^(微信|微博|QQ空间|朋友圈)([\s、|]*(微信|微博|QQ空间|朋友圈|QQ))+\s*$"
                                r"|扫一扫在手机")),
    ("copyright", re.compile(r"版权所有|Copyright|©|\(c\)\s*\d{4}", re.I)),
    ("licence line", re.compile(r"ICP\s*备|ICP证|公网安备|网站标识码|网站识别码")),
    ("site footer", re.compile(r"^(主办单位|承办单位|主办|承办|技术支持|联系我们|网站地图|关于我们|网站声明|隐私声明)"
                               r"\s*([:：|｜]|$)|^(网站地图|联系我们|关于我们)(\s*[|｜]\s*\S+)+$")),
    ("page tool", re.compile(r"^[【】\[\]\s:：大中小|｜]*((打印本页|打印|关闭窗口|关闭|收藏本页|收藏|返回顶部|字体|字号)"
                             r"[【】\[\]\s:：大中小|｜]*)+$")),
    ("page navigation", re.compile(r"^(上一篇|下一篇|上一条|下一条)\s*[:：]")),
    ("publishing note", re.compile(r"^(发布时间|发布日期|来源|信息来源|作者)\s*[:：].{0,40}$")),
]
_ROLE = re.compile(r"^(报送|报|抄送|送|分送|发|本期增发|增发)\s*[:：]\s*(.*)$")
_COPIES = re.compile(r"共印\s*\d+\s*份")
_NUMBER = re.compile(r"(?<!总)第\s*([0-9]+|[〇零一二三四五六七八九十百]+)\s*期")
_TOTAL = re.compile(r"总第\s*([0-9]+|[〇零一二三四五六七八九十百]+)\s*期")
_CN_DIGIT = "〇一二三四五六七八九"
_DATE = re.compile(r"([0-9]{4}|[〇零○一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                   r"\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_MARKING = re.compile(r"^(内部资料|内部刊物|内部参阅|秘密|机密|绝密|注意保存|仅供参考|内部资料[\s　]*注意保存)"
                      r"([\s　]+\S+)?$")
_TOC_HEAD = re.compile(r"^[【\[]?\s*(本期目录|本期要目|目\s*录|本期导读)\s*[】\]]?\s*[:：]?$")
_PREFACE = re.compile(r"^[【\[]?\s*编者按\s*[】\]]?\s*[:：]?\s*(.*)$")
_ITEM_NUMBER = re.compile(r"^\s*(?:[0-9]+\s*[.．、)）]|[（(]\s*[0-9一二三四五六七八九十]+\s*[）)]|"
                          r"[一二三四五六七八九十]+\s*[、.．]|[★☆●◆■▲·•※]\s*)\s*")
_TOC_PAGE = re.compile(r"\s*[.．…·]{2,}\s*\d*\s*$|\s+\d{1,3}\s*$")
_END_PUNCT = "。！？；：…”’」』）)!?;"
_BLOCK_TAGS = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "section", "article",
               "header", "footer", "nav", "ul", "ol", "table", "blockquote", "pre", "hr", "dd", "dt", "title"]
_HEADING_TAGS = ("h1", "h2", "h3", "h4")


class ImportError_(Exception):
    """A legacy file that cannot become an issue: no number or no date."""


@dataclass
class Article:
    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Legacy:
    """What was found in one legacy bulletin."""
    source: str
    series_title: str | None = None
    series: str | None = None
    number: int | None = None
    total: int | None = None
    supplement: bool = False
    date: dt.date | None = None
    office: str | None = None
    marking: str | None = None
    preface: list[str] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)      # role → names as printed
    groups: dict[str, list[str]] = field(default_factory=dict)     # role → address-book groups
    literal: dict[str, list[str]] = field(default_factory=dict)    # role → names kept literally
    extra: list[str] = field(default_factory=list)
    copies: int | None = None
    leftovers: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)   # (why, text)
    pinyin: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def headlines(self) -> list[str]:
        return [a.title for a in self.articles]


# ---------------------------------------------------------------- numbers and dates


def cn_int(text: str) -> int:
    """Arabic or Chinese numerals: '12', '十二', '二十', '一百零五', '二〇二四' (digit by digit)."""
    text = text.strip().replace("零", "〇").replace("○", "〇")
    if text.isdigit():
        return int(text)
    if "十" not in text and "百" not in text:
        return int("".join(str(_CN_DIGIT.index(ch)) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch != "〇":
            current = _CN_DIGIT.index(ch)
    return total + current


def find_date(line: str) -> tuple[dt.date, re.Match] | None:
    m = _DATE.search(line)
    if not m:
        return None
    try:
        return dt.date(cn_int(m.group(1)), cn_int(m.group(2)), cn_int(m.group(3))), m
    except ValueError:
        return None


# ---------------------------------------------------------------- text


def html_lines(html: str) -> tuple[list[str], set[int], list[tuple[str, str]]]:
    """Lines of text of an HTML page, the indexes of lines that were headings, and what was dropped."""
    from bs4 import BeautifulSoup, Comment
    soup = BeautifulSoup(html, "html.parser")
    removed: list[tuple[str, str]] = []
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()   # code, not text
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if c.strip():
            removed.append(("HTML comment", c.strip()[:80]))
        c.extract()
    head_title = soup.head.title.get_text(" ", strip=True) if soup.head and soup.head.title else ""
    if soup.head:
        soup.head.decompose()
    if head_title:
        removed.append(("page title (in <head>)", head_title))
    marker = "\u2063H\u2063"   # invisible marker for heading lines
    for tag in soup.find_all(_HEADING_TAGS):
        tag.insert(0, marker)
    for tag in soup.find_all("p"):
        strong = tag.find(["strong", "b"])
        if strong and strong.get_text(strip=True) == tag.get_text(strip=True) and tag.get_text(strip=True):
            tag.insert(0, marker)
    for tag in soup.find_all(_BLOCK_TAGS):
        if tag.name == "br":
            tag.replace_with("\n")
            continue
        tag.insert_before("\n")
        tag.insert_after("\n")
    for tag in soup.find_all(["td", "th"]):
        tag.insert_after(" ")
    lines, headings = [], set()
    for raw in soup.get_text().split("\n"):
        line = raw.strip(" \t\u00a0\u3000\r")
        if marker in line:
            line = line.replace(marker, "").strip(" \t\u00a0\u3000")
            if line:
                headings.add(len(lines))
        if line or (lines and lines[-1]):
            lines.append(line)
    return lines, headings, removed


def normalise(line: str, t2s, pinyin: list[str]) -> str:
    line = line.replace("\u00a0", " ").replace("\ufeff", "")
    line = "".join(chr(ord(ch) - 0xFEE0) if "０" <= ch <= "９" else ch for ch in line)
    def drop(m: re.Match) -> str:
        pinyin.append(m.group(1))
        return ""
    line = _PINYIN.sub(drop, line)
    if t2s is not None:
        line = t2s.convert(line)
    line = _SPACE_CJK.sub("", line)
    line = _SPACE_DIGIT.sub("", line)
    return line.strip(" \t\u3000")


def _opencc():
    import opencc
    return opencc.OpenCC("t2s")


def _key(text: str) -> str:
    """A headline compared loosely: no numbering, spaces or punctuation."""
    text = _ITEM_NUMBER.sub("", text)
    return re.sub(rf"[^0-9A-Za-z{CJK}]", "", text)


# ---------------------------------------------------------------- parse


def parse_legacy(text: str, source: str, is_html: bool, series_titles: dict[str, str],
                 book: AddressBook | None, t2s: bool = False) -> Legacy:
    result = Legacy(source)
    converter = _opencc() if t2s else None
    if is_html:
        raw_lines, heading_lines, removed = html_lines(text)
        result.removed += removed
    else:
        raw_lines, heading_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), set()
    indented = set()
    lines: list[str] = []
    for index, raw in enumerate(raw_lines):
        if re.match(r"^([ \t]{2,}|\u3000)", raw):
            indented.add(index)
        lines.append(normalise(raw, converter, result.pinyin))
    # cleaning: furniture, page numbers, rules
    keep: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if not line:
            keep.append((index, ""))
            continue
        shown = raw_lines[index].strip()
        if _PAGE_NUMBER.match(line):
            result.removed.append(("page number", shown))
            continue
        if _RULE.match(line):
            result.removed.append(("rule", shown))
            continue
        why = next((name for name, rx in FURNITURE if rx.search(line)), None)
        if why and not _ROLE.match(line) and len(line) <= 120:
            result.removed.append((why, shown))
            continue
        keep.append((index, line))
    _structure(result, keep, heading_lines, indented, series_titles)
    _map_distribution(result, book)
    return result


def _structure(result: Legacy, keep: list[tuple[int, str]], heading_lines: set[int], indented: set[int],
               series_titles: dict[str, str]) -> None:
    items = [(i, line) for i, line in keep if line]
    used: set[int] = set()
    titles = {re.sub(r"\s", "", t): slug for slug, t in series_titles.items()}
    # masthead: up to the 目录, the 编者按 or the first ~12 lines, whichever comes first
    head_end = len(items)
    for pos, (i, line) in enumerate(items):
        if _TOC_HEAD.match(line) or _PREFACE.match(line) or pos >= 12:
            head_end = pos
            break
    for pos in range(head_end):
        i, line = items[pos]
        compact = re.sub(r"\s", "", line)
        if result.marking is None and _MARKING.match(line):
            result.marking = re.sub(r"[\s　]+", " ", line).replace("内部资料注意保存", "内部资料 注意保存")
            used.add(i)
            continue
        if result.series_title is None:
            for title, slug in titles.items():
                if compact.startswith(title):
                    result.series_title, result.series = title, slug
                    break
            else:
                if re.search(r"(简报|快报|动态|通讯|专报|情况)$", compact) and not _NUMBER.search(compact) \
                        and len(compact) <= 30:
                    result.series_title = compact
            if result.series_title and compact.startswith(result.series_title):
                used.add(i)
                rest = compact[len(result.series_title):]
                if not rest:
                    continue
                line = rest
        m = _NUMBER.search(line) if result.number is None else None
        t = _TOTAL.search(line) if result.total is None else None
        if m or t:
            if m:
                result.number = cn_int(m.group(1))
                result.supplement = "增刊" in line[:m.start()]
            if t:
                result.total = cn_int(t.group(1))
            rest = _TOTAL.sub("", _NUMBER.sub("", line)).replace("增刊", "")
            if re.sub(r"[\s（）()　]", "", rest) == "":
                used.add(i)
                continue
        found = find_date(line) if result.date is None else None
        if found:
            result.date, dm = found
            office = (line[:dm.start()] + " " + line[dm.end():]).strip(" \t\u3000，,")
            office = re.sub(r"[\s　]+", "", office)
            office = re.sub(r"^(编印单位|编印|主办)[:：]?|编印?$", "", office)
            if office:
                result.office = office
            used.add(i)
            continue
        if result.office is None and re.search(r"(办公室|领导小组|委员会|局|中心|政府|指挥部)(编印?)?$", compact) \
                and len(compact) <= 40:
            result.office = re.sub(r"编印?$", "", compact)
            used.add(i)
    # 报/送/发 at the foot
    foot_start = len(items)
    for pos in range(len(items) - 1, max(len(items) - 16, -1), -1):
        if _ROLE.match(items[pos][1]):
            foot_start = pos
    if foot_start < len(items):
        role, previous = None, ""
        for pos in range(foot_start, len(items)):
            i, line = items[pos]
            copies = _COPIES.search(line)
            if copies:
                result.copies = int(re.sub(r"\D", "", copies.group()))
                line = (line[:copies.start()] + line[copies.end():]).strip()
                used.add(i)
                if not line:
                    continue
            m = _ROLE.match(line)
            if m:
                role = {"报送": "报", "抄送": "送", "分送": "发", "增发": "本期增发"}.get(m.group(1), m.group(1))
                result.roles.setdefault(role, [])
                line = m.group(2)
            elif role is None or re.search(r"[:：]", line):
                continue   # a credit line such as 编辑：…, left over
            names = [n.strip() for n in re.split(r"[、，,；;]", line) if n.strip()]
            if not m and names and result.roles[role] and not previous.endswith(("、", "，", ",", "：", ":")):
                result.roles[role][-1] += names.pop(0)   # a name wrapped onto the next line
            result.roles[role] += [re.sub(r"同志$", "", n) if role != "本期增发" else n for n in names]
            previous = line
            used.add(i)
            if line.rstrip().endswith(("。",)):
                role = None
    body = [(i, line) for i, line in keep
            if i not in used and not (items and foot_start < len(items) and i >= items[foot_start][0])]
    # drop leading blank lines
    # 目录 and 编者按
    toc_at = next((n for n, (i, line) in enumerate(body) if _TOC_HEAD.match(line)), None)
    pre_at = next((n for n, (i, line) in enumerate(body) if _PREFACE.match(line)), None)
    consumed: set[int] = set()
    if toc_at is not None:
        consumed.add(body[toc_at][0])
        for n in range(toc_at + 1, len(body)):
            line = body[n][1]
            if not line:
                continue
            entry = _TOC_PAGE.sub("", _ITEM_NUMBER.sub("", line)).strip()
            if _PREFACE.match(line) or len(entry) > 40 or line.endswith(("。", "；")) \
                    or (result.toc and _key(entry) == _key(result.toc[0])):
                break   # the first article (or the 编者按) starts after the list
            result.toc.append(entry)
            consumed.add(body[n][0])
    # heading candidates: the 目录's headlines, in order; else HTML headings
    starts: dict[int, str] = {}
    searchable = [(n, i, line) for n, (i, line) in enumerate(body) if line and i not in consumed]
    if result.toc:
        cursor = 0
        for entry in result.toc:
            for k in range(cursor, len(searchable)):
                n, i, line = searchable[k]
                if _key(line) == _key(entry) and _key(entry):
                    starts[n] = line
                    cursor = k + 1
                    break
            else:
                result.warnings.append(f"目录 item '{entry}' was not found as a headline in the text; "
                                       "its text stays in the article before it")
    else:
        for n, i, line in searchable:
            if i in heading_lines and not (result.series_title and _key(line) == _key(result.series_title)):
                starts[n] = line
        if not starts:
            result.warnings.append("no 本期目录 and no headings found; the whole text is one article")
    if result.toc:
        heads = {_key(h) for h in result.toc}
        for n, i, line in searchable:
            if i in heading_lines and n not in starts and _key(line) not in heads \
                    and not (pre_at is not None and n == pre_at):
                result.warnings.append(f"headline '{line}' in the text is not in the 本期目录")
    # walk the body: preface, articles, leftovers
    current: list[str] | None = None
    paragraph_target: list[str] = result.leftovers
    in_preface = False
    last_blank = True
    first_start = min(starts) if starts else len(body)
    for n, (i, line) in enumerate(body):
        if i in consumed:
            continue
        if n in starts:
            title = _ITEM_NUMBER.sub("", starts[n]).strip() if result.toc else starts[n]
            result.articles.append(Article(title))
            current = result.articles[-1].paragraphs
            paragraph_target, in_preface, last_blank = current, False, True
            continue
        if not line:
            last_blank = True
            continue
        pm = _PREFACE.match(line)
        if pm and n < first_start:
            in_preface, paragraph_target, last_blank = True, result.preface, True
            line = pm.group(1)
            if not line:
                continue
        if current is None and not in_preface:
            if not starts:
                result.articles.append(Article("（导入：请填写标题）"))
                current = result.articles[-1].paragraphs
                paragraph_target = current
            else:
                result.leftovers.append(line)
                continue
        _add_line(paragraph_target, line, new_paragraph=last_blank or i in indented)
        last_blank = False
    # leftovers in the foot block (credit lines) and unused masthead lines
    if foot_start < len(items):
        result.leftovers += [line for i, line in items[foot_start:] if i not in used]
    if result.toc and len(result.articles) != len(result.toc):
        result.warnings.append(f"本期目录 lists {len(result.toc)} article(s) but {len(result.articles)} "
                               "were found in the text")


def _add_line(target: list[str], line: str, new_paragraph: bool) -> None:
    """Join lines wrapped by PDF extraction: a line continues the paragraph unless the paragraph
    already ended with a full stop (or the line was indented / after a blank line)."""
    if target and not new_paragraph and not target[-1].endswith(tuple(_END_PUNCT)):
        joiner = " " if re.search(r"[A-Za-z0-9]$", target[-1]) and re.match(r"[A-Za-z0-9]", line) else ""
        target[-1] += joiner + line
    else:
        target.append(line)


def _map_distribution(result: Legacy, book: AddressBook | None) -> None:
    """Names as printed → address-book groups whose shown names all appear, else literal names."""
    groups = sorted((book.groups.values() if book else []), key=lambda g: -len(g.shown))
    for role, names in result.roles.items():
        if role == "本期增发":
            result.extra = names
            continue
        remaining = list(names)
        chosen: list[str] = []
        for group in groups:
            variants = [[m.name for m in group.members]]
            if group.label:
                variants.insert(0, [p for p in re.split(r"[、，,]", group.label) if p])
            for shown in variants:
                if shown and all(s in remaining for s in shown):
                    chosen.append(group.name)
                    for s in shown:
                        remaining.remove(s)
                    break
        for name in list(remaining):   # a group named by its own name, such as 市领导
            if book and name in book.groups and name not in chosen:
                chosen.append(name)
                remaining.remove(name)
        order = {name: k for k, name in enumerate(names)}

        def first_seen(g: str) -> int:
            group = book.groups[g]
            parts = [g, *[m.name for m in group.members], *re.split(r"[、，,]", group.label or "")]
            return min((order[p] for p in parts if p in order), default=len(order))
        chosen.sort(key=first_seen)
        if chosen:
            result.groups[role] = chosen
        if remaining:
            result.literal[role] = remaining


# ---------------------------------------------------------------- output


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(_yaml_scalar(s) for s in items) + "]"


def _yaml_scalar(text: str) -> str:
    if re.search(r"[:#\[\]{},&*!|>'\"%@`]|^\s|\s$|^-", text) or text in ("yes", "no", "true", "false", "null"):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def to_markdown(result: Legacy) -> str:
    front = ["---", f"issue: {result.number}"]
    if result.total:
        front.append(f"total: {result.total}")
    if result.supplement:
        front.append("supplement: true")
    front.append(f"date: {result.date.isoformat()}")
    if result.marking:
        front.append(f"marking: {_yaml_scalar(result.marking)}")
    if result.groups or result.literal:
        front.append("distribution:")
        for role in ("报", "送", "发"):
            if result.groups.get(role):
                front.append(f"  {role}: {_yaml_list(result.groups[role])}")
        if result.literal:
            front.append("  literal:")
            for role in ("报", "送", "发"):
                if result.literal.get(role):
                    front.append(f"    {role}: {_yaml_list(result.literal[role])}")
    if result.extra:
        front.append(f"extra: {_yaml_list(result.extra)}")
    front.append("---")
    body: list[str] = []
    if result.preface:
        body += ["\n\n".join(result.preface), ""]
    for article in result.articles:
        body += [f"## {article.title}", ""]
        body += ["\n\n".join(article.paragraphs) if article.paragraphs else "（导入：本篇没有正文）", ""]
    if result.leftovers:
        safe = [line.replace("--", "－－") for line in result.leftovers]
        body += ["<!-- 导入时未能归位的文字，请核对后移到正确位置或删除：", *safe, "-->", ""]
    return "\n".join(front) + "\n\n" + "\n".join(body).rstrip("\n") + "\n"


def report_lines(result: Legacy) -> list[str]:
    lines = []
    for why, text in result.removed:
        lines.append(f"  removed {why}: {text}")
    if result.pinyin:
        lines.append(f"  removed {len(result.pinyin)} pinyin gloss(es): {', '.join(result.pinyin)}")
    for role in ("报", "送", "发"):
        if result.literal.get(role):
            lines.append(f"  {role}: kept literally (not in the address book): {'、'.join(result.literal[role])}")
    for text in result.leftovers:
        lines.append(f"  kept unplaced (in a comment at the end): {text}")
    for text in result.warnings:
        lines.append(f"  warning: {text}")
    return lines


# ---------------------------------------------------------------- command


def _read(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def load_context(root: Path, bulletins: str = "bulletins") -> tuple[dict[str, str], AddressBook | None, dict]:
    base = root / bulletins
    titles, offices = {}, {}
    for folder in scan.series_folders(base):
        meta = scan.read_series_yml(folder)
        if meta.get("title"):
            titles[folder.name] = str(meta["title"])
            offices[folder.name] = str(meta.get("office", ""))
    book = load_address_book(base / "distribution.yml", f"{bulletins}/distribution.yml", Collector())
    return titles, book, offices


def import_file(path: Path, titles: dict[str, str], book: AddressBook | None, t2s: bool = False,
                series: str | None = None) -> Legacy:
    text = _read(path)
    is_html = path.suffix.lower() in (".html", ".htm") or bool(re.match(r"\s*(<!doctype|<html)", text, re.I))
    result = parse_legacy(text, str(path), is_html, titles, book, t2s)
    if series:
        if result.series and result.series != series:
            result.warnings.append(f"the file names series '{titles.get(result.series)}', imported into "
                                   f"'{series}' as asked")
        result.series = series
    return result


def run_import(root: Path, files: list[Path], series: str | None = None, out: Path | None = None,
               t2s: bool = False, force: bool = False, stream: TextIO | None = None) -> int:
    import sys
    from ..progress import progress
    stream = stream or sys.stdout
    titles, book, offices = load_context(root)
    if series and series not in titles:
        raise SourceError([Problem(f"bulletins/{series}", None, f"unknown series '{series}'; expected one of: "
                                                                f"{', '.join(titles) or '(none)'}")])
    problems: list[Problem] = []
    for path in progress(files, "import", label=lambda p: p.name):
        if not path.is_file():
            problems.append(Problem(path, None, "no such file; expected a .txt or .html legacy bulletin"))
            continue
        result = import_file(path, titles, book, t2s, series)
        missing = [what for what, value in (("the issue number 第N期", result.number), ("the date", result.date))
                   if value is None]
        if result.series is None and out is None:
            missing.append("the series (its title matches no series.yml; pass --series)")
        if missing:
            problems.append(Problem(path, None, f"cannot find {' or '.join(missing)}; expected a masthead such as "
                                                "'第3期' and '2024年3月5日', or pass --series"))
            continue
        if result.series and result.office and offices.get(result.series) and result.office != offices[result.series]:
            result.warnings.append(f"office '{result.office}' differs from the series' office "
                                   f"'{offices[result.series]}'")
        slug = f"zk{result.number:03d}" if result.supplement else f"{result.number:03d}"
        if out is not None:
            target = out / f"{slug}.md" if (out.is_dir() or len(files) > 1) else out
        else:
            target = root / "bulletins" / result.series / str(result.date.year) / f"{slug}.md"
        shown = target.relative_to(root).as_posix() if target.is_relative_to(root) else str(target)
        if target.exists() and not force:
            problems.append(Problem(shown, None, f"already exists; not overwritten (imported from {path}); "
                                                 "expected a new issue, or pass --force"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_markdown(result), encoding="utf-8")
        total = f"（总第{result.total}期）" if result.total else ""
        print(f"{path} → {shown}: 第{result.number}期{total} {result.date.isoformat()}, "
              f"{len(result.articles)} article(s)", file=stream)
        for line in report_lines(result):
            print(line, file=stream)
    if problems:
        raise SourceError(problems)
    return 0
