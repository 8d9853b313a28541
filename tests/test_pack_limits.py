"""Limits per render: a render over its time or memory limit, or whose process dies or
hangs, fails alone with a message naming the limit; the other renders still come out.

Fake formats stand in for slow or greedy documents, so this takes seconds, not minutes.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from pipeline import render
from pipeline.engine.executor import Executor, Task
from pipeline.engine.worker import Limits
from pipeline.render.base import Renderer

pytestmark = pytest.mark.slow
# Address space, so counted from what this process (which the workers fork from) already maps.
MAPPED_PAGES = int(Path("/proc/self/statm").read_text().split()[0])
MEMORY_MB = MAPPED_PAGES * os.sysconf("SC_PAGE_SIZE") // 2**20 + 300


class Behaviour(Renderer):
    """Paints its job's name, unless the name asks it to misbehave."""

    name = "behaviour"
    suffix = ".txt"

    def prepare(self, job: str) -> str:
        return job

    def paint(self, job: str) -> bytes:
        if job.startswith("slow"):
            time.sleep(30)
        elif job.startswith("hung"):  # deaf to the alarm, as if stuck in C code
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(30)
        elif job.startswith("dies"):
            os.kill(os.getpid(), signal.SIGKILL)
        elif job.startswith("greedy"):
            hoard = bytearray(8 * 2**30)
            return bytes(hoard[:1])
        return job.encode()


@pytest.fixture(autouse=True)
def behaviour_format(monkeypatch):
    monkeypatch.setitem(render._REGISTRY, Behaviour.name, Behaviour())


def run(jobs: list[str], workers: int = 2, **limits) -> dict[str, tuple[bytes | None, str | None]]:
    tasks = [Task(job, Behaviour.name) for job in jobs]  # type: ignore[arg-type]
    limit = Limits(**{"seconds": 1.0, "memory_mb": MEMORY_MB, "grace": 1.0, **limits})
    with Executor(workers, [Behaviour.name], outputs=len(tasks), limits=limit) as executor:
        return {result.task.job: (result.data, result.error) for result in executor.run(tasks)}


def test_over_time_fails_alone_and_names_the_limit():
    results = run(["a", "slow", "b", "c"])
    assert results["slow"] == (
        None,
        "stopped: the render took longer than the limit of 1 s per render",
    )
    assert {job: results[job][0] for job in "abc"} == {"a": b"a", "b": b"b", "c": b"c"}


def test_a_hung_worker_is_stopped_and_the_pool_rebuilt():
    results = run(["hung", "a", "b", "c", "d"], seconds=0.5, grace=1.0)
    assert (
        results["hung"][1] == "stopped: the render took longer than the limit of 0.5 s per render"
    )
    assert all(results[job] == (job.encode(), None) for job in "abcd")


def test_over_memory_fails_alone_and_names_the_limit():
    results = run(["greedy", "a", "b"])
    assert results["greedy"] == (
        None,
        f"stopped: the render needed more than the memory limit of {MEMORY_MB} MB",
    )
    assert results["a"] == (b"a", None) and results["b"] == (b"b", None)


def test_a_dying_worker_costs_only_its_own_render():
    results = run(["a", "dies", "b", "c", "d", "e"])
    assert results["dies"][0] is None and "process died" in results["dies"][1]
    assert f"{MEMORY_MB} MB" in results["dies"][1]
    assert all(results[job] == (job.encode(), None) for job in "abcde")


def test_one_job_still_runs_under_limits_in_a_worker():
    results = run(["slow", "a"], workers=1)
    assert results["slow"][1].startswith("stopped") and results["a"] == (b"a", None)
