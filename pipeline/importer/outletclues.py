"""Outlets the standfirst and the labels name in ways the standfirst reader does not take.

"Sputnik Кыргызстан публикует интервью ...", "дал интервью катарскому телеканалу Al
Jazeera", and an interviewer's label that is a broadcaster's short name (`Би-Би-Си:`,
`DW:`) rather than a person's. Each is believed only in that form; whatever else is
left to the editor as a placeholder.
"""

from __future__ import annotations

import re

from pipeline.importer.agencies import known
from pipeline.importer.cases import nominatives
from pipeline.importer.paragraphs import Paragraph

MAX_INTRO_PARAGRAPHS = 6
MAX_OUTLET_WORDS = 3
MIN_CAPITALS_SHARE = 0.5
_NAME = r"[A-ZА-ЯЁ0-9][\w.-]*(?:\s[A-ZА-ЯЁ][\w.-]+)?"
_SITE = re.compile(r"[A-Za-z0-9-]+\.[a-z]{2,6}")  # `Informburo.kz`, `kloop.kg`
# A name in quotes starts with a capital or a figure (`для «серого» импорта` names no outlet),
# unless it is a known outlet's own spelling (`изданию «kaktus.media»`): see `_search`.
_QUOTED = r"[«“\"„](?P<quoted>[^»”\"“]{2,40})[»”\"“]"
# `интервью катарскому телеканалу Al Jazeera`: an adjective before the kind of outlet.
_KIND_AFTER_ADJECTIVE = re.compile(
    r"интервью\s+(?:[а-яё-]+(?:ому|ему|ой|ей)\s+){1,2}"
    r"(?:телеканалу|агентству|изданию|газете|радио|порталу|журналу|информагентству)\s+"
    rf"(?:{_QUOTED}|(?P<name>{_NAME}))"
)
# `для программы «Хард ток» на телеканале «Би-Би-Си»`: the channel, not the programme.
_ON_CHANNEL = re.compile(
    rf"\b(?:на|в)\s+(?:телеканале|радио|газете|журнале|агентстве|издании|портале)\s+{_QUOTED}"
)
# `ответил на вопросы АКИpress`, `Кабар агенттиги ... менен маек курду`: a known outlet's name
# (or one in quotation marks) before or after the words that say it asked.
_ANSWERED = re.compile(
    rf"ответил[аи]?\s+на\s+вопросы\s+(?:корреспондента\s+)?(?:{_QUOTED}|(?P<name>{_NAME}))"
)
# `интервью для ТАСС`, `каналу Sputnik`, `агентства Interfax с ...`: a known outlet right after
# the word for its kind (or `для`), whatever stands between it and the word `интервью`.
_KIND_KNOWN = re.compile(
    r"(?<![\w-])(?:для|каналу|телеканалу|агентству|агентства|информагентству|изданию|радио|"
    r"[Аа]гентство)\s+"
    rf"(?:{_QUOTED}|(?P<name>{_NAME}))"
)
_KY_AGENCY = re.compile(rf"(?:{_QUOTED}|(?P<name>[A-ZА-ЯЁ][\w.-]+))\s+(?:маалымат\s+)?агенттиг")
# `вопросы газеты “Мегаполис”`, `журналистам ИД «Комсомольская правда»`, `МИА «Россия Сегодня»`.
_KIND_QUOTED = re.compile(
    rf"\b(?:газеты|газете|журнала|агентства|издания|телеканала|портала|ИД|МИА|ИА|КНИА|"
    rf"[Аа]гентство|[Гг]азета|[Жж]урнал)\s+{_QUOTED}"
)
# `Informburo.kz поговорил с ...`, `Шеф-редактор Sputnik Кыргызстан побеседовал с ...`.
_TALKED = re.compile(
    rf"(?P<before>(?:\S+\s+){{1,{MAX_OUTLET_WORDS + 1}}})(?:поговорил|побеседовал|пообщал)\w*\s+с"
)
# `Sputnik Кыргызстан публикует интервью`: the outlet is the subject that publishes.
_PUBLISHES = re.compile(
    rf"(?P<before>(?:\S+\s+){{1,{MAX_OUTLET_WORDS + 2}}})(?:публикует|представляет|публикуют)"
    r"\s+(?:\S+\s+){0,3}?интервью"
)


def outlet_in_intro(intro: list[Paragraph]) -> tuple[str, int] | None:
    for paragraph in intro[:MAX_INTRO_PARAGRAPHS]:
        if match := _search(_KIND_AFTER_ADJECTIVE, paragraph.text):
            written = (match["quoted"] or match["name"] or "").strip(" .,;:")
            if written:
                return written, paragraph.line
        for pattern in (_ANSWERED, _KY_AGENCY, _KIND_KNOWN):
            match = _search(pattern, paragraph.text)
            named = known(match["name"].rstrip(".,;:")) if match and match["name"] else None
            if match and (match["quoted"] or named):
                written = known_in_nominative(match["quoted"] or named or "")
                return written.strip(), paragraph.line
        if match := _search(_KIND_QUOTED, paragraph.text):
            return match["quoted"].strip(), paragraph.line
        if (match := _TALKED.search(paragraph.text)) and (
            talker := _known_run(match["before"].split())
        ):
            return talker, paragraph.line
        if match := _search(_ON_CHANNEL, paragraph.text):
            return match["quoted"].strip(), paragraph.line
        if match := _PUBLISHES.search(paragraph.text):
            quoted = _search(re.compile(_QUOTED + r"\s*$"), match["before"])
            publisher = quoted["quoted"] if quoted else _known_run(match["before"].split())
            if publisher:
                return publisher.strip(), paragraph.line
    return None


def _search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match whose quoted words, if any, may be an outlet's name."""
    return next((match for match in pattern.finditer(text) if _may_be_outlet(match)), None)


def _may_be_outlet(match: re.Match[str]) -> bool:
    """Quoted words in lower case are an outlet's own spelling only when known or shaped as a
    site's address (`«kloop.kg»`)."""
    quoted = match.groupdict().get("quoted")
    if not quoted or not quoted[:1].islower():
        return True
    return known(quoted) is not None or _SITE.fullmatch(quoted) is not None


def known_in_nominative(name: str) -> str:
    """A known outlet's name as it is usually written, when `name` is it in the genitive
    (`ответил на вопросы "Вечернего Бишкека"`)."""
    if known(name):
        return name
    forms = [nominatives(word) for word in name.split()]
    candidates = [""]
    for options in forms:
        candidates = [f"{before} {option}".strip() for before in candidates for option in options]
    return next((usual for form in candidates if (usual := known(form))), name)


def _known_run(words: list[str]) -> str | None:
    """The words from the first known outlet's name to the verb: `Sputnik Кыргызстан`."""
    for start, word in enumerate(words):
        if known(word) or _SITE.fullmatch(word):
            run = words[start:]
            if len(run) <= MAX_OUTLET_WORDS and all(w[:1].isupper() for w in run):
                return " ".join(run).strip(" ,")
    return None


def outlet_label(label: str | None, intro: list[Paragraph]) -> str | None:
    """`Би-Би-Си`, `DW`, `ТАСС` asking: a broadcaster's short name, not a person's; the intro
    names it (`Би-Би-Сиге ... маалымат берди`), and it is not a person's initials (`ADL`)."""
    if not label or " " in label or "." in label:
        return None
    texts = " ".join(paragraph.text for paragraph in intro[:MAX_INTRO_PARAGRAPHS])
    if not re.search(rf"(?<![\w-]){re.escape(label)}", texts):
        return None
    letters = [char for char in label if char.isalpha()]
    capitals = sum(char.isupper() for char in letters)
    if len(letters) < 2 or capitals < 2 or capitals < MIN_CAPITALS_SHARE * len(letters):
        return None
    return known(label) or label
