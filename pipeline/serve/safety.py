"""What keeps the preview server from serving anything but its previews, to anyone but its user.

- Files come from one folder only (the previews): a name that climbs out (`..`, in any
  encoding, since the path arrives decoded), an absolute one, one through a symbolic
  link, a folder (no listings) or any other kind of file is simply not found (404).
- A request whose Host header is not the address the server is bound to is refused
  (400): a web page elsewhere cannot reach it by pointing a name of its own at
  127.0.0.1 (DNS rebinding).
- Every answer carries a strict Content-Security-Policy: the app's pages run only the
  app's own script; a note runs no script at all (its frame and its policy are sandboxed)
  and shows only its inline pictures.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

SERVED_SUFFIXES = frozenset({".html", ".pdf", ".docx", ".png"})

APP_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
NOTE_POLICY = (
    # The note's own style sheet is inline, its portrait a data: URL; nothing else loads,
    # and nothing runs. Its origin stays the app's so the page can keep the reader's place
    # in it across a reload (a script-less document cannot use that origin for anything).
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin"
)
COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cache-control": "no-store",
}


def served_file(root: Path, relative: str) -> Path | None:
    """The regular file at `relative` inside `root`, reached through no link; else None."""
    if not relative or "\x00" in relative or "\\" in relative or relative.startswith("/"):
        return None
    parts = relative.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    if Path(parts[-1]).suffix not in SERVED_SUFFIXES:
        return None
    base = os.path.realpath(root)
    candidate = os.path.join(base, *parts)
    if os.path.realpath(candidate) != candidate:  # a link somewhere on the way
        return None
    try:
        mode = os.lstat(candidate).st_mode
    except OSError:
        return None
    return Path(candidate) if stat.S_ISREG(mode) else None


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers a browser sends for this server: its address and port, and
    `localhost` too when it listens on the loopback address."""
    shown = f"[{host}]" if ":" in host else host
    names = {f"{shown}:{port}"}
    if host in ("127.0.0.1", "::1", "localhost"):
        names |= {f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}
    return frozenset(names)


class Guard:
    """ASGI middleware: refuse a foreign Host header; add the security headers to every answer."""

    def __init__(self, app: App, hosts: Callable[[], frozenset[str]]) -> None:
        self._app, self._hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            # No route speaks WebSocket; closed before any app sees it, so a route added
            # later cannot bypass the Host check.
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":  # lifespan: the server starting and stopping
            await self._app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
        if host not in self._hosts():
            await _refuse(send, host)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _value in headers}
                for name, value in COMMON_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", APP_POLICY.encode()))
                message["headers"] = headers
            await send(message)

        await self._app(scope, receive, send_with_headers)


async def _refuse(send: Send, host: str) -> None:
    body = (f"400: this preview answers only to its own address, not to Host {host!r}\n").encode(
        "utf-8", "replace"
    )
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *((name.encode(), value.encode()) for name, value in COMMON_HEADERS.items()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
