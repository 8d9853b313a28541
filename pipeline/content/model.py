"""The typed interview model: what a `content/<slug>.yaml` file may hold.

The model is the contract between editors and renderers. Validation here is
strict (unknown keys are refused, required text must not be blank) so that a
typo in a content file is caught before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
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

from pipeline.content import rules
from pipeline.content.rules import (
    LANGUAGE_PATTERN,
    MAX_FIGURE_DIGITS,
    MAX_KEY_POINTS,
    NARROW_CHARS,
    NARROW_TEXT_HELP,
    SHORT_TITLE_CHARS,
    SLUG_PATTERN,
)
from pipeline.text import clean_paragraph

__all__ = [
    "LANGUAGE_PATTERN",
    "MAX_FIGURE_DIGITS",
    "NARROW_CHARS",
    "NARROW_TEXT_HELP",
    "SLUG_PATTERN",
    "Interview",
    "schema",
]

_language_tag = rules.language_tag
_not_blank = rules.not_blank
_can_be_laid_out = rules.can_be_laid_out


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
        return rules.figure_within_range(value)


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
    key_points: list[Text] = Field(default_factory=list, max_length=MAX_KEY_POINTS)
    key_figures: list[KeyFigure] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    follow_ups: list[Text] = Field(default_factory=list)

    @field_validator("purpose")
    @classmethod
    def _purpose_when_final(cls, value: str, info: ValidationInfo) -> str:
        return rules.purpose_when_final(value, _is_final(info))

    @field_validator("key_points")
    @classmethod
    def _four_to_six_when_final(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return rules.four_to_six_when_final(value, _is_final(info))

    @field_validator("key_figures", "organisations")
    @classmethod
    def _confirmed_when_final(cls, value: list, info: ValidationInfo) -> list:
        return rules.confirmed_when_final(value, _is_final(info))

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
        return rules.image_inside_assets(value)


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
        max_length=SHORT_TITLE_CHARS,
        description="Running header text; about 60 characters reads best.",
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
        rules.distinct_figures(self.brief.key_figures)
        return self


def schema() -> dict:
    """JSON Schema of a content file, for editors' completion and checks."""
    document = Interview.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return document
