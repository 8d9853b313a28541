"""The warm render worker: one process that keeps WeasyPrint, the templates and the fonts
loaded, so a re-render costs the layout only, not the start of a fresh `briefing build`.

It renders the way `briefing build` does (the engine's `plan`, then each format's
renderer) and writes the files under the preview folder. Requests come through a pipe,
one note at a time; a newer request for the same note that arrives meanwhile supersedes
the older one: the worker drops it between two formats and renders the newer one.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import logging
import multiprocessing
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from pipeline import atomic
from pipeline.engine.worker import Limits
from pipeline.errors import BriefingError
from pipeline.project import Project
from pipeline.serve import warm
from pipeline.serve.notes import Key

log = logging.getLogger(__name__)

ORDER = ("html", "pdf", "docx")
"""The quickest first: the HTML shows while the PDF is laid out."""
# WeasyPrint through pipeline.render.weasy, so the worker gets its lean import too.
WARM_MODULES = ("pipeline.render.weasy", "pypdfium2", "docx", "pipeline.content.loader")


@dataclass(frozen=True)
class Request:
    key: Key
    generation: int
    path: Path
    formats: tuple[str, ...] = ORDER


@dataclass(frozen=True)
class Report:
    """What the worker says about a render: `planned` (with the title), `page` (one page
    of the new PDF drawn, the first the edit can have changed: its number and the number
    of pages), `format` (one file written, or its error), `pages` (every page image of the
    PDF written), `failed` (no file: the content or a catalog is invalid), `superseded`,
    `done`."""

    key: Key
    generation: int
    kind: str
    format: str | None = None
    error: str | None = None
    title: str | None = None
    pages: int = 0
    page: int = 0


@dataclass
class _Inbox:
    """Requests not yet taken, a newer one for a note replacing an older one."""

    connection: Connection
    waiting: list[object] = field(default_factory=list)

    def take(self) -> object:
        self.drain()
        if not self.waiting:
            self._add(self.connection.recv())
        return self.waiting.pop(0)

    def drain(self) -> None:
        while self.connection.poll():
            self._add(self.connection.recv())

    def supersedes(self, key: Key) -> bool:
        self.drain()
        return any(isinstance(item, Request) and item.key == key for item in self.waiting)

    def _add(self, item: object) -> None:
        if isinstance(item, Request):
            older = [
                old for old in self.waiting if isinstance(old, Request) and old.key == item.key
            ]
            if any(old.generation > item.generation for old in older):
                return  # a newer request of the same note is already waiting
            self.waiting = [old for old in self.waiting if old not in older]
        self.waiting.append(item)


CLEAR = "clear"
STOP = "stop"
READY = Report(Key("", ""), 0, "ready")
"""The worker's first word: its libraries are loaded, and the time limit applies from now."""


def serve_forever(connection: Connection, project: Project, previews: Path) -> None:
    """The worker process: render what is asked, until told to stop or the server is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us
    _die_with_parent()
    # As a pack's renders: a note that needs more memory than this fails alone, saying so.
    memory = Limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    for module in WARM_MODULES:
        __import__(module)
    warm.keep_between_renders()
    inbox = _Inbox(connection)
    try:
        connection.send(READY)
        while True:
            item = inbox.take()
            if item == STOP:
                return
            if item == CLEAR:
                forget_house_style()
                warm.forget_style_sheets()
            elif isinstance(item, Request):
                render_preview(item, project, previews, connection.send, inbox.supersedes)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return  # the server went away


def _die_with_parent() -> None:
    """A worker never outlives a killed server (Linux: PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


def forget_house_style() -> None:
    """Drop what the pipeline caches about templates and catalogs (they changed on disk).
    The fonts' caches stay: they depend on the machine, not on the project."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("pipeline.") or name == "pipeline.render.fonts":
            continue
        for value in list(vars(module).values()):
            if getattr(value, "__module__", None) == name and hasattr(value, "cache_clear"):
                value.cache_clear()


def render_preview(
    request: Request,
    project: Project,
    previews: Path,
    send: Callable[[Report], None],
    superseded: Callable[[Key], bool],
) -> None:
    """Plan the note as `briefing build -l <locale>` would, then write each format's file."""
    from pipeline import render
    from pipeline.engine.plan import plan

    key, generation = request.key, request.generation
    try:
        planned = plan([request.path], list(request.formats), [key.locale], project=project)
    except BriefingError as error:
        send(Report(key, generation, "failed", error=str(error)))
        return
    job = planned.jobs[0]
    send(Report(key, generation, "planned", title=job.interview.title))
    folder = key.folder(previews)
    for name in request.formats:
        if superseded(key):
            send(Report(key, generation, "superseded"))
            return

        def tell(kind: str, pages: int = 0, page: int = 0, name: str = name) -> None:
            send(Report(key, generation, kind, format=name, pages=pages, page=page))

        target = folder / f"{key.stem}.{name}"
        problem, pages = _render_one(render.get(name), job, target, tell)
        if problem is not None:
            send(Report(key, generation, "format", format=name, error=problem))
        elif name == "pdf":
            tell("pages", pages)
        else:
            tell("format")
    send(Report(key, generation, "done"))


def _render_one(renderer, job, target: Path, tell: Callable[..., None]) -> tuple[str | None, int]:
    """Write one format's file (for the PDF, its page images too, telling `page` and
    `format` as soon as each is done); the error, if it failed, and the number of pages."""
    from pipeline.serve.pages import write_preview_pdf
    from pipeline.serve.relayout import RELAYOUT

    try:
        if renderer.name != "pdf":
            atomic.write_bytes(target, renderer.render(job))
            return None, 0
        prepared = renderer.prepare(job)
        RELAYOUT.inputs = _digest(prepared.resources)
        document = renderer.lay_out(prepared)

        def drawn(page: int, count: int) -> None:
            tell("page", count, page)

        pages = write_preview_pdf(
            document, target, RELAYOUT.last_start, drawn, lambda: tell("format")
        )
        return None, pages
    except BriefingError as error:
        return str(error), 0
    except OSError as error:
        return f"cannot write {error.filename or target}: {error.strerror or error}", 0
    except MemoryError:
        return Limits().memory_message(), 0
    except Exception as error:  # a renderer's bug must not stop the preview of the others
        log.debug("preview render failed", exc_info=True)
        return f"{type(error).__name__}: {error}", 0


def _digest(resources: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(resources):
        digest.update(name.encode() + b"\0" + hashlib.sha256(resources[name]).digest())
    return digest.hexdigest()


@contextlib.contextmanager
def _born_ignoring_ctrl_c() -> Iterator[None]:
    """Ctrl-C signals the terminal's whole process group. An ignored signal stays ignored
    in a new program, so a worker started here ignores it from its first instruction, not
    only once its own code runs; the server stops it itself. (Only the main thread may
    change a signal's handling: a worker restarted from another keeps the short window.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class RenderWorker:
    """The server's side of the worker: starts it, sends it requests, hands its reports to
    `on_report` from a thread of its own, and restarts it if it dies or hangs.

    A worker that says nothing for `time_limit` seconds while it has work is stuck (a
    content "file" that is a pipe nobody writes to, a layout that never ends): it is
    stopped, the render it was on fails saying so, and a new worker takes the rest.
    """

    def __init__(
        self,
        project: Project,
        previews: Path,
        on_report: Callable[[Report], None],
        time_limit: float = Limits.seconds,
    ) -> None:
        self._project, self._previews, self._on_report = project, previews, on_report
        self._time_limit = time_limit
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._in_flight: dict[Key, Request] = {}
        self._retried: set[tuple[Key, int]] = set()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._reader: threading.Thread | None = None
        self._heard_from = time.monotonic()
        self._ready = False
        self._current: Key | None = None
        self._overran: Key | None = None
        self._watchdog = threading.Thread(target=self._watch, name="render-watchdog", daemon=True)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        # A fresh interpreter, not a fork: the server has threads, which a fork would copy
        # half-way through whatever they were doing.
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=serve_forever,
            args=(theirs, self._project, self._previews),
            name="briefing-serve-worker",
            daemon=True,
        )
        self._ready = False
        with _born_ignoring_ctrl_c():
            process.start()
        theirs.close()
        self._process, self._connection = process, ours
        self._reader = threading.Thread(target=self._read, args=(ours,), daemon=True)
        self._reader.start()
        if not self._watchdog.is_alive():
            self._watchdog.start()

    def render(self, request: Request) -> None:
        with self._lock:
            if not self._in_flight:
                self._heard_from = time.monotonic()  # the clock starts with the work
            self._in_flight[request.key] = request
            self._send(request)

    def forget_house_style(self) -> None:
        with self._lock:
            self._send(CLEAR)

    def _send(self, item: object) -> None:
        assert self._connection is not None
        with contextlib.suppress(OSError):  # a dead worker: the reader restarts it
            self._connection.send(item)

    def _read(self, connection: Connection) -> None:
        while True:
            try:
                report = connection.recv()
            except (EOFError, OSError):
                break
            with self._lock:
                self._heard_from = time.monotonic()
                if report.kind == "ready":
                    self._ready = True
                    continue
                self._current = report.key
                if report.kind in ("done", "failed", "superseded"):
                    self._current = None
                    if self._in_flight.get(report.key, report).generation == report.generation:
                        self._in_flight.pop(report.key, None)
            self._on_report(report)
        if not self._stopping.is_set():
            self._restart()

    def _restart(self) -> None:
        """The worker died (out of memory, killed): start another and ask it once more for
        the renders it held; a render that kills it twice fails, saying so."""
        code = self._process.exitcode if self._process else None
        with self._lock:
            lost = list(self._in_flight.values())
            self._in_flight.clear()
            overran, self._overran, self._current = self._overran, None, None
        self.start()
        for request in lost:
            attempt = (request.key, request.generation)
            if request.key == overran:
                why = Limits(seconds=self._time_limit).time_message()
                self._on_report(Report(request.key, request.generation, "failed", error=why))
            elif attempt in self._retried:
                why = f"the render process died twice on this note (exit status {code})"
                self._on_report(Report(request.key, request.generation, "failed", error=why))
            else:
                self._retried.add(attempt)
                self.render(request)

    def _watch(self) -> None:
        while not self._stopping.wait(0.5):
            with self._lock:
                stuck = (
                    self._ready
                    and bool(self._in_flight)
                    and time.monotonic() - self._heard_from > self._time_limit
                    and self._overran is None
                )
                if stuck:
                    self._overran = self._current or next(iter(self._in_flight))
                process = self._process
            if stuck and process is not None:
                process.kill()  # the reader sees the pipe close and restarts it

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the worker to stop, then make sure it has: no process is left behind."""
        self._stopping.set()
        with self._lock:
            self._send(STOP)
        process = self._process
        if process is None:
            return
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join(timeout)
        if self._connection is not None:
            self._connection.close()
