"""WeasyPrint's C declarations, parsed once per installation instead of at every import.

`weasyprint.text.ffi` hands cffi about 450 lines of C declarations (`ffi.cdef`), and
cffi parses them with pycparser at every start: a fifth of WeasyPrint's import. cffi
can write the parsed types out as a small Python module (its "out-of-line ABI mode",
no C compiler involved) whose FFI object loads in a few milliseconds and then opens
the same libraries and calls the same functions. One such module is written into the
user's cache folder (`$XDG_CACHE_HOME/briefing/cffi/`), named by a digest of the
declarations, cffi's version and the interpreter's, and WeasyPrint's module is run
with that FFI in place of the one it would build and parse.

Only when WeasyPrint's module has the expected shape (an `ffi = cffi.FFI()` directly
followed by its one `ffi.cdef("...")`) is anything steered; any other shape, a cache
file that does not load, or any error on the way means the normal import, untouched.
The module is otherwise WeasyPrint's own code, statement for statement, so the same
libraries are loaded and the PDF is the same byte for byte.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.abc
import importlib.machinery
import io
import logging
import sys
import tempfile
import types
from dataclasses import dataclass
from pathlib import Path

from pipeline import atomic
from pipeline.project import user_cache

log = logging.getLogger(__name__)

TARGET = "weasyprint.text.ffi"
MODULE_NAME = "_briefing_weasyprint_ffi"


def cache_folder() -> Path:
    return user_cache() / "cffi"


def steer_next_import() -> None:
    """Have the coming import of WeasyPrint's declarations use the pre-parsed ones, if it can."""
    if TARGET not in sys.modules and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


class _Finder(importlib.abc.MetaPathFinder):
    """Answers for `weasyprint.text.ffi` once, then steps aside."""

    def find_spec(self, name, path, target=None):
        if name != TARGET:
            return None
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)
        try:
            return _preparsed_spec(name, path)
        except Exception as error:  # whatever went wrong, WeasyPrint imports as it always does
            log.debug("WeasyPrint's declarations parsed as usual: %s", error, exc_info=True)
            return None


@dataclass(frozen=True)
class _Split:
    """WeasyPrint's module around its FFI: the statements before, the declarations, the rest."""

    before: types.CodeType
    declarations: str
    after: types.CodeType


class _Loader(importlib.abc.Loader):
    def __init__(self, split: _Split, ffi: object) -> None:
        self._split, self._ffi = split, ffi

    def create_module(self, spec):
        return None  # the usual module object

    def exec_module(self, module) -> None:
        exec(self._split.before, module.__dict__)
        module.__dict__["ffi"] = self._ffi
        exec(self._split.after, module.__dict__)


def _preparsed_spec(name: str, path) -> importlib.machinery.ModuleSpec | None:
    found = importlib.machinery.PathFinder.find_spec(name, path)
    if found is None or not found.origin or not found.origin.endswith(".py"):
        return None
    split = split_module(Path(found.origin).read_text(encoding="utf-8"), found.origin)
    if split is None:
        log.debug("%s has an unexpected shape: its declarations are parsed as usual", found.origin)
        return None
    ffi = preparsed_ffi(split.declarations)
    spec = importlib.machinery.ModuleSpec(name, _Loader(split, ffi), origin=found.origin)
    spec.has_location = True  # __file__ as usual
    return spec


def split_module(source: str, filename: str) -> _Split | None:
    """The module's code before `ffi = cffi.FFI()` and after its `ffi.cdef(...)`, or None
    if it does not read exactly so (another shape: leave it to the normal import)."""
    tree = ast.parse(source, filename)
    if sum(isinstance(node, ast.Attribute) and node.attr == "cdef" for node in ast.walk(tree)) != 1:
        return None
    for index, (statement, following) in enumerate(zip(tree.body, tree.body[1:], strict=False)):
        if _is_new_ffi(statement) and (declarations := _declared(following)) is not None:
            return _Split(
                _compiled(tree.body[:index], filename),
                declarations,
                _compiled(tree.body[index + 2 :], filename),
            )
    return None


def _is_new_ffi(statement: ast.stmt) -> bool:
    """`ffi = cffi.FFI()`, nothing more."""
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and _dotted(statement.targets[0]) == "ffi"
        and isinstance(call := statement.value, ast.Call)
        and _dotted(call.func) == "cffi.FFI"
        and not call.args
        and not call.keywords
    )


def _declared(statement: ast.stmt) -> str | None:
    """The text of `ffi.cdef("...")`, a string constant and no other argument."""
    if not (isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call)):
        return None
    if _dotted(call.func) != "ffi.cdef" or call.keywords or len(call.args) != 1:
        return None
    argument = call.args[0]
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    return None


def _dotted(node: ast.expr) -> str | None:
    """`name` or `name.attribute` as written, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _compiled(statements: list[ast.stmt], filename: str) -> types.CodeType:
    return compile(ast.Module(body=statements, type_ignores=[]), filename, "exec")


def cache_key(declarations: str) -> str:
    """What the written module depends on: the declarations, cffi, the interpreter."""
    import _cffi_backend  # type: ignore[import-untyped]
    import cffi  # type: ignore[import-untyped]

    parts = [
        declarations,
        cffi.__version__,
        str(getattr(_cffi_backend, "__version__", "")),
        sys.implementation.cache_tag or "",
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def preparsed_ffi(declarations: str) -> object:
    """An FFI knowing `declarations`, loaded from the cache folder (written there first if new)."""
    key = cache_key(declarations)
    path = cache_folder() / f"weasyprint-{key}.py"
    header = f"# briefing: WeasyPrint's C declarations, pre-parsed by cffi ({key})\n"
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""
    if source.startswith(header):
        try:
            return _load(source, path)
        except Exception as error:  # a damaged file: written anew, not parsed in every run
            log.debug("kept declarations in %s do not load (%s): written again", path, error)
    source = header + _out_of_line_module(declarations)
    try:
        atomic.write_bytes(path, source.encode("utf-8"))
    except OSError as error:  # no cache folder: parsed again next time, nothing worse
        log.debug("cannot keep WeasyPrint's parsed declarations in %s: %s", path, error)
    return _load(source, path)


def _out_of_line_module(declarations: str) -> str:
    import cffi

    builder = cffi.FFI()
    builder.set_source(MODULE_NAME, None)  # None: ABI mode, no C source, no compiler
    builder.cdef(declarations)
    with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stdout(io.StringIO()):
        target = Path(folder) / f"{MODULE_NAME}.py"
        builder.emit_python_code(str(target))
        return target.read_text(encoding="utf-8")


def _load(source: str, path: Path) -> object:
    import _cffi_backend

    namespace: dict[str, object] = {"__name__": MODULE_NAME}
    exec(compile(source, str(path), "exec"), namespace)
    ffi = namespace.get("ffi")
    if not isinstance(ffi, _cffi_backend.FFI):
        raise TypeError(f"{path} made no FFI object")
    return ffi
