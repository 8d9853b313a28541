"""Content segments: every translatable text of an interview, keyed by its field path.

The key (`turns[2].answer[1]`, the same path content errors use) goes in the
catalog's msgctxt; the source text is the msgid. A translation applies only
while both match, so an edited source paragraph falls back to the source
language (and `strings update` marks its old translation fuzzy) instead of
showing a stale translation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from babel.messages.catalog import Catalog

from pipeline.content.loader import FieldPath, LoadedInterview, format_field, validate
from pipeline.errors import ContentError, Problem
from pipeline.i18n import PSEUDO_LOCALE
from pipeline.i18n.catalogs import NOT_REVIEWED, review_status
from pipeline.i18n.localization import Localization
from pipeline.i18n.pseudo import pseudo
from pipeline.i18n.stale import by_key, stale_dates, state

# Identifiers, dates, paths and switches: not text a reader reads.
NOT_TRANSLATED = {"slug", "language", "published", "url", "file", "status", "value", "approximate"}


@dataclass(frozen=True)
class Segment:
    id: str
    path: FieldPath
    text: str
    line: int | None


def segments(loaded: LoadedInterview) -> list[Segment]:
    """Every translatable text of the interview, in reading order of the file."""
    data = loaded.interview.model_dump(mode="python", exclude_none=True)
    found: list[Segment] = []
    _walk(data, (), loaded.lines, found)
    return found


def _walk(data: object, path: FieldPath, lines: dict, found: list[Segment]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TRANSLATED:
                _walk(value, (*path, key), lines, found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _walk(value, (*path, index), lines, found)
    elif isinstance(data, str) and data:
        found.append(Segment(format_field(path), path, data, lines.get(path)))


def template_for(loaded: LoadedInterview, project_root: Path) -> Catalog:
    """The content catalog template (.pot) of one interview."""
    from pipeline.i18n.catalogs import new_catalog

    catalog = new_catalog(None)
    source = _relative(loaded.path, project_root)
    for segment in segments(loaded):
        catalog.add(
            segment.text,
            context=segment.id,
            locations=[(source, segment.line or 0)],  # line 0: the file alone, no ":line"
        )
    return catalog


def localize(
    loaded: LoadedInterview, locale: str, catalog: Catalog | None, catalog_path: Path | None = None
) -> tuple[LoadedInterview, Localization]:
    """The interview in `locale`: translated segments where the catalog has them."""
    source_language = loaded.interview.language
    all_segments = segments(loaded)
    if locale == source_language:
        return loaded, Localization(locale, source_language, frozenset(), len(all_segments))
    data = loaded.interview.model_dump(mode="python")
    fallbacks: set[str] = set()
    keyed = by_key(catalog)
    states = []
    for segment in all_segments:
        translation = _translation(segment, locale, catalog)
        if translation is None:
            fallbacks.add(segment.id)
            states.append((segment.id, state(catalog, keyed, segment.id, segment.text)))
        else:
            _assign(data, segment.path, translation)
    data["language"] = locale
    interview, errors = validate(data)
    if interview is None:  # a translation can break a limit, e.g. short_title length
        where = catalog_path or loaded.path
        raise ContentError(
            [
                Problem(
                    where,
                    None,
                    format_field(tuple(item["loc"])),
                    f"translation is invalid: {item['msg']}",
                )
                for item in errors
            ]
        )
    localization = Localization(
        locale,
        source_language,
        frozenset(fallbacks),
        len(all_segments),
        stale=stale_dates(states),
        unreviewed=catalog is not None and review_status(catalog) == NOT_REVIEWED,
    )
    return replace(loaded, interview=interview), localization


def _translation(segment: Segment, locale: str, catalog: Catalog | None) -> str | None:
    if locale == PSEUDO_LOCALE:
        return pseudo(segment.text)
    if catalog is None:
        return None
    message = catalog.get(segment.text, context=segment.id)
    if message is None or message.fuzzy or not isinstance(message.string, str):
        return None  # a content segment has no plural forms
    return message.string or None


def _assign(data: dict, path: FieldPath, value: str) -> None:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
