"""`briefing build`, its format shortcuts, `validate` and `schema`."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import click

from pipeline.cli.app import FORMATS, content_argument, main, pass_project
from pipeline.cli.options import PROGRESS_THRESHOLD, _content_paths, build_options, format_option
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
def build(
    ctx: click.Context, project: Project, formats: list[str] | None, **options: object
) -> None:
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
    def command(ctx: click.Context, project: Project, **options: object) -> None:
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
    engine: str,
    shared_root: bool,
) -> None:
    from pipeline.engine.cluster import parse_engine, require_engine_for_shared_root
    from pipeline.engine.executor import Executor, default_jobs
    from pipeline.i18n import parse_locales

    quiet = ctx.obj["quiet"]
    started = time.perf_counter()
    paths = _content_paths(content_files, project)
    locale_list = parse_locales(locales)
    expected = len(paths) * len(formats) * len(locale_list or [None])
    # Workers fork before the model is imported, so they warm up while it loads.
    address = parse_engine(engine)
    require_engine_for_shared_root(address, shared_root)
    with Executor(
        jobs or default_jobs(), formats, outputs=expected, engine=address, shared_root=shared_root
    ) as runner:
        from pipeline.engine import plan as pipeline_build

        plan = pipeline_build.plan(
            paths, formats, locale_list, allow_missing_glyphs, project=project
        )
        show_progress = plan.total > PROGRESS_THRESHOLD and not quiet
        progress = click.progressbar(length=plan.total, label="Rendering", file=sys.stderr)
        with progress if show_progress else contextlib.nullcontext() as bar:
            report = pipeline_build.build(
                plan,
                out_dir or project.output,
                runner=runner,
                on_output=(lambda: bar.update(1)) if bar else (lambda: None),
            )
    if not quiet:
        for output in report.outputs:
            worker = f"  (rendered by {output.worker})" if output.worker else ""
            click.echo(f"  {output.path}  {output.size / 1024:,.0f} KB{worker}")
        seconds = time.perf_counter() - started
        click.echo(f"Built {len(report.outputs)} of {plan.total} file(s) in {seconds:.1f} s.")
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
