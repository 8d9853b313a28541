"""A site's name above the headline: `Совет Безопасности Российской Федерации` then `Интервью
заместителя председателя ... журналистам ИД «...»`, as ministries' and councils' pages paste.

An official page titles its interviews by the word itself (`Интервью Посла ...`, `Interview of
the Minister ...`); a short line above such a title that is no sentence, quotes nobody and does
not name the interview is the site's or the section's name, not the headline. The title is then
taken with a doubt, so the report names both lines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from pipeline.importer.tagsline import drop_tags

if TYPE_CHECKING:
    from pipeline.importer.lines import Paragraph
    from pipeline.importer.report import Report

MAX_NAME_WORDS = 7
MAX_MENU_WORDS = 12
_GLUED = re.compile(r"[a-zа-яё][A-ZА-ЯЁ]")
_CRUMB_MARK = re.compile(r"^[»›>/|]\s+(?=\S+\s+\S)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_INTERVIEW_TITLE = re.compile(r"(?:Интервью|Interview|Інтерв'ю|Маек|인터뷰)\b", re.IGNORECASE)
_INTERVIEW_WORD = re.compile(r"интервью|interview|маек|인터뷰", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"[:?!«»\"“”„.;…]|\d")


def drop_site_name(rest: list[Paragraph], report: Report) -> list[str]:
    """Drops a name-only first line above an `Интервью ...` title, and menu items run together
    above any headline; the doubts to report, if so."""
    doubts: list[str] = []
    drop_tags(rest, report)
    if rest and (crumb := _CRUMB_MARK.match(rest[0].text)):  # `» «Афганцы уважают ...»`
        report.drop(rest[0].line, f"'{crumb[0].strip()}' before the headline (a breadcrumb's mark)")
        rest[0] = replace(rest[0], text=rest[0].text[crumb.end() :])
    while len(rest) > 1 and _glued_menu(rest[0].text):
        report.drop(rest[0].line, f"'{rest[0].text[:60]}' (menu items run together: site chrome)")
        del rest[0]
        doubts = [f"headline taken from line {rest[0].line}, below menu items run together"]
    return doubts + _above_interview_title(rest, report)


def _glued_menu(text: str) -> bool:
    """`ХроникаВоенная операция на УкраинеОбновлено в 21:28`: menu items pasted without their
    spaces (a lower-case letter runs into a capital, twice), or one with the site's clock."""
    words = text.split()
    if len(words) > MAX_MENU_WORDS or text.rstrip().endswith((".", "?", "!", "»", '"')):
        return False
    joins = len(_GLUED.findall(text))
    return joins >= 2 or (joins >= 1 and bool(_CLOCK.search(text)))


def _above_interview_title(rest: list[Paragraph], report: Report) -> list[str]:
    if len(rest) < 2:
        return []
    first, second = rest[0].text.strip(), rest[1].text.strip()
    if not _name_only(first) or not _INTERVIEW_TITLE.match(second):
        return []
    report.drop(rest[0].line, f"'{first}' (above the interview's title: the site's name?)")
    del rest[0]
    return [f"headline taken from line {rest[0].line}, below '{first}' (the site's name?)"]


def _name_only(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and not _NOT_A_NAME.search(text)
        and not _INTERVIEW_WORD.search(text)
        and words[0][:1].isupper()
    )
