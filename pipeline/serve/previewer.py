"""The preview's conductor: what to render when, and what each report changes on the pages.

A note's page asks for its first render when it is first opened; from then on every
change on disk that affects it renders it again, and each report of the worker (the
HTML written, the PDF and its pages, a problem) is shown as soon as it arrives.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline.project import Project
from pipeline.serve.notes import Key, Notes, change_of
from pipeline.serve.office import UNAVAILABLE, DocxPages
from pipeline.serve.state import Preview, PreviewState
from pipeline.serve.worker import RenderWorker, Report, Request

log = logging.getLogger(__name__)

CONVERTING = "Converting the DOCX to pages with LibreOffice…"


class Previewer:
    def __init__(
        self,
        project: Project,
        notes: Notes,
        previews: Path,
        soffice: str | None,
        on_report: Callable[[Report], None] | None = None,
    ) -> None:
        self.project, self.notes, self.previews = project, notes, previews
        self.state = PreviewState()
        self.docx_available = soffice is not None
        self._soffice = soffice
        self._on_report_hook = on_report
        self._lock = threading.Lock()
        self._sending = threading.Lock()
        self.worker = RenderWorker(project, previews, self._report)
        self.office: DocxPages | None = None

    def start(self) -> None:
        self.worker.start()
        if self._soffice is not None:
            self.office = DocxPages(self._soffice, self._docx_pages)

    def stop(self) -> None:
        self.state.announce("stop", 0)
        if self.office is not None:
            self.office.stop()
        self.worker.stop()

    def ensure(self, key: Key) -> None:
        """Render `key` unless it has been (a page of it was opened before)."""
        with self._lock:
            if self.state.get(key) is None and key in self.notes:
                self.render(key)

    def render(self, key: Key) -> None:
        # One lock around asking and sending: the watcher's thread and a page's request
        # must not send generations 8 and 7 in that order (7 would be rendered, and every
        # report of it refused as older than 8, leaving the page "rendering" for ever).
        with self._sending:
            generation = self.state.request(key)
            self.worker.render(Request(key, generation, self.notes.paths[key.stem]))

    def changed(self, paths: Iterable[Path]) -> None:
        """Files changed on disk: render again the previews they affect, and only those."""
        change = change_of(paths, self.project, self.notes)
        if change.notes_listed and self.notes.refresh():
            self.state.announce("notes", 0)
        if change.house_style:
            self.worker.forget_house_style()
        for key in self.state.rendered():
            if key in self.notes and change.affects(key):
                log.info("rendering %s again", key)
                self.render(key)

    # --- Reports ---------------------------------------------------------------------------

    def _report(self, report: Report) -> None:
        apply = _APPLY.get(report.kind)
        if apply is not None:
            self.state.change_if_current(report.key, report.generation, apply(report))
        if report.kind in ("done", "failed"):
            self.state.finished(report.key, report.generation)
        if (
            report.kind == "format"
            and report.format == "docx"
            and report.error is None
            and self.state.is_current(report.key, report.generation)
        ):
            self._docx_written(report.key, report.generation)
        if self._on_report_hook is not None:
            self._on_report_hook(report)

    def _docx_written(self, key: Key, generation: int) -> None:
        def note(preview: Preview) -> None:
            preview.docx_note = CONVERTING if self.office is not None else UNAVAILABLE

        self.state.change(key, note)
        if self.office is not None:
            self.office.convert(key, generation, key.folder(self.previews) / f"{key.stem}.docx")

    def _docx_pages(self, key: Key, generation: int, pages: int, error: str | None) -> None:
        def show(preview: Preview) -> None:
            if error is None:
                preview.pages["docx"] = [generation] * pages
            preview.docx_note = error

        self.state.change(key, show)


def _planned(report: Report) -> Callable[[Preview], None]:
    def apply(preview: Preview) -> None:
        preview.title = report.title
        preview.error = None

    return apply


def _format(report: Report) -> Callable[[Preview], None]:
    def apply(preview: Preview) -> None:
        name = (report.format or "").upper()
        if report.error is not None:
            problem = f"The {name} could not be made: {report.error}"
            preview.error = f"{preview.error}\n{problem}" if preview.error else problem
            return
        preview.written[report.format or ""] = report.generation

    return apply


def _page(report: Report) -> Callable[[Preview], None]:
    def apply(preview: Preview) -> None:  # the other pages are the old ones for a moment
        pages = preview.pages.get("pdf", [])[: report.pages]
        if report.page > len(pages) + 1:
            return  # the pages before it have no image yet: it shows with them
        pages[report.page - 1 : report.page] = [report.generation]
        preview.pages["pdf"] = pages

    return apply


def _pages(report: Report) -> Callable[[Preview], None]:
    def apply(preview: Preview) -> None:
        preview.pages[report.format or ""] = [report.generation] * report.pages

    return apply


def _failed(report: Report) -> Callable[[Preview], None]:
    def apply(preview: Preview) -> None:
        preview.error = report.error

    return apply


_APPLY: dict[str, Callable[[Report], Callable[[Preview], None]]] = {
    "planned": _planned,
    "page": _page,
    "format": _format,
    "pages": _pages,
    "failed": _failed,
}
