"""One answer whose paragraphs each open with the speaker's label again: `З.Кабулов: Поскольку
такая мутная ситуация, ...` then `З.Кабулов ― К нам, к китайцам, ...`. A speaker labelled twice
in a row did not speak twice: one of the two is a pull quote or a caption the page set between
the turns, so the turn is doubted and the report names the line.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.importer.items import Item


def labelled_again(answer: list[Item]) -> list[str]:
    """The doubt when two paragraphs of `answer` in a row carry the same speaker's label."""
    for before, after in pairwise(answer):
        if _label(before) and _label(before) == _label(after):
            return [
                f"the speaker's label opens line {before.line} and line {after.line} in a row:"
                f" is line {before.line} a pull quote?"
            ]
    return []


def _label(item: Item) -> str | None:
    marker = item.marker
    if marker is None or marker.kind != "label" or not marker.label:
        return None
    return marker.label.rstrip(":").strip().casefold()
