"""What `bulletin check` reports: the finding codes with their help text, a finding, and the edit a
prose rule proposes (a fix, or a report only)."""
from __future__ import annotations

from dataclasses import dataclass

HEADLINE_LIMIT = 28   # a print line holds 28 characters of 3号 type (GB/T 9704): one TOC line

CODES = {
    "BL001": "the build's validation failed (schema, address book, YAML, folders …)",
    "BL101": "gap in the numbering: a 第N期 is missing in a series and year",
    "BL102": "duplicate number: two issues of a series and year have the same 第N期",
    "BL103": "date out of order: a later number carries an earlier date",
    "BL104": "总第N期 does not follow on from the previous issue",
    "BL105": "date in the future",
    "BL201": "half-width . , ; : ? ! ( ) after or around Chinese text; expected 。，；：？！（）  [fixable]",
    "BL202": "straight quotes \" ' in Chinese text; expected “ ” ‘ ’  [fixable]",
    "BL203": "half-width space inside Chinese text (青禾 市政府): reported, not fixed: delete it if it is "
             "stray, use 、 between the items of a list, a full-width space if it separates two fields",
    "BL204": "half-width space separating two fields (date|place, name|title, 第一章|总则, 文号|title, "
             "内部资料|注意保存, 主办：…|承办：…), two names of a list or the characters of 通 知; "
             "expected a full-width space U+3000  [fixable]",
    "BL205": "space beside full-width punctuation (完成 。下一步); expected none: the mark carries its own "
             "space  [fixable]",
    "BL206": "a radical or compatibility form standing in for an ideograph, as text copied out of a PDF "
             "has them (⼯作 for 工作, ⻓效 for 长效); expected the ideograph  [fixable]",
    "BL207": "an invisible control character in an issue or series.yml: a zero-width space, a soft hyphen, a "
             "direction mark or override (U+202E turns 通知fdp.exe into 通知exe.pdf); expected none: it hides or "
             "reverses what readers see  [fixable in issues; in series.yml by hand]",
    "BL301": "document number (doc_number, or 青政办函(2026)8号 in the text) with [] 【】 () around the "
             "year; expected 〔〕  [fixable]",
    "BL302": "document number (doc_number, or 青政办发〔2026〕第8号 in the text) not in the form "
             "机关代字〔2026〕8号 (no 第, no leading zero, ends in 号); fix by hand",
    "BL401": "the same headline twice in one issue",
    "BL402": f"headline longer than one TOC line ({HEADLINE_LIMIT} full-width characters; "
              "a half-width letter or digit counts as half)",
    "BL501": "placeholder text from `bulletin new` left in the issue",
    "BL601": "a footnote [^1] with no definition [^1]: … in the file (printed as written), or in a headline "
             "(not printed)",
    "BL602": "a table whose |---| row has more or fewer cells than its header row: printed as text with bars",
}

CODES_HELP = "finding codes:\n" + "\n".join(f"  {code}  {text}" for code, text in CODES.items()) + (
    "\n\nChecked as prose: the body of every .md under bulletins/<series>/<year>/ and the front-matter "
    "fields title, addressees and note. Not checked: code spans, fences and indented code blocks, HTML tags, entities and "
    "comments, URLs, e-mail addresses, link targets, file names (方案.docx), times and ratios such as "
    "9:30, numbers such as 3,000 and 3.5, and Latin phrases (Hello, world!; “Hello, 青禾”). A full stop after a number "
    "or a Latin word is found where it ends a line of Chinese text (占比85%., 比例为3:2., 升级至v2.3.1., 发送至a@b.cn., "
    "升级至Windows Server 2019.: words a Chinese word runs into) "
    "or follows a percentage (增长12.5%.其中), not inside a line (附件1.实施方案). Numbers listed with "
    "commas become 1、2、3 (from 1,2,3 or 1, 2, 3), and Latin words Docker、Kubernetes, UTF-8、GBK (a thousands group has "
    "three digits: 12,345 stays; a capitalized word and a lower-case one, Hello,world, are English and stay).\n\n"
    "Spaces: a full-width space (U+3000) between Chinese characters is always accepted. A half-width "
    "space that separates two fields becomes a full-width space (BL204): after a date or time "
    "(2026年7月2日 市行政中心, 上午9:30 市行政中心, 8号 关于…), after 第一章/第三条 heading its line, around a title or role (周明远 市长, "
    "记者 王丽), in markings (内部资料 注意保存), between label：value fields (主办：市政务服务办 "
    "承办：市大数据局), between the elements of a standard's title with its number after it (《信息安全技术 "
    "网络安全等级保护基本要求》（GB/T 22239—2019）), between the names of a list (出席：周明远 林晓华; without a label, four names or "
    "more) and in a document type spaced out on its own line (通 知, 简 报). A space beside full-width "
    "punctuation is removed "
    "(BL205). Any other space between Chinese characters is reported (BL203) and left for you to decide.\n\n"
    "A file that is not UTF-8 gets one line, 'path:line: not UTF-8 text (byte 0x.. at column N); "
    "expected UTF-8 — convert the file first', and is never changed.")

FIXABLE = {"BL201", "BL202", "BL204", "BL205", "BL206", "BL207", "BL301"}


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    code: str       # "" for a file that cannot be checked at all (not UTF-8): no column, no code
    message: str

    def __str__(self) -> str:
        if not self.code:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


@dataclass
class Edit:
    col: int            # 1-based column in the original line
    old: str
    new: str            # == old: reported, not fixed
    code: str
    note: str = ""      # what the message shows of the context
