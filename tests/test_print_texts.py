"""The print texts read from a print HTML: which font role prints each piece and where it comes from.

The preflight reads every document's print HTML; the stylesheet compiled for one document and the
source files read for one are reused for the next, and each HTML's reading is kept in the cache for
the next build (by the HTML's hash). These tests check that reuse never hands a document another
stylesheet's roles, a source file's old text or another HTML's reading."""
from __future__ import annotations

import os

import pytest

from bulletin.print.texts import Locator, SharedSources, role_texts


@pytest.fixture
def sample_project_copy(tmp_path):
    from conftest import ROOT, copy_project
    return copy_project(ROOT, tmp_path / "p"), tmp_path / "cache"


@pytest.fixture(autouse=True)
def _no_store_left_behind():
    yield
    from bulletin.print import texts
    texts.READINGS.use(None)


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


def test_a_shared_file_is_searched_again_when_it_changes(tmp_path):
    """What the shared files (templates, series.yml) hold is looked up once for all documents of a
    preflight, and read again by the next once one of them changes; a document's own file still
    comes first."""
    own, shared = tmp_path / "issue.md", tmp_path / "series.yml"
    own.write_text("正文\n", encoding="utf-8")
    shared.write_text("title: 示例工作简报\n", encoding="utf-8")
    assert Locator(tmp_path, [own], SharedSources(tmp_path, [shared])).find("示例工作简报") == ("series.yml", 1)
    shared.write_text("office: 示例办公室\ntitle: 示例工作简报\n", encoding="utf-8")
    stat = shared.stat()
    os.utime(shared, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert Locator(tmp_path, [own], SharedSources(tmp_path, [shared])).find("示例工作简报") == ("series.yml", 2)
    own.write_text("正文\n示例工作简报\n", encoding="utf-8")
    assert Locator(tmp_path, [own], SharedSources(tmp_path, [shared])).find("示例工作简报") == ("issue.md", 2)


def _parse_nothing(html):
    raise AssertionError("parsed again")


def test_readings_are_kept_between_builds_by_the_html_they_were_read_from(tmp_path, monkeypatch):
    from bulletin.print import texts
    store = tmp_path / "readings.json"
    kai = _page(".lead { font-family: var(--font-kai); }")
    texts.READINGS.use(store.parent)
    first = texts.role_texts(kai)
    texts.READINGS.save()
    texts.READINGS.use(store.parent)                          # the next build, in another process
    monkeypatch.setattr(texts, "_role_texts", _parse_nothing)
    assert texts.role_texts(kai) == first and ("kai", "编者按正文") in first
    changed = _page(".lead { font-family: var(--font-heading); }")
    monkeypatch.undo()
    assert ("heading", "编者按正文") in texts.role_texts(changed)     # other HTML: read, not looked up


def test_a_build_keeps_only_what_it_read(tmp_path):
    import json
    from bulletin.print import texts
    store = tmp_path / "readings.json"
    one, two = _page("p { color: red; }"), _page("p { color: blue; }")
    texts.READINGS.use(store.parent)
    texts.role_texts(one), texts.role_texts(two)
    texts.READINGS.save()
    assert len(json.loads(store.read_text(encoding="utf-8"))["kept"]) == 2
    texts.READINGS.use(store.parent)
    texts.role_texts(one)
    texts.READINGS.save()                              # a build that no longer prints the other
    assert len(json.loads(store.read_text(encoding="utf-8"))["kept"]) == 1


RARE = "㐀"     # CJK Extension A: in the Noto fonts, not in LXGW WenKai (the 楷体 role's)


def _with_rare_character(root):
    """The first szzw issue with a character one role's font lacks, in an article (body text)."""
    path = sorted((root / "bulletins" / "szzw").glob("*/*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n人名用字{RARE}见于户籍资料。\n",
                    encoding="utf-8")
    return path


def test_only_a_document_with_a_character_some_font_lacks_is_read_by_role(sample_project_copy, monkeypatch):
    """The preflight reads a print HTML by role (a parse and cascade) only when a character it can
    print is missing from one of the role fonts; the others cannot fail the glyph check. Their
    characters still go into the font cuts."""
    import json
    import logging
    from bulletin.print import PrintOptions, preflight, texts
    from bulletin.print.pipeline import font_css
    from bulletin.sources.loader import load_project
    root, cache = sample_project_copy
    rare = _with_rare_character(root)
    read = []
    real = texts._role_texts
    monkeypatch.setattr(texts, "_role_texts", lambda html: read.append(html) or real(html))
    project = load_project(root)
    plan = preflight(project, root / "overrides", PrintOptions(cache_dir=cache, log=logging.getLogger("q")))
    assert len(read) == 1 and RARE in read[0]
    assert [issue.path for issue in project.all_issues() if RARE in "".join(s.text for s in plan.spans[issue.key])] \
        == [rare]
    assert len(json.loads((cache / "readings.json").read_text(encoding="utf-8"))["kept"]) == 1
    # every character printed by role is in the cuts, the rare one too (body text: its font has it)
    printed = set().union(*(set(text) for html in read for _, text in real(html)))
    cut = set("".join(span.text for spans in plan.spans.values() for span in spans))
    assert RARE in printed and printed <= cut
    css, _ = font_css(plan, logging.getLogger("q"))
    assert css.count("@font-face") == 5


def test_the_previews_partial_preflight_leaves_the_store_alone(sample_project_copy):
    """`bulletin serve --pdf` preflights the saved issue alone; it neither reads nor rewrites the store."""
    import logging
    from bulletin.print import PrintOptions, preflight
    from bulletin.sources.loader import load_project
    root, cache = sample_project_copy
    _with_rare_character(root)          # the one issue the whole preflight reads by role (and keeps)
    project = load_project(root)
    preflight(project, root / "overrides", PrintOptions(cache_dir=cache, log=logging.getLogger("q")))
    store = cache / "readings.json"
    whole = store.read_bytes()
    assert len(whole) > 1000
    one = next(iter(project.all_issues())).key
    preflight(project, root / "overrides", PrintOptions(cache_dir=cache, only=frozenset({one}), log=logging.getLogger("q")))
    assert store.read_bytes() == whole


@pytest.mark.parametrize("stored", ["{not json", "[1, 2]", '{"stamp": "@", "kept": {"%s": [["kai"]]}}',
                                    '{"stamp": "@", "kept": {"%s": [["kai", 5]]}}', '{"stamp": "@", "kept": [1]}'])
def test_a_damaged_store_is_read_past(tmp_path, stored):
    import hashlib
    from bulletin.print import texts
    page = _page(".lead { font-family: var(--font-kai); }")
    store = tmp_path / "readings.json"
    store.write_text(stored.replace("%s", hashlib.sha256(page.encode()).hexdigest())
                     .replace("@", texts.READINGS.stamp), encoding="utf-8")
    texts.READINGS.use(tmp_path)
    assert ("kai", "编者按正文") in texts.role_texts(page)
    texts.READINGS.save()
    texts.READINGS.use(tmp_path)
    assert ("kai", "编者按正文") in texts.role_texts(page)


def test_a_store_written_by_other_code_is_not_used(tmp_path, monkeypatch):
    """After an upgrade or an edit to the code that read them, kept readings could be wrong."""
    import hashlib
    import json
    from bulletin.print import texts
    page = _page(".lead { font-family: var(--font-kai); }")
    wrong = {hashlib.sha256(page.encode()).hexdigest(): [["heading", "编者按正文"]]}
    (tmp_path / "readings.json").write_text(json.dumps({"stamp": "another version", "kept": wrong}), encoding="utf-8")
    texts.READINGS.use(tmp_path)
    assert ("kai", "编者按正文") in texts.role_texts(page)
    (tmp_path / "readings.json").write_text(json.dumps({"stamp": texts.READINGS.stamp, "kept": wrong}), encoding="utf-8")
    texts.READINGS.use(tmp_path)
    assert ("heading", "编者按正文") in texts.role_texts(page)     # the same store, stamped by this code


def test_the_stamp_names_the_code(tmp_path, monkeypatch):
    from bulletin.print.kept import code_stamp
    module = tmp_path / "stamped_module.py"
    module.write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = code_stamp(("stamped_module",), ("markdown",))
    module.write_text("X = 2\n", encoding="utf-8")
    assert code_stamp(("stamped_module",), ("markdown",)) != before
    assert code_stamp(("stamped_module",), ("nh3",)) != code_stamp(("stamped_module",), ("markdown",))


def test_a_store_that_cannot_be_written_is_no_error(tmp_path):
    from bulletin.print import texts
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    texts.READINGS.use(blocked)           # its folder is a file
    assert ("body", "一般正文") in texts.role_texts(_page(""))
    texts.READINGS.save()
    texts.READINGS.use(tmp_path)
    texts.READINGS.read["x"] = [["body", "\ud800"]]          # text that UTF-8 cannot hold
    texts.READINGS.save()


def test_each_preflight_reads_the_shared_files_again(sample_project_copy):
    """The series files and templates are read once per preflight for all documents; an edit to one
    between two builds (or two saves under the preview) is seen by the next."""
    import logging
    from bulletin.print import PrintOptions, preflight
    from bulletin.sources.loader import load_project
    root, cache = sample_project_copy
    _with_rare_character(root)        # its issue is read by role, each text traced to its line

    def series_lines():
        plan = preflight(load_project(root), root / "overrides", PrintOptions(cache_dir=cache, log=logging.getLogger("q")))
        return {(s.text, s.line) for spans in plan.spans.values() for s in spans if s.path.endswith("szzw/series.yml") and s.line}
    before = series_lines()
    assert before
    series = root / "bulletins" / "szzw" / "series.yml"
    series.write_text("# 编辑部注：以下为本系列设置\n" + series.read_text(encoding="utf-8"), encoding="utf-8")
    assert series_lines() == {(text, line + 1) for text, line in before}


def test_what_a_reading_finds_is_among_the_printable_characters(sample_project_copy):
    """The skip rests on this: every character the reading by role finds (text, references,
    generated content, counters, markers) is among printable_characters; on every sample document
    and on one that spells its characters only as references, CSS escapes and counters."""
    import logging
    from bulletin.kinds import kind_of
    from bulletin.print import PrintContext, PrintOptions, preflight
    from bulletin.print.pipeline import font_css
    from bulletin.print.texts import _role_texts, printable_characters
    from bulletin.sources.loader import load_project
    root, cache = sample_project_copy
    project = load_project(root)
    plan = preflight(project, root / "overrides", PrintOptions(cache_dir=cache, log=logging.getLogger("q")))
    ctx = PrintContext(root, root / "overrides", font_css=font_css(plan, logging.getLogger("q"))[0])
    htmls = [kind_of(issue).print_html(issue, ctx) for issue in plan.issues]
    htmls.append('<!doctype html><html><head><style>p::before { content: "\\5B89 \\1F600 x"; }'
                  'ol { list-style-type: cjk-ideographic; } li::marker { content: counter(list-item, cjk-decimal); }'
                  '</style></head><body><p title="题">&#x4E2D;&#22269;&amp;&copy</p><ol><li>甲</li></ol></body></html>')
    for html in htmls:
        found = set("".join(text for _, text in _role_texts(html)))
        assert found and found <= printable_characters(html)
    assert {"安", "\U0001F600", "中", "国", "&", "©", "〇"} <= set("".join(t for _, t in _role_texts(htmls[-1])))
    assert printable_characters("<p>a\x00b</p>") is None
