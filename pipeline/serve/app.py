"""The preview's web app: the list of notes, one page per note and locale, its state as
JSON, the preview files, and a stream of server-sent events that tells open pages
what changed (their script then updates the page in place, without a reload)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from pipeline.serve.notes import Key
from pipeline.serve.office import UNAVAILABLE
from pipeline.serve.pages import page_name
from pipeline.serve.previewer import Previewer
from pipeline.serve.safety import NOTE_POLICY, Guard, served_file
from pipeline.serve.state import FORMATS, Preview

ASSETS = Path(__file__).resolve().parent / "assets"
APP_FILES = {
    "preview.css": "text/css",
    "preview.js": "text/javascript",
    "favicon.svg": "image/svg+xml",
}
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream
LOCALE_NAMES = {
    "en": "English",
    "ru": "Русский",
    "ky": "Кыргызча",
    "ko": "한국어",
    "en-XA": "Pseudo (en-XA)",
}


def create_app(previewer: Previewer, hosts: Callable[[], frozenset[str]]) -> Guard:
    pages = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ASSETS), autoescape=True, undefined=jinja2.StrictUndefined
    )

    def page(name: str, **context: Any) -> HTMLResponse:
        context.update(notes=sorted(previewer.notes.paths), locales=previewer.notes.locales)
        return HTMLResponse(pages.get_template(name).render(locale_names=LOCALE_NAMES, **context))

    async def index(request: Request) -> Response:
        return page("index.html")

    async def note(request: Request) -> Response:
        key = _key(request, previewer)
        if key is None:
            return _not_found()
        previewer.ensure(key)
        return page("note.html", key=key, state=describe(previewer, key))

    async def state(request: Request) -> Response:
        key = _key(request, previewer)
        if key is None:
            return _not_found()
        return JSONResponse(describe(previewer, key))

    async def events(request: Request) -> Response:
        return StreamingResponse(
            _stream(previewer), media_type="text/event-stream", headers={"x-accel-buffering": "no"}
        )

    async def files(request: Request) -> Response:
        path = served_file(previewer.previews, request.path_params["path"])
        if path is None:
            return _not_found()
        headers = {}
        if path.suffix == ".html":
            headers["content-security-policy"] = NOTE_POLICY
        if "download" in request.query_params:
            headers["content-disposition"] = f"attachment; filename*=UTF-8''{quote(path.name)}"
        return FileResponse(path, headers=headers)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in APP_FILES:
            return _not_found()
        return FileResponse(ASSETS / name, media_type=APP_FILES[name])

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/note/{stem}/{locale}", note),
            Route("/state/{stem}/{locale}", state),
            Route("/events", events),
            Route("/files/{path:path}", files),
            Route("/_app/{name}", asset),
        ]
    )
    return Guard(app, hosts)


def _key(request: Request, previewer: Previewer) -> Key | None:
    key = Key(request.path_params["stem"], request.path_params["locale"])
    return key if key in previewer.notes else None


def _not_found() -> Response:
    return PlainTextResponse("404: not found\n", status_code=404)


async def _stream(previewer: Previewer) -> AsyncIterator[str]:
    queue = previewer.state.listen()
    try:
        yield "retry: 1000\n\n"
        while True:
            try:
                topic, version = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
            except TimeoutError:
                yield ": still here\n\n"
                continue
            if topic == "stop":
                return
            yield f"event: change\ndata: {json.dumps({'topic': topic, 'version': version})}\n\n"
    finally:
        previewer.state.forget(queue)


def describe(previewer: Previewer, key: Key) -> dict[str, Any]:
    """What the page shows of `key`, as its script reads it: URLs carry the generation of
    the file, so a changed file is a new URL and no cached page image is ever shown."""
    preview = previewer.state.get(key) or Preview(key)
    folder = f"/files/{quote(key.locale)}/{quote(key.stem)}/"

    def url(name: str, generation: int) -> str:
        return f"{folder}{quote(name)}?v={generation}"

    files = {
        name: url(f"{key.stem}.{name}", preview.written[name])
        for name in FORMATS
        if name in preview.written
    }
    docx_note = preview.docx_note
    if not previewer.docx_available:
        docx_note = UNAVAILABLE
    return {
        "key": str(key),
        "version": preview.version,
        "title": preview.title,
        "rendering": preview.rendering,
        "rendered_at": preview.rendered_at,
        "error": preview.error,
        "files": files,
        "pdf_pages": [
            url(page_name("pdf", n), generation)
            for n, generation in enumerate(preview.pages.get("pdf", []), 1)
        ],
        "docx_pages": [
            url(page_name("docx", n), generation)
            for n, generation in enumerate(preview.pages.get("docx", []), 1)
        ],
        "docx_note": docx_note,
    }
