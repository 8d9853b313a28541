"""A build: validate every content file first, then render each note in each format."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import atomic, clock, render
from pipeline.content.collisions import collisions
from pipeline.engine import executor
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
    on_output: Callable[[], None] = lambda: None,
    runner: executor.Executor | None = None,
) -> BuildReport:
    """Render and write every output; one failure does not stop the others."""
    tasks = [executor.Task(job, renderer.name) for job in plan.jobs for renderer in plan.renderers]
    report = BuildReport()
    results = runner.run(tasks) if runner else executor.Executor(1, []).run(tasks)
    for result in results:
        _record(report, result, out_dir)
        on_output()
    order = {output_path(out_dir, t.job, render.get(t.format)): i for i, t in enumerate(tasks)}
    report.outputs.sort(key=lambda output: order[output.path])
    report.failures.sort(key=lambda failure: order[failure.target])
    return report


def _record(report: BuildReport, result: executor.Result, out_dir: Path) -> None:
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
