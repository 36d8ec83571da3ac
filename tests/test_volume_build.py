"""Bound volumes in the build (issue 14): every public bulletin series-year gets its 合订本 beside its
year archive; a year with internal issues also gets a full volume, in print/ only; volumes go through the
same print jobs as issues (cached, rebuilt only when one of their issues changes)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from bulletin.model.publication import Publication
from bulletin.sources.loader import load_project


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_each_public_bulletin_year_has_its_volume_in_the_site(sample_build):
    publication = Publication(load_project(sample_build))
    expected = {(s.slug, i.year) for s in publication.public_series() if s.kind == "bulletin"
                for i in publication.public_issues(s)}
    found = {(p.parent.parent.name, int(p.parent.name)) for p in (sample_build / "site").glob("*/*/*-volume.pdf")}
    assert found == expected and len(found) >= 4
    for slug, year in expected:
        text = _text(sample_build / "site" / slug / str(year) / f"{slug}-{year}-volume.pdf")
        assert f"{year}年合订本" in text
        for issue in publication.public_issues(publication.project.series[slug]):
            if issue.year == year:
                assert issue.sections[0].title[:8] in re.sub(r"\s+", "", text)


def test_internal_issues_are_in_a_volume_in_print_only(sample_build):
    project = load_project(sample_build)
    publication = Publication(project)
    internal = [i for i in project.all_issues() if not publication.is_public(i) and i.series.kind == "bulletin"]
    assert internal, "the sample has an internal bulletin issue"
    for issue in internal:
        slug, year = issue.series.slug, issue.year
        inside = _text(sample_build / "print" / slug / f"{year}-volume-internal.pdf")
        public = sample_build / "site" / slug / str(year) / f"{slug}-{year}-volume.pdf"
        marker = re.sub(r"\s+", "", issue.sections[0].title)[:10]
        assert marker in re.sub(r"\s+", "", inside)
        if public.exists():
            assert marker not in re.sub(r"\s+", "", _text(public))
    assert not list((sample_build / "site").rglob("*-volume-internal.pdf"))
