"""The seed, imported, gives what the desk converted by hand (content/kabar-...yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.content.loader import load
from pipeline.content.model import Interview
from pipeline.content.records import from_model
from pipeline.importer import import_text

ROOT = Path(__file__).resolve().parent.parent.parent
SEED_RAW = ROOT / "tests" / "fixtures" / "seeds" / "kabar-korea-ambassador-interview.txt"
SHARED_RAW = ROOT.parent / "shared" / "seeds" / SEED_RAW.name
HAND_MADE = ROOT / "content" / "kabar-korea-ambassador-interview.yaml"


@pytest.fixture(scope="module")
def imported():
    result = import_text(SEED_RAW.read_bytes(), name=SEED_RAW.name)
    return result, Interview.model_validate(result.data)


@pytest.fixture(scope="module")
def hand_made() -> Interview:
    return load(HAND_MADE).interview


def test_fixture_is_the_shared_seed():
    if not SHARED_RAW.is_file():
        pytest.skip("no shared/ folder beside the repository")
    assert SEED_RAW.read_bytes() == SHARED_RAW.read_bytes()


def test_same_turns_as_the_hand_made_file(imported, hand_made):
    _, interview = imported
    assert len(interview.turns) == 6
    assert [turn.question for turn in interview.turns] == [t.question for t in hand_made.turns]
    for mine, theirs in zip(interview.turns, hand_made.turns, strict=True):
        assert mine.answer == theirs.answer


def test_same_header_and_intro(imported, hand_made):
    result, interview = imported
    assert result.slug == hand_made.slug
    assert interview.title == hand_made.title
    assert (interview.byline, interview.dateline) == (hand_made.byline, hand_made.dateline)
    assert interview.intro == hand_made.intro
    assert interview.published is None
    assert (interview.interviewee.name, interview.outlet) == ("Lee Wonjae", "Kabar Agency")


def test_report_names_the_slip_the_typo_and_the_chrome(imported):
    result, _ = imported
    report = result.report
    assert result.shapes == ["answers dashed"]
    assert any(n.line == 16 and "dashed paragraph" in n.message for n in report.guesses)
    assert any(n.line == 12 and "'aGlobal'" in n.message for n in report.warnings)
    assert [(n.line, n.message) for n in report.dropped] == [
        (50, "'Search in Site' (site chrome: site navigation)")
    ]


def test_brief_is_a_draft_of_quoted_suggestions(imported):
    _, interview = imported
    brief = interview.brief
    assert brief.is_draft and not brief.key_points and not brief.purpose
    figures = {figure.label: figure for figure in brief.key_figures}
    assert figures["USD 63.5 million"].approximate
    assert figures["USD 63.5 million"].period == "the first half of 2022"
    assert figures["USD 370 million"].unit == "million USD"
    assert all(figure.status == "suggested" for figure in brief.key_figures)
    names = [organisation.name for organisation in brief.organisations]
    for expected in ("KT Corporation", "KOPIA Center", "T’way Air", "National Gugak Center"):
        assert expected in names
    assert any("(EDCF)" in name for name in names)


def test_written_file_loads_and_says_where_it_came_from(imported, tmp_path: Path):
    result, _ = imported
    path = tmp_path / f"{result.slug}.yaml"
    path.write_text(result.to_yaml(), encoding="utf-8")
    loaded = load(path).interview
    assert loaded.turns == from_model(Interview.model_validate(result.data)).turns
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=interview.schema.json"
    assert "question: >-" in "\n".join(lines)  # long text as folded paragraphs
    assert max(len(line) for line in lines if not line.startswith("#")) <= 100
