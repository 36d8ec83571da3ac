"""Fonts by role (title, body, heading 黑体, kai 楷体), resolved through fontconfig.

Each role is a stack of fontconfig patterns ("Family" or "Family:style=Black"); the first
pattern that fontconfig really has (not a fallback it substitutes) wins. Official fonts
come first, free substitutes after, as DESIGN.md's print facts say.
"""
from __future__ import annotations

import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROLES = ("title", "body", "heading", "kai")
ROLE_NAMES = {"title": "titles (小标宋)", "body": "body text (仿宋)", "heading": "headings (黑体)",
              "kai": "楷体 text"}

DEFAULT_STACKS: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK",
              "Noto Serif CJK SC:style=Black", "Noto Serif CJK SC:style=Bold"),
    "body": ("仿宋_GB2312", "FangSong_GB2312", "FangSong", "仿宋",
             "Noto Serif CJK SC:style=Regular"),
    "heading": ("黑体", "SimHei", "Noto Sans CJK SC:style=Regular"),
    "kai": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "AR PL UKai CN", "LXGW WenKai"),
}

# fontconfig weight → CSS font-weight
_FC_WEIGHTS = ((0, 100), (40, 200), (50, 300), (80, 400), (100, 500), (180, 600), (200, 700),
               (205, 800), (210, 900))


class FontError(Exception):
    """A role has no installed font; the message names the role and the stack tried."""


@dataclass(frozen=True)
class ResolvedFont:
    role: str
    pattern: str      # the stack entry that matched
    file: Path
    index: int        # face index inside a .ttc collection
    family: str       # first family name, as CSS would name it
    style: str
    weight: int       # CSS weight

    @property
    def name(self) -> str:
        return f"{self.family} {self.style}".strip()

    @property
    def identity(self) -> str:
        """What changes when the font file changes: path, face, size and modification time."""
        stat = self.file.stat()
        return f"{self.file}#{self.index}:{stat.st_size}:{stat.st_mtime_ns}"


def _css_weight(fc_weight: int) -> int:
    best = min(_FC_WEIGHTS, key=lambda pair: abs(pair[0] - fc_weight))
    return best[1]


def _fc_match(pattern: str) -> tuple[str, int, list[str], str, int] | None:
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\\t%{index}\\t%{family}\\t%{style[0]}\\t%{weight}\\t%{fullname}\\n", pattern],
            capture_output=True, text=True, check=False, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    line = out.splitlines()[0] if out else ""
    parts = line.split("\t")
    if len(parts) < 5 or not parts[0]:
        return None
    weight = parts[4].strip("[] ").split()[0] if parts[4].strip() else "80"
    try:
        weight_num = int(float(weight))
    except ValueError:
        weight_num = 80
    return parts[0], int(parts[1] or 0), [f.strip() for f in parts[2].split(",")], parts[3], weight_num


@functools.lru_cache(maxsize=256)
def resolve_pattern(role: str, pattern: str) -> ResolvedFont | None:
    """The font fontconfig has for ``pattern``, or None when it would only substitute another family."""
    found = _fc_match(pattern)
    if found is None:
        return None
    file, index, families, style, weight = found
    wanted = pattern.split(":", 1)[0].strip().lower()
    if wanted not in (f.lower() for f in families):
        return None
    if ":style=" in pattern:
        wanted_style = pattern.split(":style=", 1)[1].split(":")[0].strip().lower()
        if style.lower() != wanted_style:
            return None
    path = Path(file)
    if not path.is_file():
        return None
    return ResolvedFont(role, pattern, path, index, families[0], style, _css_weight(weight))


def stacks(configured: dict | None) -> dict[str, tuple[str, ...]]:
    """The stacks in use: the configured ones (a name or a list of names per role) over the defaults."""
    result = dict(DEFAULT_STACKS)
    for role, value in (configured or {}).items():
        if role not in ROLES:
            raise FontError(f"unknown font role '{role}'; expected one of: {', '.join(ROLES)}")
        names = [value] if isinstance(value, str) else list(value or [])
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise FontError(f"font role '{role}' must be a font name or a list of font names")
        result[role] = tuple(n.strip() for n in names)
    return result


def resolve_roles(configured: dict | None = None) -> dict[str, ResolvedFont]:
    """Resolve every role; raise FontError naming each role that has no installed font."""
    missing = []
    resolved: dict[str, ResolvedFont] = {}
    for role, stack in stacks(configured).items():
        font = next((f for f in (resolve_pattern(role, p) for p in stack) if f), None)
        if font is None:
            missing.append(f"no installed font for {ROLE_NAMES[role]} (role '{role}'); tried: {', '.join(stack)}; "
                           "expected one of them installed (fonts-noto-cjk, fonts-noto-cjk-extra, "
                           "fonts-arphic-ukai) or another name under fonts: in mkdocs.yml")
        else:
            resolved[role] = font
    if missing:
        raise FontError("\n".join(missing))
    return resolved


@functools.lru_cache(maxsize=32)
def _cmap(file: str, index: int, identity: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont
    font = TTFont(file, fontNumber=index, lazy=True) if file.lower().endswith((".ttc", ".otc")) \
        else TTFont(file, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def cmap(font: ResolvedFont) -> frozenset[int]:
    """The code points the font maps to glyphs."""
    return _cmap(str(font.file), font.index, font.identity)
