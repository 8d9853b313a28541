"""The dateline that opens an agency text: place, date, agency, sometimes the reporter.

`BISHKEK:`, `ASTANA. KAZINFORM -`, `Москва. 31 января. INTERFAX.RU -`,
`Astana. March 13. KazTAG -`, `БИШКЕК, 12 марта — Sputnik.`, `Бишкек, 5 апр. /Кабар/.`,
`МОСКВА, 5 мая. /ТАСС/.`, `БИШКЕК, 24-май — Sputnik.`, `МОСКВА, 5 мар - РИА Новости.`,
`LONDON (Reuters) -`, `(서울=연합뉴스) 홍길동 기자 =`. A place in mixed case is believed
only with an agency the text names in capitals or that is known, so a sentence that starts
"Moscow, in turn, ..." is not a dateline.
"""

from __future__ import annotations

import re

from pipeline.importer.agencies import known
from pipeline.importer.markers import ANSWER_LABELS, QUESTION_LABELS

_CAPS_DATELINE = re.compile(
    r"(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]+){0,3})"
    r"(?:,\s*(?P<date>[^:–—()]{3,30}?))?\s*(?:\((?P<agency>[^)]{2,40})\))?\s*(?:[:–—]|\s-)\s+(?P<rest>\S.*)",
    re.S,
)
_AGENCY_DATELINE = re.compile(
    r"(?P<place>[A-ZА-ЯЁ][\w’'-]+(?:[ -][A-ZА-ЯЁ][\w’'-]+){0,2})"
    r"(?:[.,]\s*(?P<date>(?:\d{1,2}(?:\s+|-)[^\W\d]{3,}\.?|[^\W\d]{3,}\.?\s+\d{1,2})(?:,?\s+\d{4})?))?"
    r"[.,]?\s*(?:[-–—]\s*)?"
    # `МОСКВА, 5 мар - РИА Новости.`: an agency of two words, read whole.
    r"(?P<agency>/[^/]{2,30}/|\([^()]{2,30}\)|(?:РИА|RIA)\s(?:Новости|Novosti)|[\w.-]{1,19}\w)"
    r"\s*(?:/(?P<byline>[^/]{2,40})/)?\s*[/.]?\s*(?:--|[-–—:])?\s+(?P<rest>\S.*)",
    re.S,
)
# `BAKU, Azerbaijan, August 28. By Anna Lee – Trend: ...`, `BAKU, Azerbaijan, Aug. 28. The ...`:
# a place in capitals, its country, the date and a full stop; the reporter and agency may follow.
_COUNTRY_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}),\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s+"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s*\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,\s*\d{4})?\.\s+"
    r"(?:[Bb]y\s+(?P<byline>[^–—:-]{3,40}?)\s*[–—-]\s*(?P<agency>[\w.]{2,20})\s*:\s+)?"
    r"(?P<rest>\S.*)",
    re.S,
)
# `AKIPRESS.COM – ...`: the site's address in capitals opens the text, with no place.
_SITE_DATELINE = re.compile(
    r"(?P<agency>[A-Z0-9][A-Z0-9-]+\.(?:COM|KG|KZ|RU|UZ|AZ|TJ|ORG|NET|INFO|ASIA))\s*[-–—:]\s+(?P<rest>\S.*)",
    re.S,
)
# `Узбекистан, Ташкент - АН Podrobno.uz. ...`: a country and a city in mixed case, then a site's
# address (with the agency's initials before it); the address makes it a dateline.
_PLACE_SITE_DATELINE = re.compile(
    r"(?P<place>[A-ZА-ЯЁ][\w’'-]+(?:,\s*[A-ZА-ЯЁ][\w’'-]+)?)\s+[-–—]\s+"
    r"(?:(?:АН|ИА|НА|ИАА|NA|IA)\s+)?"
    r"(?P<agency>[\w-]+\.(?:com|kg|kz|ru|uz|az|tj|tm|by|ua|am|ge|org|net|info|asia))\.?\s+(?P<rest>\S.*)",
    re.S | re.IGNORECASE,
)
_KOREAN_DATELINE = re.compile(
    r"[(\[](?P<place>[가-힣A-Za-z]+)\s*=\s*(?P<agency>[^)\]]{2,20})[)\]]\s*"
    r"(?:(?P<byline>[가-힣]{2,4})\s*(?:기자|특파원)\s*=\s*)?(?P<rest>\S.*)",
    re.S,
)
# A time stamp pasted in front of the dateline: `10:34, 05 July 2015 ASTANA. KAZINFORM -`.
_STAMP = re.compile(
    r"(?:\d{1,2}:\d{2},?\s*)?(?:\d{1,2}\s+[^\W\d]+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})"
    r"(?:,?\s*\d{1,2}:\d{2})?[,|\s]+(?=\S)"
)


def find_dateline(text: str, speaks_later) -> dict[str, str] | None:
    """The dateline's parts (`place`, `date`, `agency`, `byline`, and the `rest` of the text)."""
    stamp = _STAMP.match(text)
    for candidate in ([text[stamp.end() :]] if stamp else []) + [text]:
        if (found := _read(candidate, speaks_later)) and _reads_on(found["rest"]):
            if stamp and candidate is not text:
                found["stamp"] = text[: stamp.end()].strip(" ,|")
            return found
    return None


def _reads_on(rest: str) -> bool:
    """A dateline opens a sentence; `КАК ВСЕ НАЧИНАЛОСЬ` is a subheading in capitals."""
    return not rest.isupper()


def _read(text: str, speaks_later) -> dict[str, str] | None:
    if match := _KOREAN_DATELINE.fullmatch(text):
        return _parts(match)
    if match := _COUNTRY_DATELINE.fullmatch(text):
        return _parts(match)
    if match := _PLACE_SITE_DATELINE.fullmatch(text):
        return _parts(match)
    if match := _SITE_DATELINE.fullmatch(text):
        found = _parts(match)
        found["agency"] = known(found["agency"]) or found["agency"]
        return found
    if (match := _AGENCY_DATELINE.fullmatch(text)) and _agency(match["agency"]):
        found = _parts(match)
        found["agency"] = _agency(match["agency"]) or found["agency"]
        if match["place"].isupper() or "date" in found or known(match["agency"]):
            return found
    if (match := _CAPS_DATELINE.fullmatch(text)) and _caps_place(match["place"], speaks_later):
        return _parts(match)
    return None


def _parts(match: re.Match) -> dict[str, str]:
    found = {key: value.strip() for key, value in match.groupdict().items() if value}
    if "date" in found:
        found["date"] = found["date"].rstrip(".,")
    return found


def _agency(written: str) -> str | None:
    """The agency as the text writes it, when it is one: known, or a word in capitals."""
    name = written.strip("/() ")
    if known(name):
        return name
    letters = [char for char in name if char.isalpha()]
    return name if len(letters) >= 3 and name.isupper() and len(name) <= 20 else None


def _caps_place(place: str, speaks_later) -> bool:
    """An ALL-CAPS place, not a Q/A label or a speaker who speaks again later (`JOHN SMITH:`)."""
    if not place.isupper() or len(place) < 2 or place.casefold() in QUESTION_LABELS | ANSWER_LABELS:
        return False
    return not speaks_later(place)
