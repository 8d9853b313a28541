"""What a pack holds: its options and report, the outputs it wants, their manifest lines,
and the index, manifest and zip written beside the notes (`packs.assemble` makes the pack)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import atomic, clock, digests
from pipeline.engine import cache
from pipeline.engine.rendering import ExecutorOptions
from pipeline.packs import manifest
from pipeline.packs.book import BookSettings
from pipeline.project import Project
from pipeline.render import RenderJob
from pipeline.render.view import ChangeMarks


@dataclass(frozen=True)
class Options:
    root: Path
    date: dt.date
    content: Sequence[Path]
    locales: Sequence[str]
    formats: Sequence[str]
    project: Project
    """Whose catalogs and house style the notes and the index use."""
    executor: ExecutorOptions
    """Where the renders run, how many at once, under which limits."""
    allow_missing_glyphs: bool = False
    rebuild: bool = False
    """Render everything again, ignoring the cache and the published pack."""
    book: BookSettings = BookSettings()
    """The cover's desk and handling line, and the order of the day (`[book]`)."""


@dataclass
class Report:
    date: dt.date
    pack: Path
    status: str = "built"  # or "up to date"
    complete: bool = True
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    latest: bool = False
    rendered_by: dict[str, str] = field(default_factory=dict)
    """Output path -> the Dask worker that rendered it (empty for local renders)."""
    changes: dict | None = None
    """What changed since the previous pack (the manifest's `changes`), if it compared."""

    def as_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "pack": str(self.pack),
            "status": self.status,
            "complete": self.complete,
            "built": self.built,
            "reused": self.reused,
            "failed": self.failures,
            "latest": self.latest,
            "timings": {name: round(seconds, 3) for name, seconds in self.timings.items()},
            **({"rendered_by": self.rendered_by} if self.rendered_by else {}),
            **({"changes": self.changes} if self.changes else {}),
        }


@dataclass(frozen=True)
class Note:
    """A note (or a book) of the pack: its bytes, its line in the manifest, and its item
    (`render.book.item`: what the cover, the index and the e-mail show of it)."""

    data: bytes
    line: dict
    item: dict | None = None


@dataclass(frozen=True)
class Wanted:
    """One output the pack should hold, and the key of its render."""

    source: Path
    locale: str
    format: str
    path: str
    key: str
    sources: cache.Sources
    changes: ChangeMarks | None = field(default=None, compare=False, repr=False)
    """Set for a change view (packs.change_views): what it marks."""


def describe(item: Wanted, job: RenderJob, data: bytes) -> dict:
    """What the cache keeps beside a render's bytes, for its line in later manifests."""
    from pipeline.render.book import item as item_of
    from pipeline.render.view_builder import build_view

    l10n = job.l10n
    translated, total = l10n.translated, l10n.total
    # A change view shows removed passages too: the day's item is the note's, never its.
    return {
        "item": None if item.changes else item_of(build_view(job), job.interview.slug),
        "slug": job.interview.slug,
        "title": job.interview.title,
        "outlet": job.interview.outlet,
        "language": l10n.source_language,
        "locale": item.locale,
        "format": item.format,
        "pages": manifest.pdf_pages(data) if item.format == "pdf" else None,
        "translation": {
            "translated": translated,
            "total": total,
            "percent": round(100 * translated / total, 1) if total else 100.0,
            **l10n.counts(),  # stale and untranslated passages apart
        },
    }


def file_entry(item: Wanted, meta: dict) -> dict:
    """A note's line in the manifest (a field the description lacks fails the schema)."""
    return {
        "path": item.path,
        "sha256": meta.get("sha256"),
        "size": meta.get("size"),
        "format": item.format,
        "locale": item.locale,
        "slug": meta.get("slug"),
        "title": meta.get("title"),
        "outlet": meta.get("outlet"),
        "language": meta.get("language"),
        "pages": meta.get("pages"),
        "translation": meta.get("translation"),
        "sources": dataclasses.asdict(item.sources),
        "render_key": item.key,
        **({"view": "changes"} if item.changes else {}),
    }


def failure_entry(item: Wanted, message: str) -> dict:
    return {
        "path": item.path,
        "slug": item.source.stem,
        "locale": item.locale,
        "format": item.format,
        "message": message,
    }


def write_beside(
    options: Options,
    folder: Path,
    notes: dict[str, Note],
    report: Report,
    inputs: str,
    rendered_at: dt.datetime,
    fingerprints: cache.Fingerprints,
) -> None:
    """index.html, manifest.json and the zip, beside the notes already in `folder`.

    The zip is made from the bytes written, not from the files read back.
    """
    from pipeline.packs import index as pack_index

    built_at = clock.build_time()
    archive = manifest.archive_name(options.date)
    lines = [notes[path].line for path in sorted(notes)]
    items = pack_index.items_of_the_day(options, notes)
    indexes = pack_index.render_all(
        options.date,
        built_at,
        lines,
        report.failures,
        options.locales,
        items,
        archive=archive,
        desk=options.book.desk,
        templates=options.project.template_dirs,
        catalogs=options.project.interface_catalog_dirs,
        changes=report.changes,
    )
    index_entries = []
    for path, index in indexes.items():
        atomic.write_bytes(folder / path, index)
        index_entries.append(
            {
                "path": path,
                "sha256": digests.sha256(index),
                "size": len(index),
                "format": "index",
                "locale": pack_index.locale_of(path),
            }
        )
    document = {
        "format_version": manifest.FORMAT_VERSION,
        "schema": manifest.SCHEMA_ID,
        "date": options.date.isoformat(),
        "built_at": _iso(built_at),
        "built_at_source": clock.VARIABLE if clock.source_date_epoch() else "clock",
        "rendered_at": _iso(rendered_at),
        "complete": report.complete,
        "inputs": inputs,
        "locales": list(options.locales),
        "formats": list(options.formats),
        "tools": fingerprints.tools,
        "files": sorted([*lines, *index_entries], key=lambda entry: entry["path"]),
        "failures": report.failures,
        "archive": {"path": archive},
        **({"changes": report.changes} if report.changes else {}),
        "desk": options.book.desk,
        "items": items,
    }
    text = manifest.dumps(document)
    atomic.write_bytes(folder / manifest.MANIFEST, text)
    members = [(path, note.data) for path, note in notes.items()]
    members += [*indexes.items(), (manifest.MANIFEST, text)]
    atomic.write_bytes(folder / archive, manifest.zip_bytes(members, built_at))


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
