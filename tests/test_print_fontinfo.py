"""Font facts (character map, advances, ink) kept on disk: a warm build reads no font, and a kept
entry tells the same as the font itself; a stale or broken entry is read from the font again."""
from __future__ import annotations

import json
import os

import pytest

from bulletin.print import fontinfo
from bulletin.print.fonts import resolve_roles


@pytest.fixture()
def face():
    font = resolve_roles()["page"]
    return str(font.file), font.index, font.identity


@pytest.fixture()
def folder(tmp_path):
    fontinfo.use_folder(tmp_path / "fontinfo")
    yield tmp_path / "fontinfo"
    fontinfo.use_folder(None)


def _no_font_reading(monkeypatch):
    def refuse(*args):
        raise AssertionError("the font file was read although its facts were kept")
    monkeypatch.setattr(fontinfo, "_open", refuse)


def test_kept_facts_match_the_font_and_spare_reading_it(face, folder, monkeypatch):
    fresh = fontinfo.font_info(*face)
    dash = fresh.inks([ord("—")])[0]
    assert len(list(folder.iterdir())) == 1
    _no_font_reading(monkeypatch)
    kept = fontinfo.font_info(*face)
    assert kept.codes == fresh.codes and ord("中") in kept.codes and ord("A") in kept.codes
    assert kept.advances == fresh.advances and kept.upem == fresh.upem
    assert (kept.ascent, kept.descent) == (fresh.ascent, fresh.descent)
    assert kept.inks([ord("—")]) == [dash] and dash[0] < dash[1]


def test_stale_or_broken_entries_are_read_again(face, folder):
    fresh = fontinfo.font_info(*face)
    entry = next(folder.iterdir())
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["advances"][0] += 1          # a kept fact that differs from the font …
    entry.write_text(json.dumps(data), encoding="utf-8")
    file, index, identity = face
    changed = fontinfo.font_info(file, index, identity + "x")    # … under another identity (the file changed)
    assert changed.advances == fresh.advances
    assert json.loads(entry.read_text(encoding="utf-8"))["identity"] == identity + "x"
    for broken in ("", "{", "[1, 2]", json.dumps({**data, "codes": data["codes"][:5]})):
        entry.write_text(broken, encoding="utf-8")
        assert fontinfo.font_info(*face).advances == fresh.advances
    assert os.access(entry, os.R_OK) and json.loads(entry.read_text(encoding="utf-8"))["identity"] == identity


def test_without_a_folder_nothing_is_written(face, tmp_path):
    fontinfo.use_folder(None)
    assert fontinfo.font_info(*face).codes
    assert list(tmp_path.iterdir()) == []


def test_a_second_build_in_one_process_keeps_the_facts_in_its_own_folder(tmp_path):
    """print/fonts.py keeps the facts in memory; a later build of the same process (the tests, a
    script that builds two projects) with another cache folder still finds them written there, as its
    cache's pruning expects (fontinfo.kept_files)."""
    from bulletin.print.fonts import cmap, metrics
    font = resolve_roles()["page"]
    try:
        for name in ("first", "second"):
            fontinfo.use_folder(tmp_path / name)
            assert ord("中") in cmap(font) and metrics(font).ascent > 0
            assert [p.name for p in (tmp_path / name).iterdir()] == [p.name for p in fontinfo.kept_files([font])]
    finally:
        fontinfo.use_folder(None)


def _faces():
    return sorted({(str(font.file), font.index) for font in resolve_roles().values()})


@pytest.mark.parametrize("file, index", _faces())
def test_harfbuzz_reads_what_fonttools_reads(file, index):
    """The facts are read through HarfBuzz (a CJK face in ~0.01 s instead of 0.2–0.3 s): the same
    character map, advances and vertical metrics as fontTools gives, on the print fonts (CFF in a
    collection, TrueType outlines)."""
    fast = fontinfo._read_harfbuzz(file, index, "id")
    assert fast is not None, "HarfBuzz did not read the face"
    slow = fontinfo._read_fonttools(file, index, "id")
    assert len(fast.advances) > 20000 and ord("中") in fast.advances
    assert fast.advances == slow.advances
    assert (fast.upem, fast.ascent, fast.descent) == (slow.upem, slow.ascent, slow.descent)


def test_without_harfbuzz_fonttools_reads_the_face(face, monkeypatch):
    file, index, identity = face
    expected = fontinfo._read_fonttools(file, index, identity)
    monkeypatch.setattr(fontinfo, "_harfbuzz", lambda: None)
    assert fontinfo._read(file, index, identity) == expected


def test_a_file_that_is_no_font_is_read_by_fonttools_as_before(tmp_path):
    """HarfBuzz takes a broken file as a face without glyphs: fontTools reads it then, and fails as it
    did before HarfBuzz read fonts here (no table hmtx)."""
    broken = tmp_path / "broken.otf"
    broken.write_bytes(b"OTTO" + bytes(200))
    assert fontinfo._read_harfbuzz(str(broken), 0, "id") is None
    with pytest.raises(KeyError, match="hmtx"):
        fontinfo._read(str(broken), 0, "id")


MEASURED = "—〔〕（）0123456789第号令中国六十鬱gjyÅ "


def test_harfbuzz_draws_the_ink_fonttools_reads(monkeypatch):
    """The ink of each role's face, from HarfBuzz's outlines, is fontTools' to the unit (CFF and
    TrueType faces; a space and an unmapped character have none)."""
    codes = [ord(ch) for ch in MEASURED] + [0x10FFFD]
    faces = {(str(font.file), font.index) for font in resolve_roles().values()}
    assert len(faces) >= 2
    for file, index in sorted(faces):
        drawn = fontinfo._read_ink_harfbuzz(file, index, codes)
        assert drawn is not None, f"HarfBuzz could not draw {file}"
        with monkeypatch.context() as patched:
            patched.setattr(fontinfo, "_read_ink_harfbuzz", lambda *args: None)
            read = fontinfo._read_ink(file, index, codes)
        assert drawn == read, file
        assert drawn[ord(" ")] is None and drawn[0x10FFFD] is None
        low, high = drawn[ord("—")]
        assert 0 < low < high, file


def test_a_cold_ink_reads_no_font_with_fonttools(face, folder, monkeypatch):
    """fontTools decompiles a CJK face's whole CFF table to draw one glyph (0.25 s a cold build)."""
    _no_font_reading(monkeypatch)
    info = fontinfo.font_info(*face)
    low, high = info.inks([ord("—")])[0]
    assert low < high
