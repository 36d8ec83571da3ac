"""Which kind a legacy document is, from cues in its text, with the reasons given."""
from __future__ import annotations

import re

from ...model import docnumber
from .common import BARE_NUMBER, SESSION
from .dates import NUMBER
from .model import Block

_PLAN_TITLE = "a title ending in 方案/计划/要点/规划"
_NOTICE_TITLE = "a title ending in 通知/通报/函/意见/决定"
_APPARATUS = {"a document number such as 〔2024〕8号", "an 附件 list", "抄送/印发 lines", "a note such as （此件主动公开）"}

# (kind, points, why, pattern, where): where = "head" (first 8 blocks), "title" (first 4), "all"
CUES = [
    ("bulletin", 3, "第N期 in the masthead", NUMBER, "head"),
    ("bulletin", 3, "a title ending in 简报/快报/动态/专报", re.compile(r"(简报|快报|动态|专报|通讯)\s*$"), "head"),
    ("bulletin", 2, "报/送/发 recipient lines", re.compile(r"^(报|送|发)\s*[:：]"), "all"),
    ("bulletin", 1, "a 本期目录", re.compile(r"^[【\[]?(本期目录|本期要目|目\s*录)"), "head"),
    ("bulletin", 1, "an 编者按", re.compile(r"^[【\[]?(编者按|按语[】\]：:])"), "head"),
    ("notice", 3, "a document number such as 〔2024〕8号", docnumber.LENIENT, "head"),
    ("notice", 3, _NOTICE_TITLE,
     re.compile(r"(通知|通报|函|意见|决定|批复|办法|规定)$"), "title"),
    ("notice", 2, "an addressee line ending in ：", re.compile(r"^[^。，]{2,80}[：:]$"), "title"),
    ("notice", 3, "a 会议纪要 with its number (〔2026〕18号), an official document",
     BARE_NUMBER, "head"),
    ("notice", 5, "a 会议纪要's mark (…常务会议纪要 on a line of its own), an official document",
     re.compile(r"^(?!.*(关于|的)).{2,20}会议纪要$"), "head"),
    ("notice", 2, "a 纪要's session number (第12次)", SESSION, "head"),
    ("notice", 1, "an 附件 list", re.compile(r"^附件\s*[:：]"), "all"),
    ("notice", 1, "抄送/印发 lines", re.compile(r"^抄送\s*[:：]|印发$"), "all"),
    ("notice", 1, "a note such as （此件主动公开）", re.compile(r"^[（(]此件"), "all"),
    ("plan", 4, _PLAN_TITLE, re.compile(r"(方案|计划|要点|规划|安排)([（(][^（()）]{1,24}[）)])?$"), "title"),
    ("plan", 3, "task notes with 牵头单位/责任单位", re.compile(r"牵头单位|牵头部门|责任单位"), "all"),
    ("report", 3, "a meeting that was held (召开/举行)", re.compile(r"(召开|举行|举办).{0,12}(会议|会)|会议(召开|举行)"), "title"),
    ("report", 2, "publishing notes (发布时间/来源)", re.compile(r"^[【\[]?(发布时间|发布日期|来源|信息来源|作者)[】\]]?\s*[:：]"),
     "all"),
    ("report", 2, "a news lead (本报讯/记者/通讯员, or the day first: 9月13日，)", re.compile(r"本报讯|记者|通讯员|讯[（(]|^\d{1,2}月\d{1,2}日(上午|下午|晚上|晚|中午|凌晨|早上)?[，,]"), "all"),
    ("report", 1, "会议指出/会议强调", re.compile(r"会议(指出|强调|要求|认为|听取)"), "all"),
]
ORDER = ("bulletin", "notice", "plan", "report")


def guess(blocks: list[Block], catalogue: dict[str, str] | None = None, series: tuple[str, ...] = ()) -> tuple[str, str]:
    """(kind, why): the kind with the most cue points; a news report when nothing speaks for another.
    ``catalogue``: the page's 信息公开 table (webpage.py), whose 发文字号 speaks for a notice.
    ``series``: the project's series titles, which name no document's title (a page copied whole
    lists them in its menu: 青禾市工作方案 there is no plan's title)."""
    # a masthead is often spaced out (工　作　简　报): the cues read the lines without spaces
    bare = [re.sub(r"[ \u3000]+", "", b.text) for b in blocks]
    titled = [t for t in bare if t not in series]
    # (a title wrapped over two lines, to its last character: 工作方 / 案, read joined too)
    texts = {"head": bare[:8], "title": titled[:5] + [a + b for a, b in zip(titled[:4], titled[1:5])], "all": bare}
    score = {k: 0 for k in ORDER}
    why: dict[str, list[str]] = {k: [] for k in ORDER}
    for kind, points, reason, pattern, where in CUES:
        if any(pattern.search(t) for t in texts[where]):
            score[kind] += points
            why[kind].append(reason)
    # a plan published under a red head has a notice's 文号, 附件 list and 版记 as well: under a
    # plan's title and no notice's, they speak for the plan too
    if _PLAN_TITLE in why["plan"] and _NOTICE_TITLE not in why["notice"]:
        shared = [points for kind, points, reason, _, _ in CUES if kind == "notice" and reason in why["notice"]
                  and reason in _APPARATUS]
        if shared:
            score["plan"] += sum(shared)
            why["plan"].append("a red head's 文号, 附件 list or 版记 under the plan's own title")
    from .plan import sent_plan
    if sent_plan(blocks) is not None:    # 关于印发…方案的通知, then the plan itself: the plan is the document
        score["plan"] += 10
        why["plan"].append("a notice that sends out the plan printed after it (关于印发…方案的通知)")
    number = (catalogue or {}).get("发文字号") or (catalogue or {}).get("文号") or ""
    numbered = "a document number such as 〔2024〕8号" in why["notice"]   # (the same 文号, counted once)
    if docnumber.LENIENT.search(re.sub(r"[ \u3000]+", "", number)) and not numbered:
        score["notice"] += 3
        why["notice"].append("a 文号 in the page's 信息公开 table")
    best = max(ORDER, key=lambda k: (score[k], -ORDER.index(k)))
    if score[best] == 0:
        return "report", "no cue for another kind: taken as a news report"
    others = ", ".join(f"{k} {score[k]}" for k in ORDER if k != best and score[k])
    return best, "; ".join(why[best]) + f" (score {score[best]}" + (f"; {others}" if others else "") + ")"
