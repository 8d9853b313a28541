"""`make bench`: how soon `briefing serve` shows a one-paragraph edit, beside a cold build.

The preview's own parts run as the server runs them (the file watcher, the warm render
worker, the PDF's pages drawn by PDFium), without the browser: each time is from the
moment the content file is saved to the moment the new HTML file, or the new PDF and
all its page images, are written and the page is told. The worker is warmed by a first
render and one edit; then each of the measured edits appends a sentence to one answer
paragraph. Beside them: a cold `briefing build -f <format>` of the same note, the
alternative an editor has without the preview. Targets (issue 16): PDF under 0.5 s,
HTML under 0.15 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402 -- the dev extra's, as the preview's tests use it

from pipeline.project import Project  # noqa: E402 -- after the checkout is on the path
from pipeline.serve import server  # noqa: E402
from pipeline.serve.notes import Key, Notes  # noqa: E402
from pipeline.serve.worker import Report  # noqa: E402

SEED = ROOT / "content" / "kabar-korea-ambassador-interview.yaml"
PARAGRAPH_END = "in particular with Kyrgyzstan.\n"
COLD = ("html", "pdf")
TARGETS = {"html": 0.15, "first-page": 0.5}
ROWS = {
    "html": ("html", "the new HTML written"),
    "first-page": ("pdf", "the edited page's new image"),
    "pdf": ("pdf", "the new PDF written"),
    "pdf-pages": ("pdf", "... and every page image"),
}
EPOCH = "1795766400"


class Stopwatch:
    """Times from a save to the reports of the render it causes: wall time, and the render
    worker's CPU time (what the render costs whatever else the machine is doing)."""

    def __init__(self) -> None:
        self.saved = 0.0
        self.times: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.worker: psutil.Process | None = None
        self.cpu_at_save = 0.0
        self.done = threading.Event()
        self.failure: str | None = None
        self.first_pages: set[int] = set()
        """The page drawn first after each edit: the first one the edit can change."""

    def report(self, report: Report) -> None:
        if report.kind == "format" and report.format in COLD and report.error is None:
            self._lap(report.format)
        if report.kind == "page":
            self._lap("first-page")
            self.first_pages.add(report.page)
        if report.kind == "pages":
            self._lap("pdf-pages")
        if report.error:
            self.failure = report.error
        if report.kind in ("done", "failed"):
            self.done.set()

    def _lap(self, row: str) -> None:
        self.times[row] = time.perf_counter() - self.saved
        self.cpu[row] = self._worker_cpu() - self.cpu_at_save

    def _worker_cpu(self) -> float:
        if self.worker is None:
            return 0.0
        times = self.worker.cpu_times()
        return times.user + times.system

    def save(self, path: Path, text: str) -> None:
        self.times, self.cpu, self.failure = {}, {}, None
        self.first_pages.clear()
        self.done.clear()
        self.cpu_at_save = self._worker_cpu()
        self.saved = time.perf_counter()
        path.write_text(text, encoding="utf-8")

    def wait(self) -> tuple[dict[str, float], dict[str, float]]:
        if not self.done.wait(300):
            raise SystemExit("the preview did not render the edit within 300 s")
        if self.failure:
            raise SystemExit(f"the preview failed: {self.failure}")
        return dict(self.times), dict(self.cpu)


def warm_times(
    desk: Path, runs: int
) -> tuple[dict[str, list[float]], dict[str, list[float]], set[int]]:
    """The wall and worker CPU times of each row, and the pages drawn first (the edit is
    on page 2)."""
    project = Project(desk, desk / "briefing.toml")
    notes = Notes(project, (), ("en",))
    watch = Stopwatch()
    previewer = server.start_previewer(
        project, notes, with_docx_pages=False, on_report=watch.report
    )
    stop = threading.Event()
    path = desk / "content" / SEED.name
    measured: dict[str, list[float]] = {name: [] for name in ROWS}
    cpu: dict[str, list[float]] = {name: [] for name in ROWS}
    first_pages: set[int] = set()
    try:
        with server._watching(previewer, stop):
            time.sleep(0.5)  # the watcher is listening
            watch.done.clear()
            watch.worker = psutil.Process(previewer.worker.pid)
            previewer.render(Key(path.stem, "en"))  # the first render: imports, fonts, templates
            watch.wait()
            ending = PARAGRAPH_END
            for edit in range(runs + 1):
                text = path.read_text(encoding="utf-8")
                watch.save(path, text.replace(ending, f"{ending[:-1]} Edit {edit}.\n", 1))
                ending = f"Edit {edit}.\n"
                times, cpu_times = watch.wait()
                if edit:  # the first edit warms what only a re-render uses
                    first_pages |= watch.first_pages
                    for name in ROWS:
                        measured[name].append(times[name])
                        cpu[name].append(cpu_times[name])
    finally:
        stop.set()
        previewer.stop()
    return measured, cpu, first_pages


def cold_times(desk: Path, runs: int) -> dict[str, list[float]]:
    briefing = str(Path(sys.executable).parent / "briefing")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("BRIEFING_PROJECT", None)
    measured: dict[str, list[float]] = {name: [] for name in COLD}
    for _ in range(runs):
        for name in COLD:
            command = [briefing, "--project", str(desk), "-q", "build", "-f", name, "-j", "1"]
            command += ["--out", str(desk / "cold")]
            started = time.perf_counter()
            subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
            measured[name].append(time.perf_counter() - started)
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="edits and builds (median reported)")
    runs = parser.parse_args().runs
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    desk = Path(tempfile.mkdtemp(prefix="briefing-bench-serve-"))
    try:
        (desk / "content").mkdir()
        shutil.copy(SEED, desk / "content" / SEED.name)
        (desk / "briefing.toml").touch()
        warm, warm_cpu, first_pages = warm_times(desk, runs)
        cold = cold_times(desk, runs)
    finally:
        shutil.rmtree(desk, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"\nbriefing serve: a one-paragraph edit shown, median of {runs} (load {load:.1f})")
    print(
        f"| {'from the save to':<40} | {'warm s':>6} | {'worker CPU s':>12} "
        f"| {'cold build s':>12} | target | met |"
    )
    print(f"|{'-' * 42}|{'-' * 8}|{'-' * 14}|{'-' * 14}|--------|-----|")
    for row, (name, what) in ROWS.items():
        shown, built = statistics.median(warm[row]), statistics.median(cold[name])
        target = TARGETS.get(row)
        goal = f"< {target:<4}" if target else " " * 6
        met = ("yes" if shown < target else "no") if target else ""
        spent = statistics.median(warm_cpu[row])
        print(f"| {what:<40} | {shown:6.3f} | {spent:12.3f} | {built:12.3f} | {goal} | {met:<3} |")
    print("(warm: the file watcher, the warm worker, PDFium; cold: briefing build -f <format>;")
    print(" worker CPU: the render worker's own, from the save, what a quiet machine's wall")
    print(" time comes near, plus the watcher's 10-20 ms)")
    print(f"(the page drawn first after each edit, the edited one: {sorted(first_pages)})")


if __name__ == "__main__":
    main()
