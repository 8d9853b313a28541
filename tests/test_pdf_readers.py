"""The PDF notes read by a second engine (PDFium, Chrome's) and by their catalog, in every locale.

tests/test_formats.py reads the English note with poppler (text in reading order, fonts,
qpdf --check) and checks its outline against a written list. Here, for the seed in
every locale: PDFium extracts every passage in reading order, the bookmarks are the
document's own headings, and the catalog makes a viewer show the title (not the file
name) and a screen reader use the right language.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from pipeline.engine.plan import build, plan
from pipeline.i18n import ALL_LOCALES
from tests import readers
from tests.conftest import EPOCH, REPO, SEED_CONTENT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> dict[str, tuple[object, dict[str, Path]]]:
    """Per locale: the interview as rendered (translated), and its PDF and HTML files."""
    out = tmp_path_factory.mktemp("pdf-readers")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        the_plan = plan([SEED_CONTENT], ["pdf", "html"], list(ALL_LOCALES), project=REPO)
        report = build(the_plan, out)
    assert report.ok, report.failures
    files: dict[str, dict[str, Path]] = {}
    for output in report.outputs:
        files.setdefault(output.path.parent.name, {})[output.format] = output.path
    return {job.locale: (job.interview, files[job.locale]) for job in the_plan.jobs}


def pdfium_lines(path: Path) -> str:
    """The text of every page as PDFium extracts it, words hyphenated at a line end rejoined."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    # The printed note hyphenates (U+2010 at a line end); a hyphen in the text is U+002D.
    return re.sub("\u2010\r?\n", "", text)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_pdfium_reads_every_passage_in_reading_order(notes, locale):
    interview, files = notes[locale]
    text = readers.normalise(pdfium_lines(files["pdf"]))
    passages = [readers.normalise(passage) for _, passage in readers.expected_sequence(interview)]
    if locale == "en":
        # The running header and footer removed, every passage must be there whole.
        body = readers.normalise(
            " ".join(
                line
                for line in re.split(r"[\r\n]+", pdfium_lines(files["pdf"]))
                if not any(
                    p.match(readers.normalise(line)) for p in readers.furniture_patterns(interview)
                )
            )
        )
        assert readers.find_in_order(body, passages) == []
    # In every locale: each passage's opening and closing words, in order (a passage that
    # runs over a page break has the running header in its middle). The pseudo-locale's
    # brackets and ~ padding are left out: a run of ~ is found anywhere.
    # A passage of up to 80 characters (Korean says much in that) is looked for whole: its
    # opening and closing words would overlap, and the second is searched after the first.
    cores = [passage.strip("[] ~") for passage in passages]
    snippets = [
        piece
        for core in cores
        for piece in ((core,) if len(core) <= 80 else (core[:40], core[-40:]))
    ]
    assert readers.find_in_order(text, snippets) == []


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_bookmarks_are_the_documents_own_headings(notes, locale):
    import lxml.html
    import pypdfium2

    _interview, files = notes[locale]
    tree = lxml.html.fromstring(files["html"].read_bytes())
    headings = [
        (int(heading.tag[1]) - 1, readers.normalise(heading.text_content()))
        for heading in tree.iter("h1", "h2", "h3", "h4")
    ]
    document = pypdfium2.PdfDocument(str(files["pdf"]))
    try:
        bookmarks = [
            (item.level, readers.normalise(item.get_title())) for item in document.get_toc()
        ]
    finally:
        document.close()
    assert bookmarks == headings
    assert len(bookmarks) > 8


def _catalog(path: Path) -> tuple[dict, dict, dict]:
    """The PDF's catalog, document information and all objects, as qpdf's JSON gives them."""
    objects = json.loads(
        subprocess.run(
            ["qpdf", "--json=2", "--json-key=qpdf", str(path)],
            capture_output=True,
            check=True,
        ).stdout
    )["qpdf"][1]
    trailer = objects["trailer"]["value"]
    return (
        objects[f"obj:{trailer['/Root']}"]["value"],
        objects[f"obj:{trailer['/Info']}"]["value"],
        objects,
    )


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_catalog_shows_the_title_and_declares_language_and_structure(notes, locale):
    interview, files = notes[locale]
    catalog, info, _objects = _catalog(files["pdf"])
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] is True  # title bar: the title
    assert info["/Title"] == f"u:{interview.title}"
    assert catalog["/Lang"] == f"u:{locale}"
    assert catalog["/MarkInfo"]["/Marked"] is True
    assert "/StructTreeRoot" in catalog and "/Outlines" in catalog
    xmp = subprocess.run(
        [
            "qpdf",
            f"--show-object={catalog['/Metadata']}",
            "--filtered-stream-data",
            str(files["pdf"]),
        ],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert _pdfua_part(xmp) == "1"  # identifies itself as PDF/UA-1
    titles = re.findall(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
    assert [readers.normalise(_xml_text(title)) for title in titles] == [interview.title]


def _pdfua_part(xmp: str) -> str | None:
    """The XMP's pdfuaid:part, written as an attribute or as an element."""
    from lxml import etree

    key = "{http://www.aiim.org/pdfua/ns/id/}part"
    for element in etree.fromstring(xmp.encode("utf-8")).iter():
        if key in element.attrib:
            return element.get(key)
        if element.tag == key:
            return element.text
    return None


def _xml_text(fragment: str) -> str:
    from lxml import etree

    return etree.fromstring(f"<x>{fragment}</x>").text or ""
