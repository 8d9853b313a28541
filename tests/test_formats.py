"""Each built format, read back by the programs its readers use."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests import readers
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

GOLDEN_HTML = ROOT / "tests" / "golden" / "kabar-korea-ambassador-interview.html"


# --- HTML --------------------------------------------------------------------------------


def test_html_matches_golden_file(seed_outputs):
    """Regenerate after an intended change with: UPDATE_GOLDEN=1 make test"""
    built = seed_outputs["html"].read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_HTML.write_text(built, encoding="utf-8")
    assert built == GOLDEN_HTML.read_text(encoding="utf-8")


def test_html_is_semantic_and_self_contained(seed_outputs, seed_interview):
    import lxml.html

    tree = lxml.html.fromstring(seed_outputs["html"].read_bytes())
    assert tree.get("lang") == "en"
    assert len(tree.cssselect("main > article > header h1")) == 1
    assert len(tree.cssselect("section.turn")) == len(seed_interview.turns)
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert not tree.cssselect("script, link, iframe, object, embed")
    external = [
        value
        for element in tree.iter()
        for attribute in ("src", "href")
        if (value := element.get(attribute)) and not value.startswith(("#", "data:"))
    ]
    assert external == []
    assert "@page" in tree.cssselect("style")[0].text  # print rules travel with the file


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_holds_every_passage_in_reading_order(seed_outputs, seed_interview):
    text = readers.pdf_body_text(seed_outputs["pdf"], readers.furniture_patterns(seed_interview))
    passages = [passage for _, passage in readers.expected_sequence(seed_interview)]
    assert readers.find_in_order(text, passages) == []


def test_pdf_page_one_is_the_whole_brief(seed_outputs, seed_interview):
    pages = [readers.normalise(page) for page in readers.pdf_pages(seed_outputs["pdf"])]
    brief = seed_interview.brief
    for item in [
        seed_interview.title,
        brief.purpose,
        *brief.key_points,
        *brief.follow_ups,
        *(organisation.description for organisation in brief.organisations),
        *(figure.label for figure in brief.key_figures),
    ]:
        assert readers.normalise(item) in pages[0], item
    assert "date not given" in pages[0]
    assert pages[1].split(" Briefing note ", 1)[1].startswith("The interview BISHKEK Last year")
    assert pages[0].endswith("For information Page 1 of 4")
    assert pages[2].startswith(f"{seed_interview.short_title} Briefing note")


def test_pdf_never_leaves_a_question_alone_at_the_bottom_of_a_page(seed_outputs, seed_interview):
    pages = [readers.normalise(page) for page in readers.pdf_pages(seed_outputs["pdf"])]

    def page_of(fragment: str) -> int:
        return next(number for number, page in enumerate(pages) if fragment in page)

    for turn in seed_interview.turns:
        question_end = readers.normalise(turn.question)[-40:]
        answer_start = readers.normalise(turn.answer[0])[:40]
        assert page_of(question_end) == page_of(answer_start), turn.topic


def test_pdf_metadata_tags_and_outline(seed_outputs, seed_interview):
    import pypdfium2

    pdf_path = seed_outputs["pdf"]
    info = subprocess.run(
        ["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True
    ).stdout
    assert f"Title:           {seed_interview.title}" in info
    assert "Author:          Nurzhan Kasmalieva" in info
    assert "Subject:         The Republic of Korea's ambassador" in info
    assert "Keywords:        Republic of Korea, Kyrgyzstan" in info
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^JavaScript:\s+no$", info, re.M)
    raw = _uncompressed(pdf_path)
    assert b"/StructTreeRoot" in raw and b"/Lang (en)" in raw and b"/DisplayDocTitle true" in raw
    document = pypdfium2.PdfDocument(str(pdf_path))
    outline = [(item.level, item.get_title()) for item in document.get_toc()]
    document.close()
    expected = [
        (0, seed_interview.title),
        (1, "Summary"),
        (2, "Key points"),
        (2, "Key figures"),
        (2, "Organisations and programmes mentioned"),
        (2, "Follow-ups to watch"),
        (1, "The interview"),
    ]
    expected += [(2, f"Q{n} {turn.topic}") for n, turn in enumerate(seed_interview.turns, start=1)]
    assert outline == expected


def _uncompressed(pdf_path: Path) -> bytes:
    """The PDF's objects as plain text (qpdf's QDF form), so dictionaries can be searched."""
    return subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(pdf_path), "-"],
        capture_output=True,
        check=True,
    ).stdout


def test_pdf_fonts_are_embedded_and_the_house_face(seed_outputs):
    fonts = subprocess.run(
        ["pdffonts", str(seed_outputs["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        name, embedded = line.split()[0], line.split()[-5]
        assert embedded == "yes", line
        assert "Noto-Sans" in name, f"fell back to another face: {line}"


def test_pdf_passes_qpdf_check(seed_outputs):
    result = subprocess.run(
        ["qpdf", "--check", str(seed_outputs["pdf"])], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- DOCX --------------------------------------------------------------------------------


def test_docx_uses_named_styles_only_and_has_every_turn(seed_outputs, seed_interview):
    import docx

    document = docx.Document(str(seed_outputs["docx"]))
    reference = docx.Document(str(ROOT / "templates" / "docx" / "reference.docx"))
    defined = {style.name for style in reference.styles}
    used = {paragraph.style.name for paragraph in document.paragraphs}
    assert used <= defined
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Question", "List Bullet"} <= used
    assert document.tables[0].style.name == "Light List Accent 1"
    assert len(document.tables[0].rows) == 1 + len(seed_interview.brief.key_figures)
    questions = [p.text for p in document.paragraphs if p.style.name == "Question"]
    assert questions == [turn.question for turn in seed_interview.turns]
    assert not any(p.text == "" and p.style.name != "Normal" for p in document.paragraphs)


def test_docx_properties_header_footer_and_language(seed_outputs, seed_interview):
    import docx

    document = docx.Document(str(seed_outputs["docx"]))
    properties = document.core_properties
    assert properties.title == seed_interview.title
    assert properties.author == "Nurzhan Kasmalieva"
    assert properties.subject == seed_interview.brief.purpose
    assert properties.language == "en"
    assert properties.created.isoformat() == "2026-11-27T08:00:00+00:00"
    section = document.sections[0]
    assert section.header.paragraphs[0].text == seed_interview.short_title
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "For information" in footer_xml
    styles_xml = document.styles.element.xml
    assert re.search(r'<w:lang w:val="en" w:eastAsia="en" w:bidi="en"/>', styles_xml)


def test_docx_parts_are_well_formed_xml_with_pinned_times(seed_outputs):
    from lxml import etree

    with zipfile.ZipFile(seed_outputs["docx"]) as package:
        assert package.testzip() is None
        for member in package.infolist():
            assert member.date_time == (2026, 11, 27, 8, 0, 0), member.filename
            if member.filename.endswith((".xml", ".rels")):
                etree.fromstring(package.read(member))


def test_libreoffice_opens_the_docx_with_every_turn(seed_outputs, seed_interview, tmp_path):
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(seed_outputs["docx"]),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / seed_outputs["docx"].with_suffix(".pdf").name
    assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
    text = readers.normalise(" ".join(readers.pdf_pages(converted)))
    passages = [passage for _, passage in readers.expected_sequence(seed_interview)]
    assert readers.find_in_order(text, opening_and_closing_words(passages)) == []


def opening_and_closing_words(passages: list[str], size: int = 30) -> list[str]:
    """Each passage's first and last `size` characters, in order, without overlap.

    LibreOffice may break a passage over pages, with the running header between its
    halves; its ends are still found in order.
    """
    pieces = []
    for passage in map(readers.normalise, passages):
        pieces += [passage[:size], passage[max(size, len(passage) - size) :]]
    return [piece for piece in pieces if piece]


# --- All three ---------------------------------------------------------------------------


def test_formats_carry_the_same_questions_and_answers(seed_outputs, seed_interview):
    expected = readers.expected_sequence(seed_interview)
    assert readers.html_sequence(seed_outputs["html"]) == expected
    assert readers.docx_sequence(seed_outputs["docx"], seed_interview.dateline) == expected
    pdf_text = readers.pdf_body_text(
        seed_outputs["pdf"], readers.furniture_patterns(seed_interview)
    )
    assert readers.find_in_order(pdf_text, [text for _, text in expected]) == []


def test_builds_are_byte_identical_across_processes(tmp_path: Path):
    outputs = []
    for seed in ("1", "2"):
        out_dir = tmp_path / f"run-{seed}"
        environment = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1795766400"}
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "briefing"), "-q", "build", "--out", str(out_dir)],
            cwd=ROOT,
            env=environment,
            check=True,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out_dir.rglob("*.*"))})
    assert sorted(outputs[0]) == sorted(outputs[1])
    assert len(outputs[0]) == 3
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], f"{name} differs between two builds"


def test_portrait_appears_in_all_three_formats(write_content, png_file, tmp_path):
    import docx
    import lxml.html

    from tests.conftest import build_note, seed_data

    data = seed_data()
    data["image"] = {
        "file": "assets/lee-wonjae.png",
        "alt": "Lee Wonjae at the embassy",
        "credit": "Embassy press office",
    }
    path = write_content(data)
    png_file(path.parent / "assets" / "lee-wonjae.png")
    outputs = build_note(path, tmp_path / "out")

    [image] = lxml.html.fromstring(outputs["html"].read_bytes()).cssselect("figure.portrait img")
    assert image.get("alt") == "Lee Wonjae at the embassy" and image.get("src").startswith(
        "data:image/png;base64,"
    )
    listing = subprocess.run(
        ["pdfimages", "-list", str(outputs["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(listing) == 1 and " 120   160 " in listing[0]
    first_page = readers.normalise(readers.pdf_pages(outputs["pdf"])[0])
    assert "Photo: Embassy press office" in first_page
    assert readers.normalise(data["brief"]["follow_ups"][-1]) in first_page  # the brief still fits
    document = docx.Document(str(outputs["docx"]))
    [shape] = document.inline_shapes
    assert shape._inline.docPr.get("descr") == "Lee Wonjae at the embassy"
    assert any(p.text == "Photo: Embassy press office" for p in document.paragraphs)
