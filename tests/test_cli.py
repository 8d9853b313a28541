"""The `briefing` command end to end: exit codes, messages, and what is (not) written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import __version__, render
from pipeline.cli.app import main
from pipeline.errors import RenderError
from tests.conftest import ROOT, SEED_CONTENT, seed_data


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *arguments: str):
    return runner.invoke(main, list(arguments), catch_exceptions=False)


def test_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0 and result.output == f"briefing, version {__version__}\n"


def test_module_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and __version__ in result.stdout


@pytest.mark.parametrize(
    "arguments", [["--help"], ["validate", str(SEED_CONTENT)], ["build", "--help"]]
)
def test_help_and_validate_never_load_the_renderers_libraries(arguments):
    probe = (
        "import sys\nfrom pipeline.cli import main\n"
        f"try:\n    main({arguments!r})\nexcept SystemExit as end:\n    assert not end.code, end.code\n"
        "heavy = sorted(m for m in ('weasyprint', 'docx', 'jinja2') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_validate_good_and_bad(runner, write_content):
    assert invoke(runner, "validate", str(SEED_CONTENT)).output == "1 content file(s) valid.\n"
    data = seed_data()
    data["turns"][2]["answer"] = []
    bad = write_content(data)
    result = invoke(runner, "validate", str(bad))
    assert result.exit_code == 2
    assert (
        f"{bad}:" in result.output
        and "turns[2].answer: List should have at least 1 item" in result.output
    )


@pytest.mark.slow  # renders a PDF
def test_build_writes_every_format_to_lang_slug_paths(runner, tmp_path):
    out = tmp_path / "out"
    result = invoke(runner, "build", str(SEED_CONTENT), "--out", str(out))
    assert result.exit_code == 0, result.output
    slug = SEED_CONTENT.stem
    assert sorted(p.name for p in (out / "en").iterdir()) == [
        f"{slug}.docx",
        f"{slug}.html",
        f"{slug}.pdf",
    ]
    assert "Built 3 of 3 file(s)" in result.output


@pytest.mark.parametrize("command", [pytest.param("pdf", marks=pytest.mark.slow), "docx", "html"])
def test_format_shortcuts_build_one_format(runner, tmp_path, command):
    result = invoke(runner, command, str(SEED_CONTENT), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert [p.suffix for p in (tmp_path / "en").iterdir()] == [f".{command}"]


def test_unknown_format_is_a_usage_error(runner, tmp_path):
    result = invoke(runner, "build", "-f", "pdf,odt", str(SEED_CONTENT), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "choose from pdf, docx, html" in result.output
    assert not any(tmp_path.iterdir())


def test_invalid_content_writes_nothing_and_keeps_earlier_outputs(runner, tmp_path, write_content):
    out = tmp_path / "out"
    good = write_content()
    assert invoke(runner, "build", str(good), "-f", "html", "--out", str(out)).exit_code == 0
    earlier = (out / "en" / f"{good.stem}.html").read_bytes()
    good.write_text(good.read_text().replace(f"title: {seed_data()['title']}", "title: '   '"))
    result = invoke(runner, "build", str(good), "--out", str(out))
    assert result.exit_code == 2
    assert ": title: must not be empty" in result.output and "nothing was written" in result.output
    assert sorted(p.name for p in (out / "en").iterdir()) == [f"{good.stem}.html"]
    assert (out / "en" / f"{good.stem}.html").read_bytes() == earlier


@pytest.mark.slow  # renders a PDF
def test_a_failing_renderer_costs_only_its_own_output(runner, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert invoke(runner, "pdf", str(SEED_CONTENT), "--out", str(out)).exit_code == 0
    pdf_path = out / "en" / f"{SEED_CONTENT.stem}.pdf"
    earlier = pdf_path.read_bytes()

    def fail(prepared):
        raise RenderError("layout exploded")

    monkeypatch.setattr(render.get("pdf"), "paint", fail)
    result = invoke(runner, "build", str(SEED_CONTENT), "--out", str(out))
    assert result.exit_code == 1
    assert f"error: {pdf_path}: layout exploded (from {SEED_CONTENT})" in result.output
    assert pdf_path.read_bytes() == earlier
    assert (out / "en" / f"{SEED_CONTENT.stem}.docx").is_file()
    assert not [p for p in (out / "en").iterdir() if p.name.startswith(".")]


def test_progress_is_shown_for_many_outputs_and_quiet_is_quiet(runner, tmp_path, write_content):
    first = write_content()
    data = seed_data()
    data["slug"] = "second-note"
    second = write_content(data)
    result = invoke(
        runner, "build", "-f", "html,docx", str(first.parent), "--out", str(tmp_path / "out")
    )
    assert result.exit_code == 0
    assert "Rendering" in result.stderr and "Built 4 of 4 file(s)" in result.output
    quiet = invoke(runner, "-q", "build", "-f", "html", str(second), "--out", str(tmp_path / "out"))
    assert quiet.exit_code == 0 and quiet.output == ""


@pytest.mark.slow  # renders a PDF
def test_control_characters_are_removed_with_a_warning_and_the_build_succeeds(
    runner, tmp_path, write_content
):
    import docx

    data = seed_data()
    data["turns"][1]["answer"][3] = data["turns"][1]["answer"][3] + "\x0b\x1f\ufffe"
    path = write_content(data)
    result = invoke(runner, "build", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "turns[1].answer[3]: removed 3 character(s) that documents cannot hold" in result.stderr
    document = docx.Document(str(tmp_path / "out" / "en" / f"{path.stem}.docx"))
    assert any(p.text == seed_data()["turns"][1]["answer"][3].strip() for p in document.paragraphs)


def test_missing_content_folder_is_explained(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "build")
    assert result.exit_code == 2
    assert "no content/ folder here; run from the project root or name the files" in result.output


def test_bad_source_date_epoch_is_a_usage_error(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    result = invoke(runner, "html", str(SEED_CONTENT), "--out", str(tmp_path))
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH must be whole seconds" in result.output


def test_schema_on_disk_matches_the_model(runner, tmp_path):
    assert (
        invoke(
            runner, "schema", "--check", "--out", str(ROOT / "content" / "interview.schema.json")
        ).exit_code
        == 0
    )
    stale = tmp_path / "schema.json"
    stale.write_text("{}")
    result = invoke(runner, "schema", "--check", "--out", str(stale))
    assert result.exit_code == 1 and "is out of date; run 'briefing schema'" in result.output


def test_verbose_and_quiet_together_is_refused(runner):
    result = invoke(runner, "-v", "-q", "validate", str(SEED_CONTENT))
    assert result.exit_code == 2 and "cannot be used together" in result.output


def test_each_output_file_is_listed(runner, tmp_path):
    result = invoke(runner, "html", str(SEED_CONTENT), "--out", str(tmp_path))
    listed = Path(result.output.splitlines()[0].split()[0])
    assert listed == tmp_path / "en" / f"{SEED_CONTENT.stem}.html"


@pytest.mark.slow
def test_parallel_and_serial_builds_give_the_same_bytes(runner, tmp_path):
    for jobs in ("1", "2"):
        result = invoke(
            runner, "build", str(SEED_CONTENT), "-j", jobs, "--out", str(tmp_path / jobs)
        )
        assert result.exit_code == 0, result.output
    serial = {p.name: p.read_bytes() for p in (tmp_path / "1" / "en").iterdir()}
    parallel = {p.name: p.read_bytes() for p in (tmp_path / "2" / "en").iterdir()}
    assert serial == parallel and len(serial) == 3
