"""`make bench`: wall and CPU times of whole commands for the bundled content, as tables.

Each command runs several times, alternating, and the median is reported, so
the ratios compare runs made under the same machine load; CPU time is user plus
system of the process and the children it waited for (`os.wait4`). Every table
runs twice: with the machine's cores, and with each command pinned to core 0
(`taskset -c 0`). Targets come from the foundation issue: all three formats within
1.2x a bare WeasyPrint run of the same HTML, and `briefing --help` under 0.3 s.
Then briefing packs, then the speed targets of issue 17 (scripts/bench_targets.py),
then the comparison with pandoc (scripts/bench_pandoc.py, which also writes
.bench/pandoc.json).
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


PINNED = ["taskset", "-c", "0"]
CORES = (2, 1)


def timed(command: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall seconds of `command`; its CPU seconds (children included) go to `cpu`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), command)
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    return time.perf_counter() - started


def pinned(command: list[str], cores: int) -> list[str]:
    return [*PINNED, *command] if cores == 1 else command


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
    for cores in CORES:
        seed_rows(commands, runs, env, cores)
    shutil.rmtree(work)
    for cores in CORES:
        pack_rows(runs, env, cores)
    from bench_pandoc import pandoc_rows  # scripts/ is on the path: this file's folder
    from bench_targets import target_rows

    target_rows(min(runs, 5), 3)
    pandoc_rows(min(runs, 3))


def seed_rows(commands: dict[str, list[str]], runs: int, env: dict[str, str], cores: int) -> None:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # interleaved: load affects all alike
            samples[name].append(timed(pinned(command, cores), env, cpu[name]))
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
        f"\nSeed note, {runs} runs each, {_cores(cores)}; median wall time and CPU time"
        " of the whole process.\n"
    )
    print(
        f"| {'command':<36} | {'median s':>8} | {'min s':>6} | {'CPU s':>6} | {'x bare':>6}"
        f" | {'target':<14} | met |"
    )
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 8}|{'-' * 8}|{'-' * 8}|{'-' * 16}|-----|")
    for name, values in samples.items():
        target, met = targets.get(name, ("", None))
        flag = "" if met is None else ("yes" if met else "NO")
        print(
            f"| {name:<36} | {median[name]:8.3f} | {min(values):6.3f} |"
            f" {statistics.median(cpu[name]):6.2f} | {median[name] / bare:6.2f} "
            f"| {target:<14} | {flag:<3} |"
        )


def _cores(cores: int) -> str:
    return "pinned to one core (taskset -c 0)" if cores == 1 else f"{os.cpu_count()} cores"


# --- Briefing packs (issue 5): full pack, no-op rebuild, --jobs 1 vs 2 on a batch ----------

BATCH_SIZE = 20


def pack_rows(runs: int, env: dict[str, str], cores: int) -> None:
    """Wall and CPU times of `briefing pack`: the seed pack cold and unchanged, a batch by jobs."""
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-pack-"))
    try:
        samples, cpu = _pack_samples(work, min(runs, 5), env, cores)
    finally:
        shutil.rmtree(work)
    median = {name: statistics.median(values) for name, values in samples.items()}
    one, two = (
        median[f"batch of {BATCH_SIZE}, --jobs 1"],
        median[f"batch of {BATCH_SIZE}, --jobs 2"],
    )
    targets = {
        "seed pack, nothing changed": ("< 0.500 s", median["seed pack, nothing changed"] < 0.5),
    }
    if cores > 1:  # pinned to one core, two jobs cannot be faster than one
        targets[f"batch of {BATCH_SIZE}, --jobs 2"] = (
            f"{one / two:.2f}x; >= 1.6x",
            one / two >= 1.6,
        )
    print(
        f"\nbriefing pack (en, ru, ky, ko for the seed; en for the batch of {BATCH_SIZE} copies; "
        f"pdf+docx+html), {_cores(cores)}; median wall time and CPU time of the whole process.\n"
    )
    print(
        f"| {'pack':<36} | {'median s':>8} | {'min s':>6} | {'CPU s':>6} | {'target':<16} | met |"
    )
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 8}|{'-' * 8}|{'-' * 18}|-----|")
    for name, values in samples.items():
        target, met = targets.get(name, ("", None))
        flag = "" if met is None else ("yes" if met else "NO")
        print(
            f"| {name:<36} | {median[name]:8.3f} | {min(values):6.3f} |"
            f" {statistics.median(cpu[name]):6.2f} | {target:<16} | {flag:<3} |"
        )


def _pack_samples(
    work: Path, runs: int, env: dict[str, str], cores: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    briefing = str(BIN / "briefing")
    seed_pack = [briefing, "-q", "pack", str(SEED), "-l", "en,ru,ky,ko"]
    batch = _batch(work / "batch", BATCH_SIZE)
    names = [
        "seed pack, cold cache",
        "seed pack, nothing changed",
        f"batch of {BATCH_SIZE}, --jobs 1",
        f"batch of {BATCH_SIZE}, --jobs 2",
    ]
    samples: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}

    def run(name: str, command: list[str]) -> None:
        samples[name].append(timed(pinned(command, cores), env, cpu[name]))

    for run_number in range(runs):  # a fresh packs folder each time: nothing cached
        cold = work / f"seed-{run_number}"
        run("seed pack, cold cache", [*seed_pack, "--out", str(cold)])
        run("seed pack, nothing changed", [*seed_pack, "--out", str(cold)])
        for jobs in (1, 2):
            out = work / f"batch-{jobs}-{run_number}"
            command = [briefing, "-q", "pack", str(batch), "-l", "en", "-j", str(jobs)]
            run(f"batch of {BATCH_SIZE}, --jobs {jobs}", [*command, "--out", str(out)])
            shutil.rmtree(out)
    return samples, cpu


def _batch(folder: Path, count: int) -> Path:
    """`count` copies of the seed under distinct slugs."""
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    for number in range(1, count + 1):
        slug = f"batch-interview-{number:02d}"
        copy = text.replace(f"slug: {SEED.stem}", f"slug: {slug}", 1)
        (folder / f"{slug}.yaml").write_text(copy, encoding="utf-8")
    return folder


if __name__ == "__main__":
    main()
