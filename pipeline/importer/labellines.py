"""Speakers' labels standing alone on their line (`[Anchor]`, `답:`, `Ведущий:`, a repeated
`А.Венедиктов`, `Q`): each marks the paragraph under it, and one that is not followed by words
stays in the text."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.importer.items import CLOSING_QUOTES, OPENING_QUOTES, Item, without_apostrophes
from pipeline.importer.markers import (
    ANSWER_LABELS,
    LABEL_CLOSERS,
    LABEL_OPENERS,
    QUESTION_LABELS,
    Marker,
    looks_like_name,
    parse_marker,
)
from pipeline.importer.officeline import office_label
from pipeline.importer.report import Report

# A speaker's label standing alone on its line: `[Anchor]`, `【기자】`, `<Lee / Ambassador>`.
_OPEN, _CLOSE = re.escape(LABEL_OPENERS), re.escape(LABEL_CLOSERS)
_LABEL_LINE = re.compile(rf"[{_OPEN}]\s*(?P<label>[^{_CLOSE}\n]{{1,40}}?)\s*[{_CLOSE}]")

_CREDIT = re.compile(r"(?:출연|진행|대담)\s*:")
_INITIAL_NAME = re.compile(r"[A-ZА-ЯЁ]\.\s?[A-ZА-ЯЁ][\w'’-]+")

_LONE_DASH = re.compile(r"[-–—―]{1,2}")

# A short line ending in a colon, with no sentence inside, printed above several paragraphs: a
# speaker's label when it names someone (quotes, an outlet, an office) or asks each time; a
# writer's `For example:` repeated in two answers is no label.
_REPEATED_LABEL = re.compile(r"(?P<label>[^\W\d_][^.!?:\n]{1,58}?)\s*:")
_QUOTE_MARKS = set(OPENING_QUOTES + CLOSING_QUOTES)

# `Лавров (серьезно, вдумчиво):`: a stage direction may stand between the name and the colon.
_BARE_LABEL = re.compile(
    r"(?P<label>[^\W\d_][\w .'’-]{0,40}?)\s*(?P<direction>\([^()]{1,60}\))?\s*[:>]"
)


def attach_label_lines(items: list[Item], report: Report) -> list[Item]:
    """`[Anchor]` alone, then what the anchor said: the label marks the paragraph after it."""
    kept: list[Item] = []
    pending: str | None = None
    previous: Item | None = None
    written = ""
    repeated = Counter(item.text for item in items)
    asking = _asking_lines(items, repeated)
    for item in items:
        seen = repeated[item.text]
        if item.marker is None and (label := _label_alone(item.text, seen, item.text in asking)):
            if pending is not None and previous is not None:
                kept.append(previous)  # `<출연 : ...>` then `[앵커]`: only the last one labels
            pending, written, previous = label, item.text.strip(), item
            if (bare := _BARE_LABEL.fullmatch(item.text)) and bare["direction"]:
                report.drop(item.line, f"'{bare['direction']}' (a stage direction by the label)")
            continue
        if pending and item.marker is None and _LONE_DASH.fullmatch(item.text):
            continue  # `А.Венедиктов`, then `―` on a line of its own, then the words
        dashed = item.marker is not None and item.marker.kind == "dash"
        if pending and (item.marker is None or dashed) and not item.forced:
            # `Ведущий:` on its line, then `- Урожайный год, да?`: the label marks the dashed words.
            text = item.marker.rest if dashed and item.marker else item.text
            marker = parse_marker(f"[{pending}] {text}")
            if marker and marker.kind != "dash":
                item.marker = Marker(marker.kind, text, marker.label, written=written)
                item.text = text
        pending = None
        kept.append(item)
    return kept


def _asking_lines(items: list[Item], repeated: Counter[str]) -> set[str]:
    """Repeated label-like lines that each time stand above a question, and those taking turns
    with them as often (`Our reporter:` / `The guest:`): the asker's label and the answerer's."""
    lines = {
        text
        for text, seen in repeated.items()
        if seen >= 2 and _REPEATED_LABEL.fullmatch(text.strip())
    }
    asking = _followed_by_questions(items) & lines
    order = [item.text for item in items if item.text in lines]
    for line in lines - asking:
        for asker in asking:
            if [text for text in order if text in (asker, line)] == [asker, line] * repeated[line]:
                asking = asking | {line}
                break
    return asking


def _followed_by_questions(items: list[Item]) -> set[str]:
    """The lines that each time stand above a paragraph asking something (a lone dash aside)."""
    asking: dict[str, bool] = {}
    for index, item in enumerate(items):
        after = index + 1
        while after < len(items) and _LONE_DASH.fullmatch(items[after].text):
            after += 1
        asks = after < len(items) and items[after].has_question
        asking[item.text] = asking.get(item.text, True) and asks
    return {text for text, asks in asking.items() if asks}


def _names_a_speaker(label: str, asks: bool) -> bool:
    """A repeated line is a label if it asks each time (or answers what does), or quotes a name
    or gives an office."""
    quotes = _QUOTE_MARKS & set(without_apostrophes(label))
    return asks or bool(quotes) or bool(office_label(label))


def _label_alone(text: str, seen: int, asks: bool = False) -> str | None:
    """`[Anchor]`, `답:`, `Answer:`, `임보라 앵커>`, a repeated `А.Венедиктов`: a speaker's label
    on a line of its own (`asks`: each time, the paragraph under it asks, or answers a line
    that does)."""
    if (match := _LABEL_LINE.fullmatch(text)) and not _CREDIT.match(match["label"]):
        return match["label"]  # `<출연: Name Office>` credits the guest: no speaker's label
    if seen >= 2 and _INITIAL_NAME.fullmatch(text):
        return text
    if seen >= 2 and text.strip().casefold() in QUESTION_LABELS | ANSWER_LABELS:
        return text.strip()  # `Q` alone on its line, again and again, above each question
    repeated = _REPEATED_LABEL.fullmatch(text.strip()) if seen >= 2 else None
    if repeated and _names_a_speaker(repeated["label"], asks):
        return repeated["label"]  # `Correspondent of the "Post":` above each of its questions
    match = _BARE_LABEL.fullmatch(text)
    if match and (
        match["label"].casefold() in QUESTION_LABELS | ANSWER_LABELS
        or looks_like_name(match["label"])
        or office_label(match["label"])
    ):
        return match["label"]
    return None
