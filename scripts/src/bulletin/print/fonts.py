"""Fonts by role (title 小标宋, body 仿宋, heading 黑体, kai 楷体, page numbers), from the project's
``fonts/`` folder or the system (fontconfig).

Each role is a stack of patterns ("Family" or "Family:style=Black"); the first pattern that is
really there (a face in the project's fonts folder with that family name, or a font fontconfig
has, never a fallback it substitutes) wins. The standard fonts of the office come first, free
substitutes after (DESIGN.md's print facts): the build says which font serves each role and
warns when a role is served by a substitute (any entry after the first of its stack). The
project's fonts folder holds licensed fonts that are not committed (.gitignore: /fonts/).
"""
from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROLES = ("title", "body", "heading", "kai", "page")
ROLE_NAMES = {"title": "titles (小标宋)", "body": "body text (仿宋)", "heading": "headings (黑体)",
              "kai": "楷体 text", "page": "page numbers (宋体)"}

# 楷体 stand-ins, measured beside the free body face (Noto Serif CJK SC) at 16 pt on the same 76-character
# paragraph rendered by WeasyPrint, pdftoppm at 600 dpi; ink cover = mean darkness over each character's
# em square, ink height = mean height of each character's ink. Body 0.191, 14.2 pt; LXGW WenKai (Debian
# fonts-lxgw-wenkai) 0.204, 13.8 pt: the body's colour and size; AR PL UKai 0.149, 13.0 pt: lighter
# and smaller, and it centres ，。 in the em box (Taiwan style), so it comes second.
DEFAULT_STACKS: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK",
              "Noto Serif CJK SC:style=Black", "Noto Serif CJK SC:style=Bold"),
    "body": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong",
             "Noto Serif CJK SC:style=Regular"),
    "heading": ("黑体", "SimHei", "Noto Sans CJK SC:style=Regular"),
    "kai": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "LXGW WenKai:style=Regular", "AR PL UKai CN"),
    "page": ("宋体", "SimSun", "Noto Serif CJK SC:style=Regular"),
}
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

# fontconfig weight → CSS font-weight
_FC_WEIGHTS = ((0, 100), (40, 200), (50, 300), (80, 400), (100, 500), (180, 600), (200, 700),
               (205, 800), (210, 900))


class FontError(Exception):
    """Roles without a font, or a wrong font table; ``problems`` holds (role or None, message)."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        super().__init__("\n".join(message for _, message in problems))
        self.problems = problems


@dataclass(frozen=True)
class ResolvedFont:
    role: str
    pattern: str      # the stack entry that matched
    file: Path
    index: int        # face index inside a .ttc collection
    family: str       # first family name, as CSS would name it
    style: str
    weight: int       # CSS weight
    substitute: bool = False    # not the first choice of its role's stack
    wanted: str = ""            # the first choice, when this is a substitute
    psname: str = ""            # PostScript name (ASCII), shown in the PDF's font names

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


# what fc-match prints of the font it finds (its own escapes: \\t is a tab)
FC_FORMAT = "%{file}\\t%{index}\\t%{family}\\t%{style[0]}\\t%{weight}\\t%{fullname}\\n"


def _fc_match(pattern: str) -> tuple[str, int, list[str], str, int] | None:
    from .fcmatch import match
    out = match(pattern, FC_FORMAT)       # fontconfig in this process, as fc-match asks it (fcmatch.py)
    if out is None:
        try:
            out = subprocess.run(["fc-match", "-f", FC_FORMAT, pattern], capture_output=True, text=True,
                                 check=False, timeout=30).stdout
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


def _open(file: str, index: int):
    from fontTools.ttLib import TTFont
    if file.lower().endswith((".ttc", ".otc")):
        return TTFont(file, fontNumber=index, lazy=True)
    return TTFont(file, lazy=True)


def _names(tt, ids: tuple[int, ...]) -> list[str]:
    found = []
    for record in tt["name"].names:
        if record.nameID in ids:
            try:
                text = record.toUnicode().strip()
            except UnicodeDecodeError:
                continue
            if text and text not in found:
                found.append(text)
    return found


def _psname(tt) -> str:
    name = next(iter(_names(tt, (6,))), "")
    return re.sub(r"[^A-Za-z0-9_-]", "", name)[:48]


@dataclass(frozen=True)
class Face:
    """One face of a font file in the project's fonts folder, by every name it goes by."""
    file: Path
    index: int
    families: tuple[str, ...]
    styles: tuple[str, ...]
    weight: int
    psname: str


@functools.lru_cache(maxsize=8)
def _faces(folder: str, stamp: tuple) -> tuple[Face, ...]:
    faces = []
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
            continue
        count = 1
        if path.suffix.lower() in (".ttc", ".otc"):
            from fontTools.ttLib import TTCollection
            count = len(TTCollection(str(path), lazy=True).fonts)
        for index in range(count):
            try:
                tt = _open(str(path), index)
            except Exception:  # noqa: BLE001 - not a font fontTools can read: not a face
                continue
            weight = tt["OS/2"].usWeightClass if "OS/2" in tt else 400
            faces.append(Face(path, index, tuple(_names(tt, (1, 16))), tuple(_names(tt, (2, 17))),
                              weight, _psname(tt)))
            tt.close()
    return tuple(faces)


def project_faces(folder: Path | None) -> tuple[Face, ...]:
    """The faces in the project's fonts folder (read again when a file there changes)."""
    if folder is None or not Path(folder).is_dir():
        return ()
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(Path(folder).rglob("*"))
                  if p.suffix.lower() in FONT_SUFFIXES)
    return _faces(str(Path(folder).resolve()), stamp)


def _split(pattern: str) -> tuple[str, str | None]:
    family = pattern.split(":", 1)[0].strip()
    style = pattern.split(":style=", 1)[1].split(":")[0].strip() if ":style=" in pattern else None
    return family, style


def _from_project(role: str, pattern: str, faces: tuple[Face, ...]) -> ResolvedFont | None:
    family, style = _split(pattern)
    for face in faces:
        if family.lower() not in (f.lower() for f in face.families):
            continue
        if style and style.lower() not in (s.lower() for s in face.styles):
            continue
        return ResolvedFont(role, pattern, face.file, face.index, family, (face.styles or ("Regular",))[0],
                            _css_weight_from_os2(face.weight), psname=face.psname)
    return None


def _css_weight_from_os2(weight: int) -> int:
    return max(100, min(900, round(weight / 100) * 100))


@functools.lru_cache(maxsize=256)
def resolve_pattern(role: str, pattern: str) -> ResolvedFont | None:
    """The font fontconfig has for ``pattern``, or None when it would only substitute another family."""
    found = _fc_match(pattern)
    if found is None:
        return None
    file, index, families, style, weight = found
    wanted, wanted_style = _split(pattern)
    if wanted.lower() not in (f.lower() for f in families):
        return None
    if wanted_style and style.lower() != wanted_style.lower():
        return None
    path = Path(file)
    if not path.is_file():
        return None
    try:
        tt = _open(file, index)
        psname = _psname(tt)
        tt.close()
    except Exception:  # noqa: BLE001 - the name is only for show
        psname = ""
    return ResolvedFont(role, pattern, path, index, families[0], style, _css_weight(weight), psname=psname)


def stacks(configured: dict | None) -> dict[str, tuple[str, ...]]:
    """The stacks in use: the configured ones (a name or a list of names per role) over the defaults."""
    result = dict(DEFAULT_STACKS)
    problems: list[tuple[str | None, str]] = []
    if configured is not None and not isinstance(configured, dict):
        raise FontError([(None, "fonts must be a table of roles (title, body, heading, kai, page), each a "
                                "font name or a list of font names")])
    for role, value in (configured or {}).items():
        if role not in ROLES:
            problems.append((role, f"unknown font role '{role}'; expected one of: {', '.join(ROLES)}"))
            continue
        names = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            problems.append((role, f"font role '{role}' must be a font name or a list of font names"))
            continue
        result[role] = tuple(n.strip() for n in names)
    if problems:
        raise FontError(problems)
    return result


def resolve_roles(configured: dict | None = None, fonts_dir: Path | None = None) -> dict[str, ResolvedFont]:
    """Resolve every role, the project's fonts folder before the system's fonts; raise FontError
    naming each role that has no font."""
    faces = project_faces(fonts_dir)
    missing: list[tuple[str | None, str]] = []
    resolved: dict[str, ResolvedFont] = {}
    for role, stack in stacks(configured).items():
        font = next((f for f in (_from_project(role, p, faces) or resolve_pattern(role, p) for p in stack) if f),
                    None)
        if font is None:
            missing.append((role, f"no installed font for {ROLE_NAMES[role]} (role '{role}'); tried: "
                                  f"{', '.join(stack)}; expected one of them installed, in the project's fonts/ "
                                  "folder, or another name under fonts: of the bulletin plugin"))
        elif font.pattern != stack[0]:
            from dataclasses import replace
            resolved[role] = replace(font, substitute=True, wanted=stack[0])
        else:
            resolved[role] = font
    if missing:
        raise FontError(missing)
    return resolved


# The facts of a face, kept in memory by face and by the folder they are kept in on disk
# (fontinfo.folder()): a build that keeps them in another folder reads (or writes) them there.
@functools.lru_cache(maxsize=32)
def _info(file: str, index: int, identity: str, kept_in: Path | None):
    from .fontinfo import font_info
    return font_info(file, index, identity)


def _kept_in() -> Path | None:
    from .fontinfo import folder
    return folder()


def cmap(font: ResolvedFont) -> frozenset[int]:
    """The code points the font maps to glyphs (kept on disk by print/fontinfo.py)."""
    return _codes(str(font.file), font.index, font.identity, _kept_in())


@functools.lru_cache(maxsize=32)
def _codes(file: str, index: int, identity: str, kept_in: Path | None) -> frozenset[int]:
    return _info(file, index, identity, kept_in).codes


class Metrics:
    """A face's measures in ems, as Pango lays out a line (hhea ascent and descent), from the facts
    print/fontinfo.py keeps: the font file is read only when a character's ink is first asked for."""

    def __init__(self, info):
        self._info = info
        self._upem = info.upem
        self.ascent = info.ascent / self._upem
        self.descent = -info.descent / self._upem

    def advance(self, ch: str) -> float:
        width = self._info.advances.get(ord(ch))
        return width / self._upem if width is not None else 1.0

    def ink(self, text: str) -> tuple[float, float]:
        """Lowest and highest ink of ``text`` above the baseline (ems)."""
        spans = [b for b in self._info.inks([ord(ch) for ch in text]) if b]
        return (min(b[0] for b in spans) / self._upem, max(b[1] for b in spans) / self._upem) if spans else (0.0, 0.0)

    def baseline(self, size: float, line_height: float) -> float:
        """Points from the top of a line box (``line_height`` points) to the baseline of ``size`` pt text."""
        return (line_height - (self.ascent + self.descent) * size) / 2 + self.ascent * size


@functools.lru_cache(maxsize=8)
def _metrics(file: str, index: int, identity: str, kept_in: Path | None) -> Metrics:
    return Metrics(_info(file, index, identity, kept_in))


def metrics(font: ResolvedFont, text: str = "") -> Metrics:
    """The measures of ``font`` (``text`` is not needed any more; kept for callers' clarity)."""
    return _metrics(str(font.file), font.index, font.identity, _kept_in())
