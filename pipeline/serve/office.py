"""The DOCX's pages, as Word would print them near enough: LibreOffice converts the file
to PDF in the background, then PDFium draws the pages like the PDF's.

LibreOffice takes seconds to start, so the conversion never holds up the HTML and the
PDF: it runs in a thread of its own, on the newest DOCX of each note (an older one
waiting is dropped), with a profile folder of its own so it never meets a LibreOffice
the user has open.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from pipeline.serve.notes import Key
from pipeline.serve.pages import write_pages

TIMEOUT = 120.0  # seconds; a conversion that takes longer is stuck
UNAVAILABLE = (
    "The DOCX pages need LibreOffice, which is not installed here (no soffice on the PATH); "
    "download the DOCX to see it, or install the Debian package libreoffice-writer."
)

Done = Callable[[Key, int, int, str | None], None]
"""Called with the key, the DOCX's generation, its page count and the error, if any."""


def soffice() -> str | None:
    return shutil.which("soffice")


def _yielding() -> list[str]:
    """`nice -n 10`: the conversion is background work; the next edit's HTML and PDF,
    which someone is waiting for, get the processor first."""
    program = shutil.which("nice")
    return [program, "-n", "10"] if program else []


class DocxPages:
    """One background thread turning each note's newest DOCX into page images."""

    def __init__(self, program: str, on_done: Done) -> None:
        self._program, self._on_done = program, on_done
        self._waiting: dict[Key, tuple[int, Path]] = {}
        self._condition = threading.Condition()
        self._stopping = False
        self._running: subprocess.Popen | None = None
        self._profile = Path(tempfile.mkdtemp(prefix="briefing-serve-office-"))
        self._thread = threading.Thread(target=self._work, name="docx-pages", daemon=True)
        self._thread.start()

    def convert(self, key: Key, generation: int, docx: Path) -> None:
        with self._condition:
            self._waiting[key] = (generation, docx)
            self._condition.notify()

    def stop(self) -> None:
        with self._condition:
            self._stopping = True
            self._condition.notify()
            running = self._running
        if running is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(running.pid, signal.SIGKILL)
        self._thread.join(10)
        shutil.rmtree(self._profile, ignore_errors=True)

    def _work(self) -> None:
        while True:
            with self._condition:
                while not self._waiting and not self._stopping:
                    self._condition.wait()
                if self._stopping:
                    return
                key = next(iter(self._waiting))
                generation, docx = self._waiting.pop(key)
            try:
                pages, error = self._pages(docx), None
            except (OSError, subprocess.SubprocessError, ValueError) as failure:
                pages, error = 0, f"LibreOffice could not convert the DOCX: {failure}"
            if not self._stopping:
                self._on_done(key, generation, pages, error)

    def _pages(self, docx: Path) -> int:
        with tempfile.TemporaryDirectory(prefix="briefing-serve-docx-") as out:
            # A copy: LibreOffice leaves a lock file beside what it opens.
            source = Path(out) / docx.name
            shutil.copyfile(docx, source)
            self._run([
                *_yielding(),
                self._program,
                f"-env:UserInstallation={self._profile.as_uri()}",
                "--headless", "--norestore", "--nologo", "--nodefault",
                "--convert-to", "pdf", "--outdir", out, str(source),
            ])  # fmt: skip
            converted = source.with_suffix(".pdf")
            if not converted.is_file():
                raise ValueError("it wrote no PDF")
            return write_pages(converted.read_bytes(), docx.parent, "docx")

    def _run(self, command: list[str]) -> None:
        with self._condition:
            if self._stopping:
                raise ValueError("the server is stopping")
            process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own group: stop() ends it with its helpers
            )
            self._running = process
        try:
            _out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise ValueError(f"it took longer than {TIMEOUT:g} s") from None
        finally:
            with self._condition:
                self._running = None
        if process.returncode != 0:
            raise ValueError(err.decode("utf-8", "replace").strip()[-300:] or "it failed")
