"""Which passages of a localized note fell back to the source language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is heavy to import; workers that only paint never need it
    pass


@dataclass(frozen=True)
class Localization:
    """Which locale a note is rendered in, and which passages fell back to the source language."""

    locale: str
    source_language: str
    fallbacks: frozenset[str] = frozenset()
    total: int = 0

    @property
    def translated(self) -> int:
        return self.total - len(self.fallbacks)

    @property
    def is_translation(self) -> bool:
        return self.locale != self.source_language

    def fallback_language(self, segment_id: str) -> str | None:
        """The source language where this passage is shown untranslated, else None."""
        return self.source_language if segment_id in self.fallbacks else None
