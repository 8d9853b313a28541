"""A dated briefing pack: every note in every locale and format, an index, a manifest, a zip.

`make` finds what the pack needs, takes unchanged renders from the cache,
renders the rest in worker processes under limits, assembles index.html,
manifest.json and the zip beside them, and publishes the whole in one step
(pipeline.publish). When nothing changed, it publishes nothing and imports no
renderer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import shutil
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import atomic, clock, digests, render
from pipeline.engine import cache
from pipeline.engine.worker import Limits
from pipeline.errors import BriefingError, describe_os_error
from pipeline.packs import manifest, publish, schema_check
from pipeline.project import Project

log = logging.getLogger(__name__)

CACHE_DAYS = 30
"""Cache entries unused for this long are removed after a successful pack."""

Progress = Callable[[int], AbstractContextManager[Callable[[], None]]]


@dataclass(frozen=True)
class Options:
    root: Path
    date: dt.date
    content: Sequence[Path]
    locales: Sequence[str]
    formats: Sequence[str]
    jobs: int
    project: Project
    """Whose catalogs and house style the notes and the index use."""
    limits: Limits = Limits()
    allow_missing_glyphs: bool = False
    rebuild: bool = False
    """Render everything again, ignoring the cache and the published pack."""
    engine: str | None = None
    """A Dask scheduler address (see pipeline.remote); None renders on this machine."""
    shared_root: bool = False
    """Dask workers see the project at the same path and prepare the notes themselves."""


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
        }


@dataclass(frozen=True)
class _Note:
    """A note of the pack: its bytes, and its line in the manifest."""

    data: bytes
    line: dict


@dataclass(frozen=True)
class _Wanted:
    """One output the pack should hold, and the key of its render."""

    source: Path
    locale: str
    format: str
    path: str
    key: str
    sources: cache.Sources


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
    wanted: Sequence[_Wanted],
    rendered_at: dt.datetime,
    fingerprints: cache.Fingerprints,
    inputs: str,
    report: Report,
    progress: Progress | None,
) -> None:
    """Every output into `folder`, from the cache or rendered, then index, manifest and zip."""
    notes: dict[str, _Note] = {}
    misses = []
    for item in wanted:
        reused = None if options.rebuild else _reuse(store, item)
        if reused is None:
            misses.append(item)
            continue
        notes[item.path] = _Note(*reused)
        atomic.write_bytes(folder / item.path, notes[item.path].data)
        report.reused.append(item.path)
    if misses:
        rendering = time.perf_counter()
        _render(options, misses, rendered_at, store, folder, notes, report, progress, fingerprints)
        report.timings["render"] = time.perf_counter() - rendering
    assembling = time.perf_counter()
    report.complete = not report.failures
    _assemble(options, folder, notes, report, inputs, rendered_at, fingerprints)
    report.timings["assemble"] = time.perf_counter() - assembling


def _reuse(store: cache.RenderCache, item: _Wanted) -> tuple[bytes, dict] | None:
    """The cached bytes of `item` and their manifest line, if the entry is whole."""
    entry = store.get(item.key)
    if entry is None:
        return None
    line = _file_entry(item, entry.meta)
    problems = schema_check.schema_problems(line, "#/$defs/note")
    if problems:
        log.warning(
            "render cache entry %s is damaged (%s); rendering again", item.key[:12], problems[0]
        )
        return None
    return entry.data, line


def _wanted(
    options: Options, fingerprints: cache.Fingerprints, rendered_at: dt.datetime
) -> list[_Wanted]:
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
                wanted.append(_Wanted(source, locale, format_name, path, key, sources))
    return wanted


def _inputs_digest(options: Options, wanted: Sequence[_Wanted]) -> str:
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
    misses: list[_Wanted],
    rendered_at: dt.datetime,
    store: cache.RenderCache,
    folder: Path,
    notes: dict[str, _Note],
    report: Report,
    progress: Progress | None,
    fingerprints: cache.Fingerprints,
) -> None:
    from pipeline.engine.executor import Executor, Task

    formats = sorted({item.format for item in misses})
    # Workers fork before the model is imported, so they warm up while it loads.
    # On a Dask cluster, the workers' own settings limit each render (docs/distributed.md).
    limits = None if options.engine else options.limits
    with Executor(
        options.jobs,
        formats,
        outputs=len(misses),
        limits=limits,
        engine=options.engine,
        shared_root=options.shared_root,
    ) as runner:
        from pipeline.engine import plan as pipeline_build

        sources = sorted({item.source for item in misses})
        locales = sorted({item.locale for item in misses})
        # The bytes the keys were computed from: an edit since then is the next run's.
        plan = pipeline_build.plan(
            sources,
            formats,
            locales,
            options.allow_missing_glyphs,
            fingerprints.contents,
            project=options.project,
        )
        by_id = {(item.source, item.locale, item.format): item for item in misses}
        tasks = [
            Task(dataclasses.replace(job, built_at=rendered_at), format_name)
            for job in plan.jobs
            for format_name in formats
            if (job.source.path, job.locale, format_name) in by_id
        ]
        with progress(len(tasks)) if progress else nullcontext(lambda: None) as advance:
            for result in runner.run(tasks):
                job = result.task.job
                item = by_id[(job.source.path, job.locale, result.task.format)]
                if result.data is None:
                    report.failures.append(_failure(item, result.error or "unknown error"))
                else:
                    entry = store.put(item.key, result.data, _describe(item, result))
                    atomic.write_bytes(folder / item.path, result.data)
                    notes[item.path] = _Note(result.data, _file_entry(item, entry.meta))
                    report.built.append(item.path)
                    if result.worker:
                        report.rendered_by[item.path] = result.worker
                    log.info("rendered %s in %.2f s", item.path, result.seconds)
                advance()
    report.failures.sort(key=lambda failure: failure["path"])


def _describe(item: _Wanted, result) -> dict:
    job = result.task.job
    l10n = job.l10n
    translated, total = l10n.translated, l10n.total
    return {
        "slug": job.interview.slug,
        "title": job.interview.title,
        "outlet": job.interview.outlet,
        "language": l10n.source_language,
        "locale": item.locale,
        "format": item.format,
        "pages": manifest.pdf_pages(result.data) if item.format == "pdf" else None,
        "translation": {
            "translated": translated,
            "total": total,
            "percent": round(100 * translated / total, 1) if total else 100.0,
        },
    }


def _file_entry(item: _Wanted, meta: dict) -> dict:
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
    }


def _failure(item: _Wanted, message: str) -> dict:
    return {
        "path": item.path,
        "slug": item.source.stem,
        "locale": item.locale,
        "format": item.format,
        "message": message,
    }


def _assemble(
    options: Options,
    folder: Path,
    notes: dict[str, _Note],
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
    index = pack_index.render(
        options.date,
        built_at,
        lines,
        report.failures,
        options.locales,
        archive=archive,
        templates=options.project.template_dirs,
    ).encode("utf-8")
    atomic.write_bytes(folder / manifest.INDEX, index)
    index_entry = {
        "path": manifest.INDEX,
        "sha256": digests.sha256(index),
        "size": len(index),
        "format": "index",
        "locale": None,
    }
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
        "files": sorted([*lines, index_entry], key=lambda entry: entry["path"]),
        "failures": report.failures,
        "archive": {"path": archive},
    }
    text = manifest.dumps(document)
    atomic.write_bytes(folder / manifest.MANIFEST, text)
    members = [(path, note.data) for path, note in notes.items()]
    members += [(manifest.INDEX, index), (manifest.MANIFEST, text)]
    atomic.write_bytes(folder / archive, manifest.zip_bytes(members, built_at))


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
