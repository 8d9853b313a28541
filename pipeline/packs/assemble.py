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
from pipeline.packs import contents, manifest, publish, schema_check
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
    inputs = _inputs_digest(options, wanted)
    report = Report(options.date, layout.dated(options.date))
    report.timings["scan"] = time.perf_counter() - started
    if not options.rebuild and _up_to_date(report.pack, inputs):
        report.status, report.reused = "up to date", [item.path for item in wanted]
        report.latest = _settle_latest(layout, options.date)
        report.timings["total"] = time.perf_counter() - started
        return report

    folder = layout.new_build(options.date)
    try:
        _build(options, folder, store, wanted, rendered_at, fingerprints, inputs, report, progress)
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
    wanted: Sequence[Wanted],
    rendered_at: dt.datetime,
    fingerprints: cache.Fingerprints,
    inputs: str,
    report: Report,
    progress: Progress | None,
) -> None:
    """Every output into `folder`, from the cache or rendered, then index, manifest and zip."""
    notes: dict[str, Note] = {}
    misses = []
    for item in wanted:
        reused = None if options.rebuild else _reuse(store, item)
        if reused is None:
            misses.append(item)
            continue
        notes[item.path] = Note(*reused)
        atomic.write_bytes(folder / item.path, notes[item.path].data)
        report.reused.append(item.path)
    if misses:
        rendering = time.perf_counter()
        _render(options, misses, rendered_at, store, folder, notes, report, progress, fingerprints)
        report.timings["render"] = time.perf_counter() - rendering
    assembling = time.perf_counter()
    report.complete = not report.failures
    contents.write_beside(options, folder, notes, report, inputs, rendered_at, fingerprints)
    report.timings["assemble"] = time.perf_counter() - assembling


def _reuse(store: cache.RenderCache, item: Wanted) -> tuple[bytes, dict] | None:
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
    return entry.data, line


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


def _inputs_digest(options: Options, wanted: Sequence[Wanted]) -> str:
    material = {
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
    misses: list[Wanted],
    rendered_at: dt.datetime,
    store: cache.RenderCache,
    folder: Path,
    notes: dict[str, Note],
    report: Report,
    progress: Progress | None,
    fingerprints: cache.Fingerprints,
) -> None:
    """Render the outputs the cache lacks, into the cache and `folder`."""
    formats = sorted({item.format for item in misses})
    by_id = {(item.source, item.locale, item.format): item for item in misses}

    def tasks() -> list[Task]:
        from pipeline.engine import plan as build_plan

        # The bytes the keys were computed from: an edit since then is the next run's.
        plan = build_plan.plan(
            sorted({item.source for item in misses}),
            formats,
            sorted({item.locale for item in misses}),
            options.allow_missing_glyphs,
            fingerprints.contents,
            project=options.project,
        )
        return [
            Task(dataclasses.replace(job, built_at=rendered_at), format_name)
            for job in plan.jobs
            for format_name in formats
            if (job.source.path, job.locale, format_name) in by_id
        ]

    def keep(result: Result) -> None:
        job = result.task.job
        item = by_id[(job.source.path, job.locale, result.task.format)]
        if result.data is None:
            report.failures.append(failure_entry(item, result.error or "unknown error"))
            return
        entry = store.put(item.key, result.data, describe(item, job, result.data))
        atomic.write_bytes(folder / item.path, result.data)
        notes[item.path] = Note(result.data, file_entry(item, entry.meta))
        report.built.append(item.path)
        if result.worker:
            report.rendered_by[item.path] = result.worker
        log.info("rendered %s in %.2f s", item.path, result.seconds)

    rendering.render_all(options.executor, formats, len(misses), tasks, keep, progress)
    report.failures.sort(key=lambda failure: failure["path"])
