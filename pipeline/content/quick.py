"""The happy path of validation, without pydantic: content the model surely accepts.

`interview(data)` gives the records of `data` when it is sure the model would accept
it and give exactly these values; otherwise None, and the caller asks the model, whose
messages are the ones editors read. So this path may refuse more than the model does
(a number written as text, a URL it would normalise, a date written as a string): such
a file only costs pydantic's import. It must never accept what the model refuses:
`tests/unit/test_content_quick.py` holds it against the model on every sample, fixture
and hostile case.

Each check mirrors one of the model's, in its order: strip (as pydantic-core's
`str_strip_whitespace`), length limit, `clean_paragraph`, `can_be_laid_out`, not blank,
then the field's and the model's own validators from `pipeline.content.rules`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pipeline.content import records, rules
from pipeline.text import clean_paragraph


class Unsure(Exception):
    """The model might refuse this value, or give another: let it decide."""


Check = Callable[[Any], Any]
REQUIRED = object()

# What pydantic-core strips (Rust's `char::is_whitespace`); Python's `str.strip` also
# strips U+001C-U+001F, so a text with those at an end is left to the model.
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SLUG = re.compile(rules.SLUG_PATTERN.removeprefix("^").removesuffix("$"))
_LANGUAGE = re.compile(rules.LANGUAGE_PATTERN.removeprefix("^").removesuffix("$"))
# URLs already in the form pydantic's HttpUrl writes them: lower-case host with a
# letter-ended top label (no IP address, no IDNA), no port or user, a path, no percent
# escapes or characters it would encode, no dot segments it would resolve.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_URL = re.compile(
    rf"https?://((?:{_LABEL}\.)+[a-z](?:[a-z0-9-]{{0,61}}[a-z0-9])?)"
    r"(/[A-Za-z0-9._~!$&()*+,;=:@/-]*)(?:\?[A-Za-z0-9._~!$&()*+,;=:@/?-]*)?"
    r"(?:#[A-Za-z0-9._~!$&()*+,;=:@/?-]*)?"
)
_DOT_SEGMENT = re.compile(r"/\.\.?(?:/|$)")
_MAX_URL_CHARS = 2083


def _stripped(value: object) -> str:
    if type(value) is int or type(value) is float:
        value = str(value)  # the model's coerce_numbers_to_str: `period: 2022`
    if type(value) is not str or not (value.isascii() or _encodes(value)):
        raise Unsure
    stripped = value.strip(_WHITE_SPACE)
    if stripped != value.strip():
        raise Unsure
    return stripped


def _encodes(text: str) -> bool:
    """No lone surrogate: pydantic refuses the text outright (the loader removes them first)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _prose(limit: int | None = None, blank: bool = True) -> Check:
    def check(value: object) -> str:
        text = _stripped(value)
        if limit is not None and len(text) > limit:
            raise Unsure
        text = rules.can_be_laid_out(clean_paragraph(text))
        if (limit is not None and len(text) > limit) or (not blank and not text):
            raise Unsure
        return text

    return check


def _pattern(pattern: re.Pattern[str]) -> Check:
    def check(value: object) -> str:
        text = _stripped(value)
        if text != value or not pattern.fullmatch(text):
            raise Unsure
        return text

    return check


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _literal(*choices: str) -> Check:
    def check(value: object) -> str:
        if type(value) is not str or value not in choices:
            raise Unsure
        return value

    return check


def _list(item: Check, least: int = 0, most: int | None = None) -> Check:
    def check(value: object) -> list:
        if type(value) is not list or len(value) < least or (most and len(value) > most):
            raise Unsure
        return [item(element) for element in value]

    return check


def _number(value: object) -> Decimal:
    if type(value) is int:
        number = Decimal(value)
    elif type(value) is float and math.isfinite(value):
        number = Decimal(str(value))  # what pydantic makes of a float (shortest repr)
    elif type(value) is Decimal and value.is_finite():
        number = value
    else:
        raise Unsure
    return rules.figure_within_range(number)


def _boolean(value: object) -> bool:
    if type(value) is not bool:
        raise Unsure
    return value


def _date(value: object) -> dt.date | None:
    if value is not None and type(value) is not dt.date:
        raise Unsure
    return value


# Tags the model's CLDR check takes (test_content_quick asks it about each), so that a
# note in one of them needs no Babel to load.
_KNOWN_LANGUAGES = frozenset({"en", "ru", "ky", "ko", "en-XA"})


def _language(value: object) -> str:
    tag = _pattern(_LANGUAGE)(value)
    return tag if tag in _KNOWN_LANGUAGES else rules.language_tag(tag)


def _url(value: object) -> str:
    if type(value) is not str or len(value) > _MAX_URL_CHARS:
        raise Unsure
    match = _URL.fullmatch(value)
    if match is None or "--" in match.group(1) or _DOT_SEGMENT.search(match.group(2)):
        raise Unsure
    return value


TEXT = _prose(blank=False)
NARROW_TEXT = _prose(rules.NARROW_CHARS, blank=False)
NARROW_PROSE = _optional(_prose(rules.NARROW_CHARS))
SUGGESTION = _literal("confirmed", "suggested")


def _record(kind: type[records.Record], fields: dict[str, tuple[Check, object]]) -> Check:
    """A record from a mapping: no unknown key, every required one; defaults unchecked,
    as pydantic leaves them."""

    def check(value: object) -> records.Record:
        if type(value) is not dict or not value.keys() <= fields.keys():
            raise Unsure
        values = {}
        for name, (field_check, default) in fields.items():
            if name in value:
                values[name] = field_check(value[name])
            elif default is REQUIRED:
                raise Unsure
            else:
                values[name] = default() if callable(default) else default
        return kind(**values)

    return check


PERSON = _record(records.Person, {"name": (TEXT, REQUIRED), "role": (TEXT, REQUIRED)})
SOURCE = _record(records.Source, {"name": (NARROW_TEXT, REQUIRED), "url": (_optional(_url), None)})
KEY_FIGURE = _record(
    records.KeyFigure,
    {
        "status": (SUGGESTION, "confirmed"),
        "label": (NARROW_TEXT, REQUIRED),
        "value": (_number, REQUIRED),
        "unit": (NARROW_TEXT, REQUIRED),
        "approximate": (_boolean, False),
        "period": (NARROW_TEXT, REQUIRED),
        "stated_by": (NARROW_TEXT, REQUIRED),
        "source_sentence": (TEXT, REQUIRED),
        "note": (_optional(_prose(2 * rules.NARROW_CHARS)), None),
    },
)
ORGANISATION = _record(
    records.Organisation,
    {
        "status": (SUGGESTION, "confirmed"),
        "name": (NARROW_TEXT, REQUIRED),
        "description": (TEXT, REQUIRED),
    },
)
IMAGE = _record(
    records.Image,
    {
        "file": (lambda value: rules.image_inside_assets(TEXT(value)), REQUIRED),
        "alt": (TEXT, REQUIRED),
        "credit": (NARROW_TEXT, REQUIRED),
    },
)
TURN = _record(
    records.Turn,
    {
        "topic": (_optional(_prose()), None),
        "question": (TEXT, REQUIRED),
        "answer": (_list(TEXT, least=1), REQUIRED),
        "status": (_literal("confirmed", "unsure"), "confirmed"),
    },
)


def _brief(value: object) -> records.Brief:
    """The brief, whose checks of a final brief apply to the fields given (not defaults)."""
    final = not isinstance(value, dict) or value.get("status", "final") == "final"
    fields: dict[str, tuple[Check, object]] = {
        "status": (_literal("final", "draft"), "final"),
        "purpose": (lambda v: rules.purpose_when_final(_prose()(v), final), ""),
        "key_points": (
            lambda v: rules.four_to_six_when_final(
                _list(TEXT, most=rules.MAX_KEY_POINTS)(v), final
            ),
            list,
        ),
        "key_figures": (lambda v: rules.confirmed_when_final(_list(KEY_FIGURE)(v), final), list),
        "organisations": (
            lambda v: rules.confirmed_when_final(_list(ORGANISATION)(v), final),
            list,
        ),
        "follow_ups": (_list(TEXT), list),
    }
    return _record(records.Brief, fields)(value)


INTERVIEW = _record(
    records.Interview,
    {
        "slug": (_pattern(_SLUG), REQUIRED),
        "title": (TEXT, REQUIRED),
        "short_title": (_prose(rules.SHORT_TITLE_CHARS, blank=False), REQUIRED),
        "language": (_language, REQUIRED),
        "outlet": (TEXT, REQUIRED),
        "byline": (NARROW_PROSE, None),
        "dateline": (NARROW_PROSE, None),
        "published": (_date, REQUIRED),
        "interviewer": (TEXT, REQUIRED),
        "interviewee": (PERSON, REQUIRED),
        "source": (SOURCE, REQUIRED),
        "handling": (NARROW_TEXT, "For information"),
        "keywords": (_list(TEXT), list),
        "brief": (_brief, REQUIRED),
        "image": (_optional(IMAGE), None),
        "intro": (_list(TEXT), list),
        "turns": (_list(TURN, least=1), REQUIRED),
    },
)


def interview(data: object) -> records.Interview | None:
    """The interview's records, or None when only the model can tell."""
    try:
        note = INTERVIEW(data)
        rules.distinct_figures(note.brief.key_figures)
    except (Unsure, ValueError):
        return None
    assert isinstance(note, records.Interview)
    return note
