"""`briefing import`: a raw interview text, as pasted from a news site, to a content file.

Pure logic: bytes in, an `ImportResult` out (the content data and a report of
every guess, warning and dropped line). Writing the file is `save.py`; the
command line only prints. The steps, in order:

    decode      bytes -> text (UTF-8, UTF-8 with BOM, cp1251), Unicode NFC, line endings
    chrome      drop share buttons, "Read more", photo credits
    paragraphs  lines -> paragraphs (wrapped lines joined)
    header      headline, byline, date, dateline
    turns       markers (dashes, Q:/A:, speaker labels, question marks) -> intro and turns
    people      outlet, interviewer, interviewee
    brief       suggested key figures and organisations
    emit        YAML with folded paragraphs
"""

from __future__ import annotations

from pipeline.importer.core import ImportResult, import_text
from pipeline.importer.report import Note, RawTextError, Report

__all__ = ["ImportResult", "Note", "RawTextError", "Report", "format_report", "import_text"]


def format_report(result: ImportResult) -> list[str]:
    """The short report the command prints: what was found, then what to check."""
    data, report = result.data, result.report
    lines = [
        f"headline:  {data['title']}",
        f"byline:    {data['byline'] or '(none found)'}",
        f"dateline:  {data['dateline'] or '(none found)'}",
        f"published: {data['published'] or '(no date found)'}",
        f"language:  {data['language']}",
        f"encoding:  {result.encoding}",
        f"intro:     {len(data['intro'])} paragraph(s)",
        f"turns:     {len(data['turns'])} ({', '.join(result.shapes)})"
        + (f"; {len(result.unsure)} unsure" if result.unsure else ""),
        f"brief:     draft; {len(data['brief']['key_figures'])} figure(s) and"
        f" {len(data['brief']['organisations'])} organisation(s) suggested",
    ]
    if result.doubts:
        lines += ["Unsure header:", *(f"  {doubt}" for doubt in result.doubts)]
    if result.unsure:
        lines.append(
            f"Unsure turns ({len(result.unsure)}), written 'status: unsure' until an editor checks them:"
        )
        number = {id(turn): index for index, turn in enumerate(result.turns, 1)}
        for turn in result.unsure:
            lines.append(
                f"  line {turn.question.line}: turn {number[id(turn)]}: {'; '.join(turn.doubts)}"
            )
    for title, notes in (
        ("Guesses", report.guesses),
        ("Warnings", report.warnings),
        ("Dropped", report.dropped),
    ):
        if notes:
            ordered = sorted(notes, key=lambda note: note.line or 0)
            lines += [f"{title} ({len(notes)}):", *(f"  {note}" for note in ordered)]
    if report.placeholders:
        lines += ["To fill in:", *(f"  {item}" for item in report.placeholders)]
    return lines
