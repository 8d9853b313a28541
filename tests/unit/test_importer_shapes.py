"""Each sample interview under tests/fixtures/import/<case>/ is recovered exactly.

`raw.txt` (or `raw.html`, `raw.mhtml`, `raw.docx`) is the file as a desk receives
it; `expected.yaml` holds what the importer must read from it: turn boundaries,
who asks and who answers, the text of every paragraph, which turns are unsure,
and the header fields the case is about. The Word and MHTML samples are built by
scripts/build_import_fixtures.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.content.loader import load
from pipeline.importer.corpus import cases, run, score, summary

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
CASES = [case.name for case in cases(FIXTURES)]
LANGUAGES = ("en", "ru", "ko", "ky")
# The same interview as pasted text, as a saved page or Word file: the content must agree.
SAME_INTERVIEW = [
    ("en-agency-page-chrome", "en-html-agency-page"),
    ("en-agency-page-chrome", "en-mhtml-agency-page"),
    ("ru-agency-page-chrome", "ru-docx-agency-file"),
]
# What a saved page or a Word file may add or change: its own metadata.
PAGE_METADATA = {"byline", "published", "source", "outlet", "interviewer", "brief"}


def test_the_corpus_has_forty_samples_in_four_languages_and_three_kinds():
    assert len(CASES) >= 40
    for name in CASES:
        assert (FIXTURES / name / "expected.yaml").is_file(), name
    for language in LANGUAGES:
        assert sum(name.startswith(f"{language}-") for name in CASES) >= 6, language
    kinds = {path.suffix for name in CASES for path in (FIXTURES / name).glob("raw.*")}
    assert kinds == {".txt", ".html", ".mhtml", ".docx"}


@pytest.mark.parametrize("name", CASES)
def test_recovers_turns_speakers_and_text(name: str):
    expected, result = run(FIXTURES / name)
    assert result.shapes == expected.pop("shapes")
    assert {key: result.data[key] for key in expected} == expected


@pytest.mark.parametrize("name", CASES)
def test_written_file_loads_without_edits(name: str, tmp_path: Path):
    _, result = run(FIXTURES / name)
    path = tmp_path / f"{result.slug}.yaml"
    path.write_text(result.to_yaml(), encoding="utf-8")
    loaded = load(path).interview
    assert [turn.question for turn in loaded.turns] == [
        turn["question"] for turn in result.data["turns"]
    ]
    assert [turn.status == "unsure" for turn in loaded.turns] == [
        turn.get("status") == "unsure" for turn in result.data["turns"]
    ]
    assert loaded.brief.is_draft
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=interview.schema.json\n"
    )


@pytest.mark.parametrize(("pasted", "saved"), SAME_INTERVIEW)
def test_a_saved_page_or_word_file_gives_the_pasted_texts_content(pasted: str, saved: str):
    _, text = run(FIXTURES / pasted)
    _, page = run(FIXTURES / saved)
    differing = {key for key in text.data if text.data[key] != page.data[key]}
    assert differing - {"slug", "short_title", "dateline"} <= PAGE_METADATA
    assert page.data["turns"] == text.data["turns"]
    assert page.data["intro"] == text.data["intro"]
    assert page.data["interviewee"] == text.data["interviewee"]


def test_the_score_is_exact_and_nothing_is_wrong_without_a_flag():
    scores = [score(FIXTURES / name) for name in CASES]
    assert [s.case for s in scores if not s.turns] == []
    assert [s.case for s in scores if not s.right] == []
    assert [s.case for s in scores if s.silently_wrong] == []
    assert "silently wrong: 0" in summary(scores)
