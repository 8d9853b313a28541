"""Renders on a Dask distributed cluster, through its concurrent.futures executor.

Only `pipeline.executor` uses this module: to the rest of the pipeline a Dask
cluster is one more place where `paint` runs. Workers receive each prepared note
as data (HTML, picture, Word styles, compiled catalog) and send back bytes; the
client writes every file, so atomic publishing, manifests and the cache work
unchanged. Dask is an optional extra: `pip install '.[dask]'`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import re
import subprocess

from pipeline.errors import UsageError

SCHEME = "dask://"
INSTALL_HINT = "pip install '.[dask]'  (or: .venv/bin/pip install 'dask[distributed]')"


def parse_engine(value: str | None) -> str | None:
    """`local` (or nothing) -> None; `dask://HOST:PORT` -> the scheduler address `tcp://HOST:PORT`."""
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
    from pipeline.executor import _paint

    data, error = _paint(format_name, prepared)
    return data, error, environment()


def environment() -> dict:
    """What makes two workers' PDFs identical: library versions and the font files."""
    return {"worker": _worker_name(), **_render_stack()}


def differences(first: dict, other: dict) -> list[str]:
    return [key for key in first if key != "worker" and first[key] != other.get(key)]


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"{platform.node()}:{os.getpid()}"


@functools.cache
def _render_stack() -> dict:
    import docx
    import weasyprint

    from pipeline import fonts

    return {
        "python": platform.python_version(),
        "weasyprint": weasyprint.__version__,
        "python-docx": getattr(docx, "__version__", "unknown"),
        "fonts": _font_fingerprint(
            [*fonts.LATIN_CYRILLIC, *{f for s in fonts.STACKS.values() for f in s}]
        ),
    }


def _font_fingerprint(families: list[str]) -> str:
    """A digest of the files fontconfig picks for our families (a different file changes the PDF)."""
    lines = []
    for family in sorted(set(families)):
        result = subprocess.run(
            ["fc-match", "--format=%{family}|%{file}", family],
            capture_output=True,
            text=True,
            check=False,
        )
        path = result.stdout.split("|")[-1]
        size = os.path.getsize(path) if path and os.path.exists(path) else 0
        lines.append(f"{family}={result.stdout}:{size}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
