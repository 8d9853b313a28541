"""Two interviews that would write the same output: the same slug in a locale both are built in.

Outputs are named by locale and slug alone (`output/<locale>/<slug>.<ext>`), whatever
folder a content file sits in, so the check needs only each note's slug and locales.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.errors import Problem


def collisions(notes: Sequence[tuple[Path, str, Sequence[str]]]) -> list[Problem]:
    """Notes that would write the same outputs, one problem per pair of notes.

    `notes` holds (content file, slug, locales it is built in) for each note: outputs are
    named by locale and slug alone (see `output_path`), whatever folder the file is in.
    """
    owners: dict[tuple[str, str], int] = {}
    shared: dict[tuple[int, int], list[str]] = {}
    for index, (_source, slug, locales) in enumerate(notes):
        for locale in locales:
            owner = owners.setdefault((locale, slug), index)
            if owner != index:
                shared.setdefault((index, owner), []).append(locale)
    return [
        Problem(
            notes[index][0],
            None,
            "slug",
            f"'{notes[index][1]}' ({', '.join(locales)}) is already used by {notes[owner][0]};"
            " both would write the same outputs",
        )
        for (index, owner), locales in shared.items()
    ]
