"""Characters of Chinese prose as `bulletin check` sees them: which count as Chinese (Han, full-width
punctuation), how wide a headline is, and the mask of what the prose rules must leave alone (code
spans, URLs, e-mail addresses, link targets, HTML tags and entities, attribute lists, comments)."""
from __future__ import annotations

import re
import unicodedata

# Han, and the radicals (U+2E80–U+2FD5) that PDF text layers put where an ideograph belongs: they
# show as Han, so the rules read them as Han and their fix (BL206) keeps the count of Han characters.
HAN = "\u2e80-\u2ef3\u2f00-\u2fd5\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_PUNCT = ("\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f"
             "\u2018\u2019\u201c\u201d\u2026\u2014")
IS_HAN = re.compile(f"[{HAN}]")
IS_CJK = re.compile(f"[{HAN}{CJK_PUNCT}]")
_NO_URL_END = r"\s<>\"'）)\]" + HAN + CJK_PUNCT
# Each pattern starts where a run can start (a lookbehind, or a character the run cannot hold), so a
# line of 100,000 letters or "<a " repeated is one pass, not one scan to its end from every character.
_MASKS = [
    re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)"),                    # code spans (a whole run of ` opens)
    # URLs; a mark right after one (…/a, 请) ends the sentence, so the URL never ends in . , ; : ! ?
    re.compile(rf"(?:https?|ftp)://[^{_NO_URL_END}]*[^{_NO_URL_END}.,;:!?]"),
    re.compile(rf"www\.[A-Za-z0-9.-]+[A-Za-z0-9](?:/[^{_NO_URL_END}]*[^{_NO_URL_END}.,;:!?])?"),
    re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),   # e-mail
    re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"),   # link targets (a_(1).html too)
    re.compile(r"\]\[[^\]]*\]"),                                      # reference links
    re.compile(r"!\["),                                               # image start
    re.compile(r"\[\^[^\]\[]+\]:?"),                                  # footnotes
    re.compile(r"^\s*\[(?!\^)[^\]]+\]:\s*\S+.*$"),                       # link reference definitions
    re.compile(r"</?[A-Za-z][^<>]*>"),                                # HTML tags
    re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"),   # HTML entities
    re.compile(r"\{[:#.][^{}]*\}"),                                   # attribute lists
]
# Radicals and compatibility forms standing in for ideographs: ⼯作 for 工作, ⻓效 for 长效. They look
# the same and are not: a search, a check or the fonts' coverage would miss them. The Kangxi radicals
# and compatibility ideographs have a canonical ideograph (NFKC); the simplified radicals of the
# supplement do not, so those that stand for a character are listed.
# The twelve compatibility ideographs that are characters of their own (﨑) have no other form, and
# are not matched.
_RADICALS = dict(zip("⻓⻔⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰⻳⻋⻅⻉⻄⻆⻘⺠⺟⻁⻙⻗⻑",
                     "长门页风飞食马骨鬼鱼鸟卤麦黄齐齿龙龟车见贝西角青民母虎韦雨長"))
# A Kangxi radical's canonical ideograph is the traditional form (⼾ 戶, ⾨ 門); in this project's
# simplified text (imports convert Traditional text) it stands for the simplified one: a simplified
# font draws 户 and ⼾ with one glyph, and a PDF's text layer may name either.
_KANGXI_SIMPLIFIED = dict(zip("⼾⾒⾙⾞⾧⾨⾱⾴⾵⾶⾺⾾⿂⿃⿄⿆⿈⿌⿑⿒⿓⿔", "户见贝车长门韦页风飞马斗鱼鸟卤麦黄黾齐齿龙龟"))
_STAND_INS = {**{ch: form for start, end in ((0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
                 for ch in map(chr, range(start, end + 1))
                 if (form := unicodedata.normalize("NFKC", ch)) != ch},
              **_RADICALS, **_KANGXI_SIMPLIFIED}
STAND_IN = re.compile("[" + "".join(_STAND_INS) + "]")


# Characters that show nothing and change what is shown: zero-width spaces and non-joiners (not
# U+200D, which joins emoji, nor the variation selectors), soft hyphens, direction marks, embeddings,
# overrides and isolates, line and paragraph separators, Hangul fillers, tag characters, a byte order
# mark inside the text. Copied text brings some; an override reverses what follows ("Trojan Source").
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200e\u200f"
                       "\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0"
                       "\U000e0000-\U000e007f]")


def ideograph(stand_in: str) -> str:
    """The ideograph a character matched by ``STAND_IN`` stands in for."""
    return _STAND_INS[stand_in]


# How far a rule looks from a mark or a space (a number, a list, a field, a few names): never the
# whole line, so a line of 100,000 characters is checked in one pass.
NEAR = 40

HIDDEN = "\x00"   # stands in for each character of an HTML comment: masked, and never a space


def cjk(ch: str) -> bool:
    return bool(ch) and bool(IS_CJK.match(ch))


def han(ch: str) -> bool:
    return bool(ch) and bool(IS_HAN.match(ch))


def han_count(text: str) -> int:
    return len(IS_HAN.findall(text))


def text_width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text if not ch.isspace())


def masked(line: str, start: int = 0, end: int | None = None) -> list[bool]:
    """True for each character the prose checks must ignore (and everything outside start:end)."""
    end = len(line) if end is None else end
    mask = [not start <= i < end or ch == HIDDEN for i, ch in enumerate(line)]
    for rx in _MASKS:
        for m in rx.finditer(line):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


# Emphasis marks are no characters of the text: **重点工作**. ends on 作, as the page shows it.
_EMPHASIS = "*"


def prev_char(line: str, mask: list[bool], i: int, skip_space: bool = True) -> str:
    j = i - 1
    while j >= 0 and (line[j] == _EMPHASIS or skip_space and line[j] == " "):
        j -= 1
    return line[j] if j >= 0 and not mask[j] else ""


def next_char(line: str, mask: list[bool], i: int, skip_space: bool = True) -> str:
    j = i + 1
    while j < len(line) and (line[j] == _EMPHASIS or skip_space and line[j] == " "):
        j += 1
    return line[j] if j < len(line) and not mask[j] else ""
