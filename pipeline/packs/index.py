"""The pack's index pages: `index.html` and `index.<locale>.html`, one per locale of the pack.

Each is self-contained and in its own language (the interface strings go through
the gettext catalogs, as the notes' do), with a switcher between them. It leads
with the day's items as the book's cover shows them (headline, interviewee,
outlet, first key points, in the order of the day), links each book, and ends
with the table of every file. The first locale's page is `index.html`.

`item_row` is the one place an item of the index is put together: what it
shows beside the cover's record (its files, its translation) is added there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.packs import book, manifest
from pipeline.render.book import COVER_POINTS

FORMAT_LABELS = {"pdf": "PDF", "docx": "Word", "html": "Web page"}


def index_name(locale: str, locales: Sequence[str]) -> str:
    """`index.html` for the pack's first locale, `index.<locale>.html` for the others."""
    return manifest.INDEX if locale == locales[0] else f"index.{locale}.html"


def locale_of(path: str) -> str | None:
    """The locale of an index page named `index.<locale>.html`; None for `index.html`."""
    parts = path.split(".")
    return parts[1] if len(parts) == 3 else None


def items_of_the_day(options: Any, notes: Mapping[str, Any]) -> dict[str, list[dict]]:
    """Each locale's items in the order of the day, from the notes rendered or reused.

    `options` and `notes` are packs.contents' Options and Notes (which import this module).
    """
    records = {
        (note.line["slug"], note.line["locale"]): note.item
        for note in notes.values()
        if note.item is not None
        and note.line.get("format") in FORMAT_LABELS
        and not note.line.get("view")  # a change view's item would hold removed passages
    }
    day = [source.stem for source in book.ordered(options.content, options.book)]
    return {
        locale: [records[(slug, locale)] for slug in day if (slug, locale) in records]
        for locale in options.locales
    }


def render_all(
    date: dt.date,
    built_at: dt.datetime,
    files: Sequence[dict],
    failures: Sequence[dict],
    locales: Sequence[str],
    items: Mapping[str, list[dict]],
    *,
    archive: str | None,
    desk: str | None,
    templates: tuple[Path, ...],
    catalogs: tuple[Path, ...],
    changes: dict | None = None,
) -> dict[str, bytes]:
    """Every index page of the pack by its path."""
    switcher = [(locale, index_name(locale, locales)) for locale in locales]
    return {
        index_name(locale, locales): render(
            date,
            built_at,
            files,
            failures,
            locales,
            locale=locale,
            items=items.get(locale, []),
            archive=archive,
            desk=desk,
            switcher=switcher,
            templates=templates,
            catalogs=catalogs,
            changes=changes,
        ).encode("utf-8")
        for locale in locales
    }


def render(
    date: dt.date,
    built_at: dt.datetime,
    files: Sequence[dict],
    failures: Sequence[dict],
    locales: Sequence[str],
    *,
    locale: str = "en",
    items: Sequence[dict] = (),
    archive: str | None = None,
    desk: str | None = None,
    switcher: Sequence[tuple[str, str]] = (),
    link: Callable[[str], str | None] = lambda path: path,
    attached: Collection[str] = (),
    templates: tuple[Path, ...],
    catalogs: tuple[Path, ...] = (),
    changes: dict | None = None,
) -> str:
    """One index page, in `locale`. `files` are manifest entries; `link` maps a pack path to a URL.

    `templates` are the project's template folders, first match wins (Project.template_dirs):
    a desk's `pack/index.html` or CSS replaces the built-in one here as in the notes;
    `catalogs` its interface catalogs (Project.interface_catalog_dirs; default: built-in).
    """
    from markupsafe import Markup

    from pipeline.i18n.formatting import language_name, long_date
    from pipeline.project import BUILTIN_LOCALES
    from pipeline.render import templating

    env = templating.environment(templates, catalogs or (BUILTIN_LOCALES,), locale)
    columns = [{"locale": each, "name": language_name(each, locale)} for each in locales]
    notes = [
        file
        for file in files
        if file["format"] in FORMAT_LABELS and file["locale"] in locales and not file.get("view")
    ]
    views = [file for file in files if file.get("view")]
    # This page's own language first, then the pack's order.
    rank = {each: place for place, each in enumerate(dict.fromkeys([locale, *locales]))}
    books = [
        _file(entry, link, attached, locale) | {"locale": entry["locale"]}
        for entry in sorted(files, key=lambda entry: rank.get(entry["locale"] or "", 0))
        if entry["format"] == book.FORMAT
    ]
    table = [_table_row(slug, notes, columns, link, attached, locale) for slug in _slugs(notes)]
    css = "\n".join(
        _source(env, name) for name in ("css/note.css", "css/screen.css", "pack/pack.css")
    )
    return env.get_template("pack/index.html").render(
        lang=locale,
        version=__version__,
        css=Markup(css),
        date_long=long_date(date, locale),
        built_at=built_at.isoformat().replace("+00:00", "Z"),
        desk=desk,
        items=[
            item_row(item, notes, link, attached, locale)
            | change_mark(item, changes, views, link, attached, locale)
            for item in items
        ],
        cover_points=COVER_POINTS,
        books=books,
        notes=table,
        columns=columns,
        switcher=[
            {"locale": each, "name": language_name(each, each), "href": path}
            for each, path in switcher
        ],
        failures=failures,
        archive=archive,
        archive_href=link(archive) if archive else None,
    )


def item_row(
    item: dict,
    files: Sequence[dict],
    link: Callable[[str], str | None],
    attached: Collection[str],
    locale: str,
) -> dict:
    """An item of the day as the index lists it: the cover's record and its files here."""
    mine = [
        e
        for e in files
        if e["slug"] == item["slug"] and e["locale"] == item["locale"] and not e.get("view")
    ]
    return {
        **item,
        "files": [_file(entry, link, attached, locale) for entry in _by_format(mine)],
        "coverage": _coverage(mine[0], locale) if mine else None,
    }


def change_mark(item, changes, views, link, attached, locale) -> dict:
    """What changed in the item since the pack before (the manifest's `changes`), and
    links to its change views; nothing when the pack compared with none."""
    if not changes:
        return {"change": None}
    key = (item["slug"], item["locale"])
    status = next(
        (note for note in changes["notes"] if (note["slug"], note["locale"]) == key), None
    )
    if status is None:
        return {"change": None}
    mine = [view for view in views if (view["slug"], view["locale"]) == key]
    return {
        "change": {
            "status": status["status"],
            "summary": status.get("summary", ""),
            "files": [_file(view, link, attached, locale) for view in _by_format(mine)],
        }
    }


def _slugs(files: Sequence[dict]) -> list[str]:
    return sorted({entry["slug"] for entry in files})


def _table_row(slug, files, columns, link, attached, locale) -> dict:
    from pipeline.i18n.formatting import language_name

    mine = [entry for entry in files if entry["slug"] == slug]
    language = mine[0]["language"]
    original = next((entry for entry in mine if entry["locale"] == language), mine[0])
    here = next((entry for entry in mine if entry["locale"] == locale), original)
    cells = []
    for column in columns:
        found = [entry for entry in mine if entry["locale"] == column["locale"]]
        cells.append(
            {
                **column,
                "coverage": _coverage(found[0], locale) if found else None,
                "files": [_file(entry, link, attached, locale) for entry in _by_format(found)],
            }
        )
    return {
        "slug": slug,
        "title": here["title"],
        "title_lang": here["locale"],
        "language": language,
        "language_name": language_name(language, locale),
        "outlet": here.get("outlet"),
        "cells": cells,
    }


def _source(env, name: str) -> str:
    source, _filename, _uptodate = env.loader.get_source(env, name)
    return source.replace("</", "<\\/")  # a style sheet cannot close its <style> element


def _by_format(entries: list[dict]) -> list[dict]:
    order = list(FORMAT_LABELS)
    return sorted(entries, key=lambda entry: order.index(entry["format"]))


def _coverage(entry: dict, locale: str) -> dict:
    """What the template says of a note's translation: a kind and its percentage."""
    translation = entry.get("translation")
    if entry["locale"] == entry["language"] or not translation:
        return {"kind": "original"}
    if not translation["total"]:
        return {"kind": "nothing"}
    counts = {
        key: translation[key]
        for key in ("translated", "stale", "untranslated")
        if key in translation
    }
    return {"kind": "translated", "percent": f"{translation['percent']:g}", "counts": counts}


def _file(
    entry: dict, link: Callable[[str], str | None], attached: Collection[str], locale: str
) -> dict:
    from pipeline.i18n.formatting import format_number

    return {
        "format": entry["format"],
        "path": entry["path"],
        "href": link(entry["path"]),
        "pages": entry.get("pages"),
        "size": _size(entry["size"], locale, format_number),
        "attached": entry["path"] in attached,
    }


def _size(size: int, locale: str, number) -> str:
    from decimal import Decimal

    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{number(Decimal(round(size / 1024)), locale)} KB"
    return f"{number(Decimal(round(size / 1024 / 1024, 1)), locale)} MB"
