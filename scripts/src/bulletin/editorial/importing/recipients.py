"""报/送/发 (and 抄送) recipient lines: names cut at the first text that is no recipient, names that
contain 、 kept whole, then mapped to address-book groups (the rest kept literally)."""
from __future__ import annotations

import re

ROLE = re.compile(r"^(报送|报|抄送|分送|送|印发|发|本期增发|增发)\s*[:：]\s*")
# the roles of one line: apart by spaces, or run together after a full stop (…领导。送：…。发：…)
ROLE_INLINE = re.compile(r"(?:[\s\u3000]+|(?<=[。；;]))(?=(报送|抄送|分送|送|印发|发|本期增发)\s*[:：])")
COPIES = re.compile(r"[（(]?共印\s*(\d+)\s*份[)）]?")
ROLE_NAME = {"报送": "报", "抄送": "送", "分送": "发", "印发": "发", "增发": "本期增发"}
_UNIT = re.compile(r"(政府|办公室|办|局|委|厅|部|中心|院|所|会|队|处|科|馆|组|单位|同志|公司|学校|学院|大学|"
                   r"街道|街道办事处|乡|镇|村|社|机构|部门|领导|党委|党组|行|集团|园区|管委会|室|团|联|协会|"
                   r"人员|成员|代表|企业|医院|报社|台|司|署|小组|军分区|警备区|武装部|海关|银行|分行|支行)$")
_PLACE_ONLY = re.compile(r"^(各)?[\u4e00-\u9fff]{1,6}(区|县|市|省|乡|镇)$")
# 市委、市政府领导: the leaders of both, one recipient (not 市委 the body, and 市政府领导)
_ORGAN = r"[\u4e00-\u9fff]{0,6}?(省|市|县|区|州|旗|乡|镇)(委|政府|人大常委会|人大|政协|纪委)"
_BARE_ORGAN = re.compile(f"^{_ORGAN}$")
_ORGAN_LEADERS = re.compile(f"^{_ORGAN}(主要)?(负责同志|领导同志|领导)$")


def names_of(text: str, known: set[str]) -> tuple[list[str], str]:
    """(recipient names, the rest of the line after the first text that is not a recipient)."""
    text = text.strip().rstrip("。．.")
    protected = {}
    for i, name in enumerate(sorted((k for k in known if "、" in k), key=len, reverse=True)):
        if name in text:
            protected[f"\u0000{i}\u0000"] = name
            text = text.replace(name, f"\u0000{i}\u0000")
    text = re.sub(r"[“「]([^”」]*)[”」]", lambda m: m.group(1).replace("、", "\u0001"), text)
    parts = [p for p in re.split(r"[、，,；;]|[ \u3000]+", text)]
    apart = re.findall(r"[、，,；;]|[ \u3000]+", text)      # what stands after each part
    names: list[str] = []
    skip = -1          # parts already taken into a name
    for index, part in enumerate(parts):
        if index <= skip:
            continue
        part = part.strip()
        for key, name in protected.items():
            part = part.replace(key, name)
        part = part.replace("\u0001", "、")
        if not part:
            continue
        if names and _PLACE_ONLY.match(names[-1]) and not names[-1].endswith("同志") and not _UNIT.search(names[-1]):
            names[-1] += "、" + part   # 东湖区、西岭区农业农村局: one recipient written together
            continue
        if _BARE_ORGAN.match(part) and index + 1 < len(parts):
            run = index + 1          # 市委、市人大、市政府、市政协领导: the leaders of each, one recipient
            while run < len(parts) and apart[run - 1] == "、" and _BARE_ORGAN.match(parts[run].strip()):
                run += 1
            if run < len(parts) and apart[run - 1] == "、" and _ORGAN_LEADERS.match(parts[run].strip()):
                names.append("、".join(p.strip() for p in parts[index:run + 1]))
                skip = run
                continue
        if part in known or _UNIT.search(part) and not re.search("网站|网|版权|电话|邮箱|热线|[:：]", part):
            names.append(part)
            continue
        rest = "、".join(p for p in parts[index:] if p.strip())
        for key, name in protected.items():
            rest = rest.replace(key, name)
        return names, rest.replace("\u0001", "、")
    return names, ""


def map_groups(names: list[str], book) -> tuple[list[str], list[str]]:
    """(address-book groups all of whose shown names appear, the names left to keep literally)."""
    if book is None:
        return [], names
    remaining = [re.sub(r"同志$", "", n) for n in names]
    chosen: list[str] = []
    for group in sorted(book.groups.values(), key=lambda g: -len(g.members)):
        variants = [[m.name for m in group.members]]
        if group.label:
            variants.insert(0, [group.label])
        for shown in variants:
            if shown and all(s in remaining for s in shown):
                chosen.append(group.name)
                for s in shown:
                    remaining.remove(s)
                break
    for name in list(remaining):
        if name in book.groups and name not in chosen:
            chosen.append(name)
            remaining.remove(name)
    order = {re.sub(r"同志$", "", n): k for k, n in enumerate(names)}

    def first_seen(g: str) -> int:
        group = book.groups[g]
        parts = [g, group.label or "", *[m.name for m in group.members]]
        return min((order[p] for p in parts if p in order), default=len(order))
    chosen.sort(key=first_seen)
    literal = [n for n in names if re.sub(r"同志$", "", n) in remaining]
    return chosen, literal


def known_names(book) -> set[str]:
    if book is None:
        return set()
    names = set(book.groups)
    for group in book.groups.values():
        names |= {m.name for m in group.members}
        if group.label:
            names.add(group.label)
    return names
