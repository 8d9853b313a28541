"""`briefing diff OLD NEW`: exit 0 when the notes are the same, 1 when they differ, 2 on
bad input, like diff; a readable summary or --json. (Two packs: tests/test_changes_pack.py.)"""

from __future__ import annotations

import json

from tests.conftest import ROOT, SEED_CONTENT, seed_data
from tests.pack_support import invoke, write_note


def _diff(*arguments: object):
    return invoke("--project", ROOT, "diff", *arguments)


def _corrected(folder):
    data = seed_data()
    data.pop("slug")
    answer = data["turns"][0]["answer"]
    assert "One of the national goals" in answer[0]
    answer[0] = answer[0].replace("One of the national goals", "One of the main goals")
    return write_note(folder, SEED_CONTENT.stem, **data)


def test_the_same_note_exits_0(tmp_path):
    same = write_note(
        tmp_path, SEED_CONTENT.stem, **{k: v for k, v in seed_data().items() if k != "slug"}
    )
    result = _diff(SEED_CONTENT, same)
    assert result.exit_code == 0, result.output
    assert result.output == f"{SEED_CONTENT.stem} (en): unchanged\n"


def test_a_corrected_answer_exits_1_and_says_what_changed(tmp_path):
    result = _diff(SEED_CONTENT, _corrected(tmp_path))
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{SEED_CONTENT.stem} (en): changed: 1 answer paragraph rewritten"
    assert lines[1].startswith("  rewritten turns[0].answer[0]: ")
    assert "One of the [-national-]{+main+} goals" in lines[1]


def test_json_and_a_locale_of_the_content_file(tmp_path):
    result = _diff(SEED_CONTENT, _corrected(tmp_path), "--json", "--locale", "ru")
    assert result.exit_code == 1
    report = json.loads(result.output)
    (note,) = report["notes"]
    assert report["different"] is True and (note["locale"], note["status"]) == ("ru", "changed")
    # The corrected paragraph lost its Russian translation: the reader now gets the English.
    (change,) = note["passages"]
    assert change["segment"] == "turns[0].answer[0]" and "main goals" in change["new"]


def test_bad_input_exits_2_naming_the_file(tmp_path):
    missing = tmp_path / "missing.yaml"
    result = _diff(SEED_CONTENT, missing)
    assert result.exit_code == 2 and f"{missing}: no such content file or pack" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("slug: [unclosed\n", encoding="utf-8")
    result = _diff(broken, SEED_CONTENT)
    assert result.exit_code == 2 and str(broken) in result.output
    not_a_pack = tmp_path / "folder"
    not_a_pack.mkdir()
    result = _diff(not_a_pack, SEED_CONTENT)
    assert result.exit_code == 2 and f"{not_a_pack}: not a briefing pack" in result.output
    assert "Traceback" not in result.output
