"""A build: validate every content file first, then render each note in each format."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import atomic, clock, content, render
from pipeline.errors import BriefingError, UsageError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Output:
    path: Path
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
) -> BuildReport:
    """Render and write every output; one failure does not stop the others."""
    report = BuildReport()
    built_at = clock.build_time()
    for source in sources:
        job = render.RenderJob(source, built_at)
        for renderer in renderers:
            target = output_path(out_dir, source, renderer)
            started = time.perf_counter()
            try:
                data = renderer.render(job)
                atomic.write_bytes(target, data)
            except BriefingError as error:
                report.failures.append(Failure(source.path, renderer.name, str(error)))
            except Exception as error:  # a renderer bug must not cost the other outputs
                log.debug("render failed", exc_info=True)
                report.failures.append(
                    Failure(source.path, renderer.name, f"{type(error).__name__}: {error}")
                )
            else:
                seconds = time.perf_counter() - started
                report.outputs.append(Output(target, renderer.name, len(data), seconds))
                log.info("wrote %s (%s bytes, %.2f s)", target, f"{len(data):,}", seconds)
            on_output()
    return report
