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


def write_pages(
    pdf: bytes, folder: Path, kind: str, first_written: Callable[[int], None] | None = None
) -> int:
    """Write every page of `pdf` as `<kind>-<n>.png` in `folder`; returns how many.

    `first_written(count)` is called once the first page is on disk, so a page can show
    it while the others are drawn. Pages left from a longer earlier version are
    removed, so the folder holds this document only.
    """
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(pdf)
    try:
        count = len(document)
        for index in range(count):
            page = document[index]
            try:
                bitmap = page.render(scale=SCALE, rev_byteorder=True)  # RGB, PNG's order
                image = png(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)
            finally:
                page.close()
            atomic.write_bytes(folder / page_name(kind, index + 1), image)
            if index == 0 and first_written is not None:
                first_written(count)
    finally:
        document.close()
    _remove_pages_after(folder, kind, count)
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
