"""Reading a saved web page: its text as lines with layout cues, and what is not the document
(site furniture, a WeChat article's toolbar, the 信息公开 table) taken out and listed.

A page laid out in nested tables is unwrapped; a table whose cells hold data stays a table. The
site's header, menus and footer are found by their elements and names (<nav>, class="footer",
a column of short links); a line break in the HTML source is a space, and nothing in Chinese text.
A page saved as one file (.mht) is read from its text/html part.
"""
from __future__ import annotations

import re

from . import catalogue
from .common import link_address
from .model import HAN_RE, Line, Unreadable
from .rows import line_break, md_table, one_row_or_column


_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "header",
                         "footer", "nav", "ul", "ol", "table", "blockquote", "pre", "hr", "dd", "dt", "title", "aside",
                         "center", "form", "main"})
_FURNITURE_TAGS = ("nav", "footer", "aside", "header", "form", "iframe")
FRAME = "a frame's page (its text is in that file)"


def html_lines(html: str) -> tuple[list[Line], list[tuple[str, str]], dict[str, str]]:
    """The page's text as lines; scripts and styles are code, page furniture in nav/footer/aside is
    listed as removed. Entities become their characters (``&lt;script&gt;`` is the text <script>)."""
    from bs4 import BeautifulSoup, Comment
    # lxml closes what old pages leave open as a browser does (<td>a<td>b, <tr> without </tr>, <p>
    # without </p>); html.parser nests them, and a table's cells ran into one line
    soup = BeautifulSoup(html, "lxml")
    removed: list[tuple[str, str]] = []
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for svg in soup("svg"):        # a drawing (a logo, an icon): its words are the picture's
        if svg.get_text(strip=True):
            removed.append(("text of a drawing (svg)", svg.get_text(" ", strip=True)[:80]))
        svg.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if comment.strip():
            removed.append(("HTML comment", comment.strip()[:80]))
        comment.extract()
    if soup.head:
        title = soup.head.title.get_text(" ", strip=True) if soup.head.title else ""
        if title:
            removed.append(("page title in <head> (the text's own title is kept)", title))
        soup.head.decompose()
    for frame in soup.find_all(["frame", "iframe"]):    # a page of frames: its text is in other files
        if frame.get("src") and not frame["src"].startswith(("javascript:", "about:")):
            removed.append((FRAME, frame["src"]))
    _wechat(soup, removed)
    _related(soup, removed)
    catalogue = _catalogue(soup, removed)
    for cell in soup.find_all(["td", "th"]):
        if not cell.decomposed and _link_column(cell):   # a layout table's column of site links
            _take_out(cell, "site navigation (a table cell of links)", removed)
    for tag in _named_tags(soup, _HEADER_NAME):
        if not tag.decomposed and tag.find_parent(["article", "main"]) is None and _site_header(tag):
            _take_out(tag, f"site header or menu (<{tag.name}> named {_named(tag, _HEADER_NAME)})", removed)
    for menu in soup.find_all(["ul", "ol"]):
        if not menu.decomposed and _link_list(menu):
            caption = menu.find_previous_sibling()
            if caption is not None and _caption(caption):     # a sidebar's 规划计划 over its links
                _take_out(caption, "site navigation (the caption of a list of links)", removed)
            _take_out(menu, "site navigation (a list of links)", removed)
    for tag in _named_tags(soup, _FOOTER_NAME):
        if not tag.decomposed and tag.find_parent(["article", "main"]) is None:   # <div class="footer">
            _take_out(tag, f"site footer (<{tag.name}> named {_named(tag, _FOOTER_NAME)})", removed, by_line=True)
    for tag in soup.find_all(_FURNITURE_TAGS):
        if tag.find_parent(["article", "main"]) is None or tag.name in ("nav", "form", "iframe"):
            _take_out(tag, f"site furniture (<{tag.name}>)", removed, by_line=True)
    _not_links_only(soup)
    _link_addresses(soup)
    return _soup_lines(soup), removed, catalogue


def _link_addresses(soup) -> None:
    """A link in running text keeps its address after its words (common.link_address); not one in a
    heading or a table."""
    for a in soup.find_all("a", href=True):
        if a.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "table"]) is None:
            block = a.find_parent(list(_BLOCK_TAGS))
            address = link_address(a["href"], a.get_text(" ", strip=True), block.get_text() if block else "")
            if address:
                a.append(address)


def _not_links_only(soup) -> None:
    """A site's front page or a list page (headlines linking to documents, under captions) is no
    document: refused, saying so, when its words are mostly links and captions, none a sentence."""
    body = soup.body or soup
    words = len(HAN_RE.findall(body.get_text()))
    linked = sum(len(HAN_RE.findall(a.get_text())) for a in body.find_all("a"))
    if words >= 20 and linked >= 0.4 * words \
            and not any(t.parent.name != "a" and re.search("[。；！？]", t) for t in body.find_all(string=True)):
        raise Unreadable(f"a page of links (a site's front page or a list of documents): {linked} of its {words} "
                         "Chinese characters are links, and it has no sentence; expected the page of one document")


def _take_out(tag, why: str, removed: list[tuple[str, str]], by_line: bool = False) -> None:
    """Take ``tag`` out of the page, listing its text as removed: one line, or each of its lines."""
    texts = [t.strip() for t in tag.get_text("\n").split("\n")] if by_line else [" ".join(tag.get_text(" ").split())]
    removed += [(why, text) for text in texts if text]
    tag.decompose()


def _named_tags(soup, names: re.Pattern) -> list:
    """The containers whose class or id is one of ``names``."""
    kinds = ["div", "ul", "table", "td", "p", "section"]
    return soup.find_all(kinds, attrs={"class": names}) + soup.find_all(kinds, id=names)


# 相关文章, 相关链接, 推荐阅读 …: a label, then other pages' headlines as links.
_RELATED = re.compile(r"^[【\[]?(相关(文章|阅读|链接|新闻|文档|推荐|信息|稿件|附件)?|推荐阅读|延伸阅读|热点推荐|猜你喜欢|热门(文章|文档|新闻)|"
                      r"最新(文章|文档|新闻)|往期(推荐|回顾|精选|精彩)|(热点|热门|点击|阅读)排行榜?|排行榜|精彩(推荐|回顾)|更多推荐)[】\]]?\s*[:：]?$")


def _related(soup, removed: list[tuple[str, str]]) -> None:
    """The links to other pages under a 相关文章 label (in the label's element, or the elements that
    follow it) go, listed as removed. A links-only list of headlines is longer than a menu item, so
    _link_list keeps it; the label is what tells it apart from the article's own list."""
    for label in soup.find_all(string=lambda s: bool(_RELATED.match(s.strip()))):
        if label.parent is None or getattr(label.parent, "decomposed", False):
            continue
        holder = label.parent
        if _links_only(holder):
            _take_out(holder, "related articles", removed, by_line=True)
            continue
        # the label alone in its element and that element's parents (a WeChat <section><span>)
        while holder.parent is not None and holder.parent.name not in ("body", "[document]") and \
                re.sub(r"\s", "", holder.parent.get_text()) == re.sub(r"\s", "", label):
            holder = holder.parent
        links = []
        for sibling in holder.find_next_siblings():
            if not _links_only(sibling):
                break
            links.append(sibling)
        if links and re.sub(r"\s", "", holder.get_text()) == re.sub(r"\s", "", label):
            _take_out(holder, "related articles", removed, by_line=True)
        for sibling in links:
            _take_out(sibling, "related articles", removed, by_line=True)


def _links_only(tag) -> bool:
    """Links and their dates, nothing else: the linked text is nearly all the text but for dates."""
    links = [a for a in tag.find_all("a") if not (a.get("href") or "").startswith("#")]
    if not links:
        return False
    linked = sum(len(re.sub(r"\s", "", a.get_text())) for a in links)
    rest = re.sub(r"[\s\d\-./年月日:：()（）\[\]【】·•]", "", tag.get_text())
    outside = "".join(s for s in tag.find_all(string=True) if s.find_parent("a") is None)
    return linked >= 0.8 * len(_RELATED.sub("", rest)) and "。" not in outside


def _catalogue(soup, removed: list[tuple[str, str]]) -> dict[str, str]:
    """Take out the page's information-disclosure table (catalogue.py), listing each entry as
    removed; return its entries."""
    found: dict[str, str] = {}
    for table in soup.find_all(["table", "div", "ul", "dl"]):
        if table.decomposed or table.find(["table", "div", "ul", "dl"]) is not None and table.name != "table":
            continue
        texts = [t for t in (s.strip() for s in table.stripped_strings) if t]
        if not catalogue.is_catalogue(texts):
            continue
        entries = catalogue.entries(texts)
        removed += [(catalogue.REMOVED, f"{label}：{value}") for label, value in entries.items()]
        found.update({k: v for k, v in entries.items() if v})
        table.decompose()
    return found


# A WeChat article (公众号) saved from the browser: its toolbar, QR code and "read more" areas.
_WECHAT_FURNITURE = re.compile(r"^(rich_media_tool|rich_media_area_extra\w*|js_pc_qr_code|qr_code_pc\w*|js_toobar\d*|"
                               r"js_read_area\d*|js_sponsor_ad_area|js_tags|article-tag\w*|js_share_source)$")


def _wechat(soup, removed: list[tuple[str, str]]) -> None:
    """A WeChat article: its account line (name, name again, time) becomes 发布时间：…, so the date
    is read as any publishing note is; its toolbar and QR code go, listed as removed."""
    meta = soup.find(id="meta_content")
    if meta is not None:
        time = meta.find(id="publish_time")
        account = " ".join(t.get_text(" ", strip=True) for t in meta.find_all(["span", "a"])
                           if t.get_text(strip=True) and t.find_parent(id="publish_time") is None)
        if account:
            removed.append(("WeChat account name", " ".join(dict.fromkeys(account.split()))))
        if time is not None and time.get_text(strip=True):
            note = soup.new_tag("p")
            note.string = "发布时间：" + time.get_text(" ", strip=True)
            meta.replace_with(note)
        else:
            meta.decompose()
    for tag in soup.find_all(id=_WECHAT_FURNITURE) + soup.find_all(class_=_WECHAT_FURNITURE):
        if not tag.decomposed:
            _take_out(tag, "WeChat page furniture", removed)


# A page's footer in the markup of sites older than <footer>: class="footer", id="foot", class="bottom".
_FOOTER_NAME = re.compile(r"^(?:footer|foot|bottom|copyright|site-?footer|page-?footer|ft)$|^(?:footer|foot|bottom)[-_]", re.I)


# ... and its header, menu and breadcrumb: class="nav", id="menu", class="logo", class="position".
_HEADER_NAME = re.compile(r"^(?:nav|navbar|nav-?bar|menu|main-?menu|top-?menu|sub-?nav|logo|banner|top-?bar|"
                          r"breadcrumbs?|crumbs?|position|location|site-?header|header|top|head)$|"
                          r"^(?:nav|menu|breadcrumb|crumb)[-_]", re.I)
_WIDE = re.compile(r"^(?:header|top|head|site-?header|banner)$", re.I)


def _site_header(tag) -> bool:
    """A header-like container is the site's only when it holds no sentence (。), and, for the wide
    names (header, top, banner), no headline and little text: a page's own "header" may hold the
    article's title and its publishing notes."""
    if "。" in tag.get_text():
        return False
    if not any(_WIDE.match(c) for c in [*(tag.get("class") or []), tag.get("id") or ""]):
        return True
    return tag.find(["h1", "h2", "h3"]) is None and len(tag.get_text(strip=True)) <= 80


def _link_list(menu) -> bool:
    """A list of three or more items, each one short link to another page: a site menu."""
    items = menu.find_all("li", recursive=False)
    if len(items) < 3:
        return False
    for li in items:
        links = [a for a in li.find_all("a") if not (a.get("href") or "").startswith("#")]
        text = li.get_text(strip=True)
        if len(links) != 1 or links[0].get_text(strip=True) != text or not 0 < len(text) <= 10:
            return False
    return True


def _caption(tag) -> bool:
    """A few words in an element of their own (no heading of the document): a menu's caption."""
    text = re.sub(r"\s", "", tag.get_text())
    return tag.name not in ("h1", "h2", "h3", "p", "table", "ul", "ol") and 2 <= len(text) <= 10 \
        and not re.search(r"[。，,；;：:！？]", text)


def _named(tag, names: re.Pattern) -> str:
    classes = tag.get("class") or []
    return next((c for c in classes if names.match(c)), tag.get("id") or "")


def _link_column(cell) -> bool:
    """A table cell that is a menu: two or more links to other pages, each a few words long, making
    most of the cell's text, and no sentence. An issue's 目录 whose lines link to the articles is
    kept: its lines are headlines, longer than a menu item."""
    links = [a for a in cell.find_all("a") if not (a.get("href") or "").startswith("#")]
    texts = [a.get_text(strip=True) for a in links]
    whole = re.sub(r"\s", "", cell.get_text())
    linked = sum(len(re.sub(r"\s", "", t)) for t in texts)
    return (len([t for t in texts if t]) >= 2 and all(len(t) <= 10 for t in texts) and len(whole) <= 120
            and linked >= 0.6 * len(whole) and not re.search("[。；]|目录", whole))


_SOURCE_BREAK = re.compile(r"[ \t]*[\r\n][ \t\r\n]*|\t+")


def _source_break(m: re.Match) -> str:
    """A source line break with the indentation around it (the page was wrapped inside a sentence)."""
    return line_break(m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1])


def _soup_lines(soup) -> list[Line]:
    """The page's lines. The tree is only read, apart from marks put first inside headings: moving
    a node in Beautiful Soup costs a scan of its siblings, and a page of 100,000 paragraphs made
    the import quadratic. Each source string's breaks and each table's decision are kept aside
    (by the node's id) and used while the text is written out in one walk."""
    from bs4 import CData, NavigableString
    # A line break in the HTML source is a space, not a new line (pages are often saved hard-wrapped,
    # a paragraph broken over several source lines); only <pre> keeps its lines.
    spaced = {id(text): _SOURCE_BREAK.sub(_source_break, str(text))
              for text in soup.find_all(string=re.compile(r"[\r\n\t]"))
              if type(text) in (NavigableString, CData) and text.find_parent("pre") is None}
    mark = "\u2063{}\u2063"
    for level, name in enumerate(("h1", "h2", "h3", "h4"), 1):
        for tag in soup.find_all(name):
            tag.insert(0, mark.format(level))
            for br in tag.find_all("br"):   # a headline broken with <br>: every line is heading text
                if not br.contents:         # (the outermost headline's level)
                    br.insert(0, mark.format(level))
    for tag in soup.find_all("p"):
        strong = tag.find(["strong", "b"])
        if strong and strong.get_text(strip=True) == tag.get_text(strip=True) and tag.get_text(strip=True):
            tag.insert(0, mark.format(4))
    for tag in soup.find_all(["p", "div"]):     # centred: a caption or a signature, told apart later
        style = re.sub(r"\s", "", (tag.get("style") or "").lower())
        if (tag.get("align") or "").lower() == "center" or "text-align:center" in style:
            tag.insert(0, mark.format("C"))
    # A page laid out with tables (most older government sites) nests the article's table inside
    # the layout's: a layout table's cells become lines of their own, a data table one Markdown table.
    tables: dict[int, str] = {}
    cells: set[int] = set()
    for table in soup.find_all("table"):
        rows = [[_cell_text(c, spaced).replace("|", "｜") for c in _cells(tr)] for tr in _rows(table)]
        if _layout_table(table, rows):
            cells.update(id(cell) for tr in _rows(table) for cell in _cells(tr))
        else:
            tables[id(table)] = "\n".join("\u2063T\u2063" + line for line in md_table(rows))
    lines: list[Line] = []
    for raw in _walk_text(soup, spaced, tables, cells).split("\n"):
        marks = re.findall("\u2063([1-4TC])\u2063", raw)
        table, center = "T" in marks, "C" in marks
        heading = next((int(m) for m in marks if m.isdigit()), 0) if not table else 0
        raw = re.sub("\u2063[1-4TC]\u2063", "", raw)
        indent = bool(re.match(r"^[\u3000\u00a0]{1,}|^ {2,}", raw))
        text = raw.strip(" \t\u00a0\u3000\r")
        if text or (lines and lines[-1].text):
            lines.append(Line(text, len(lines) + 1, heading if text else 0, indent and not center,
                              center=center and bool(text), table=table))
    return lines


def _cell_text(cell, spaced: dict[int, str]) -> str:
    """A table cell's text on one line, its strings joined by a space, source breaks undone."""
    from bs4 import CData, NavigableString
    texts = (spaced.get(id(s), s).strip() for s in cell.descendants if type(s) in (NavigableString, CData))
    return " ".join(t for t in texts if t)


def _walk_text(soup, spaced: dict[int, str], tables: dict[int, str], cells: set[int]) -> str:
    """The page's text, a new line around each block element, <br> and layout-table cell; a data
    table is its Markdown lines. Iterative: a page may nest tens of thousands of elements deep."""
    from bs4 import CData, NavigableString, Tag
    out: list[str] = []
    stack = [(iter(soup.contents), "")]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            out.append(stack.pop()[1])
        elif isinstance(node, Tag):
            if id(node) in tables:
                out.append("\n" + tables[id(node)] + "\n")
                continue
            around = "\n" if node.name in _BLOCK_TAGS or node.name == "br" or id(node) in cells else ""
            out.append(around)      # a <br> holds nothing but a headline's mark, after its break
            stack.append((iter(node.contents), "" if node.name == "br" else around))
        elif type(node) in (NavigableString, CData):
            out.append(spaced.get(id(node), node))
    return "".join(out)


_LAYOUT_INSIDE = ["table", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr", "center",
                  "form", "iframe", "blockquote", "pre"]
_PARAGRAPH = 150   # characters: a cell this long holds running text, not a value


def _rows(table) -> list:
    """The table's own rows (thead/tbody/tfoot included), not those of tables nested in its cells."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(tr) -> list:
    return tr.find_all(["td", "th"], recursive=False)


def _layout_table(table, rows: list[list[str]]) -> bool:
    """An HTML table used to place things on a page rather than to hold data: one row or one column,
    a cell holding paragraphs, headings, rules or another table, or a cell of running text."""
    if one_row_or_column(rows):
        return True
    if table.get("role") in ("presentation", "none"):
        return True
    return any(cell.find(_LAYOUT_INSIDE) is not None or len(cell.get_text(strip=True)) > _PARAGRAPH
               for tr in _rows(table) for cell in _cells(tr))


def mhtml(data: bytes) -> tuple[str, str]:
    """The page of a web archive (Internet Explorer's and Edge's 'save as one file'): its first
    text/html part, quoted-printable or base64 undone, decoded as its part says (else detected)."""
    import email
    from email import policy
    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            from .read import decode
            return decode(payload, part.get_content_charset())
    raise Unreadable("a web archive (.mht) without a page in it; expected a text/html part")
