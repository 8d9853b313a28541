"""A ministry page's article header stands below its menu: `• Date : 2018-03-18 18:02:59`,
`• Hit : 624`, then a line or two of tools, then the article's own title right above the text.

The header reader stops at the first short line (`Countries Information`) and doubts it. When
such a weak headline (or none) is followed by a labelled date field (`• Date : ...`, `Date:`)
among the first paragraphs, the date is the page's, and the short line right above the first
paragraph of text is the headline; the menu above the fields, the fields and the tools under
them are dropped and said. A line ending a sentence (`Name spoke to Kabar about ...`) or any
other line under the fields stays.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.importer.header import Header
from pipeline.importer.headerlines import find_date, is_data_field, is_date_line
from pipeline.importer.markers import parse_marker
from pipeline.importer.report import Report

MAX_FIELD_PARAGRAPH = 12  # the fields stand in the page's header, above the text
MAX_DATE_LINE_CHARS = 60
MAX_TITLE_CHARS = 150
MIN_TEXT_CHARS = 120  # a paragraph this long is the text, not a tool or a title
_WEAK = "a short headline"
# A tool speaks to the reader: `@Shortcut to ...`, `Click the photo to see the interview`.
_TOOL = re.compile(r"@|(?:click|tap|watch|see|shortcut|view|play)\b", re.I)
# A date only counts as the page's field when labelled so: a bare `18.06.2024` may be anything.
_DATE_LABEL = re.compile(
    r"[•·*\-–]?\s*(?:date|published|posted|updated|дата|опубликовано|날짜|등록일|작성일|게시일|입력)"
    r"\s*:\s*(?P<value>.+)",
    re.I | re.S,
)
_SENTENCE_END = (".", "!", "?", "…", "。", "？", "！")


def headline_under_fields(header: Header, report: Report) -> Header:
    weak = [doubt for doubt in header.doubts if doubt.startswith(_WEAK)]
    if header.title and not weak:
        return header
    body = header.body
    date_at = next(
        (i for i, p in enumerate(body[:MAX_FIELD_PARAGRAPH]) if _date_field(p.text)), None
    )
    if date_at is None:
        return header
    if header.published is None and (published := find_date(body[date_at].text)):
        header.published = published
        report.guess(body[date_at].line, f"publication date {published} from the page's fields")
    fields_end = date_at + 1
    while fields_end < len(body) and _field(body[fields_end].text):
        fields_end += 1
    text_at = next((i for i in range(fields_end, len(body)) if _text(body[i].text)), None)
    if text_at is None or text_at == fields_end or not _title_like(body[text_at - 1].text):
        return header
    title = body[text_at - 1]
    kept = []
    for index, paragraph in enumerate(body[: text_at - 1]):
        if _chrome(paragraph.text, menu=index < date_at, fields=index < fields_end):
            report.drop(
                paragraph.line, f"'{paragraph.text[:60]}' (the page's menu, fields or tools)"
            )
        else:
            kept.append(paragraph)
    if header.title:
        report.drop(None, f"'{header.title[:60]}' (a short line above the page's menu)")
    header.title = title.text.strip()
    header.took(
        replace(title, text=header.title), "headline", "right above the text, under the page's date"
    )
    header.doubts = [doubt for doubt in header.doubts if doubt not in weak]
    header.doubts.append(f"headline taken from line {title.line}, under the page's date and fields")
    header.body = kept + body[text_at:]
    return header


def _chrome(text: str, *, menu: bool, fields: bool) -> bool:
    """Above the date field, the menu's short lines; then the fields; then the page's tools. A
    line ending a sentence (`Name spoke to Kabar about ...`) is none of them, nor is any other
    line under the fields (a byline, a subtitle): they stay."""
    if _ends_a_sentence(text):
        return False
    return menu or fields or bool(_TOOL.match(text.strip()))


def _date_field(text: str) -> bool:
    labelled = _DATE_LABEL.fullmatch(text.strip())
    return (
        len(text) <= MAX_DATE_LINE_CHARS
        and labelled is not None
        and is_date_line(labelled["value"])
    )


def _ends_a_sentence(text: str) -> bool:
    return text.strip().rstrip("\"'”’»)]").endswith(_SENTENCE_END)


def _field(text: str) -> bool:
    text = text.strip(" •·")
    return is_data_field(text) or _date_field(text) or bool(_counter(text))


def _counter(text: str) -> bool:
    label, colon, value = text.partition(":")
    return bool(colon) and len(label.split()) <= 2 and value.strip().isdigit()


def _text(text: str) -> bool:
    stripped = text.strip()
    return (
        len(stripped) >= MIN_TEXT_CHARS
        or stripped.endswith(("?", "？"))
        or parse_marker(stripped) is not None
    )


def _title_like(text: str) -> bool:
    stripped = text.strip()
    return (
        0 < len(stripped) <= MAX_TITLE_CHARS
        and not stripped.endswith((".", ":", ";"))
        and not _TOOL.match(stripped)
    )
