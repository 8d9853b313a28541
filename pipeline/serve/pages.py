"""A PDF's pages as PNG images, drawn by PDFium from the file itself: what prints is what shows."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from pipeline import atomic

SCALE = 1.5
"""Pixels per point: an A4 page is 893 px wide, sharp at half a 1920 px screen."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def page_name(kind: str, number: int) -> str:
    """`pdf-1.png`: page `number` (from 1) of the `kind` (pdf or docx) preview."""
    return f"{kind}-{number}.png"


PREVIEW_PDF = {"uncompressed_pdf": True}
"""`write_pdf` options of the preview's PDF: the same pages, without the printed file's
compression and PDF/UA tags (a fifth of the write), which only `briefing build` needs."""


def write_pages(
    pdf: bytes, folder: Path, kind: str, first_written: Callable[[int], None] | None = None
) -> int:
    """Write every page of `pdf` as `<kind>-<n>.png` in `folder`; returns how many.

    `first_written(count)` is called once the first page is on disk, so a page can show
    it while the others are drawn. Pages left from a longer earlier version are
    removed, so the folder holds this document only.
    """
    count = _draw(pdf, folder, kind, first_written=first_written)
    _remove_pages_after(folder, kind, count)
    return count


def write_preview_pdf(
    document,
    target: Path,
    first: int,
    drawn: Callable[[int, int], None],
    written: Callable[[], None],
) -> int:
    """Write laid-out WeasyPrint `document` as the preview's PDF at `target`, and its pages.

    Page `first` (from 0: the first one the edit can have changed) comes first: written
    alone as a one-page PDF from the same layout, drawn by PDFium, and `drawn(number,
    count)` called, before the whole PDF is written (`written()` called then) and its
    other pages drawn. Returns the number of pages.
    """
    count = len(document.pages)
    first = min(max(first, 0), count - 1)
    alone = document.copy(document.pages[first : first + 1]).write_pdf(**PREVIEW_PDF)
    _draw(alone, target.parent, "pdf", number=first + 1)
    drawn(first + 1, count)
    whole = document.write_pdf(**PREVIEW_PDF)
    atomic.write_bytes(target, whole)
    written()
    _draw(whole, target.parent, "pdf", skip=first)
    _remove_pages_after(target.parent, "pdf", count)
    return count


def _draw(
    pdf: bytes,
    folder: Path,
    kind: str,
    first_written: Callable[[int], None] | None = None,
    skip: int | None = None,
    number: int | None = None,
) -> int:
    """Draw the pages of `pdf` as PNG files (but page index `skip`; a one-page `pdf` as page
    `number`); the number of pages."""
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(pdf)
    try:
        count = len(document)
        for index in range(count):
            if index == skip:
                continue
            page = document[index]
            try:
                bitmap = page.render(scale=SCALE, rev_byteorder=True)  # RGB, PNG's order
                image = png(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)
            finally:
                page.close()
            atomic.write_bytes(folder / page_name(kind, number or index + 1), image)
            if index == 0 and first_written is not None:
                first_written(count)
    finally:
        document.close()
    return count


def png(rgb: bytes, width: int, height: int, stride: int) -> bytes:
    """An 8-bit RGB PNG of the rows in `rgb`, unfiltered and quickly compressed.

    A PNG encoder's per-row filter search costs more than drawing the page; these
    images live on this machine only, so speed wins over the last bytes of size.
    """
    row = width * 3
    scanlines = b"".join(b"\x00" + rgb[y * stride : y * stride + row] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        [
            PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(scanlines, 1)),
            _chunk(b"IEND", b""),
        ]
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _remove_pages_after(folder: Path, kind: str, count: int) -> None:
    number = count + 1
    while (folder / page_name(kind, number)).is_file():
        (folder / page_name(kind, number)).unlink()
        number += 1
