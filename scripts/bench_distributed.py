"""`make bench`, second table: a batch build locally and through a two-worker Dask LocalCluster.

On one machine both use the same two cores, so similar times are the expected
result; the point is that the seam works at full size. The per-render cost it
prints is the input of the estimate in docs/distributed.md.
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

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = ROOT / "content" / "kabar-korea-ambassador-interview.yaml"


def make_batch(folder: Path, count: int) -> Path:
    """`count` copies of the seed with distinct slugs: a batch the size of a morning."""
    content = folder / "content"
    content.mkdir(parents=True)
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    for number in range(count):
        data["slug"] = f"note-{number:03d}"
        (content / f"{data['slug']}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
    return content


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795766400"},
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    try:
        from distributed import LocalCluster
    except ImportError:
        print("Dask is not installed (pip install '.[dask]'); skipping the distributed table.")
        return

    work = Path(tempfile.mkdtemp(prefix="briefing-bench-dask-"))
    content = make_batch(work, arguments.notes)
    briefing = str(BIN / "briefing")
    outputs = arguments.notes * 3
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as cluster:
        engine = cluster.scheduler_address.replace("tcp://", "dask://")
        commands = {
            "build --jobs 2 (local process pool)": [
                briefing,
                "-q",
                "build",
                str(content),
                "-j",
                "2",
                "--out",
                str(work / "a"),
            ],
            "build --executor dask:// (2 workers)": [
                briefing,
                "-q",
                "build",
                str(content),
                "--executor",
                engine,
                "--out",
                str(work / "b"),
            ],
            "build --jobs 1 (one process)": [
                briefing,
                "-q",
                "build",
                str(content),
                "-j",
                "1",
                "--out",
                str(work / "c"),
            ],
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(arguments.runs):
            for name, command in commands.items():
                samples[name].append(timed(command))
    shutil.rmtree(work)

    print(
        f"\nBatch of {arguments.notes} notes x 3 formats = {outputs} outputs, {arguments.runs} runs each.\n"
    )
    print(f"| {'command':<38} | {'median s':>8} | {'s per output':>12} |")
    print(f"|{'-' * 40}|{'-' * 10}|{'-' * 14}|")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"| {name:<38} | {median:8.2f} | {median / outputs:12.3f} |")
    serial = statistics.median(samples["build --jobs 1 (one process)"])
    print(
        f"\nOne core renders a note (PDF, DOCX and HTML) in about {serial / arguments.notes:.2f} s;"
        " see docs/distributed.md for what that means for an archive."
    )


if __name__ == "__main__":
    main()
