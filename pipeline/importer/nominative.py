"""The guest named only in an oblique case: `мы пообщались с послом России в Узбекистане
Владимиром Тюрденевым`, `интервью министра Айдара Серикова`, `послу Николаю Удовиченко`.

Russian inflects the office and the name, so the intro never writes the nominative the note
needs. The forms read back are few and regular: an office word from a closed list, a first name
by its ending, a surname of the -ов/-ев/-ин/-ский families (or the headline's `Тюрденев:`, which
gives it whole). Anything else stays a placeholder rather than a guessed spelling.
"""

from __future__ import annotations

import re

from pipeline.importer.cases import GOVERNED_ENDINGS
from pipeline.importer.lines import Paragraph

MAX_INTRO_PARAGRAPHS = 4
MAX_ROLE_WORDS = 8
_CONSONANT_OFFICES = [
    "министр",
    "президент",
    "директор",
    "губернатор",
    "мэр",
    "советник",
    "постпред",
    "аким",
    "ректор",
    "премьер-министр",
    "вице-премьер",
    "замминистра",
    "министр-советник",
]
_SOFT_OFFICES = [
    "председатель",
    "заместитель",
    "руководитель",
    "представитель",
    "спецпредставитель",
    "секретарь",
    "пресс-секретарь",
]
_OFFICES: dict[str, str] = {"посла": "посол", "послу": "посол", "послом": "посол", "глава": "глава"}
_OFFICES |= {"главы": "глава", "главе": "глава", "главой": "глава", "главу": "глава"}
for _word in _CONSONANT_OFFICES:
    _OFFICES |= {_word + ending: _word for ending in ("а", "у", "ом")}
for _word in _SOFT_OFFICES:
    _OFFICES |= {_word[:-1] + ending: _word for ending in ("я", "ю", "ем", "ём")}
# Surnames: oblique ending -> nominative ending, male then female, longest first.
_SURNAME_MALE = (("ским", "ский"), ("скому", "ский"), ("ского", "ский"), ("овым", "ов"),
                 ("ову", "ов"), ("ова", "ов"), ("евым", "ев"), ("еву", "ев"), ("ева", "ев"),
                 ("иным", "ин"), ("ину", "ин"), ("ина", "ин"))  # fmt: skip
_SURNAME_FEMALE = (("ской", "ская"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"))
_FIRST_MALE = (("ием", "ий"), ("ию", "ий"), ("ия", "ий"), ("ем", "й"), ("ю", "й"), ("я", "й"),
               ("ом", ""), ("у", ""), ("а", ""))  # fmt: skip
_FIRST_FEMALE = (("ией", "ия"), ("ой", "а"), ("ей", "я"))
_LINKS = {"в", "во", "на", "по", "при", "и", "дел", "для"}
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овн|евн|ичн)(?:а|у|ем|ом|ой|е|ы|ей)$")
_ADJECTIVE_ENDINGS = ("ым", "им", "ого", "его", "ому", "ему", "ой", "ей")
_NOT_SURNAMES = {"посол", "министр", "глава", "президент", "эксперт", "мнение", "интервью"}
_SOFT_FIRST = {"Игор": "Игорь"}  # the one common name that ends in a soft sign
# Overlapping pairs: `в Узбекистане Владимиром Тюрденевым` holds the pair after the place.
_RUN = re.compile(
    r"(?<![\w-])(?=(?P<first>[А-ЯЁ][а-яё]{2,})\s+(?P<surname>[А-ЯЁ][а-яё]{2,})(?![\w-]))"
)


_HEADLINE_SURNAME = re.compile(r"(?:[А-ЯЁ]\.\s?){0,2}(?P<surname>[А-ЯЁ][а-яё]{2,}):\s")


def guest_in_oblique(
    title: str | None, intro: list[Paragraph]
) -> tuple[str, str | None, int | None] | None:
    """`Тюрденев: ...` over `... с послом ... Владимиром Тюрденевым`, or an office and a name
    both in an oblique case in the intro (with its line), or in a headline opening on
    `Интервью` (no line: the header does not keep the headline's)."""
    match = _HEADLINE_SURNAME.match(title or "")
    surname = (
        match["surname"] if match and match["surname"].casefold() not in _NOT_SURNAMES else None
    )
    found = inflected_guest(surname, intro)
    if found is None and title and title.casefold().startswith("интервью "):
        # `Интервью Министра ... Абдулазиза Камилова главному редактору ...`: the headline
        # says whose interview it is, in the genitive.
        in_title = inflected_guest(None, [Paragraph(title, 0)])
        return (in_title[0], in_title[1], None) if in_title else None
    return found


def inflected_guest(
    headline_surname: str | None, intro: list[Paragraph]
) -> tuple[str, str | None, int] | None:
    """The guest's name (and office) in the nominative, with the intro line they came from."""
    for paragraph in intro[:MAX_INTRO_PARAGRAPHS]:
        for match in _RUN.finditer(paragraph.text):
            before, first = paragraph.text[: match.start()].split(), match["first"]
            if _PATRONYMIC.search(first):  # `Замира Набиевича Кабулова`: the name is before it
                if not before or not before[-1][:1].isupper():
                    continue
                first = before.pop()
            elif _PATRONYMIC.search(match["surname"]):
                continue  # `Замира Набиевича`: the surname comes next
            office = _office(before)
            if office is None and headline_surname is None:
                continue  # a name run with no office before it: a place, a street, a party
            name = _name_in_nominative(first, match["surname"], headline_surname)
            if name:
                return name, office, paragraph.line
    return None


def _name_in_nominative(first: str, surname: str, headline_surname: str | None) -> str | None:
    if headline_surname:
        if surname == headline_surname or not surname.startswith(headline_surname):
            return None  # the nominative itself (read elsewhere), or someone else
        female = headline_surname.endswith(("а", "я"))
        nominative: str | None = headline_surname
    else:
        nominative, female = _surname(surname)
    if nominative is None:
        return None
    given = _first(first, female)
    return f"{given} {nominative}" if given else None


def _surname(oblique: str) -> tuple[str | None, bool]:
    for ending, nominative in _SURNAME_FEMALE:
        if oblique.endswith(ending):
            return oblique[: -len(ending)] + nominative, True
    for ending, nominative in _SURNAME_MALE:
        if oblique.endswith(ending):
            return oblique[: -len(ending)] + nominative, False
    return None, False


def _first(oblique: str, female: bool) -> str | None:
    for ending, nominative in _FIRST_FEMALE if female else _FIRST_MALE:
        if oblique.endswith(ending) and len(oblique) - len(ending) >= 2:
            stem = oblique[: -len(ending)]
            return _SOFT_FIRST.get(stem, stem + nominative) if not female else stem + nominative
    return None


def _complement(token: str) -> bool:
    """A word the office governs (`России`, `в`, `цифрового развития`, `иностранных дел`)."""
    word = token.casefold()
    if token.endswith((",", ".", ":", ";")):
        return False
    return token[:1].isupper() or word in _LINKS or word.endswith(GOVERNED_ENDINGS)


def _office(before: list[str]) -> str | None:
    """`с послом России в Узбекистане` before the name: `посол России в Узбекистане`. The office
    word must open the role (an adjective before it, `Чрезвычайным`, is inflected too)."""
    tail = before[-MAX_ROLE_WORDS:]
    for index in range(len(tail) - 1, -1, -1):
        word = tail[index].strip(",").casefold()
        if word in _OFFICES:
            if index > 0 and (
                tail[index - 1].endswith(_ADJECTIVE_ENDINGS)
                or tail[index - 1].casefold() in _OFFICES
            ):  # `Чрезвычайным ... послом`, `заместителя министра`: the office is wider
                return None
            if not all(_complement(token) for token in tail[index + 1 :]):
                return None  # `министра ... агентству, вопросы`: the clause went on past the office
            return " ".join([_OFFICES[word], *tail[index + 1 :]])
    return None
