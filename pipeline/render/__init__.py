"""Output formats: one module per format behind one small interface, in an explicit registry.

Adding a format means writing one module with a `RENDERER` and adding the module
to the tuple registered at the end of this file (or calling `register` with its
renderer). Renderer modules are cheap to import: each imports its heavy
library inside `render()`, so listing formats never loads WeasyPrint or python-docx.
"""

from __future__ import annotations

from pipeline.errors import UsageError
from pipeline.render import book, docx, html, pdf
from pipeline.render.base import Renderer, RenderJob

__all__ = ["Renderer", "RenderJob", "get", "names", "register"]

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
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose from {', '.join(names())}") from None


def names() -> list[str]:
    """The formats a build may ask for (the book is a pack's own target, no format)."""
    return [name for name, renderer in _REGISTRY.items() if renderer.is_format]


for _module in (pdf, docx, html):
    register(_module.RENDERER)
register(book.RENDERER)  # a pack target (one PDF of a locale's notes), not a --format
