"""The portrait: read once at load, confined to the assets folder, checked to be a picture.

A note's picture is the one file a content file makes the tool read. It is opened
component by component from the assets folder without following links, so a link
swapped in after the path was resolved is refused rather than followed; the bytes are
then checked with Pillow (PNG or JPEG, within size and pixel limits). Those bytes, and
only those, are what every renderer embeds: nothing opens the file again.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import io
import os
import stat
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

MAX_BYTES = 10 * 2**20
"""A portrait prints 19 mm (PDF) to 45 mm (DOCX) wide; a camera's original JPEG is a few MiB."""
MAX_PIXELS = 40_000_000
"""Decoded, 40 megapixels take about 160 MB; Pillow's own guard stops only at 179 million."""
MAX_SIDE = 10_000
MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "MPO": "image/jpeg"}
"""What Pillow may identify a file as, and its media type (MPO is a JPEG with extra frames)."""
_CHUNK = 1 << 20


class ReadError(Exception):
    """Why a file could not be read safely, in words for the user; names the file."""


class PictureError(ReadError):
    """Why a picture cannot be used, in words for the content file's editor."""


@dataclass(frozen=True)
class Picture:
    """A checked picture: its bytes as read, its type, its size, and where it was read from."""

    path: Path
    data: bytes
    media_type: str
    width: int
    height: int

    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def load(root: Path, relative: PurePath, shown: Path | None = None) -> Picture:
    """The picture at `root/relative`, read and checked; raises ReadError or PictureError.

    `shown` is the path as the content file names it, for messages.
    """
    shown = shown or root / relative
    data = read_confined(root, relative, shown)
    try:
        media_type, width, height = check(data)
    except PictureError as error:
        raise PictureError(f"{shown} {error}") from None
    return Picture(root / relative, data, media_type, width, height)


def read_confined(
    root: Path, relative: PurePath, shown: Path | None = None, limit: int = MAX_BYTES
) -> bytes:
    """The bytes of the regular file `root/relative`, with no link followed from `root` down.

    `relative` names the file as it was resolved a moment ago: a link met now was put
    there since, and is refused instead of followed.
    """
    shown = shown or root / relative
    descriptor = None
    try:
        descriptor = _open_at(None, str(root), os.O_DIRECTORY)
        for part in relative.parts[:-1]:
            parent, descriptor = descriptor, None
            try:
                descriptor = _open_at(parent, part, os.O_DIRECTORY)
            finally:
                os.close(parent)
        parent, descriptor = descriptor, None
        try:
            # Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
            descriptor = _open_at(parent, relative.parts[-1], os.O_NONBLOCK)
        finally:
            os.close(parent)
        return _read_regular(descriptor, shown, limit)
    except _LinkFound:
        raise ReadError(
            f"{shown} changed while it was being read (a link appeared); build again"
        ) from None
    except OSError as error:
        if error.errno == errno.ENOENT:
            raise ReadError(f"no such file: {shown}") from None
        raise ReadError(f"cannot read {shown}: {error.strerror}") from None
    finally:
        if descriptor is not None:
            os.close(descriptor)


class _LinkFound(Exception):
    pass


def _open_at(parent: int | None, name: str, flags: int) -> int:
    try:
        return os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | flags, dir_fd=parent)
    except OSError as error:
        # O_NOFOLLOW refuses a link with ELOOP, or ENOTDIR when a folder was asked for.
        if error.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(parent, name):
            raise _LinkFound from None
        raise


def _is_link(parent: int | None, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _read_regular(descriptor: int, shown: Path, limit: int) -> bytes:
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        raise ReadError(f"{shown} is not a regular file")
    chunks, size = [], 0
    while size <= limit and (chunk := os.read(descriptor, _CHUNK)):
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise ReadError(f"{shown} is larger than {limit // 2**20} MiB")
    return b"".join(chunks)


def check(data: bytes) -> tuple[str, int, int]:
    """Media type, width and height of a PNG or JPEG within the limits; raises PictureError."""
    from PIL import Image

    limits = f"at most {MAX_PIXELS:,} pixels, and {MAX_SIDE:,} pixels a side"
    with warnings.catch_warnings(), _truncated_images_refused():
        # Pillow warns, then raises, on pictures over its own (higher) limit; both mean too big.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with _open(data) as image:
                width, height = image.size
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise PictureError(f"is {width:,} x {height:,} pixels; {limits}")
                media_type = MEDIA_TYPES[image.format]
                image.verify()  # every chunk whole (PNG checksums): what python-docx parses
            with _open(data) as image:
                image.load()  # and every pixel decodes: what WeasyPrint reads
            _word_reads(data)
        except PictureError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PictureError(f"claims more pixels than a picture may have; {limits}") from None
        except Exception as error:  # Pillow's decoders fail with many types; all mean the same
            raise PictureError(
                f"is not a readable PNG or JPEG picture ({error}); save it as one of those"
            ) from None
    return media_type, width, height


def _word_reads(data: bytes) -> None:
    """python-docx parses the headers itself, and more strictly (a JFIF file needs APP0)."""
    from docx.image.image import Image as WordImage

    WordImage.from_blob(data)


def _open(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data), formats=tuple(MEDIA_TYPES))


@contextlib.contextmanager
def _truncated_images_refused() -> Iterator[None]:
    """WeasyPrint, once imported, tells Pillow to accept truncated pictures; a check may not."""
    from PIL import ImageFile

    accepted = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepted
