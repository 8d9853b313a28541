"""A PDF's pages as PNG images, drawn by PDFium from the file itself: what prints is what shows."""

from __future__ import annotations

import io
from pathlib import Path

from pipeline import atomic

SCALE = 1.5
"""Pixels per point: an A4 page is 893 px wide, sharp at half a 1920 px screen."""


def page_name(kind: str, number: int) -> str:
    """`pdf-1.png`: page `number` (from 1) of the `kind` (pdf or docx) preview."""
    return f"{kind}-{number}.png"


def write_pages(pdf: bytes, folder: Path, kind: str) -> int:
    """Write every page of `pdf` as `<kind>-<n>.png` in `folder`; returns how many.

    Pages left from a longer earlier version are removed, so the folder holds this
    document only.
    """
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(pdf)
    try:
        count = len(document)
        for index in range(count):
            page = document[index]
            try:
                bitmap = page.render(scale=SCALE)
                buffer = io.BytesIO()
                # Speed over size: these images live on this machine only.
                bitmap.to_pil().save(buffer, format="PNG", compress_level=1)
            finally:
                page.close()
            atomic.write_bytes(folder / page_name(kind, index + 1), buffer.getvalue())
    finally:
        document.close()
    _remove_pages_after(folder, kind, count)
    return count


def _remove_pages_after(folder: Path, kind: str, count: int) -> None:
    number = count + 1
    while (folder / page_name(kind, number)).is_file():
        (folder / page_name(kind, number)).unlink()
        number += 1
