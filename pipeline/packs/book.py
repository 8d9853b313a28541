"""The pack's briefing books: one PDF per locale of every note in it, and the order of the day.

`[book]` in the settings names the desk, the handling line, and the order of the
items (`pin` first, then `order`, then the rest by file name); the cover, the
contents, the pack index and the digest e-mail all follow that order. A book is
cached like a note: its key is made of the keys of the notes' PDFs in it, in
order, and of these settings, so it is laid out again only when one of them
changes (`packs.assemble` renders it through the executor with the notes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from pipeline.digests import sha256
from pipeline.packs.targets import _Strict

if TYPE_CHECKING:
    from pipeline.render.book import BookJob

FORMAT = "book"


class BookSettings(_Strict):
    """`[book]`: what the cover says, and the order of the day's items."""

    enabled: bool = Field(default=True, description="a book per locale when PDFs are built")
    desk: str | None = Field(default=None, max_length=200, description="the desk's name")
    handling: str | None = Field(
        default=None, max_length=500, description="default: the first item's handling line"
    )
    pin: list[str] = Field(default_factory=list, description="slugs first on the cover")
    order: list[str] = Field(default_factory=list, description="slugs next, in this order")


@dataclass(frozen=True)
class WantedBook:
    """One book the pack should hold, and the key of its render."""

    locale: str
    path: str
    key: str
    sources: tuple[Path, ...]
    """The content files of its notes, in the order of the day."""
    changes: tuple[tuple[str, str, str | None], ...] = ()
    """(slug, status, summary) of each note compared with the previous pack; () if none was."""


def with_changes(book: WantedBook, section: dict | None) -> WantedBook:
    """`book` with the marks its cover shows (new, changed, unchanged and what changed),
    from the pack's `changes` section; they are part of its key, since the same notes
    compared with another day make another cover."""
    if not section:
        return book
    by_slug = {
        note["slug"]: (note["slug"], note["status"], note.get("summary"))
        for note in section["notes"]
        if note["locale"] == book.locale
    }
    marks = tuple(by_slug[source.stem] for source in book.sources if source.stem in by_slug)
    key = sha256(json.dumps([book.key, marks]).encode())
    return dataclasses.replace(book, key=key, changes=marks)


def ordered(sources: Sequence[Path], settings: BookSettings) -> list[Path]:
    """The content files in the order of the day: pinned, then ordered, then by name."""
    rank = {slug: place for place, slug in enumerate([*settings.pin, *settings.order])}
    by_name = sorted(sources, key=lambda path: path.stem)
    return sorted(by_name, key=lambda path: rank.get(path.stem, len(rank)))


def wanted(
    date: dt.date,
    locales: Sequence[str],
    sources: Sequence[Path],
    note_keys: dict[tuple[Path, str], str],
    settings: BookSettings,
) -> list[WantedBook]:
    """A book per locale; `note_keys` maps (source, locale) to the key of its PDF render."""
    from pipeline.render.book import book_name

    if not settings.enabled or not sources:
        return []
    day = ordered(sources, settings)
    books = []
    for locale in locales:
        material = {
            "kind": FORMAT,
            "date": date.isoformat(),
            "locale": locale,
            "notes": [note_keys[(source, locale)] for source in day],
            "settings": settings.model_dump(mode="json"),
        }
        key = sha256(json.dumps(material, sort_keys=True).encode())
        books.append(WantedBook(locale, book_name(date, locale), key, tuple(day)))
    return books


def describe(book: WantedBook, data: bytes) -> dict:
    """What the cache keeps beside a book's bytes, for its line in later manifests."""
    from pipeline.packs import manifest

    return {"locale": book.locale, "pages": manifest.pdf_pages(data)}


def file_entry(book: WantedBook, meta: dict) -> dict:
    """A book's line in the manifest."""
    return {
        "path": book.path,
        "sha256": meta.get("sha256"),
        "size": meta.get("size"),
        "format": FORMAT,
        "locale": book.locale,
        "pages": meta.get("pages"),
        "slugs": [source.stem for source in book.sources],
        "render_key": book.key,
    }


def failure_entry(book: WantedBook, message: str) -> dict:
    return {
        "path": book.path,
        "slug": "",
        "locale": book.locale,
        "format": FORMAT,
        "message": message,
    }


def reuse(store, book: WantedBook) -> tuple[bytes, dict] | None:
    """The cached bytes of `book` and their manifest line, if the entry is whole."""
    from pipeline.packs import schema_check

    entry = store.get(book.key)
    if entry is None:
        return None
    line = file_entry(book, entry.meta)
    if schema_check.schema_problems(line, "#/$defs/book"):
        return None
    return entry.data, line


def job(book: WantedBook, notes: dict, options) -> BookJob:
    """The render job of `book` from the planned notes, `notes[(source, locale)]`, and the
    pack's options (packs.contents.Options)."""
    from pipeline.render.book import BookJob

    return BookJob(
        jobs=tuple(notes[(source, book.locale)] for source in book.sources),
        locale=book.locale,
        date=options.date,
        desk=options.book.desk,
        handling=options.book.handling,
        changes=book.changes,
        project=options.project,
        allow_missing_glyphs=options.allow_missing_glyphs,
    )
