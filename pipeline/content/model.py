"""The typed interview model: what a `content/<slug>.yaml` file may hold.

The model is the contract between editors and renderers. Validation here is
strict (unknown keys are refused, required text must not be blank) so that a
typo in a content file is caught before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pipeline.text import (
    LONG_RUN_CHARS,
    MAX_LAYOUT_COST,
    MAX_WORD_CHARS,
    clean_paragraph,
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


def _language_tag(value: str) -> str:
    """A real language's tag: `kg` (Kyrgyzstan) or `kr` (Korea) is refused, with the fix."""
    from pipeline.language_tags import tag_problem

    if problem := tag_problem(value):
        raise ValueError(problem)
    return value


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _can_be_laid_out(value: str) -> str:
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


Prose = Annotated[str, AfterValidator(clean_paragraph), AfterValidator(_can_be_laid_out)]
"""Text that may be empty; XML-safe, one paragraph, quick to lay out (see `pipeline.text`)."""


# The length is checked first, on the text as written: given to an optional field, a
# length would count after validation, in pydantic's words.
NarrowProse = Annotated[
    str,
    Field(max_length=NARROW_CHARS),
    AfterValidator(clean_paragraph),
    AfterValidator(_can_be_laid_out),
]
"""Prose of at most NARROW_CHARS characters."""
FigureNote = Annotated[
    str,
    Field(max_length=2 * NARROW_CHARS),
    AfterValidator(clean_paragraph),
    AfterValidator(_can_be_laid_out),
]
"""A key figure's note: prose of at most twice NARROW_CHARS characters."""

Text = Annotated[Prose, AfterValidator(_not_blank)]
"""Prose that must hold more than white space."""
NarrowText = Annotated[NarrowProse, AfterValidator(_not_blank)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True
    )


class Person(_Strict):
    name: Text
    role: Text = Field(description="Office or title, as the reader should see it.")


class Source(_Strict):
    name: NarrowText = Field(description="Where the text came from, e.g. the agency's service.")
    url: HttpUrl | None = Field(
        default=None, description="Public address of the article, when known."
    )


Suggestion = Literal["confirmed", "suggested"]
SUGGESTION_HELP = "'suggested' when a tool proposed it and no editor has confirmed it yet."


class KeyFigure(_Strict):
    status: Suggestion = Field(default="confirmed", description=SUGGESTION_HELP)
    label: NarrowText = Field(description="What is counted, e.g. 'Bilateral trade'.")
    value: Decimal = Field(description="The number as stated.")
    unit: NarrowText = Field(description="Unit shown after the value, e.g. 'million USD'.")
    approximate: bool = Field(default=False, description="The speaker said 'about'.")
    period: NarrowText = Field(description="Time span or date the figure refers to.")
    stated_by: NarrowText = Field(description="Who made the claim: figures are claims.")
    source_sentence: Text = Field(description="The sentence of the interview it comes from.")
    note: FigureNote | None = Field(default=None, description="Scope caveats for the reader.")

    @field_validator("value")
    @classmethod
    def _within_range(cls, value: Decimal) -> Decimal:
        # `adjusted()` reads the exponent: no arithmetic that could overflow on 1e999999999.
        if value.adjusted() >= MAX_FIGURE_DIGITS:
            raise ValueError(
                f"has {value.adjusted() + 1:,} digits before the decimal point; at most"
                f" {MAX_FIGURE_DIGITS} (write large amounts with a unit: 1.2 'trillion USD')"
            )
        return value


class Organisation(_Strict):
    status: Suggestion = Field(default="confirmed", description=SUGGESTION_HELP)
    name: NarrowText
    description: Text = Field(description="One line: what it is and why it came up.")


class Brief(_Strict):
    """The editors' page 1. A `draft` brief may be incomplete; a `final` one may not."""

    status: Literal["final", "draft"] = Field(
        default="final", description="'draft' while editors are still writing the brief."
    )
    purpose: Prose = Field(
        default="", description="One or two sentences: why the reader gets this."
    )
    key_points: list[Text] = Field(default_factory=list, max_length=6)
    key_figures: list[KeyFigure] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    follow_ups: list[Text] = Field(default_factory=list)

    @field_validator("purpose")
    @classmethod
    def _purpose_when_final(cls, value: str, info: ValidationInfo) -> str:
        if not value and _is_final(info):
            raise ValueError("must not be empty (or set brief.status: draft while writing it)")
        return value

    @field_validator("key_points")
    @classmethod
    def _four_to_six_when_final(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if _is_final(info) and not 4 <= len(value) <= 6:
            raise ValueError(
                f"a final brief needs 4 to 6 key points, got {len(value)}"
                " (or set brief.status: draft while writing them)"
            )
        return value

    @field_validator("key_figures", "organisations")
    @classmethod
    def _confirmed_when_final(cls, value: list, info: ValidationInfo) -> list:
        unconfirmed = [index for index, item in enumerate(value) if item.status == "suggested"]
        if _is_final(info) and unconfirmed:
            raise ValueError(
                f"items {', '.join(map(str, unconfirmed))} are still 'suggested'; confirm"
                " (status: confirmed) or remove them, or set brief.status: draft"
            )
        return value

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


def _is_final(info: ValidationInfo) -> bool:
    # `status` is declared first, so it is validated before the fields that depend on it.
    return info.data.get("status", "final") == "final"


class Image(_Strict):
    file: Text = Field(description="Path relative to the content file, under assets/.")
    alt: Text = Field(description="What the picture shows, for readers who cannot see it.")
    credit: NarrowText = Field(description="Who took the photo; printed under it.")

    @field_validator("file")
    @classmethod
    def _inside_assets(cls, value: str) -> str:
        path = PurePosixPath(value)
        if path.is_absolute() or ".." in path.parts or "\\" in value or ":" in value:
            raise ValueError("must be a relative path under assets/, without '..' or a scheme")
        if path.parts[:1] != ("assets",):
            raise ValueError("must start with 'assets/' (images live in content/assets/)")
        if path.suffix.lower() not in {".png", ".jpg", ".jpeg"}:
            raise ValueError("must be a .png, .jpg or .jpeg file")
        return value


class Turn(_Strict):
    topic: Prose | None = Field(
        default=None, description="Short editorial heading for navigation (optional)."
    )
    question: Text
    answer: list[Text] = Field(min_length=1, description="Answer paragraphs, in order.")
    status: Literal["confirmed", "unsure"] = Field(
        default="confirmed",
        description="'unsure' when `briefing import` could not tell where the turn starts or"
        " ends; an editor checks it against the source, then removes the line.",
    )


class Interview(_Strict):
    slug: Annotated[str, Field(pattern=SLUG_PATTERN)]
    title: Text = Field(description="The headline as published.")
    short_title: Text = Field(
        max_length=90, description="Running header text; about 60 characters reads best."
    )
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN), AfterValidator(_language_tag)] = (
        Field(description="BCP 47 tag of the text, e.g. 'en'.")
    )
    outlet: Text
    byline: NarrowProse | None = None
    dateline: NarrowProse | None = Field(default=None, description="Place line, e.g. 'BISHKEK'.")
    published: dt.date | None = Field(description="Publication date, or null when unknown.")
    interviewer: Text = Field(description="Who asks the questions (person or outlet).")
    interviewee: Person
    source: Source
    handling: NarrowText = Field(
        default="For information", description="Handling line, printed at the foot of every page."
    )
    keywords: list[Text] = Field(default_factory=list)
    brief: Brief
    image: Image | None = None
    intro: list[Text] = Field(default_factory=list)
    turns: list[Turn] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_duplicate_figures(self) -> Interview:
        labels = [(f.label, f.period) for f in self.brief.key_figures]
        if len(labels) != len(set(labels)):
            raise ValueError("brief.key_figures: two figures share a label and period")
        return self


def schema() -> dict:
    """JSON Schema of a content file, for editors' completion and checks."""
    document = Interview.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return document
