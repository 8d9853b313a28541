"""Property tests: any Unicode in any text field builds every format, or is refused cleanly.

Hypothesis replaces the text fields of a small note with hostile strings (control
characters, lone surrogates, direction marks, joiners, emoji, 10,000-character
words, markup, YAML syntax). The outcome must be one of two: the note builds, and
each format reads back with the same questions and answers; or the loader refuses
it with a ContentError. Any other exception, or a failed render, is a bug.

Longer runs: see tests/hostile/strategies.py (`make fuzz`).
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given

from pipeline.content import loader as content
from pipeline.engine import plan as build
from pipeline.errors import ContentError
from pipeline.text import forbidden_characters
from tests import readers
from tests.conftest import REPO
from tests.hostile.strategies import hostile_interviews, hostile_settings


def write(data: dict, folder: Path) -> Path:
    path = folder / "content" / f"{data['slug']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    return path


def strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) else []


def expected(interview) -> list[tuple[str, str]]:
    return [(kind, readers.normalise(text)) for kind, text in readers.expected_sequence(interview)]


def build_or_refuse(data: dict, folder: Path, formats: tuple[str, ...]):
    """The built outputs and the loaded interview, or None when the content is refused."""
    path = write(data, folder)
    try:
        interview = content.load(path).interview
    except ContentError as error:
        event(f"refused: {error.problems[0].message[:40]}")  # see --hypothesis-show-statistics
        return None
    event("built")
    # Random code points miss glyphs in every font; the glyph check (which refuses such a PDF
    # with a clear message) is tested elsewhere: here the PDF must be laid out regardless.
    the_plan = build.plan([path], formats, allow_missing_glyphs=True, project=REPO)
    report = build.build(the_plan, folder / "output")
    assert report.ok, report.failures
    outputs = {output.format: output.path for output in report.outputs}
    written = {p for p in folder.rglob("*") if p.is_file()}
    assert written == {path, *outputs.values()}, "wrote outside output/"
    return outputs, interview


@hostile_settings(300)
@given(hostile_interviews())
def test_any_text_loads_xml_safe_or_is_refused(data):
    with tempfile.TemporaryDirectory() as folder:
        try:
            loaded = content.load(write(data, Path(folder)))
        except ContentError as error:
            assert error.problems and all(p.message for p in error.problems)
            return
    for text in strings(loaded.interview.model_dump(mode="json")):
        assert forbidden_characters(text) == [], text
        text.encode("utf-8")  # no lone surrogate survives


@pytest.mark.slow
@hostile_settings(50)
@given(hostile_interviews())
def test_any_text_builds_html_and_docx_or_is_refused(data):
    from lxml import etree

    with tempfile.TemporaryDirectory() as folder:
        built = build_or_refuse(data, Path(folder), ("html", "docx"))
        if built is None:
            return
        outputs, interview = built
        assert readers.html_sequence(outputs["html"]) == expected(interview)
        docx_passages = readers.docx_sequence(outputs["docx"], interview.dateline)
        assert [(k, readers.normalise(t)) for k, t in docx_passages] == expected(interview)
        with zipfile.ZipFile(outputs["docx"]) as package:
            for member in package.namelist():
                if member.endswith((".xml", ".rels")):
                    etree.fromstring(package.read(member))


@pytest.mark.slow
@hostile_settings(15)
@given(hostile_interviews())
def test_any_text_builds_all_three_formats_or_is_refused(data):
    import pypdfium2

    with tempfile.TemporaryDirectory() as folder:
        built = build_or_refuse(data, Path(folder), ("html", "pdf", "docx"))
        if built is None:
            return
        outputs, _interview = built
        document = pypdfium2.PdfDocument(str(outputs["pdf"]))
        try:
            assert len(document) >= 1
        finally:
            document.close()
