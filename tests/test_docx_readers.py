"""Every DOCX, in every locale and with hostile text, opened by LibreOffice and python-docx.

tests/test_formats.py converts the English seed. Here one LibreOffice process converts
the seed's DOCX in every locale and a note whose fields hold every hostile piece of
tests/hostile/strategies.py (control characters, direction marks, joiners, emoji,
combining marks, markup, a word at the length limit); each converts without error and
holds the opening and closing words of every passage, in order. python-docx reopens
each file, and every XML part parses.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from pipeline.engine.plan import build, plan
from pipeline.i18n import ALL_LOCALES
from pipeline.text import MAX_WORD_CHARS
from tests import readers
from tests.conftest import EPOCH, REPO, SEED_CONTENT, seed_data
from tests.hostile.strategies import PIECES

pytestmark = pytest.mark.slow


def _hostile_source(folder: Path) -> Path:
    data = seed_data()
    data["slug"] = "hostile-pieces"
    pieces = [piece for piece in PIECES if len(piece) < 1000]
    data["title"] = "Title " + "".join(pieces[:20])
    data["intro"].append("Intro " + " ".join(pieces))
    data["turns"][0]["question"] = "Question " + "".join(pieces[20:40]) + "?"
    data["turns"][1]["answer"].append("Answer " + " | ".join(pieces))
    # A word at the length limit may only stand alone: with more text beside it, the
    # paragraph's layout cost (long words times length) is over its own limit.
    data["turns"][2]["answer"] += [
        "A word at the length limit follows.",
        "x" * MAX_WORD_CHARS,
        "That was the end of it.",
    ]
    data["brief"]["follow_ups"].append("Follow-up " + "".join(pieces[40:]))
    path = folder / f"{data['slug']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, tuple[object, Path]]:
    """name -> (the interview as rendered, its DOCX)."""
    folder = tmp_path_factory.mktemp("docx-readers")
    hostile = _hostile_source(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        plans = [
            plan([SEED_CONTENT], ["docx"], list(ALL_LOCALES), project=REPO),
            plan([hostile], ["docx"], project=REPO),
        ]
        found = {}
        for the_plan in plans:
            report = build(the_plan, folder / "out")
            assert report.ok, report.failures
            for job, output in zip(the_plan.jobs, report.outputs, strict=True):
                found[f"{job.interview.slug}/{job.locale}"] = (job.interview, output.path)
    return found


@pytest.fixture(scope="module")
def converted(documents, tmp_path_factory) -> dict[str, Path]:
    """Each DOCX converted to PDF by one LibreOffice process."""
    out = tmp_path_factory.mktemp("libreoffice")
    copies = {}
    for name, (_interview, path) in documents.items():
        copy = out / "in" / f"{name.replace('/', '-')}.docx"
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(path.read_bytes())
        copies[name] = copy
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out / "pdf"),
            *map(str, copies.values()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {name: out / "pdf" / copy.with_suffix(".pdf").name for name, copy in copies.items()}


NAMES = [f"{SEED_CONTENT.stem}/{locale}" for locale in ALL_LOCALES] + ["hostile-pieces/en"]


@pytest.mark.parametrize("name", NAMES[:-1])
def test_libreoffice_converts_the_docx_with_every_passage_in_order(documents, converted, name):
    interview, _path = documents[name]
    assert converted[name].is_file(), f"LibreOffice wrote no PDF for {name}"
    text = _without_autospace(readers.normalise(" ".join(readers.pdf_pages(converted[name]))))
    passages = [
        _without_autospace(readers.normalise(p).strip("[] ~"))
        for _, p in readers.expected_sequence(interview)
    ]
    # Opening and closing words: LibreOffice's page breaks may fall inside a passage. A short
    # one (Korean says much in 60 characters) is looked for whole: its two ends would overlap.
    snippets = [
        piece
        for passage in passages
        for piece in ((passage,) if len(passage) <= 60 else (passage[:30], passage[-30:]))
    ]
    assert readers.find_in_order(text, snippets) == []


def _without_autospace(text: str) -> str:
    """LibreOffice 7.4 sets a gap between Hangul and Latin letters or digits (30 주년), which
    the DOCX asks it not to (w:autoSpaceDE/DN) and poppler reads as a space: drop any space
    there, in the text and the passages alike."""
    hangul, latin = "[\uac00-\ud7a3]", "[A-Za-z0-9]"
    return re.sub(f"(?<={hangul}) (?={latin})|(?<={latin}) (?={hangul})", "", text)


def test_libreoffice_converts_the_docx_full_of_hostile_text(converted):
    """Invisible characters and reordered right-to-left text cannot be compared as extracted
    text; the document must convert, with its plain-text landmarks in order and the long word."""
    text = readers.normalise(" ".join(readers.pdf_pages(converted["hostile-pieces/en"])))
    landmarks = ["Title", "Intro", "Question", "Answer", "A word at the length limit", "the end"]
    assert readers.find_in_order(text, landmarks) == []
    assert text.count("x") >= MAX_WORD_CHARS


@pytest.mark.parametrize("name", NAMES)
def test_python_docx_reopens_it_and_every_xml_part_parses(documents, name):
    import docx
    from lxml import etree

    interview, path = documents[name]
    document = docx.Document(str(path))
    questions = [p.text for p in document.paragraphs if p.style.name == "Question"]
    assert len(questions) == len(interview.turns)
    for question, turn in zip(questions, interview.turns, strict=True):
        # A passage left in the source language starts with its language tag ("EN").
        assert readers.normalise(question).endswith(readers.normalise(turn.question))
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        for member in package.namelist():
            if member.endswith((".xml", ".rels")):
                etree.fromstring(package.read(member))
