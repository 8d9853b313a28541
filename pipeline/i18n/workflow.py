"""The translator's workflow: extract, update, check, status (the `briefing strings` commands)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from pipeline.content.loader import LoadedInterview
from pipeline.errors import ContentError, Problem
from pipeline.i18n import TRANSLATED_LOCALES
from pipeline.i18n import catalogs as cat
from pipeline.i18n.checks import check_catalog
from pipeline.i18n.segments import template_for
from pipeline.paths import PROJECT_ROOT


def extract_interface(root: Path = PROJECT_ROOT) -> Catalog:
    """Every interface string of the code and templates, as Babel finds them via babel.cfg."""
    with (root / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = cat.new_catalog(None)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        catalog.add(
            message, locations=[(filename, lineno)], auto_comments=comments, context=context
        )
    return catalog


def extract(
    sources: Sequence[LoadedInterview],
    root: Path = PROJECT_ROOT,
    locales_dir: Path | None = None,
) -> list[Path]:
    """Write the interface template and one content template per interview."""
    written = [cat.interface_template(locales_dir)]
    cat.write(written[0], extract_interface(root))
    for source in sources:
        path = cat.content_template(source.interview.slug, locales_dir)
        cat.write(path, template_for(source, root))
        written.append(path)
    return written


def update(
    sources: Sequence[LoadedInterview],
    locales: Sequence[str] = TRANSLATED_LOCALES,
    locales_dir: Path | None = None,
) -> list[Path]:
    """Merge the templates into every locale's catalogs; translations are kept, changed ones go fuzzy."""
    pairs = [
        (
            cat.interface_template(locales_dir),
            lambda locale: cat.interface_catalog(locale, locales_dir),
        )
    ]
    for source in sources:
        slug = source.interview.slug
        pairs.append(
            (
                cat.content_template(slug, locales_dir),
                lambda locale, slug=slug: cat.content_catalog(locale, slug, locales_dir),
            )
        )
    written = []
    for template_path, target_of in pairs:
        template = cat.read(template_path)
        for locale in locales:
            target = target_of(locale)
            catalog = cat.read(target, locale) if target.is_file() else cat.new_catalog(locale)
            catalog.update(template, update_header_comment=False, update_creation_date=False)
            catalog.obsolete.clear()  # the old text survives as the fuzzy entry's previous msgid
            cat.write(target, catalog)
            written.append(target)
    return written


def check(
    locales: Sequence[str] = TRANSLATED_LOCALES, locales_dir: Path | None = None
) -> list[Problem]:
    problems: list[Problem] = []
    for locale in locales:
        interface = cat.interface_catalog(locale, locales_dir)
        for path in sorted((cat.locales_dir(locales_dir) / locale).rglob("*.po")):
            problems += check_catalog(path, interface=path == interface)
    return problems


def require_valid(locales: Sequence[str], locales_dir: Path | None = None) -> None:
    """Refuse to build with a catalog that fails its checks."""
    problems = check([locale for locale in locales if locale in TRANSLATED_LOCALES], locales_dir)
    if problems:
        raise ContentError(problems)


@dataclass(frozen=True)
class Counts:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
        )

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


@dataclass(frozen=True)
class LocaleStatus:
    locale: str
    interface: Counts
    content: Counts

    @property
    def coverage(self) -> float:
        return (self.interface + self.content).percent


def status(
    sources: Sequence[LoadedInterview],
    locales: Sequence[str] = TRANSLATED_LOCALES,
    locales_dir: Path | None = None,
) -> list[LocaleStatus]:
    """Translated, fuzzy and untranslated strings per locale, against the current templates."""
    interface_ids = _ids(cat.read(cat.interface_template(locales_dir)))
    rows = []
    for locale in locales:
        interface = _counts(cat.interface_catalog(locale, locales_dir), interface_ids, locale)
        content = Counts()
        for source in sources:
            template = template_for(source, PROJECT_ROOT)
            content += _counts(
                cat.content_catalog(locale, source.interview.slug, locales_dir),
                _ids(template),
                locale,
            )
        rows.append(LocaleStatus(locale, interface, content))
    return rows


def _ids(catalog: Catalog) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


def _counts(path: Path, wanted: set[tuple[str | None, str]], locale: str) -> Counts:
    if not path.is_file():
        return Counts(untranslated=len(wanted))
    catalog = cat.read(path, locale)
    translated = fuzzy = 0
    for context, message_id in wanted:
        message = catalog.get(message_id, context=context)
        strings = (
            message.string
            if message is not None and isinstance(message.string, tuple)
            else ((message.string,) if message is not None else ("",))
        )
        if message is None or not all(strings):
            continue
        if message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return Counts(translated, fuzzy, len(wanted) - translated - fuzzy)
