"""WeasyPrint, imported without the work its import does for nothing here.

Importing WeasyPrint costs about a second of CPU; two parts of that are waste for
a process that only lays out notes:

- Finding its C libraries. WeasyPrint tries several names per library, and each
  name that is not a file makes `ctypes.util.find_library` run `ldconfig -p`,
  `gcc` and `ld` (dozens of processes per import). The answers are kept in the
  user's cache folder (`$XDG_CACHE_HOME/briefing/`), valid while the dynamic
  linker's cache (`/etc/ld.so.cache`) and `LD_LIBRARY_PATH` stay as they were;
  installing a library updates the linker's cache, and the search runs again.
- fontTools' subsetter, which WeasyPrint uses only when HarfBuzz cannot subset
  fonts: it loads on first use instead.

Neither changes what is loaded or laid out, so the PDF is the same byte for byte.
Renderers import `pipeline.render.weasy`, which imports WeasyPrint through `import_weasyprint`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from pipeline import atomic
from pipeline.project import user_cache

log = logging.getLogger(__name__)

LINKER_CACHE = Path("/etc/ld.so.cache")
LAZY_MODULES = ("fontTools.subset",)


def cache_file() -> Path:
    return user_cache() / "libraries.json"


def _linker_state() -> list[object]:
    """What the answers of `find_library` depend on."""
    try:
        stat = LINKER_CACHE.stat()
        linker: list[object] = [stat.st_mtime_ns, stat.st_size]
    except OSError:
        linker = []
    return [sys.platform, os.environ.get("LD_LIBRARY_PATH", ""), linker]


def _read_answers(path: Path, state: list[object]) -> dict[str, str | None]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("state") != state:
        return {}
    answers = record.get("libraries")
    return answers if isinstance(answers, dict) else {}


@contextlib.contextmanager
def _remembered_library_search() -> Iterator[None]:
    import ctypes.util

    path, state = cache_file(), _linker_state()
    known = _read_answers(path, state)
    learned: dict[str, str | None] = {}
    search = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name in known:
            return known[name]
        learned[name] = search(name)
        return learned[name]

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = search
    if learned:
        record = {"state": state, "libraries": {**known, **learned}}
        try:
            atomic.write_bytes(path, json.dumps(record, indent=1, sort_keys=True).encode())
        except OSError as error:  # no cache folder: the next import searches again
            log.debug("cannot keep the library search in %s: %s", path, error)


def _load_lazily(name: str) -> None:
    """Put a module in place that executes on first attribute access."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)


def import_weasyprint() -> None:
    """Import WeasyPrint the lean way, unless it is imported already (by a test, say)."""
    if "weasyprint" in sys.modules:
        return
    for name in LAZY_MODULES:
        _load_lazily(name)
    with _remembered_library_search():
        import weasyprint  # noqa: F401
