"""Where renders run: in this process, in a pool of forked worker processes, or on Dask.

This is the one seam that knows how renders are scheduled; `engine.rendering`
hands it (job, format) tasks and receives bytes or an error message for each.

With `Limits`, every paint runs in a worker under a wall-clock and a memory
limit. A render over either fails alone, with a message naming the limit; a
worker that dies or hangs is replaced and the other renders carry on."""

from __future__ import annotations

import collections
import contextlib
import logging
import math
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline import render
from pipeline.engine.worker import (
    Limits,
    _failure,
    _guarded,
    _import_all,
    _Overrun,
    _paint,
    _paint_within,
    _start_limited_worker,
)

if TYPE_CHECKING:  # the pool machinery (multiprocessing, queues, threads) loads only for a pool
    import concurrent.futures
    from concurrent.futures import Future, ProcessPoolExecutor

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
    worker: str | None = None
    """Which Dask worker painted it (None: this machine's own processes)."""


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Executor:
    """Runs render tasks, in this process or in forked workers that start warming up at once.

    Create it before loading content: workers import the renderers' heavy
    libraries (WeasyPrint's import alone is a third of a note's build) while the
    main process is still reading and validating YAML.
    """

    def __init__(
        self,
        jobs: int,
        formats: Sequence[str],
        outputs: int | None = None,
        limits: Limits | None = None,
        scheduler: str | None = None,
        shared_root: bool = False,
    ) -> None:
        """Workers for the heavy paints (PDF layout): up to `jobs`, no more than there are.

        `outputs` is how many renders of `formats` will come (None: unknown, as many
        workers as `jobs`). With `jobs > 1`, each heavy paint runs in a forked worker
        that imports its library while this process loads the content, even for a
        single note; light paints (HTML, DOCX) run here, where their note was
        prepared, and so does everything with `jobs=1`. WeasyPrint is thus imported
        once per process that lays out pages, and only there. With `limits`, every
        paint runs in a worker (one for `jobs=1`), since only a separate process can
        be stopped when it overruns. With a Dask `scheduler` address, the cluster's
        workers paint and `limits` do not apply.
        """
        self._pool: ProcessPoolExecutor | None = None
        self._retired: list[ProcessPoolExecutor] = []
        self._client: Any = None  # a distributed.Client (Dask is optional)
        self._cluster: concurrent.futures.Executor | None = None  # the client's executor
        self._shared_root = False
        self._limits = limits
        if scheduler is not None:
            # A Dask cluster (engine.cluster): its workers have their own memory limits
            # (`dask worker --memory-limit`), and Dask reruns the renders of a worker that died.
            from pipeline.engine import cluster

            self._client, self._cluster = cluster.connect(scheduler)
            self._limits, self._workers, self._preload = None, jobs, []
            self._expected_stack = {"worker": "this machine", **cluster.render_stack()}
            # With a shared root, workers read templates, assets and catalogs themselves
            # and prepare the notes too, so this process only loads and translates.
            self._shared_root = shared_root
            return
        if limits is not None:
            self._workers = max(1, min(jobs, outputs or jobs))
            self._preload = sorted({name for f in formats for name in render.get(f).preload})
            self._pool = self._limited_pool(limits)
            return
        heavy = [name for name in formats if render.get(name).heavy]
        self._workers = min(jobs, _heavy_renders(outputs, formats, heavy, jobs))
        self._preload = sorted({module for name in heavy for module in render.get(name).preload})
        if jobs > 1 and self._workers and _can_fork():
            self._pool = _forked_pool(self._workers, _import_all, (self._preload,))
            self._pool.submit(int)  # starts the workers now, not at the first real task

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._cluster is not None:
            self._cluster.shutdown(wait=True)
            self._client.close()
            return
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        for pool in self._retired:
            pool.shutdown(wait=True)

    def run(self, tasks: Sequence[Task]) -> Iterator[Result]:
        """Render every task, yielding each result as soon as it is ready."""
        if self._limits is not None:
            yield from self._run_limited(tasks, self._limits)
            return
        if self._cluster is not None and self._shared_root:
            yield from self._run_shared(self._cluster, tasks)
            return
        painters = self._cluster or self._pool
        pending = {}
        for task in _longest_first(tasks):
            started = time.perf_counter()
            prepared, error = _prepare(task)
            if error is not None:
                yield Result(task, None, error, time.perf_counter() - started)
            elif painters is None or (self._client is None and not render.get(task.format).heavy):
                yield self._result(task, started, _paint(task.format, prepared))
            else:
                future = painters.submit(self._paint_function, task.format, prepared)
                pending[future] = (task, started)
        if pending:
            from concurrent.futures import as_completed

            for future in as_completed(pending):
                task, started = pending[future]
                yield self._result(task, started, future.result())

    def _run_shared(
        self, painters: concurrent.futures.Executor, tasks: Sequence[Task]
    ) -> Iterator[Result]:
        from concurrent.futures import as_completed

        from pipeline.engine import cluster

        started = time.perf_counter()
        submitted = {
            painters.submit(cluster.render, task.format, task.job): task
            for task in _longest_first(tasks)
        }
        for future in as_completed(submitted):
            yield self._result(submitted[future], started, future.result())

    @property
    def _paint_function(self) -> Callable[[str, object], tuple]:
        from pipeline.engine import cluster

        return cluster.paint if self._client is not None else _paint

    def _result(self, task: Task, started: float, painted: tuple) -> Result:
        if self._client is None:
            data, error = painted
            return Result(task, data, error, time.perf_counter() - started)
        data, error, environment = painted
        return Result(
            task,
            data,
            error or self._mismatch(environment),
            time.perf_counter() - started,
            worker=environment["worker"],
        )

    def _mismatch(self, environment: dict) -> str | None:
        """A worker whose fonts or libraries differ from this machine's would change the PDF."""
        from pipeline.engine import cluster

        expected = self._expected_stack
        differing = cluster.differences(expected, environment)
        if not differing:
            return None
        return (
            f"worker {environment['worker']} differs from {expected['worker']} in "
            f"{', '.join(f'{k} ({environment.get(k)} there, {expected[k]} here)' for k in differing)};"
            " a different font or library changes the PDF: give every worker the same packages"
        )

    # --- Under limits ----------------------------------------------------------------------

    def _limited_pool(self, limits: Limits) -> ProcessPoolExecutor:
        pool = _forked_pool(self._workers, _start_limited_worker, (self._preload, limits))
        pool.submit(int)
        return pool

    def _replace_pool(self, kill: bool, limits: Limits) -> None:
        """Retire the current pool (its workers killed if one hangs) and start a fresh one."""
        old = self._pool
        assert old is not None
        if kill:
            # The pool has no public way to stop one hung worker; stop them all.
            for process in list(getattr(old, "_processes", {}).values()):
                with contextlib.suppress(OSError):
                    process.kill()
        old.shutdown(wait=False, cancel_futures=True)
        self._retired.append(old)
        self._pool = self._limited_pool(limits)

    def _run_limited(self, tasks: Sequence[Task], limits: Limits) -> Iterator[Result]:
        """Prepare ahead while workers paint; at most one paint per worker in flight.

        Submitting only to idle workers makes a task's deadline its submission
        time plus the limit. When a worker dies, the renders it may have held
        become suspects and run again one at a time, so only the culprit fails.
        """
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        unprepared = collections.deque(_longest_first(tasks))
        ready: collections.deque[_Slot] = collections.deque()
        running: dict[Future, _Slot] = {}
        while unprepared or ready or running:
            self._submit(ready, running, limits)
            if unprepared:
                task = unprepared.popleft()
                started = time.perf_counter()
                prepared, error = _prepare(task)
                if error is not None:
                    yield Result(task, None, error, time.perf_counter() - started)
                else:
                    ready.append(_Slot(task, prepared, started))
                timeout: float | None = 0
            else:
                deadlines = [slot.deadline for slot in running.values()]
                timeout = max(0.0, min(deadlines) - time.perf_counter()) if deadlines else 0
            done, _ = wait(list(running), timeout=timeout, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                slot = running.pop(future)
                try:
                    data, error = future.result()
                except (Exception, _Overrun) as error:  # _Overrun: the alarm, see _failure
                    if not isinstance(error, BrokenProcessPool):
                        yield Result(slot.task, None, _failure(error, limits), slot.elapsed)
                        continue
                    broken = True
                    if slot.suspect:  # it ran alone, so it is the one that died
                        yield Result(slot.task, None, limits.died_message(), slot.elapsed)
                    else:
                        ready.appendleft(slot.again(suspect=True))
                    continue
                yield Result(slot.task, data, error, slot.elapsed)
            if broken:
                for future, slot in list(running.items()):
                    running.pop(future)
                    ready.appendleft(slot.again(suspect=True))
                self._replace_pool(kill=False, limits=limits)
                continue
            now = time.perf_counter()
            overdue = [future for future, slot in running.items() if now >= slot.deadline]
            if overdue:
                for future in overdue:
                    slot = running.pop(future)
                    yield Result(slot.task, None, limits.time_message(), slot.elapsed)
                for future, slot in list(running.items()):  # innocent: run them again
                    running.pop(future)
                    ready.appendleft(slot.again(suspect=slot.suspect))
                self._replace_pool(kill=True, limits=limits)

    def _submit(
        self, ready: collections.deque[_Slot], running: dict[Future, _Slot], limits: Limits
    ) -> None:
        from concurrent.futures.process import BrokenProcessPool

        assert self._pool is not None
        while ready and len(running) < self._workers:
            if any(slot.suspect for slot in running.values()):
                return  # a suspect runs alone
            if ready[0].suspect and running:
                return  # wait until the workers are idle
            slot = ready.popleft()
            slot.deadline = time.perf_counter() + limits.seconds + limits.grace
            try:
                future = self._pool.submit(_paint_within, slot.task.format, slot.prepared, limits)
            except BrokenProcessPool:  # a worker died while idle, or before we noticed
                ready.appendleft(slot)
                if running:
                    return  # their futures will report it
                self._replace_pool(kill=False, limits=limits)
                continue
            running[future] = slot


@dataclass
class _Slot:
    task: Task
    prepared: object
    started: float
    suspect: bool = False
    deadline: float = field(default=0.0)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def again(self, suspect: bool) -> _Slot:
        return _Slot(self.task, self.prepared, self.started, suspect)


def _heavy_renders(
    outputs: int | None, formats: Sequence[str], heavy: Sequence[str], unknown: int
) -> int:
    """How many of the `outputs` renders are heavy, when each format has its share of them."""
    if outputs is None:
        return unknown if heavy else 0
    return math.ceil(outputs * len(heavy) / len(formats)) if formats else 0


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _forked_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple
) -> ProcessPoolExecutor:
    # Forked workers inherit what is already imported; a fresh interpreter per worker
    # would pay Python's start-up again.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=initializer,
        initargs=initargs,
    )


def _prepare(task: Task) -> tuple[object | None, str | None]:
    """The task's prepared note, or why it could not be prepared."""
    return _guarded(lambda: render.get(task.format).prepare(task.job))


def _longest_first(tasks: Sequence[Task]) -> list[Task]:
    # PDF layout dominates (a book's most: it lays out every note of a locale); starting it
    # first keeps the other worker busy meanwhile.
    return sorted(tasks, key=lambda task: _LAYOUT_ORDER.get(task.format, len(_LAYOUT_ORDER)))


_LAYOUT_ORDER = {"book": 0, "pdf": 1}
