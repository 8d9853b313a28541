"""Where renders run: in this process, or in a pool of forked worker processes.

This is the one seam that knows how renders are scheduled; the build only hands
over (job, format) tasks and receives bytes or an error message for each.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from pipeline import render
from pipeline.errors import BriefingError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    job: render.RenderJob
    format: str


@dataclass(frozen=True)
class Result:
    task: Task
    data: bytes | None
    error: str | None
    seconds: float


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Executor:
    """Runs render tasks, in this process or in forked workers that start warming up at once.

    Create it before loading content: workers import the renderers' heavy
    libraries (WeasyPrint's import alone is a third of a note's build) while the
    main process is still reading and validating YAML.
    """

    def __init__(self, jobs: int, formats: Sequence[str]) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            # Forked workers inherit what is already imported; a fresh
            # interpreter per worker would pay Python's start-up again.
            preload = sorted({name for f in formats for name in render.get(f).preload})
            self._pool = ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_import_all,
                initargs=(preload,),
            )
            self._pool.submit(int)  # starts the workers now, not at the first real task

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def run(self, tasks: Sequence[Task]) -> Iterator[Result]:
        """Render every task, yielding each result as soon as it is ready."""
        if self._pool is None or len(tasks) <= 1:
            yield from map(_render, tasks)
            return
        futures = [self._pool.submit(_render, task) for task in _longest_first(tasks)]
        for future in as_completed(futures):
            yield future.result()


def _import_all(modules: Sequence[str]) -> None:
    for module in modules:
        importlib.import_module(module)


def _longest_first(tasks: Sequence[Task]) -> list[Task]:
    # PDF layout dominates; starting it first keeps the other worker busy meanwhile.
    return sorted(tasks, key=lambda task: task.format != "pdf")


def _render(task: Task) -> Result:
    started = time.perf_counter()
    try:
        data = render.get(task.format).render(task.job)
    except BriefingError as error:
        return Result(task, None, str(error), time.perf_counter() - started)
    except Exception as error:  # a renderer bug must not cost the other outputs
        log.debug("render of %s failed", task.format, exc_info=True)
        return Result(task, None, f"{type(error).__name__}: {error}", time.perf_counter() - started)
    return Result(task, data, None, time.perf_counter() - started)
