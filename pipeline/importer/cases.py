"""Whether a run of capitalised words can be the person a standfirst names, by its grammar.

Russian inflects names: the guest is named in the nominative (`Владимир Тюрденев
рассказал`); a run in the dative or the instrumental (`интервью ... Кириллу Альтману`,
`с послом Николаем Удовиченко`) is someone else, or the guest in a form the note must
not print. A capitalised word right after a preposition (`в Узбекистане`) is a place.
"""

from __future__ import annotations

from pipeline.importer.wordlist import words

PREPOSITIONS = words(
    "в во на из с со к ко по при для от до у о об про над под за между через "
    "in at to of for from with by on"
)
# `в Республике Таджикистан`: the state's own name follows these words in the text's case.
_STATE_WORDS = words(
    "республике республики федерации королевстве королевства штатах штатов эмиратах"
)
_STATE_ADJECTIVES = words("соединенных объединенных")
# Endings of the dative and the instrumental, for first names and surnames alike.
_OBLIQUE_ENDINGS = ("у", "ю", "ом", "ем", "ым", "им", "ой", "ей")
MIN_INFLECTED_CHARS = 4
# The endings of a word governed in the genitive (or a case like it: `цифрового развития`,
# `иностранных дел`, `Вечернего Бишкека`), each with a nominative ending it may stand for.
_GOVERNED = (("его", "ий"), ("ого", "ый"), ("ой", "ая"), ("ей", "яя"), ("ых", "ые"), ("их", "ие"),
             ("ов", ""), ("ев", ""), ("ий", "ия"), ("ы", "а"), ("я", "ь"), ("а", ""), ("и", "ь"),
             ("е", ""))  # fmt: skip
GOVERNED_ENDINGS = tuple(ending for ending, _ in _GOVERNED)
# `..., 2 декабря 2022 г.`: the year's abbreviation ends no sentence.
YEAR_ABBREVIATIONS = (" г.", " гг.", "-ж.", " ж.")  # `Ким`, `Ли`: too short to tell


def after_preposition(tokens: list[str]) -> bool:
    """The last token is the object of the preposition before it: `в Узбекистане`, or names the
    state after it: `в Республике Таджикистан`, `в Соединенных Штатах Америки`."""
    if len(tokens) >= 2 and tokens[-2].casefold() in PREPOSITIONS:
        return True
    return (
        len(tokens) >= 3
        and tokens[-3].casefold() in PREPOSITIONS | _STATE_ADJECTIVES
        and tokens[-2].casefold() in _STATE_WORDS
    )


def oblique(name: list[str]) -> bool:
    """`Кириллу Альтману`, `Николаем Удовиченко`: every word of the run inflected away from the
    nominative (`Сергей Лавров`, `Алексей` alone ends in -ей, but not every word does)."""
    cyrillic = [word for word in name if any("а" <= char.casefold() <= "я" for char in word)]
    if len(cyrillic) < 2:
        return False  # `Asia Кириллу Альтману`: the Cyrillic words decide
    return all(
        len(word) >= MIN_INFLECTED_CHARS and word.casefold().endswith(_OBLIQUE_ENDINGS)
        for word in cyrillic
    )


def nominatives(word: str) -> list[str]:
    """The word and the nominatives it may be the governed form of (`Бишкека`: `Бишкек`); a
    guess for each ending, to be checked against a list of names (`agencies.known`)."""
    return [word] + [word[: -len(end)] + new for end, new in _GOVERNED if word.endswith(end)]
