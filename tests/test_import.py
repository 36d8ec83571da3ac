"""`bulletin import` on five noisy legacy inputs written for these tests (fictional 青禾市):
a clean text, a web page full of furniture, PDF-extracted text with spaces and page numbers,
Traditional characters, and pinyin glosses with a 目录 that does not match the text."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bulletin.editorial import cli
from bulletin.editorial.importer import cn_int, import_file, load_context, to_markdown
from bulletin.sources.loader import load_project

HERE = Path(__file__).parent / "fixtures"
LEGACY = HERE / "legacy"


@pytest.fixture(scope="module")
def context():
    return load_context(HERE / "import_project")


def _load(context, name: str, t2s: bool = False):
    titles, book, _ = context
    return import_file(LEGACY / name, titles, book, t2s=t2s)


def _bodies(result) -> list[str]:
    return ["\n".join(a.paragraphs) for a in result.articles]


def test_clean_text(context) -> None:
    r = _load(context, "01-clean.txt")
    assert (r.series, r.number, r.total, r.date) == ("szzw", 3, 17, dt.date(2024, 3, 5))
    assert r.office == "青禾市数字政府建设领导小组办公室"
    assert r.marking == "内部资料 注意保存"
    assert r.toc == r.headlines == ["全市政务数据共享工作推进会召开", "西岭区上线“不见面审批”服务专区", "工作动态"]
    assert [len(a.paragraphs) for a in r.articles] == [2, 2, 2]
    assert r.groups == {"报": ["市领导"], "送": ["领导小组成员单位"], "发": ["各区县政府"]}
    assert r.literal == {"发": ["市档案馆"]}
    assert r.copies == 60
    assert r.leftovers == [] and r.warnings == []
    assert ("rule", "────────────────────────────") in r.removed


def test_web_page_with_furniture(context) -> None:
    r = _load(context, "02-web-page.html")
    assert (r.series, r.number, r.total, r.date) == ("xczx", 6, None, dt.date(2024, 6, 18))   # 二〇二四年六月十八日
    assert r.office == "青禾市乡村振兴领导小组办公室"
    assert r.preface == ["今年以来，各区县坚持把发展乡村特色产业作为推进乡村全面振兴的重要抓手。现将有关做法刊发，供各地学习借鉴。"]
    assert r.headlines == ["南川县“一村一品”带动农民增收", "北塘县推进农村人居环境整治"]
    assert r.articles[0].paragraphs[1] == "今年1至5月，全县特色产业带动农户增收2.3亿元，同比增长8.6%。"
    assert r.groups == {"报": ["市领导"], "送": ["乡村振兴领导小组成员单位"], "发": ["各区县政府"]}
    assert r.literal == {"报": ["省农业农村厅"]}   # the other half of 省对口部门 is not named
    kinds = {why for why, _ in r.removed}
    assert {"breadcrumb", "visit counter", "share widget", "copyright", "licence line", "site footer",
            "page tool", "site navigation"} <= kinds
    text = to_markdown(r)
    for furniture in ("当前位置", "浏览次数", "分享到", "版权所有", "ICP", "打印本页", "统计代码", "字体"):
        assert furniture not in text
    assert r.leftovers == [] and r.warnings == []


def test_pdf_extracted_text(context) -> None:
    r = _load(context, "03-pdf-extract.txt")
    assert (r.series, r.number, r.total, r.date) == ("szzw", 12, 14, dt.date(2023, 12, 28))
    assert r.marking == "内部资料 注意保存"
    assert r.headlines == ["全市12345热线年度运行情况", "临溪县推行“一窗通办”"]
    # wrapped lines joined into paragraphs, spaces between characters gone, page numbers removed
    assert r.articles[0].paragraphs == [
        "2023年，全市12345政务服务便民热线共受理群众诉求58.6万件，按时办结率达到98.2%，群众满意率为95.4%。",
        "热线与110、119等应急热线实现双向转接，全年转接紧急事项3260件。"]
    assert r.articles[1].paragraphs[1] == "改革后，群众平均等候时间由25分钟缩短到8分钟。"
    assert [text for why, text in r.removed if why == "page number"] == ["— 2 —", "— 3 —"]
    assert r.groups == {"报": ["市领导"], "送": ["领导小组成员单位"], "发": ["各区县政府", "各区县大数据中心"]}
    assert r.literal == {} and r.copies == 55


def test_traditional_characters(context) -> None:
    r = _load(context, "04-traditional.txt", t2s=True)
    assert (r.series, r.number, r.date) == ("xczx", 2, dt.date(2022, 4, 15))
    assert r.office == "青禾市乡村振兴领导小组办公室"
    assert r.headlines == ["全市春耕备耕工作有序推进", "西岭区打造乡村旅游精品线路"]
    assert "区里将组织开展乡村旅游服务培训" in r.articles[1].paragraphs[1]
    assert r.groups == {"报": ["市领导"], "送": ["乡村振兴领导小组成员单位"], "发": ["各区县政府"]}
    assert r.literal == {"发": ["市供销社"]}
    # without --t2s the series title (鄉村振興…簡報) matches no series: nothing is guessed
    assert _load(context, "04-traditional.txt").series is None


def test_pinyin_glosses_and_toc_cross_check(context) -> None:
    r = _load(context, "05-pinyin-glosses.txt")
    assert (r.series, r.number, r.date) == ("xczx", 9, dt.date(2024, 9, 20))
    assert r.headlines == ["临溪县大力推进职业技能培训", "东湖区莲塘镇建成蔬菜冷链集配中心"]
    assert "开展农民职业技能培训46期" in r.articles[0].paragraphs[0]
    assert "(zh" not in to_markdown(r) and len(r.pinyin) == 8
    assert r.groups == {"报": ["省对口部门", "市领导"], "送": ["乡村振兴领导小组成员单位"],
                        "发": ["各区县政府", "各乡镇人民政府"]}   # a label with 、 in it
    assert r.literal == {}
    # the 目录 names an article the text does not have: reported, not invented
    assert r.toc[2] == "乡村振兴重点项目进展"
    assert any("乡村振兴重点项目进展" in w for w in r.warnings)
    # the credit line could not be placed: kept in a comment and reported
    assert r.leftovers == ["编辑：王小禾校对：李青"]
    assert "<!-- 导入时未能归位的文字" in to_markdown(r) and "编辑：王小禾校对：李青" in to_markdown(r)


@pytest.mark.parametrize("text, value", [("12", 12), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31),
                                         ("二〇二四", 2024), ("一百零五", 105)])
def test_cn_int(text: str, value: int) -> None:
    assert cn_int(text) == value


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(HERE / "import_project", root)
    return root


def test_cli_writes_valid_issues(project: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    monkeypatch.delenv("BULLETIN_PROGRESS", raising=False)
    files = sorted(str(p) for p in LEGACY.iterdir() if "traditional" not in p.name)
    assert cli.main(["import", *files]) == 0
    assert cli.main(["import", "--t2s", str(LEGACY / "04-traditional.txt")]) == 0
    captured = capsys.readouterr()
    assert "import 1/4: 01-clean.txt" in captured.err          # plain progress lines off a terminal
    assert "→ bulletins/szzw/2024/003.md: 第3期（总第17期） 2024-03-05, 3 article(s)" in captured.out
    assert "kept unplaced (in a comment at the end): 编辑：王小禾校对：李青" in captured.out
    written = sorted(p.relative_to(project / "bulletins").as_posix() for p in (project / "bulletins").glob("*/*/*.md"))
    assert written == ["szzw/2023/012.md", "szzw/2024/003.md", "xczx/2022/002.md", "xczx/2024/006.md",
                       "xczx/2024/009.md"]
    loaded = load_project(project)   # every imported file validates, literal recipients included
    issue = next(i for i in loaded.all_issues() if i.rel.endswith("szzw/2024/003.md"))
    fa = next(line for line in issue.distribution.lines if line.role == "发")
    assert fa.names[-1] == "市档案馆"
    assert issue.spec.total == 17 and issue.spec.marking == "内部资料 注意保存"


def test_cli_refuses_to_overwrite_and_reports_unusable_files(project: Path, tmp_path: Path, monkeypatch,
                                                             capsys) -> None:
    monkeypatch.chdir(project)
    assert cli.main(["import", str(LEGACY / "01-clean.txt")]) == 0
    target = project / "bulletins" / "szzw" / "2024" / "003.md"
    target.write_text(target.read_text(encoding="utf-8") + "\n编辑改过。\n", encoding="utf-8")
    before = target.read_bytes()
    junk = tmp_path / "junk.txt"
    junk.write_text("这是一段没有期号也没有日期的文字。\n", encoding="utf-8")
    assert cli.main(["import", str(LEGACY / "01-clean.txt"), str(junk)]) == 1
    err = capsys.readouterr().err
    assert "bulletins/szzw/2024/003.md: already exists; not overwritten" in err
    assert f"{junk}: cannot find the issue number 第N期 or the date" in err
    assert "Traceback" not in err
    assert target.read_bytes() == before
    assert cli.main(["import", "--force", str(LEGACY / "01-clean.txt")]) == 0
    assert target.read_bytes() != before


def test_out_option(project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(project)
    out = tmp_path / "one.md"
    assert cli.main(["import", "--series", "xczx", "--out", str(out), str(LEGACY / "02-web-page.html")]) == 0
    assert out.read_text(encoding="utf-8").startswith("---\nissue: 6\ndate: 2024-06-18\n")


def test_progress_modes(monkeypatch, capsys) -> None:
    import io
    from bulletin.progress import mode, progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("BULLETIN_PROGRESS", raising=False)
    monkeypatch.setenv("CI", "true")
    assert mode(Tty()) == "plain"                 # CI logs get plain lines even on a pseudo-terminal
    monkeypatch.delenv("CI")
    assert mode(Tty()) == "bar" and mode(io.StringIO()) == "plain"
    out = io.StringIO()
    assert list(progress(["a.txt", "b.txt"], "import", stream=out)) == ["a.txt", "b.txt"]
    assert out.getvalue() == "import 1/2: a.txt\nimport 2/2: b.txt\n"
    bar = Tty()
    assert list(progress(range(3), "render", stream=bar)) == [0, 1, 2]
    monkeypatch.setenv("BULLETIN_PROGRESS", "off")
    quiet = io.StringIO()
    assert list(progress([1], "x", stream=quiet)) == [1] and quiet.getvalue() == ""
