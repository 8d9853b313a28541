"""A build: validate every content file first, then render each note in each format."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import atomic, clock, content, executor, render
from pipeline.errors import UsageError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Output:
    path: Path
    source: Path
    format: str
    size: int
    seconds: float


@dataclass(frozen=True)
class Failure:
    source: Path
    format: str
    message: str


@dataclass
class BuildReport:
    outputs: list[Output] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def output_path(out_dir: Path, source: content.LoadedInterview, renderer: render.Renderer) -> Path:
    """`output/<lang>/<slug>.<ext>`."""
    note = source.interview
    return out_dir / note.language / f"{note.slug}{renderer.suffix}"


def plan(
    paths: Sequence[Path], formats: Sequence[str]
) -> tuple[list[content.LoadedInterview], list[render.Renderer]]:
    """Everything the build will do, checked before anything is written."""
    renderers = [render.get(name) for name in formats]
    if not paths:
        raise UsageError("no content files given and none found; add content/<slug>.yaml")
    return content.load_all(paths), renderers


def build(
    sources: Sequence[content.LoadedInterview],
    renderers: Sequence[render.Renderer],
    out_dir: Path,
    on_output: Callable[[], None] = lambda: None,
    runner: executor.Executor | None = None,
) -> BuildReport:
    """Render and write every output; one failure does not stop the others."""
    built_at = clock.build_time()
    tasks = [
        executor.Task(render.RenderJob(source, built_at), renderer.name)
        for source in sources
        for renderer in renderers
    ]
    report = BuildReport()
    results = runner.run(tasks) if runner else executor.Executor(1, []).run(tasks)
    for result in results:
        _record(report, result, out_dir)
        on_output()
    order = {(task.job.source.path, task.format): index for index, task in enumerate(tasks)}
    report.outputs.sort(key=lambda output: order[(output.source, output.format)])
    report.failures.sort(key=lambda failure: order[(failure.source, failure.format)])
    return report


def _record(report: BuildReport, result: executor.Result, out_dir: Path) -> None:
    source, renderer = result.task.job.source, render.get(result.task.format)
    if result.data is None:
        report.failures.append(Failure(source.path, renderer.name, result.error or "unknown error"))
        return
    target = output_path(out_dir, source, renderer)
    try:
        atomic.write_bytes(target, result.data)
    except OSError as error:
        report.failures.append(
            Failure(source.path, renderer.name, f"cannot write {target}: {error}")
        )
        return
    report.outputs.append(
        Output(target, source.path, renderer.name, len(result.data), result.seconds)
    )
    log.info("wrote %s (%s bytes, %.2f s)", target, f"{len(result.data):,}", result.seconds)
