"""A comparison as the view builder takes it (render.view.ChangeMarks)."""

from __future__ import annotations

import datetime as dt

from pipeline.changes.compare import REMOVED, REWRITTEN, Comparison
from pipeline.render.view import ChangeMarks


def change_marks(comparison: Comparison, summary: str, since: dt.date, at: str) -> ChangeMarks:
    """What the change view of `comparison`'s note marks; `at` is this pack's time (UTC ISO)."""
    passages = tuple(
        (change.segment, change.kind, change.edits)
        for change in comparison.passages
        if change.kind != REMOVED
    )
    removed = tuple(
        (change.segment, change.before, change.old)
        for change in comparison.passages
        if change.kind == REMOVED
    )
    figures = tuple(
        (change.index, change.old.value, change.old.unit, change.old.approximate)
        for change in comparison.figures
        if change.kind == REWRITTEN and change.old is not None
    )
    languages = tuple(
        (change.segment, change.old_lang)
        for change in comparison.passages
        if change.old_lang and change.kind != "added"
    )
    return ChangeMarks(
        since.isoformat(), at, summary, passages, removed, figures=figures, languages=languages
    )
