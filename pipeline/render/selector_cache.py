"""CSS selectors compiled once per installation instead of in every process and note.

cssselect2 (WeasyPrint's selector engine) turns each selector of a style sheet into
Python source and compiles it with `eval`: about 500 of them per process (WeasyPrint's
own HTML style sheet, then the note's), a tenth of a second of CPU, and the note's
again for every note a worker lays out. The compiled code objects are kept: in this
process by their source text, and across processes in one `marshal` file in the user's
cache folder (`$XDG_CACHE_HOME/briefing/selectors/`), named by the interpreter's
bytecode version and cssselect2's version, as Python keeps `.pyc` files. A selector's
source compiles to the same code whoever compiles it, so matching, layout and the PDF
are the same byte for byte; a file that does not read back means compiling, as before.
"""

from __future__ import annotations

import builtins
import importlib.util
import logging
import marshal
import sys
import types
from pathlib import Path

from pipeline import atomic
from pipeline.project import user_cache

log = logging.getLogger(__name__)

LIMIT = 20_000
"""Selectors kept at most: a desk's own style sheets add theirs, none grows without end."""

_compiled: dict[str, types.CodeType] = {}
_kept_count = 0
compiled_here = 0
"""How many selectors this process compiled itself (for the tests)."""


def cache_file() -> Path:
    import cssselect2  # type: ignore[import-untyped]

    tag = f"{sys.implementation.cache_tag}-{importlib.util.MAGIC_NUMBER.hex()}"
    return user_cache() / "selectors" / f"{tag}-cssselect2-{cssselect2.__version__}.marshal"


def remember_compiled_selectors() -> None:
    """Have cssselect2 compile through the kept code objects (before any style sheet is read)."""
    from cssselect2 import compiler

    if getattr(compiler.__dict__.get("eval"), "remembers_selectors", False):
        return
    _load()
    compiler.eval = _evaluate  # cssselect2's module global shadows the built-in eval


def keep_after_each_style_sheet(css_class: type) -> None:
    """Once a style sheet is read (WeasyPrint's `CSS`), write what its selectors added."""
    parse = css_class.__init__  # type: ignore[misc]
    if getattr(parse, "keeps_selectors", False):
        return

    def parse_and_keep(self, *arguments, **keywords) -> None:
        parse(self, *arguments, **keywords)
        keep_new()

    parse_and_keep.keeps_selectors = True  # type: ignore[attr-defined]
    css_class.__init__ = parse_and_keep  # type: ignore[misc]


def keep_new() -> None:
    """Write the kept selectors if this process compiled any new ones."""
    if len(_compiled) == _kept_count:
        return
    _write()


def _evaluate(expression, globals=None, locals=None):
    if not isinstance(expression, str):
        return builtins.eval(expression, globals, locals)
    global compiled_here
    code = _compiled.get(expression)
    if code is None:
        compiled_here += 1
        # What `eval` of a string does, in the same mode; cssselect2's module has no
        # __future__ imports for a string's compilation to inherit.
        code = compile(expression, "<string>", "eval", dont_inherit=True)
        if len(_compiled) < LIMIT:
            _compiled[expression] = code
    return builtins.eval(code, globals, locals)


_evaluate.remembers_selectors = True  # type: ignore[attr-defined]


def _load() -> None:
    global _kept_count
    _merge_kept()
    _kept_count = len(_compiled)


def _write() -> None:
    global _kept_count
    _merge_kept()  # another process may have kept selectors this one never met: keep theirs too
    path = cache_file()
    try:
        atomic.write_bytes(path, marshal.dumps(_compiled))
    except (OSError, ValueError) as error:  # no cache folder: compiled again next time
        log.debug("cannot keep compiled selectors in %s: %s", path, error)
    _kept_count = len(_compiled)


def _merge_kept() -> None:
    """Add the code objects of the cache file to this process's, up to LIMIT; a file that
    does not read (missing, damaged, of another shape) adds nothing."""
    try:
        kept = marshal.loads(cache_file().read_bytes())
    except (OSError, EOFError, ValueError, TypeError) as error:
        log.debug("no compiled selectors kept: %s", error)
        return
    if not isinstance(kept, dict):
        return
    for source, code in kept.items():
        if len(_compiled) >= LIMIT:
            break
        if isinstance(source, str) and isinstance(code, types.CodeType):
            _compiled.setdefault(source, code)
