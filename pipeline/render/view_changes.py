"""The change marks of a change view, put into the note's view (see pipeline.changes).

A change view is the note's own view with each changed passage carrying its edits,
removed list items put back where they stood (struck through), a changed figure
its previous number, and a notice at the top; every format lays these out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from pipeline.render.view import ChangeMarks, ChangeNotice, Passage

AUTHOR = "briefing"
"""Whom Word and LibreOffice name as the author of the tracked changes."""

_ITEM = re.compile(r"^(.*)\[(\d+)\]$")


def marked(passage: Passage, marks: ChangeMarks | None, lang: str) -> Passage:
    """`passage` with its change and word edits, if it changed (`lang`: the note's)."""
    if marks is None:
        return passage
    change, edits = marks.passage(passage.segment)
    if change is None:
        return passage
    was_lang = marks.old_language(passage.segment)
    shown = passage.lang or lang
    return dataclasses.replace(
        passage, change=change, edits=edits, was_lang=was_lang if was_lang != shown else None
    )


def with_removed(
    parent: str, items: tuple[Passage, ...], marks: ChangeMarks | None, lang: str
) -> tuple[Passage, ...]:
    """The list items of `parent` (`turns[0].answer`), with the removed ones back in place."""
    if marks is None:
        return items
    removed = [entry for entry in marks.removed if _parent(entry[0]) == parent]
    if not removed:
        return items
    result = list(items)
    for segment, before, text in removed:
        place = next(
            (index for index, item in enumerate(result) if item.segment == before), len(result)
        )
        was_lang = marks.old_language(segment)
        removed_passage = Passage(
            text,
            segment,
            change="removed",
            edits=(("del", text),),
            was_lang=was_lang if was_lang and was_lang != lang else None,
        )
        result.insert(place, removed_passage)
    return tuple(result)


def _parent(segment: str) -> str | None:
    match = _ITEM.match(segment)
    return match.group(1) if match else None


def previous_figure(marks: ChangeMarks | None, index: int) -> tuple[str, str, bool] | None:
    """(value, unit, about) the figure at `index` had, where its number changed."""
    if marks is None:
        return None
    return next(
        ((value, unit, about) for place, value, unit, about in marks.figures if place == index),
        None,
    )


def notice(
    marks: ChangeMarks | None, gettext: Callable[..., str], lang: str
) -> ChangeNotice | None:
    """The top of the change view, in the note's language."""
    if marks is None:
        return None
    from pipeline.i18n.formatting import long_date

    since = long_date(dt.date.fromisoformat(marks.since), lang)
    return ChangeNotice(
        heading=gettext("Changes since %(date)s", date=since),
        summary=marks.summary,
        legend=gettext(
            "Inserted text is underlined, deleted text struck through; a bar in the margin "
            "marks each changed passage."
        ),
        inserted=gettext("inserted"),
        deleted=gettext("deleted"),
        author=AUTHOR,
        date=marks.at,
    )
