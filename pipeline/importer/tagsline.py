"""A page's tags pasted with the text: `Тэги: Киргизия` and then the tag's link again on its own
line (`Киргизия`), above the first question, where it reads as the turn's topic.

The tags line is chrome, and so is a line right after it that only repeats one of its tags.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.importer.lines import Paragraph
    from pipeline.importer.report import Report

MAX_TAGS_PARAGRAPH = 12  # the tags stand in the header, above the text
MAX_REPEAT_DISTANCE = 3
MIN_LISTED = 5  # `Politics, Economy, China, EU, USA`: a headline names two or three things
MAX_LISTED_WORDS = 5  # `In Belt and Road Initiative`
_TAGS = re.compile(r"(?:Тэги|Теги|Метки|Tags|Тегтер|태그)\s*:\s*(?P<tags>.{2,200})", re.IGNORECASE)


def drop_tags(rest: list[Paragraph], report: Report) -> None:
    _drop_tag_lists(rest, report)
    for index, paragraph in enumerate(rest[:MAX_TAGS_PARAGRAPH]):
        if not (match := _TAGS.fullmatch(paragraph.text.strip())):
            continue
        tags = {tag.strip(" .#").casefold() for tag in re.split(r"[,;|#]", match["tags"])}
        repeats = [
            later
            for later in rest[index + 1 : index + 1 + MAX_REPEAT_DISTANCE]
            if later.text.strip(" .#").casefold() in tags
        ]
        for dropped in [paragraph, *repeats]:
            report.drop(dropped.line, f"'{dropped.text[:60]}' (the page's tags)")
            rest.remove(dropped)
        return


def _drop_tag_lists(rest: list[Paragraph], report: Report) -> None:
    """`In Belt and Road, BRICS, China, EU, Foreign Policy, USA`: a line that only lists five
    short names or more, with no sentence, is the page's tags or sections, not its headline."""
    for paragraph in list(rest[:MAX_TAGS_PARAGRAPH]):
        if _lists_only(paragraph.text.strip()):
            report.drop(paragraph.line, f"'{paragraph.text[:60]}' (a list of the page's tags)")
            rest.remove(paragraph)


def _lists_only(text: str) -> bool:
    parts = [part.strip() for part in text.split(",")]
    return (
        len(parts) >= MIN_LISTED
        and not text.endswith((".", "!", "?", ":", "…"))
        and all(0 < len(part.split()) <= MAX_LISTED_WORDS for part in parts)
    )
