"""Which speakers a label that names their newsroom shows to be journalists (see
`pipeline.importer.mediadesk`), over the whole text."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.importer.items import Item


def answered_journalists(items: list[Item], speaker_of: Callable[[str], str | None]) -> set[str]:
    """Each described journalist whose next label is another speaker's, and that speaker:
    an exchange, so both are believed though each label is seen once."""
    labelled = [item for item in items if item.marker and item.marker.kind == "label"]
    believed: set[str] = set()
    for asking, answering in pairwise(labelled):
        if not (asking.marker and asking.marker.asker and answering.marker):
            continue
        asker = speaker_of(asking.marker.label or "")
        answerer = speaker_of(answering.marker.label or "")
        if asker and answerer and asker != answerer:
            believed |= {asker, answerer}
    return believed


def journalists(items: list[Item], speaker_of: Callable[[str], str | None]) -> dict[str, int]:
    """The speakers a described label shows to be journalists, each with their labelled turns,
    in the order they first speak."""
    named = {
        name
        for item in items
        if item.marker and item.marker.asker
        if (name := speaker_of(item.marker.label or ""))
    }
    turns: dict[str, int] = {}
    for item in items:
        if item.marker and item.marker.kind == "label":
            name = speaker_of(item.marker.label or "")
            if name in named:
                turns[name] = turns.get(name, 0) + 1
    return turns
