"""Compiled templates kept between runs: Jinja's bytecode, in the user's cache folder.

Compiling the note's templates costs more than rendering them, and every
`briefing` run is a fresh process. Jinja finds a template's bytecode by its name
and file and checks it against the SHA-1 of the template's source, so an edited
template is compiled again. The code Jinja generates also depends on Jinja's
version, Python's and the environment's options: those name the folder, so a
changed setting never picks up code compiled under another. The cache only ever
speeds things up: a file it cannot read, write or trust is compiled afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from pipeline import atomic

log = logging.getLogger(__name__)


class TemplateCache(jinja2.BytecodeCache):
    """One file per template under `folder`, written atomically (pipeline.atomic)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.bytecode"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self._file(bucket).read_bytes()
        except OSError:
            return
        try:
            bucket.bytecode_from_string(data)  # resets itself on a stale checksum
        except Exception:  # a truncated or foreign file: compile instead
            log.debug("unreadable compiled template %s", self._file(bucket), exc_info=True)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a read-only project still builds
            atomic.write_bytes(self._file(bucket), bucket.bytecode_to_string())


def folder_for(cache_root: Path, options: dict[str, object]) -> Path:
    """The folder for code compiled by this Jinja and Python under these `options`."""
    described = sorted(
        (name, getattr(value, "__qualname__", value)) for name, value in options.items()
    )
    identity = repr((jinja2.__version__, sys.implementation.cache_tag, described)).encode()
    return cache_root / "templates" / hashlib.sha256(identity).hexdigest()[:16]
