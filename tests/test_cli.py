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


def test_a_reader_that_stops_early_gets_no_error_line():
    """`briefing templates | head -1`: the pipe is closed before the command writes."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "templates"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 1


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
    (tmp_path / "briefing.toml").touch()
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # the project is found upward, and its folder named
    result = invoke(runner, "build")
    assert result.exit_code == 2
    assert (
        f"no content/ folder in the project {tmp_path.resolve()}; add content/<slug>.yaml "
        "there or name the files"
    ) in result.output


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


# --- One vocabulary: -q/-v anywhere, --locale/--format, one help per option -----------------


def test_quiet_after_the_subcommand_is_quiet_too(runner, tmp_path):
    for arguments in (["-q", "html"], ["html", "-q"]):
        out = tmp_path / "-".join(arguments)
        result = invoke(runner, *arguments, str(SEED_CONTENT), "--out", str(out))
        assert result.exit_code == 0 and result.output == "", arguments
        assert (out / "en" / f"{SEED_CONTENT.stem}.html").is_file()
    assert invoke(runner, "validate", "-q", str(SEED_CONTENT)).output == ""


@pytest.mark.parametrize(
    "arguments",
    [
        ["build", "-q", "-v"],
        ["-q", "build", "-v"],
        ["-v", "build", "--quiet"],
        ["strings", "-q", "status", "-v"],
    ],
)
def test_verbose_and_quiet_are_refused_together_wherever_they_stand(runner, arguments):
    result = invoke(runner, *arguments)
    assert (
        result.exit_code == 2 and "--verbose and --quiet cannot be used together" in result.output
    )


@pytest.mark.parametrize("command", ["build", "pack"])
def test_verbose_after_the_subcommand_shows_a_bugs_traceback(runner, monkeypatch, command):
    def bug(*arguments, **options):
        raise RuntimeError("a bug in the pipeline")

    monkeypatch.setattr("pipeline.cli.options._content_paths", bug)
    monkeypatch.setattr(
        f"pipeline.cli.{'build' if command == 'build' else 'packs'}._content_paths", bug
    )
    plain = invoke(runner, command, str(SEED_CONTENT))
    verbose = invoke(runner, command, "-v", str(SEED_CONTENT))
    for result in (plain, verbose):
        assert result.exit_code == 1
        assert "internal error: RuntimeError: a bug in the pipeline" in result.stderr
    assert "Traceback" not in plain.stderr and "Traceback" in verbose.stderr


@pytest.fixture
def prepared(monkeypatch) -> list[dict]:
    """What `briefing pack` hands to the run, recorded instead of building anything."""
    from pipeline import runs
    from pipeline.errors import UsageError

    calls: list[dict] = []

    def record(content, **options):
        calls.append(options)
        raise UsageError("recorded")

    monkeypatch.setattr(runs, "prepare", record)
    return calls


def test_pack_takes_locale_and_format_like_build(runner, prepared):
    result = invoke(runner, "pack", str(SEED_CONTENT), "-l", "en,ru", "--format", "html,pdf")
    assert result.exit_code == 2 and "recorded" in result.stderr
    assert prepared[-1]["locales"] == "en,ru" and prepared[-1]["formats"] == ["html", "pdf"]
    assert "deprecated" not in result.stderr
    invoke(runner, "pack", str(SEED_CONTENT))
    assert prepared[-1]["locales"] is None and prepared[-1]["formats"] is None  # the settings'


def test_the_plural_spellings_still_work_with_a_one_line_warning(runner, prepared):
    result = invoke(runner, "pack", "--formats", "docx", str(SEED_CONTENT), "--locales", "ky")
    assert prepared[-1]["locales"] == "ky" and prepared[-1]["formats"] == ["docx"]
    warnings = [line for line in result.stderr.splitlines() if "deprecated" in line]
    assert warnings == [
        "warning: --formats is deprecated and goes in the next release; use --format/-f",
        "warning: --locales is deprecated and goes in the next release; use --locale/-l",
    ]
    bad = invoke(runner, "pack", "--formats", "odt", str(SEED_CONTENT))
    assert bad.exit_code == 2 and "choose from pdf, docx, html" in bad.output
    assert len(prepared) == 1  # refused while parsing, before the run was prepared


def test_the_plural_spellings_are_hidden_from_the_help(runner):
    text = invoke(runner, "pack", "--help").output
    assert "-l, --locale LOCALES" in text and "-f, --format FORMATS" in text
    assert "--locales" not in text and "--formats" not in text


def _options_by_command() -> dict[str, dict[str, str]]:
    """Each command's options, by their long spelling, with their help."""
    import click

    from pipeline.cli import main as group

    commands: dict[str, dict[str, str]] = {}

    def visit(command: click.Command, path: str) -> None:
        commands[path] = {
            max(param.opts, key=len): param.help or ""
            for param in command.params
            if isinstance(param, click.Option) and not param.hidden
        }
        for name, sub in getattr(command, "commands", {}).items():
            visit(sub, f"{path} {name}".strip())

    visit(group, "")
    return commands


def test_every_command_takes_quiet_and_verbose():
    for command, options in _options_by_command().items():
        assert {"--quiet", "--verbose"} <= set(options), command or "briefing"


def test_an_option_reads_the_same_wherever_it_appears():
    """Up to its `[default: ...]`, which says where a command's default comes from.

    Three spellings mean another thing in one place: `--out` names a different folder
    for each command, `import --force` replaces a content file, and `strings export`
    writes an exchange file, whose `--format` and one `--locale` are its own."""
    import re

    elsewhere = {("import", "--force"), ("strings export", "--format")}
    elsewhere.add(("strings export", "--locale"))
    seen: dict[str, dict[str, str]] = {}
    for command, options in _options_by_command().items():
        for name, help_text in options.items():
            if name != "--out" and (command, name) not in elsewhere:
                seen.setdefault(name, {})[command] = re.sub(r"\s*\[default: [^]]*\]", "", help_text)
    shared = {name: helps for name, helps in seen.items() if len(helps) > 1}
    assert {"--locale", "--format", "--jobs", "--executor", "--force", "--config"} <= set(shared)
    for name, helps in shared.items():
        assert len(set(helps.values())) == 1, (name, helps)
    assert set(seen["--format"]) == {"build", "pack"}
    assert {"build", "pdf", "docx", "html", "pack"} <= set(seen["--locale"])


# --- Exit statuses, named once in pipeline/errors.py ----------------------------------------


def test_no_exit_status_is_written_as_a_bare_number_outside_errors():
    import re

    hard_coded = re.compile(
        r"exit_code\s*=\s*\d|\.exit\(\s*\d|sys\.exit\(\s*\d|_exit_code\(.*\)\s*==\s*\d"
        r"|^(?:ALREADY_RUNNING|TEMPORARY_FAILURE|OS_FAILURE|EXIT_\w*)\s*=\s*\d"
    )
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "pipeline").rglob("*.py"))
        if path.name != "errors.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hard_coded.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("command", "statuses"),
    [
        (
            "pack",
            "0 done; 1 some outputs or deliveries failed; 2 invalid content, settings or "
            "usage; 3 skipped: another run holds the lock; 75 a delivery failed for now (retry "
            "later).",
        ),
        (
            "deliver",
            "0 done; 1 some outputs or deliveries failed; 2 invalid content, settings "
            "or usage; 3 skipped: another run holds the lock; 75 a delivery failed for now (retry "
            "later).",
        ),
        (
            "build",
            "0 done; 1 a render failed (the other outputs are still written); 2 invalid "
            "content or usage (nothing is written).",
        ),
        ("verify", "0 the pack matches its manifest; 1 it does not."),
    ],
)
def test_each_command_lists_its_exit_statuses(runner, command, statuses):
    from pipeline import errors

    text = " ".join(invoke(runner, command, "--help").output.split())
    assert f"Exit status: {statuses}" in text
    assert (errors.OK, errors.FAILED, errors.INVALID) == (0, 1, 2)
    assert (errors.ALREADY_RUNNING, errors.TEMPORARY_FAILURE) == (3, 75)


# --- One orchestration: build and pack drive the executor the same way ----------------------


def test_build_and_pack_render_through_the_one_executor_driver(runner, tmp_path, monkeypatch):
    from pipeline.engine import rendering

    calls = []
    drive = rendering.render_all

    def recorded(executor_options, formats, outputs, tasks, on_result, progress=None):
        calls.append((executor_options, list(formats), outputs))
        return drive(executor_options, formats, outputs, tasks, on_result, progress)

    monkeypatch.setattr(rendering, "render_all", recorded)
    built = invoke(runner, "html", str(SEED_CONTENT), "-j", "2", "--out", str(tmp_path / "out"))
    packed = invoke(
        runner, "pack", str(SEED_CONTENT), "-l", "en,ru", "-f", "html", "--out", str(tmp_path)
    )
    assert built.exit_code == 0 and packed.exit_code == 0, packed.output
    (build_options, build_formats, build_outputs), (pack_options, pack_formats, pack_outputs) = (
        calls
    )
    assert (build_formats, build_outputs, pack_formats, pack_outputs) == (["html"], 1, ["html"], 2)
    assert build_options.jobs == 2 and build_options.limits is None  # no limits on build
    assert pack_options.limits is not None and pack_options.limits.seconds == 120
    assert pack_options.scheduler is None and build_options.scheduler is None
