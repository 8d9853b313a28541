"""Bold written as asterisks: `**What comes next?**`, `*What comes next?*`, `__...__`.

A text forwarded from a messenger or a markdown editor keeps the questions' bold as the marks
around them. The marks are taken out (the report says so) and the paragraphs count as set in
bold, so the questions are read as a saved page's bold questions are: only when most of them ask.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.importer.chrome import Kept
from pipeline.importer.report import Report

_WRAPPED = re.compile(r"(?P<mark>\*\*|__|\*)(?P<text>[^*_\s](?:.*?[^*_\s])?)(?P=mark)")
MIN_WRAPPED = 2  # one starred line is an emphasis, not a way of marking questions


def starred_bold(kept: Kept, report: Report) -> tuple[Kept, frozenset[int]]:
    """`kept` without the marks around whole lines, and the numbers of those lines."""
    wrapped = {
        number: match["text"]
        for number, line in kept.lines
        if line and (match := _WRAPPED.fullmatch(line.strip()))
    }
    if len(wrapped) < MIN_WRAPPED:
        return kept, frozenset()
    report.guess(None, f"{len(wrapped)} line(s) wrapped in * or _ marks read as set in bold")
    lines = [(number, wrapped.get(number, line)) for number, line in kept.lines]
    return replace(kept, lines=lines), frozenset(wrapped)
