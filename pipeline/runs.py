"""What `briefing pack` and `briefing deliver` do between parsing and printing.

Settings are resolved (options, then the settings file, then defaults) and every
delivery target is checked before anything is built; the build and the
deliveries then run under one lock, so a second run skips at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import clock
from pipeline.delivery import log
from pipeline.delivery.log import Outcome
from pipeline.engine.executor import default_jobs
from pipeline.engine.rendering import Progress, executor_options
from pipeline.engine.worker import Limits
from pipeline.errors import FAILED, OK, TEMPORARY_FAILURE, UsageError
from pipeline.packs import assemble as pack
from pipeline.packs import settings
from pipeline.packs.lock import RunLock
from pipeline.packs.targets import ConfigError
from pipeline.project import Project


@dataclass(frozen=True)
class Run:
    options: pack.Options
    config: settings.Config
    targets: tuple[str, ...]
    force: bool
    as_json: bool


def prepare(
    content: Sequence[Path],
    *,
    project: Project,
    date: dt.datetime | None,
    locales: str | None,
    formats: Sequence[str] | None,
    root: Path | None,
    jobs: int | None,
    render_timeout: float | None,
    render_memory: int | None,
    targets: tuple[str, ...],
    scheduled: bool,
    force: bool,
    rebuild: bool,
    allow_missing_glyphs: bool,
    as_json: bool,
    config: Path | None,
    executor: str = "local",
    shared_root: bool = False,
) -> Run:
    """Options over settings over defaults; raises UsageError/ConfigError (exit 2) on any problem."""
    from pipeline.i18n import parse_locales

    executor_options(executor, 1, shared_root)  # refused before the settings are even read
    clock.source_date_epoch()  # refused now, before the lock is taken and anything is built

    loaded = settings.load(config or project.settings_file)
    defaults = loaded.pack
    wanted_targets = tuple(
        dict.fromkeys([*targets, *(loaded.schedule.deliver if scheduled else [])])
    )
    for spec in wanted_targets:
        loaded.target(spec)  # an unknown target fails now, not after the build
    if scheduled and not loaded.schedule.deliver:
        raise ConfigError(f"--scheduled, but {loaded.source} has no [schedule] deliver list")
    options = pack.Options(
        root=root or (project.resolve(defaults.out) if defaults.out else project.packs),
        date=clock.require_writable(date.date(), "--date") if date else pack.default_date(),
        content=list(content),
        locales=(parse_locales(locales) if locales else None) or list(defaults.locales),
        formats=list(formats) if formats else list(defaults.formats),
        project=project,
        executor=executor_options(
            executor,
            jobs or defaults.jobs or default_jobs(),
            shared_root,
            Limits(
                seconds=render_timeout or defaults.render_timeout,
                memory_mb=render_memory or defaults.render_memory,
            ),
        ),
        allow_missing_glyphs=allow_missing_glyphs,
        rebuild=rebuild,
        book=loaded.book,
    )
    if not options.content:
        raise UsageError("no content files given and none found; add content/<slug>.yaml")
    return Run(options, loaded, wanted_targets, force, as_json)


def run(run: Run, progress: Progress | None = None) -> tuple[pack.Report, list[Outcome]]:
    """Build the pack, then deliver it if it is complete; all under the run lock."""
    from pipeline.delivery import dispatch

    with RunLock(run.options.root):
        report = pack.make(run.options, progress)
        outcomes = []
        if report.complete:
            outcomes = dispatch.deliver_all(
                report.pack,
                run.targets,
                run.config,
                run.force,
                templates=run.options.project.template_dirs,
                catalogs=run.options.project.interface_catalog_dirs,
            )
    return report, outcomes


def deliver_pack(
    pack_dir: Path, targets: Sequence[str], force: bool, config: Path | None, project: Project
) -> list[Outcome]:
    """`briefing deliver`: an existing pack to each target, under the run lock."""
    from pipeline.delivery import dispatch

    loaded = settings.load(config or project.settings_file)
    for spec in targets:
        loaded.target(spec)
    with RunLock(log.log_path(pack_dir).parent):
        return dispatch.deliver_all(
            pack_dir,
            targets,
            loaded,
            force,
            templates=project.template_dirs,
            catalogs=project.interface_catalog_dirs,
        )


def exit_code(report: pack.Report | None, outcomes: Sequence[Outcome]) -> int:
    """FAILED when anything failed for good; else TEMPORARY_FAILURE when a delivery is to be
    retried; else OK."""
    codes = [outcome.exit_code for outcome in outcomes]
    if (report is not None and report.failures) or FAILED in codes:
        return FAILED
    return TEMPORARY_FAILURE if TEMPORARY_FAILURE in codes else OK


def as_json(report: pack.Report, outcomes: Sequence[Outcome]) -> dict:
    return {
        **report.as_json(),
        "deliveries": [outcome.as_json() for outcome in outcomes],
        "exit_code": exit_code(report, outcomes),
    }
