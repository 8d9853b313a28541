"""`make bench`, last section: the pipeline against pandoc on the same content.

What users would otherwise run is pandoc, once per note and format, on a Markdown
version of the same interview: HTML (`-s`), DOCX, and PDF through
`--pdf-engine=weasyprint` (the same WeasyPrint the pipeline uses). Three content
sizes: the seed note, one note holding the seed's turns 50 times over, and a batch of
20 notes (copies of the seed under distinct slugs). Every command is a whole process,
timed end to end; commands alternate within each round so machine load affects all
alike; medians are reported, with the peak resident memory of the largest process
(pandoc's WeasyPrint child included).

The pipeline builds all three formats in one `briefing build` (its default: one worker
per core); pandoc needs three commands per note. pandoc is timed one note at a time,
as a shell loop runs it, and two at a time (`xargs -P 2`, as many as there are cores).

Targets (issue 6): on the batch, the pipeline at least 3x faster than pandoc for all
three formats together; on the 50x note, the pipeline's PDF within 1.1x of a bare
`weasyprint` run on the same print HTML (with the same PDF/UA-1 variant).

    python scripts/bench_pandoc.py [--runs 3] [--docs]

`--docs` rewrites the table in docs/performance.md and the chart docs/performance.png.
Results also go to .bench/pandoc.json.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = ROOT / "content" / "kabar-korea-ambassador-interview.yaml"
RESULTS = ROOT / ".bench" / "pandoc.json"
DOC = ROOT / "docs" / "performance.md"
CHART = ROOT / "docs" / "performance.png"
BATCH = 20
REPEAT = 50
FORMATS = ("html", "docx", "pdf")


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak(self) -> float:
        return max(self.peak_mib)


@dataclass(frozen=True)
class Sample:
    seconds: float
    cpu: float
    """User and system CPU seconds of the whole process tree: barely moved by other load."""
    peak_mib: float


def run_many(commands: list[list[str]], env: dict[str, str]) -> Sample:
    """A shell loop: the commands one after another, timed as a whole."""
    started = time.perf_counter()
    samples = [timed(command, env) for command in commands]
    return Sample(
        time.perf_counter() - started,
        sum(sample.cpu for sample in samples),
        max(sample.peak_mib for sample in samples),
    )


def timed(command: list[str], env: dict[str, str]) -> Sample:
    """Wall time, CPU time and peak memory of one command (its waited-for children included)."""
    started = time.perf_counter()
    # pandoc writes its temporary HTML into the working folder: keep that out of the project.
    process = subprocess.Popen(
        command,
        cwd=tempfile.gettempdir(),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stderr = process.stderr.read()
    process.stderr.close()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr.decode()}")
    # ru_maxrss (KiB) is the largest of the process and its children, not their sum.
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


# --- The content, in both shapes ------------------------------------------------------------


def _seed() -> dict:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


def content_sets(work: Path) -> dict[str, list[Path]]:
    """name -> the content files of that set (YAML for the pipeline, Markdown beside each)."""
    sets: dict[str, list[Path]] = {}
    folder = work / "content"
    folder.mkdir(parents=True)
    (work / "briefing.toml").touch()  # a project of its own, every setting its default
    sets["seed note"] = [_write(folder, _seed())]
    long = _seed()
    long["slug"] = f"seed-x{REPEAT}"
    long["turns"] = [copy.deepcopy(turn) for _ in range(REPEAT) for turn in long["turns"]]
    sets[f"seed x{REPEAT} (1 note)"] = [_write(folder, long)]
    batch = []
    for number in range(1, BATCH + 1):
        note = _seed()
        note["slug"] = f"batch-{number:02d}"
        batch.append(_write(folder, note))
    sets[f"batch of {BATCH} notes"] = batch
    return sets


def _write(folder: Path, data: dict) -> Path:
    path = folder / f"{data['slug']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path.with_suffix(".md").write_text(to_markdown(data), encoding="utf-8")
    return path


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$])")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def to_markdown(note: dict) -> str:
    """The interview as Pandoc Markdown: the brief's sections, then the turns, as the note has."""
    meta = {
        "title": note["title"],
        "subtitle": f"Interview: {note['interviewee']['name']}, {note['interviewee']['role']},"
        f" with {note['outlet']}",
        "author": note.get("byline") or note["outlet"],
        "lang": note["language"],
        "keywords": note.get("keywords", []),
        "date": str(note.get("published") or "date not given"),
    }
    brief = note["brief"]
    lines = ["---", *(f"{key}: {json.dumps(value)}" for key, value in meta.items()), "---", ""]
    lines += ["# Summary", "", f"**Purpose.** {_md(brief['purpose'])}", "", "## Key points", ""]
    lines += [f"- {_md(point)}" for point in brief["key_points"]]
    lines += [
        "",
        "## Key figures",
        "",
        "| Figure | Value | Period | Stated by |",
        "|---|---|---|---|",
    ]
    for figure in brief["key_figures"]:
        value = f"{'about ' if figure.get('approximate') else ''}{figure['value']} {figure['unit']}"
        lines.append(
            f"| {_md(figure['label'])} | {_md(value)} | {_md(figure['period'])}"
            f" | {_md(figure['stated_by'])} |"
        )
    lines += ["", "## Organisations and programmes mentioned", ""]
    for organisation in brief["organisations"]:
        lines += [_md(organisation["name"]), f":   {_md(organisation['description'])}", ""]
    lines += ["## Follow-ups to watch", ""]
    lines += [f"- {_md(item)}" for item in brief["follow_ups"]]
    lines += ["", "# The interview", ""]
    for paragraph in note.get("intro", []):
        lines += [_md(paragraph), ""]
    for number, turn in enumerate(note["turns"], start=1):
        lines += [f"## Q{number} {_md(turn.get('topic') or '')}".rstrip(), ""]
        lines += [f"**{_md(note['interviewer'])}:** {_md(turn['question'])}", ""]
        lines += [f"**{_md(note['interviewee']['name'])}:**", ""]
        for paragraph in turn["answer"]:
            lines += [_md(paragraph), ""]
    return "\n".join(lines)


# --- The commands ---------------------------------------------------------------------------


def pandoc_command(pandoc: str, markdown: Path, out: Path, fmt: str) -> list[str]:
    target = out / f"{markdown.stem}.{fmt}"
    command = [pandoc, str(markdown), "-o", str(target)]
    if fmt == "html":
        command.insert(2, "-s")
    if fmt == "pdf":
        command[2:2] = ["-s", "--pdf-engine=weasyprint"]
    return command


def print_html(source: Path, target: Path) -> str:
    """The HTML the pipeline's PDF renderer lays out, written to `target`; returns its base URL."""
    from pipeline import clock, project
    from pipeline.content import loader as content
    from pipeline.render import RenderJob, get

    job = RenderJob(content.load(source), clock.build_time(), project.find(start=ROOT))
    prepared = get("pdf").prepare(job)
    target.write_text(prepared.html, encoding="utf-8")
    return prepared.base_url


def measure(work: Path, runs: int, env: dict[str, str]) -> dict[str, dict[str, Measure]]:
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    briefing = str(BIN / "briefing")
    results: dict[str, dict[str, Measure]] = {}
    for set_name, sources in content_sets(work).items():
        markdown = [source.with_suffix(".md") for source in sources]
        out = work / "out"
        steps: dict[str, object] = {}
        for fmt in FORMATS:
            steps[f"briefing -f {fmt}"] = [briefing, "-q", "build", "-f", fmt, *map(str, sources)]
        steps["briefing build (all three)"] = [briefing, "-q", "build", *map(str, sources)]
        for fmt in FORMATS:
            steps[f"pandoc {fmt}"] = [pandoc_command(pandoc, md, out, fmt) for md in markdown]
        steps["pandoc, all three, one at a time"] = [
            pandoc_command(pandoc, md, out, fmt) for md in markdown for fmt in FORMATS
        ]
        if len(sources) > 1:
            jobs = work / f"{set_name.split()[0]}-jobs.txt"
            jobs.write_text(
                "".join(
                    "\0".join(pandoc_command(pandoc, md, out, fmt)) + "\0\0"
                    for md in markdown
                    for fmt in FORMATS
                )
            )
            steps["pandoc, all three, 2 at a time"] = _xargs_command(jobs)
        if len(sources) == 1:
            html = work / f"{sources[0].stem}.print.html"
            base_url = print_html(sources[0], html)
            # The same HTML and the same PDF/UA-1 variant (tagging costs about a tenth more).
            steps["weasyprint, bare, same HTML"] = [
                str(BIN / "weasyprint"),
                "--base-url",
                base_url,
                "--pdf-variant",
                "pdf/ua-1",
                str(html),
                str(out / "bare.pdf"),
            ]
        measured = {name: Measure() for name in steps}
        for round_number in range(runs):
            for name, step in steps.items():
                out.mkdir(exist_ok=True)
                if step and isinstance(step[0], list):
                    sample = run_many(step, env)
                else:
                    step = [*step, "--out", str(out)] if step[0] == briefing else step
                    sample = timed(step, env)
                measured[name].seconds.append(sample.seconds)
                measured[name].cpu.append(sample.cpu)
                measured[name].peak_mib.append(sample.peak_mib)
                shutil.rmtree(out)
            print(f"  {set_name}: round {round_number + 1} of {runs} done", file=sys.stderr)
        results[set_name] = measured
    return results


def _xargs_command(jobs: Path) -> list[str]:
    """Run the NUL-separated commands of `jobs` (each ended by an empty field), two at a time."""
    script = (
        "import sys, subprocess\nfrom concurrent.futures import ThreadPoolExecutor\n"
        'fields = open(sys.argv[1]).read().split("\\0\\0")\n'
        'commands = [f.split("\\0") for f in fields if f]\n'
        "with ThreadPoolExecutor(2) as pool:\n"
        "    codes = list(pool.map(lambda c: subprocess.run(c, stdout=subprocess.DEVNULL).returncode,"
        " commands))\n"
        "sys.exit(max(codes))\n"
    )
    return [sys.executable, "-c", script, str(jobs)]


# --- Reporting ------------------------------------------------------------------------------


def table(results: dict[str, dict[str, Measure]], sizes: dict[str, int]) -> list[str]:
    rows = [
        f"| {'content':<26} | {'command':<34} | {'median s':>8} | {'min s':>6} | {'CPU s':>6} |"
        f" {'peak MiB':>8} | {'vs pipeline':>11} |",
        f"|{'-' * 28}|{'-' * 36}|{'-' * 10}|{'-' * 8}|{'-' * 8}|{'-' * 10}|{'-' * 13}|",
    ]
    for set_name, measured in results.items():
        ours = {
            "html": measured["briefing -f html"].median,
            "docx": measured["briefing -f docx"].median,
            "pdf": measured["briefing -f pdf"].median,
            "all": measured["briefing build (all three)"].median,
        }
        for name, item in measured.items():
            reference = _reference(name, ours)
            ratio = f"{item.median / reference:10.2f}x" if reference else ""
            label = (
                f"{set_name} ({sizes[set_name] // 1024:,} KB)"
                if name == next(iter(measured))
                else ""
            )
            rows.append(
                f"| {label:<26} | {name:<34} | {item.median:8.2f} | {min(item.seconds):6.2f} |"
                f" {item.median_cpu:6.2f} | {item.peak:8.0f} | {ratio:>11} |"
            )
    return rows


def _reference(name: str, ours: dict[str, float]) -> float | None:
    if name.startswith("pandoc") and "all three" in name:
        return ours["all"]
    for fmt in FORMATS:
        if name == f"pandoc {fmt}":
            return ours[fmt]
    if name.startswith("weasyprint"):
        return ours["pdf"]
    return None


def targets(results: dict[str, dict[str, Measure]]) -> list[str]:
    batch = results[f"batch of {BATCH} notes"]
    ours = batch["briefing build (all three)"].median
    loop = batch["pandoc, all three, one at a time"].median
    pair = batch["pandoc, all three, 2 at a time"].median
    cpu = (
        batch["pandoc, all three, one at a time"].median_cpu
        / batch["briefing build (all three)"].median_cpu
    )
    long = results[f"seed x{REPEAT} (1 note)"]
    pdf, bare = long["briefing -f pdf"].median, long["weasyprint, bare, same HTML"].median
    return [
        f"- Batch of {BATCH}, all three formats: pandoc one at a time takes {loop / ours:.2f}x the"
        f" pipeline's time, two at a time {pair / ours:.2f}x (target: at least 3x):"
        f" {'met' if loop / ours >= 3 else 'NOT met'} against the loop,"
        f" {'met' if pair / ours >= 3 else 'NOT met'} against two at a time. In CPU time,"
        f" pandoc uses {cpu:.2f}x the pipeline's.",
        f"- Seed x{REPEAT}, PDF: the pipeline takes {pdf / bare:.2f}x a bare `weasyprint` on the"
        f" same HTML (target: at most 1.10x): {'met' if pdf / bare <= 1.1 else 'NOT met'}.",
    ]


def chart(results: dict[str, dict[str, Measure]], sizes: dict[str, int], path: Path) -> None:
    """Median wall time per content set (ordered by size), one bar per command (Pillow only)."""
    from PIL import Image, ImageDraw, ImageFont

    series = {
        "briefing build (all three)": ("pipeline: all three formats", (31, 61, 99)),
        "pandoc, all three, one at a time": ("pandoc: all three, one at a time", (190, 70, 40)),
        "pandoc, all three, 2 at a time": ("pandoc: all three, two at a time", (225, 130, 90)),
        "briefing -f pdf": ("pipeline: PDF", (90, 140, 200)),
        "pandoc pdf": ("pandoc: PDF (WeasyPrint)", (240, 185, 150)),
        "weasyprint, bare, same HTML": ("bare weasyprint, the pipeline's HTML", (150, 150, 150)),
    }
    width, height, left, right, top, bottom = 960, 600, 70, 20, 90, 95
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font = ImageFont.truetype(str(font_path), 14) if font_path.exists() else None
    order = sorted(results, key=lambda name: sizes[name])
    highest = max(m.median for measured in results.values() for m in measured.values())
    scale = (height - top - bottom) / (highest * 1.1)
    base = height - bottom
    step = next(s for s in (1, 2, 5, 10, 20, 50) if highest / s <= 8)
    for tick in range(0, int(highest * 1.1) + 1, step):
        y = base - tick * scale
        draw.line([left, y, width - right, y], fill=(228, 228, 228))
        draw.text((left - 8, y), f"{tick} s", fill="black", font=font, anchor="rm")
    group = (width - left - right) / len(order)
    bar = group * 0.8 / len(series)
    for index, name in enumerate(order):
        x = left + index * group + group * 0.1
        for key, (_label, colour) in series.items():
            if key in results[name]:
                value = results[name][key].median
                draw.rectangle([x, base - value * scale, x + bar - 3, base], fill=colour)
                draw.text(
                    (x + bar / 2 - 1, base - value * scale - 3),
                    f"{value:.1f}",
                    fill="black",
                    font=font,
                    anchor="mb",
                )
            x += bar
        centre = left + index * group + group / 2
        draw.text((centre, base + 10), name, fill="black", font=font, anchor="mt")
        draw.text(
            (centre, base + 30),
            f"{sizes[name] / 1024:,.0f} KB of content",
            fill=(90, 90, 90),
            font=font,
            anchor="mt",
        )
    draw.line([left, base, width - right, base], fill="black")
    for index, (_key, (label, colour)) in enumerate(series.items()):
        lx, ly = left + (index % 3) * 300, 14 + (index // 3) * 22
        draw.rectangle([lx, ly + 2, lx + 14, ly + 14], fill=colour)
        draw.text((lx + 20, ly), label, fill="black", font=font)
    draw.text(
        (width / 2, height - 8),
        "median wall time (s) by content, smallest to largest",
        fill="black",
        font=font,
        anchor="mb",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


def write_docs(lines: list[str], header: str) -> None:
    start, end = "<!-- bench:pandoc:start -->", "<!-- bench:pandoc:end -->"
    text = DOC.read_text(encoding="utf-8")
    block = "\n".join([start, header, "", *lines, end])
    DOC.write_text(re.sub(f"{start}.*?{end}", lambda _m: block, text, flags=re.S), encoding="utf-8")


def pandoc_rows(runs: int = 3, docs: bool = False) -> dict:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1795766400",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # pandoc finds weasyprint
    }
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-pandoc-"))
    env["BRIEFING_PROJECT"] = str(work)  # the commands run in the temp folder, not in work
    try:
        sizes = {
            name: sum(path.stat().st_size for path in paths)
            for name, paths in content_sets(work / "sizes").items()
        }
        results = measure(work, runs, env)
    finally:
        shutil.rmtree(work)
    import pypandoc

    header = (
        f"Pipeline against pandoc {pypandoc.get_pandoc_version()} on the same content,"
        f" {runs} rounds, {os.cpu_count()} cores; median wall time of whole processes,"
        " CPU time (user and system, all processes: what other load on the machine moves"
        " least), peak resident memory of the largest process; ratios: the command's median"
        " wall time over the pipeline's for the same format(s)."
    )
    lines = table(results, sizes)
    summary = targets(results)
    print(f"\n{header}\n")
    print("\n".join(lines))
    print("\n" + "\n".join(summary))
    record = {
        "runs": runs,
        "cores": os.cpu_count(),
        "pandoc": pypandoc.get_pandoc_version(),
        "content_bytes": sizes,
        "results": {
            set_name: {
                name: {
                    "median_s": item.median,
                    "min_s": min(item.seconds),
                    "seconds": item.seconds,
                    "cpu_s": item.cpu,
                    "peak_mib": item.peak,
                }
                for name, item in measured.items()
            }
            for set_name, measured in results.items()
        },
        "targets": summary,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2), encoding="utf-8")
    chart_path = CHART if docs else RESULTS.with_suffix(".png")
    chart(results, sizes, chart_path)
    print(f"\nwrote {RESULTS.relative_to(ROOT)} and {chart_path.relative_to(ROOT)}")
    if docs:
        write_docs([*lines, "", *summary], header)
        print(f"rewrote the table in {DOC.relative_to(ROOT)}")
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds (median reported)")
    parser.add_argument("--docs", action="store_true", help="update docs/performance.md and .png")
    parser.add_argument(
        "--quick", action="store_true", help="tiny contents (3 notes, seed x3): checks the script"
    )
    arguments = parser.parse_args()
    if arguments.quick:
        global BATCH, REPEAT
        BATCH, REPEAT = 3, 3
    pandoc_rows(arguments.runs, arguments.docs)


if __name__ == "__main__":
    main()
