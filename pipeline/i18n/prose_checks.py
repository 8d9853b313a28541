"""translate-toolkit's pofilter checks that fit translated prose, through its Python API.

Chosen, each for what a briefing note's reader would otherwise meet:

- `numbers`: every number of the source is in the translation (a figure, a year);
  Russian and Kyrgyz write a decimal comma and a space between thousands, so those are
  read as the source's point before comparing. Not for Korean, which counts in ten
  thousands (370 million is 3억 7,000만): the key figures' own check covers it.
- `brackets`: a bracket of the source is kept (only a missing one is reported: a
  translation rightly adds one to spell out an acronym, «ОПР (ODA)»).
- `urls`, `emails`: an address is copied, not translated or broken.
- `doublespacing`, `startwhitespace`, `endwhitespace`, `newlines`, `tabs`: stray white
  space, which a PDF or DOCX shows as a gap or a break.
- `doublewords`: "the the", "в в", the commonest slip of a fast translator.
- `escapes`: a backslash escape the source has, and only that.
- `endpunc`: the sentence ends as the source does (a full stop, a question mark).
  Not for Korean, whose brief is written in noun-final style (개조식) without one.

Left out, and why: `accelerators` (interface menus, not prose: a "&" in a name is no
accelerator), `acronyms` (Cyrillic rightly transliterates BISHKEK to БИШКЕК; the
glossary says which names stay in Latin), `doublequoting`/`singlequoting` (each locale
has its own quotation marks, «» and “”), `unchanged` (names are rightly unchanged),
`startcaps`/`simplecaps` (capitalisation differs by language), `puncspacing` (French
spacing rules), `sentencecount` (translators rightly split and join sentences),
`long`/`short` (a translation's length differs by language), `printf`, `variables`,
`xmltags` (our own checks in `pipeline.i18n.checks` know this project's placeholders
and markup).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import Problem

CHECKS = (
    "numbers",
    "brackets",
    "urls",
    "emails",
    "doublespacing",
    "startwhitespace",
    "endwhitespace",
    "newlines",
    "tabs",
    "doublewords",
    "escapes",
    "endpunc",
)
NOT_FOR = {"numbers": {"ko"}, "endpunc": {"ko"}}
_DECIMAL_COMMA = {"ru", "ky"}
_GROUPED = re.compile(r"(?<=\d)[\u00a0\u202f ](?=\d{3}(?!\d))")
_COMMA = re.compile(r"(?<=\d),(?=\d)")


def catalog_problems(path: Path, messages: Iterable, language: str) -> list[Problem]:
    """Every chosen pofilter check that fails, per translated entry, with its line."""
    base = language.split("-")[0]
    checker = _checker(base)
    problems = []
    for message in messages:
        if not (isinstance(message.id, str) and isinstance(message.string, str)):
            continue  # plural forms: a PO editor's checks see all of them at once
        if not message.id or not message.string or message.fuzzy:
            continue
        label = message.context or f'msgid "{message.id[:37]}"'
        for name, text in _failures(checker, base, message.id, message.string):
            problems.append(Problem(path, message.lineno, label, f"pofilter {name}: {text}"))
    return problems


def _failures(checker, language: str, source: str, translation: str):
    from translate.filters.checks import FilterFailure

    for name in CHECKS:
        if language in NOT_FOR.get(name, ()):
            continue
        target = _as_source_numbers(translation) if name == "numbers" else translation
        if name == "numbers" and language not in _DECIMAL_COMMA:
            target = translation
        try:
            passed = getattr(checker, name)(source, target)
        except FilterFailure as failure:
            message = str(failure)
            if name == "brackets" and not message.startswith("Missing"):
                continue
            yield name, message
            continue
        if passed is False:
            yield name, "fails"


def _as_source_numbers(text: str) -> str:
    """63,5 and 1 000 (Russian, Kyrgyz) written as the English source writes them."""
    return _COMMA.sub(".", _GROUPED.sub("", text))


@functools.cache
def _checker(language: str):
    from translate.filters import checks

    return checks.StandardChecker(checkerconfig=checks.CheckerConfig(targetlanguage=language))
