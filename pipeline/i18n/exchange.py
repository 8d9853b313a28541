"""Strings for people without a PO editor: a CSV for spreadsheets, XLIFF 2.0 for CAT tools.

Both carry, per string, the catalog it belongs to, its key (msgctxt) and the
source text; import writes translations back into the PO files and marks
nothing fuzzy. Export then import without edits changes no file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from babel.messages.catalog import Catalog

from pipeline.errors import UsageError
from pipeline.i18n import SOURCE_LOCALE, TRANSLATED_LOCALES
from pipeline.i18n import catalogs as cat

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
INTERFACE = "interface"


@dataclass(frozen=True)
class Row:
    catalog: str  # "interface" or "content/<slug>"
    key: str  # msgctxt, empty for interface strings without one
    source: str
    translations: dict[str, str]


def rows(
    slugs: Sequence[str],
    locales: Sequence[str] = TRANSLATED_LOCALES,
    locales_dir: Path = cat.LOCALES_DIR,
) -> list[Row]:
    """Every singular string of the templates with its translation in each locale."""
    found = []
    sources = [
        (
            INTERFACE,
            cat.interface_template(locales_dir),
            lambda loc: cat.interface_catalog(loc, locales_dir),
        )
    ]
    sources += [
        (
            f"content/{slug}",
            cat.content_template(slug, locales_dir),
            lambda loc, slug=slug: cat.content_catalog(loc, slug, locales_dir),
        )
        for slug in slugs
    ]
    for name, template_path, catalog_of in sources:
        template = cat.read(template_path)
        translated = {loc: _read_or_empty(catalog_of(loc), loc) for loc in locales}
        for message in template:
            if not message.id or isinstance(message.id, tuple):
                continue  # plural entries need a PO editor: a spreadsheet cell cannot hold their forms
            found.append(
                Row(
                    name,
                    message.context or "",
                    message.id,
                    {loc: _string(translated[loc], message.id, message.context) for loc in locales},
                )
            )
    return found


def to_csv(table: list[Row], locales: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["catalog", "key", SOURCE_LOCALE, *locales])
    for row in table:
        writer.writerow(
            [row.catalog, row.key, row.source, *(row.translations.get(loc, "") for loc in locales)]
        )
    return buffer.getvalue()


def from_csv(text: str, origin: Path) -> tuple[list[str], list[Row]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or header[:3] != ["catalog", "key", SOURCE_LOCALE]:
        raise UsageError(f"{origin}:1: the header must start with catalog,key,{SOURCE_LOCALE}")
    locales = header[3:]
    _known_locales(locales, origin)
    table = []
    for number, cells in enumerate(reader, start=2):
        if len(cells) != len(header):
            raise UsageError(f"{origin}:{number}: expected {len(header)} columns, got {len(cells)}")
        table.append(Row(cells[0], cells[1], cells[2], dict(zip(locales, cells[3:], strict=True))))
    return locales, table


def to_xliff(table: list[Row], locale: str) -> str:
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(
        f"{{{XLIFF_NS}}}xliff", {"version": "2.0", "srcLang": SOURCE_LOCALE, "trgLang": locale}
    )
    files: dict[str, ET.Element] = {}
    for index, row in enumerate(table):
        if row.catalog not in files:
            files[row.catalog] = ET.SubElement(root, f"{{{XLIFF_NS}}}file", {"id": row.catalog})
        unit = ET.SubElement(
            files[row.catalog], f"{{{XLIFF_NS}}}unit", {"id": f"u{index}", "name": row.key}
        )
        segment = ET.SubElement(
            unit,
            f"{{{XLIFF_NS}}}segment",
            {"state": "translated" if row.translations.get(locale) else "initial"},
        )
        ET.SubElement(segment, f"{{{XLIFF_NS}}}source").text = row.source
        if row.translations.get(locale):
            ET.SubElement(segment, f"{{{XLIFF_NS}}}target").text = row.translations[locale]
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def from_xliff(text: str, origin: Path) -> tuple[list[str], list[Row]]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise UsageError(f"{origin}:{error.position[0]}: not well-formed XLIFF: {error}") from None
    if root.tag != f"{{{XLIFF_NS}}}xliff" or root.get("srcLang") != SOURCE_LOCALE:
        raise UsageError(f"{origin}: not an XLIFF 2.0 file with srcLang={SOURCE_LOCALE}")
    locale = root.get("trgLang", "")
    _known_locales([locale], origin)
    table = []
    for file in root.findall(f"{{{XLIFF_NS}}}file"):
        for unit in file.findall(f"{{{XLIFF_NS}}}unit"):
            segment = unit.find(f"{{{XLIFF_NS}}}segment")
            source = segment.findtext(f"{{{XLIFF_NS}}}source") or ""
            target = segment.findtext(f"{{{XLIFF_NS}}}target") or ""
            table.append(Row(file.get("id", ""), unit.get("name", ""), source, {locale: target}))
    return [locale], table


def apply(
    table: list[Row], locales: Sequence[str], locales_dir: Path = cat.LOCALES_DIR
) -> list[Path]:
    """Write the rows' translations into the PO files; returns the files that changed."""
    changed = []
    for catalog_name in dict.fromkeys(row.catalog for row in table):
        for locale in locales:
            path = _catalog_path(catalog_name, locale, locales_dir)
            catalog = _read_or_empty(path, locale)
            before = _snapshot(catalog)
            for row in (r for r in table if r.catalog == catalog_name):
                _set(catalog, row, locale)
            if _snapshot(catalog) != before:
                cat.write(path, catalog)
                changed.append(path)
    return changed


def _set(catalog: Catalog, row: Row, locale: str) -> None:
    text = row.translations.get(locale, "")
    message = catalog.get(row.source, context=row.key or None)
    if message is None:
        if text:
            catalog.add(row.source, text, context=row.key or None)
        return
    if text != message.string:
        message.string = text
        message.flags.discard("fuzzy")


def _catalog_path(name: str, locale: str, locales_dir: Path) -> Path:
    if name == INTERFACE:
        return cat.interface_catalog(locale, locales_dir)
    if name.startswith("content/"):
        return cat.content_catalog(locale, name.removeprefix("content/"), locales_dir)
    raise UsageError(f"unknown catalog {name!r}: expected 'interface' or 'content/<slug>'")


def _known_locales(locales: Sequence[str], origin: Path) -> None:
    unknown = [loc for loc in locales if loc not in TRANSLATED_LOCALES]
    if unknown:
        raise UsageError(
            f"{origin}: unknown locale(s) {', '.join(unknown)}; expected {', '.join(TRANSLATED_LOCALES)}"
        )


def _read_or_empty(path: Path, locale: str) -> Catalog:
    return cat.read(path, locale) if path.is_file() else cat.new_catalog(locale)


def _string(catalog: Catalog, message_id: str, context: str | None) -> str:
    message = catalog.get(message_id, context=context)
    return message.string if message is not None and isinstance(message.string, str) else ""


def _snapshot(catalog: Catalog) -> list[tuple]:
    return [(m.context, m.id, m.string, m.fuzzy) for m in catalog]
