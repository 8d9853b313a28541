"""The state of every preview, shared by the threads that render and the pages that show it.

The render worker's reports and the DOCX converter change it from their threads;
each change bumps the preview's version and is pushed to every open page's event
queue (server-sent events), on the server's event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.serve.notes import Key

FORMATS = ("html", "pdf", "docx")


@dataclass
class Preview:
    """What the page of one note in one locale shows."""

    key: Key
    version: int = 0
    """Bumped on every change a page should show."""
    requested: int = 0
    """The generation of the latest render asked for; reports of older ones are stale."""
    rendering: bool = False
    title: str | None = None
    error: str | None = None
    """Why the latest render failed; the files are then the last good ones."""
    written: dict[str, int] = field(default_factory=dict)
    """Format -> the generation of the file on disk (the pages' URLs carry it, so a
    browser never shows a cached older one)."""
    pages: dict[str, list[int]] = field(default_factory=dict)
    """pdf or docx -> the generation of each page image on disk, page by page: the first
    page of a new PDF shows while the others are drawn."""
    docx_note: str | None = None
    """Why the DOCX pages are missing or old (no LibreOffice, converting, failed)."""
    rendered_at: str | None = None


def _copy(preview: Preview) -> Preview:
    pages = {kind: list(generations) for kind, generations in preview.pages.items()}
    return dataclasses.replace(preview, written=dict(preview.written), pages=pages)


Listener = tuple[asyncio.AbstractEventLoop, asyncio.Queue]


class PreviewState:
    """Every preview by key, and the pages listening for their changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._previews: dict[Key, Preview] = {}
        self._listeners: set[Listener] = set()

    def get(self, key: Key) -> Preview | None:
        with self._lock:
            preview = self._previews.get(key)
            return _copy(preview) if preview else None

    def rendered(self) -> list[Key]:
        """The previews rendered at least once (or being rendered): those kept up to date."""
        with self._lock:
            return sorted(self._previews)

    def request(self, key: Key) -> int:
        """A new render of `key` is on its way; returns its generation."""

        def ask(preview: Preview) -> None:
            preview.requested += 1
            preview.rendering = True

        return self.change(key, ask).requested

    def change(self, key: Key, apply: Callable[[Preview], None]) -> Preview:
        """Apply a change to the preview of `key` and tell the pages showing it."""
        with self._lock:
            preview = self._previews.setdefault(key, Preview(key))
            apply(preview)
            preview.version += 1
            changed = _copy(preview)
        self.announce(str(key), changed.version)
        return changed

    def change_if_current(
        self, key: Key, generation: int, apply: Callable[[Preview], None]
    ) -> bool:
        """Apply a render's report unless a newer render of `key` was asked for since.

        Checked and applied under one hold of the lock, so a request in between cannot let
        an older report through."""
        with self._lock:
            preview = self._previews.get(key)
            if preview is None or generation < preview.requested:
                return False
            apply(preview)
            preview.version += 1
            version = preview.version
        self.announce(str(key), version)
        return True

    def is_current(self, key: Key, generation: int) -> bool:
        """No newer render of `key` has been asked for than `generation`."""
        with self._lock:
            preview = self._previews.get(key)
            return preview is not None and generation >= preview.requested

    def finished(self, key: Key, generation: int) -> None:
        def done(preview: Preview) -> None:
            preview.rendering = False
            preview.rendered_at = time.strftime("%H:%M:%S")

        self.change_if_current(key, generation, done)

    # --- Listeners (the open pages' event streams) ------------------------------------------

    def listen(self) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        with self._lock:
            self._listeners.add((asyncio.get_running_loop(), queue))
        return queue

    def forget(self, queue: asyncio.Queue) -> None:
        with self._lock:
            self._listeners = {item for item in self._listeners if item[1] is not queue}

    def announce(self, topic: str, version: int) -> None:
        """Tell every open page that `topic` (a key, or `notes` for the list) changed."""
        with self._lock:
            listeners = list(self._listeners)
        for loop, queue in listeners:
            with contextlib.suppress(RuntimeError):  # that loop has closed: the server stops
                loop.call_soon_threadsafe(queue.put_nowait, (topic, version))
