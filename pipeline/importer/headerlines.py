"""What a header line says: a date (`12 May 2025`, `입력 2025.04.02`, `20-май 2025`), a byline
(`By Name`, `Беседовала`, `홍길동 기자`), or a place and a date (`Bishkek, 3 April 2025`)."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.importer.wordlist import ordered

MAX_HEADER_LINE_CHARS = 80

_EN_MONTHS = ordered(
    "january february march april may june july august september october november december"
)

_RU_MONTHS = ordered(
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
)

_KY_MONTHS = ordered(
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
)

_MONTH = {name[:3]: i for i, name in enumerate(_EN_MONTHS, 1)}

_MONTH |= {name: i for i, name in enumerate(_RU_MONTHS, 1)}

_MONTH |= {name: i for i, name in enumerate(_KY_MONTHS, 1)}

_KY = rf"(?P<mon>{'|'.join(_KY_MONTHS)})"

_EN = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_RU = rf"(?P<mon>{'|'.join(_RU_MONTHS)})"

_DATES = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),  # `01/03/2011` (day first)
    re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})"),  # `17-09-2024, 11:47`
    re.compile(r"(?P<y>\d{4})\.\s?(?P<m>\d{1,2})\.\s?(?P<d>\d{1,2})\.?"),
    re.compile(r"(?P<y>\d{4})년\s*(?P<m>\d{1,2})월\s*(?P<d>\d{1,2})일"),
    re.compile(rf"(?P<d>\d{{1,2}})\s+{_EN},?\s+(?P<y>\d{{4}})", re.I),
    re.compile(rf"{_EN}\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.I),
    re.compile(rf"(?P<d>\d{{1,2}})\s+{_RU}\s+(?P<y>\d{{4}})(?:\s*(?:г\.|года))?", re.I),
    # Kyrgyz: `20-май 2025`, `2025-жылдын 20-майы`.
    re.compile(rf"(?P<d>\d{{1,2}})-{_KY}\w*\s+(?P<y>\d{{4}})(?:-ж\.?|-жыл)?", re.I),
]

# What may stand around a date on a date line: a label, a weekday, a time.
_DATE_LINE_REST = re.compile(
    r"(?:published|updated|posted|date|time|опубликовано|обновлено|дата|создан[оа]?|cоздан[оа]?|"
    r"пн|вт|ср|чт|пт|сб|вс|입력|수정|기사입력|송고시간|등록일|작성일|게시일|등록|오전|오후|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    r"[а-яё-]+ское время|по местному времени|"  # `Бишкекское время 03:58`: the site's clock
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|gmt|utc|мск|kst|[\s,.:;|/()\-–—·•+#]|[월화수목금토일]요일)*",
    re.I,
)

_BYLINE = re.compile(
    r"(?:by|written by|interviewed by|interview by|text by|author|автор|текст|reporters?|"
    r"беседовал[аи]?|интервью взял[аи]?|записал[аи]?)\s*[:\-–—]?\s+"
    r"(?P<name>[A-ZА-ЯЁ][\w.'’ -]{1,58}?(?:,\s[A-ZА-ЯЁ][\w.'’ -]{1,40}?)?)",
    re.I,
)

_KOREAN_BYLINE = re.compile(r"(?P<name>[가-힣]{2,4})\s*(?:기자|특파원|객원기자)(?:\s*\S+@\S+)?")

_PLACE_DATE = re.compile(r"(?P<place>[A-ZА-ЯЁ][\w-]+(?:[ -][A-ZА-ЯЁ][\w-]+)?),\s*(?P<date>.+)")

PIECES = re.compile(r"\s+[|·•]\s+")


def is_header_line(text: str) -> bool:
    """A byline or a date line, possibly both, split by `|` or `·`."""
    if len(text) > MAX_HEADER_LINE_CHARS:
        return False
    if is_date_line(text):
        return True  # `입력 | 1999-04-18 19:52:00`: the label and the date split by the bar
    return all(
        byline(piece) or is_date_line(piece) or place_date(piece) for piece in PIECES.split(text)
    )


def place_date(text: str) -> str | None:
    """`Bishkek, 3 April 2025`: the place of a date line, which is the dateline."""
    match = _PLACE_DATE.fullmatch(text)
    if match and _DATE_LINE_REST.fullmatch(match["place"]):
        return None  # `Monday, March 13, 2017`: a weekday, no place
    return match["place"] if match and is_date_line(match["date"]) else None


def byline_name(text: str) -> str:
    """`By Anna Lee` -> `Anna Lee`, `이수진 기자` -> `이수진`; a bare name stays."""
    return byline(text) or text


def byline(text: str) -> str | None:
    if len(text) > MAX_HEADER_LINE_CHARS:
        return None
    if match := _BYLINE.fullmatch(text) or _KOREAN_BYLINE.fullmatch(text):
        return match["name"].strip()
    return None


def find_date(text: str) -> dt.date | None:
    """The first full date (day, month and year) written in `text`."""
    for pattern in _DATES:
        if match := pattern.search(text):
            month = int(match["m"]) if "m" in pattern.groupindex else _month(match["mon"])
            try:
                return dt.date(int(match["y"]), month, int(match["d"]))
            except ValueError:
                continue
    return None


def _month(name: str) -> int:
    name = name.casefold().rstrip(".")
    return _MONTH[name] if name in _MONTH else _MONTH[name[:3]]


def is_date_line(text: str) -> bool:
    for pattern in _DATES:
        if match := pattern.search(text):
            left, right = text[: match.start()], _without_dates(text[match.end() :])
            return bool(_DATE_LINE_REST.fullmatch(left) and _DATE_LINE_REST.fullmatch(right))
    return False


def _without_dates(text: str) -> str:
    """`19:29 수정 2019-02-07 10:51` after the first date: an update's date may follow it."""
    for pattern in _DATES:
        text = pattern.sub(" ", text)
    return text


# A page's data field, a short name and a figure: `날짜 : 7월 19일`, `출근 시각 : 오전 9시 정각`.
_FIELD = re.compile(r"[^\W\d_][\w ]{0,12}\s+:\s+.{0,12}?\d.{0,24}")


def is_data_field(text: str) -> bool:
    """A page's field and its value, never a headline nor a turn's topic."""
    return bool(_FIELD.fullmatch(text))
