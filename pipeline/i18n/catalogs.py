"""Reading and writing the PO catalogs, and turning them into gettext objects."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import atomic
from pipeline.errors import ContentError, Problem
from pipeline.i18n import PSEUDO_LOCALE, previous
from pipeline.i18n.pseudo import PseudoTranslations

if TYPE_CHECKING:  # Babel's catalog machinery is imported only where catalogs are read
    from babel.messages.catalog import Catalog
    from babel.support import Translations

DOMAIN = "messages"
PROJECT = "briefing-pipeline"
HEADER = """\
# Translations of the briefing pipeline. Edit with a PO editor (Poedit, Weblate), or
# round-trip through `briefing strings export` / `briefing strings import`.
# Check with `briefing strings check` before committing.
#"""
# Catalog headers carry dates; a fixed one keeps regenerated files identical.
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
MAX_CATALOG_BYTES = 64 * 2**20
# CLDR's most (Arabic has six); Babel allocates every plural entry's forms as it reads them.
MAX_PLURAL_FORMS = 6
# Header fields of the project's own: who translated, and whether a professional reviewed it.
TRANSLATOR = "X-Translator"
REVIEW_STATUS = "X-Review-Status"
NOT_REVIEWED, REVIEWED = "not reviewed", "reviewed"
REVIEW_STATES = (NOT_REVIEWED, REVIEWED)


# Every path below is inside a `locales/` folder the caller names: the project's (its
# content catalogs and interface overrides) or the package's built-in one.


def interface_template(root: Path) -> Path:
    return root / f"{DOMAIN}.pot"


def interface_catalog(locale: str, root: Path) -> Path:
    return root / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def content_template(slug: str, root: Path) -> Path:
    return root / "content" / f"{slug}.pot"


def content_catalog(locale: str, slug: str, root: Path) -> Path:
    return root / locale / "content" / f"{slug}.po"


def read(path: Path, locale: str | None = None) -> Catalog:
    """The catalog in `path`; a file Babel cannot read raises ContentError naming file and line."""
    from babel.messages.pofile import PoFileError, PoFileParser

    try:
        data = atomic.read_bytes(path, MAX_CATALOG_BYTES)
    except OSError as error:
        raise _unreadable(path, None, f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_CATALOG_BYTES:
        raise _unreadable(path, None, f"is larger than {MAX_CATALOG_BYTES // 2**20} MiB")
    catalog = _catalog_class()(locale=locale)
    try:
        PoFileParser(catalog, ignore_obsolete=False, abort_invalid=True).parse(io.BytesIO(data))
    except HeaderError as error:
        raise _unreadable(path, _header_line(data, error.field), str(error)) from None
    except PoFileError as error:
        header = error.__context__
        if isinstance(header, HeaderError):
            raise _unreadable(path, _header_line(data, header.field), str(header)) from None
        message = str(error).removesuffix(f" on {error.lineno}")
        raise _unreadable(path, error.lineno + 1, f"is not a valid PO file: {message}") from None
    except LookupError as error:  # the header names a charset Python does not know
        raise _unreadable(
            path,
            _header_line(data, "Content-Type"),
            f"Content-Type: {error}; save the file as UTF-8 and say charset=UTF-8",
        ) from None
    except UnicodeDecodeError as error:
        raise _undecodable(path, data, error) from None
    if b"\n#| msgid" in data:
        previous.read(data.decode(catalog.charset or "utf-8", "replace"), catalog)
    return catalog


class HeaderError(ValueError):
    """A PO header field that Babel or gettext would trip over later."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


@functools.cache
def _catalog_class() -> type[Catalog]:
    from babel.messages.catalog import Catalog

    class CheckedCatalog(Catalog):
        """Refuses a bad header as it is read, before a plural entry allocates its forms.

        Keeps the project's own `X-` fields (who translated, whether it was reviewed),
        which Babel would drop when the catalog is written back.
        """

        own_headers: dict[str, str]

        def _set_mime_headers(self, headers) -> None:
            self.own_headers = {}
            for name, value in headers:
                _check_own_header(str(name), str(value))
                if str(name).lower().startswith("x-"):
                    self.own_headers[_own_header_name(str(name))] = str(value).strip()
                    continue
                try:
                    super()._set_mime_headers([(name, value)])
                except ValueError as error:
                    raise HeaderError(str(name).title(), str(error)) from None
            if self._num_plurals is not None and not 0 < self._num_plurals <= MAX_PLURAL_FORMS:
                raise HeaderError(
                    "Plural-Forms",
                    f"nplurals={self._num_plurals}; a language has 1 to {MAX_PLURAL_FORMS}",
                )

        def _get_mime_headers(self) -> list[tuple[str, str]]:
            # After Babel's fields, as PO editors put them; the last value carries the
            # header's closing newline (Babel's own last field has it).
            fields = super()._get_mime_headers()
            own = list(getattr(self, "own_headers", {}).items())
            if not own:
                return fields
            (name, value), (last, last_value) = fields[-1], own[-1]
            return [*fields[:-1], (name, value.rstrip("\n")), *own[:-1], (last, last_value + "\n")]

        mime_headers = property(_get_mime_headers, _set_mime_headers)

    return CheckedCatalog


def _own_header_name(name: str) -> str:
    known = {field.lower(): field for field in (TRANSLATOR, REVIEW_STATUS)}
    return known.get(name.lower(), name)


def _check_own_header(name: str, value: str) -> None:
    """The header fields whose values the pipeline acts on: a language tag, a review state."""
    from pipeline.language_tags import tag_problem

    field = name.lower()
    if field == "language" and value.strip() and (problem := tag_problem(value.strip())):
        raise HeaderError("Language", problem)
    if field == REVIEW_STATUS.lower() and value.strip() not in REVIEW_STATES:
        raise HeaderError(
            REVIEW_STATUS,
            f"{value.strip()!r} is not a review status; write one of: {', '.join(REVIEW_STATES)}",
        )


def review_status(catalog: Catalog) -> str | None:
    """The catalog's X-Review-Status (`not reviewed` or `reviewed`), None where it has none."""
    return getattr(catalog, "own_headers", {}).get(REVIEW_STATUS)


def translator(catalog: Catalog) -> str | None:
    return getattr(catalog, "own_headers", {}).get(TRANSLATOR)


def _header_line(data: bytes, field: str) -> int | None:
    match = re.search(rb'^"' + re.escape(field.encode()) + rb":", data, re.M | re.I)
    return data.count(b"\n", 0, match.start()) + 1 if match else None


def _undecodable(path: Path, data: bytes, error: UnicodeDecodeError) -> ContentError:
    line = next(
        (
            number
            for number, text in enumerate(data.split(b"\n"), start=1)
            if not _decodes(text, error.encoding)
        ),
        None,
    )
    return _unreadable(
        path, line, f"is not valid {error.encoding} (its charset header); save it as UTF-8"
    )


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _unreadable(path: Path, line: int | None, message: str) -> ContentError:
    return ContentError([Problem(path, line, None, message)])


def write(path: Path, catalog: Catalog) -> None:
    """Write a catalog atomically, without the volatile creation date, so diffs stay quiet."""
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    # Babel wraps a long previous msgid into lines msgfmt cannot read: written below instead.
    write_po(
        buffer, catalog, width=100, omit_header=False, sort_output=False, include_previous=False
    )
    text = b"\n".join(
        line
        for line in buffer.getvalue().split(b"\n")
        if not line.startswith(b'"POT-Creation-Date:')
    )
    atomic.write_bytes(path, previous.written(text, catalog))


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
def interface_translations(locale: str, roots: tuple[Path, ...]) -> gettext.NullTranslations:
    """gettext for the interface strings of `locale`; English source text where untranslated."""
    return translations_for(locale, interface_mo(locale, roots))


@functools.cache
def interface_mo(locale: str, roots: tuple[Path, ...]) -> bytes | None:
    """The compiled interface catalog of `locale` (bytes travel to workers; objects do not).

    `roots` are locales folders, most specific first (a project's, then the built-in
    one): see `merged_interface`.
    """
    catalog = merged_interface(locale, roots)
    return None if catalog is None else compiled_mo(catalog)


def interface_files(locale: str, roots: tuple[Path, ...]) -> list[Path]:
    """The interface catalogs of `locale` that exist, most specific first."""
    if locale == PSEUDO_LOCALE:
        return []
    return [path for root in roots if (path := interface_catalog(locale, root)).is_file()]


def merged_interface(locale: str, roots: tuple[Path, ...]) -> Catalog | None:
    """The interface catalog of `locale`, message by message from the most specific file.

    The least specific catalog (the built-in one) gives the header and every message;
    each more specific one adds messages or overrides them, but only with a complete,
    non-fuzzy translation: a desk's empty or fuzzy entry leaves the built-in one in place.
    An English catalog is used only where a project has one (the source text is English).
    """
    files = interface_files(locale, roots)
    if not files:
        return None
    merged = read(files[-1], locale)
    for path in reversed(files[:-1]):
        for message in read(path, locale):
            if message.id and not message.fuzzy and _complete(message.string):
                _override(merged, message)
    return merged


def _override(catalog: Catalog, message) -> None:
    # Babel's `catalog[id] = message` keeps an existing entry's string, so set it here.
    current = catalog.get(message.id, context=message.context)
    if current is None:
        catalog[message.id] = message
        return
    current.id, current.string = message.id, message.string
    current.flags.discard("fuzzy")


def _complete(string: object) -> bool:
    return all(string) if isinstance(string, tuple | list) else bool(string)


def translations_for(locale: str, mo: bytes | None) -> gettext.NullTranslations:
    if locale == PSEUDO_LOCALE:
        return PseudoTranslations()
    if mo is None:
        return gettext.NullTranslations()
    from babel.support import Translations

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


def formatting(translations: gettext.NullTranslations) -> tuple[Callable, Callable]:
    """gettext and ngettext that format as the templates' (Jinja's newstyle) ones do.

    Every translation is a format string, placeholders or not: `%%` is a percent
    sign in every output format, and `strings check` has one rule to enforce.
    """

    def format_gettext(message: str, /, **values: object) -> str:
        return translations.gettext(message) % values

    def format_ngettext(singular: str, plural: str, number: int, /, **values: object) -> str:
        values.setdefault("num", number)
        return translations.ngettext(singular, plural, number) % values

    return format_gettext, format_ngettext
