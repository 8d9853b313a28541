"""`briefing import` through Click: exit codes, what is written, and what never is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pipeline.cli.app import main
from pipeline.content.loader import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED_RAW = FIXTURES / "seeds" / "kabar-korea-ambassador-interview.txt"
SLUG = SEED_RAW.stem


def run(*args: str):
    return CliRunner().invoke(main, ["import", *map(str, args)])


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "content"


def test_writes_a_content_file_that_loads_and_prints_the_report(out: Path):
    result = run(SEED_RAW, "--out", out)
    assert result.exit_code == 0, result.output
    target = out / f"{SLUG}.yaml"
    assert load(target).interview.brief.is_draft
    assert f"Wrote {target}" in result.stdout
    for line in (
        "headline:",
        "byline:    Nurzhan Kasmalieva",
        "dateline:  BISHKEK",
        "intro:     2",
    ):
        assert line in result.stdout
    assert "turns:     6 (answers dashed)" in result.stdout
    assert "line 16:" in result.stdout and "Search in Site" in result.stdout


def test_quiet_prints_nothing(out: Path):
    result = CliRunner().invoke(main, ["-q", "import", str(SEED_RAW), "--out", str(out)])
    assert result.exit_code == 0 and result.output == ""
    assert (out / f"{SLUG}.yaml").is_file()


def test_dry_run_prints_the_yaml_and_writes_nothing(out: Path):
    result = run(SEED_RAW, "--out", out, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# yaml-language-server: $schema=interview.schema.json\n")
    assert yaml.safe_load(result.stdout)["slug"] == SLUG
    assert "Would write" in result.stderr and "turns:     6" in result.stderr
    assert not out.exists()


def test_never_overwrites_without_force(out: Path):
    assert run(SEED_RAW, "--out", out).exit_code == 0
    target = out / f"{SLUG}.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = run(SEED_RAW, "--out", out)
    assert result.exit_code == 2
    assert "already exists; give --force" in result.stderr
    assert target.read_text(encoding="utf-8").endswith("# edited\n")
    assert run(SEED_RAW, "--out", out, "--force").exit_code == 0
    assert not target.read_text(encoding="utf-8").endswith("# edited\n")


def _edit_brief(target: Path) -> dict:
    """What an editor does to an imported file: a final brief, confirmed figures, topics."""
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    brief = data["brief"]
    brief.update(
        status="final",
        purpose="Korea's ambassador on relations with Kyrgyzstan.",
        key_points=[f"Point {n}." for n in range(1, 5)],
        key_figures=[dict(brief["key_figures"][0], status="confirmed", label="Trade, H1 2022")],
        organisations=[dict(brief["organisations"][0], status="confirmed")],
        follow_ups=["The EDCF loan agreement."],
    )
    data["keywords"] = ["Korea", "Kyrgyzstan"]
    data["turns"][0]["topic"] = "Thirty years"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def test_force_keep_brief_keeps_what_editors_wrote(out: Path):
    assert run(SEED_RAW, "--out", out).exit_code == 0
    target = out / f"{SLUG}.yaml"
    edited = _edit_brief(target)
    result = run(SEED_RAW, "--out", out, "--force", "--keep-brief")
    assert result.exit_code == 0, result.output
    reloaded = load(target).interview
    assert reloaded.brief.model_dump(mode="json") == load_brief(edited)
    assert reloaded.keywords == ["Korea", "Kyrgyzstan"]
    assert reloaded.turns[0].topic == "Thirty years"
    assert "kept brief" in result.stdout


def load_brief(data: dict) -> dict:
    from pipeline.content.model import Brief

    return Brief.model_validate(data["brief"]).model_dump(mode="json")


def test_force_without_keep_brief_starts_the_brief_again(out: Path):
    assert run(SEED_RAW, "--out", out).exit_code == 0
    target = out / f"{SLUG}.yaml"
    _edit_brief(target)
    assert run(SEED_RAW, "--out", out, "--force").exit_code == 0
    assert load(target).interview.brief.is_draft


def test_kept_brief_that_no_longer_matches_the_text_is_refused(out: Path, tmp_path: Path):
    assert run(SEED_RAW, "--out", out).exit_code == 0
    target = out / f"{SLUG}.yaml"
    _edit_brief(target)
    before = target.read_text(encoding="utf-8")
    changed = tmp_path / SEED_RAW.name
    text = SEED_RAW.read_text(encoding="utf-8").replace("USD 63.5 million", "USD 64 million")
    changed.write_text(text, encoding="utf-8")
    result = run(changed, "--out", out, "--force", "--keep-brief")
    assert result.exit_code == 2
    assert "source_sentence: is not found word for word" in result.stderr
    assert target.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03 binary", "binary"),
        (b"Headline\n\nA paragraph.\n\nAnother one.", "no question found"),
        ("Привет, как дела?".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(raw: bytes, message: str, out: Path, tmp_path: Path):
    source = tmp_path / "bad.txt"
    source.write_bytes(raw)
    result = run(source, "--out", out)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_bad_options_exit_2(out: Path):
    assert run(SEED_RAW, "--out", out, "--slug", "Not A Slug").exit_code == 2
    assert run(SEED_RAW, "--out", out, "--lang", "12").exit_code == 2
    assert run(out / "missing.txt", "--out", out).exit_code == 2
    assert not out.exists()


def test_slug_and_lang_options_name_the_file(out: Path):
    result = run(SEED_RAW, "--out", out, "--slug", "korea-envoy", "--lang", "en-GB")
    assert result.exit_code == 0, result.output
    assert load(out / "korea-envoy.yaml").interview.language == "en-GB"


def test_keep_brief_keeps_what_editors_filled_in_for_placeholders(out: Path):
    raw = FIXTURES / "import" / "ru-role-labels" / "raw.txt"
    assert run(raw, "--out", out, "--slug", "posol").exit_code == 0
    target = out / "posol.yaml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["interviewee"]["name"] == "Interviewee (to confirm)"
    data["interviewee"]["name"] = "Ли Вонджэ"
    data["outlet"] = data["source"]["name"] = "Кабар"
    data["short_title"] = "Посол о визах"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run(raw, "--out", out, "--slug", "posol", "--force", "--keep-brief")
    assert result.exit_code == 0, result.output
    note = load(target).interview
    assert (note.interviewee.name, note.interviewee.role) == ("Ли Вонджэ", "Посол")
    assert (note.outlet, note.source.name, note.short_title) == ("Кабар", "Кабар", "Посол о визах")
    assert "interviewee.name" in result.stdout


# Saved pages, Word files, --explain, and unsure turns through validate ---------------------

IMPORT_FIXTURES = FIXTURES / "import"


@pytest.mark.parametrize(
    ("raw", "headline"),
    [
        (
            "en-html-agency-page/raw.html",
            "Solar parks will light up the south, says energy minister",
        ),
        (
            "en-mhtml-agency-page/raw.mhtml",
            "Solar parks will light up the south, says energy minister",
        ),
        (
            "en-docx-bold-questions/raw.docx",
            "Kazakhstan and Kyrgyzstan will share one customs post",
        ),
    ],
)
def test_a_saved_page_or_word_file_imports_like_text(raw: str, headline: str, out: Path):
    result = run(IMPORT_FIXTURES / raw, "--out", out, "--slug", "from-file")
    assert result.exit_code == 0, result.output
    interview = load(out / "from-file.yaml").interview
    assert interview.title.startswith(headline)
    assert len(interview.turns) == 3
    assert f"headline:  {headline}" in result.stdout


def test_a_damaged_word_file_is_refused_with_what_to_do(out: Path, tmp_path: Path):
    raw = tmp_path / "note.docx"
    raw.write_bytes(b"PK\x03\x04 not really a Word file")
    result = run(raw, "--out", out)
    assert result.exit_code == 2
    assert "note.docx" in result.output and "save it again as .docx" in result.output
    assert not out.exists()


def test_explain_prints_each_paragraph_with_its_reason_and_writes_nothing(out: Path):
    raw = IMPORT_FIXTURES / "en-answers-dashed" / "raw.txt"
    result = run(raw, "--out", out, "--explain")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("line    4  headline") for line in lines)
    assert any(
        "question 3" in line and "dash, but it asks after an answer" in line for line in lines
    )
    assert any("unsure: dashed paragraph with a '?' after an answer" in line for line in lines)
    assert any(line.startswith("line    1  dropped") and "share buttons" in line for line in lines)
    assert "Unsure turns (1)" in result.stdout
    assert not out.exists()


def test_unsure_turns_are_written_and_validate_warns_and_strict_fails(out: Path):
    raw = IMPORT_FIXTURES / "en-answers-dashed" / "raw.txt"
    assert run(raw, "--out", out, "--slug", "harvest").exit_code == 0
    target = out / "harvest.yaml"
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["turns"][2]["status"] == "unsure"
    lenient = CliRunner().invoke(main, ["validate", str(target)])
    assert lenient.exit_code == 0, lenient.output
    assert "turns[2] is 'unsure'" in lenient.stderr
    strict = CliRunner().invoke(main, ["validate", "--strict", str(target)])
    assert strict.exit_code == 2
    assert "--strict" in strict.stderr
    confirmed = target.read_text(encoding="utf-8").replace("  status: unsure\n", "")
    target.write_text(confirmed, encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", "--strict", str(target)]).exit_code == 0


def test_a_question_and_its_answer_in_one_paragraph_is_refused_saying_what_was_found(
    out: Path, tmp_path: Path
):
    raw = tmp_path / "glued.txt"
    raw.write_text("Title\n\nHe said so. How do you see it? It is strong.\n", encoding="utf-8")
    result = run(raw, "--out", out)
    assert result.exit_code == 2
    assert "1 paragraph(s) have a question mark" in result.output
    assert "mark questions with Q: and answers with A:" in result.output


def test_keep_brief_keeps_the_turns_an_editor_confirmed(out: Path):
    raw = IMPORT_FIXTURES / "en-answers-dashed" / "raw.txt"
    assert run(raw, "--out", out, "--slug", "harvest").exit_code == 0
    target = out / "harvest.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("  status: unsure\n", ""), encoding="utf-8"
    )
    again = run(raw, "--out", out, "--slug", "harvest", "--force", "--keep-brief")
    assert again.exit_code == 0, again.output
    assert "status: unsure" not in target.read_text(encoding="utf-8")
    fresh = run(raw, "--out", out, "--slug", "harvest", "--force")
    assert fresh.exit_code == 0 and "status: unsure" in target.read_text(encoding="utf-8")
