"""A validated interview as plain frozen records: what every stage after loading reads.

The fields, their names and their order are the model's (`pipeline.content.model`);
the records only hold values that passed it (or `pipeline.content.quick`, which accepts
nothing the model would refuse). They cost nothing to import, where pydantic and the
model's schema cost about 0.2 s, a third of an HTML build. `model_dump` gives the
data pydantic's would, so a record can be validated again (a translation) or written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar


class Record:
    """Frozen, compared by class and values; fields are the class's annotations, in order."""

    fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls) -> None:
        cls.fields = tuple(name for name in cls.__annotations__ if name != "fields")

    def __init__(self, **values: Any) -> None:
        self.__dict__.update((name, values[name]) for name in self.fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({shown})"

    def model_dump(self, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        """The values as pydantic's `model_dump` gives them (`mode="json"`: JSON-ready)."""
        return {
            name: _dumped(value, mode, exclude_none)
            for name, value in self.__dict__.items()
            if not (exclude_none and value is None)
        }


def _dumped(value: object, mode: str, exclude_none: bool) -> object:
    if isinstance(value, Record):
        return value.model_dump(mode, exclude_none)
    if isinstance(value, list):
        return [_dumped(item, mode, exclude_none) for item in value]
    if mode == "json" and isinstance(value, Decimal):
        return str(value)
    if mode == "json" and isinstance(value, dt.date):
        return value.isoformat()
    return value


class Person(Record):
    name: str
    role: str


class Source(Record):
    name: str
    url: str | None
    """The address as the model normalises it (`https://example.org/`)."""


class KeyFigure(Record):
    status: str
    label: str
    value: Decimal
    unit: str
    approximate: bool
    period: str
    stated_by: str
    source_sentence: str
    note: str | None


class Organisation(Record):
    status: str
    name: str
    description: str


class Brief(Record):
    status: str
    purpose: str
    key_points: list[str]
    key_figures: list[KeyFigure]
    organisations: list[Organisation]
    follow_ups: list[str]

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class Image(Record):
    file: str
    alt: str
    credit: str


class Turn(Record):
    topic: str | None
    question: str
    answer: list[str]
    status: str


class Interview(Record):
    slug: str
    title: str
    short_title: str
    language: str
    outlet: str
    byline: str | None
    dateline: str | None
    published: dt.date | None
    interviewer: str
    interviewee: Person
    source: Source
    handling: str
    keywords: list[str]
    brief: Brief
    image: Image | None
    intro: list[str]
    turns: list[Turn]


RECORDS: dict[str, type[Record]] = {
    kind.__name__: kind
    for kind in (Person, Source, KeyFigure, Organisation, Brief, Image, Turn, Interview)
}


def from_model(model: Any) -> Any:
    """The records of a pydantic model's instance (its values, lists and nested models)."""
    kind = RECORDS.get(type(model).__name__) if hasattr(type(model), "model_fields") else None
    if kind is not None:
        return kind(**{name: from_model(getattr(model, name)) for name in kind.fields})
    if isinstance(model, list):
        return [from_model(item) for item in model]
    if model is None or isinstance(model, str | bool | Decimal | dt.date):
        return model
    return str(model)  # the URL type: its normalised text
