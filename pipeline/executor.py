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
from collections.abc import Callable, Iterator, Sequence
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

    def __init__(self, jobs: int, formats: Sequence[str], outputs: int | None = None) -> None:
        """Up to `jobs` workers (no more than `outputs`); `jobs=1` renders in this process.

        Even a single output gets a worker when cores allow: it imports the
        heavy library while this process loads the content.
        """
        self._pool: ProcessPoolExecutor | None = None
        workers = max(1, min(jobs, outputs or jobs))
        preload = sorted({name for f in formats for name in render.get(f).preload})
        worth_a_worker = workers > 1 or bool(preload)
        if jobs > 1 and worth_a_worker and "fork" in multiprocessing.get_all_start_methods():
            # Forked workers inherit what is already imported; a fresh
            # interpreter per worker would pay Python's start-up again.
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
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
        pending = []
        for task in _longest_first(tasks):
            started = time.perf_counter()
            prepared, error = _guarded(lambda task=task: render.get(task.format).prepare(task.job))
            if error is not None:
                yield Result(task, None, error, time.perf_counter() - started)
            elif self._pool is None:
                yield self._result(task, started, _paint(task.format, prepared))
            else:
                pending.append((task, started, self._pool.submit(_paint, task.format, prepared)))
        futures = {future: (task, started) for task, started, future in pending}
        for future in as_completed(futures):
            task, started = futures[future]
            yield self._result(task, started, future.result())

    @staticmethod
    def _result(task: Task, started: float, painted: tuple) -> Result:
        data, error = painted
        return Result(task, data, error, time.perf_counter() - started)


def _import_all(modules: Sequence[str]) -> None:
    for module in modules:
        importlib.import_module(module)


def _longest_first(tasks: Sequence[Task]) -> list[Task]:
    # PDF layout dominates; starting it first keeps the other worker busy meanwhile.
    return sorted(tasks, key=lambda task: task.format != "pdf")


def _guarded(step: Callable[[], bytes | object]) -> tuple[object | None, str | None]:
    try:
        return step(), None
    except BriefingError as error:
        return None, str(error)
    except Exception as error:  # a renderer bug must not cost the other outputs
        log.debug("render step failed", exc_info=True)
        return None, f"{type(error).__name__}: {error}"


def _paint(format_name: str, prepared: object) -> tuple[object | None, str | None]:
    return _guarded(lambda: render.get(format_name).paint(prepared))
