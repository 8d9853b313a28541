"""Paragraphs that hold a question and its answer together, split into one paragraph each.

Pasted pages lose line breaks: `... said. – How do you see it? – It is strong.`,
`Q: How? A: Like this.`, `―Question? 『Answer.』`. Each piece keeps the paragraph's
line, and the split is said in the report, so an editor can check it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from pipeline.importer.lines import Paragraph
from pipeline.importer.markers import parse_marker

# A dash that opens a new speaker: after a sentence's end, before a capital or a quote.
# A page that lost its line breaks may glue the dash to the sentence: `...2015.- Mr. President`.
# A dash then a lower-case word is the author's words after the speech (`...? – интересуется
# Канделаки.`), not the next speaker, whose words start with a capital.
_DIALOGUE_DASH = re.compile(
    r"(?<=[.!?…»”\"])(?:\s+[-–—―]|(?<=[.!?])[-–—―])\s+(?=[«“\"]?(?![a-zа-яёөүң])[^\W\d_])"
)
_LEADING_DASH = re.compile(r"[-–—―]\s+")
_ASKING_PIECE = re.compile(r"[?？][»”\"']?$")
# `A:` after a question's end, in a paragraph that starts with `Q:`.
_INLINE_ANSWER = re.compile(
    r"(?<=[?？.!…»”\"])\s+(?=(?:A|Answer|Ответ|О|Жооп|답|답변)\s*[:.)]\s+\S)"
)
_BRACKET_TURN = re.compile(
    r"[―—]\s*(?P<question>[^―『』「」]+?)\s*[『「](?P<answer>[^』」]+)[』」]"
)


_BRACKET_LABEL = re.compile(r"\[[^\[\]]{1,80}\]")
_TRIANGLE_TURN = re.compile(
    r"(?:^|(?<=\s))(?:-\s+|--\s*)(?P<question>[^▲]+?)\s*▲\s*(?P<answer>[^▲]+?)(?=\s+(?:-\s|--)|\s*$)"
)
MIN_INLINE_TURNS = 2
# A label inside a paragraph: after a sentence's end (or at its start), a name of one to three
# capitalised words or a Korean name, then `:` or `>`; `◎` may stand before it.
_INNER_LABEL = re.compile(
    r"(?:^|(?<=[.!?…\"”»)]))\s*(?P<at>(?:◎\s*)?(?P<label>(?:[A-ZА-ЯЁ][\w.'’-]*\s?){1,3}|[가-힣]{2,4})"
    r"\s*[:>])(?=\s)"
)


@dataclass(frozen=True)
class Piece:
    """A paragraph, or a part of one; `role` is set when the split itself decides it."""

    paragraph: Paragraph
    role: str | None = None
    split: str | None = None  # how it was split, for the report


def split_inline(paragraphs: list[Paragraph]) -> list[Piece]:
    pieces: list[Piece] = []
    for paragraph in _at_inner_labels(_at_recurring_labels(paragraphs)):
        pieces += (
            _bracket_turns(paragraph)
            or _triangle_turns(paragraph)
            or _qa_on_one_line(paragraph)
            or _dialogue(paragraph)
        )
    return pieces


def _at_inner_labels(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """`...weapons[Interview : Lee] "Russia's stance..."`: a bracketed label that starts other
    paragraphs, standing inside one, starts a new one there."""
    labels = {m.group() for p in paragraphs if (m := _BRACKET_LABEL.match(p.text))}
    if not labels:
        return paragraphs
    inner = re.compile(
        "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    )
    split: list[Paragraph] = []
    for paragraph in paragraphs:
        starts = [m.start() for m in inner.finditer(paragraph.text) if m.start() > 0]
        bounds = [0, *starts, len(paragraph.text)]
        split += [
            _at(paragraph, paragraph.text[a:b])
            for a, b in pairwise(bounds)
            if paragraph.text[a:b].strip()
        ]
    return split


def _at_recurring_labels(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """`... IIENetworker: How? President Qayoumi: Like this. IIENetworker: ...`, `◎ 박정호 > ...◎
    윤호중 > ...`: speakers' labels that recur inside one paragraph, after a sentence's end, each
    start a paragraph of their own."""
    split: list[Paragraph] = []
    for paragraph in _at_speaker_bullets(paragraphs):
        found = list(_INNER_LABEL.finditer(paragraph.text))
        counts = Counter(match["label"] for match in found)
        recurring = {label for label, count in counts.items() if count >= MIN_INLINE_TURNS}
        if len(counts) < MIN_INLINE_TURNS or not recurring:
            split.append(paragraph)
            continue
        starts = [m.start("at") for m in found if m["label"] in counts and m.start("at") > 0]
        bounds = [0, *starts, len(paragraph.text)]
        split += [
            _at(paragraph, paragraph.text[a:b])
            for a, b in pairwise(bounds)
            if paragraph.text[a:b].strip()
        ]
    return split


def _at_speaker_bullets(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """`■ 대담 : 윤호중 / 장관◎ 박정호 > ...◎ 윤호중 > ...`: each `◎` opens a speaker's turn."""
    split: list[Paragraph] = []
    for paragraph in paragraphs:
        text = paragraph.text
        if text.count("◎") < MIN_INLINE_TURNS:
            split.append(paragraph)
            continue
        bounds = [0, *[i for i, char in enumerate(text) if char == "◎" and i > 0], len(text)]
        split += [_at(paragraph, text[a:b]) for a, b in pairwise(bounds) if text[a:b].strip()]
    return split


def _at(paragraph: Paragraph, text: str) -> Paragraph:
    return Paragraph(text.strip(), paragraph.line)


def _bracket_turns(paragraph: Paragraph) -> list[Piece]:
    """`―Question? 『Answer.』 ―Next? 『Answer.』`: the brackets hold the answers."""
    matches = list(_BRACKET_TURN.finditer(paragraph.text))
    if not matches:
        return []
    pieces = []
    if head := paragraph.text[: matches[0].start()].strip():
        pieces.append(Piece(_at(paragraph, head)))
    why = "a question after '―' and its answer in 『』 in one paragraph"
    for match in matches:
        pieces.append(Piece(_at(paragraph, match["question"]), "question", why))
        pieces.append(Piece(_at(paragraph, match["answer"]), "answer", why))
    if tail := paragraph.text[matches[-1].end() :].strip():
        pieces.append(Piece(_at(paragraph, tail), "answer", why))
    return pieces


def _triangle_turns(paragraph: Paragraph) -> list[Piece]:
    """`다음은 일문일답. - 언제 만나나. ▲만나게 되기를 기대한다. - ... ▲...`: a dash (or two,
    `--언제 만나나.`) opens each question and a triangle each answer, all in one paragraph."""
    matches = list(_TRIANGLE_TURN.finditer(paragraph.text))
    if len(matches) < MIN_INLINE_TURNS:
        return []
    pieces = []
    if head := paragraph.text[: matches[0].start()].strip():
        pieces.append(Piece(_at(paragraph, head)))
    why = "questions after '-' and answers after '▲' in one paragraph"
    for match in matches:
        pieces.append(Piece(_at(paragraph, match["question"]), "question", why))
        pieces.append(Piece(_at(paragraph, match["answer"]), "answer", why))
    return pieces


def _qa_on_one_line(paragraph: Paragraph) -> list[Piece]:
    marker = parse_marker(paragraph.text)
    if marker is None or marker.kind != "question":
        return []
    parts = _INLINE_ANSWER.split(paragraph.text, maxsplit=1)
    if len(parts) < 2 or (answer := parse_marker(parts[1])) is None or answer.kind != "answer":
        return []
    why = "a Q: label and its A: label in one paragraph"
    return [Piece(_at(paragraph, part), None, why) for part in parts]


def _dialogue(paragraph: Paragraph) -> list[Piece]:
    """`... said. – How do you see it? – It is strong.`: split at dashes around a question."""
    text = paragraph.text
    lead = _LEADING_DASH.match(text)
    parts = _DIALOGUE_DASH.split(text[lead.end() :] if lead else text)
    head, dashed = ("", parts) if lead else (parts[0], parts[1:])
    asking = [i for i, part in enumerate(dashed[:-1]) if _ASKING_PIECE.search(part)]
    if not asking:
        return [Piece(paragraph)]
    why = "a dashed question and its dashed answer in one paragraph"
    pieces = [Piece(_at(paragraph, head), None, why)] if head else []
    pieces += [Piece(_at(paragraph, f"– {part}"), None, why) for part in dashed]
    return [piece for piece in pieces if piece.paragraph.text]
