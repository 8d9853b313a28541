"""Reading and writing the PO catalogs, and turning them into gettext objects."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import atomic
from pipeline.i18n import PSEUDO_LOCALE, SOURCE_LOCALE
from pipeline.i18n.pseudo import PseudoTranslations
from pipeline.paths import PROJECT_ROOT

if TYPE_CHECKING:  # Babel's catalog machinery is imported only where catalogs are read
    from babel.messages.catalog import Catalog
    from babel.support import Translations

LOCALES_DIR = PROJECT_ROOT / "locales"
DOMAIN = "messages"
PROJECT = "briefing-pipeline"
HEADER = """\
# Translations of the briefing pipeline. Edit with a PO editor (Poedit, Weblate), or
# round-trip through `briefing strings export` / `briefing strings import`.
# Check with `briefing strings check` before committing.
#"""
# Catalog headers carry dates; a fixed one keeps regenerated files identical.
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def interface_template(root: Path = LOCALES_DIR) -> Path:
    return root / f"{DOMAIN}.pot"


def interface_catalog(locale: str, root: Path = LOCALES_DIR) -> Path:
    return root / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def content_template(slug: str, root: Path = LOCALES_DIR) -> Path:
    return root / "content" / f"{slug}.pot"


def content_catalog(locale: str, slug: str, root: Path = LOCALES_DIR) -> Path:
    return root / locale / "content" / f"{slug}.po"


def read(path: Path, locale: str | None = None) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        return read_po(stream, locale=locale, abort_invalid=True)


def write(path: Path, catalog: Catalog) -> None:
    """Write a catalog atomically, without the volatile creation date, so diffs stay quiet."""
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=100, omit_header=False, sort_output=False, include_previous=True
    )
    text = b"\n".join(
        line
        for line in buffer.getvalue().split(b"\n")
        if not line.startswith(b'"POT-Creation-Date:')
    )
    atomic.write_bytes(path, text)


def new_catalog(locale: str | None) -> Catalog:
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=locale,
        project=PROJECT,
        version=None,
        fuzzy=False,
        creation_date=_EPOCH,
        revision_date=_EPOCH,
        copyright_holder=None,
        msgid_bugs_address=None,
        last_translator=None,
        language_team=None,
    )


@functools.cache
def interface_translations(locale: str, root: Path = LOCALES_DIR) -> gettext.NullTranslations:
    """gettext for the interface strings of `locale`; English source text where untranslated."""
    return translations_for(locale, interface_mo(locale, root))


@functools.cache
def interface_mo(locale: str, root: Path = LOCALES_DIR) -> bytes | None:
    """The compiled interface catalog of `locale` (bytes travel to workers; objects do not)."""
    path = interface_catalog(locale, root)
    if locale in (SOURCE_LOCALE, PSEUDO_LOCALE) or not path.is_file():
        return None
    return compiled_mo(read(path, locale))


def translations_for(locale: str, mo: bytes | None) -> gettext.NullTranslations:
    from babel.support import Translations

    if locale == PSEUDO_LOCALE:
        return PseudoTranslations()
    if mo is None:
        return gettext.NullTranslations()
    return Translations(fp=io.BytesIO(mo), domain=DOMAIN)


def compiled_mo(catalog: Catalog) -> bytes:
    """Only complete, non-fuzzy translations reach a document."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compiled(catalog: Catalog) -> Translations:
    from babel.support import Translations

    return Translations(fp=io.BytesIO(compiled_mo(catalog)), domain=DOMAIN)
