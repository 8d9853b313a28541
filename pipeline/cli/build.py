"""`briefing build`, its format shortcuts, `validate` and `schema`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from pipeline.cli.app import FORMATS, content_argument, main, pass_project
from pipeline.cli.options import _content_paths, build_options, format_option, progress_bar
from pipeline.errors import (
    FAILED,
    INVALID,
    OK,
    BriefingError,
    UsageError,
    exit_status_help,
)
from pipeline.project import Project

BUILD_STATUSES = exit_status_help(
    OK,
    FAILED,
    INVALID,
    saying={
        FAILED: "a render failed (the other outputs are still written)",
        INVALID: "invalid content or usage (nothing is written)",
    },
)


@main.command(epilog=BUILD_STATUSES)
@format_option(",".join(FORMATS))
@build_options
@click.pass_context
@pass_project
def build(ctx: click.Context, project: Project, formats: list[str] | None, **options: Any) -> None:
    """Build briefing notes from CONTENT files or folders (default: content/)."""
    _run_build(ctx, project, formats or list(FORMATS), **options)


def _shortcut(name: str) -> click.Command:
    @click.command(
        name=name,
        help=f"Build only the {name.upper()} notes (same as build -f {name}).",
        epilog=BUILD_STATUSES,
    )
    @build_options
    @click.pass_context
    @pass_project
    def command(ctx: click.Context, project: Project, **options: Any) -> None:
        _run_build(ctx, project, [name], **options)

    return command


for _name in FORMATS:
    main.add_command(_shortcut(_name))


def _run_build(
    ctx: click.Context,
    project: Project,
    formats: list[str],
    content_files: tuple[Path, ...],
    out_dir: Path | None,
    locales: str | None,
    jobs: int | None,
    allow_missing_glyphs: bool,
    executor: str,
    shared_root: bool,
) -> None:
    from pipeline.engine import plan
    from pipeline.engine.executor import default_jobs
    from pipeline.engine.rendering import executor_options
    from pipeline.i18n import parse_locales

    quiet = ctx.obj["quiet"]
    started = time.perf_counter()
    report = plan.build_files(
        _content_paths(content_files, project),
        formats,
        out_dir or project.output,
        project=project,
        locales=parse_locales(locales),
        allow_missing_glyphs=allow_missing_glyphs,
        executor_options=executor_options(executor, jobs or default_jobs(), shared_root),
        progress=None if quiet else progress_bar,
    )
    if not quiet:
        for output in report.outputs:
            worker = f"  (rendered by {output.worker})" if output.worker else ""
            click.echo(f"  {output.path}  {output.size / 1024:,.0f} KB{worker}")
        seconds = time.perf_counter() - started
        click.echo(f"Built {len(report.outputs)} of {report.planned} file(s) in {seconds:.1f} s.")
    for failure in report.failures:
        click.secho(
            f"error: {failure.target}: {failure.message} (from {failure.source})",
            err=True,
            fg="red",
        )
    if not report.ok:
        ctx.exit(FAILED)


class StrictWarnings(BriefingError):
    exit_code = INVALID  # as invalid content: the file is not ready


@main.command()
@content_argument
@click.option(
    "--strict", is_flag=True, help=f"Fail (exit {INVALID}) on warnings too, e.g. unsure turns."
)
@click.pass_context
@pass_project
def validate(
    ctx: click.Context, project: Project, content_files: tuple[Path, ...], strict: bool
) -> None:
    """Check CONTENT files without building anything."""
    from pipeline.content.loader import load_all

    paths = _content_paths(content_files, project)
    if not paths:
        raise UsageError("no content files to validate")
    loaded = load_all(paths)
    warnings = [
        f"{item.path}: turns[{index}] is 'unsure' (set by briefing import): check where it"
        " starts and ends against the source, then remove its status line"
        for item in loaded
        for index, turn in enumerate(item.interview.turns)
        if turn.status == "unsure"
    ]
    for warning in warnings:
        click.secho(f"warning: {warning}", err=True, fg="yellow")
    if strict and warnings:
        raise StrictWarnings(f"{len(warnings)} warning(s), and --strict fails on warnings")
    if not ctx.obj["quiet"]:
        click.echo(f"{len(paths)} content file(s) valid.")


@main.command()
@click.option(
    "--out",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the JSON Schema ('-' for standard output)  "
    "[default: content/interview.schema.json of the project].",
)
@click.option(
    "--check", is_flag=True, help=f"Exit {FAILED} if the file on disk differs from the model."
)
@pass_project
def schema(project: Project, target: Path | None, check: bool) -> None:
    """Write the JSON Schema of content files (editors use it for completion)."""
    import json

    from pipeline import atomic
    from pipeline.content.model import schema as model_schema

    target = target or project.schema_file
    text = json.dumps(model_schema(), indent=2, ensure_ascii=False) + "\n"
    if str(target) == "-":
        click.echo(text, nl=False)
    elif check:
        if not target.is_file() or target.read_bytes() != text.encode("utf-8"):
            raise BriefingError(f"{target} is out of date; run 'briefing schema' and commit it")
    else:
        atomic.write_bytes(target, text.encode("utf-8"))
        click.echo(f"wrote {target}")
