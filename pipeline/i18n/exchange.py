"""Strings for people without a PO editor: a CSV for spreadsheets, XLIFF 2.0 for CAT tools.

Both carry, per string, the catalog it belongs to, its key (msgctxt) and the
source text; import writes translations back into the PO files and marks
nothing fuzzy. Export then import without edits changes no file.

Both come back from outside the team: import reads them as untrusted (XML without
DTDs or entities, any byte sequence refused with its line), and writes only the
catalogs of this project's templates, whatever a row names.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from babel.messages.catalog import Catalog

from pipeline import atomic
from pipeline.errors import UsageError
from pipeline.i18n import SOURCE_LOCALE, TRANSLATED_LOCALES
from pipeline.i18n import catalogs as cat
from pipeline.project import BUILTIN_LOCALES

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
INTERFACE = "interface"
MAX_EXCHANGE_BYTES = 64 * 2**20
_SEGMENT, _IGNORABLE = f"{{{XLIFF_NS}}}segment", f"{{{XLIFF_NS}}}ignorable"
_SOURCE, _TARGET = f"{{{XLIFF_NS}}}source", f"{{{XLIFF_NS}}}target"


@dataclass(frozen=True)
class Row:
    catalog: str  # "interface" or "content/<slug>"
    key: str  # msgctxt, empty for interface strings without one
    source: str
    translations: dict[str, str]
    where: str = field(default="", compare=False)  # "file:line" or "file: unit 'u3'"


def rows(slugs: Sequence[str], locales: Sequence[str], locales_dir: Path) -> list[Row]:
    """Every singular string of the templates with its translation in each locale.

    `locales_dir` is the project's; a desk project without an interface template of its
    own lists the built-in interface strings, with the translations its own catalogs give.
    """
    found = []
    interface_template = cat.interface_template(locales_dir)
    if not interface_template.is_file():
        interface_template = cat.interface_template(BUILTIN_LOCALES)
    sources: list[tuple[str, Path, Callable[[str], Path]]] = [
        (INTERFACE, interface_template, functools.partial(cat.interface_catalog, root=locales_dir))
    ]
    sources += [
        (
            f"content/{slug}",
            cat.content_template(slug, locales_dir),
            functools.partial(cat.content_catalog, slug=slug, root=locales_dir),
        )
        for slug in slugs
    ]
    for name, template_path, catalog_of in sources:
        template = cat.read(template_path)
        translated = {loc: _read_or_empty(catalog_of(loc), loc) for loc in locales}
        for message in template:
            if not message.id or not isinstance(message.id, str):
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


def read_exchange_file(path: Path) -> tuple[list[str], list[Row]]:
    """The locales and rows of an exported CSV or XLIFF file, whichever `path` holds."""
    try:
        data = atomic.read_bytes(path, MAX_EXCHANGE_BYTES)
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_EXCHANGE_BYTES:
        raise UsageError(f"{path}: is larger than {MAX_EXCHANGE_BYTES // 2**20} MiB")
    if _looks_like_xml(data):
        return from_xliff(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UsageError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x});"
            " save the CSV as UTF-8, or import the XLIFF file"
        ) from None
    return from_csv(text, path)


def _looks_like_xml(data: bytes) -> bool:
    """XLIFF starts with `<`, in whatever encoding its byte order mark announces."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) : 400].decode(codec, "ignore").lstrip().startswith("<")
    return data[:400].decode("utf-8", "ignore").lstrip().startswith("<")


def from_csv(text: str, origin: Path) -> tuple[list[str], list[Row]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if not header or header[:3] != ["catalog", "key", SOURCE_LOCALE]:
            raise UsageError(f"{origin}:1: the header must start with catalog,key,{SOURCE_LOCALE}")
        locales = header[3:]
        _known_locales(locales, origin)
        table: list[Row] = []
        while True:
            start = reader.line_num + 1  # a quoted cell may span lines; name the first
            cells = next(reader, None)
            if cells is None:
                return locales, table
            if len(cells) != len(header):
                raise UsageError(
                    f"{origin}:{start}: expected {len(header)} columns, got {len(cells)}"
                )
            where = f"{origin}:{start}"
            translations = dict(zip(locales, cells[3:], strict=True))
            table.append(Row(cells[0], cells[1], cells[2], translations, where))
    except csv.Error as error:
        raise UsageError(
            f"{origin}:{reader.line_num}: not a CSV file we can read: {error}"
        ) from None


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


def from_xliff(data: str | bytes, origin: Path) -> tuple[list[str], list[Row]]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except ET.ParseError as error:
        raise UsageError(f"{origin}:{error.position[0]}: not well-formed XLIFF: {error}") from None
    except DefusedXmlException as error:
        raise UsageError(
            f"{origin}: XLIFF with a DTD or entities is refused ({error}); export it without"
        ) from None
    if root.tag != f"{{{XLIFF_NS}}}xliff" or root.get("srcLang") != SOURCE_LOCALE:
        raise UsageError(f"{origin}: not an XLIFF 2.0 file with srcLang={SOURCE_LOCALE}")
    locale = root.get("trgLang", "")
    _known_locales([locale], origin)
    table = []
    for file in root.findall(f"{{{XLIFF_NS}}}file"):
        for unit in file.findall(f"{{{XLIFF_NS}}}unit"):
            where = f"{origin}: unit {unit.get('id', '')!r}"
            source, target = _unit_text(unit, where)
            table.append(
                Row(file.get("id", ""), unit.get("name", ""), source, {locale: target}, where)
            )
    return [locale], table


def _unit_text(unit: ET.Element, where: str) -> tuple[str, str]:
    """A unit's source and target: its segments (a CAT tool may split one) and what lies between."""
    parts = [child for child in unit if child.tag in (_SEGMENT, _IGNORABLE)]
    segments = [child for child in parts if child.tag == _SEGMENT]
    if not segments:
        raise UsageError(f"{where}: has no <segment>; each unit holds its text in one")
    source = "".join(_inner_text(part.find(_SOURCE)) for part in parts)
    if any(segment.find(_TARGET) is None for segment in segments):
        return source, ""  # partly translated: the catalog keeps the source language
    # An ignorable part (the space between segments) may leave its target out: it is copied.
    targets = [part.find(_TARGET) for part in parts]
    return source, "".join(
        _inner_text(part.find(_SOURCE) if found is None else found)
        for part, found in zip(parts, targets, strict=True)
    )


def _inner_text(element: ET.Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def apply(
    table: list[Row],
    locales: Sequence[str],
    locales_dir: Path,
    origin: Path | None = None,
) -> list[Path]:
    """Write the rows' translations into the PO files; returns the files that changed.

    Every row must name a catalog of this project; one that does not stops the
    import before anything is written.
    """
    known = _known_catalogs(locales_dir)
    for row in table:
        if row.catalog not in known:
            raise UsageError(
                f"{row.where or origin or 'import'}: catalog: {row.catalog!r} is not a catalog"
                " of this project; expected 'interface' or 'content/<slug>' of an interview"
                f" with a template in {cat.content_template('<slug>', locales_dir)}"
            )
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


def _known_catalogs(locales_dir: Path) -> set[str]:
    """`interface` and `content/<slug>` for each content template: all an import may write."""
    templates = cat.content_template("*", locales_dir)
    return {INTERFACE} | {
        f"content/{path.stem}" for path in templates.parent.glob(templates.name) if path.is_file()
    }


def _catalog_path(name: str, locale: str, locales_dir: Path) -> Path:
    if name == INTERFACE:
        path = cat.interface_catalog(locale, locales_dir)
    else:
        path = cat.content_catalog(locale, name.removeprefix("content/"), locales_dir)
    # A slug comes from a template's file name, so this holds unless a link leads out.
    if not path.resolve().is_relative_to(locales_dir.resolve()):
        raise UsageError(f"{path}: resolves outside {locales_dir}; not written")
    return path


def _known_locales(locales: Sequence[str], origin: Path) -> None:
    unknown = [loc for loc in locales if loc not in TRANSLATED_LOCALES]
    if len(set(locales)) != len(locales):
        raise UsageError(f"{origin}:1: a locale has two columns: {', '.join(locales)}")
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
