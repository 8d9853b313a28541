"""A text that alternates strictly, one plain paragraph then one dashed answer, all the way: there
every plain paragraph is the question of the dashed answer under it, even a statement without
'?' (`그래도 국민은 계속 거리로 나선다.`), and a dashed paragraph that asks is an answer asking back
(`- 국민이 어느 국민인가? ...`), not a question dashed by mistake."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.importer.items import Item

MIN_ALTERNATIONS = 3  # fewer dashed answers prove no habit


def alternates(items: list[Item]) -> bool:
    """Between each two dashed paragraphs stands exactly one plain paragraph, and one stands
    before the first."""
    dashed = [index for index, item in enumerate(items) if item.family == "dash"]
    if len(dashed) < MIN_ALTERNATIONS or dashed[0] == 0 or not _plain(items[dashed[0] - 1]):
        return False
    return all(
        after - before == 2 and _plain(items[before + 1]) for before, after in pairwise(dashed)
    )


def _plain(item: Item) -> bool:
    return item.marker is None and not item.forced
