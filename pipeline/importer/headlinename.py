"""The interviewee as the headline and the intro name them, when no label or standfirst did.

Agencies head an interview with the speaker and a quotation: `Кая Каллас: ... общее
будущее`, `Кулеба: разговор ...`, `М. Ниязов: ...`. The words before the colon are a
name only when they read as one and the intro speaks of the same surname; a surname alone
takes the whole name from the intro (`Министр ... Дмитрий Кулеба`). The office is read
where the intro writes the surname as it stands (the nominative), never from an inflected
form (`с премьер-министром Эстонии Каей Каллас`), so a role is left to the editor rather
than written in the wrong case.
"""

from __future__ import annotations

import re

from pipeline.importer.paragraphs import Paragraph
from pipeline.importer.standfirst import is_role, name_word, role_first

MAX_SPEAKER_CHARS = 60
MAX_INTRO_PARAGRAPHS = 6
MAX_FIRST_NAMES = 2
_SPEAKER = re.compile(rf"^(?P<who>[^:«»\"“”„?!]{{2,{MAX_SPEAKER_CHARS}}}?):\s+\S")
_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.$")
_SENTENCE_START = re.compile(r"(?<=[.!?»”])\s+(?=[A-ZА-ЯЁ«“\"—–-])")
# The name run is our own: `role_first` reads the office before a name of two words.
_STAND_IN = ["Aa", "Bb"]


def speaker_in_headline(title: str | None, intro: list[Paragraph]) -> str | None:
    """`Кая Каллас: ...` -> `Кая Каллас`, when the intro speaks of `Каллас` too."""
    match = _SPEAKER.match(title or "")
    if not match:
        return None
    tokens = match["who"].replace(".", ". ").split()
    if not tokens or any(is_role(token) for token in tokens):
        return None  # `Посол: ...`, `Министр Иванов: ...`: an office, read elsewhere
    if not all(_INITIAL.match(token) or name_word(token) for token in tokens):
        return None
    surname = tokens[-1]
    if _INITIAL.match(surname) or len(tokens) > 1 + MAX_FIRST_NAMES:
        return None
    texts = [paragraph.text for paragraph in intro[:MAX_INTRO_PARAGRAPHS]]
    stem = re.escape(surname[: max(4, len(surname) - 2)])
    if not any(re.search(rf"(?<![\w-]){stem}\w*", text) for text in texts):
        return None  # a place or a topic before the colon, not the person the intro is about
    written = [token for token in tokens if not _INITIAL.match(token)]
    if len(written) >= 2:
        return " ".join(written)
    return _whole_name(surname, texts)


def _whole_name(surname: str, texts: list[str]) -> str | None:
    """`Кулеба` in the headline, `Дмитрий Кулеба` in the intro."""
    for text in texts:
        for match in re.finditer(
            rf"(?<![\w-])([A-ZА-ЯЁ][\w'’-]+)\s+{re.escape(surname)}(?![\w-])", text
        ):
            if name_word(match[1]):
                return f"{match[1]} {surname}"
    return None


def _first_name(token: str) -> bool:
    """`Giorgos` or the initial standing for it (`N.` in `Foreign Minister N. Kotzias`)."""
    return name_word(token) or bool(re.fullmatch(r"[A-ZА-ЯЁ]\.", token))


def role_before(name: str, intro: list[Paragraph]) -> tuple[str, int] | None:
    """The office the intro writes before the surname: `Глава МИД Кыргызстана Кулубаев`,
    `Кыргыз Республикасынын Афганистандагы элчиси Мирослав Ниязов`."""
    surname = re.split(r"[\s.]+", name.strip(" ."))[-1]
    if len(surname) < 2:
        return None
    for paragraph in intro[:MAX_INTRO_PARAGRAPHS]:
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", paragraph.text):
            sentence = _SENTENCE_START.split(paragraph.text[: match.start()])[-1]
            tokens = sentence.split()
            first_names = 0
            while tokens and first_names < MAX_FIRST_NAMES and _first_name(tokens[-1]):
                tokens.pop()
                first_names += 1
            found = role_first(" ".join([*tokens, *_STAND_IN]))
            if found and found[1]:
                return found[1], paragraph.line
    return None
