"""Structure of a 工作简报: masthead (marking, series title, 第N期/总第N期, office, date), 编者按,
本期目录, the articles (headlines found through the 目录, else through layout cues, joined when a
headline was broken over two or three lines) and the 报/送/发 lines at the foot."""
from __future__ import annotations

import re

from . import recipients
from .common import (MARKING, MARKING_FIRST, PRINTED, TOC_HEAD, block_text, ended, has_item_mark, heading, item_text, key, office_like,
                     paragraph, short_line, unspaced)
from .context import Context
from ...chinese import cn_to_int
from .dates import NUMBER, TOTAL, find_date
from .model import Block, Parsed
from .news import PLACE_ONLY
from .paragraphs import level

SERIES_END = re.compile(r"(简报|快报|动态|通讯|专报|信息|要情|情况反映|工作情况)$")
PREFACE = re.compile(r"^[【\[]?\s*(编者按|(按语|编者的话)(?=\s*[】\]:：]))\s*[】\]]?\s*[:：]?\s*")   # 【按语】 too


def structure(blocks: list[Block], ctx: Context) -> Parsed:
    parsed = Parsed()
    blocks = _title_joined(blocks, ctx)
    pos = _masthead(blocks, ctx, parsed)
    end = _foot(blocks, pos, ctx, parsed)
    body = blocks[pos:end]
    toc_at = next((i for i, b in enumerate(body[:8]) if TOC_HEAD.match(b.text)), None)
    preface_at = next((i for i, b in enumerate(body[:6]) if PREFACE.match(b.text)), None)
    if toc_at is not None and preface_at is not None and toc_at < preface_at:   # 本期要目, then 编者按
        toc, body = _toc(body, parsed)
        preface, body = _preface(body, parsed)
    else:
        preface, body = _preface(body, parsed)
        toc, body = _toc(body, parsed)
    _articles(body, toc, parsed, preface)
    for field, why in (("issue", "原文中没有找到“第N期”，请核对后填写期号"),
                       ("date", "原文中没有找到印发日期，请核对后填写（YYYY-MM-DD）")):
        if field not in parsed.fields:
            parsed.todo[field] = why
    return parsed


# ---------------------------------------------------------------- masthead

def _masthead(blocks: list[Block], ctx: Context, parsed: Parsed) -> int:
    f = parsed.fields
    start = _masthead_start(blocks, ctx)
    for block in blocks[:start]:      # a page's leftovers above the masthead (a browser's print of it)
        parsed.unplaced.append(block.text)
        parsed.notes.append(f"line {block.no}: '{block.text}' stands above the masthead; kept in the sidecar")
    for i, block in enumerate(blocks[start:start + 14], start):
        text = block.text
        # (a table first, or under the marking: 内部资料　注意保存 above a Word template's masthead table)
        if block.is_table and (i == start or i == start + 1 and "marking" in f) and _masthead_table(block, ctx, parsed):
            continue
        if block.is_table or len(text) > 80 or TOC_HEAD.match(text) or PREFACE.match(text):
            return i
        if MARKING.match(text) and (i == start or "marking" in f):   # (内部资料 / 注意保存 over two lines)
            _marking(text, parsed)
            continue
        rest, hit = _head_pieces(text, ctx, parsed)
        if not hit:
            return i
        if rest:
            parsed.unplaced.append(rest)
            parsed.notes.append(f"masthead line {block.no}: '{rest}' is not a masthead piece; kept in the sidecar")
    return min(len(blocks), start + 14)


def series_titles(ctx: Context) -> list[str]:
    """The bulletin series' titles, whole and without a leading place name (乡村振兴工作简报)."""
    return [t for info in ctx.series.values() if info.kind == "bulletin" and info.title
            for t in (unspaced(info.title), short_title(unspaced(info.title))) if t]


def _title_joined(blocks: list[Block], ctx: Context) -> list[Block]:
    """The series title set over two lines (青 禾 市 数 字 政 府 建 设 / 工　作　简　报, or wrapped by
    pdftotext: 青禾市数字政府建设工 / 作简报) as one line, among the first lines of the text."""
    titles = series_titles(ctx)
    out = list(blocks)
    for i in range(min(len(out) - 1, 80)):
        a, b = out[i], out[i + 1]
        if a.is_table or b.is_table or len(a.text) > 40 or len(b.text) > 40:
            continue
        joined = unspaced(a.text) + unspaced(b.text)
        if any(joined.startswith(t) and not unspaced(a.text).startswith(t) and len(unspaced(a.text)) < len(t)
               for t in titles):
            out[i:i + 2] = [Block(joined, a.no, a.heading, a.center)]
            break
    return out


def _marking(text: str, parsed: Parsed) -> None:
    f = parsed.fields
    marking = re.sub(r"[\s\u3000]+", " ", text).strip().replace("内部资料注意保存", "内部资料 注意保存")
    f["marking"] = f"{f['marking']} {marking}" if "marking" in f else marking
    parsed.found.append(f"marking {marking}")


def _masthead_table(block: Block, ctx: Context, parsed: Parsed) -> bool:
    """A masthead laid out in a table (a Word template's: the title across the top, the office and
    the date in two cells under it): read row by row when every row is a masthead piece."""
    rows = [[cell.strip() for cell in row.strip().strip("|").split(" | ")] for row in block.table]
    lines = ["　".join(cell for cell in row if cell) for row in rows if not re.fullmatch(r"[|\s:-]*", "".join(row))]
    marking = MARKING_FIRST.match(lines[0]) if lines else None
    if marking and not MARKING.fullmatch(lines[0]):
        lines[:1] = [marking.group(), lines[0][marking.end():]]
    trial = Parsed()
    trial.series_hint = parsed.series_hint
    if not lines or not all(MARKING.match(line) or _head_pieces(line, ctx, trial)[1] for line in lines if line):
        return False
    for line in lines:
        if line and MARKING.match(line):
            _marking(line, parsed)
        elif line:
            rest, _ = _head_pieces(line, ctx, parsed)
            if rest:
                parsed.unplaced.append(rest)
                parsed.notes.append(f"masthead line {block.no}: '{rest}' is not a masthead piece; kept in the sidecar")
    return True


def _masthead_start(blocks: list[Block], ctx: Context) -> int:
    """Where the masthead starts: the first block, unless it is no masthead piece and one of the next
    few names a series or a 第N期 (what a page printed above it is not the document's)."""
    first = 0
    for i, block in enumerate(blocks[:6]):
        if block.is_table or len(block.text) > 80:
            break
        trial = Parsed()
        _, hit = _head_pieces(block.text, ctx, trial)
        if hit and (i == 0 or trial.series_hint or "issue" in trial.fields) or MARKING.match(block.text):
            first = i
            break
    if _whole(blocks, first, ctx):
        return first
    # a page copied whole (select all) names the series in its menus, its breadcrumb and its page
    # title before the masthead itself: the first run of lines that gives all of it
    return next((i for i in range(first + 1, min(len(blocks), 80)) if _whole(blocks, i, ctx)), first)


def _whole(blocks: list[Block], start: int, ctx: Context) -> bool:
    """Do the masthead lines from ``start`` (up to six: a marking, the series, the 第N期, the office
    and the date) give the series, the 第N期 and the date?"""
    trial = Parsed()
    for block in blocks[start:start + 6]:
        if block.is_table or not (MARKING.match(block.text) or _head_pieces(block.text, ctx, trial)[1]):
            break
    return bool(trial.series_hint) and "issue" in trial.fields and "date" in trial.fields


# A masthead may leave out the place its series' title starts with: 乡村振兴工作简报 for
# 青禾市乡村振兴工作简报 (the office's own site names the city everywhere else).
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|市|县|区|自治州|州|盟|旗)")


def short_title(title: str) -> str | None:
    """A series title without its leading place name (乡村振兴工作简报 for 青禾市乡村振兴工作简报),
    when what is left still names a bulletin; None otherwise."""
    place = _PLACE.match(title)
    rest = title[place.end():] if place else ""
    return rest if len(rest) >= 4 and SERIES_END.search(rest) else None


def _series_named(compact: str, ctx: Context):
    """The series whose title the masthead line starts with, and the title as written: the whole
    title, else the title without its leading place name when only one series' title shortens to it."""
    for info in ctx.series.values():
        title = re.sub(r"\s", "", info.title)
        if title and compact.startswith(title):
            return info, title
    short = [(info, rest) for info in ctx.series.values()
             if (rest := short_title(re.sub(r"\s", "", info.title))) and compact.startswith(rest)]
    if len(short) == 1:
        return short[0]
    # or with the place's name but not its 市/县 (青禾乡村振兴工作简报, as a WeChat account titles it)
    bare = [(info, name) for info in ctx.series.values() if (name := _bare_place(re.sub(r"\s", "", info.title)))
            and compact.startswith(name)]
    return bare[0] if len(bare) == 1 else None


def _bare_place(title: str) -> str | None:
    """青禾乡村振兴工作简报 for 青禾市乡村振兴工作简报: the place without its 市, 县 or 区."""
    place, rest = _PLACE.match(title), short_title(title)
    if place is None or rest is None or len(place.group()) < 3 or not place.group().endswith(("市", "县", "区")):
        return None
    return place.group()[:-1] + rest


def _head_pieces(text: str, ctx: Context, parsed: Parsed) -> tuple[str, bool]:
    """Take series title, numbers, supplement, date and office out of one masthead line."""
    f, hit = parsed.fields, False
    signer = _SIGNER.search(text)
    if signer:                           # 签发：郑海波 beside the office: no field of a bulletin; the editor's
        parsed.unplaced.append(signer.group().strip())
        text = text[:signer.start()] + " " + text[signer.end():]
    compact = re.sub(r"[\s\u3000]", "", text)
    if compact == "增刊":                  # on a line of its own (增　刊), above 第2期
        f["supplement"] = True
        parsed.consumed.append("增刊")
        return "", True
    named = _series_named(compact, ctx) if parsed.series_hint is None else None
    again = _series_named(compact, ctx) if parsed.series_hint is not None else None
    if again is not None and again[0].slug == parsed.series_hint:
        # the masthead under a site's headline that named the series and number already
        # (青禾市…工作简报（2024年第5期）, then the masthead itself): the same title again
        text, hit = (text.replace(again[1], "", 1) if again[1] in text else compact[len(again[1]):]), True
        parsed.consumed.append(again[1])
    elif named is not None:
        info, title = named
        parsed.series_hint, hit = info.slug, True
        parsed.consumed.append(title)
        text = text.replace(title, "", 1) if title in text else compact[len(title):]
        parsed.found.append(f"series title {title}" + ("" if title == re.sub(r"\s", "", info.title)
                                                       else f" (of {info.title})"))
    for rx, name in ((TOTAL, "total"), (NUMBER, "issue")):
        m = rx.search(text)
        if m and f.get(name) == cn_to_int(m["n"]) and not rx.search(text, m.end()):
            hit = True                        # the same number again (the masthead under a headline)
            parsed.consumed.append(m.group())
            text = text.replace(m.group(), " ", 1)
        elif m and name not in f:
            f[name], hit = cn_to_int(m["n"]), True
            parsed.consumed.append(m.group())
            year = re.search(r"[（(]?(\d{4}|[〇零一二三四五六七八九○]{4})\s*年\s*$", text[:m.start()])
            if name == "issue" and year:        # 2024年第3期: the year of the issue, which the date gives
                parsed.consumed.append(year.group())
                text = text[:year.start()] + text[m.start():]
                m = rx.search(text)
            if name == "issue" and "增刊" in text[:m.start()] + text[m.end():]:
                f["supplement"] = True
                parsed.consumed.append("增刊")
                text = text.replace("增刊", "", 1)
            text = text.replace(m.group(), " ", 1)
    found = find_date(text) if "date" not in f else None
    if found:
        f["date"], hit = found[0], True
        parsed.consumed.append(found[1].group())
        text = text[:found[1].start()] + " " + text[found[1].end():]
    rest = re.sub(r"^[\s\u3000（）()]+|[\s\u3000（）()]+$", "", text)
    rest = re.sub(r"[\s\u3000]+", "", rest)
    if rest and parsed.series_hint is None and SERIES_END.search(rest) and len(rest) <= 30 and not hit:
        parsed.notes.append(f"series title '{rest}' matches no series.yml title")
        parsed.consumed.append(rest)
        return "", True
    if rest and office_like(re.sub(r"(编印|编|主办)$", "", rest)):
        office = re.sub(r"(编印|编|主办)$", "", rest)
        if office in ctx.offices():
            parsed.consumed.append(rest)
            parsed.found.append(f"office {office}")
            # a masthead that names no series (工作简报 alone) is the series of its office, if only one
            of_office = [s for s in ctx.series.values() if s.office == office and s.kind == "bulletin"]
            if parsed.series_hint is None and len(of_office) == 1:
                parsed.series_hint = of_office[0].slug
                parsed.series_why = f" — the masthead names no series; its office {office} publishes only this bulletin"
            return "", True
        parsed.notes.append(f"office '{office}' is not the series' office; kept in the sidecar")
        return rest, True
    return rest, hit


_SIGNER = re.compile(r"[\s\u3000]*签发人?\s*[:：]\s*[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])")


# ---------------------------------------------------------------- foot

def _foot(blocks: list[Block], start: int, ctx: Context, parsed: Parsed) -> int:
    first = next((i for i in range(max(start, len(blocks) - 25), len(blocks))
                  if recipients.ROLE.match(blocks[i].text) or recipients.COPIES.fullmatch(blocks[i].text)), None)
    if first is None:
        return len(blocks)
    segments = _printed_joined(_segments(blocks[first:]))
    roles: dict[str, list[str]] = {}
    known = ctx.known_names()
    # 分送 is 发 (报送 / 分送), but 送 when a 发 or 印发 line follows it (报送 / 分送 / 印发)
    named = {m.group(1) for m in map(recipients.ROLE.match, segments) if m}
    lateral = {"分送": "送"} if named & {"发", "印发"} else {}
    role = None          # the role of the line above: a line of names under it goes on with it
    for segment in segments:
        copies = recipients.COPIES.search(segment)
        if copies:
            parsed.consumed.append(copies.group())
            parsed.notes.append(f"the 版记's print run {copies.group()} is not kept: the build counts the copies "
                                "from the 报/送/发 lists")
            segment = (segment[:copies.start()] + segment[copies.end():]).strip()
        m = recipients.ROLE.match(segment)
        if not m:
            if _printed(segment, parsed):
                continue
            if re.sub(r"(编印|印发|编)$", "", segment) in ctx.offices():    # the 版记's printing office
                parsed.consumed.append(segment)
                parsed.found.append(f"printed by {segment}")
                role = None
            elif role is not None and _NAMES_LINE.fullmatch(segment):
                # 报：省农业农村厅，省乡村振兴局。 / 　　市委书记，市长，…。: the 报 line's second line
                names, rest = recipients.names_of(segment, known)
                roles.setdefault(role, []).extend(names)
                if rest:
                    parsed.unplaced.append(rest)
            elif segment:
                parsed.unplaced.append(segment)
            continue
        role = lateral.get(m.group(1)) or recipients.ROLE_NAME.get(m.group(1), m.group(1))
        parsed.consumed.append(m.group(1))
        names, rest = recipients.names_of(segment[m.end():], known)
        roles.setdefault(role, []).extend(names)
        if rest:
            from .clean import furniture
            why = furniture(rest)
            if why:
                parsed.removed.append((f"{why}, cut from the end of the {role} line", rest))
            else:
                parsed.unplaced.append(rest)
    _distribution(roles, ctx, parsed)
    return first


# a line of recipients alone: names apart by ，、 or spaces, ending as a 版记 line may (。), no label
_NAMES_LINE = re.compile(r"[\u4e00-\u9fff（）()]{2,30}(?:[，、,\s\u3000]+[\u4e00-\u9fff（）()]{2,30})*[。；;]?")


def _printed_joined(segments: list[str]) -> list[str]:
    """The printing office on one line and its date with 印发 on the next, as one line."""
    out: list[str] = []
    for segment in segments:
        if out and not recipients.ROLE.match(out[-1]) and not PRINTED.match(out[-1]) \
                and PRINTED.match(f"{out[-1]} {segment}") and office_like(unspaced(out[-1])):
            out[-1] = f"{out[-1]} {segment}"
        elif out and not recipients.ROLE.match(out[-1]) and not PRINTED.match(out[-1]) \
                and _DATE_TAIL.match(segment) and PRINTED.match(out[-1] + segment):
            out[-1] += segment       # the line wrapped inside its date: …办公室2024年3 / 月28日印发
        else:
            out.append(segment)
    return out


_DATE_TAIL = re.compile(r"^[\d〇○零一二三四五六七八九十]{0,4}[年月日]")


def _printed(segment: str, parsed: Parsed) -> bool:
    """The 版记's 印发 line (青禾市…办公室　2025年5月16日印发): the office and the date are the
    series' and the issue's, which the build prints; a date that differs from the masthead's is noted,
    and is the issue's date when the masthead gave none."""
    m = PRINTED.match(segment)
    by = unspaced(m["by"]) if m else ""
    found = find_date(m["date"]) if m else None
    if not m or not found or not office_like(re.sub(r"(编印|编)$", "", by)):
        return False
    parsed.consumed += [by, m["date"] + "印发"]
    parsed.found.append(f"印发 {by} {found[0]}")
    date = parsed.fields.get("date")
    if date is None:
        parsed.fields["date"] = found[0]
    elif date != found[0]:
        parsed.notes.append(f"the 印发 line's date {found[0]} is not the masthead's {date}; the masthead's is kept")
    return True


def _segments(blocks: list[Block]) -> list[str]:
    """Foot lines as role segments: inline roles split, a name broken over two lines joined."""
    segments: list[str] = []
    for block in blocks:
        for part in recipients.ROLE_INLINE.split(block.text):
            if not part or part in recipients.ROLE_NAME or part in ("报", "送", "发"):
                continue
            part = part.strip()
            continues = segments and recipients.ROLE.match(segments[-1]) and not recipients.ROLE.match(part) \
                and not re.search("[:：]", part) and not recipients.COPIES.search(part) \
                and not ended(segments[-1]) and len(part) <= 60 \
                and (_broken(segments[-1]) or _suffix_first(part) or _tail(segments[-1], part)
                     or _MEMBERS.search(segments[-1] + "|" + part))
            if continues:
                segments[-1] += part
            else:
                segments.append(part)
    return segments


# a body's members broken after the body: …市数字政府建设领导小组 | 各成员单位，…
_MEMBERS = re.compile(r"(领导小组|委员会|指挥部|联席会议|工作专班)\|(各)?成员单位")


def _suffix_first(part: str) -> bool:
    """The line starts with the end of a name: 各成员 | 单位、市教育局… (成员 looked whole)."""
    first = re.split(r"[、，,；;\s\u3000]", part, maxsplit=1)[0]
    return bool(first) and recipients._UNIT.fullmatch(first) is not None


def _tail(segment: str, part: str) -> bool:
    """The line is the rest of the role line's last name, a name itself when cut (市政府办 | 公室)."""
    m = recipients.ROLE.match(segment)
    last = re.split(r"[、，,；;\s\u3000]", segment[m.end():])[-1] if m else ""
    return bool(last) and re.fullmatch(r"[\u4e00-\u9fff]{1,4}", part) is not None \
        and recipients._UNIT.search(last + part) is not None


def _broken(segment: str) -> bool:
    """The role line stops after an enumeration comma or inside a name (市自然资源和规|划局)."""
    if segment.endswith(("、", "，", ",")):
        return True
    m = recipients.ROLE.match(segment)
    last = re.split(r"[、，,；;\s\u3000]", segment[m.end():])[-1] if m else ""
    return bool(last) and not recipients._UNIT.search(last)


def _distribution(roles: dict[str, list[str]], ctx: Context, parsed: Parsed) -> None:
    dist: dict = {}
    literal: dict = {}
    for role in ("报", "送", "发"):
        if roles.get(role):
            groups, rest = recipients.map_groups(roles[role], ctx.book)
            if groups:
                dist[role] = groups
            if rest:
                literal[role] = rest
            # names a group stands for come back from the address book when the issue is printed
            parsed.consumed += [n for n in roles[role] if n not in rest]
            parsed.found.append(f"{role}: {'、'.join(roles[role])}")
    if literal:
        dist["literal"] = literal
    if dist:
        parsed.fields["distribution"] = dist
    if roles.get("本期增发"):
        parsed.fields["extra"] = roles["本期增发"]


# ---------------------------------------------------------------- 编者按 and 目录

def _preface(body: list[Block], parsed: Parsed) -> tuple[list[Block], list[Block]]:
    at = next((i for i, b in enumerate(body[:6]) if PREFACE.match(b.text)), None)
    if at is None:
        return [], body
    m = PREFACE.match(body[at].text)
    parsed.consumed.append(m.group())
    first = Block(body[at].text[m.end():], body[at].no)
    end = at + 1
    while end < len(body) and not TOC_HEAD.match(body[end].text) and not short_line(body[end]):
        end += 1
    parsed.unplaced += [block_text(b) for b in body[:at]]
    parsed.found.append("编者按")
    return [b for b in [first, *body[at + 1:end]] if b.text or b.is_table], body[end:]


def _toc(body: list[Block], parsed: Parsed) -> tuple[list[str], list[Block]]:
    at = next((i for i, b in enumerate(body[:8]) if TOC_HEAD.match(b.text)), None)
    if at is None:
        return [], body
    parsed.consumed.append(body[at].text)
    frags: list[Block] = []
    for block in body[at + 1:]:
        if block.is_table or len(block.text) > 60 or ended(block.text) or PREFACE.match(block.text):
            break
        frags.append(block)
    # the first entry's text: after its number when that stands on a line of its own (一、 then the
    # title, as plain pdftotext gives a 目录 set in two columns)
    lead = next((n for n, b in enumerate(frags) if key(b.text)), 0)
    first = key(frags[lead].text) if frags else ""
    split = next((m for m in range(lead + 1, len(frags)) if first and key(frags[m].text)
                  and (first.startswith(key(frags[m].text)) or key(frags[m].text).startswith(first))),
                 len(frags))
    entries: list[str] = []
    marked = any(has_item_mark(b.text) for b in frags[:split])
    for block in frags[:split]:
        if entries and marked and not has_item_mark(block.text):
            entries[-1] += item_text(block.text)
        else:
            entries.append(item_text(block.text))
    parsed.consumed += [b.text for b in frags[:split]]   # the 目录 is made again from the headlines
    parsed.found.append(f"本期目录 with {len(entries)} {'entries' if marked else 'lines'}")
    parsed.toc_marked = marked
    parsed.unplaced += [block_text(b) for b in body[:at]]
    return entries, body[at + 1 + split:]


# ---------------------------------------------------------------- articles

def _articles(body: list[Block], toc: list[str], parsed: Parsed, preface: list[Block]) -> None:
    starts = _by_toc(body, toc, parsed) if toc else _by_layout(body)
    out = [paragraph(b) for b in preface]
    if not starts:
        parsed.todo["headline"] = "没有找到文章标题：全文暂作一篇文章，请补上标题（“## ”开头的一行）并按文章拆分"
        parsed.body = out + [heading(2, "（导入：请填写标题）")] + [paragraph(b) for b in body]
        parsed.found.append("no headline: one article")
        return
    first = min(starts)
    if first > 0:
        out_pre = [b for b in body[:first]]
        if preface:
            out += [paragraph(b) for b in out_pre]
        else:
            parsed.unplaced += [block_text(b) for b in out_pre]
    i, count = first, 0
    while i < len(body):
        if i in starts:
            span, title = starts[i]
            out.append(heading(2, title))
            count += 1
            i += span
            tag = _report_tag(body, i)
            if tag is not None:
                out.append(tag[0])
                i += tag[1]
            continue
        out.append(heading(3, body[i].text) if _subhead(body[i]) or _stopped_subhead(body, i) else paragraph(body[i]))
        i += 1
    parsed.body = out
    parsed.found.append(f"{count} article(s)")


_TAG = re.compile(r"^【?会议报道】?[\s\u3000]*")


def _report_tag(body: list[Block], i: int) -> tuple[str, int] | None:
    """A meeting report's tag line under an article's headline, as this project's sources write it
    (【会议报道】2026年7月2日　市行政中心第一会议室) and its print and web page show it: a label 会议报道,
    then the date and the place, on one line or up to three. The line, and how many blocks it took."""
    if i >= len(body) or body[i].is_table or not _TAG.match(body[i].text) or len(body[i].text) > 60:
        return None
    rest, n = _TAG.sub("", body[i].text).strip(), 1
    while i + n < len(body) and n < 3 and not body[i + n].is_table and short_line(body[i + n], 30):
        dated = find_date(rest)
        nxt = body[i + n].text.strip()
        if dated and not (rest[dated[1].end():].strip(" \u3000") == "" and PLACE_ONLY.fullmatch(nxt)):
            break
        rest, n = f"{rest}\u3000{nxt}".strip("\u3000"), n + 1
    dated = find_date(rest)
    if not dated or dated[1].start() != 0:
        return None
    place = rest[dated[1].end():].strip(" \u3000")
    return f"【会议报道】{rest[:dated[1].end()]}" + (f"\u3000{place}" if place else ""), n


def _by_toc(body: list[Block], toc: list[str], parsed: Parsed) -> dict[int, tuple[int, str]]:
    """Headlines where 1–3 blocks read as the next 目录 entry (or 1–3 unnumbered 目录 lines)."""
    starts: dict[int, tuple[int, str]] = {}
    t, b = 0, 0
    joinable = 1 if getattr(parsed, "toc_marked", False) else 3
    while b < len(body) and t < len(toc):
        hit = None
        for skip in range(0, min(3, len(toc) - t)):
            for i in (3, 2, 1):   # the longest reading first: a headline of three lines is not three headlines
                cand = key("".join(x.text for x in body[b:b + i]))
                for j in range(joinable, 0, -1):
                    if cand and cand == key("".join(toc[t + skip:t + skip + j])):
                        hit = (skip, i, j)
                        break
                if hit:
                    break
            if hit:
                break
        if hit:
            skip, i, j = hit
            for missing in toc[t:t + skip]:
                parsed.notes.append(f"目录 entry '{missing}' was not found as a headline; its text stays in "
                                    "the article before it")
            starts[b] = (i, "".join(x.text for x in body[b:b + i]))
            t, b = t + skip + j, b + i
        else:
            b += 1
    for missing in toc[t:]:
        parsed.notes.append(f"目录 entry '{missing}' was not found as a headline")
    return starts


def _by_layout(body: list[Block]) -> dict[int, tuple[int, str]]:
    """Headlines without a 目录: a run of 1–3 heading-marked or short unpunctuated blocks followed
    by body text. When the format marks headings (HTML, Word, PDF type), only marked blocks count,
    and a run is of one mark (a centred byline under a bold headline is not part of it). A numbered
    one (一、主要做法) is an article's subheading when some headline is not numbered; a source line
    in brackets （北塘县农业农村局） ends the article before it and is no headline."""
    marked = any(b.heading or b.center for b in body)

    def candidate(b: Block) -> bool:
        if _CAPTION.match(b.text):
            return False      # 表1　各单位…情况: a table's caption
        if marked:
            return bool(b.heading or b.center) and not ended(b.text)
        return short_line(b) and not level(b.text) and not _SOURCE.fullmatch(b.text)
    numbered_too = not any(candidate(b) and not level(b.text) for b in body)
    # 【主要做法】【存在问题】: an article's subheadings when some headline is not bracketed
    bracketed_too = not any(candidate(b) and not _BRACKETED.fullmatch(b.text) for b in body)
    starts: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(body):
        if not candidate(body[i]) or (level(body[i].text) and not numbered_too) \
                or (_BRACKETED.fullmatch(body[i].text) and not bracketed_too):
            i += 1
            continue
        run = 1
        while i + run < len(body) and candidate(body[i + run]) and not level(body[i + run].text) \
                and (body[i + run].heading, body[i + run].center) == (body[i].heading, body[i].center):
            run += 1
        # a subtitle under the headline (——城郊村集体经济发展的新路子), set like it or not, is the headline's
        while i + run < len(body) and not body[i + run].is_table and _SUBTITLE.match(body[i + run].text) \
                and short_line(body[i + run]) and run < 3:
            run += 1
        # the writers under the headline (市乡村振兴领导小组办公室调研组), set like it or not
        byline = run > 1 and _byline(body[i + run - 1].text)
        if byline:
            run -= 1
        else:
            byline = i + run < len(body) and candidate(body[i + run]) and _byline(body[i + run].text)
        if run <= 3 and i + run < len(body):
            starts[i] = (run, "".join(b.text for b in body[i:i + run]))
        i += run + byline
    return starts


def _byline(text: str) -> bool:
    """The writers of an article, under its headline: an office, or its team (…办公室调研组)."""
    return office_like(text) or (len(text) <= 30 and bool(re.search(r"(调研组|课题组|工作组|专班)$", text))
                                 and not re.search("[。，；：:]", text))


def _stopped_subhead(body: list[Block], i: int) -> bool:
    """A numbered subheading written with a full stop on a line of its own (（一）保障农资供应。), a
    paragraph of text under it: one short clause, not an item of a list of such lines."""
    b, nxt = body[i], body[i + 1] if i + 1 < len(body) else None
    return not b.is_table and bool(level(b.text)) and b.text.endswith("。") and len(b.text) <= 24 \
        and not re.search("[，；：。](?!$)", b.text) and nxt is not None and not nxt.is_table \
        and not level(nxt.text) and len(nxt.text) > 2 * len(b.text)


_SOURCE = re.compile(r"[（(][^（）()]{2,30}[）)]")
_SUBTITLE = re.compile(r"^[—－―]{1,2}\s*[\u4e00-\u9fff“]")
_BRACKETED = re.compile(r"[【\[][^【】\[\]。，；]{2,10}[】\]]")
_CAPTION = re.compile(r"^(附表|表|图)\s*\d{1,2}(\s|\u3000|[：:．.]|[\u4e00-\u9fff])")


def _subhead(b: Block) -> bool:
    """A numbered heading inside an article (一、明确管护主体), as a heading mark or a short line sets
    it, or a bracketed one on its own line (【主要做法】)."""
    if b.is_table:
        return False
    return bool(level(b.text)) and not ended(b.text) and (bool(b.heading) or short_line(b)) \
        or bool(_BRACKETED.fullmatch(b.text)) and not _TAG.match(b.text)
