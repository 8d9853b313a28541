"""SHA-256 digests of bytes, files and folder trees: the one way the pipeline fingerprints what it read."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path

from pipeline import atomic

log = logging.getLogger(__name__)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_files(files: Iterable[tuple[str, Path]]) -> str:
    """One digest over named files; a missing file counts as absent, not as empty."""
    return _digest((name, _read(path)) for name, path in files)


def _digest(files: Iterable[tuple[str, bytes | None]]) -> str:
    total = hashlib.sha256()
    for name, data in sorted(files, key=lambda named: named[0]):
        total.update(name.encode() + b"\0")
        total.update(sha256(data).encode() if data is not None else b"-")
        total.update(b"\n")
    return total.hexdigest()


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when there is no file to read (whoever uses it reports why)."""
    try:
        return atomic.read_bytes(path)
    except OSError:
        return None


def digest_tree(root: Path) -> str:
    """One digest over every file under `root` (names and bytes); caches and dotfiles skipped."""
    return digest_files(tree_files(root))


def tree_files(root: Path) -> list[tuple[str, Path]]:
    """Every file under `root` by its relative name; caches and dotfiles skipped."""
    if not root.is_dir():
        return []
    return [
        (path.relative_to(root).as_posix(), path)
        for path in root.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
