"""`briefing serve` as a user runs it: a real process on a free port, stopped by a signal.

Ctrl-C (SIGINT to the terminal's whole process group) and SIGTERM both end it with
status 0, and no process it started (the render worker, LibreOffice) outlives it. A
request sent raw, with a path no browser would normalise, still gets 404, and one for
another host 400. `LiveServer` and `sample_desk` also serve the browser tests.
"""

from __future__ import annotations

import http.client
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from tests.conftest import ROOT, SEED_CONTENT, SEED_SLUG

pytestmark = pytest.mark.slow

BRIEFING = Path(sys.executable).parent / "briefing"
READY = re.compile(r"at (http://127\.0\.0\.1:(\d+)/)")
START_TIMEOUT = 60.0  # seconds; a busy machine starts the worker slowly


def sample_desk(root: Path) -> Path:
    """A project of its own: the seed interview (sample content), this checkout's catalogs."""
    (root / "content").mkdir(parents=True)
    shutil.copy(SEED_CONTENT, root / "content" / SEED_CONTENT.name)
    shutil.copytree(ROOT / "locales", root / "locales")
    (root / "briefing.toml").touch()
    return root


class LiveServer:
    """`briefing serve --port 0` in its own process group, as a terminal would start it."""

    def __init__(self, root: Path, *arguments: str) -> None:
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        environment.pop("BRIEFING_PROJECT", None)
        self.process = subprocess.Popen(
            [str(BRIEFING), "--project", str(root), "serve", "--port", "0", *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            start_new_session=True,
        )
        self.errors = ""
        self.url, self.port = self._wait_until_ready()

    def _wait_until_ready(self) -> tuple[str, int]:
        deadline = time.monotonic() + START_TIMEOUT
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready:
                line = self.process.stdout.readline()
                if found := READY.search(line):
                    return found.group(1), int(found.group(2))
            if self.process.poll() is not None:
                break
        self.stop(signal.SIGKILL)
        pytest.fail(f"briefing serve did not start: {self.errors}")

    def children(self) -> list[psutil.Process]:
        return psutil.Process(self.process.pid).children(recursive=True)

    def stop(self, how: signal.Signals = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            if how == signal.SIGINT:  # Ctrl-C: the terminal signals the whole group
                os.killpg(self.process.pid, signal.SIGINT)
            else:
                self.process.send_signal(how)
        try:
            return self.process.wait(30)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.errors = self.process.stderr.read() if self.process.stderr else ""
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()

    def get(self, path: str, host: str | None = None) -> tuple[int, bytes]:
        """A GET with `path` sent exactly as given (http.client normalises nothing)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest("GET", path, skip_host=True)
            connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return sample_desk(tmp_path / "desk")


def _gone(processes: list[psutil.Process]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_stops_the_server_and_leaves_no_worker_behind(desk, how):
    server = LiveServer(desk)
    status, page = server.get(f"/note/{SEED_SLUG}/en")
    assert status == 200 and b"note-frame" in page
    started = server.children()
    assert any("multiprocessing" in " ".join(p.cmdline()) for p in started), started
    assert server.stop(how) == 0
    assert _gone(started), [p.cmdline() for p in started if p.is_running()]
    assert "Traceback" not in server.errors


def test_raw_requests_climbing_out_or_for_another_host_are_refused(desk):
    (desk / "output").mkdir()
    (desk / "output" / "secret.html").write_text("not for the browser", encoding="utf-8")
    server = LiveServer(desk)
    try:
        for path in [
            "/files/../secret.html",
            "/files/%2e%2e/secret.html",
            "/files/%2E%2E%2Fsecret.html",
            f"/files/{desk}/output/secret.html",
            "/files/en/",
        ]:
            status, body = server.get(path)
            assert status == 404, path
            assert b"not for the browser" not in body
        assert server.get("/", host=f"attacker.example:{server.port}")[0] == 400
        assert server.get("/", host=f"localhost:{server.port}")[0] == 200
    finally:
        assert server.stop() == 0


def test_once_writes_the_previews_beside_the_outputs_never_over_them(desk):
    built = desk / "output" / "en" / f"{SEED_SLUG}.html"
    built.parent.mkdir(parents=True)
    built.write_text("the desk's built note", encoding="utf-8")
    result = subprocess.run(
        [str(BRIEFING), "--project", str(desk), "serve", "--once", "-l", "en,ru"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert built.read_text(encoding="utf-8") == "the desk's built note"
    for locale in ["en", "ru"]:
        folder = desk / "output" / "preview" / locale / SEED_SLUG
        names = sorted(path.name for path in folder.iterdir())
        assert {f"{SEED_SLUG}.{ext}" for ext in ("html", "pdf", "docx")} <= set(names)
        assert "pdf-1.png" in names
        assert not [name for name in names if name.endswith(".tmp")]


def test_once_names_a_broken_catalog_by_file_and_line(desk):
    catalog = desk / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    lines = catalog.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = lines.index('msgstr "Основные тезисы"\n')
    lines[broken] = 'msgstr "Основные тезисы\n'  # the quote left open
    catalog.write_text("".join(lines), encoding="utf-8")
    result = subprocess.run(
        [str(BRIEFING), "--project", str(desk), "serve", "--once", "-l", "ru"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    found = re.search(rf"{re.escape(str(catalog))}:(\d+): ", result.stderr)
    assert found, result.stderr
    assert int(found.group(1)) in (broken + 1, broken + 2)  # msgfmt names the line it stops at
    assert "Traceback" not in result.stderr


def test_a_render_that_hangs_is_stopped_and_the_next_note_still_renders(desk):
    from pipeline.project import Project
    from pipeline.serve.notes import Key
    from pipeline.serve.worker import RenderWorker, Request

    # A desk template that never ends for one note: the render hangs inside the worker
    # (a named pipe no longer does: the loader refuses it without waiting).
    hang = '{% if masthead.title.text == "Stuck render" %}{% for _ in range(10**15) %}{% endfor %}{% endif %}'
    masthead = desk / "templates" / "partials" / "masthead.html"
    masthead.parent.mkdir(parents=True)
    masthead.write_text(hang + (ROOT / "templates/partials/masthead.html").read_text("utf-8"))
    stuck = desk / "content" / "stuck.yaml"
    seed_text = SEED_CONTENT.read_text("utf-8")
    seed_text = re.sub(r"(?m)^slug: .*$", "slug: stuck", seed_text, count=1)
    stuck.write_text(re.sub(r"(?m)^title: .*$", "title: Stuck render", seed_text, count=1))
    reports, seed_done = [], threading.Event()

    def heard(report) -> None:
        reports.append(report)
        if report.key.stem == SEED_SLUG and report.kind in ("done", "failed"):
            seed_done.set()

    limit = 10.0  # seconds without a word from the worker; a cold HTML render takes far less
    worker = RenderWorker(Project(desk, desk / "briefing.toml"), desk / "preview", heard, limit)
    worker.start()
    try:
        worker.render(Request(Key("stuck", "en"), 1, stuck, ("html",)))
        seed = desk / "content" / SEED_CONTENT.name
        worker.render(Request(Key(SEED_SLUG, "en"), 1, seed, ("html",)))
        assert seed_done.wait(180)
    finally:
        worker.stop()
    failures = [(r.key.stem, r.error) for r in reports if r.kind == "failed"]
    assert failures == [
        ("stuck", f"stopped: the render took longer than the limit of {limit:g} s per render")
    ]
    assert [r.kind for r in reports if r.key.stem == SEED_SLUG] == ["planned", "format", "done"]
