"""A body paragraph while the importer places it: its marker, its text, the role it is given."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pipeline.importer.lines import Paragraph
from pipeline.importer.markers import Marker

Role = Literal["intro", "question", "answer"]
Family = Literal["qa", "label", "dash", "number"]
_CLOSERS = "\"'”’»)]」』 "
OPENING_QUOTES = "«“„\"'‘「『"
CLOSING_QUOTES = "»”“\"'’」』"
_IN_WORD_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def without_apostrophes(text: str) -> str:
    """`text` without the apostrophes inside words (`don't`, `Xi'an`): they close no quotation."""
    return _IN_WORD_APOSTROPHE.sub("", text)


@dataclass
class Item:
    """One body paragraph while it is being placed.

    `reason` says which marker or rule gave it its role (for `--explain` and the
    report); `doubts` are why that could be wrong: a turn holding a paragraph
    with a doubt is written `status: unsure`.
    """

    paragraph: Paragraph
    marker: Marker | None
    text: str
    role: Role | None = None
    reason: str = ""
    doubts: list[str] = field(default_factory=list)
    forced: bool = False  # its role comes from splitting a paragraph, not from markers
    topic: str | None = None  # a subheading that stood before this question
    turn: int | None = None  # the number of the turn it ended up in
    split: str | None = None  # how it was cut from a paragraph that held more

    @property
    def line(self) -> int:
        return self.paragraph.line

    @property
    def asks(self) -> bool:
        """Ends with a question mark (closing quotes and brackets aside)."""
        return ends_asking(self.text)

    @property
    def has_question(self) -> bool:
        return "?" in self.text or "？" in self.text

    @property
    def quoted(self) -> bool:
        """The whole paragraph is in quotation marks: «...», “...”, 『...』."""
        text = self.text.strip().rstrip(".,!…")
        return len(text) > 2 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES

    @property
    def family(self) -> Family | None:
        if self.marker is None:
            return None
        if self.marker.kind in ("dash", "number"):
            return self.marker.kind
        return "label" if self.marker.kind == "label" else "qa"

    def give(self, role: Role, reason: str) -> None:
        self.role, self.reason = role, reason


def ends_asking(text: str) -> bool:
    """`text` ends with a question mark, closing quotes and brackets aside."""
    return text.rstrip(_CLOSERS).endswith(("?", "？"))
