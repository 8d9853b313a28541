"""Language codes as BCP 47 writes them, and the usual mistakes with them.

A catalog's `Language`, its folder under `locales/`, a content file's `language` and
the pack settings' `locales` all name a language. A country code in its place (`kg`
for Kyrgyz, `kr` for Korean, `ua` for Ukrainian) reads naturally and is wrong: some
of them are other languages' codes (`kg` is Kongo, `kr` Kanuri), so neither the
syntax nor CLDR would catch them. They are refused here first, with the code meant.

Low level on purpose: the content model checks its `language` field with it, and
content sits below every stage that knows about catalogs.
"""

from __future__ import annotations

import re

PSEUDO_TAG = "en-XA"
"""The pseudo-locale: well-formed BCP 47 (XA is a private-use region) but not in CLDR."""

# Country (or obsolete) codes written where the language's code belongs.
USUAL_MISTAKES = {
    "kg": "ky",  # Kyrgyzstan -> Kyrgyz
    "kr": "ko",  # Korea -> Korean
    "ua": "uk",  # Ukraine -> Ukrainian
    "cz": "cs",  # Czechia -> Czech
    "jp": "ja",  # Japan -> Japanese
    "kz": "kk",  # Kazakhstan -> Kazakh
    "tj": "tg",  # Tajikistan -> Tajik
    "tm": "tk",  # Turkmenistan -> Turkmen
    "ge": "ka",  # Georgia -> Georgian
    "by": "be",  # Belarus -> Belarusian
    "cn": "zh",  # China -> Chinese
    "dk": "da",  # Denmark -> Danish
    "gr": "el",  # Greece -> Greek
    "ee": "et",  # Estonia -> Estonian (ee is Ewe)
    "se": "sv",  # Sweden -> Swedish (se is Northern Sami)
    "rs": "sr",  # Serbia -> Serbian
    "vn": "vi",  # Vietnam -> Vietnamese
    "il": "he",  # Israel -> Hebrew
    "iw": "he",  # withdrawn code
    "in": "id",  # withdrawn code
    "ji": "yi",  # withdrawn code
    "mo": "ro",  # withdrawn code
}

# RFC 5646 langtag, the parts this project can meet: language, script, region, variants.
_SYNTAX = re.compile(
    r"(?P<language>[a-z]{2,3})"
    r"(?:-(?P<script>[A-Z][a-z]{3}))?"
    r"(?:-(?P<region>[A-Z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
)


def tag_problem(code: str) -> str | None:
    """Why `code` is not a language tag this project accepts, with the fix; None if it is."""
    if code == PSEUDO_TAG:
        return None
    shown = repr(code) if len(code) <= 40 else repr(code[:40]) + "..."
    language = code.replace("_", "-").split("-")[0].lower()
    if language in USUAL_MISTAKES:
        meant = USUAL_MISTAKES[language]
        return (
            f"{shown} is a country code or a withdrawn one, not the language's:"
            f" write {meant!r} ({_name(meant)})"
        )
    if "_" in code:
        return (
            f"{shown} is not BCP 47: write {code.replace('_', '-')!r} (a hyphen, not an underscore)"
        )
    if not _SYNTAX.fullmatch(code):
        return (
            f"{shown} is not a BCP 47 language tag: write the language in lower case,"
            " then optionally a script and a region, e.g. 'ru', 'ko', 'sr-Latn', 'pt-BR'"
        )
    if not _known(code):
        return f"{shown} is no language CLDR knows: check the code (ISO 639-1, e.g. 'ky', 'ko')"
    return None


def _known(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _name(code: str) -> str:
    from babel import Locale

    return Locale("en").languages.get(code, code)
