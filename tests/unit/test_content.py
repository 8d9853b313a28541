"""The loader: YAML to model, with every problem located by file, line and field."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pipeline.content import loader as content
from pipeline.errors import ContentError
from tests.conftest import SEED_CONTENT, seed_data

MINIMAL = """\
slug: sample
title: A headline
short_title: Short
language: en
outlet: Agency
published: 2024-05-06
interviewer: Agency
interviewee:
  name: A. Person
  role: Minister
source:
  name: Agency wire
brief:
  purpose: Why this matters.
  key_points: [one, two, three, four]
turns:
  - question: What happened?
    answer:
      - It happened.
      - Then more happened.
"""


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        content.load(path)
    return [str(problem) for problem in caught.value.problems]


def test_seed_loads_with_every_turn():
    interview = content.load(SEED_CONTENT).interview
    assert interview.slug == SEED_CONTENT.stem
    assert len(interview.turns) == 6
    assert [len(turn.answer) for turn in interview.turns] == [2, 4, 3, 2, 1, 1]
    assert interview.published is None


def test_minimal_file_loads(write_content):
    path = write_content(text=MINIMAL, name="sample")
    interview = content.load(path).interview
    assert interview.published.isoformat() == "2024-05-06"
    assert interview.turns[0].answer == ["It happened.", "Then more happened."]


def test_empty_answer_is_named_by_file_line_and_field(write_content):
    text = MINIMAL.replace("      - Then more happened.", '      - "   "')
    path = write_content(text=text, name="sample")
    assert problems_of(path) == [f"{path}:20: turns[0].answer[1]: must not be empty"]


def test_every_problem_is_reported_not_just_the_first(write_content):
    text = (
        MINIMAL.replace("title: A headline", "title: ''")
        .replace("  name: A. Person\n", "")
        .replace("language: en", "language: English")
    )
    path = write_content(text=text, name="sample")
    found = problems_of(path)
    assert f"{path}:2: title: must not be empty" in found
    assert any(p.startswith(f"{path}:4: language: String should match pattern") for p in found)
    assert f"{path}:8: interviewee.name: is required" in found
    assert len(found) == 3


def test_unknown_field_suggests_the_right_name(write_content):
    path = write_content(text=MINIMAL.replace("outlet: Agency", "outlett: Agency"), name="sample")
    found = problems_of(path)
    assert f"{path}:5: outlett: is not a known field; did you mean 'outlet'?" in found
    assert f"{path}:1: outlet: is required" in found


def test_final_brief_needs_four_to_six_key_points(write_content):
    path = write_content(
        text=MINIMAL.replace("[one, two, three, four]", "[one, two]"), name="sample"
    )
    [problem] = problems_of(path)
    assert problem.startswith(
        f"{path}:15: brief.key_points: a final brief needs 4 to 6 key points, got 2"
    )


def test_draft_brief_may_be_incomplete(write_content):
    text = MINIMAL.replace(
        "brief:\n  purpose: Why this matters.\n  key_points: [one, two, three, four]",
        "brief:\n  status: draft",
    )
    interview = content.load(write_content(text=text, name="sample")).interview
    assert interview.brief.is_draft and interview.brief.key_points == []


def test_suggested_items_are_refused_in_a_final_brief(write_content):
    data = seed_data()
    data["brief"]["organisations"][1]["status"] = "suggested"
    path = write_content(data)
    [problem] = problems_of(path)
    assert "brief.organisations: items 1 are still 'suggested'" in problem


def test_slug_must_match_file_name(write_content):
    path = write_content(text=MINIMAL, name="other-name")
    assert problems_of(path) == [
        f"{path}:1: slug: 'sample' does not match the file name 'other-name.yaml'; rename one of them"
    ]


def test_figure_sentence_must_quote_the_interview(write_content):
    data = seed_data()
    data["brief"]["key_figures"][0]["source_sentence"] = "Trade was enormous."
    path = write_content(data)
    [problem] = problems_of(path)
    assert problem.endswith(
        "brief.key_figures[0].source_sentence: is not found word for word in the interview text;"
        " copy the sentence exactly"
    )


def test_aliases_are_refused_before_they_expand(write_content):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    path = write_content(text="\n".join(bomb) + "\n", name="bomb")
    assert problems_of(path) == [
        f"{path}:2: YAML aliases (*name) are not allowed in content; write the value out"
    ]


def test_python_tags_are_refused(write_content):
    path = write_content(text='slug: !!python/object/apply:os.system ["true"]\n', name="x")
    assert problems_of(path) == [
        f"{path}:1: slug: the YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed in content"
    ]
    scalar = write_content(text="slug: !!python/name:os.system x\n", name="y")
    [problem] = problems_of(scalar)
    assert problem.startswith(f"{scalar}:1: not valid YAML: could not determine a constructor")


def test_duplicate_keys_are_refused(write_content):
    path = write_content(
        text=MINIMAL.replace("outlet: Agency", "outlet: Agency\ntitle: Again"), name="sample"
    )
    assert f"{path}:6: title: appears twice; keep one" in problems_of(path)


def test_syntax_error_gives_its_line(write_content):
    path = write_content(
        text=MINIMAL.replace("short_title: Short", "short_title: [unclosed"), name="sample"
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:4: not valid YAML")


def test_not_utf8_names_the_line(write_content, tmp_path):
    path = write_content(text=MINIMAL, name="sample")
    path.write_bytes(MINIMAL.encode("utf-8").replace(b"A headline", b"A h\xe9adline"))
    assert problems_of(path) == [f"{path}:2: not UTF-8 text (byte 0xe9); save the file as UTF-8"]


def test_empty_file(write_content):
    path = write_content(text="  \n", name="empty")
    assert problems_of(path) == [f"{path}: the file is empty; start from content/README.md"]


def test_top_level_must_be_a_mapping(write_content):
    path = write_content(text="- just\n- a list\n", name="listy")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:1: Input should be a valid dictionary")


def test_characters_xml_cannot_hold_are_removed_with_a_warning(write_content, caplog):
    text = MINIMAL.replace("It happened.", '"It\\x00 hap\\x0bpened.\\x1f"')
    path = write_content(text=text, name="sample")
    with caplog.at_level(logging.WARNING, logger="pipeline"):
        interview = content.load(path).interview
    assert interview.turns[0].answer[0] == "It happened."
    assert f"{path}:19: turns[0].answer[0]: removed 3 character(s)" in caplog.text
    assert "U+0000, U+000B, U+001F" in caplog.text


def test_image_must_exist_under_assets(write_content, png_file):
    data = seed_data()
    data["image"] = {"file": "assets/missing.png", "alt": "Portrait", "credit": "Agency"}
    path = write_content(data)
    line = path.read_text().splitlines().index("  file: assets/missing.png") + 1
    assert problems_of(path) == [
        f"{path}:{line}: image.file: no such file: {path.parent}/assets/missing.png"
    ]
    png_file(path.parent / "assets" / "missing.png")
    assert content.load(path).interview.image.alt == "Portrait"


@pytest.mark.parametrize(
    "bad",
    [
        "../secret.png",
        "/etc/passwd.png",
        "assets/../../x.png",
        "file:///etc/x.png",
        "portrait.png",
        "assets/notes.txt",
    ],
)
def test_image_paths_cannot_leave_assets(write_content, bad):
    data = seed_data()
    data["image"] = {"file": bad, "alt": "Portrait", "credit": "Agency"}
    [problem] = problems_of(write_content(data))
    assert ": image.file: " in problem


def test_symlink_out_of_assets_is_refused(write_content, tmp_path, png_file):
    data = seed_data()
    data["image"] = {"file": "assets/link.png", "alt": "Portrait", "credit": "Agency"}
    path = write_content(data)
    outside = png_file(tmp_path / "outside.png")
    (path.parent / "assets").mkdir()
    (path.parent / "assets" / "link.png").symlink_to(outside)
    [problem] = problems_of(path)
    assert problem.endswith("image.file: leads outside assets/")


def test_load_all_reports_problems_of_every_file_and_duplicate_outputs(write_content, tmp_path):
    good = write_content(text=MINIMAL, name="sample")
    twin = tmp_path / "elsewhere" / "sample.yaml"
    twin.parent.mkdir()
    twin.write_text(MINIMAL, encoding="utf-8")
    bad = write_content(text=MINIMAL.replace("slug: sample", "slug: broken"), name="broken")
    bad.write_text(bad.read_text().replace("title: A headline", "title: ''"))
    with pytest.raises(ContentError) as caught:
        content.load_all([good, twin, bad])
    found = [str(p) for p in caught.value.problems]
    assert f"{bad}:2: title: must not be empty" in found
    assert (
        f"{twin}: slug: 'sample' (en) is already used by {good}; both would write the same outputs"
        in found
    )
    assert str(caught.value).startswith("2 problems in content; nothing was written:")


def test_format_field():
    assert content.format_field(("turns", 2, "answer", 0)) == "turns[2].answer[0]"
    assert content.format_field(()) == ""


def test_seed_content_holds_the_seed_text_unchanged_and_in_order():
    """Every paragraph of the agency text is in the content file, verbatim, in order.

    Only turn markers (a leading dash) and site chrome ("Search in Site") are dropped;
    the headline, byline and dateline live in their own fields.
    """
    raw = SEED_CONTENT.parent.parent / "tests" / "fixtures" / "seeds" / f"{SEED_CONTENT.stem}.txt"
    paragraphs = [
        line.strip() for line in raw.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    headline, byline, *body, chrome = paragraphs
    assert chrome == "Search in Site"
    interview = content.load(SEED_CONTENT).interview
    assert headline == interview.title and byline == f"By {interview.byline}"
    assert body[0].startswith(f"{interview.dateline}: ")
    body[0] = body[0].removeprefix(f"{interview.dateline}: ")
    expected = [p.removeprefix("– ") for p in body]
    in_content = [*interview.intro]
    for turn in interview.turns:
        in_content += [turn.question, *turn.answer]
    assert in_content == expected
