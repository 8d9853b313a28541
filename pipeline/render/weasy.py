"""WeasyPrint's names for the renderers, imported without wasted work (see lean_import)."""

from __future__ import annotations

import functools

from pipeline.render.lean_import import import_weasyprint

import_weasyprint()

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError  # noqa: E402

__all__ = ["CSS", "HTML", "FatalURLFetchingError", "FontConfiguration", "font_options"]


def font_options(html: str) -> dict[str, FontConfiguration]:
    """`render()` options that let the notes laid out in this process share their fonts.

    One FontConfiguration (Pango's font map, with the faces it has opened and shaped)
    serves every note of a worker, instead of one each. It also keeps the fonts of
    every `@font-face` it has loaded, which could then reach a later document: a
    document declaring one gets a configuration of its own, as WeasyPrint would give it.
    """
    return {} if "@font-face" in html else {"font_config": _shared_font_configuration()}


@functools.cache
def _shared_font_configuration() -> FontConfiguration:
    return FontConfiguration()


# Made at import: a forked PDF worker reads fontconfig's configuration and fonts while the
# parent is still loading the note, instead of at the start of its first layout.
_shared_font_configuration()
