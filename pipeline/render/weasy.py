"""WeasyPrint's names for the renderers, imported without wasted work (see lean_import)."""

from __future__ import annotations

from pipeline.render.lean_import import import_weasyprint

import_weasyprint()

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError  # noqa: E402

__all__ = ["CSS", "HTML", "FatalURLFetchingError", "FontConfiguration"]
