"""`make bench`, the speed targets of issue 17: each comparison on two cores and on one.

Every row sets a pipeline command against an anchor (a bare `weasyprint` on the
pipeline's own print HTML, pandoc, or the pipeline itself with other options) on the
same content. Both commands are whole processes, timed end to end with their CPU time
(user and system of the process and every child it waited for, from `os.wait4`); they
alternate within each round, so machine load affects both alike, and medians are
compared. Each comparison runs twice: with the machine's cores, and with both commands
pinned to core 0 (`taskset -c 0`), so that a result that leans on the second core shows.

    python scripts/bench_targets.py [--runs 7] [--batch-runs 3] [--docs] [--json PATH]

`--baseline DIR` (a folder with an older `pipeline` package, e.g. from `git archive`)
adds its figures, measured in the same rounds; `--before JSON` instead shows beside
each row the figures of an earlier run (the JSON it wrote), measured then. `--docs`
rewrites the table in docs/performance.md between its bench:targets markers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
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

    all_three = build()
    return [
        Comparison(
            "seed, all three formats vs bare weasyprint on the same HTML, wall",
            all_three,
            bare,
            "wall",
            1.05,
            "at most 1.05x",
        ),
        # The same runs as the row above (`measure` reuses them), judged by CPU time.
        Comparison("same, CPU time (user + system)", all_three, bare, "cpu", 1.25, "at most 1.25x"),
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
    comparison: Comparison,
    cores: int,
    runs: int,
    work: Path,
    env: dict[str, str],
    baseline: dict[str, str] | None = None,
) -> tuple[Series, Series, Series | None, Series | None]:
    """Both commands, alternating; with `baseline` (the environment of an older pipeline),
    the pipeline's commands again under it, in the same rounds."""
    pin = PINNED if cores == 1 else []
    ours, anchor = Series(), Series()
    old_ours = Series() if baseline else None
    anchor_is_ours = comparison.anchor(work)[0] == str(BIN / "briefing")
    old_anchor = (Series() if anchor_is_ours else anchor) if baseline else None
    plan = [(ours, comparison.ours, env), (anchor, comparison.anchor, env)]
    if baseline and old_ours is not None:
        plan.append((old_ours, comparison.ours, baseline))
        if anchor_is_ours and old_anchor is not None:
            plan.append((old_anchor, comparison.anchor, baseline))
    out = work / "out"
    for _ in range(runs):
        for series, command, environment in plan:
            out.mkdir(exist_ok=True)
            series.samples.append(timed([*pin, *command(out)], environment))
            shutil.rmtree(out)
    return ours, anchor, old_ours, old_anchor


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


def run(
    runs: int,
    batch_runs: int,
    only: str = "",
    baseline: Path | None = None,
    batch_cores: tuple[int, ...] = (2, 1),
) -> list[dict]:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1795766400",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # pandoc finds weasyprint
    }
    # An installed tool runs from compiled bytecode (pip compiles at install); an environment
    # that forbids writing it would time Python compiling the pipeline's source in every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for package in [ROOT / "pipeline", *([baseline] if baseline else [])]:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=False
        )
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-targets-"))
    env["BRIEFING_PROJECT"] = str(work)
    old = {**env, "PYTHONPATH": str(baseline)} if baseline else None
    measured: dict[tuple, tuple] = {}
    rows = []
    try:
        for comparison in comparisons(work):
            if only and only not in comparison.work:
                continue
            for cores in comparison.cores:
                rounds = batch_runs if comparison.batch else runs
                if cores not in batch_cores and comparison.batch:
                    continue
                key = (comparison.ours, comparison.anchor, cores)
                if key not in measured:
                    measured[key] = measure(comparison, cores, rounds, work, env, old)
                ours, anchor, old_ours, old_anchor = measured[key]
                figure, met = judge(comparison, ours, anchor)
                before = {}
                if old_ours is not None and old_anchor is not None:
                    before = {
                        "before_wall": old_ours.wall,
                        "before_cpu": old_ours.cpu,
                        "before_figure": judge(comparison, old_ours, old_anchor)[0],
                    }
                rows.append(
                    {
                        **before,
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


def with_earlier(rows: list[dict], earlier: list[dict]) -> list[dict]:
    """`rows` with the wall, CPU and figure of the same row (work and cores) of `earlier`."""
    by_row = {(row["work"], row["cores"]): row for row in earlier}
    combined = []
    for row in rows:
        old = by_row.get((row["work"], row["cores"]))
        before = (
            {
                "before_wall": old["ours_wall"],
                "before_cpu": old["ours_cpu"],
                "before_figure": old["figure"],
            }
            if old
            else {"before_wall": float("nan"), "before_cpu": float("nan"), "before_figure": "-"}
        )
        combined.append({**before, **row})
    return combined


def _row(row: dict) -> str:
    met = ("met" if row["met"] else "NOT met") if row["judged"] else "(not judged)"
    before = (
        f" | {row['before_wall']:.2f} / {row['before_cpu']:.2f}, {row['before_figure']}"
        if "before_figure" in row
        else ""
    )
    return (
        f"| {row['work']} | {row['cores']}{before} | {row['ours_wall']:.2f} / {row['ours_cpu']:.2f}"
        f" | {row['anchor_wall']:.2f} / {row['anchor_cpu']:.2f} | {row['figure']}"
        f" | {row['target']} | {met} |"
    )


def table(rows: list[dict]) -> list[str]:
    before = " before (s wall / CPU, figure) |" if rows and "before_figure" in rows[0] else ""
    return [
        f"| work | cores |{before} pipeline s (wall / CPU) | anchor s (wall / CPU) | figure"
        " | target | |",
        "|---|---|" + ("---|" if before else "") + "---|---|---|---|---|",
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
    runs: int,
    batch_runs: int,
    only: str = "",
    docs: bool = False,
    json_path: Path = RESULTS,
    baseline: Path | None = None,
    batch_cores: tuple[int, ...] = (2, 1),
    before: Path | None = None,
) -> list[dict]:
    """Measure, print the table, keep the figures in `json_path` (and docs/performance.md)."""
    rows = run(runs, batch_runs, only, baseline, batch_cores)
    shown = with_earlier(rows, json.loads(before.read_text(encoding="utf-8"))) if before else rows
    lines = [header(runs, batch_runs), "", *table(shown)]
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
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a folder holding an older `pipeline` package: its figures too, in the same rounds",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="the JSON of an earlier run: its figures beside each row (measured then)",
    )
    parser.add_argument(
        "--batch-cores",
        default="2,1",
        help="the core counts of the batch row (judged on 2; pinned to 1 it takes long)",
    )
    arguments = parser.parse_args()
    target_rows(
        arguments.runs,
        arguments.batch_runs,
        arguments.only,
        arguments.docs,
        arguments.json,
        arguments.baseline,
        tuple(int(cores) for cores in arguments.batch_cores.split(",")),
        arguments.before,
    )


if __name__ == "__main__":
    main()
