"""`make bench`, the speed targets of issue 17: each comparison on two cores and on one.

Every row sets a pipeline command against an anchor (a bare `weasyprint` on the
pipeline's own print HTML, pandoc, or the pipeline itself with other options) on the
same content. Both commands are whole processes, timed end to end with their CPU time
(user and system of the process and every child it waited for, from `os.wait4`); they
alternate within each round, so machine load affects both alike, and medians are
compared. Each comparison runs twice: with the machine's cores, and with both commands
pinned to core 0 (`taskset -c 0`), so that a result that leans on the second core shows.

    python scripts/bench_targets.py [--runs 7] [--batch-runs 3] [--docs] [--json PATH]

`--docs` rewrites the table in docs/performance.md between its bench:targets markers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_pandoc beside this file

from bench_pandoc import (
    BIN,
    ROOT,
    Sample,
    _xargs_command,
    content_sets,
    pandoc_command,
    print_html,
    timed,
)

DOC = ROOT / "docs" / "performance.md"
RESULTS = ROOT / ".bench" / "targets.json"
PINNED = ["taskset", "-c", "0"]


@dataclass
class Series:
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(sample.seconds for sample in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(sample.cpu for sample in self.samples)


@dataclass(frozen=True)
class Comparison:
    """One row of the issue's table: `ours` against `anchor`, judged by `verdict`."""

    work: str
    ours: Callable[[Path], list]
    anchor: Callable[[Path], list]
    metric: str
    """`wall`, `cpu` (ratios of medians) or `cpu-extra` (ours minus anchor, seconds)."""
    limit: float
    target: str
    batch: bool = False
    cores: tuple[int, ...] = (2, 1)


def comparisons(work: Path) -> list[Comparison]:
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    briefing = str(BIN / "briefing")
    sets = content_sets(work)
    (seed,) = sets["seed note"]
    batch = next(paths for name, paths in sets.items() if name.startswith("batch"))
    markdown = seed.with_suffix(".md")
    html = work / "seed.print.html"
    base_url = print_html(seed, html)
    jobs = work / "batch-jobs.txt"
    jobs.write_text(
        "".join(
            "\0".join(pandoc_command(pandoc, path.with_suffix(".md"), work / "out", fmt)) + "\0\0"
            for path in batch
            for fmt in ("html", "docx", "pdf")
        )
    )

    def build(*options: str, sources: list[Path] = [seed]) -> Callable[[Path], list]:  # noqa: B006
        return lambda out: [
            briefing,
            "-q",
            "build",
            *options,
            *map(str, sources),
            "--out",
            str(out),
        ]

    def bare(out: Path) -> list:
        return [
            str(BIN / "weasyprint"),
            "--base-url",
            base_url,
            "--pdf-variant",
            "pdf/ua-1",
            str(html),
            str(out / "bare.pdf"),
        ]

    return [
        Comparison(
            "seed, all three formats vs bare weasyprint on the same HTML, wall",
            build(),
            bare,
            "wall",
            1.05,
            "at most 1.05x",
        ),
        Comparison("same, CPU time (user + system)", build(), bare, "cpu", 1.25, "at most 1.25x"),
        Comparison(
            "seed, --jobs 2 vs --jobs 1, CPU time",
            build("-j", "2"),
            build("-j", "1"),
            "cpu-extra",
            0.05,
            "no extra CPU (within 0.05 s)",
            cores=(2,),
        ),
        Comparison(
            "seed, -f html vs pandoc -s to HTML, wall",
            build("-f", "html"),
            lambda out: pandoc_command(pandoc, markdown, out, "html"),
            "wall",
            2.5,
            "at most 2.5x",
        ),
        Comparison(
            "seed, -f docx vs pandoc to DOCX, wall",
            build("-f", "docx"),
            lambda out: pandoc_command(pandoc, markdown, out, "docx"),
            "wall",
            3.0,
            "at most 3x",
        ),
        Comparison(
            f"batch of {len(batch)}, all three formats, vs pandoc two at a time, wall",
            build(sources=batch),
            lambda out: _xargs_command(jobs),
            "faster",
            3.0,
            "at least 3x faster",
            batch=True,
        ),
    ]


def measure(
    comparison: Comparison, cores: int, runs: int, work: Path, env: dict[str, str]
) -> tuple[Series, Series]:
    pin = PINNED if cores == 1 else []
    ours, anchor = Series(), Series()
    out = work / "out"
    for _ in range(runs):
        for series, command in ((ours, comparison.ours), (anchor, comparison.anchor)):
            out.mkdir(exist_ok=True)
            series.samples.append(timed([*pin, *command(out)], env))
            shutil.rmtree(out)
    return ours, anchor


def judge(comparison: Comparison, ours: Series, anchor: Series) -> tuple[str, bool]:
    if comparison.metric == "wall":
        ratio = ours.wall / anchor.wall
        return f"{ratio:.2f}x", ratio <= comparison.limit
    if comparison.metric == "cpu":
        ratio = ours.cpu / anchor.cpu
        return f"{ratio:.2f}x", ratio <= comparison.limit
    if comparison.metric == "faster":
        ratio = anchor.wall / ours.wall
        return f"{ratio:.2f}x faster", ratio >= comparison.limit
    extra = ours.cpu - anchor.cpu
    return f"{extra:+.2f} s", extra <= comparison.limit


def run(runs: int, batch_runs: int, only: str = "") -> list[dict]:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1795766400",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # pandoc finds weasyprint
    }
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-targets-"))
    env["BRIEFING_PROJECT"] = str(work)
    rows = []
    try:
        for comparison in comparisons(work):
            if only and only not in comparison.work:
                continue
            for cores in comparison.cores:
                rounds = batch_runs if comparison.batch else runs
                ours, anchor = measure(comparison, cores, rounds, work, env)
                figure, met = judge(comparison, ours, anchor)
                rows.append(
                    {
                        "work": comparison.work,
                        "cores": cores,
                        "rounds": rounds,
                        "ours_wall": ours.wall,
                        "ours_cpu": ours.cpu,
                        "anchor_wall": anchor.wall,
                        "anchor_cpu": anchor.cpu,
                        "figure": figure,
                        "target": comparison.target,
                        "met": met,
                        "judged": cores == 2 or not comparison.batch,
                    }
                )
                print(_row(rows[-1]), file=sys.stderr)
    finally:
        shutil.rmtree(work)
    return rows


def _row(row: dict) -> str:
    met = ("met" if row["met"] else "NOT met") if row["judged"] else "(not judged)"
    return (
        f"| {row['work']} | {row['cores']} | {row['ours_wall']:.2f} / {row['ours_cpu']:.2f}"
        f" | {row['anchor_wall']:.2f} / {row['anchor_cpu']:.2f} | {row['figure']}"
        f" | {row['target']} | {met} |"
    )


def table(rows: list[dict]) -> list[str]:
    return [
        "| work | cores | pipeline s (wall / CPU) | anchor s (wall / CPU) | figure | target | |",
        "|---|---|---|---|---|---|---|",
        *map(_row, rows),
    ]


def header(runs: int, batch_runs: int) -> str:
    load = os.getloadavg()[0]
    return (
        f"Speed targets (issue 17): medians of {runs} alternating rounds ({batch_runs} for the"
        f" batch), whole processes, CPU = user + system of the process and its children;"
        f" cores 1 = both commands pinned to core 0 (`taskset -c 0`). The batch row is judged"
        f" on 2 cores only. Load average when the run ended: {load:.1f}."
    )


def write_docs(lines: list[str]) -> None:
    start, end = "<!-- bench:targets:start -->", "<!-- bench:targets:end -->"
    text = DOC.read_text(encoding="utf-8")
    block = "\n".join([start, *lines, end])
    if start not in text:
        raise SystemExit(f"{DOC} has no {start} marker")
    DOC.write_text(re.sub(f"{start}.*?{end}", lambda _m: block, text, flags=re.S), encoding="utf-8")


def target_rows(
    runs: int, batch_runs: int, only: str = "", docs: bool = False, json_path: Path = RESULTS
) -> list[dict]:
    """Measure, print the table, keep the figures in `json_path` (and docs/performance.md)."""
    rows = run(runs, batch_runs, only)
    lines = [header(runs, batch_runs), "", *table(rows)]
    print("\n" + "\n".join(lines))
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if docs:
        write_docs(lines)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds per single-note row")
    parser.add_argument("--batch-runs", type=int, default=3, help="rounds of the batch row")
    parser.add_argument("--docs", action="store_true", help="update docs/performance.md")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where the figures go")
    parser.add_argument("--only", default="", help="only the rows whose work contains this")
    arguments = parser.parse_args()
    target_rows(
        arguments.runs, arguments.batch_runs, arguments.only, arguments.docs, arguments.json
    )


if __name__ == "__main__":
    main()
