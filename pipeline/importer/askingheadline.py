"""A text pasted without its header, whose first line is already the first question.

The header reader takes the first line that reads like a headline; a long line that asks,
followed by a plain paragraph that states at length, is no headline but the interview's first
question and its answer. It goes back to the body, and the headline is left to fill in.
"""

from __future__ import annotations

from pipeline.importer.header import Header
from pipeline.importer.lines import Paragraph
from pipeline.importer.markers import parse_marker
from pipeline.importer.report import Report

MIN_ASKING_CHARS = 70  # `What next for Astana?` may head a page; a question this long does not
_ASKS = ("?", "？")
_LONG = "the headline is long for one: it may be the standfirst"


def headline_that_asks(header: Header, report: Report) -> Header:
    """Put a first question taken for the headline back at the head of the body."""
    title, body = header.title, header.body
    if not title or not header.explained or not body or not _asks_at_length(title):
        return header
    line, what, _why, text = header.explained[0]
    if what != "headline" or text != title or not _answers(body[0], title):
        return header
    later = body[1:]
    if not any(paragraph.text.rstrip().endswith(_ASKS) for paragraph in later):
        return header  # one asking line over a text: a headline that asks, after all
    header.explained.pop(0)
    header.title = None
    header.body = [Paragraph(text, line), *body]
    header.doubts = [doubt for doubt in header.doubts if doubt != _LONG]
    report.guess(
        line,
        "the first line asks at length and a plain answer follows: taken as the first"
        " question, not the headline (none found)",
    )
    return header


def _asks_at_length(text: str) -> bool:
    return text.rstrip().endswith(_ASKS) and len(text) >= MIN_ASKING_CHARS


def _answers(paragraph: Paragraph, question: str) -> bool:
    """A plain paragraph that states, longer than the question: the answer, not a standfirst
    (a standfirst under a headline does not follow a question)."""
    text = paragraph.text.rstrip()
    marker = parse_marker(text)
    plain = marker is None or marker.kind in ("dash", "answer")
    return plain and not text.endswith(_ASKS) and len(text) > len(question)
