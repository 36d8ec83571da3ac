"""mkdocs.yml problems are one line each, at their line, exit 1, nothing written (issue 8, part 6)."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, copy_project, run_bulletin


# the YAML parser names the line where it stopped (the next item after the open bracket)
@pytest.mark.parametrize("old, new, line, words", [
    ("use_directory_urls: true", "use_directory_urls: maybe", 3, "Config value 'use_directory_urls'"),
    ("  font: false\n", "  font: false\nnav: [\n", 11, "error parsing the configuration file"),
    ("site_url:", "extra_css: 5\nsite_url:", 2, "Config value 'extra_css'"),
])
def test_config_problem_is_one_line_at_its_line(tmp_path, old, new, line, words):
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problem, summary = result.stderr.strip().split("\n")
    assert problem.startswith(f"mkdocs.yml:{line}: ") and words in problem and "; expected" in problem
    assert summary == "1 problem(s); nothing was written"
    assert not (project / "site").exists()


def test_a_configuration_without_the_bulletin_plugin_is_one_line(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    plugins = text.index("plugins:")
    config.write_text(text[:plugins] + "plugins:\n  - search\n", encoding="utf-8")
    line = text[:plugins].count("\n") + 1
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    problem = result.stderr.strip().split("\n")[0]
    assert problem.startswith(f"mkdocs.yml:{line}: ") and "bulletin plugin" in problem
    assert not (project / "site").exists()


@pytest.mark.parametrize("damage, expected", [
    (lambda path: path.unlink(), "overrides/bulletin/toc.html: template missing"),
    (lambda path: path.write_text(path.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8"),
     "overrides/bulletin/toc.html:"),
])
def test_a_missing_or_broken_template_is_one_line(tmp_path, damage, expected):
    project = copy_project(FIXTURES / "mini", tmp_path / "p")
    import shutil
    from conftest import ROOT
    shutil.rmtree(project / "overrides", ignore_errors=True)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../overrides", "overrides"), encoding="utf-8")
    damage(project / "overrides/bulletin/toc.html")
    result = run_bulletin(project, "build", "--no-pdf")
    assert result.returncode == 1 and "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.startswith(expected), result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize("template, anchor, pdf", [
    ("main.html", "{% block content %}", False),              # the theme's page template (MkDocs' Jinja)
    ("print/bulletin.html", "{% block title %}", True),       # a print layout (the preflight's Jinja)
])
def test_a_template_that_fails_to_render_is_one_line_at_its_line(tmp_path, template, anchor, pdf):
    """A name the template does not know is found only when it renders: one line at the template's
    own line, not an internal error."""
    from conftest import ROOT
    project = copy_project(ROOT, tmp_path / "p")       # the sample: bulletins that print
    path = project / "overrides" / template
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + "{{ no_such_helper() }}", 1), encoding="utf-8")
    line = text[:text.index(anchor)].count("\n") + 1
    result = run_bulletin(project, "build", *([] if pdf else ["--no-pdf"]))
    assert result.returncode == 1 and "internal error" not in result.stderr and "Traceback" not in result.stderr
    problem, summary = result.stderr.strip().split("\n")[-2:]
    assert problem.startswith(f"overrides/{template}:{line}: ") and "no_such_helper" in problem and "; expected" in problem
    assert summary == "1 problem(s); nothing was written"
    assert not (project / "site").exists()
