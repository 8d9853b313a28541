"""An office standing alone as a speaker's label: `Minister of Foreign Affairs:` on its line,
the answer in the paragraph under it (press rounds of ministries: `Question: ...`, then the
office and the words). A person's name would be read as a label already; an office, with its
lower-case `of`, was kept as the first line of the answer."""

from __future__ import annotations

from pipeline.importer.standfirst import is_role

MAX_OFFICE_WORDS = 7
_CONNECTORS = frozenset({"of", "the", "for", "and", "on"})


def office_label(label: str) -> bool:
    """`Minister of Foreign Affairs`, `Deputy Foreign Minister`: an office's words only."""
    words = label.split()
    if not 0 < len(words) <= MAX_OFFICE_WORDS or not any(is_role(word) for word in words):
        return False
    return all(word[:1].isupper() or word in _CONNECTORS for word in words)
