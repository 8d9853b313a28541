"""Saved pages and Word files: what the page says of itself wins, bold questions, clear refusals."""

from __future__ import annotations

import io

import docx
import pytest

from pipeline.importer import RawTextError, import_text

TURNS = [
    ("What grows?", "Exports of meat, honey and fruit grow fast."),
    ("And imports?", "They fall."),
]


def _page(body: str, head: str = "<title>Minister: exports will grow | Kabar</title>") -> bytes:
    return f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>".encode()


def _word(paragraphs: list[list[tuple[str, bool]]]) -> bytes:
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_bold_question_leading_its_answer_in_one_html_paragraph_is_split():
    body = "<h1>Minister: exports will grow</h1><p>The minister spoke to Kabar about exports.</p>"
    body += "".join(f"<p><strong>{q}</strong> {a}</p>" for q, a in TURNS)
    result = import_text(_page(body), name="page.html")
    assert [(t["question"], t["answer"]) for t in result.data["turns"]] == [
        (q, [a]) for q, a in TURNS
    ]
    assert result.shapes == ["questions in bold"]
    assert result.data["title"] == "Minister: exports will grow"  # without "| Kabar"


def test_a_bold_question_leading_its_answer_in_one_word_paragraph_is_split():
    raw = _word(
        [[("Minister: exports will grow", True)], [("The minister spoke to Kabar.", False)]]
        + [[(f"{q} ", True), (a, False)] for q, a in TURNS]
    )
    result = import_text(raw, name="note.docx")
    assert [(t["question"], t["answer"]) for t in result.data["turns"]] == [
        (q, [a]) for q, a in TURNS
    ]


def test_line_breaks_inside_a_word_paragraph_part_a_question_from_its_answer():
    document = docx.Document()
    document.add_paragraph("Minister: exports will grow this year")
    document.add_paragraph("The minister spoke to Kabar.")
    for question, answer in TURNS:
        paragraph = document.add_paragraph()
        paragraph.add_run(question).add_break()
        paragraph.add_run(f"– {answer}")
    out = io.BytesIO()
    document.save(out)
    result = import_text(out.getvalue(), name="note.docx")
    assert [(t["question"], t["answer"]) for t in result.data["turns"]] == [
        (q, [a]) for q, a in TURNS
    ]


def test_bold_that_does_not_ask_is_emphasis_not_a_question_marker():
    body = "<h1>Minister: exports will grow</h1><p>The minister spoke to Kabar.</p>"
    body += "<p><strong>Exports</strong></p><p>What grows?</p><p>Meat.</p><p><strong>Prices</strong></p>"
    body += "<p>And imports?</p><p>They fall.</p>"
    result = import_text(_page(body), name="page.html")
    assert [t["question"] for t in result.data["turns"]] == ["What grows?", "And imports?"]


def test_the_pages_metadata_wins_over_the_text():
    head = (
        '<meta property="og:title" content="Exports will grow, says minister">'
        '<meta property="og:site_name" content="Kabar">'
        '<meta property="article:published_time" content="2025-05-12T09:30:00+06:00">'
        '<meta name="author" content="Aigul Osmonova">'
        '<link rel="canonical" href="https://kabar.example/news/exports">'
    )
    body = "<h1>Exports will grow, says minister</h1><p>The minister spoke to us.</p>"
    body += "".join(f"<p>{q}</p><p>– {a}</p>" for q, a in TURNS)
    data = import_text(_page(body, head), name="page.htm").data
    assert (data["title"], data["outlet"], data["byline"], str(data["published"])) == (
        "Exports will grow, says minister", "Kabar", "Aigul Osmonova", "2025-05-12",
    )  # fmt: skip
    assert data["source"] == {"name": "Kabar", "url": "https://kabar.example/news/exports"}


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (b"<!doctype html><html><head><title>X</title></head><body></body></html>", "page.html",
         "found no article text in the page"),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\n"
         b"Content-Type: image/png\n\nxx\n--x--\n", "page.mhtml", "holds no web page"),
        (b"PK\x03\x04word/ but broken", "note.docx", "cannot be read"),
        (_word([]), "empty.docx", "has no text"),
    ],
)  # fmt: skip
def test_files_that_hold_no_interview_are_refused_with_what_to_do(
    raw: bytes, name: str, message: str
):
    with pytest.raises(RawTextError, match=message) as caught:
        import_text(raw, name=name)
    assert caught.value.exit_code == 2
