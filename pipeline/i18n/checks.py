"""Translations come from outside the team: check every catalog before a build uses it.

Two layers: GNU `msgfmt --check` (syntax, headers, printf formats) and our own
rules, which msgfmt does not know: the same placeholders as the source, no
markup the source does not have, every plural form filled.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from babel.messages.pofile import PoFileError

from pipeline.errors import Problem

_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|\{[A-Za-z_]\w*\}|@@[a-z]+@@")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&[A-Za-z#][\w#]*;|javascript:", re.I)


def check_catalog(path: Path) -> list[Problem]:
    """Every problem of one PO file, each with its line."""
    from pipeline.i18n.catalogs import read

    problems = _msgfmt(path)

    try:
        catalog = read(path)
    except (PoFileError, ValueError) as error:
        return [Problem(path, None, None, f"cannot be read: {error}")]
    for message in catalog:
        if not message.id or not message.string:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        label = message.context or _short(sources[0])
        problems += [
            Problem(path, message.lineno, label, text)
            for text in _message_problems(sources, translations, catalog.num_plurals)
        ]
    return problems


def _message_problems(
    sources: tuple[str, ...], translations: tuple[str, ...], plurals: int
) -> list[str]:
    found = []
    if len(sources) > 1 and any(translations) and not all(translations[:plurals]):
        found.append(f"needs all {plurals} plural forms filled, or none")
    expected = set(_PLACEHOLDER.findall(" ".join(sources)))
    markup_allowed = set(_MARKUP.findall(" ".join(sources)))
    for translation in filter(None, translations):
        placeholders = set(_PLACEHOLDER.findall(translation))
        # A plural form may leave its number implicit ("one file"); nothing may be invented.
        missing = sorted(expected - placeholders) if len(sources) == 1 else []
        extra = sorted(placeholders - expected)
        if missing or extra:
            detail = "; ".join(
                filter(
                    None,
                    [
                        f"missing {', '.join(missing)}" if missing else "",
                        f"unknown {', '.join(extra)}" if extra else "",
                    ],
                )
            )
            found.append(f"placeholders differ from the source ({detail})")
        added = set(_MARKUP.findall(translation)) - markup_allowed
        if added:
            found.append(f"adds markup the source does not have: {', '.join(sorted(added))}")
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
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True
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
