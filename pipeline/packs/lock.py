"""One run at a time per packs folder: an advisory lock that dies with its holder.

The lock is `flock(2)` on `<packs>/.lock`, so the kernel releases it the moment
the holding process ends, however it ends: a lock left by a killed run is
simply free, and the next run takes it over (and says so). The file's text
tells a second run who holds the lock, for its message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import socket
import sys
from pathlib import Path

from pipeline.errors import ALREADY_RUNNING, BriefingError, describe_os_error

log = logging.getLogger(__name__)

_held: set[int] = set()


class AlreadyRunning(BriefingError):
    exit_code = ALREADY_RUNNING


class RunLock:
    """`with RunLock(folder):` -- raises AlreadyRunning at once if another process holds it."""

    def __init__(self, folder: Path, purpose: str = "") -> None:
        self.path = folder / ".lock"
        self.purpose = purpose or " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:])
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _describe(_read(fd))
            os.close(fd)
            raise AlreadyRunning(
                f"skipped: another run holds {self.path} ({holder}); "
                "it ends by itself, or stop that process to run now"
            ) from None
        previous = _read(fd)
        if previous.get("pid") and previous.get("pid") != os.getpid():
            log.warning(
                "taking over the lock of a run that ended without releasing it (%s)",
                _describe(previous),
            )
        self._write_record(fd)
        self._fd = fd
        _held.add(fd)
        return self

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise _cannot_lock(error, self.path) from None

    def _write_record(self, fd: int) -> None:
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "command": self.purpose,
        }
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, (json.dumps(record) + "\n").encode(), 0)
        except OSError as error:
            os.close(fd)
            raise _cannot_lock(error, self.path) from None

    def __exit__(self, *exc_info: object) -> None:
        if self._fd is None:
            return
        # An empty file is a lock released in order; text left behind marks a run that died.
        os.ftruncate(self._fd, 0)
        _held.discard(self._fd)
        os.close(self._fd)  # closing releases the flock
        self._fd = None


def _cannot_lock(error: OSError, path: Path) -> BriefingError:
    if error.filename is None:  # a write to the open lock file names no file
        error = OSError(error.errno, error.strerror, str(path))
    return BriefingError(
        f"cannot take the run lock: {describe_os_error(error)}; "
        "a run needs to write in its packs folder"
    )


def _read(fd: int) -> dict:
    """What the lock file says of its holder; anything else in it says nothing."""
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
        record = json.loads(text) if text.strip() else {}
    except (OSError, ValueError, RecursionError):
        return {}
    return record if isinstance(record, dict) else {}


def _describe(record: dict) -> str:
    if not record:
        return "holder unknown"
    return (
        f"pid {record.get('pid', '?')} on {record.get('host', '?')}, "
        f"started {record.get('started', '?')}: {record.get('command', '?')}"
    )


def _forget_in_child() -> None:
    # Forked render workers must not keep the lock alive after the run that took it.
    for fd in list(_held):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)
