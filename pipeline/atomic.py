"""Writes that never leave a truncated file: temp file beside the target, then rename;
and the one guarded read of an input file."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file `path`, at most `limit` + 1 of them (so a caller can
    tell an oversized file without reading all of it).

    A named pipe, device or socket raises OSError instead of blocking: it is opened
    without waiting for a writer, and only a regular file is read. A folder raises
    IsADirectoryError, as a plain read would.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, device or socket)", str(path))
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read() if limit is None else stream.read(limit + 1)
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on any failure the old file stays as it was.

    An OSError names `path` itself (a write to an open file names no file at all, and
    the temporary file's name would mean nothing to the user); its errno is kept.
    """
    path.parent.mkdir(parents=True, exist_ok=True)  # its error names the folder already
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _naming(error, path) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _naming(error, path) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _naming(error: OSError, path: Path) -> OSError:
    # Without an errno there is no strerror to keep: the error's own message is all it has.
    return error if error.errno is None else OSError(error.errno, error.strerror, str(path))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def fsync_tree(folder: Path) -> None:
    """Copies reach the disk before they are renamed into place (a power cut keeps them)."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        fsync_dir(path)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
