"""A numbered menu at the top of a page: `1. Перейти к содержанию`, `2. Перейти к главному
меню`, `3. К другим проектам DW`, as pages that number their skip links and breadcrumbs paste.

Numbered questions ask and numbered lists stand inside answers, after the text has begun;
short numbered lines above any paragraph of prose, none of which asks, are the site's menu
(some of its items may already have gone as chrome), never a first question.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.importer.chrome import Kept
from pipeline.importer.lines import is_prose
from pipeline.importer.report import Report

MAX_ITEM_WORDS = 8
_ITEM = re.compile(r"(?P<number>\d{1,2})[.)]\s+(?P<text>.+)")


def drop_numbered_menu(kept: Kept, report: Report) -> Kept:
    lines = list(kept.lines)
    items, numbers = [], []
    for index, (_number, text) in enumerate(lines):
        if not text:
            continue
        match = _ITEM.fullmatch(text)
        if not match or not _menu_item(match["text"]):
            break  # the menu, if any, ends at the first line that is not one of its items
        items.append(index)
        numbers.append(int(match["number"]))
    if not _a_menu(numbers, [text for _, text in lines[items[-1] + 1 :]] if items else []):
        return kept
    for index in reversed(items):
        number, text = lines.pop(index)
        report.drop(number, f"'{text}' (site chrome: a numbered menu above the text)")
    return replace(kept, lines=lines) if items else kept


def _a_menu(numbers: list[int], rest: list[str]) -> bool:
    """Two or more items numbered one after another, whose numbering the text does not carry
    on: a lone `1. Tell us about ...` without `?`, or one whose `2.` comes later, is the
    first question."""
    if len(numbers) < 2 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return False
    following = re.compile(rf"{numbers[-1] + 1}[.)]\s")
    return not any(following.match(text) for text in rest)


def _menu_item(text: str) -> bool:
    asks = text.rstrip("»”\"' ").endswith(("?", "？"))
    return not asks and not is_prose(text) and len(text.split()) <= MAX_ITEM_WORDS
