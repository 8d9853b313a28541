"""The content model's own checks, in plain Python: one wording for two validators.

`pipeline.content.model` (pydantic) runs them inside its fields, so their messages are
the ones editors read; `pipeline.content.quick` runs the very same functions on the
happy path, where pydantic is not imported at all. Each raises ValueError with the
message the model shows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath

from pipeline.text import (
    LONG_RUN_CHARS,
    MAX_LAYOUT_COST,
    MAX_WORD_CHARS,
    long_runs,
    overlong_word_length,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
MAX_FIGURE_DIGITS = 18
"""Digits a key figure may have before the decimal point: Babel cannot format 10^26 and more."""
NARROW_CHARS = 500
"""Longest text of a field printed in a narrow box (a figure's note may have twice as much).

In the PDF's narrow boxes (the photo caption, the key figures' cells, the source details,
the page footer) WeasyPrint lays out the rest of the text again for each line, so the time
grows with the square of the length: a 10,000-character photo credit took 19 s."""
NARROW_TEXT_HELP = "it is printed in a narrow box, where longer text takes minutes to lay out"
SHORT_TITLE_CHARS = 90
MAX_KEY_POINTS = 6


def language_tag(value: str) -> str:
    """A real language's tag: `kg` (Kyrgyzstan) or `kr` (Korea) is refused, with the fix."""
    from pipeline.language_tags import tag_problem

    if problem := tag_problem(value):
        raise ValueError(problem)
    return value


def not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def can_be_laid_out(value: str) -> str:
    if length := overlong_word_length(value):
        raise ValueError(
            f"has a word of {length:,} characters with no space in it; at most"
            f" {MAX_WORD_CHARS:,} can be laid out on a page"
        )
    count, characters = long_runs(value)
    if characters * len(value) > MAX_LAYOUT_COST:
        words = "word" if count == 1 else "words"
        raise ValueError(
            f"has {count:,} {words} longer than {LONG_RUN_CHARS} characters ({characters:,}"
            f" characters in all) in {len(value):,} characters of text; the time to lay them"
            f" out grows with the two multiplied, at most {MAX_LAYOUT_COST:,}: split the"
            " paragraph, or put spaces in the long words"
        )
    return value


def figure_within_range(value: Decimal) -> Decimal:
    # `adjusted()` reads the exponent: no arithmetic that could overflow on 1e999999999.
    if value.adjusted() >= MAX_FIGURE_DIGITS:
        raise ValueError(
            f"has {value.adjusted() + 1:,} digits before the decimal point; at most"
            f" {MAX_FIGURE_DIGITS} (write large amounts with a unit: 1.2 'trillion USD')"
        )
    return value


def purpose_when_final(value: str, final: bool) -> str:
    if not value and final:
        raise ValueError("must not be empty (or set brief.status: draft while writing it)")
    return value


def four_to_six_when_final(value: list[str], final: bool) -> list[str]:
    if final and not 4 <= len(value) <= MAX_KEY_POINTS:
        raise ValueError(
            f"a final brief needs 4 to 6 key points, got {len(value)}"
            " (or set brief.status: draft while writing them)"
        )
    return value


def confirmed_when_final(value: list, final: bool) -> list:
    unconfirmed = [index for index, item in enumerate(value) if item.status == "suggested"]
    if final and unconfirmed:
        raise ValueError(
            f"items {', '.join(map(str, unconfirmed))} are still 'suggested'; confirm"
            " (status: confirmed) or remove them, or set brief.status: draft"
        )
    return value


def image_inside_assets(value: str) -> str:
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value or ":" in value:
        raise ValueError("must be a relative path under assets/, without '..' or a scheme")
    if path.parts[:1] != ("assets",):
        raise ValueError("must start with 'assets/' (images live in content/assets/)")
    if path.suffix.lower() not in {".png", ".jpg", ".jpeg"}:
        raise ValueError("must be a .png, .jpg or .jpeg file")
    return value


def distinct_figures(figures: list) -> None:
    labels = [(f.label, f.period) for f in figures]
    if len(labels) != len(set(labels)):
        raise ValueError("brief.key_figures: two figures share a label and period")
