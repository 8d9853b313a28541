"""A paragraph of the raw text, with the line it starts on: what every importer step reads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int  # first line in the raw file, for the report
