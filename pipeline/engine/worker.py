"""What runs inside a render worker: limits on time and memory, guarded paints, and what a failure says."""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import os
import resource
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline import render
from pipeline.errors import BriefingError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What one render may take. `grace` covers a fresh worker's start before the hard stop."""

    seconds: float = 120.0
    memory_mb: int = 2048
    grace: float = 15.0

    def time_message(self) -> str:
        return f"stopped: the render took longer than the limit of {self.seconds:g} s per render"

    def memory_message(self) -> str:
        return f"stopped: the render needed more than the memory limit of {self.memory_mb} MB"

    def died_message(self) -> str:
        return (
            "the render process died (did it exceed the memory limit of "
            f"{self.memory_mb} MB?); the other outputs were rendered in a new one"
        )


class _Overrun(BaseException):
    """Raised in a worker by its alarm; a BaseException, so no renderer swallows it."""


def _start_limited_worker(modules: Sequence[str], limits: Limits) -> None:
    _die_with_parent()
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.signal(signal.SIGALRM, _alarm)
    _import_all(modules)


def _die_with_parent() -> None:
    """A worker never outlives a killed run (Linux); elsewhere it ends with its queue."""
    import ctypes  # here: only a forked worker needs it, and its import is 4 ms of a build

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent died before the line above
        os._exit(1)


def _failure(error: BaseException, limits: Limits) -> str:
    if isinstance(error, _Overrun):  # the alarm rang between the paint and its reset
        return limits.time_message()
    return f"{type(error).__name__}: {error}"


def _alarm(signum: int, frame: object) -> None:
    raise _Overrun


def _paint_within(format_name: str, prepared: object, limits: Limits) -> tuple:
    """Paint in a worker: the alarm enforces the time limit, RLIMIT_AS the memory limit."""
    signal.setitimer(signal.ITIMER_REAL, limits.seconds)
    try:
        return _paint(format_name, prepared)
    except _Overrun:
        return None, limits.time_message()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        gc.collect()


GC_THRESHOLDS = (50_000, 20, 100)
"""A young-generation collection every 50,000 new objects instead of 700: a layout makes
hundreds of thousands, few of them in cycles (the default spent 5% of a PDF's CPU)."""


def _import_all(modules: Sequence[str]) -> None:
    """A worker's start: its renderers' libraries, then the collector spared them (frozen
    out of every later collection) and collecting less often."""
    for module in modules:
        importlib.import_module(module)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _guarded(step: Callable[[], bytes | object]) -> tuple[object | None, str | None]:
    try:
        return step(), None
    except MemoryError:
        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        if limit == resource.RLIM_INFINITY:
            return None, "MemoryError: out of memory"
        return None, f"stopped: the render needed more than the memory limit of {limit // 2**20} MB"
    except BriefingError as error:
        return None, str(error)
    except Exception as error:  # a renderer bug must not cost the other outputs
        log.debug("render step failed", exc_info=True)
        return None, f"{type(error).__name__}: {error}"


def _paint(format_name: str, prepared: object) -> tuple[object | None, str | None]:
    return _guarded(lambda: render.get(format_name).paint(prepared))
