"""Which passages of a localized note fell back to the source language, and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Localization:
    """Which locale a note is rendered in, and which passages fell back to the source language."""

    locale: str
    source_language: str
    fallbacks: frozenset[str] = frozenset()
    total: int = 0
    stale: tuple[tuple[str, dt.date], ...] = ()
    """Fallbacks whose translation predates a change of the source, with the change's date."""
    unreviewed: bool = False
    """The content catalog says `X-Review-Status: not reviewed`."""

    @property
    def translated(self) -> int:
        return self.total - len(self.fallbacks)

    @property
    def untranslated(self) -> int:
        """Passages shown in the source language with no translation of theirs yet."""
        return len(self.fallbacks) - len(self.stale)

    def counts(self) -> dict[str, int]:
        """Translated, stale and untranslated passages of the note (the pack index's)."""
        return {
            "translated": self.translated,
            "stale": len(self.stale),
            "untranslated": self.untranslated,
        }

    @property
    def is_translation(self) -> bool:
        return self.locale != self.source_language

    def fallback_language(self, segment_id: str) -> str | None:
        """The source language where this passage is shown untranslated, else None."""
        return self.source_language if segment_id in self.fallbacks else None

    def changed_on(self, segment_id: str) -> dt.date | None:
        """When the source of this passage changed after it was translated, if it did."""
        return dict(self.stale).get(segment_id)
