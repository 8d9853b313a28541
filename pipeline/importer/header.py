"""The lines above the interview: headline, byline, date, and the dateline that opens the text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pipeline.importer.cases import YEAR_ABBREVIATIONS
from pipeline.importer.datelines import find_dateline
from pipeline.importer.headerlines import MAX_HEADER_LINE_CHARS, find_date, is_header_line
from pipeline.importer.headerlines import PIECES as _PIECES
from pipeline.importer.headerlines import byline as _byline
from pipeline.importer.headerlines import is_data_field as _data_field
from pipeline.importer.headerlines import place_date as _place_date
from pipeline.importer.markers import parse_marker
from pipeline.importer.report import Report
from pipeline.importer.sitename import drop_site_name

if TYPE_CHECKING:
    from pipeline.importer.lines import Paragraph

MAX_HEADLINE_CHARS = 200
MAX_SURE_HEADLINE_CHARS = 130
MAX_HEADER_PARAGRAPHS = 6  # where a page repeats its headline
MAX_DATELINE_PARAGRAPH = 3  # the dateline comes first, or after a standfirst

_NUMBERED = re.compile(r"^\d{1,2}\.\s+")  # a breadcrumb's number: `3. Headline`
_SECTION_TAG = re.compile(
    r"(?:\[(?=[^\]]*[^\W\d_])[^\]]{1,12}\]|【[^】]{1,12}】|\((?:LEAD|URGENT|2nd LD|Interview)\))\s*",
    re.I,
)
MIN_HEADLINE_CHARS = 10
MAX_LATE_BYLINE_PARAGRAPH = 10
MAX_BAR_PIECE_WORDS = 6
MAX_CRUMB_WORDS = 2  # `Home Ambassadors` before the headline, a breadcrumb run together
# `Global Voices Online - The world is talking. Are you listening?`: a site's slogan.
_TWO_SENTENCES = re.compile(r"[a-zа-яё]{2}[.!?]\s+[A-ZА-ЯЁ]")
_NO_QUOTES = str.maketrans("", "", "\"'«»“”„‘’")
_LABEL_ALONE = re.compile(r"[\[【〔<][^\]】〕>]{1,40}[\]】〕>]")
_CREDIT_BULLETS = ("■", "□", "◆", "◇", "●", "○", "◎")
# The line under a byline saying whom the author writes for: `AZERI OBSERVER STAFF WRITER`.
_STAFF_LINE = re.compile(
    r"(?:[\w.'’-]+\s){0,4}(?:staff writer|correspondent|reporter|editor|contributor)s?", re.I
)
MAX_SITE_NAME_WORDS = 4
MAX_WEAK_WORDS = 3
MAX_WEAK_LOOKAHEAD = 4
_HANGUL = re.compile("[가-힣]")


@dataclass
class Header:
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: dt.date | None = None
    agency: str | None = None  # the outlet named in the dateline, e.g. KAZINFORM, ТАСС
    body: list[Paragraph] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)  # about the header fields, for the report
    explained: list[tuple[int, str, str, str]] = field(
        default_factory=list
    )  # line, what, why, text

    def took(self, paragraph: Paragraph, what: str, why: str) -> None:
        self.explained.append((paragraph.line, what, why, paragraph.text))


def read_header(paragraphs: list[Paragraph], report: Report) -> Header:
    header = Header()
    rest = _without_repeats(list(paragraphs), report)
    _header_lines(header, rest, report, "a byline or a date line above the headline")
    header.doubts.extend(drop_site_name(rest, report))
    if _skip_to_headline(rest, paragraphs, report):
        header.doubts.append(
            f"headline taken from line {rest[0].line}, below lines that may be the page's chrome"
        )
    if rest and _is_headline(rest[0].text, paragraphs, rest[1:2]) and _weak(rest[0].text):
        if _stronger_below(rest, paragraphs, report):
            header.doubts.append(
                f"headline taken from line {rest[0].line}, below a short line that may be chrome"
            )
        else:
            header.doubts.append(f"a short headline ('{rest[0].text}'): is it the page's?")
    if rest and _is_headline(rest[0].text, paragraphs, rest[1:2]):
        header.title = _without_section_tag(rest[0], report)
        header.took(
            rest.pop(0), "headline", "the first line after the chrome, and it reads like one"
        )
    if header.title and len(header.title) > MAX_SURE_HEADLINE_CHARS:
        header.doubts.append("the headline is long for one: it may be the standfirst")
    elif header.title and _TWO_SENTENCES.search(header.title):
        header.doubts.append("the headline holds two sentences: is it a slogan or a standfirst?")
    # A date above the headline may be the site's clock (`2021년 04월 26일 월요일`, today's date):
    # the article's own date line under the headline wins over it.
    above, header.published = header.published, None
    _header_lines(header, rest, report, "a byline or a date line under the headline")
    header.published = header.published or above
    if rest and _byline(rest[-1].text):
        last = rest.pop()
        header.took(last, "byline", "the last line names the author")
        report.guess(last.line, f"took the last line '{last.text}' as the byline")
        header.byline = header.byline or _byline(last.text)
    _find_dateline(header, rest, paragraphs, report)
    _unglue_headline(header, rest, report)
    _late_byline(header, rest, report)
    header.body = rest
    return header


def _late_byline(header: Header, rest: list[Paragraph], report: Report) -> None:
    """`BY ELENA KOSOLAPOVA` / `AZERI OBSERVER STAFF WRITER`, `Reporters: Jung Un Hyun, Sin Mi
    Hee`: a byline below the standfirst, before the first turn, is no part of the intro."""
    for index, paragraph in enumerate(rest[:MAX_LATE_BYLINE_PARAGRAPH]):
        if parse_marker(paragraph.text) and not _byline(paragraph.text):
            return
        if name := _byline(paragraph.text):
            header.byline = header.byline or name
            header.took(paragraph, "byline", "a line naming the author, before the first turn")
            report.guess(paragraph.line, f"took '{paragraph.text}' as the byline")
            end = index + 1
            if end < len(rest) and _STAFF_LINE.fullmatch(rest[end].text):
                report.drop(rest[end].line, f"'{rest[end].text}' (the byline's second line)")
                end += 1
            start = index
            if start > 0 and is_header_line(rest[start - 1].text):  # `Published 2025-02-28`
                start -= 1
                header.took(rest[start], "byline or date", "a date line by the byline")
                _read_header_line(header, rest[start], report)
            del rest[start:end]
            return


def _unglue_headline(header: Header, rest: list[Paragraph], report: Report) -> None:
    """`...with Russia-24 TVAzerbaijani President ...`: a page that joined its heading to the
    text repeats the headline glued to the first sentence; the copy goes."""
    title = header.title
    for index, paragraph in enumerate(rest[:MAX_DATELINE_PARAGRAPH]):
        text = paragraph.text
        if title and text.startswith(title) and text[len(title) : len(title) + 1].isupper():
            report.drop(paragraph.line, f"'{_cut(title)}' (the headline, glued to the text)")
            rest[index] = replace(paragraph, text=text[len(title) :])
            return


def _cut(text: str) -> str:
    return text if len(text) <= MAX_HEADER_LINE_CHARS else text[: MAX_HEADER_LINE_CHARS - 1] + "…"


def _without_section_tag(paragraph: Paragraph, report: Report) -> str:
    title = without_section_tag(paragraph.text)
    if title != paragraph.text:
        tag = paragraph.text[: len(paragraph.text) - len(title)].strip()
        report.drop(paragraph.line, f"'{tag}' before the headline (a section tag)")
    return title


def without_section_tag(title: str) -> str:
    """`[인터뷰] ...`, `(LEAD) ...`, `【단독】 ...`: the site's section tag is not the headline."""
    match = _SECTION_TAG.match(title)
    if not match or len(title) - match.end() < MIN_HEADLINE_CHARS:
        return title
    return title[match.end() :]


def _weak(text: str) -> bool:
    """One or two words (three in Latin or Cyrillic): a section, a site, a tag, more than a headline."""
    words = len(text.split())
    return words <= (MAX_WEAK_WORDS - 1 if _HANGUL.search(text) else MAX_WEAK_WORDS)


def _stronger_below(rest: list[Paragraph], paragraphs: list[Paragraph], report: Report) -> bool:
    """A full headline in the next few lines, before the text starts, wins over a short one."""
    for index in range(1, min(MAX_WEAK_LOOKAHEAD + 1, len(rest))):
        text = rest[index].text
        if len(text) > MAX_HEADLINE_CHARS or text.rstrip().endswith("?"):
            return False  # the text has started: a standfirst, a question
        if _is_headline(text, paragraphs, rest[index + 1 : index + 2]) and not _weak(text):
            for above in rest[:index]:
                report.drop(above.line, f"'{above.text[:60]}' (above the headline: site chrome?)")
            del rest[:index]
            return True
        if parse_marker(text):
            return False  # a marked turn
    return False


def _skip_to_headline(rest: list[Paragraph], paragraphs: list[Paragraph], report: Report) -> bool:
    """Lines the chrome patterns missed may stand above the headline: a headline with its date
    or byline under it, a little further down, is the headline, and what is above it goes."""
    if not rest or _is_headline(rest[0].text, paragraphs, rest[1:2]):
        return False
    if (index := _repeated_headline(rest)) is not None:
        for above in rest[:index]:
            report.drop(above.line, f"'{above.text[:60]}' (above the headline: site chrome?)")
        del rest[:index]
        return True
    for index in range(1, min(MAX_HEADER_PARAGRAPHS, len(rest) - 1)):
        if parse_marker(rest[index].text):
            return False
        if _is_headline(rest[index].text, paragraphs, []) and is_header_line(rest[index + 1].text):
            for above in rest[:index]:
                report.drop(above.line, f"'{above.text[:60]}' (above the headline: site chrome?)")
            del rest[:index]
            return True
    return False


def _repeated_headline(rest: list[Paragraph]) -> int | None:
    """A page shows its headline twice (title bar, heading, `... Updated: date`): that line."""
    top = [_folded(p.text) for p in rest[:MAX_HEADER_PARAGRAPHS]]
    for index, text in enumerate(top):
        if len(text) < MIN_HEADLINE_CHARS or not _is_headline(rest[index].text, rest, []):
            continue
        for other in top[index + 1 :]:
            if other == text or (other.startswith(text) and _bar_or_stamp(other[len(text) :])):
                return index
            if text.startswith(other) and _bar_or_stamp(text[len(other) :]):
                return index + 1 + top[index + 1 :].index(other)
    return None


def _title_bar(text: str) -> tuple[str, list[str]]:
    """`Headline | Company News | Export credit agency`: the headline, and the bar's pieces."""
    head, *pieces = [piece.strip() for piece in text.split(" | ")]
    if (
        not pieces
        or len(head) < MIN_HEADLINE_CHARS
        or not all(0 < len(piece.split()) <= MAX_BAR_PIECE_WORDS for piece in pieces)
    ):
        return text, []
    return head, pieces


def _bar_or_stamp(rest: str) -> bool:
    """What follows a headline repeated in the title bar: a date, or ` | Section | Site name`."""
    pieces = [piece.strip() for piece in rest.split("|")]
    bar = (
        len(pieces) >= 2
        and not pieces[0]
        and all(0 < len(piece.split()) <= MAX_BAR_PIECE_WORDS for piece in pieces[1:])
    )
    return bar or is_header_line(rest)


def _without_repeats(paragraphs: list[Paragraph], report: Report) -> list[Paragraph]:
    """A page repeats its headline (title bar, then heading): the second one is dropped."""
    start = 0
    while start < len(paragraphs) - 1 and is_header_line(paragraphs[start].text):
        start += 1  # a date above the headline
    if start >= len(paragraphs) or paragraphs[start].text.rstrip().endswith(("?", "？")):
        return paragraphs
    kept = paragraphs[: start + 1]
    head, bar = _title_bar(paragraphs[start].text)
    if bar:
        report.drop(kept[start].line, f"'| {' | '.join(bar)}' after the headline (the title bar)")
        kept[start] = replace(kept[start], text=head)
    first = _folded(kept[start].text)
    for index, paragraph in enumerate(paragraphs[start + 1 :], start=start + 1):
        if index < MAX_HEADER_PARAGRAPHS and paragraph.text in bar:
            report.drop(paragraph.line, f"'{paragraph.text}' (the section named in the title bar)")
        elif index < MAX_HEADER_PARAGRAPHS and _glued_copy(first, _folded(paragraph.text)):
            # `HomeWorld"Kazakhstan remains ..."`, then the headline alone: the clean one stays.
            report.drop(kept[start].line, f"'{kept[start].text}' (the headline glued to a menu)")
            kept[start] = replace(paragraph, line=kept[start].line)
            first = _folded(paragraph.text)
        elif index < MAX_HEADER_PARAGRAPHS and _same_headline(_folded(paragraph.text), first):
            report.drop(paragraph.line, f"'{paragraph.text}' (the headline, repeated)")
            if _NUMBERED.match(kept[start].text):  # the breadcrumb's copy was numbered
                kept[start] = replace(paragraph, line=kept[start].line)
        elif index <= start + 2 and _copy_of_the_line_above(paragraph, kept):
            # `대사에게 듣는다` (the series), then the headline twice: the copy goes all the same.
            report.drop(paragraph.line, f"'{paragraph.text}' (a line above, repeated)")
        else:
            kept.append(paragraph)
    return kept


def _copy_of_the_line_above(paragraph: Paragraph, kept: list[Paragraph]) -> bool:
    """A heading line again right under itself; a sentence said twice (`Yes.`) is kept."""
    text = paragraph.text.rstrip()
    return len(kept) > 1 and _folded(text) == _folded(kept[-1].text) and not text.endswith(".")


def _glued_copy(first: str, later: str) -> bool:
    """The first line is the later one with a menu word glued in front of it."""
    if len(later) < MIN_HEADLINE_CHARS or first == later or not first.endswith(later):
        return False
    prefix = first[: -len(later)]
    glued = len(prefix.split()) == 1 and not prefix.endswith(" ")
    return glued or (prefix.endswith(" ") and len(prefix.split()) <= MAX_CRUMB_WORDS)


def _same_headline(text: str, headline: str) -> bool:
    """The headline again, perhaps between the site's name and its date:
    `연합뉴스TV [1번지 현장] ... • 송고시간 2020-08-03 17:07:15`."""
    if text == headline:
        return True
    at = text.find(headline) if len(headline) >= MIN_HEADLINE_CHARS else -1
    if at < 0 or len(text[:at].split()) > MAX_SITE_NAME_WORDS // 2:
        return False
    rest = text[at + len(headline) :].strip(" •·|")
    return not rest or is_header_line(rest)


def _folded(text: str) -> str:
    return " ".join(_NUMBERED.sub("", text).casefold().translate(_NO_QUOTES).split())


def _header_lines(header: Header, rest: list[Paragraph], report: Report, why: str) -> None:
    while rest and is_header_line(rest[0].text):
        header.took(rest[0], "byline or date", why)
        _read_header_line(header, rest.pop(0), report)


def _find_dateline(
    header: Header, rest: list[Paragraph], paragraphs: list[Paragraph], report: Report
) -> None:
    """The dateline opens the body, perhaps after a standfirst or a time stamp."""
    for index, paragraph in enumerate(rest[:MAX_DATELINE_PARAGRAPH]):
        if index and parse_marker(paragraph.text):
            return  # the turns have started
        if found := _dateline(paragraph.text, paragraphs):
            header.took(paragraph, "dateline", "a place (and agency) line opens this paragraph")
            rest[index] = replace(paragraph, text=found.pop("rest"))
            if (stamp := found.pop("stamp", None)) and not header.published:
                header.published = find_date(stamp)
            _apply_dateline(header, found, paragraph.line, report)
            return


def _is_headline(text: str, paragraphs: list[Paragraph], following: list[Paragraph]) -> bool:
    """The first paragraph is the headline when it reads like one or a byline or date follows it.

    A headline may start like a speaker label ("Посол: «Визы упростят»"); then
    only a byline or date line after it tells it from the first turn.
    """
    if text.startswith(_CREDIT_BULLETS) or _LABEL_ALONE.fullmatch(text) or _data_field(text):
        return False  # `■ 진행 : 이현웅 앵커`: a broadcast's credits; `[기자]`: a speaker's label
    ends = text.endswith((".", ":")) and not text.endswith(YEAR_ABBREVIATIONS)  # `2022 г.`
    if len(text) > MAX_HEADLINE_CHARS or ends or is_header_line(text):
        return False  # `Ведущий спрашивает, серьезно и с пониманием:` announces what follows
    if text == text.lower() != text.upper() and len(text.split()) <= MAX_SITE_NAME_WORDS:
        return False  # `arirang news`: a site's name in lower case, not a headline
    if following and is_header_line(following[0].text):
        return True
    marker = parse_marker(text)
    if marker and "?" in marker.rest and following and _answers(following[0].text):
        return False  # `KoreaFilm: ...?` then `Lee Yong-il: ...`: the dialogue has begun
    return marker is None or (
        marker.kind == "label" and not _speaks_later(marker.label, paragraphs)
    )


def _answers(text: str) -> bool:
    marker = parse_marker(text)
    return marker is not None and marker.kind in ("label", "answer") and "?" not in marker.rest


def _read_header_line(header: Header, paragraph: Paragraph, report: Report) -> None:
    for piece in _PIECES.split(paragraph.text):
        if name := _byline(piece):
            header.byline = header.byline or name
            continue
        if place := _place_date(piece):
            header.dateline = header.dateline or place
            piece = piece[len(place) :]
        if (found := find_date(piece)) and not header.published:
            header.published = found
            report.guess(paragraph.line, f"publication date {found.isoformat()} from '{piece}'")


def _dateline(text: str, paragraphs: list[Paragraph]) -> dict[str, str] | None:
    return find_dateline(text, lambda label: _speaks_later(label, paragraphs))


def _speaks_later(label: str | None, paragraphs: list[Paragraph]) -> bool:
    """Whether `label` starts a paragraph other than the one it was found in."""
    if label is None:
        return False
    # A headline repeated on the page (`3. Посол: «...»` in the breadcrumbs) is said once.
    said = {_folded(m.rest) for p in paragraphs if (m := parse_marker(p.text)) and m.label == label}
    # ... and in the title bar, with ` | Section | Site` after it.
    distinct = [text for text in said if not any(text.startswith(o) for o in said if o != text)]
    return len(distinct) >= 2


def _apply_dateline(header: Header, found: dict[str, str], line: int, report: Report) -> None:
    if place := found.get("place", "").strip():  # `AKIPRESS.COM –` names the agency alone
        header.dateline = f"{place}, {found['date'].strip()}" if "date" in found else place
    if agency := found.get("agency"):
        header.agency = agency.strip()
    if byline := found.get("byline"):
        header.byline = header.byline or byline
    if "date" in found and not header.published:
        report.guess(
            line,
            f"the dateline gives '{found['date'].strip()}' without a year; published left empty",
        )
