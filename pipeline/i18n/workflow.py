"""The translator's workflow: extract, update, check, status (the `briefing strings` commands).

Every step works on one project's `locales/`. The package's own checkout extracts its
interface strings from the code and templates; a desk project takes the built-in
interface template and keeps only its overrides in its own interface catalogs, so
`update` leaves those as the desk wrote them and refreshes its content catalogs.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import clock
from pipeline.errors import ContentError, Problem
from pipeline.i18n import SHIPPED_LOCALES, SOURCE_LOCALE, TRANSLATED_LOCALES
from pipeline.i18n import catalogs as cat
from pipeline.i18n.stale import by_key, stamp_changes, state
from pipeline.language_tags import tag_problem
from pipeline.project import BUILTIN_LOCALES, Project

# A build imports this module for `require_valid` alone: Babel's catalog class, the
# segments, the memory and the checks are imported by the steps that use them.
if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

    from pipeline.content.loader import LoadedInterview
    from pipeline.i18n.memory import Prefilled


def extract_interface(root: Path) -> Catalog:
    """Every interface string of the code and templates under `root` (the package's
    checkout), as Babel finds them via its babel.cfg."""
    # Babel's extraction code is for `make strings`: every build imports this module.
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

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


def interface_template(project: Project) -> Path:
    """The interface strings' template: the project's own if it has one, else the built-in."""
    own = cat.interface_template(project.locales)
    return (
        own
        if project.is_source_checkout or own.is_file()
        else cat.interface_template(BUILTIN_LOCALES)
    )


def templates(sources: Sequence[LoadedInterview], project: Project) -> dict[Path, Catalog]:
    """The content template of each interview (and, in the package's checkout, the
    interface template), by the path each belongs at."""
    from pipeline.i18n.segments import template_for

    found = {}
    if project.is_source_checkout:
        found[cat.interface_template(project.locales)] = extract_interface(project.root)
    for source in sources:
        path = cat.content_template(source.interview.slug, project.locales)
        found[path] = template_for(source, project.root)
    return found


def extract(sources: Sequence[LoadedInterview], project: Project) -> list[Path]:
    """Write the templates of `templates`."""
    written = []
    for path, catalog in templates(sources, project).items():
        cat.write(path, catalog)
        written.append(path)
    return written


def update(
    sources: Sequence[LoadedInterview],
    project: Project,
    locales: Sequence[str] = TRANSLATED_LOCALES,
) -> list[Path]:
    """Merge the templates into every locale's catalogs; translations are kept, changed ones go fuzzy."""
    return update_catalogs(sources, project, locales).written


@dataclass
class UpdateReport:
    written: list[Path] = field(default_factory=list)
    prefilled: dict[str, Prefilled] = field(default_factory=dict)
    """Per locale: entries filled from the translation memory (other interviews)."""
    stale: dict[str, int] = field(default_factory=dict)
    """Per locale: translations whose source changed in this update."""


def update_catalogs(
    sources: Sequence[LoadedInterview],
    project: Project,
    locales: Sequence[str] = TRANSLATED_LOCALES,
) -> UpdateReport:
    """`update`, with what the translation memory filled and which sources changed.

    A changed source keeps its old translation as fuzzy, dated today (see
    `pipeline.i18n.stale`); an empty content entry is filled from the other
    interviews' catalogs (see `pipeline.i18n.memory`).
    """
    root = project.locales
    pairs: list[tuple[Path, Callable[[str], Path], str | None]] = []
    if project.is_source_checkout:
        pairs.append(
            (
                cat.interface_template(root),
                functools.partial(cat.interface_catalog, root=root),
                None,
            )
        )
    for source in sources:
        slug = source.interview.slug
        pairs.append(
            (
                cat.content_template(slug, root),
                functools.partial(cat.content_catalog, slug=slug, root=root),
                slug,
            )
        )
    from pipeline.i18n import previous
    from pipeline.i18n.memory import Prefilled

    report = UpdateReport()
    today = clock.build_time().date()
    for template_path, target_of, interview in pairs:
        template = cat.read(template_path)
        for locale in locales:
            target = target_of(locale)
            old = cat.read(target, locale) if target.is_file() else None
            catalog = cat.read(target, locale) if old is not None else cat.new_catalog(locale)
            catalog.update(template, update_header_comment=False, update_creation_date=False)
            catalog.obsolete.clear()  # the old text survives as the fuzzy entry's previous msgid
            previous.carry_over(old, catalog)
            report.stale[locale] = report.stale.get(locale, 0) + stamp_changes(old, catalog, today)
            if interview is not None:
                from pipeline.i18n.memory import memory, prefill

                filled = prefill(catalog, memory(locale, root, but=interview))
                report.prefilled[locale] = report.prefilled.get(locale, Prefilled()) + filled
            cat.write(target, catalog)
            report.written.append(target)
    return report


def check(
    project: Project, locales: Sequence[str] = SHIPPED_LOCALES, terminology: bool = False
) -> list[Problem]:
    """Every problem of the project's catalogs (English has some only where a desk
    overrides the interface's English wording).

    `terminology` adds the glossary and translate-toolkit's prose checks (`briefing
    strings check`): findings for a translator, which do not stop a build.
    """
    problems = _locale_folder_problems(project.locales)
    glossary = None
    if terminology:  # a build checks only what keeps it safe: no glossary, no pofilter
        from pipeline.i18n.glossary import catalog_problems as glossary_problems
        from pipeline.i18n.glossary import load as load_glossary
        from pipeline.i18n.prose_checks import catalog_problems as prose_problems

        glossary = load_glossary(project.glossary)
    for locale in locales:
        interface = cat.interface_catalog(locale, project.locales)
        for path in sorted((project.locales / locale).rglob("*.po")):
            from pipeline.i18n.checks import check_catalog

            found = check_catalog(path, interface=path == interface)
            problems += found
            if glossary is not None and not found and locale != SOURCE_LOCALE:
                messages = list(cat.read(path, locale))
                problems += glossary_problems(path, messages, locale, glossary)
                problems += prose_problems(path, messages, locale)
    return problems


def _locale_folder_problems(root: Path) -> list[Problem]:
    """A folder of catalogs must be named by a language tag (`ky`, not `kg`); the shipped
    locales' are (asking CLDR about them would import Babel on every build)."""
    if not root.is_dir():
        return []
    return [
        Problem(folder, None, "locale folder", problem)
        for folder in sorted(root.iterdir())
        if folder.is_dir()
        and folder.name not in ("content", *SHIPPED_LOCALES)
        and any(folder.rglob("*.po"))
        and (problem := tag_problem(folder.name))
    ]


def require_valid(project: Project, locales: Sequence[str]) -> None:
    """Refuse to build with a catalog that fails its checks."""
    problems = check(project, [locale for locale in locales if locale in SHIPPED_LOCALES])
    if problems:
        raise ContentError(problems)


@dataclass(frozen=True)
class Counts:
    """Passages by how a catalog holds them (see `pipeline.i18n.stale.state`)."""

    translated: int = 0
    stale: int = 0
    """Translated once; the source changed since (shown in the source, with a notice)."""
    fuzzy: int = 0
    """A draft waiting for a translator: a near match of the translation memory, say."""
    untranslated: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.translated + other.translated,
            self.stale + other.stale,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
        )

    @property
    def total(self) -> int:
        return self.translated + self.stale + self.fuzzy + self.untranslated

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
    project: Project,
    locales: Sequence[str] = TRANSLATED_LOCALES,
) -> list[LocaleStatus]:
    """Translated, fuzzy and untranslated strings per locale, against the current templates.

    Interface strings count as the notes get them: the project's overrides over the
    built-in catalog."""
    from pipeline.i18n.segments import template_for

    interface_ids = _ids(cat.read(interface_template(project)))
    rows = []
    for locale in locales:
        merged = cat.merged_interface(locale, project.interface_catalog_dirs)
        interface = _counts(merged, interface_ids)
        content = Counts()
        for source in sources:
            template = template_for(source, project.root)
            path = cat.content_catalog(locale, source.interview.slug, project.locales)
            content += _counts(cat.read(path, locale) if path.is_file() else None, _ids(template))
        rows.append(LocaleStatus(locale, interface, content))
    return rows


def _ids(catalog: Catalog) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


def _counts(catalog: Catalog | None, wanted: set[tuple[str | None, str]]) -> Counts:
    keyed = by_key(catalog)
    kinds = Counter(
        state(catalog, keyed, context, message_id).kind
        if context is not None
        else _interface_state(catalog, message_id)
        for context, message_id in wanted
    )
    return Counts(kinds["translated"], kinds["stale"], kinds["fuzzy"], kinds["untranslated"])


def _interface_state(catalog: Catalog | None, message_id: str) -> str:
    message = catalog.get(message_id) if catalog is not None else None
    strings = message.string if message is not None else ""
    if message is None or not all(strings if isinstance(strings, tuple) else (strings,)):
        return "untranslated"
    return "fuzzy" if message.fuzzy else "translated"


@dataclass(frozen=True)
class Review:
    locale: str
    slug: str
    status: str | None
    """X-Review-Status: `not reviewed`, `reviewed`, or None where the header has none."""
    translator: str | None


def reviews(
    sources: Sequence[LoadedInterview],
    project: Project,
    locales: Sequence[str] = TRANSLATED_LOCALES,
) -> list[Review]:
    """Who translated each content catalog, and whether it was reviewed."""
    found = []
    for locale in locales:
        for source in sources:
            slug = source.interview.slug
            path = cat.content_catalog(locale, slug, project.locales)
            if path.is_file():
                catalog = cat.read(path, locale)
                found.append(
                    Review(locale, slug, cat.review_status(catalog), cat.translator(catalog))
                )
    return found
