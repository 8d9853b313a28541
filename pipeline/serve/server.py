"""Running the preview: bind, start the worker, watch the project, serve, and stop cleanly.

The server runs in a thread of its own and this (main) thread keeps the signals:
Ctrl-C or SIGTERM end the event streams, stop the server, stop LibreOffice and the
render worker, and only then return, so no process is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import BriefingError, UsageError
from pipeline.project import Project
from pipeline.serve import office
from pipeline.serve.notes import Key, Notes, watched_paths
from pipeline.serve.previewer import Previewer
from pipeline.serve.safety import allowed_hosts
from pipeline.serve.worker import Report

log = logging.getLogger(__name__)

LOOPBACK = ("127.0.0.1", "::1", "localhost")
PREVIEW_FOLDER = "preview"
WATCH_STEP_MS = 10


class PortUnavailable(UsageError):
    """The address or port cannot be listened on."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @property
    def url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/"


def preview_folder(project: Project) -> Path:
    """Where the previews are written: beside the outputs, never over them."""
    return project.output / PREVIEW_FOLDER


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or a PortUnavailable error saying what to do instead."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        raise PortUnavailable(f"--host {host}: not an address of this machine ({error})") from None
    family, kind, proto, _name, address = infos[0]
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
        listener.listen(64)
    except OSError as error:
        listener.close()
        raise PortUnavailable(_bind_failure(host, port, error)) from None
    return listener


def _bind_failure(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is in use (another preview?); choose another with "
            "--port N, or --port 0 for any free port"
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"port {port} needs more rights than this user has; use a port above 1023"
    return f"cannot listen on {host} port {port}: {error.strerror or error}"


def hosts_for(address: Address) -> frozenset[str]:
    """The Host headers accepted: the address itself, and for a server listening on every
    interface (0.0.0.0) this machine's names too."""
    hosts = set(allowed_hosts(address.host, address.port))
    if address.host in ("0.0.0.0", "::"):
        for name in {socket.gethostname(), socket.getfqdn(), "localhost", "127.0.0.1"}:
            hosts |= allowed_hosts(name.lower(), address.port)
    return frozenset(hosts)


def start_previewer(
    project: Project,
    notes: Notes,
    with_docx_pages: bool = True,
    on_report: Callable[[Report], None] | None = None,
) -> Previewer:
    program = office.soffice() if with_docx_pages else None
    previewer = Previewer(project, notes, preview_folder(project), program, on_report)
    previewer.start()
    return previewer


def serve(
    previewer: Previewer,
    listener: socket.socket,
    on_ready: Callable[[Address], None],
) -> None:
    """Serve until Ctrl-C or SIGTERM, then stop everything this started."""
    import uvicorn

    from pipeline.serve.app import create_app

    host, port = listener.getsockname()[:2]
    address = Address(host, port)
    hosts = hosts_for(address)
    config = uvicorn.Config(
        create_app(previewer, lambda: hosts),
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    stop = threading.Event()
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    with _signals_set(stop), _watching(previewer, stop):
        thread.start()
        for stem in previewer.notes.paths:  # the first locale ready before anyone asks
            previewer.ensure(Key(stem, previewer.notes.locales[0]))
        while not server.started and thread.is_alive():
            stop.wait(0.05)
        if server.started:
            on_ready(address)
        while not stop.is_set() and thread.is_alive():
            stop.wait(0.25)
        previewer.state.announce("stop", 0)  # event streams end, so the server can
        server.should_exit = True
        thread.join(10)
    previewer.stop()
    listener.close()
    if not server.started:
        raise BriefingError(f"the preview server could not start on {address.url}")


@contextlib.contextmanager
def _signals_set(stop: threading.Event) -> Iterator[None]:
    def handle(signum: int, frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _watching(previewer: Previewer, stop: threading.Event) -> Iterator[None]:
    paths = watched_paths(previewer.project, previewer.notes)
    thread = threading.Thread(target=_watch, args=(previewer, paths, stop), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(5)


def _watch(previewer: Previewer, paths: list[Path], stop: threading.Event) -> None:
    from watchfiles import watch

    # step: how long the watcher waits for more changes once one came (the render starts
    # 10-20 ms after the save); an editor's save (a temporary file renamed over the old
    # one) is over well within it, and a change that still comes later supersedes the
    # render it started.
    for changes in watch(
        *paths, stop_event=stop, step=WATCH_STEP_MS, rust_timeout=500, yield_on_timeout=False
    ):
        paths = [Path(path) for _change, path in changes]
        log.info("changed: %s", ", ".join(map(str, paths)))
        previewer.changed(paths)
