"""Each sample interview under tests/fixtures/import/<case>/ is recovered exactly.

`raw.txt` is the text as a desk would paste it; `expected.yaml` holds what the
importer must read from it: turn boundaries, who asks and who answers, and the
text of every paragraph, plus the header fields the case is about.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.content.loader import load
from pipeline.importer import import_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
CASES = sorted(path.name for path in FIXTURES.iterdir() if (path / "raw.txt").is_file())


def _case(name: str):
    folder = FIXTURES / name
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    result = import_text((folder / "raw.txt").read_bytes(), name=f"{name}.txt")
    return expected, result


def test_every_case_has_an_expected_structure():
    assert len(CASES) >= 14
    for name in CASES:
        assert (FIXTURES / name / "expected.yaml").is_file(), name


@pytest.mark.parametrize("name", CASES)
def test_recovers_turns_speakers_and_text(name: str):
    expected, result = _case(name)
    assert result.shapes == expected.pop("shapes")
    assert {key: result.data[key] for key in expected} == expected


@pytest.mark.parametrize("name", CASES)
def test_written_file_loads_without_edits(name: str, tmp_path: Path):
    _, result = _case(name)
    path = tmp_path / f"{result.slug}.yaml"
    path.write_text(result.to_yaml(), encoding="utf-8")
    loaded = load(path).interview
    assert [turn.question for turn in loaded.turns] == [
        turn["question"] for turn in result.data["turns"]
    ]
    assert loaded.brief.is_draft
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=interview.schema.json\n"
    )
