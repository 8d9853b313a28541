"""One view of the note, which every format walks.

`pipeline.render.view_builder` turns a localized note into this plain frozen
data: blocks (masthead, brief, figure rows, turns, page furniture) whose content
passages carry their segment id and, where they fell back, the source language;
interface strings already translated. The Jinja templates and the DOCX writer
only lay this view out, so a passage, its order and its language mark cannot
differ between formats; and the view, with no model object in it, is what
crosses to a worker process or a Dask node.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Notice:
    """An interface sentence about a passage, in the note's language (not the passage's)."""

    text: str
    lang: str


@dataclass(frozen=True)
class Passage:
    """One content passage as the reader gets it."""

    text: str
    segment: str
    """Its field path in the content file, the key of its translation: `turns[2].answer[1]`."""
    lang: str | None = None
    """The source language where the passage fell back to it; None: the note's language."""
    tagged: bool = True
    """A fallback shows a visible tag (EN) before it; short fields carry the mark only."""
    pending: Notice | None = None
    """A tagged fallback whose translation predates a change of the source: the reader's
    notice of it ("updated in the original on 27 November 2026; translation pending")."""
    change: str | None = None
    """In a change view: "added", "rewritten" or "removed"; None: as before (or no change view)."""
    edits: tuple[tuple[str, str], ...] = ()
    """In a change view, the passage as its words changed: ("", kept), ("ins", ...), ("del", ...)."""
    was_lang: str | None = None
    """In a change view, the language of its deleted text where that differs from the
    passage's own (a translation replaced by the source it fell back to)."""

    @property
    def fallback(self) -> bool:
        return self.lang is not None

    @property
    def tag(self) -> str:
        """The visible language tag before the passage ("EN"), or ""."""
        return self.lang.upper() if self.lang and self.tagged else ""


Part = str | Passage
Phrase = tuple[Part, ...]
"""An interface sentence with passages in it, in the translation's word order."""


@dataclass(frozen=True)
class KickerItem:
    kind: str
    """What it is, and its HTML class: doc-type, draft, handling, prepared."""
    content: Part


@dataclass(frozen=True)
class SourceRow:
    label: str
    value: Part
    url: str | None = None
    date: str | None = None
    """ISO date of a publication date, for machines (HTML `<time>`)."""


@dataclass(frozen=True)
class Portrait:
    data: bytes
    media_type: str
    alt: Passage
    caption: Phrase


@dataclass(frozen=True)
class Masthead:
    portrait: Portrait | None
    kicker: tuple[KickerItem, ...]
    title: Passage
    subject: Phrase
    translation_status: str | None
    source_rows: tuple[SourceRow, ...]


@dataclass(frozen=True)
class Section(Generic[T]):
    heading: str
    items: tuple[T, ...]


@dataclass(frozen=True)
class FigureRow:
    label: Passage
    suggested: bool
    note: Passage | None
    value: Phrase
    """The number in the reader's locale, with its unit."""
    period: Passage
    stated_by: Passage
    turn: int | None
    """The number of the turn the figure's sentence comes from."""
    turn_label: str | None
    was: Phrase | None = None
    """In a change view, the figure's previous number and unit, where they changed."""


@dataclass(frozen=True)
class Organisation:
    name: Passage
    suggested: bool
    description: Passage


@dataclass(frozen=True)
class Brief:
    heading: str
    purpose_label: str
    purpose: Passage | None
    key_points: Section[Passage]
    figures: Section[FigureRow]
    figure_columns: tuple[str, str, str, str]
    organisations: Section[Organisation]
    follow_ups: Section[Passage]
    suggested_label: str


@dataclass(frozen=True)
class Turn:
    number: int
    label: str
    topic: Part
    """The editors' topic, or the translated "Question N" when there is none."""
    interviewer: Passage
    question: Passage
    interviewee: Passage
    answer: tuple[Passage, ...]


@dataclass(frozen=True)
class Interview:
    heading: str
    dateline: Passage | None
    """Printed before the first intro paragraph (only when there is one)."""
    intro: tuple[Passage, ...]
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Furniture:
    """What every page repeats: running header, document type, handling line, page numbers."""

    running_header: Passage
    document_type: str
    handling: Passage
    page_label: tuple[str, ...]
    """The translated "Page X of Y" as pieces; PAGE and PAGES stand for the live numbers."""


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    """What the note is about: the brief's purpose."""
    comments: str
    """Who was interviewed by whom."""
    keywords: tuple[str, ...]
    category: str
    language: str
    built_at: str
    """ISO 8601, with its offset."""


@dataclass(frozen=True)
class ChangeNotice:
    """The top of a change view, and what its marks say to a screen reader and to Word."""

    heading: str
    """"Changes since 30 November 2026"."""
    summary: str
    legend: str
    inserted: str
    deleted: str
    author: str
    date: str
    """ISO 8601 UTC of the pack: the date of Word's tracked changes."""


@dataclass(frozen=True)
class ChangeMarks:
    """What a change view marks, as pipeline.changes compared it: input of the view builder.

    Plain tuples, so a job carrying it pickles to a worker as any other.
    """

    since: str
    """ISO date of the pack compared with."""
    at: str
    """ISO 8601 UTC time of this pack."""
    summary: str
    passages: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]
    """(segment id, "added" | "rewritten", edits) of each passage the new note has."""
    removed: tuple[tuple[str, str | None, str], ...] = ()
    """(old segment id, id of the new list item it stood before or None, old text)."""
    languages: tuple[tuple[str, str], ...] = ()
    """(segment id, language) of the old text of each rewritten or removed passage."""
    figures: tuple[tuple[int, str, str, bool], ...] = ()
    """(figure's place, old value, old unit, old "about") of each figure whose number changed."""

    def old_language(self, segment: str) -> str | None:
        return next((lang for found, lang in self.languages if found == segment), None)

    def passage(self, segment: str) -> tuple[str | None, tuple[tuple[str, str], ...]]:
        for found, change, edits in self.passages:
            if found == segment:
                return change, edits
        return None, ()


@dataclass(frozen=True)
class NoteView:
    language: str
    source_language: str
    masthead: Masthead
    brief: Brief
    interview: Interview
    furniture: Furniture
    metadata: Metadata
    changes: ChangeNotice | None = None
    """Set in a change view only: what changed since the previous pack, said at the top."""

    def passages(self) -> Iterator[Passage]:
        """Every passage of the body in reading order (page furniture apart)."""
        return walk((self.masthead, self.brief, self.interview))


def walk(node: object) -> Iterator[Passage]:
    """The passages in `node`, in the order of its fields."""
    if isinstance(node, Passage):
        yield node
    elif isinstance(node, tuple):
        for item in node:
            yield from walk(item)
    elif dataclasses.is_dataclass(node):
        for field in dataclasses.fields(node):
            yield from walk(getattr(node, field.name))
