"""`index.html` of a pack: a self-contained, browsable table of contents.

Rendered from the manifest's entries for the notes, through the same Jinja tree
(and `note.css`) as the notes. The same page is the HTML body of a delivery
e-mail; there, links point to the published pack (or nowhere) and attached files
say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from pipeline import __version__

FORMAT_LABELS = {"pdf": "PDF", "docx": "Word", "html": "Web page"}


def render(
    date: dt.date,
    built_at: dt.datetime,
    files: Sequence[dict],
    failures: Sequence[dict],
    locales: Sequence[str],
    *,
    archive: str | None = None,
    link: Callable[[str], str | None] = lambda path: path,
    attached: Collection[str] = (),
    intro: str = "",
    templates: tuple[Path, ...],
) -> str:
    """The index page. `files` are manifest entries of notes; `link` maps a pack path to a URL.

    `templates` are the project's template folders, first match wins (Project.template_dirs):
    a desk's `pack/index.html` or CSS replaces the built-in one here as in the notes.
    """
    from markupsafe import Markup

    from pipeline.i18n.formatting import language_name, long_date
    from pipeline.render import templating

    env = templating.environment(templates, (), "en")  # the index is in English
    columns = [{"locale": locale, "name": language_name(locale, "en")} for locale in locales]
    notes = []
    for slug in sorted({entry["slug"] for entry in files}):
        mine = [entry for entry in files if entry["slug"] == slug]
        language = mine[0]["language"]
        original = next((entry for entry in mine if entry["locale"] == language), mine[0])
        cells = []
        for column in columns:
            here = [entry for entry in mine if entry["locale"] == column["locale"]]
            cells.append(
                {
                    **column,
                    "coverage": _coverage(here[0]) if here else "",
                    "files": [_file(entry, link, attached) for entry in _by_format(here)],
                }
            )
        notes.append(
            {
                "slug": slug,
                "title": original["title"],
                "language": language,
                "language_name": language_name(language, "en"),
                "outlet": original.get("outlet"),
                "cells": cells,
            }
        )
    css = "\n".join(
        _source(env, name) for name in ("css/note.css", "css/screen.css", "pack/pack.css")
    )
    return env.get_template("pack/index.html").render(
        lang="en",
        version=__version__,
        css=Markup(css),
        date_long=long_date(date, "en"),
        built_at=built_at.isoformat().replace("+00:00", "Z"),
        notes=notes,
        columns=columns,
        failures=failures,
        archive=archive,
        archive_href=link(archive) if archive else None,
        intro=intro,
    )


def _source(env, name: str) -> str:
    source, _filename, _uptodate = env.loader.get_source(env, name)
    return source.replace("</", "<\\/")  # a style sheet cannot close its <style> element


def _by_format(entries: list[dict]) -> list[dict]:
    order = list(FORMAT_LABELS)
    return sorted(entries, key=lambda entry: order.index(entry["format"]))


def _coverage(entry: dict) -> str:
    translation = entry.get("translation")
    if entry["locale"] == entry["language"] or not translation:
        return "original"
    if not translation["total"]:
        return "nothing to translate"
    return f"{translation['percent']:g}% translated"


def _file(entry: dict, link: Callable[[str], str | None], attached: Collection[str]) -> dict:
    details = []
    if entry.get("pages"):
        details.append(f"{entry['pages']} page{'s' if entry['pages'] != 1 else ''}")
    details.append(_size(entry["size"]))
    if entry["path"] in attached:
        details.append("attached")
    return {
        "label": FORMAT_LABELS.get(entry["format"], entry["format"].upper()),
        "href": link(entry["path"]),
        "detail": ", ".join(details),
    }


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
