"""Every word of a printed note stays inside the page's text area, in every locale.

Read back with poppler (`pdftotext -bbox`), as a printer would place it. It caught a row of
the organisations list that ran 0.5 mm into the right margin in Russian (a flex row that
WeasyPrint let overflow); and a name longer than its column must break inside it, not
overlap the description beside it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pipeline.engine import plan as pipeline_build
from tests.conftest import REPO, ROOT, seed_data

pytestmark = pytest.mark.slow

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
SIDE_MARGIN = 18 * MM  # templates/css/page.css.j2
TOLERANCE = 0.5  # points: a glyph's side bearing
DESK_DAY = ROOT / "tests" / "fixtures" / "desk-day" / "content"
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x min, y min, x max, y max, text) of every word poppler finds."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for number, page in enumerate(html.split("<page ")[1:], 1):
        for match in _WORD.finditer(page):
            x0, y0, x1, y1 = map(float, match.groups()[:4])
            found.append((number, x0, y0, x1, y1, match.group(5)))
    return found


def build_pdfs(sources: list[Path], out: Path) -> list[Path]:
    planned = pipeline_build.plan(sources, ["pdf"], ["en", "ru", "ky", "ko"], project=REPO)
    report = pipeline_build.build(planned, out)
    assert report.ok, report.failures
    return [output.path for output in report.outputs]


@pytest.mark.parametrize(
    "source",
    [
        ROOT / "content" / "kabar-korea-ambassador-interview.yaml",
        DESK_DAY / "naryn-water-council-interview.yaml",
        DESK_DAY / "osh-apricot-exporters-interview.yaml",
    ],
    ids=lambda path: path.stem,
)
def test_no_word_runs_into_the_side_margins(source, tmp_path):
    for pdf in build_pdfs([source], tmp_path):
        outside = [
            (page, text, round(x0 / MM, 1), round(x1 / MM, 1))
            for page, x0, _, x1, _, text in words(pdf)
            if x0 < SIDE_MARGIN - TOLERANCE or x1 > PAGE_WIDTH - SIDE_MARGIN + TOLERANCE
        ]
        assert outside == [], f"{pdf.parent.name}/{pdf.name}: words outside the text area (mm)"


def test_a_long_organisation_name_breaks_inside_its_column(write_content, tmp_path):
    data = seed_data()
    long_name = "Kyrgyzaeronavigatsiyaconsultingdirectorate"
    data["brief"]["organisations"][0]["name"] = long_name
    (pdf,) = [
        path for path in build_pdfs([write_content(data)], tmp_path) if path.parent.name == "en"
    ]
    page_one = [word for word in words(pdf) if word[0] == 1]
    pieces = [word for word in page_one if len(word[5]) >= 10 and word[5] in long_name]
    assert len(pieces) >= 2, "the name was not broken"
    description = data["brief"]["organisations"][0]["description"].split()[0]
    beside = next(
        word for word in page_one if word[5] == description and abs(word[2] - pieces[0][2]) < 2
    )
    assert max(piece[3] for piece in pieces) < beside[1], "the name runs under its description"
