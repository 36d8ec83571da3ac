"""The office's own fonts (issue 12): a font placed in the project's fonts/ folder under a standard
commercial name serves its role. A free face (LXGW WenKai) renamed 仿宋_GB2312 / FangSong_GB2312 with
fontTools stands in for the licensed file: the build must say the body font comes from fonts/, stop
warning about a substitute for the body, and print the body text with it."""
from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from conftest import FIXTURES, copy_project, run_bulletin

FREE_FONT = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
ENGLISH, CHINESE = 0x409, 0x804          # Windows language ids of the name records
BODY_TEXT = "第一篇正文，含有独特词语蓝鲸计划。"   # tests/fixtures/mini/bulletins/demo/2026/001.md

pytestmark = pytest.mark.skipif(not FREE_FONT.is_file(), reason="needs Debian's fonts-lxgw-wenkai")


def rename_font(source: Path, target: Path, english: str, chinese: str) -> None:
    """Save ``source`` as a font whose family (name IDs 1, 4, 16) and PostScript name (6) are the
    given ones, in English and Chinese records, as the licensed fonts of an office name themselves."""
    from fontTools.ttLib import TTFont
    font = TTFont(str(source))        # tables other than name are copied as they are
    name = font["name"]
    name.names = [r for r in name.names if r.nameID not in (1, 4, 6, 16)]
    for name_id in (1, 4, 16):
        name.setName(english, name_id, 3, 1, ENGLISH)
        name.setName(chinese, name_id, 3, 1, CHINESE)
    name.setName(english, 6, 3, 1, ENGLISH)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    font.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The small project with PDFs on and a 仿宋_GB2312 in its fonts/ folder, built once."""
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("fonts") / "proj")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: false", "pdf: true"), encoding="utf-8")
    rename_font(FREE_FONT, root / "fonts" / "fangsong.ttf", "FangSong_GB2312", "仿宋_GB2312")
    result = run_bulletin(root, "build")
    assert result.returncode == 0, result.stderr
    return root, result


def test_the_renamed_font_reads_as_the_standard_name(tmp_path):
    from bulletin.print.fonts import project_faces
    rename_font(FREE_FONT, tmp_path / "fonts" / "x.ttf", "FangSong_GB2312", "仿宋_GB2312")
    (face,) = project_faces(tmp_path / "fonts")
    assert {"仿宋_GB2312", "FangSong_GB2312"} <= set(face.families)
    assert "LXGW WenKai" not in face.families and face.psname == "FangSong_GB2312"


def test_build_log_names_the_project_font_for_the_body(built):
    root, result = built
    log = (result.stdout + result.stderr).splitlines()
    body = [line for line in log if line.startswith("print font for body text")]
    assert len(body) == 1, body                      # said once, and no warning about a stand-in
    assert "仿宋_GB2312" in body[0] and "(fonts/: " in body[0]
    assert str((root / "fonts" / "fangsong.ttf").resolve()) in body[0]
    # the other roles still say they use free stand-ins (the test project has only the body font)
    assert any(line.startswith("print font for headings") and "stands in for 黑体" in line for line in log)


def test_without_the_folder_the_body_is_a_substitute_with_a_warning(tmp_path, caplog):
    """The same roles without fonts/: the body falls back to a free font, and the log warns."""
    from bulletin.print.fonts import resolve_pattern
    if resolve_pattern("body", "仿宋_GB2312"):
        pytest.skip("this machine has 仿宋_GB2312 installed")
    from bulletin.print import PrintOptions
    from bulletin.print.pipeline import resolve_fonts
    logger = logging.getLogger("test-office-fonts")
    with caplog.at_level(logging.INFO, logger="test-office-fonts"):
        fonts = resolve_fonts(tmp_path, PrintOptions(fonts_dir=tmp_path / "no-fonts", log=logger))
    assert fonts["body"].substitute and fonts["body"].wanted == "仿宋_GB2312"
    assert any(r.levelno == logging.WARNING and "body text" in r.getMessage() and "stands in for 仿宋_GB2312"
               in r.getMessage() for r in caplog.records)


def test_pdf_embeds_the_project_font(built):
    root, _ = built
    out = subprocess.run(["pdffonts", str(root / "site/demo/2026/001.pdf")], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    body = [line.split()[0] for line in out.splitlines()[2:] if "+bulletin-body-" in line]
    assert body and all(n.endswith("+bulletin-body-FangSong_GB2312") for n in body), out   # no other body font


def test_body_text_is_drawn_with_the_project_font(built):
    root, _ = built
    with pdfplumber.open(root / "site/demo/2026/001.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    start = text.find(BODY_TEXT)
    assert start >= 0, "the body paragraph is in the PDF"
    fonts = {c["fontname"].split("+", 1)[-1] for c in chars[start:start + len(BODY_TEXT)]}
    assert fonts == {"bulletin-body-FangSong_GB2312"}, fonts
