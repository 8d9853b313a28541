"""Translation: interface strings (gettext) and content segments, per locale.

Layout under `locales/`:

    messages.pot                              interface strings, extracted from code and templates
    <locale>/LC_MESSAGES/messages.po          their translations
    content/<slug>.pot                        one interview's segments, keyed by field path in msgctxt
    <locale>/content/<slug>.po                their translations

English is the source language and needs no catalog; `en-XA` is a pseudo-locale
generated on the fly to find strings that skip the table and layouts that break.
"""

from __future__ import annotations

from pipeline.errors import UsageError

SOURCE_LOCALE = "en"
PSEUDO_LOCALE = "en-XA"
SHIPPED_LOCALES = ("en", "ru", "ky", "ko")
ALL_LOCALES = (*SHIPPED_LOCALES, PSEUDO_LOCALE)
TRANSLATED_LOCALES = tuple(locale for locale in SHIPPED_LOCALES if locale != SOURCE_LOCALE)


def parse_locales(value: str | None) -> list[str] | None:
    """`ru,ky` -> ["ru", "ky"]; `all` -> every locale; None -> each note's own language."""
    if value is None:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    if names == ["all"]:
        return list(ALL_LOCALES)
    unknown = [name for name in names if name not in ALL_LOCALES]
    if unknown or not names:
        from pipeline.language_tags import tag_problem

        hints = "".join(f" ({hint})" for hint in map(tag_problem, unknown) if hint)
        raise UsageError(
            f"unknown locale {', '.join(unknown) or value!r}; choose from"
            f" {', '.join(ALL_LOCALES)} or all{hints}"
        )
    return list(dict.fromkeys(names))


def babel_locale(locale: str) -> str:
    """The CLDR locale for dates and numbers (the pseudo-locale formats like English)."""
    return SOURCE_LOCALE if locale == PSEUDO_LOCALE else locale.replace("-", "_")
