"""Translation memory: a desk never translates the same sentence twice.

`briefing strings update` fills the empty entries of an interview's catalog from
the translated passages of the other interviews' catalogs in the same locale:

- the same source text, word for word: the translation is taken as it is (not
  fuzzy): the sentence was translated and checked once already;
- a source text at least `NEAR_MATCH` alike (difflib's ratio, 0 to 1, over the
  characters): the translation is taken as fuzzy, with the other interview's source
  in the entry's `#| msgid` comment, so a PO editor shows the translator what
  differs. 0.85 keeps a changed number, name or clause and drops a different
  sentence on the same subject: among the seed's own passages, two different
  sentences score at most 0.78 (the two that open "Last year, the Republic of
  Korea and ..." and "Last year Kyrgyzstan and ..."), while a paragraph with one
  word changed scores 0.99.

Only translations that are complete and not fuzzy are remembered, and an entry the
catalog already fills (even a fuzzy one) is left alone.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.i18n import catalogs as cat

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

NEAR_MATCH = 0.85
MEMORY_COMMENT = "Translation memory: {kind} match from {origin}"


@dataclass(frozen=True)
class Remembered:
    translation: str
    origin: str
    """The catalog it comes from, as `content/<slug>`."""


@dataclass(frozen=True)
class Prefilled:
    exact: int = 0
    fuzzy: int = 0

    def __add__(self, other: Prefilled) -> Prefilled:
        return Prefilled(self.exact + other.exact, self.fuzzy + other.fuzzy)

    @property
    def total(self) -> int:
        return self.exact + self.fuzzy


def memory(locale: str, root: Path, but: str) -> dict[str, Remembered]:
    """Source text -> translation, from every content catalog of `locale` except `but`'s."""
    found: dict[str, Remembered] = {}
    for path in sorted((root / locale / "content").glob("*.po")):
        if path.stem == but:
            continue
        for message in cat.read(path, locale):
            if (
                isinstance(message.id, str)
                and message.id
                and isinstance(message.string, str)
                and message.string
                and not message.fuzzy
            ):
                found.setdefault(message.id, Remembered(message.string, f"content/{path.stem}"))
    return found


def prefill(catalog: Catalog, remembered: dict[str, Remembered]) -> Prefilled:
    """Fill the catalog's empty entries from `remembered`; how many, exact and fuzzy."""
    exact = fuzzy = 0
    sources = list(remembered)
    for message in catalog:
        if not isinstance(message.id, str) or not message.id or message.string:
            continue
        if message.id in remembered:
            match = remembered[message.id]
            message.string = match.translation
            message.flags.discard("fuzzy")
            _note(message, "exact", match.origin)
            exact += 1
            continue
        near = difflib.get_close_matches(message.id, sources, n=1, cutoff=NEAR_MATCH)
        if near:
            match = remembered[near[0]]
            message.string = match.translation
            message.flags.add("fuzzy")
            message.previous_id = [near[0]]
            _note(message, "near", match.origin)
            fuzzy += 1
    return Prefilled(exact, fuzzy)


def _note(message, kind: str, origin: str) -> None:
    message.user_comments = [
        *(c for c in message.user_comments if not c.startswith("Translation memory:")),
        MEMORY_COMMENT.format(kind=kind, origin=origin),
    ]
