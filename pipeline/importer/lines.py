"""A paragraph of the raw text, with the line it starts on: what every importer step reads; and
the form of a line of prose, which ends the page's top (its menus, tools and skip links)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int  # first line in the raw file, for the report


SENTENCE_MARKS = (".", "?", "!", "…")
SENTENCE_ENDS = (*SENTENCE_MARKS, "»", '"', "”")  # a sentence may end in its closing quote
MIN_PROSE_CHARS = 120


def is_prose(line: str) -> bool:
    """A long line that ends a sentence: the article has begun, the page's top is above it."""
    stripped = line.strip()
    return len(stripped) >= MIN_PROSE_CHARS and stripped.endswith(SENTENCE_ENDS)
