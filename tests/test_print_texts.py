"""The print texts read from a print HTML: which font role prints each piece and where it comes from.

The preflight reads every document's print HTML; the stylesheet compiled for one document and the
source files read for one are reused for the next. These tests check that reuse never hands a
document another stylesheet's roles or a source file's old text."""
from __future__ import annotations

import os

from bulletin.print.texts import Locator, role_texts


def _page(css: str) -> str:
    return (f"<!doctype html><html><head><style>{css}</style></head>"
            '<body><p class="lead">编者按正文</p><p>一般正文</p></body></html>')


def test_each_stylesheet_gives_its_own_roles():
    kai = _page(".lead { font-family: var(--font-kai); } p { font-family: var(--font-body); }")
    heading = _page(".lead { font-family: var(--font-heading); } p { font-family: var(--font-body); }")
    assert ("kai", "编者按正文") in role_texts(kai)
    assert ("heading", "编者按正文") in role_texts(heading)
    assert ("kai", "编者按正文") in role_texts(kai)          # the first one again, now compiled before
    assert ("body", "一般正文") in role_texts(heading)


def test_generated_text_follows_the_stylesheet():
    first = _page('.lead::before { content: "【"; }')
    second = _page('.lead::before { content: "〔"; }')
    assert [t for _, t in role_texts(first)][0] == "【"
    assert [t for _, t in role_texts(second)][0] == "〔"


def test_a_source_file_is_read_again_when_it_changes(tmp_path):
    source = tmp_path / "issue.md"
    source.write_text("第一行\n本期要点\n", encoding="utf-8")
    assert Locator(tmp_path, [source]).find("本期要点") == ("issue.md", 2)
    source.write_text("第一行\n\n\n本期要点\n", encoding="utf-8")
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))   # even on a coarse clock
    assert Locator(tmp_path, [source]).find("本期要点") == ("issue.md", 4)


def test_a_source_file_that_goes_away_is_not_located(tmp_path):
    source = tmp_path / "issue.md"
    source.write_text("本期要点\n", encoding="utf-8")
    assert Locator(tmp_path, [source]).find("本期要点") == ("issue.md", 1)
    source.unlink()
    assert Locator(tmp_path, [source]).find("本期要点") is None
