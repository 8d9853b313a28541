"""Output formats: one module per format behind one small interface, in an explicit registry.

Adding a format means writing one module with a `RENDERER` and naming the module
in `BUILT_IN` below (or calling `register` with its renderer). A built-in format's
module is imported when the format is first asked for, so an HTML build never
loads the PDF or Word modules; each imports its heavy library (WeasyPrint,
python-docx) only inside `paint()`.
"""

from __future__ import annotations

import importlib

from pipeline.errors import UsageError
from pipeline.render.base import Renderer, RenderJob

__all__ = ["Renderer", "RenderJob", "get", "names", "register"]

BUILT_IN = {
    "pdf": "pipeline.render.pdf",
    "docx": "pipeline.render.docx",
    "html": "pipeline.render.html",
    "book": "pipeline.render.book",  # a pack target (one PDF of a locale's notes), not a --format
}
_NOT_FORMATS = {"book"}

_REGISTRY: dict[str, Renderer] = {}


def register(renderer: Renderer) -> None:
    """Add a format; a second renderer under a taken name is a programming error."""
    existing = _REGISTRY.get(renderer.name)
    if existing is not None:
        raise ValueError(
            f"format {renderer.name!r} is already registered by {type(existing).__module__}"
        )
    _REGISTRY[renderer.name] = renderer


def get(name: str) -> Renderer:
    if name not in _REGISTRY and name in BUILT_IN:
        register(importlib.import_module(BUILT_IN[name]).RENDERER)
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose from {', '.join(names())}") from None


def names() -> list[str]:
    """The formats a build may ask for (the book is a pack's own target, no format)."""
    built_in = [name for name in BUILT_IN if name not in _NOT_FORMATS]
    added = [
        name for name, renderer in _REGISTRY.items() if renderer.is_format and name not in BUILT_IN
    ]
    return built_in + added
