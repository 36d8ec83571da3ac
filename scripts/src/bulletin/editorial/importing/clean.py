"""Step 2: remove what is not the document, and list every removal with its reason.

``strip`` works on whole lines: web and download-site furniture (breadcrumbs, counters, share
widgets, copyright and ICP lines, 相关文章 lists, 温馨提示, 客服, hotline and e-mail footers, SEO
keyword lines, file names), page numbers (also "—2—" in the middle of a sentence), rules, and stacked
pinyin glosses such as 市(shi)(shi). ``tidy`` then mends the characters: spaces between Han
characters (PDF spacing) go, half-width punctuation inside Chinese becomes full width.
"""
from __future__ import annotations

import re
from collections import Counter

from ...filefacts import SUFFIX_WORD
from ..characters import STAND_IN, ideograph
from .common import NOTE_MARK
from .dates import NUMBER, find_date, only_date
from .model import HAN, Line
from .recipients import ROLE

_P = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u201c\u201d\u2018\u2019\u2026\u2014"
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+"
             r"(?:ng|n|r)?[1-5]?")
GLOSSES = re.compile(f"(?<=[{HAN}])(?:\\s?[(（]{_SYLLABLE}[)）])+", re.I)
INLINE_PAGE = re.compile(r"\s*(?<![0-9A-Za-z])[—―－–]{1,2}\s*\d{1,3}\s*[—―－–]{1,2}(?![0-9A-Za-z])\s*"
                         r"|\s+-\s\d{1,3}\s-(?:\s+|$)")
PAGE_LINE = re.compile(r"^[-—–－―\s]*\d{1,3}[-—–－―\s]*$|^第\s*\d+\s*页(\s*[/／,，]?\s*共\s*\d+\s*页)?$"
                       r"|^\d{1,3}\s*[/／]\s*\d{1,3}$|^[-—–－―]\s*第\s*\d+\s*页\s*[-—–－―]$")
RULE = re.compile(r"^[\s─━—\-_=＝·.…*＊~～]{6,}$")

# A counter is its label and its number (or the label alone, its number filled in by a script): 浏览次数：2318,
# 浏览量：. Not the words in a sentence (平台总访问量达120万人次, 点击量排名前十的政策).
# (in brackets too: 【访问量】2031, 浏览量：[ 512 ]; 阅读263次 without a colon; 点击： alone on its line)
COUNTER_LABELS = "浏览次数|访问次数|阅读次数|点阅次数|点击次数|点击数|点击量|浏览量|访问量|阅读量|点阅数"
_COUNTER = re.compile(rf"[【\[]?({COUNTER_LABELS})[】\]]?"
                      r"(\s*[:：]?\s*[\[【(（]?\s*\d[\d,]*\s*[\]】)）]?\s*次?(?![\d\u4e00-\u9fff])"
                      r"|\s*[:：]\s*(?=$|[\s\u3000|｜】\]]))"
                      r"|(?<![\u4e00-\u9fff])(阅读|点击|浏览|访问)\s*([:：]\s*\d[\d,]*\s*次?|\d[\d,]*\s*次(?![\u4e00-\u9fff]))"
                      r"|^(阅读|点击|浏览|访问)\s*[:：]\s*$")
FURNITURE = [
    ("breadcrumb", re.compile(r"^(当前|(您|你)(现在|所在)?的|所在的?)\s*位置\s*[:：]|^首页\s*[>＞»/]"
                              r"|^[^\s>＞»]{2,20}(\s*[>＞»]\s*[^\s>＞»]{2,20}){2,}$")),
    # (a browser's print of a menu: items apart by spaces, or by nothing)
    ("site navigation", re.compile(r"^首页(\s*[|｜]\s*\S+)+$|^(首页|网站首页)$|^(网站)?首页[\u4e00-\u9fff\s]{4,40}$")),
    ("visit counter", _COUNTER),
    ("share widget", re.compile(r"^分享到|^(微信|微博|QQ空间|朋友圈)([\s、|]*(微信|微博|QQ空间|朋友圈|QQ))+\s*$"
                                r"|扫一扫在手机|扫码关注|关注(我们的)?(微信)?公众号")),
    ("copyright", re.compile(r"版权所有|版权归|Copyright|©|\(c\)\s*\d{4}|转载请注明|未经(本站)?(书面)?(授权|许可).{0,10}(转载|使用)",
                             re.I)),
    ("licence line", re.compile(r"ICP\s*备|ICP证|公网安备|网站标识码|网站识别码")),
    ("site footer", re.compile(r"^(建议|推荐)(使用|采用).{0,20}(分辨率|浏览器)|^(主办单位|承办单位|主办|承办|技术支持|联系我们|网站地图|关于我们|网站声明|隐私声明|免责声明)"
                               r"\s*([:：|｜]|$)|^(网站地图|联系我们|关于我们)(\s*[|｜]\s*\S+)+$"
                               r"|^\S{2,30}主办[\s\u3000|｜，,]*\S{2,30}承办$")),
    ("page tool", re.compile(r"^[【】\[\]\s:：大中小|｜]*(((打印|列印)(本页|此页|本文)?|关闭(窗口|视窗|本页|此页)?|收藏(本页)?|返回顶部|"
                             r"回到(页面)?顶部|返回页首|返回页面顶部|"
                             r"字体|字号|背景色|护眼模式|(我要)?纠错|分享|下载(PDF|Word|WPS)?(版|文档|全文)?)"
                             r"[【】\[\]\s:：大中小|｜]*)+$|^[【\[]\s*大\s*中\s*小\s*[】\]]$", re.I)),
    # the site's name alone, its banner (北塘县人民政府门户网站): a place's site, not a heading of the text
    ("site name", re.compile(r"^[\u4e00-\u9fff]{1,10}(省|市|县|区)(人民政府)?(门户网站|政府网站|政务网站|政务网|人民政府网|政府网)$")),
    # a site's date widget in its header: 今天是：2024年02月06日 星期二
    ("date widget", re.compile(r"^(今天是|今天|今日|当前日期)\s*[:：]?\s*(19|20)\d{2}年\d{1,2}月\d{1,2}日\s*(星期|周)[一二三四五六日天]$")),
    # a site's accessibility and account bar above its menu (copied with the page's text)
    ("site toolbar", re.compile(r"^[大中小]?((跳转到主要内容(区域)?|跳到主要内容|跳转到内容|跳转至|跳至(主要)?内容|无障碍(浏览|阅读)?|"
                                r"长者模式|长辈模式|关怀(模式|版)|收藏本(页|站)|"
                                r"适老化(模式)?|读屏专用|繁体|简体|繁體|English|个人登录|法人登录|登录|注册|设为首页|"
                                r"加入收藏)[\s\u3000|｜/]*)+$", re.I)),
    # a search box's placeholder, copied with the page: 请输入关键字, 输入文号、标题或正文中的词语
    ("search box", re.compile(r"^(请)?输入[^。；]{0,20}(关键字|关键词|词语|检索词|搜索内容)(\s*(搜索|查询|检索))?$|^(站内)?(搜索|检索)$")),
    # a page's links to its printable file and its feed: 下载打印版PDF（6页，155 KB）　订阅本系列（RSS）
    ("download or feed link", re.compile(r"^((下载[^，。；（(]{0,10}?\s*(PDF|Word|WPS|OFD)[^\s，。；（(]{0,6}\s*([（(][^）)]{0,30}[）)])?|"
                                         r"订阅[^\s，。；（(]{0,10}([（(](RSS|Atom)[）)])?|RSS\s*订阅|Atom)[\s\u3000|｜]*)+$", re.I)),
    ("page navigation", re.compile(r"^(上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]?"
                                   r"|^[【\[]?(回上页|返回上页|返回上一页|回首页|返回首页|返回列表|返回)[】\]]?"
                                   r"([\s\u3000|｜]*[【\[]?(回上页|返回上页|返回上一页|回首页|返回首页|返回列表)[】\]]?)*$")),
    ("download-site notice", re.compile(r"温馨提示|^(在线)?客服\s*([:：]|$|QQ|微信|电话|热线)|客服(QQ|微信|电话|热线)|下载(地址|链接|券|积分)|"
                                        r"(点击|立即|免费)下载|本(站|文档|资料)(由|来源于|仅供)|VIP|会员(专享|免费)|"
                                        r"付费(阅读|下载)|举报(本文|文档)|文档(贡献者|格式)", re.I)),
    # (not 附件：名单.xlsx: the document's reference to its attachment)
    # (nor 2.统计表.xls under 附件：1.…: an attachment list's next item)
    ("file name", re.compile(rf"^(?!附件)(?!\d{{1,2}}\s*[.．、])[^\s。，]{{1,60}}\.{SUFFIX_WORD}\s*(\(\d+(\.\d+)?\s*[KM]B\))?$",
                             re.I)),
    # (not a sentence of the text that ends on a number: 联系方式。值班电话0000-66667777)
    ("hotline or e-mail footer", re.compile(r"^(?!.*联系人)(?!.*(?:[。；]|(?<=[\u4e00-\u9fff])\.)(?!$)).{0,20}(服务|客服|咨询|投诉|举报|监督|值班)?(热线|电话|邮箱|E-?mail|信箱)"
                                            r"\s*[:：]?\s*[\d\-—－()（）\s]{7,}.{0,20}$"
                                            r"|^(?!.*联系人)(?!注)(?!.*(请|发送|报送|前))"
                                            r".{0,30}[\w.\-]+@[\w\-]+\.[\w.]+.{0,30}$", re.I)),
    ("WeChat page furniture", re.compile(r"^阅读\s*\d+[万wW+]?$|^[-—–\s]*END[-—–\s]*$|^((在看|分享|写留言|留言|点赞|赞|收藏|推荐)\s*\d*\s*)+$|"
                                         r"^微信扫一扫|关注该公众号|长按(识别)?二维码|点击(上方)?蓝字|预览时标签不可点|"
                                         r"^(继续|向上|向下)滑动看下一个$|^(轻触|点击)?阅读原文$|^轻点两下取消(赞|在看)$")),
    # a CMS's empty attachment field under a page: 相关附件：无
    ("empty attachment field", re.compile(r"^(相关)?附件\s*[:：]\s*(无|暂无|没有)$")),
    ("related articles", re.compile(r"^[【\[]?(相关(文章|阅读|链接|新闻|文档|推荐|解读|稿件|信息)|往期(推荐|回顾)|(热点|热门|点击|阅读)排行(榜)?|排行榜|政策解读|推荐阅读|延伸阅读|热点推荐|猜你喜欢|"
                                    r"热门(文章|文档)|最新(文章|文档))[】\]]?\s*[:：]?\s*$"
                                    r"|^[【\[]?(相关(链接|文章|阅读|新闻|解读)|(政策|图文|文字|图解|视频)解读)[】\]]?\s*[:：]\s*[^。；]{2,80}$")),
]
_SEO_WORDS = re.compile(r"范文|模板|大全|下载|免费|精选|word|docx?|格式|写法|优秀|最新版|合集|汇编|范本|样本|怎么写", re.I)
_BANNER = re.compile(r"[\u4e00-\u9fff]{2,20}")
_HEADLINE = re.compile(r"[^。；！？：:]{4,40}")   # a related article's title printed without its date
_SITE_NAME = re.compile(r"[\u4e00-\u9fff]{2,20}")   # a 相关链接 list's item: 国务院, 省人民政府
_RELATED_ITEM = re.compile(r"^[·•▪●◆■\-*>]\s*\S|.{2,60}[(（]?\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?[)）]?$")


# A footer's parts a sentence of the text may name: a notice on running the office's websites says
# 各单位网站要在页面底部标注网站标识码、ICP备案编号…。, 分享到微信等功能应当经过安全评估。
_NAMED_IN_TEXT = {"copyright", "licence line", "share widget"}
_FULL_SENTENCE = re.compile(r"[。！？][”’」』）)]?$")


def _names_footer(text: str) -> bool:
    """A whole sentence about a footer's parts, not the footer: it ends like a sentence, has a dozen
    Han characters, and has none of a footer's own marks (©, a registration number, 本站, bars)."""
    return (bool(_FULL_SENTENCE.search(text)) and len(re.findall(f"[{HAN}]", text)) >= 12
            and not re.search(r"©|Copyright|\(c\)|\d{5}|本站|本网|[|｜]", text, re.I))


def seo_spam(text: str) -> bool:
    """A line of search keywords: several download/template words and no sentence in it."""
    return len(_SEO_WORDS.findall(text)) >= 3 and not re.search("[。；]", text)


def _menu(text: str) -> bool:
    """A menu line: three or more short items between | bars (首页 | 政务公开 | 互动交流)."""
    items = re.split(r"[|｜]", text)
    return len(items) >= 3 and all(0 < len(i.strip()) <= 16 and not re.search("[。，；]", i) for i in items)


def furniture(text: str) -> str | None:
    """Why ``text`` (a whole line) is not part of the document, or None."""
    if PAGE_LINE.match(text):
        return "page number"
    if RULE.match(text):
        return "rule"
    if len(text) > 120:
        return None
    for reason, pattern in FURNITURE:
        if pattern.search(text):
            return None if reason in _NAMED_IN_TEXT and _names_footer(text) else reason
    if seo_spam(text):
        return "SEO keyword line"
    if _menu(text):
        return "site navigation"
    return None


def strip(lines: list[Line], removed: list[tuple[str, str]], pdf: bool = False) -> list[Line]:
    """Whole-line noise out, glosses and mid-sentence page numbers cut; ``removed`` lists each.
    ``pdf``: the lines of a PDF, whose page numbers pdftext.py took from the page edges already (a
    bare number among its lines is a table's 序号 cell, left at a page's foot when the row broke)."""
    kept: list[Line] = []
    related = False
    contact = False        # the line kept last is one of a 联系人's lines
    running = _running(lines)
    menu = _menu_items(lines)
    page_break = False     # blank lines round a page's number and running head are no paragraph break
    folios = _folio_places(lines)
    for n, line in enumerate(lines):
        text = _normalise(line.text.replace("\f", ""))
        if n in running or _PAGE_BREAK.match(text):
            why = "running head or foot (the same line at the top or foot of the pages)" if n in running else "page number"
            removed.append((why, text))
            while kept and not kept[-1].text:
                kept.pop()
            page_break = True
            continue
        if not text:
            if not page_break:
                kept.append(Line("", line.no))
            continue
        page_break = False
        if line.table:
            kept.append(Line(text, line.no, table=True))
            continue
        glosses = GLOSSES.findall(text)
        if glosses:
            text = GLOSSES.sub("", text)
            removed.append(("pinyin glosses", f"{''.join(glosses)} (line {line.no})"))
        pages = [m.group().strip() for m in INLINE_PAGE.finditer(text) if _inside(m, text)]
        if pages:
            text = INLINE_PAGE.sub(lambda m: m.group() if not _inside(m, text) else
                                   "\u3000" if m.group() != m.group().strip() else "", text)
            removed.append(("page number inside the text", f"{' '.join(pages)} (line {line.no})"))
        # a line that goes on with the sentence before it is text, whatever it starts with (a PDF
        # line starting 客服，对常见问题… is the rest of 智能客服; 王某，联系电话：… after 联系人：); a 发
        # line with a footer glued on is cut later
        goes_on = bool(kept) and bool(kept[-1].text) and not kept[-1].table and (
            (kept[-1].full and not _SENTENCE_END.search(kept[-1].text)) or kept[-1].text.endswith(("，", "、", "：")))
        why = None if ROLE.match(text) or goes_on else furniture(text)
        if why == "page number" and (pdf or folios is not None and n not in folios) and re.fullmatch(r"\d{1,3}", text):
            why = None      # a bare number away from the page breaks: a table's 序号 cell, a cell a line
        if why is None and n in menu:
            why = "site menu (short items under the site's navigation)"
        if why == "visit counter":
            text, why = _counter_cut(text, line.no, removed)
        if why == "hotline or e-mail footer" and (contact or _signed_below(lines, n)):
            why = None      # the document's own contact lines: under its 联系人, or above its signature
        if why is None and related and len(text) <= 60 and (_RELATED_ITEM.search(text) or _HEADLINE.fullmatch(text)
                                                            or _SITE_NAME.fullmatch(text)):
            why = "related articles"
        if why:
            related = why == "related articles"
            removed.append((why, text))
            texts = [k for k in kept if k.text] if why == "site navigation" else []
            if len(texts) == 1 and _BANNER.fullmatch(texts[0].text):
                kept.remove(texts[0])       # the site's name above its menu (a browser's print of the page)
                removed.append(("site name above its navigation", texts[0].text))
            if why == "breadcrumb" and _HERE.match(text) and _header_only(kept):
                # what a page shows above its 当前位置 line is its header (the site's name, a date
                # widget, a menu), copied or printed with it: the document starts under the breadcrumb
                removed += [("site header (above the breadcrumb)", k.text) for k in kept if k.text]
                kept.clear()
            continue
        related = False
        contact = bool(_CONTACT.match(text)) and (contact or text.startswith("联系人"))
        kept.append(Line(text, line.no, line.heading, line.indent, line.full, line.center))
    return kept


# a notice's contact lines, one under the other: 联系人：王晓东 / 联系电话：… / 电子邮箱：…
_CONTACT = re.compile(r"^(联系人|联系电话|联系方式|电话|手机|传真|(电子)?邮箱|E-?mail|地址|通讯地址|邮编)", re.I)


def _signed_below(lines: list[Line], n: int) -> bool:
    """The document's signature follows line ``n``: a date alone on one of the next three lines."""
    below = [line.text.strip() for line in lines[n + 1:n + 8] if line.text.strip()][:3]
    return any(only_date(text) is not None for text in below)


_HERE = re.compile(r"^(当前|(您|你)(现在|所在|当前)?的|所在的?)\s*位置\s*[:：]|^(网站)?首页\s*[>＞»]")


def _header_only(kept: list[Line]) -> bool:
    """Lines a page header could be: a few, short, no sentence among them."""
    lines = [k for k in kept if k.text]
    return 0 < len(lines) <= 40 and all(len(k.text) <= 40 and not k.table and not re.search("[。；！？]", k.text)
                                        for k in lines)


def _folio_places(lines: list[Line]) -> set[int] | None:
    """In text with its page breaks (form feeds: a PDF's text as pdftotext writes it), the bare
    numbers that are page numbers: on one of the two lines with text on either side of a break, and
    counting the pages (the page's own number, or all of them off by one offset: a cover unnumbered).
    A table's 序号 cells, a cell to a line, are numbers on lines of their own too. None without breaks."""
    if not any("\f" in line.text for line in lines):
        return None
    page_of, breaks = [], 0          # the page each line's text is on
    for line in lines:
        after = line.text.rpartition("\f")[2]
        page_of.append(1 + breaks + (line.text.count("\f") if after.strip() else 0))
        breaks += line.text.count("\f")
    near: set[int] = set()
    for n, line in enumerate(lines):
        if "\f" not in line.text:
            continue
        near.add(n)
        for step in (-1, 1):
            m, found = n + step, 0
            while 0 <= m < len(lines) and found < 2:
                if lines[m].text.strip():
                    near.add(m)
                    found += 1
                m += step
    numbers = {n: int(text) for n in near if re.fullmatch(r"\d{1,3}", text := lines[n].text.replace("\f", "").strip())}
    offsets = Counter(number - page_of[n] for n, number in numbers.items())
    offset = next((o for o, votes in offsets.most_common(1) if votes >= 2), 0)
    return {n for n, number in numbers.items() if number - page_of[n] == offset}


_MENU_ITEM = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _menu_items(lines: list[Line]) -> set[int]:
    """A page's text copied whole: its menu comes as three or more short items, a line each, right
    under its navigation line (首页 / 要闻动态 / 部门动态 / 区县动态)."""
    found: set[int] = set()
    for n, line in enumerate(lines):
        if not re.search("首页|[|｜]", line.text) or furniture(_normalise(line.text)) != "site navigation":
            continue
        run = []
        for m in range(n + 1, len(lines)):
            text = lines[m].text.strip()
            if not text and not run:
                continue
            if not _MENU_ITEM.fullmatch(text):
                break
            run.append(m)
        if len(run) >= 3:
            found.update(run)
    return found


def _running(lines: list[Line]) -> set[int]:
    """Text copied out of a PDF (pdftotext, or a copy of every page) keeps each page's running head
    and foot: the first line of two or more pages, or the last, the same but for its digits. Pages
    end at a form feed or a page number set apart (— 2 —, 第2页; a bare number may be a table's
    cell). A line with 第N期 a few lines below it (and none in it) is a masthead, not a running
    head: a bound volume starts every issue with its title; nor is 附件1 at the top of a page."""
    pages: list[list[int]] = [[]]
    for n, line in enumerate(lines):
        text = line.text.strip(" \t\u3000")
        if text.startswith("\f") and pages[-1]:
            pages.append([])
        text = text.strip("\f \t\u3000")
        if not text:
            continue
        if _PAGE_BREAK.match(text):
            pages.append([])
        else:
            pages[-1].append(n)
    pages = [page for page in pages if page]
    if len(pages) < 2:
        return set()

    def shape(n: int) -> str:
        return re.sub(r"\d+", "#", re.sub(r"[\s\f]", "", lines[n].text))
    found: set[int] = set()
    for end in ([page[0] for page in pages], [page[-1] for page in pages]):   # heads, then feet
        counts: dict[str, int] = {}
        for n in end:
            counts[shape(n)] = counts.get(shape(n), 0) + 1
        found |= {n for n in end if counts[shape(n)] >= 2 and not _ATTACHMENT_HEAD.match(lines[n].text.strip("\f \t\u3000"))
                  and not (not NUMBER.search(lines[n].text) and any(NUMBER.search(line.text) for line in lines[n + 1:n + 5]))}
    return found


# 附件1, 附件2 at the top of the pages they start: the same but for their digits, as running heads
# are, but each starts an attachment (notice.py reads it as the attachment's part)
_ATTACHMENT_HEAD = re.compile(r"^附件\s*\d{1,2}\s*[:：]?$")
_PAGE_BREAK = re.compile(r"^[-—–－―]+\s*\d{1,3}\s*[-—–－―]+$|^第\s*\d+\s*页(\s*[/／,，]?\s*共\s*\d+\s*页)?$")


# a page's date as its publishing line prints it, a time after it perhaps: 2025-05-19 09:30, 2025年5月19日
DATED = re.compile(r"(19|20)\d{2}(-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)"
                   r"(\s*\d{1,2}:\d{2}(:\d{2})?)?")


def _counter_cut(text: str, no: int, removed: list[tuple[str, str]]) -> tuple[str, str | None]:
    """A visit counter on a line that also dates the page (发布时间：2023-05-18　浏览次数：1234) is cut
    out of it, and the rest kept for the kind to read the date from; else the line is a counter."""
    rest = re.sub(r"[ \u3000]{2,}", "\u3000", _COUNTER.sub("", text)).strip(" \u3000|｜")
    if re.search("[，。；！？]", rest):
        return text, None       # a sentence that counts visits (日均浏览量8000次，…): the text's own
    if not find_date(rest):
        return text, "visit counter"
    dated = DATED.match(rest)
    if dated and text.startswith(dated.group()):
        # 2025/03/12　浏览次数：386, 2023年03月10日09:12　青禾市农业农村局　阅读263次: the page's publishing
        # line, whole, for pubnotes.py (which reads it from its bare date)
        return text, None
    removed.append(("visit counter", f"{' '.join(m.group() for m in _COUNTER.finditer(text))} (line {no})"))
    return rest, None


_SENTENCE_END = re.compile(r"[。！？；…!?;：:][”’」』）)]?$")


def _inside(m: re.Match, text: str) -> bool:
    """A page number glued into text sits between two pieces of text (or ends it), never a range."""
    before, after = text[:m.start()].rstrip(), text[m.end():].lstrip()
    return bool(before) and not (before[-1:].isdigit() and after[:1].isdigit())


def ideographs(text: str) -> tuple[str, int]:
    """``text`` with radicals and compatibility forms standing in for ideographs replaced
    (editorial/characters.py), and how many."""
    return STAND_IN.subn(lambda m: ideograph(m.group()), text)


# (and soft hyphens, &shy;: a page's hints where a long word may break)
_INVISIBLE = re.compile(f"({NOTE_MARK.pattern})|[\u00ad\u200b-\u200d\u2060\u2063]")


def _normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    # zero-width characters go, but for a footnote marker (common.NOTE, put in by word.py)
    text = _INVISIBLE.sub(lambda m: m.group(1) or "", text)
    return "".join(chr(ord(ch) - 0xFEE0) if "０" <= ch <= "９" or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ"
                   else ch for ch in text).strip(" \t\u3000")


# ---------------------------------------------------------------- characters

_SPACES = re.compile(f"(?<=[{HAN}{_P}])[ \t]+(?=[{HAN}{_P}])")
_SPACE_DIGIT = re.compile(f"(?<=[{HAN}{_P}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]) (?=[{HAN}{_P}])")
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT = re.compile(f"(?<=[{HAN}])([,;:?!])|([,;?!])(?=[{HAN}])")
_PARENS = re.compile(f"\\(([^()]*[{HAN}][^()]*)\\)")
# a list item's number in half-width brackets, Chinese text after it: (1)企业开办 → （1）企业开办
_ITEM_PARENS = re.compile(f"(?<![A-Za-z0-9])\\((\\d{{1,2}})\\)(?=[{HAN}])")
_STOP = re.compile(f"(?<=[{HAN}”）%])\\.[ \t]*(?=[{HAN}“（]|$)")     # (增长约60%. too)


_GAP = re.compile(r"(?<=\S) (?=\S)")
_DATE_BLANKS = re.compile(r"(?<=[：:])[ \u3000]{2,}年[ \u3000]+月[ \u3000]+日")


def _blanks(m: re.Match) -> str:
    """A form's date to fill in (填报日期：    年  月  日): its blanks kept as full-width spaces (the
    cleaning takes out the spaces between Chinese characters, which left 填报日期：年月日)."""
    return "".join(part if part in ("年", "月", "日") else "\u3000" * max(1, round(part.count(" ") / 2 + part.count("\u3000")))
                   for part in re.split("(年|月|日)", m.group()) if part)
_NUMBER_GAP = re.compile(r"(?<=[0-9.,:%％]) (?=[0-9.,:%％])")


def tidy(text: str) -> str:
    """PDF spacing between Han characters out; half-width punctuation inside Chinese made full width.
    Numbers keep theirs: 1,000 and 9:30 and 2.5 are left alone. In a letter-spaced line (a PDF whose
    text layer has a space after every character: 2 0 2 5 年 1 0 月) the digits are joined too."""
    chars = len(text) - text.count(" ")
    if chars >= 5 and len(_GAP.findall(text)) >= 0.6 * (chars - 1):
        text = _NUMBER_GAP.sub("", text)
    text = _DATE_BLANKS.sub(_blanks, text)
    text = _SPACES.sub("", text)
    text = _SPACE_DIGIT.sub("", text)
    text = _PUNCT.sub(lambda m: _HALF[m.group(1) or m.group(2)], text)
    text = _PARENS.sub(lambda m: f"（{m.group(1)}）", text)
    text = _ITEM_PARENS.sub(lambda m: f"（{m.group(1)}）", text)
    text = _STOP.sub("。", text)
    # a space typed after the half-width mark goes with it (生活, 结合 → 生活，结合)
    return _SPACE_DIGIT.sub("", _SPACES.sub("", text))
