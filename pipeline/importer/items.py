"""A body paragraph while the importer places it: its marker, its text, the role it is given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipeline.importer.lines import Paragraph
from pipeline.importer.markers import Marker

Role = Literal["intro", "question", "answer"]
Family = Literal["qa", "label", "dash"]
_CLOSERS = "\"'”’»)]」』 "


@dataclass
class Item:
    """One body paragraph while it is being placed."""

    paragraph: Paragraph
    marker: Marker | None
    text: str
    role: Role | None = None

    @property
    def asks(self) -> bool:
        """Ends with a question mark (closing quotes and brackets aside)."""
        return self.text.rstrip(_CLOSERS).endswith(("?", "？"))

    @property
    def has_question(self) -> bool:
        return "?" in self.text or "？" in self.text

    @property
    def family(self) -> Family | None:
        if self.marker is None:
            return None
        if self.marker.kind == "dash":
            return "dash"
        return "label" if self.marker.kind == "label" else "qa"
