"""`make bench`: wall times of whole commands for the bundled content, as a table.

Each command runs several times, alternating, and the median is reported, so
the ratios compare runs made under the same machine load. Targets come from
the foundation issue: all three formats within 1.2x a bare WeasyPrint run of
the same HTML, and `briefing --help` under 0.3 s. Then briefing packs, then the
comparison with pandoc (scripts/bench_pandoc.py, which also writes .bench/pandoc.json).
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
    pack_rows(runs, env)
    from bench_pandoc import pandoc_rows  # scripts/ is on the path: this file's folder

    pandoc_rows(min(runs, 3))


# --- Briefing packs (issue 5): full pack, no-op rebuild, --jobs 1 vs 2 on a batch ----------

BATCH_SIZE = 20


def pack_rows(runs: int, env: dict[str, str]) -> None:
    """Wall times of `briefing pack`: the seed pack cold and unchanged, and a batch by jobs."""
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-pack-"))
    try:
        samples = _pack_samples(work, min(runs, 5), env)
    finally:
        shutil.rmtree(work)
    median = {name: statistics.median(values) for name, values in samples.items()}
    one, two = (
        median[f"batch of {BATCH_SIZE}, --jobs 1"],
        median[f"batch of {BATCH_SIZE}, --jobs 2"],
    )
    targets = {
        "seed pack, nothing changed": ("< 0.500 s", median["seed pack, nothing changed"] < 0.5),
        f"batch of {BATCH_SIZE}, --jobs 2": (f"{one / two:.2f}x; >= 1.6x", one / two >= 1.6),
    }
    print(
        f"\nbriefing pack (en, ru, ky, ko for the seed; en for the batch of {BATCH_SIZE} copies; "
        "pdf+docx+html); median wall time of the whole process.\n"
    )
    print(f"| {'pack':<36} | {'median s':>8} | {'min s':>6} | {'target':<16} | met |")
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 8}|{'-' * 18}|-----|")
    for name, values in samples.items():
        target, met = targets.get(name, ("", None))
        flag = "" if met is None else ("yes" if met else "NO")
        print(
            f"| {name:<36} | {median[name]:8.3f} | {min(values):6.3f} | {target:<16} | {flag:<3} |"
        )


def _pack_samples(work: Path, runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    briefing = str(BIN / "briefing")
    seed_pack = [briefing, "-q", "pack", str(SEED), "-l", "en,ru,ky,ko"]
    batch = _batch(work / "batch", BATCH_SIZE)
    samples: dict[str, list[float]] = {
        "seed pack, cold cache": [],
        "seed pack, nothing changed": [],
        f"batch of {BATCH_SIZE}, --jobs 1": [],
        f"batch of {BATCH_SIZE}, --jobs 2": [],
    }
    for run in range(runs):  # a fresh packs folder each time: nothing cached
        cold = work / f"seed-{run}"
        samples["seed pack, cold cache"].append(timed([*seed_pack, "--out", str(cold)], env))
        samples["seed pack, nothing changed"].append(timed([*seed_pack, "--out", str(cold)], env))
        for jobs in (1, 2):
            out = work / f"batch-{jobs}-{run}"
            command = [briefing, "-q", "pack", str(batch), "-l", "en", "-j", str(jobs)]
            samples[f"batch of {BATCH_SIZE}, --jobs {jobs}"].append(
                timed([*command, "--out", str(out)], env)
            )
            shutil.rmtree(out)
    return samples


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
