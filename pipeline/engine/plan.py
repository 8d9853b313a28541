"""A build: validate every content file first, then render each note in each format.

`briefing build` and `briefing pack` plan the same way; both render through
`engine.rendering.render_all`, which drives the executor."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import atomic, clock, render
from pipeline.content.collisions import collisions
from pipeline.engine import rendering
from pipeline.engine.executor import Result, Task
from pipeline.engine.rendering import SERIAL, ExecutorOptions, Progress
from pipeline.errors import ContentError, UsageError
from pipeline.project import Project

if TYPE_CHECKING:  # the loader imports the model and YAML; a pack that is up to date needs neither
    from pipeline.content import loader as content

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Output:
    path: Path
    source: Path
    format: str
    size: int
    seconds: float
    worker: str | None = None


@dataclass(frozen=True)
class Failure:
    source: Path
    format: str
    message: str
    target: Path


@dataclass
class BuildReport:
    outputs: list[Output] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    planned: int = 0
    """How many outputs the plan held."""

    @property
    def ok(self) -> bool:
        return not self.failures


def output_path(out_dir: Path, job: render.RenderJob, renderer: render.Renderer) -> Path:
    """`output/<locale>/<slug>.<ext>`."""
    return out_dir / job.locale / f"{job.interview.slug}{renderer.suffix}"


@dataclass(frozen=True)
class Plan:
    """Every note in every locale, validated and translated, before anything is written."""

    jobs: list[render.RenderJob]
    renderers: list[render.Renderer]

    @property
    def total(self) -> int:
        return len(self.jobs) * len(self.renderers)

    @property
    def tasks(self) -> list[Task]:
        return [Task(job, renderer.name) for job in self.jobs for renderer in self.renderers]


def plan(
    paths: Sequence[Path],
    formats: Sequence[str],
    locales: Sequence[str] | None = None,
    allow_missing_glyphs: bool = False,
    contents: Mapping[Path, bytes] | None = None,
    *,
    project: Project,
) -> Plan:
    """Load, validate and localize; raises ContentError (nothing written) on any problem.

    `locales=None` builds each note in its own language. `contents`: content files'
    bytes already read (see content.load_all). `project` gives the catalogs and the
    house style.
    """
    renderers = [render.get(name) for name in formats]
    if not paths:
        raise UsageError("no content files given and none found; add content/<slug>.yaml")
    from pipeline.content import loader as content

    sources = content.load_all(paths, contents)
    notes = [(s.path, s.interview.slug, locales or [s.interview.language]) for s in sources]
    if problems := collisions(notes):
        raise ContentError(problems)
    _require_valid_catalogs(project, locales or sorted({s.interview.language for s in sources}))
    built_at = clock.build_time()
    if locales is None:
        jobs = [
            render.RenderJob(source, built_at, project, allow_missing_glyphs=allow_missing_glyphs)
            for source in sources
        ]
    else:
        jobs = _localized_jobs(project, sources, locales, built_at, allow_missing_glyphs)
    return Plan(jobs, renderers)


def _require_valid_catalogs(project: Project, locales: Sequence[str]) -> None:
    """A note in its own language uses that language's interface catalog too: check it first."""
    from pipeline.i18n import SHIPPED_LOCALES, workflow

    if any(locale in SHIPPED_LOCALES for locale in locales):
        workflow.require_valid(project, locales)


def _localized_jobs(
    project: Project,
    sources: Sequence[content.LoadedInterview],
    locales: Sequence[str],
    built_at: dt.datetime,
    allow_missing_glyphs: bool,
) -> list[render.RenderJob]:
    from pipeline.i18n import catalogs, segments

    jobs = []
    for source in sources:
        for locale in locales:
            path = catalogs.content_catalog(locale, source.interview.slug, project.locales)
            catalog = catalogs.read(path, locale) if path.is_file() else None
            localized, localization = segments.localize(source, locale, catalog, path)
            jobs.append(
                render.RenderJob(
                    localized,
                    built_at,
                    project,
                    localization=localization,
                    allow_missing_glyphs=allow_missing_glyphs,
                )
            )
    return jobs


def build(
    plan: Plan,
    out_dir: Path,
    executor_options: ExecutorOptions = SERIAL,
    progress: Progress | None = None,
) -> BuildReport:
    """Render and write every output of `plan`; one failure does not stop the others."""
    formats = [renderer.name for renderer in plan.renderers]
    return _write(lambda: plan, formats, plan.total, out_dir, executor_options, progress)


def build_files(
    paths: Sequence[Path],
    formats: Sequence[str],
    out_dir: Path,
    *,
    project: Project,
    locales: Sequence[str] | None = None,
    allow_missing_glyphs: bool = False,
    executor_options: ExecutorOptions = SERIAL,
    progress: Progress | None = None,
) -> BuildReport:
    """`briefing build`: plan and render, the executor's workers warming up while the
    content loads; raises ContentError (nothing written) as `plan` does."""
    expected = len(paths) * len(formats) * len(locales or [None])

    def make_plan() -> Plan:
        return plan(paths, formats, locales, allow_missing_glyphs, project=project)

    return _write(make_plan, formats, expected, out_dir, executor_options, progress)


def _write(
    make_plan: Callable[[], Plan],
    formats: Sequence[str],
    expected: int,
    out_dir: Path,
    executor_options: ExecutorOptions,
    progress: Progress | None,
) -> BuildReport:
    """Every output under `out_dir`, listed in the plan's order, whatever order they finish in."""
    report = BuildReport()
    order: dict[Path, int] = {}

    def tasks() -> list[Task]:
        planned = make_plan().tasks
        for index, task in enumerate(planned):
            order[output_path(out_dir, task.job, render.get(task.format))] = index
        report.planned = len(planned)
        return planned

    rendering.render_all(
        executor_options,
        formats,
        expected,
        tasks,
        lambda result: _record(report, result, out_dir),
        progress,
    )
    report.outputs.sort(key=lambda output: order[output.path])
    report.failures.sort(key=lambda failure: order[failure.target])
    return report


def _record(report: BuildReport, result: Result, out_dir: Path) -> None:
    job, renderer = result.task.job, render.get(result.task.format)
    source, target = job.source, output_path(out_dir, job, renderer)
    if result.data is None:
        report.failures.append(
            Failure(source.path, renderer.name, result.error or "unknown error", target)
        )
        return
    try:
        atomic.write_bytes(target, result.data)
    except OSError as error:
        report.failures.append(
            Failure(source.path, renderer.name, f"cannot write {target}: {error}", target)
        )
        return
    report.outputs.append(
        Output(target, source.path, renderer.name, len(result.data), result.seconds, result.worker)
    )
    log.info("wrote %s (%s bytes, %.2f s)", target, f"{len(result.data):,}", result.seconds)
