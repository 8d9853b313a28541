"""`make bench`: wall times of whole commands for the bundled content, as a table.

Each command runs several times, alternating, and the median is reported, so
the ratios compare runs made under the same machine load. Targets come from
the foundation issue: all three formats within 1.2x a bare WeasyPrint run of
the same HTML, and `briefing --help` under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = ROOT / "content" / "kabar-korea-ambassador-interview.yaml"


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median reported)")
    runs = parser.parse_args().runs

    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795766400"}
    briefing = str(BIN / "briefing")
    subprocess.run(
        [briefing, "-q", "html", str(SEED), "--out", str(work / "html")], check=True, env=env
    )
    html = work / "html" / "en" / f"{SEED.stem}.html"

    commands = {
        "briefing build (pdf+docx+html)": [
            briefing,
            "-q",
            "build",
            str(SEED),
            "--out",
            str(work / "a"),
        ],
        "briefing build -j 1 (one process)": [
            briefing,
            "-q",
            "build",
            "-j",
            "1",
            str(SEED),
            "--out",
            str(work / "b"),
        ],
        "briefing pdf": [briefing, "-q", "pdf", str(SEED), "--out", str(work / "c")],
        "weasyprint note.html (bare)": [str(BIN / "weasyprint"), str(html), str(work / "bare.pdf")],
        "briefing --help": [briefing, "--help"],
        "briefing validate": [briefing, "validate", str(SEED)],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # interleaved: load affects all alike
            samples[name].append(timed(command, env))
    shutil.rmtree(work)

    median = {name: statistics.median(values) for name, values in samples.items()}
    bare = median["weasyprint note.html (bare)"]
    targets = {
        "briefing build (pdf+docx+html)": (
            "<= 1.20x bare",
            median["briefing build (pdf+docx+html)"] / bare <= 1.2,
        ),
        "briefing --help": ("< 0.300 s", median["briefing --help"] < 0.3),
    }
    print(
        f"Seed note, {runs} runs each, {os.cpu_count()} cores; median wall time of the whole process.\n"
    )
    print(
        f"| {'command':<36} | {'median s':>8} | {'min s':>6} | {'x bare':>6} | {'target':<14} | met |"
    )
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 8}|{'-' * 8}|{'-' * 16}|-----|")
    for name, values in samples.items():
        target, met = targets.get(name, ("", None))
        flag = "" if met is None else ("yes" if met else "NO")
        print(
            f"| {name:<36} | {median[name]:8.3f} | {min(values):6.3f} | {median[name] / bare:6.2f} "
            f"| {target:<14} | {flag:<3} |"
        )


if __name__ == "__main__":
    main()
