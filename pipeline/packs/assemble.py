"""A dated briefing pack: every note in every locale and format, an index, a manifest, a zip.

`make` finds what the pack needs, takes unchanged renders from the cache,
renders the rest through the executor (worker processes under limits, or Dask),
writes index.html, manifest.json and the zip beside them (packs.contents), and
publishes the whole in one step (packs.publish). When nothing changed, it
publishes nothing and imports no renderer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

from pipeline import atomic, clock, digests, render
from pipeline.engine import cache, rendering
from pipeline.engine.executor import Result, Task
from pipeline.engine.rendering import Progress
from pipeline.errors import BriefingError, describe_os_error
from pipeline.packs import book, change_views, contents, manifest, publish, schema_check
from pipeline.packs.contents import (
    Note,
    Options,
    Report,
    Wanted,
    describe,
    failure_entry,
    file_entry,
)

log = logging.getLogger(__name__)

CACHE_DAYS = 30
"""Cache entries unused for this long are removed after a successful pack."""


class PackWriteError(BriefingError):
    """The system refused a read or a write of the pack: disk full, read-only, no permission."""


def default_date() -> dt.date:
    """SOURCE_DATE_EPOCH's date (UTC) when set, else today where the machine is."""
    epoch = clock.source_date_epoch()
    return epoch.date() if epoch else dt.date.today()


def render_time(date: dt.date) -> dt.datetime:
    """The time written into the notes: SOURCE_DATE_EPOCH, else the start of the pack's day.

    A fixed time per date is what lets a rerun on the same day reuse every render.
    """
    return clock.source_date_epoch() or dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)


def make(options: Options, progress: Progress | None = None) -> Report:
    """Build and publish the pack of `options.date`; the caller holds the run lock.

    An OS failure (a full disk, a read-only or forbidden folder) ends in one
    PackWriteError naming the file: the half-built pack and its temporary files are
    removed, and the published pack stays as it was.
    """
    try:
        return _make(options, progress)
    except OSError as error:
        raise PackWriteError(
            f"{describe_os_error(error)}; nothing was published, the published pack is unchanged"
        ) from None


def _make(options: Options, progress: Progress | None) -> Report:
    started = time.perf_counter()
    layout = publish.Layout(options.root)
    layout.root.mkdir(parents=True, exist_ok=True)
    layout.check_links(options.date)
    for leftover in layout.collect():
        log.warning("removed %s, left by an earlier run that did not finish", leftover)
    store = cache.RenderCache(layout.cache)
    store.clean_temporary()

    rendered_at = render_time(options.date)
    fingerprints = cache.Fingerprints(options.project)
    wanted = _wanted(options, fingerprints, rendered_at)
    books = _books(options, wanted)
    inputs = _inputs_digest(options, wanted, books)
    inputs = change_views.inputs(inputs, change_views.previous_pack(options.root, options.date))
    report = Report(options.date, layout.dated(options.date))
    report.timings["scan"] = time.perf_counter() - started
    if not options.rebuild and _up_to_date(report.pack, inputs):
        report.status = "up to date"
        report.reused = [item.path for item in wanted] + [each.path for each in books]
        report.changes = change_views.published(report.pack)
        report.reused += change_views.views_of(report.changes)
        report.latest = _settle_latest(layout, options.date)
        report.timings["total"] = time.perf_counter() - started
        return report

    folder = layout.new_build(options.date)
    try:
        _build(
            options,
            folder,
            store,
            (wanted, books),
            rendered_at,
            fingerprints,
            inputs,
            report,
            progress,
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    report.latest = publish.publish(layout, options.date, folder, report.complete)
    try:
        store.prune(CACHE_DAYS)
    except OSError as error:  # the pack is published; an old cache entry can wait
        log.warning("render cache not pruned: %s", describe_os_error(error))
    report.timings["total"] = time.perf_counter() - started
    return report


def _settle_latest(layout: publish.Layout, date: dt.date) -> bool:
    """`latest` as publishing would have left it, for a pack found up to date."""
    behind = not publish.is_latest(layout, layout.dated(date))
    settled = publish.settle_latest(layout, date)
    if behind and settled:
        log.warning(
            "%s pointed elsewhere than %s, the newest complete pack (a run stopped before "
            "moving it, or it was removed); moved it",
            layout.latest,
            layout.dated(date),
        )
        layout.collect()
    return settled


def _build(
    options: Options,
    folder: Path,
    store: cache.RenderCache,
    outputs: tuple[Sequence[Wanted], Sequence[book.WantedBook]],
    rendered_at: dt.datetime,
    fingerprints: cache.Fingerprints,
    inputs: str,
    report: Report,
    progress: Progress | None,
) -> None:
    """Every output into `folder`, from the cache or rendered, then index, manifest and zip."""
    wanted, books = outputs
    changed = change_views.plan(options, fingerprints, rendered_at)
    wanted = [*wanted, *changed.wanted]
    report.changes = changed.section()
    books = [book.with_changes(each, report.changes) for each in books]
    notes: dict[str, Note] = {}
    misses = []
    book_misses = []
    for each in books:
        cached = None if options.rebuild else book.reuse(store, each)
        if cached is None:
            book_misses.append(each)
            continue
        notes[each.path] = Note(*cached)
        atomic.write_bytes(folder / each.path, cached[0])
        report.reused.append(each.path)
    for item in wanted:
        reused = None if options.rebuild else _reuse(store, item)
        if reused is None:
            misses.append(item)
            continue
        notes[item.path] = Note(*reused)
        atomic.write_bytes(folder / item.path, notes[item.path].data)
        report.reused.append(item.path)
    if misses or book_misses:
        rendering = time.perf_counter()
        misses_of = (misses, book_misses)
        _render(
            options, misses_of, rendered_at, store, folder, notes, report, progress, fingerprints
        )
        report.timings["render"] = time.perf_counter() - rendering
    assembling = time.perf_counter()
    report.complete = not report.failures
    path, versions_file = changed.note()
    atomic.write_bytes(folder / path, versions_file.data)
    notes[path] = versions_file
    contents.write_beside(options, folder, notes, report, inputs, rendered_at, fingerprints)
    report.timings["assemble"] = time.perf_counter() - assembling


def _reuse(store: cache.RenderCache, item: Wanted) -> tuple[bytes, dict, dict | None] | None:
    """The cached bytes of `item` and their manifest line, if the entry is whole."""
    entry = store.get(item.key)
    if entry is None:
        return None
    line = file_entry(item, entry.meta)
    problems = schema_check.schema_problems(line, "#/$defs/note")
    if problems:
        log.warning(
            "render cache entry %s is damaged (%s); rendering again", item.key[:12], problems[0]
        )
        return None
    return entry.data, line, entry.meta.get("item")


def _books(options: Options, wanted: Sequence[Wanted]) -> list[book.WantedBook]:
    """A book per locale when the pack has PDFs, keyed by its notes' PDF keys."""
    note_keys = {(item.source, item.locale): item.key for item in wanted if item.format == "pdf"}
    if not note_keys:
        return []
    return book.wanted(options.date, options.locales, options.content, note_keys, options.book)


def _wanted(
    options: Options, fingerprints: cache.Fingerprints, rendered_at: dt.datetime
) -> list[Wanted]:
    from pipeline.content.collisions import collisions
    from pipeline.errors import ContentError

    # Before any lookup: a note taken from the cache never meets the build plan's own check.
    if problems := collisions([(path, path.stem, options.locales) for path in options.content]):
        raise ContentError(problems)
    renderer_options = {
        "allow_missing_glyphs": options.allow_missing_glyphs,
        "rendered_at": rendered_at.isoformat(),
    }
    wanted = []
    for source in options.content:
        for locale in options.locales:
            for format_name in options.formats:
                key, sources = fingerprints.key(source, locale, format_name, renderer_options)
                suffix = render.get(format_name).suffix
                path = f"{locale}/{source.stem}{suffix}"
                wanted.append(Wanted(source, locale, format_name, path, key, sources))
    return wanted


def _inputs_digest(
    options: Options, wanted: Sequence[Wanted], books: Sequence[book.WantedBook]
) -> str:
    material = {
        "books": sorted((each.path, each.key) for each in books),
        "book_settings": options.book.model_dump(mode="json"),
        "format_version": manifest.FORMAT_VERSION,
        "date": options.date.isoformat(),
        "locales": list(options.locales),
        "formats": list(options.formats),
        "outputs": sorted((item.path, item.key) for item in wanted),
    }
    return digests.sha256(json.dumps(material, sort_keys=True).encode())


def _up_to_date(pack: Path, inputs: str) -> bool:
    try:
        published = manifest.read(pack)
    except manifest.ManifestError as error:
        if pack.exists():
            log.warning("published pack %s: %s; building it again", pack, error)
        return False
    if published["inputs"] != inputs or published["complete"] is not True:
        return False
    problems = manifest.verify(pack)
    for problem in problems:
        log.warning("published pack %s: %s; building it again", pack, problem)
    return not problems


def _render(
    options: Options,
    misses_of: tuple[list[Wanted], list[book.WantedBook]],
    rendered_at: dt.datetime,
    store: cache.RenderCache,
    folder: Path,
    notes: dict[str, Note],
    report: Report,
    progress: Progress | None,
    fingerprints: cache.Fingerprints,
) -> None:
    """Render the outputs the cache lacks, into the cache and `folder`."""
    misses, book_misses = misses_of
    formats = sorted({item.format for item in misses})
    by_id = {(item.source, item.locale, item.format, bool(item.changes)): item for item in misses}
    books_by_locale = {each.locale: each for each in book_misses}
    sources = {item.source for item in misses} | {s for b in book_misses for s in b.sources}
    locales = {item.locale for item in misses} | set(books_by_locale)

    def tasks() -> list[Task]:
        from pipeline.engine import plan as build_plan

        # The bytes the keys were computed from: an edit since then is the next run's.
        plan = build_plan.plan(
            sorted(sources),
            formats or ["pdf"],
            sorted(locales),
            options.allow_missing_glyphs,
            fingerprints.contents,
            project=options.project,
        )
        jobs = [dataclasses.replace(job, built_at=rendered_at) for job in plan.jobs]
        by_note = {(job.source.path, job.locale): job for job in jobs}
        planned = [
            Task(dataclasses.replace(job, changes=item.changes), item.format)
            for job in jobs
            for item in misses
            if (item.source, item.locale) == (job.source.path, job.locale)
        ]
        return planned + [
            Task(book.job(each, by_note, options), book.FORMAT)  # type: ignore[arg-type]
            for each in book_misses
        ]

    def keep(result: Result) -> None:
        job = result.task.job
        if result.task.format == book.FORMAT:
            keep_book(result, books_by_locale[job.locale])
            return
        item = by_id[(job.source.path, job.locale, result.task.format, bool(job.changes))]
        if result.data is None:
            report.failures.append(failure_entry(item, result.error or "unknown error"))
            return
        entry = store.put(item.key, result.data, describe(item, job, result.data))
        atomic.write_bytes(folder / item.path, result.data)
        notes[item.path] = Note(result.data, file_entry(item, entry.meta), entry.meta.get("item"))
        report.built.append(item.path)
        if result.worker:
            report.rendered_by[item.path] = result.worker
        log.info("rendered %s in %.2f s", item.path, result.seconds)

    def keep_book(result: Result, wanted: book.WantedBook) -> None:
        if result.data is None:
            report.failures.append(book.failure_entry(wanted, result.error or "unknown error"))
            return
        entry = store.put(wanted.key, result.data, book.describe(wanted, result.data))
        atomic.write_bytes(folder / wanted.path, result.data)
        notes[wanted.path] = Note(result.data, book.file_entry(wanted, entry.meta))
        report.built.append(wanted.path)
        if result.worker:
            report.rendered_by[wanted.path] = result.worker
        log.info("rendered %s in %.2f s", wanted.path, result.seconds)

    targets = [*formats, book.FORMAT] if book_misses else formats
    outputs = len(misses) + len(book_misses)
    rendering.render_all(options.executor, targets, outputs, tasks, keep, progress)
    report.failures.sort(key=lambda failure: failure["path"])
