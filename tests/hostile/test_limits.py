"""Resource limits: huge content builds within set memory, or is refused naming the limit.

The builds run as real `briefing build` processes; the peak resident memory of the
largest process (the parent or one of its render workers) is measured. Wall time is
not asserted: it measures the machine, not the pipeline. For reference, on a 2-core
machine (docs/performance.md) the 2,000-turn interview below took 25 to 50 s and 560 MB
(its PDF is 289 pages), the 100,000-character paragraph about 5 s and 85 MB.
"""

from __future__ import annotations

import copy
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from pipeline.content import loader as content
from pipeline.content.loader import MAX_CONTENT_BYTES, MAX_NESTING
from pipeline.errors import ContentError
from pipeline.text import MAX_WORD_CHARS
from tests.conftest import ROOT, seed_data

BRIEFING = ROOT / ".venv" / "bin" / "briefing"
MiB = 2**20


@dataclass(frozen=True)
class Run:
    returncode: int
    stderr: str
    peak_mib: float


def run_briefing(*arguments: str, cwd: Path) -> Run:
    """`briefing` as a separate process, with its peak memory (render workers included),
    in `cwd` made a project of its own (an empty briefing.toml: every setting its default)."""
    (cwd / "briefing.toml").touch()
    process = subprocess.Popen(
        [str(BRIEFING), *arguments],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795766400"},
    )
    stderr = process.stderr.read()
    process.stderr.close()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss (KiB on Linux) of the process and of its waited-for children, whichever is largest.
    return Run(process.returncode, stderr, usage.ru_maxrss / 1024)


def write(folder: Path, data: dict) -> Path:
    path = folder / "content" / f"{data['slug']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def files_under(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*") if path.is_file()}


def build_within(tmp_path: Path, data: dict, mib: float) -> Run:
    """Build `data` in every format: it succeeds, writes exactly its three notes, within `mib`."""
    source = write(tmp_path, data)
    run = run_briefing("-q", "build", str(source), "--out", "output", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    slug = data["slug"]
    assert files_under(tmp_path) == {
        Path("briefing.toml"),  # what makes the folder a project (run_briefing)
        source.relative_to(tmp_path),
        *(Path("output") / "en" / f"{slug}.{ext}" for ext in ("pdf", "docx", "html")),
    }
    assert run.peak_mib < mib, f"peaked at {run.peak_mib:.0f} MiB, limit {mib} MiB"
    return run


@pytest.mark.slow
def test_a_2000_turn_interview_builds_every_format_within_1_gib(tmp_path):
    data = seed_data()
    data["slug"] = "two-thousand-turns"
    data["turns"] += [
        {
            "question": f"Question {number}: what happened next?",
            "answer": [f"Answer {number}. It went on as before, and the talks continued."],
        }
        for number in range(len(data["turns"]) + 1, 2001)
    ]
    assert len(data["turns"]) == 2000
    build_within(tmp_path, data, mib=1024)


@pytest.mark.slow
def test_a_100000_character_paragraph_builds_every_format_within_512_mib(tmp_path):
    data = seed_data()
    data["slug"] = "long-paragraph"
    words = "the ambassador said that cooperation would continue to grow steadily "
    paragraph = (words * (100_000 // len(words) + 1))[:100_000].strip() + "."
    data["turns"][0]["answer"].append(paragraph)
    assert len(paragraph) >= 99_990
    build_within(tmp_path, data, mib=512)


@pytest.mark.parametrize("joiner", ["", "\u00a0", "\u2060"])
def test_a_word_longer_than_the_limit_is_refused_naming_it(write_content, joiner):
    data = seed_data()
    data["turns"][0]["answer"].append(
        "x" + (joiner + "x") * (MAX_WORD_CHARS // max(1, len(joiner) + 1)) + "y" * 10
    )
    with pytest.raises(ContentError) as caught:
        content.load(write_content(data))
    [problem] = caught.value.problems
    assert problem.field == "turns[0].answer[2]"
    assert f"at most {MAX_WORD_CHARS:,} can be laid out" in problem.message


def test_a_100000_character_word_is_refused_by_the_loader_before_any_render(tmp_path):
    data = seed_data()
    data["turns"][0]["answer"].append("x" * 100_000)
    source = write(tmp_path, data)
    run = run_briefing("build", str(source), "--out", "output", cwd=tmp_path)
    assert run.returncode == 2
    assert "turns[0].answer[2]: has a word of 100,000 characters" in run.stderr
    assert "Traceback" not in run.stderr
    # Status 2 is the loader's refusal, before any render (a PDF of it took 265 s).
    assert not (tmp_path / "output").exists()


def test_words_at_the_limit_and_long_texts_in_scripts_without_spaces_load(write_content):
    data = seed_data()
    data["turns"][0]["answer"].append("x" * MAX_WORD_CHARS)
    data["turns"][1]["answer"].append("\u4e2d\u6587" * MAX_WORD_CHARS)  # Chinese breaks anywhere
    data["turns"][2]["answer"].append("\ud55c\uad6d\uc5b4" * MAX_WORD_CHARS)
    interview = content.load(write_content(data)).interview
    assert len(interview.turns[0].answer[-1]) == MAX_WORD_CHARS


def test_nesting_deeper_than_the_limit_is_refused_not_a_recursion_error(tmp_path):
    deep = tmp_path / "content" / "deep.yaml"
    deep.parent.mkdir()
    deep.write_text("slug: " + "[" * 50_000 + "\n", encoding="utf-8")
    run = run_briefing("validate", str(deep), cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert f"deep.yaml:1: nested more than {MAX_NESTING} levels deep" in run.stderr
    assert "Traceback" not in run.stderr and "RecursionError" not in run.stderr


def test_nesting_within_the_limit_reaches_the_model(write_content):
    # The mapping, 18 lists and the scalar: 20 nodes deep.
    text = "slug: " + "[" * (MAX_NESTING - 2) + "x" + "]" * (MAX_NESTING - 2) + "\n"
    with pytest.raises(ContentError) as caught:
        content.load(write_content(text=text, name="x"))
    assert not any("nested" in problem.message for problem in caught.value.problems)


def test_a_file_over_the_size_limit_is_refused_before_parsing(write_content):
    path = write_content(text="slug: x\n", name="x")
    path.write_bytes(b"slug: x\n#" + b"#" * MAX_CONTENT_BYTES)
    with pytest.raises(ContentError) as caught:
        content.load(path)
    [problem] = caught.value.problems
    assert problem.message == f"file is larger than {MAX_CONTENT_BYTES // MiB} MiB"


def test_lone_surrogates_are_removed_with_a_warning_not_refused(write_content, caplog):
    data = copy.deepcopy(seed_data())
    data["turns"][0]["question"] += " \ud800end\udfff"
    with caplog.at_level("WARNING", logger="pipeline"):
        interview = content.load(write_content(data)).interview
    assert interview.turns[0].question.endswith(" end")
    assert "turns[0].question: removed 2 character(s) that documents cannot hold" in caplog.text
    assert "U+D800, U+DFFF" in caplog.text
