"""Structure of a 通知 (and of a 方案, which plan.py builds on): 发文机关标志, 文号, title, 主送,
body with heading levels 一、 （一） 1. （1）, 附件 list, issuer and date, 附注 and contact,
attachment parts (附件1 …), and the 版记 (抄送, 印发)."""
from __future__ import annotations

import datetime as dt
import re

from ...model import docnumber
from . import recipients
from .common import (BARE_NUMBER, CREDITS, PARTICULAR, PRINTED, SESSION, TOC_HEAD, ended, escape, heading, office_like,
                     paragraph, short_line, unspaced)
from .context import Context
from .dates import find_date, only_date
from .model import Block, Parsed
from .paragraphs import TOC_LINE, level

DOC_TYPE = re.compile(r"(通知|通报|意见|方案|计划|办法|规定|决定|函|批复|报告|请示|要点|细则|纪要|规划|公告|通告|决议|"
                      r"实施意见|工作要点|安排|规则|制度|指引|指南)([（(][^（()）]{1,24}[）)])?$")
NOTE = re.compile(r"^[（(](?P<note>此件[^（()）]*)[)）]$")
CONTACT = re.compile(r"^[（(]?联系人[:：]\s*(?P<name>[^；;，,\s]+)[；;，,\s]+(联系)?电话[:：]\s*(?P<phone>[\d\-－—\s()（）转]+?)[)）]?$")
ATT_LIST = re.compile(r"^附件\s*[:：]\s*")
_UNIT_PERSON = re.compile(r"^(.{2,30}?(?:局|处|科|室|办|委|中心|站|所|院|部|队|厅|公司))([\u4e00-\u9fff]{2,4})$")
_FILE_TYPES = r"(docx?|xlsx?|wps|et|pdf|ofd|zip|rar)"     # an attachment linked as a file
_ATT_FILE = re.compile(rf"^(相关)?附件(下载)?\s*\d*\s*[:：].{{1,80}}\.{_FILE_TYPES}\s*$", re.I)
_NAME_ONLY = re.compile(r"^[（(]联系人\s*[:：]\s*(?P<name>[^；;，,\s（）()]{2,20})[)）]$")
ATT_PART = re.compile(r"^附件\s*(?P<n>\d{0,2})\s*[:：]?$")
ITEM = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*")
MARK = re.compile(r"文件$|^(?!.*(关于|的)).{2,20}会议纪要$")     # (关于…的专题会议纪要 is a title)
_MINUTES = re.compile(r"(专题|常务|办公|协调)?会议纪要")


def _office_date(text: str) -> tuple[str, dt.date, str] | None:
    """青禾市人民政府办公室　　2026年9月3日 on one line: (the office, the date, the date as printed)."""
    found = find_date(text)
    office = unspaced(text[:found[1].start()]) if found else ""
    if not found or text[found[1].end():].strip() or not office_like(office):
        return None
    return office, found[0], found[1].group()


def _office_and_date(text: str, parsed: Parsed) -> bool:
    """A 纪要's office and date under its number: the issuer and the date, unless the text has them."""
    found = _office_date(text)
    if found is None:
        return False
    office, day, printed = found
    parsed.fields.setdefault("issuer", office)
    parsed.fields.setdefault("date", day)
    parsed.consumed += [office, printed]
    parsed.found.append(f"issuer {office}, date {day.isoformat()}")
    return True


def structure(blocks: list[Block], ctx: Context, kind: str = "notice") -> Parsed:
    parsed = Parsed()
    above = _page_above(blocks, ctx)
    for block in blocks[:above]:
        parsed.unplaced.append(block.text)
        parsed.notes.append(f"line {block.no}: '{block.text}' stands above the 发文机关标志; kept in the sidecar")
    blocks = blocks[above:]
    i = _head(blocks, ctx, parsed)
    i = _title(blocks, i, parsed)
    minutes = [f.split(" ", 1)[1] for f in parsed.found if f.startswith("发文机关标志 ") and f.endswith("会议纪要")]
    if "title" not in parsed.fields and minutes:    # 青禾市人民政府常务会议纪要 and no title of its own
        parsed.fields["title"] = minutes[0]
    i = _under_title(blocks, i, parsed)
    compact = re.sub(r"\s", "", blocks[i].text) if i < len(blocks) else ""
    if "doc_number" not in parsed.fields and docnumber.LENIENT.fullmatch(compact):
        _doc_number(compact, parsed)   # 文号 printed under the title
        i += 1
    i = _title_again(blocks, i, parsed)
    i = _addressees(blocks, i, parsed)
    blocks = _banji_last(blocks, i)
    end = _banji(blocks, i, len(blocks), ctx, parsed)
    end, parts = _parts(blocks, i, end, parsed)
    end = _notes(blocks, i, end, parsed)
    tail = end
    end, signed = _signature(blocks, i, end, parsed)
    end, listed = _attachment_list(blocks, i, end, parsed)
    after = blocks[signed:tail]
    noted = _notes(after, 0, len(after), parsed, forward=True)    # （此件公开发布） under the signature
    after = after[noted:]
    # a page's download link for the attachment (附件：清单.xlsx) is no attachment text: the editor's
    # nor are the editors' credits under a page (责任编辑：…): the editor's, in the sidecar
    aside = [b for b in after if not b.is_table and (_ATT_FILE.match(b.text) or CREDITS.match(b.text))]
    parsed.unplaced += [b.text for b in aside]
    after = [b for b in after if b not in aside]
    if after and listed and not parts:   # an attachment without its 附件 line: its title, its text
        parts = [_part(after)]
    elif after:                          # what a notice does not have after its signature: to the editor
        parsed.unplaced += [line for b in after for line in (b.table or [b.text])]
    _attachments(listed, parts, parsed)
    parsed.body = body_markdown(blocks[i:end])
    wanted = {"title": "原文中没有找到标题，请填写", "issuer": "原文中没有找到发文机关署名，请填写",
              "date": "原文中没有找到成文日期，请核对后填写（YYYY-MM-DD）",
              "doc_number": "原文中没有找到发文字号（如 青政办函〔2026〕8号），请填写"}
    for field, why in wanted.items():
        if field not in parsed.fields:
            parsed.todo.setdefault(field, why)      # (a month under the title says more: _under_title)
        else:
            parsed.todo.pop(field, None)
    return parsed


def _title_again(blocks: list[Block], i: int, parsed: Parsed) -> int:
    """Past the title printed a second time: a page's headline over the document, which prints its
    red head and its title again under it (on one line or several)."""
    title = unspaced(parsed.fields.get("title", ""))
    for n in range(1, 4):
        seen = blocks[i:i + n]
        if not title or len(seen) < n or any(b.is_table for b in seen):
            break
        if "".join(unspaced(b.text) for b in seen) == title:
            parsed.removed += [("the title printed again (a web page's headline over the document)", b.text)
                               for b in seen]
            return i + n
    return i


_MONTH = re.compile(r"^(19|20)\d{2}\s*年\s*\d{1,2}\s*月$")


def _under_title(blocks: list[Block], i: int, parsed: Parsed) -> int:
    """What a plan published on its own prints under its title: its office and date (2026年2月), and
    a 目录 whose entries repeat the headings below (they became headings twice over)."""
    if i + 1 < len(blocks) and office_like(unspaced(blocks[i].text)) and \
            (only_date(blocks[i + 1].text) or _MONTH.match(blocks[i + 1].text.strip())):
        parsed.fields["issuer"] = unspaced(blocks[i].text)
        day = only_date(blocks[i + 1].text)
        if day:
            parsed.fields["date"] = day
        else:
            parsed.todo["date"] = f"原文标题下只印了“{blocks[i + 1].text.strip()}”：请核对成文日期后填写（YYYY-MM-DD）"
        parsed.consumed += [blocks[i].text, blocks[i + 1].text]
        parsed.found.append(f"issuer {parsed.fields['issuer']} under the title")
        i += 2
    if i < len(blocks) and TOC_HEAD.match(blocks[i].text):
        j = i + 1
        while j < len(blocks) and TOC_LINE.search(blocks[j].text):
            j += 1
        if j - i >= 3:
            parsed.removed += [("目录 (its entries are the headings below)", b.text) for b in blocks[i:j]]
            return j
    return i


def _page_above(blocks: list[Block], ctx: Context) -> int:
    """Where the red head starts under what a page copied whole (select all) prints above it: menus,
    a breadcrumb, the page's title. The first 发文机关标志 with its 文号 on the next line, after short
    lines only; 0 when the text starts with it, or has none."""
    titles = {re.sub(r"\s", "", s.title) for s in ctx.series.values()}
    for i in range(min(len(blocks) - 1, 120)):
        compact = unspaced(blocks[i].text)
        if blocks[i].is_table or len(compact) > 60:
            return 0
        if (compact in titles or MARK.search(compact) and len(compact) <= 30) \
                and docnumber.LENIENT.fullmatch(unspaced(blocks[i + 1].text)):
            return i
    return 0


def _head(blocks: list[Block], ctx: Context, parsed: Parsed) -> int:
    """发文机关标志, 份号, 密级 and the 文号 line, before the title."""
    titles = {re.sub(r"\s", "", s.title): s.slug for s in ctx.series.values()}
    i = 0
    while i < min(len(blocks), 6):
        joint = _joint_mark(blocks, i)
        if joint:          # a joint document's mark: each office on a line of its own, the 文号 under them
            names = [unspaced(b.text) for b in blocks[i:i + joint]]
            parsed.consumed += names
            parsed.found.append(f"发文机关标志 {'、'.join(names)}")
            i += joint
            continue
        compact = unspaced(blocks[i].text)
        # a letter's (函) 发文机关标志 is the office's name alone, its 文号 on the line under it
        letter = i + 1 < len(blocks) and len(compact) <= 30 and office_like(compact) and \
            bool(docnumber.LENIENT.fullmatch(unspaced(blocks[i + 1].text)))
        below = unspaced(blocks[i + 1].text) if i + 1 < len(blocks) else ""
        if office_like(compact) and _MINUTES.fullmatch(below) and MARK.search(compact + below) \
                and len(compact + below) <= 30:
            compact = compact + below       # 青禾市人民政府 / 专题会议纪要: a 纪要's mark over two lines
            i += 1
        elif 0 < len(below) <= 2 and not MARK.search(compact) and (compact + below).endswith("文件") \
                and len(compact + below) <= 30:
            compact = compact + below       # 青禾市人民政府办公室文 / 件: a large mark wrapped in a PDF's text
            i += 1
        if compact in titles or (MARK.search(compact) and len(compact) <= 30) or letter:
            parsed.series_hint = parsed.series_hint or titles.get(compact)
            parsed.consumed.append(compact)
            parsed.found.append(f"发文机关标志 {compact}")
        elif re.fullmatch(r"\d{6}|(秘密|机密|绝密|特急|加急)(★.*)?", compact):
            parsed.unplaced.append(blocks[i].text)
        elif docnumber.LENIENT.fullmatch(compact) or (docnumber.LENIENT.match(compact) and "签发人" in compact):
            _doc_number(compact, parsed)
            if "签发人" in compact:
                parsed.unplaced.append(compact[docnumber.LENIENT.match(compact).end():])
        elif BARE_NUMBER.match(compact):      # a 纪要's 〔2026〕18号, without its office's code
            parsed.consumed.append(compact)
            parsed.fields.setdefault("issue", int(BARE_NUMBER.match(compact)["n"]))
            parsed.todo["doc_number"] = f"原文只印了“{compact}”：请补上机关代字后填写（如 青政纪{compact}）"
        elif SESSION.match(compact) and any(f.startswith("发文机关标志") for f in parsed.found):
            parsed.consumed.append(compact)     # a 常务会议纪要's 第12次: its number, no 文号
            parsed.fields.setdefault("issue", int(SESSION.match(compact)["n"]))
            parsed.todo["doc_number"] = (f"原文只印了“{compact}”：请填写这份纪要的发文字号"
                                         f"（如 青政纪〔年份〕{SESSION.match(compact)['n']}号）")
        elif "doc_number" in parsed.todo and _office_and_date(blocks[i].text, parsed):
            pass                                   # the 纪要's office and date, under its number
        else:
            break
        i += 1
    return i


def _signers(text: str) -> str:
    """The signature line's office, or a joint document's offices set apart by a wide space
    (青禾市农业农村局　　　　青禾市财政局) as 青禾市农业农村局　青禾市财政局; spaces inside a name go."""
    names = [unspaced(part) for part in re.split(r"[ \u3000]{2,}", text.strip()) if part.strip()]
    if len(names) >= 2 and all(office_like(name) for name in names):
        return "\u3000".join(names)
    return unspaced(text)


def _joint_mark(blocks: list[Block], i: int) -> int:
    """How many lines from ``i`` are offices' names alone (two to four), with the 文号 on the line under
    them: a joint document's 发文机关标志 (青禾市农业农村局 / 青　禾　市　财　政　局 / 青农联字〔2024〕6号)."""
    n = 0
    while i + n < len(blocks) and n < 4 and not blocks[i + n].is_table:
        compact = unspaced(blocks[i + n].text)
        if not (len(compact) <= 30 and office_like(compact)):
            break
        n += 1
    below = unspaced(blocks[i + n].text) if i + n < len(blocks) else ""
    return n if n >= 2 and docnumber.LENIENT.fullmatch(below) else 0


def _doc_number(text: str, parsed: Parsed) -> None:
    m = set_doc_number(text, parsed)
    parsed.consumed.append(m.group())
    parsed.found.append(f"文号 {parsed.fields['doc_number']}")


def set_doc_number(text: str, parsed: Parsed):
    """The 文号 in ``text`` as the fields have it (〔〕 around the year), and the number it gives the
    file; the match, or None when ``text`` holds none."""
    m = docnumber.LENIENT.search(text)
    if m is not None:
        parsed.fields["doc_number"] = docnumber.written(m)
        parsed.fields.setdefault("_number", docnumber.number(m))
    return m


_QUALIFIER = re.compile(r"[（(][^（()）。，；]{1,20}[）)]")


_SPACED_OUT = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]+)+[\u4e00-\u9fff]")


def _title(blocks: list[Block], i: int, parsed: Parsed) -> int:
    """1–4 short lines up to the 主送 line, the first paragraph, or a line ending in a document type."""
    parts: list[str] = []
    j = i
    while j < len(blocks) and len(parts) < 4:
        b = blocks[j]
        if b.is_table or ended(b.text) or b.text.endswith(("：", ":")) or len(b.text) > 45 or level(b.text) \
                or PARTICULAR.match(b.text):
            break
        if parts and ATT_LIST.match(b.text):
            break
        # a line of characters set apart (通　　知, the title's last line spaced wide): the word
        parts.append(unspaced(b.text) if _SPACED_OUT.fullmatch(b.text) else b.text)
        j += 1
        joined = "".join(parts)
        if joined.count("《") > joined.count("》"):
            continue        # 关于征求《…管理办法 / （征求意见稿）》意见的函: the 办法 is the named document's
        if DOC_TYPE.search(joined):    # (a title's last character may wrap alone: 工作方 / 案)
            # a qualifier on the line under it is the title's: （2025—2027年）, （试行）, （征求意见稿）
            if j < len(blocks) and not blocks[j].is_table and _QUALIFIER.fullmatch(blocks[j].text):
                parts.append(blocks[j].text)
                j += 1
            break
    if parts and (DOC_TYPE.search(_QUALIFIER.sub("", "".join(parts)))
                  or j < len(blocks) and blocks[j].text.endswith(("：", ":"))
                  or blocks[i].heading or blocks[i].center):
        parsed.fields["title"] = "".join(parts)
        parsed.found.append(f"title {parsed.fields['title']}")
        return j
    return i


# A first paragraph ending in a colon that is the text's opening sentence, not a 主送 list of offices:
# a sentence ends inside it (制定本方案。重点任务如下：), or it says what follows (现就有关事项通知如下：)
_OPENING = re.compile(r"[。！？；]|如下\s*[：:]$|^(为了?|根据|按照|依据|经|近期|近日|今年|现将|现就)")


def _addressees(blocks: list[Block], i: int, parsed: Parsed) -> int:
    # a 主送 over two paragraphs (a Word file typed so): the first ends on 、 or ，, the second on ：
    two = i + 1 < len(blocks) and not blocks[i].is_table and not blocks[i + 1].is_table \
        and blocks[i].text.endswith(("、", "，")) and re.search(r"[：:]$", blocks[i + 1].text) is not None
    text = blocks[i].text + blocks[i + 1].text if two else blocks[i].text if i < len(blocks) else ""
    if i < len(blocks) and re.search(r"[：:]$", text) and len(text) <= 120 \
            and not level(text) and not ATT_LIST.match(text) and not _OPENING.search(text):
        parsed.fields["addressees"] = text.rstrip("：:").strip()
        parsed.found.append(f"主送 {parsed.fields['addressees']}")
        return i + (2 if two else 1)
    return i


def _banji(blocks: list[Block], start: int, end: int, ctx: Context, parsed: Parsed) -> int:
    """抄送 and 印发 lines at the very end (a 抄送 list broken over lines is joined)."""
    # (up to 30 from the end: a page copied whole goes on with its footer)
    first = next((j for j in range(max(start, end - 30), end) if _banji_line(blocks[j].text)), end)
    lines: list[str] = []
    for b in blocks[first:end]:
        if b.is_table:              # nothing after the 版记 is dropped: its rows go to the editor
            lines += b.table
            continue
        text = re.sub(r"[\s\u3000]+", " ", b.text).strip()
        if lines and lines[-1].startswith("抄送") and not lines[-1].endswith(("。", ".")) and not _banji_line(text) \
                and not re.search("[:：]", text):
            lines[-1] += text
        elif lines and not lines[-1].startswith("抄送") and not PRINTED.match(lines[-1]) \
                and PRINTED.match(f"{lines[-1]} {text}"):
            lines[-1] = f"{lines[-1]} {text}"      # the printing office over its date (plain pdftotext)
        else:
            lines += _printed_apart(text)
    for text in lines:
        pm = PRINTED.match(text)
        if text.startswith("抄送"):
            m = re.match(r"^抄送\s*[:：]?\s*", text)
            names, rest = recipients.names_of(text[m.end():], ctx.known_names())
            parsed.fields["cc"] = names
            parsed.consumed.append("抄送")
            parsed.found.append(f"抄送 {'、'.join(names)}")
            if rest:
                parsed.unplaced.append(rest)
        elif pm:
            found = find_date(pm["date"])
            parsed.fields["printed_by"] = pm["by"].strip()
            if found:
                parsed.fields["printed_date"] = found[0]
                parsed.consumed.append(pm["date"] + "印发")
            parsed.found.append(f"印发 {pm['by'].strip()}")
        else:
            parsed.unplaced.append(text)
    return first


def _banji_last(blocks: list[Block], start: int) -> list[Block]:
    """``blocks`` with a 版记 that stands before the attachments moved to the end, where GB/T 9704
    puts it (a Word template's 版记 table under the signature, the attachments pasted after it)."""
    at = next((j for j in range(start, len(blocks)) if _banji_line(blocks[j].text)), None)
    if at is None:
        return blocks
    stop = at
    while stop < len(blocks) and (_banji_line(blocks[stop].text) or not blocks[stop].text.strip() and not blocks[stop].is_table):
        stop += 1
    if not any(ATT_PART.match(b.text) for b in blocks[stop:]):
        return blocks
    return blocks[:at] + blocks[stop:] + blocks[at:stop]


def _printed_apart(text: str) -> list[str]:
    """A 抄送 line and the 印发 line run into one paragraph (a 版记 table's rows read as one), apart."""
    joined = re.match(r"^(抄送.*?[。；;])\s*(.+印发)$", text)
    return [joined[1], joined[2]] if joined and PRINTED.match(joined[2]) else [text]


def _banji_line(text: str) -> bool:
    return text.startswith("抄送") or bool(PRINTED.match(re.sub(r"\s+", " ", text)))


def _parts(blocks: list[Block], start: int, end: int, parsed: Parsed) -> tuple[int, list[tuple[str, list[Block]]]]:
    """Attachment parts after the signature: a line 附件 / 附件1 alone, its title, its text."""
    heads = [j for j in range(start, end) if ATT_PART.match(blocks[j].text) and j > start + 2]
    if not heads:
        return end, []
    parts: list = []
    for k, h in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else end
        n = int(ATT_PART.match(blocks[h].text)["n"] or 0)
        if len(parts) < n - 1 <= len(parts) + 8:     # 附件2 alone (附件1 a download): its own place, a hole before it
            parts += [None] * (n - 1 - len(parts))
        parts.append(_part(blocks[h + 1:stop]))
        parsed.consumed.append(blocks[h].text)
    return heads[0], parts


def _part(chunk: list[Block]) -> tuple[str, list[Block]]:
    """An attachment's title (up to three short lines at its head) and its text."""
    t = 0
    # (a title is not 东湖区（6个）：㐀溪村、… , a short first line of a list under it)
    while t < min(3, len(chunk)) and not chunk[t].is_table and short_line(chunk[t], 40) and not level(chunk[t].text) \
            and not (t and re.search(r"[：:]\s*\S", chunk[t].text)):
        t += 1
    return "".join(b.text for b in chunk[:t]), chunk[t:]


def _notes(blocks: list[Block], start: int, end: int, parsed: Parsed, forward: bool = False) -> int:
    """The 附注 and contact lines that end blocks[start:end] (``forward``: that begin it); where they
    start (end)."""
    if forward:
        k = start
        while k < end and _note_line(blocks[k].text) and "note" not in parsed.fields:
            _notes(blocks, k, k + 1, parsed)
            k += 1
        return k
    j = end
    while j > start:
        text = blocks[j - 1].text
        note, contact, name_only = NOTE.match(text), CONTACT.match(text), _NAME_ONLY.match(text)
        if name_only and "contact" not in parsed.fields:
            # （联系人：赵立群） without a telephone: a contact needs both, so the editor completes it
            parsed.todo["contact"] = (f"原文附注只写了联系人{name_only['name']}，没有电话：请填写 contact: "
                                      f"{{name: {name_only['name']}, phone: …}}，或删去本条")
            parsed.consumed.append(text)
            parsed.found.append(f"contact {name_only['name']} (no telephone)")
        elif note:
            parsed.fields["note"] = note["note"]
            parsed.found.append(f"附注 （{note['note']}）")
        elif contact:
            # 市大数据局数据资源处许晓婷: the unit and the person, whose space the cleaning took out
            name = _UNIT_PERSON.sub(r"\1 \2", contact["name"])
            parsed.fields["contact"] = {"name": name, "phone": contact["phone"].strip()}
            parsed.consumed.append("联系人联系电话")
            parsed.found.append(f"contact {contact['name']}")
        else:
            break
        j -= 1
    return j


def _note_line(text: str) -> bool:
    """A 附注 (（此件公开发布）) or a contact line (with a telephone, or the name alone)."""
    return bool(NOTE.match(text) or CONTACT.match(text) or _NAME_ONLY.match(text))


def _signature(blocks: list[Block], start: int, end: int, parsed: Parsed) -> tuple[int, int]:
    """Issuer and date at the end of the main text: 'office' then 'date', or both on one line. Where
    the signature starts and ends (it may stand a few blocks before ``end``; further up, up to ten,
    only as both lines, office then date: a page copied whole goes on with its download links and
    related articles)."""
    for j in range(end - 1, max(start, end - 10) - 1, -1):
        text = re.sub(r"[\s\u3000]+", " ", blocks[j].text).strip()
        day = only_date(text)
        if day and j < end - 4 and not (j - 1 >= start and office_like(re.sub(r"[\s\u3000]", "", blocks[j - 1].text))):
            continue
        if j < end - 4 and not day:
            continue
        if day:
            parsed.fields["date"] = day
            parsed.consumed.append(text)
            issuer = blocks[j - 1].text.strip() if j - 1 >= start else ""
            if office_like(re.sub(r"[\s\u3000]", "", issuer)):
                parsed.fields["issuer"] = _signers(issuer)
                parsed.found.append(f"issuer {parsed.fields['issuer']}, date {day.isoformat()}")
                return j - 1, j + 1
            parsed.found.append(f"date {day.isoformat()}")
            return j, j + 1
        signed = _office_date(text)
        if signed:
            parsed.fields["issuer"], parsed.fields["date"], printed = signed
            parsed.consumed.append(printed)
            parsed.found.append(f"issuer {parsed.fields['issuer']}, date {parsed.fields['date'].isoformat()}")
            return j, j + 1
    # no date under it: the issuer alone ends the text (a page that gives the date in its publishing
    # notes, pubnotes.py, or a copy whose date line was lost)
    issuer = re.sub(r"[\s\u3000]", "", blocks[end - 1].text) if end - 1 >= start else ""
    if office_like(issuer):
        issuer = parsed.fields["issuer"] = _signers(blocks[end - 1].text)
        parsed.found.append(f"issuer {issuer}")
        return end - 1, end
    return end, end


def _attachment_list(blocks: list[Block], start: int, end: int, parsed: Parsed) -> tuple[int, list[str]]:
    at = next((j for j in range(max(start, end - 12), end) if ATT_LIST.match(blocks[j].text)), None)
    if at is None:
        return end, []
    items: list[str] = []
    first = ATT_LIST.sub("", blocks[at].text)
    parsed.consumed.append("附件")
    for text in [first] + [b.text for b in blocks[at + 1:end]]:
        if ATT_LIST.match(text) and ITEM.match(ATT_LIST.sub("", text)):
            text = ATT_LIST.sub("", text)   # 附件：2. …, the lead written again (a web page's hidden one)
        m = ITEM.match(text)
        if m or not items:
            items.append(ITEM.sub("", text))
        else:
            items[-1] += text
    items = [re.sub(r"^《|》$|[。；;]$", "", t).strip() for t in items if t.strip()]
    parsed.found.append(f"附件 list of {len(items)}")
    return at, items


_LINKED = re.compile(rf"\.{_FILE_TYPES}$", re.I)


def _attachments(listed: list[str], parts: list[tuple[str, list[Block]]], parsed: Parsed) -> None:
    count = max(len(listed), len(parts))
    entries, missing = [], []
    for n in range(1, count + 1):
        title = listed[n - 1] if n <= len(listed) else (parts[n - 1] or ("",))[0]
        linked = _LINKED.search(title)
        if linked:          # a page's download link (统计表.xls): the attachment is the file, titled without it
            title = title[:linked.start()]
            parsed.notes.append(f"附件{n}: the page links the file {title}{linked.group()}; its title is written "
                                "without the file name's extension")
        entries.append({"title": title or f"附件{n}", "file": f"{{stem}}-att{n}.md"})
        if n <= len(parts) and parts[n - 1] is not None:
            ptitle, chunk = parts[n - 1]
            if ptitle and ptitle != title:
                chunk = [Block(ptitle, 0)] + chunk
            elif ptitle:
                parsed.consumed.append(ptitle)   # the same title as in the 附件 list, kept there
            parsed.attachments.append((entries[-1]["file"], body_markdown(chunk)))
        else:
            missing.append(f"附件{n}《{title}》")
    if entries:
        parsed.fields["attachments"] = entries
    if missing:
        parsed.todo["attachments"] = (f"{'、'.join(missing)}的正文不在原文中：请把文件放在本期旁边，"
                                      "并在 attachments 中写上它的文件名")


# ---------------------------------------------------------------- body

def body_markdown(blocks: list[Block]) -> list[str]:
    """Paragraphs, with numbered headings as ## 一、 ### （一） #### 1. ##### （1） (a heading broken over
    lines joined; a run-in heading such as '（一）加强领导。各单位…' split from its paragraph)."""
    out: list[str] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        lv = 0 if b.is_table else level(b.text)
        split = _split_heading(b.text) if lv else None
        if split is not None and not split[1] and b.text.endswith("。") and _sibling_is_text(blocks, i, lv):
            split = None     # 2.同步改善…设施。 after 1.按照…，对…修缮。: items of one list, both text
        if split is None:
            out.append(paragraph(b))
            i += 1
            continue
        head, rest = split
        while not rest and len(head) >= 14 and i + 1 < len(blocks) and _fragment(blocks[i + 1]) \
                and (i + 2 >= len(blocks) or not short_line(blocks[i + 2]) or level(blocks[i + 2].text)):
            head += blocks[i + 1].text
            i += 1
        out.append(heading(lv + 1, head))
        if rest:
            out.append(escape(rest))
        i += 1
    return out


def _sibling_is_text(blocks: list[Block], i: int, lv: int) -> bool:
    """Is the nearest item of level ``lv`` before or after block ``i`` (in the same part, with no
    higher heading between) a paragraph rather than a heading?"""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(blocks):
            other = 0 if blocks[j].is_table else level(blocks[j].text)
            if other and other < lv:
                break
            if other == lv:
                if _split_heading(blocks[j].text) is None:
                    return True
                break
            j += step
    return False


def _fragment(b: Block) -> bool:
    return short_line(b, 24) and not level(b.text) and not ATT_LIST.match(b.text)


def _split_heading(text: str) -> tuple[str, str] | None:
    """(heading, run-in text) for a numbered line that is a heading, else None."""
    m = re.search("[。；：:]", text)
    if m is None:
        return (text, "") if len(text) <= 40 else None
    if m.end() == len(text):
        sentence = "，" in text or len(text) > 20
        return (text[:-1], "") if m.group() == "。" and not sentence else None
    if m.start() <= 30 and m.group() == "。":
        rest = text[m.end():].strip()
        if _NOTE_ONLY.fullmatch(rest):
            return None     # 1.深化…改革，…80%以上。（责任单位：区行政审批局）: an item and its note, no head
        return text[:m.start()], rest
    return None


# what follows an item's full stop when it is only a note in brackets: （责任单位：…）, （2025年6月底前）
_NOTE_ONLY = re.compile(r"[（(][^（()）]{1,60}[）)][。；]?")
