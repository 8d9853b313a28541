"""Renders on a Dask distributed cluster, through its concurrent.futures executor.

Only `engine.executor` renders through this module (`engine.rendering` reads the
`--executor` address with it): to the rest of the pipeline a Dask cluster is one
more place where `paint` runs. Workers receive each prepared note as data (HTML,
picture, Word styles, compiled catalog) and send back bytes; the client writes
every file, so atomic publishing, manifests and the cache work unchanged. Dask is an optional extra: `pip install '.[dask]'`.
"""

from __future__ import annotations

import functools
import os
import platform
import re
from typing import TYPE_CHECKING

from pipeline.errors import UsageError

if TYPE_CHECKING:
    from pipeline.render.base import RenderJob

SCHEME = "dask://"
INSTALL_HINT = "pip install '.[dask]'  (or: .venv/bin/pip install 'dask[distributed]')"


def scheduler_address(value: str | None) -> str | None:
    """`--executor`: `local` (or nothing) -> None; `dask://HOST:PORT` -> `tcp://HOST:PORT`."""
    if value in (None, "", "local"):
        return None
    match = re.fullmatch(r"dask://([^/\s:]+|\[[0-9a-fA-F:]+\]):(\d{1,5})", value)
    if not match:
        raise UsageError(f"--executor must be 'local' or 'dask://HOST:PORT', got {value!r}")
    return f"tcp://{match.group(1)}:{match.group(2)}"


def connect(address: str, retries: int = 2):
    """A concurrent.futures executor backed by the cluster at `address`."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            f"--executor dask://... needs Dask distributed, which is not installed: {INSTALL_HINT}"
        ) from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except OSError as error:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    # pure=False: two identical notes are two renders, not one cached task.
    return client, client.get_executor(pure=False, retries=retries)


def paint(format_name: str, prepared: object) -> tuple[object | None, str | None, dict]:
    """Runs on a worker: the paint, plus who painted it and with which fonts and libraries."""
    from pipeline.engine.worker import _paint

    return (*_paint(format_name, prepared), _signature())


def render(format_name: str, job: RenderJob) -> tuple[object | None, str | None, dict]:
    """Runs on a worker that sees the project at the same path (`--shared-root`): prepare too."""
    from pipeline import render as renderers
    from pipeline.engine.worker import _guarded

    return (*_guarded(lambda: renderers.get(format_name).render(job)), _signature())


def _signature() -> dict[str, str]:
    """Who painted, and with which libraries and fonts (checked against the client's)."""
    return {"worker": _worker_name(), **render_stack()}


@functools.cache
def render_stack() -> dict[str, str]:
    """What makes two machines' PDFs identical: Python, the renderers and the font files."""
    from importlib import metadata

    from pipeline.render import fonts

    return {
        "python": platform.python_version(),
        "weasyprint": metadata.version("weasyprint"),
        "python-docx": metadata.version("python-docx"),
        "fonts": fonts.fingerprint(),
    }


def differences(expected: dict, found: dict) -> list[str]:
    return [key for key in expected if key != "worker" and expected[key] != found.get(key)]


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"{platform.node()}:{os.getpid()}"
