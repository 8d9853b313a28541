"""Driving the executor: the one way `briefing build` and `briefing pack` run their renders.

The executor starts first, so its workers import the renderers' heavy libraries
while this process loads, checks and translates the content (the caller's
`tasks()` does that). Each result goes to the caller as soon as it is ready (the
build writes it under output/, the pack into its folder and the cache), and the
progress bar, if any, moves on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from pipeline.engine import cluster
from pipeline.engine.executor import Executor, Result, Task
from pipeline.engine.worker import Limits
from pipeline.errors import UsageError

Progress = Callable[[int], AbstractContextManager[Callable[[], None]]]
"""Given the number of renders, a context whose value is called after each one."""


@dataclass(frozen=True)
class ExecutorOptions:
    """Where renders run, and how many at once."""

    jobs: int = 1
    """Renders at once; 1 renders in this process (unless `limits` asks for a worker)."""
    limits: Limits | None = None
    """Time and memory per render on this machine; a Dask worker has its own limits."""
    scheduler: str | None = None
    """A Dask scheduler's address (`tcp://HOST:PORT`); None: this machine's processes."""
    shared_root: bool = False
    """Dask workers see the project at the same path and prepare the notes themselves."""


SERIAL = ExecutorOptions()


def executor_options(
    spec: str, jobs: int, shared_root: bool = False, limits: Limits | None = None
) -> ExecutorOptions:
    """`--executor local|dask://HOST:PORT` and the options beside it; UsageError (exit 2)."""
    scheduler = cluster.scheduler_address(spec)
    if shared_root and scheduler is None:
        raise UsageError(
            "--shared-root is for --executor dask://...; local renders share this machine"
        )
    return ExecutorOptions(jobs, limits, scheduler, shared_root)


def render_all(
    executor_options: ExecutorOptions,
    formats: Sequence[str],
    outputs: int,
    tasks: Callable[[], Sequence[Task]],
    on_result: Callable[[Result], None],
    progress: Progress | None = None,
) -> None:
    """Start the executor for `outputs` renders of `formats`, then run what `tasks()` plans.

    `on_result` gets every result, a failure included, in the order they finish.
    """
    with Executor(
        executor_options.jobs,
        formats,
        outputs=outputs,
        limits=executor_options.limits,
        scheduler=executor_options.scheduler,
        shared_root=executor_options.shared_root,
    ) as executor:
        planned = tasks()
        with (progress or _no_progress)(len(planned)) as advance:
            for result in executor.run(planned):
                on_result(result)
                advance()


@contextlib.contextmanager
def _no_progress(total: int) -> Iterator[Callable[[], None]]:
    yield lambda: None
