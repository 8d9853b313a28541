"""Translations come from outside the team: check every catalog before a build uses it.

Three layers: GNU `msgfmt --check` (syntax, headers, printf formats where flagged);
our own rules, which msgfmt does not know (the same placeholders as the source, no
markup the source does not have, every plural form filled, text a page can hold);
and a trial: the catalog is read, compiled and loaded exactly as a build does it.

Interface strings are format strings everywhere they are used: the templates'
gettext (Jinja's newstyle i18n) and the DOCX writer apply `%` to every one of
them, with or without placeholders. So a msgstr may use exactly the conversions
its msgid uses, and a percent sign is written `%%`. Content segments are never
formatted; a `%` in them is text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from pipeline.errors import ContentError, Problem
from pipeline.text import (
    MAX_WORD_CHARS,
    forbidden_characters,
    line_separators,
    overlong_word_length,
)

_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|\{[A-Za-z_]\w*\}|@@[a-z]+@@")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&[A-Za-z#][\w#]*;|javascript:", re.I)
# Python's printf grammar without `*` (a mapping cannot supply it) and length modifiers.
_CONVERSION = re.compile(
    r"%(?:\((?P<name>[^()]*)\))?[-#0 +]*\d*(?:\.\d+)?(?P<type>[diouxXeEfFgGcrsa%])"
)
# gettext picks a plural form by evaluating the catalog's expression for each count.
_PLURAL_TRIALS = range(1000)


def check_catalog(path: Path, interface: bool | None = None) -> list[Problem]:
    """Every problem of one PO file, each with its line and msgid (or field path).

    `interface` says whether its strings are format strings; by default, those of
    an LC_MESSAGES catalog are.
    """
    from pipeline.i18n.catalogs import read

    if interface is None:
        interface = path.parent.name == "LC_MESSAGES"
    problems = _msgfmt(path)
    try:
        catalog = read(path)
    except ContentError as error:
        return problems + error.problems
    problems += _loading_problems(path, catalog)
    for message in catalog:
        if not message.id or not message.string:
            continue
        sources, translations = _forms(message.id), _forms(message.string)
        label = message.context or f'msgid "{_short(sources[0])}"'
        problems += [
            Problem(path, message.lineno, label, text)
            for text in _message_problems(sources, translations, catalog.num_plurals, interface)
        ]
    return problems


def _forms(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A message's text as its forms: one, or one per plural form."""
    return (value,) if isinstance(value, str) else tuple(value)


def _loading_problems(path: Path, catalog) -> list[Problem]:
    """A build compiles the catalog and gettext parses the result: that must work here first."""
    from pipeline.i18n.catalogs import compiled

    try:
        translations = compiled(catalog)
        for count in _PLURAL_TRIALS:
            translations.plural(count)
    except (ValueError, LookupError, ArithmeticError, RecursionError) as error:
        return [Problem(path, None, "Plural-Forms or Content-Type", f"gettext fails: {error}")]
    return []


def _message_problems(
    sources: tuple[str, ...], translations: tuple[str, ...], plurals: int, interface: bool
) -> list[str]:
    found = []
    if len(sources) > 1 and any(translations) and not all(translations[:plurals]):
        found.append(f"needs all {plurals} plural forms filled, or none")
    markup_allowed = set(_MARKUP.findall(" ".join(sources)))
    for translation in dict.fromkeys(filter(None, translations)):
        placeholders = _format_problems if interface else _marker_problems
        found += placeholders(sources, translation)
        found += _text_problems(translation)
        added = set(_MARKUP.findall(translation)) - markup_allowed
        if added:
            found.append(f"adds markup the source does not have: {', '.join(sorted(added))}")
    return found


def _format_problems(sources: tuple[str, ...], translation: str) -> list[str]:
    """The conversions a renderer's `%` would meet: the source's, nothing else."""
    expected = [token for source in sources for token in conversions(source)[0]]
    tokens, strays = conversions(translation)
    found = []
    if strays:
        at = ", ".join(str(index + 1) for index in strays)
        found.append(f"has a stray % at character {at}; write %% for a percent sign")
    # A plural form may leave its number implicit ("one file"); nothing may be invented.
    missing = sorted(set(expected) - set(tokens)) if len(sources) == 1 else []
    extra = sorted(set(tokens) - set(expected))
    if missing or extra:
        found.append(f"placeholders differ from the source ({_difference(missing, extra)})")
    if not strays and not extra:
        names = {m["name"] for token in expected if (m := _CONVERSION.match(token)) and m["name"]}
        try:
            translation % dict.fromkeys(names, 1)
        except (ValueError, TypeError, KeyError) as error:
            found.append(f"is not a format string Python can apply: {error}")
    return found


def conversions(text: str) -> tuple[list[str], list[int]]:
    """The printf conversions of `text` (`%%` excluded), and where a `%` starts none."""
    tokens, strays, position = [], [], 0
    while (start := text.find("%", position)) >= 0:
        match = _CONVERSION.match(text, start)
        if match is None or (match["type"] == "%" and match.group() != "%%"):
            strays.append(start)
            position = start + 1
            continue
        if match.group() != "%%":
            tokens.append(match.group())
        position = match.end()
    return tokens, strays


def _marker_problems(sources: tuple[str, ...], translation: str) -> list[str]:
    """Content is not formatted; its placeholders and markers are kept, not invented."""
    expected = set(_PLACEHOLDER.findall(" ".join(sources)))
    placeholders = set(_PLACEHOLDER.findall(translation))
    missing = sorted(expected - placeholders) if len(sources) == 1 else []
    extra = sorted(placeholders - expected)
    if missing or extra:
        return [f"placeholders differ from the source ({_difference(missing, extra)})"]
    return []


def _difference(missing: list[str], extra: list[str]) -> str:
    return "; ".join(
        filter(
            None,
            [
                f"missing {', '.join(missing)}" if missing else "",
                f"unknown {', '.join(extra)}" if extra else "",
            ],
        )
    )


def _text_problems(translation: str) -> list[str]:
    """What no output format can hold, as the content loader refuses it too."""
    found = []
    forbidden = list(dict.fromkeys(forbidden_characters(translation)))
    if forbidden:
        found.append(f"contains characters no document can hold: {', '.join(forbidden)}")
    if separators := list(dict.fromkeys(line_separators(translation))):
        found.append(
            f"contains line separators ({', '.join(separators)}) that no page can lay out"
            " inside a line: write the string on one line"
        )
    if length := overlong_word_length(translation):
        found.append(
            f"has a word of {length:,} characters with no space in it; at most"
            f" {MAX_WORD_CHARS:,} can be laid out on a page"
        )
    return found


def _msgfmt(path: Path) -> list[Problem]:
    if shutil.which("msgfmt") is None:
        return [
            Problem(
                path,
                None,
                None,
                "cannot be checked: msgfmt (Debian package gettext) is not installed",
            )
        ]
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)],
        capture_output=True,
        text=True,
        errors="replace",  # msgfmt quotes the file's own bytes, whatever their encoding
    )
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", line)
        if match:
            problems.append(Problem(path, int(match.group(1)), None, f"msgfmt: {match.group(2)}"))
        elif "fatal error" not in line and line.strip():
            problems.append(Problem(path, None, None, f"msgfmt: {line.strip()}"))
    return problems or [Problem(path, None, None, "msgfmt --check failed")]


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
