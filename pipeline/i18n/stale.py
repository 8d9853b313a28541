"""Stale translations: a passage translated once, whose source has changed since.

The note never shows such a translation (it shows the source, marked), but the reader
is told that the translation predates the change, and when the source changed.

Where the date comes from, without git: `briefing strings update`, when it finds a
passage's source changed under a translation, keeps the old translation as fuzzy and
writes a translator comment `# Source changed on 2026-11-27; translation pending` with
the day of the update (SOURCE_DATE_EPOCH's day when it is set). A build that runs
before `strings update` finds the old entry by its key (msgctxt) with the old source;
the change then dates from the build's day (SOURCE_DATE_EPOCH's when it is set): the day
it was found. Not the content file's modification time: that is in no render key, so a
`touch` would change a note the cache then serves unchanged, and two checkouts differ.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pipeline import clock

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

STAMP = "Source changed on {date}; translation pending"
_STAMP = re.compile(r"^Source changed on (\d{4}-\d{2}-\d{2}); translation pending$")

Kind = Literal["translated", "stale", "fuzzy", "untranslated"]


@dataclass(frozen=True)
class PassageState:
    kind: Kind
    changed_on: dt.date | None = None
    """For a stale passage: the day its source changed, where the catalog records it."""


def by_key(catalog: Catalog | None) -> dict[str, Message]:
    """The catalog's entries by msgctxt (a content segment's field path)."""
    if catalog is None:
        return {}
    return {message.context: message for message in catalog if message.id and message.context}


def state(
    catalog: Catalog | None, keyed: dict[str, Message], key: str, source: str
) -> PassageState:
    """How the catalog holds the passage `key` whose source text is now `source`."""
    message = catalog.get(source, context=key) if catalog is not None else None
    if message is not None and _filled(message.string):
        if not message.fuzzy:
            return PassageState("translated")
        changed = stamped_date(message)
        return PassageState("stale", changed) if changed else PassageState("fuzzy")
    old = keyed.get(key)
    if message is None and old is not None and _filled(old.string) and old.id != source:
        return PassageState("stale")  # the catalog still has the old source: not updated yet
    return PassageState("untranslated")


def stamped_date(message: Message) -> dt.date | None:
    for comment in message.user_comments:
        if match := _STAMP.match(comment.strip()):
            try:
                return dt.date.fromisoformat(match.group(1))
            except ValueError:
                return None
    return None


def stamp_changes(old: Catalog | None, updated: Catalog, today: dt.date) -> int:
    """Date every entry whose source changed under its translation in this update."""
    before = {key: message.id for key, message in by_key(old).items() if _filled(message.string)}
    count = 0
    for message in updated:
        if not (message.id and message.context and message.fuzzy and _filled(message.string)):
            continue
        if before.get(message.context, message.id) == message.id:
            continue
        message.user_comments = [
            *(c for c in message.user_comments if not _STAMP.match(c.strip())),
            STAMP.format(date=today.isoformat()),
        ]
        count += 1
    return count


def stale_dates(states: Iterable[tuple[str, PassageState]]) -> tuple:
    """(key, date) of every stale passage; an undated one dates from the build's day."""
    found_on = clock.build_time().date()
    return tuple(
        (key, passage.changed_on or found_on) for key, passage in states if passage.kind == "stale"
    )


def _filled(string: object) -> bool:
    return all(string) if isinstance(string, tuple | list) else bool(string)
