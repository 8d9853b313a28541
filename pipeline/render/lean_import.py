"""WeasyPrint, imported without the work its import does for nothing here.

Importing WeasyPrint costs about a second of CPU; much of that is waste for a
process that only lays out notes:

- Finding its C libraries. WeasyPrint tries several names per library, and each
  name that is not a file makes `ctypes.util.find_library` run `ldconfig -p`,
  `gcc` and `ld` (dozens of processes per import). The answers are kept in the
  user's cache folder (`$XDG_CACHE_HOME/briefing/`), valid while the dynamic
  linker's cache (`/etc/ld.so.cache`) and `LD_LIBRARY_PATH` stay as they were;
  installing a library updates the linker's cache, and the search runs again.
- Parsing its C declarations (`ffi.cdef`, pycparser) at every start: they are
  parsed once and kept as a module in the cache folder (`render/weasy_ffi.py`).
- fontTools' subsetter and its variable-font instancer (with fontTools.varLib,
  otTables and their kin, a tenth of a second), which WeasyPrint uses only when
  HarfBuzz cannot subset a font or a font is variable: each is a stand-in module
  until one of its names is used, and then the real one is imported. (A
  `importlib.util.LazyLoader` does not help here: since Python 3.11 the import
  system reads the lazy module's `__spec__` on `from fontTools import subset`,
  which runs it.)

And beside the import: cssselect2's compiled selectors (WeasyPrint's own style
sheets' and the notes') and Pyphen's hyphenation patterns come from the cache folder
instead of being compiled and parsed in every process (`render/selector_cache.py`,
`render/hyphenation_cache.py`).

None of this changes what is loaded or laid out, so the PDF is the same byte for byte.
Renderers import `pipeline.render.weasy`, which imports WeasyPrint through `import_weasyprint`.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
import logging
import os
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline import atomic
from pipeline.project import user_cache
from pipeline.render import hyphenation_cache, selector_cache, weasy_ffi

log = logging.getLogger(__name__)

LINKER_CACHE = Path("/etc/ld.so.cache")
DEFERRED_MODULES = {
    # module: the names WeasyPrint imports from it with `from ... import name`
    "fontTools.subset": (),
    "fontTools.varLib.instancer": ("instantiateVariableFont",),
}


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


class DeferredModule(types.ModuleType):
    """Stands in for a module until one of its names is used, then imports the real one.

    A name imported from it ahead of use (`from module import name`) is a function
    that imports the module when called. A package's stand-in has the package's
    `__path__` (every `from package import name` looks it up), so its submodules
    import as usual. Dunder names are left unanswered, so that code looking over
    `sys.modules` for, say, `__file__` does not set off the import.
    """

    _REAL = "_deferred_module_imported"

    def __init__(self, name: str, imported_names: tuple[str, ...]) -> None:
        super().__init__(name)
        self.__dict__[self._REAL] = None
        if (folders := _package_folders(name)) is not None:
            self.__dict__["__path__"] = folders
        for imported in imported_names:
            self.__dict__[imported] = self._forwarding(imported)

    def __getattr__(self, attribute: str):
        if attribute.startswith("__") and attribute != "__all__":
            raise AttributeError(attribute)
        return getattr(self._module(), attribute)

    def _module(self) -> types.ModuleType:
        if self.__dict__[self._REAL] is None:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            self.__dict__[self._REAL] = importlib.import_module(self.__name__)
        return self.__dict__[self._REAL]

    def _forwarding(self, name: str) -> Callable:
        def forward(*arguments, **keywords):
            return getattr(self._module(), name)(*arguments, **keywords)

        forward.__name__ = forward.__qualname__ = name
        return forward


def _package_folders(name: str) -> list[str] | None:
    """Where the package `name` lives, found without importing it (or its parents but the top)."""
    top, *rest = name.split(".")
    spec = importlib.util.find_spec(top)
    roots = (spec.submodule_search_locations if spec else None) or []
    folders = [os.path.join(root, *rest) for root in roots]
    found = [folder for folder in folders if os.path.isfile(os.path.join(folder, "__init__.py"))]
    return found or None


def _defer(name: str, imported_names: tuple[str, ...]) -> None:
    if name not in sys.modules and importlib.util.find_spec(name.split(".")[0]) is not None:
        sys.modules[name] = DeferredModule(name, imported_names)


def import_weasyprint() -> None:
    """Import WeasyPrint the lean way, unless it is imported already (by a test, say)."""
    if "weasyprint" not in sys.modules:
        for name, imported_names in DEFERRED_MODULES.items():
            _defer(name, imported_names)
        weasy_ffi.steer_next_import()
        selector_cache.remember_compiled_selectors()  # before WeasyPrint reads its own sheets
        with _remembered_library_search():
            import weasyprint
    else:
        import weasyprint

        selector_cache.remember_compiled_selectors()
    selector_cache.keep_after_each_style_sheet(weasyprint.CSS)
    selector_cache.keep_new()  # WeasyPrint's own style sheets are read at its import
    hyphenation_cache.remember_patterns()
