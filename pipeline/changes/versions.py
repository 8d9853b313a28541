"""versions.json: the passages each note of a pack was built from, so the next pack compares.

One record per note and locale: every translatable passage by its segment id, with
its source text, the text the reader got and that text's language, and the key
figures' values (numbers are no passages). Deterministic: sorted, fixed
serialisation, no times.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import ContentError, Problem

if TYPE_CHECKING:  # the loader imports the model and YAML
    from pipeline.content.loader import LoadedInterview
    from pipeline.i18n.localization import Localization
    from pipeline.project import Project

FILE = "versions.json"
FORMAT_VERSION = 1
MAX_BYTES = 64 * 2**20


@dataclass(frozen=True)
class PassageVersion:
    id: str
    source: str
    text: str
    lang: str
    """The language of `text`: the note's locale, or the source language it fell back to."""


@dataclass(frozen=True)
class FigureVersion:
    index: int
    label: str
    value: str
    """The number as written in the content (a decimal string: exact, no float)."""
    unit: str
    approximate: bool


@dataclass(frozen=True)
class NoteVersion:
    slug: str
    locale: str
    language: str
    """The interview's own language."""
    passages: tuple[PassageVersion, ...]
    figures: tuple[FigureVersion, ...]

    @property
    def key(self) -> tuple[str, str]:
        return self.slug, self.locale

    def texts(self) -> dict[str, str]:
        return {passage.id: passage.text for passage in self.passages}


def of_note(
    source: LoadedInterview, localized: LoadedInterview, localization: Localization
) -> NoteVersion:
    """The record of one note: `source` as written, `localized` as the reader gets it."""
    from pipeline.i18n.segments import segments

    originals = {segment.id: segment.text for segment in segments(source)}
    passages = tuple(
        PassageVersion(
            segment.id,
            originals.get(segment.id, segment.text),
            segment.text,
            localization.fallback_language(segment.id) or localization.locale,
        )
        for segment in segments(localized)
    )
    figures = tuple(
        FigureVersion(index, figure.label, _decimal(figure.value), figure.unit, figure.approximate)
        for index, figure in enumerate(localized.interview.brief.key_figures)
    )
    note = localized.interview
    return NoteVersion(note.slug, localization.locale, source.interview.language, passages, figures)


def of_sources(
    sources: Iterable[LoadedInterview], locales: Iterable[str] | None, project: Project
) -> list[NoteVersion]:
    """Each interview in each locale (None: its own language), translated as a build does."""
    from pipeline.i18n import catalogs, segments

    records = []
    for source in sources:
        for locale in locales or [source.interview.language]:
            path = catalogs.content_catalog(locale, source.interview.slug, project.locales)
            catalog = catalogs.read(path, locale) if path.is_file() else None
            localized, localization = segments.localize(source, locale, catalog, path)
            records.append(of_note(source, localized, localization))
    return records


def _decimal(value: Decimal | int | float) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def dumps(records: Iterable[NoteVersion]) -> bytes:
    """The one serialisation: notes sorted by slug and locale, sorted keys, final newline."""
    notes = [_note_json(record) for record in sorted(records, key=lambda record: record.key)]
    # One note per line: compact, and still a readable diff between two packs' files.
    lines = [
        json.dumps(note, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        for note in notes
    ]
    return (
        f'{{"format_version":{FORMAT_VERSION},"notes":[\n' + ",\n".join(lines) + "\n]}\n"
    ).encode()


def _note_json(record: NoteVersion) -> dict:
    return {
        "slug": record.slug,
        "locale": record.locale,
        "language": record.language,
        # `text` only where it differs from the source: a note in its own language stays small.
        "passages": [
            {
                "id": passage.id,
                "source": passage.source,
                **({"text": passage.text} if passage.text != passage.source else {}),
                "lang": passage.lang,
            }
            for passage in record.passages
        ],
        "figures": [
            {
                "label": figure.label,
                "value": figure.value,
                "unit": figure.unit,
                "approximate": figure.approximate,
            }
            for figure in record.figures
        ],
    }


def loads(data: bytes, where: Path) -> dict[tuple[str, str], NoteVersion]:
    """The records of a versions.json, by (slug, locale); ContentError names what is wrong."""
    try:
        document = json.loads(data)
        if document.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"format_version is not {FORMAT_VERSION}")
        records = [_note(note) for note in document["notes"]]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ContentError(
            [Problem(where, None, None, f"not a versions record ({_reason(error)})")]
        ) from None
    return {record.key: record for record in records}


def _number(value: object) -> str:
    """A figure's value as recorded: a decimal number in a string (summaries format it)."""
    text = _text(value)
    try:
        if not Decimal(text).is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise ValueError(f"a figure's value {text!r} is not a number") from None
    return text


def _reason(error: Exception) -> str:
    return f"missing field {error}" if isinstance(error, KeyError) else str(error)


def _note(note: Mapping) -> NoteVersion:
    passages = tuple(
        PassageVersion(
            _text(item["id"]),
            _text(item["source"]),
            _text(item.get("text", item["source"])),
            _text(item["lang"]),
        )
        for item in note["passages"]
    )
    figures = tuple(
        FigureVersion(
            index,
            _text(item["label"]),
            _number(item["value"]),
            _text(item["unit"]),
            bool(item["approximate"]),
        )
        for index, item in enumerate(note["figures"])
    )
    return NoteVersion(
        _text(note["slug"]), _text(note["locale"]), _text(note["language"]), passages, figures
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a string")
    return value
