"""`briefing pack`, `verify` and `deliver`."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.app import content_argument, main, pass_project, project_of
from pipeline.cli.options import (
    _content_paths,
    allow_missing_glyphs_option,
    config_option,
    executor_option,
    force_option,
    format_option,
    jobs_option,
    locale_option,
    progress_bar,
    shared_root_option,
)
from pipeline.errors import (
    ALREADY_RUNNING,
    FAILED,
    INVALID,
    OK,
    TEMPORARY_FAILURE,
    BriefingError,
    exit_status_help,
)
from pipeline.project import Project

EXIT_STATUSES = exit_status_help(OK, FAILED, INVALID, ALREADY_RUNNING, TEMPORARY_FAILURE)
VERIFY_STATUSES = exit_status_help(
    OK, FAILED, saying={OK: "the pack matches its manifest", FAILED: "it does not"}
)


@main.command(epilog=EXIT_STATUSES)
@content_argument
@click.option(
    "--date", type=click.DateTime(["%Y-%m-%d"]), help="The pack's date  [default: today]."
)
@locale_option("the settings', else en,ru,ky,ko", alias=True)
@format_option("the settings', else pdf,docx,html", alias=True)
@click.option(
    "--out",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Packs folder  [default: the settings', else output/packs of the project].",
)
@jobs_option("the settings', else the number of cores")
@click.option(
    "--render-timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Time limit per render, s  [default: the settings', else 120].",
)
@click.option(
    "--render-memory",
    type=click.IntRange(min=64),
    help="Memory limit per render, MB  [default: the settings', else 2048].",
)
@click.option(
    "--deliver", "targets", multiple=True, metavar="TARGET", help="Deliver when built; repeatable."
)
@click.option("--scheduled", is_flag=True, help="Deliver to the settings' [schedule] targets.")
@force_option
@click.option("--rebuild", is_flag=True, help="Render everything again, ignoring the cache.")
@allow_missing_glyphs_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a machine-readable report (JSON) instead of text.",
)
@config_option
@executor_option
@shared_root_option
@click.pass_context
@pass_project
def pack(ctx: click.Context, project: Project, **options) -> None:
    """Build output/packs/<date>/: every note, index.html, manifest.json and a zip.

    Settings (locales, formats, limits, delivery targets) come from the project's
    briefing.toml or [tool.briefing] in its pyproject.toml; options given here win.
    """
    import json

    from pipeline import runs as packrun

    paths = _content_paths(options.pop("content_files"), project)
    run = packrun.prepare(paths, project=project, **options)
    progress = None if ctx.obj["quiet"] or run.as_json else progress_bar
    try:
        report, outcomes = packrun.run(run, progress)
    except BriefingError as error:  # skipped or invalid: still one report for a machine
        if run.as_json:
            report_json = {"status": "error", "error": str(error), "exit_code": error.exit_code}
            click.echo(json.dumps(report_json, indent=2))
        raise
    if run.as_json:
        click.echo(json.dumps(packrun.as_json(report, outcomes), indent=2))
    else:
        _echo_pack(ctx, report, outcomes)
    ctx.exit(packrun.exit_code(report, outcomes))


def _echo_pack(ctx: click.Context, report, outcomes) -> None:
    quiet = ctx.obj["quiet"]
    if not quiet:
        files = len(report.built) + len(report.reused)
        if report.status == "up to date":
            click.echo(f"Pack {report.date} is up to date ({files} files): {report.pack}")
        else:
            seconds = report.timings.get("total", 0)
            click.echo(
                f"Pack {report.date}: {files} files ({len(report.built)} rendered, "
                f"{len(report.reused)} reused) in {seconds:.1f} s: {report.pack}"
            )
        _echo_changes(report.changes)
    for failure in report.failures:
        click.secho(f"error: {failure['path']}: {failure['message']}", err=True, fg="red")
    if report.failures:
        click.secho(
            f"error: {len(report.failures)} output(s) failed; the pack was published without "
            "them, 'latest' was not moved and nothing was delivered",
            err=True,
            fg="red",
        )
    for outcome in outcomes:
        _echo_outcome(quiet, outcome)


def _echo_changes(changes: dict | None) -> None:
    """One line per changed note: what changed, and where its change views are."""
    if not changes:
        return
    changed = [note for note in changes["notes"] if note["status"] == "changed"]
    others = len(changes["notes"]) - len(changed)
    click.echo(f"  since {changes['since']}: {len(changed)} changed, {others} not")
    for note in changed:
        views = ", ".join(note["views"])
        click.echo(f"  changed {note['locale']}/{note['slug']}: {note['summary']} ({views})")


def _echo_outcome(quiet: bool, outcome) -> None:
    if not quiet:
        for what in outcome.sent:
            click.echo(f"  delivered to {outcome.target}: {what}")
        for what in outcome.skipped:
            click.echo(f"  already delivered to {outcome.target}: {what} (--force to resend)")
    for what, reply in outcome.refused.items():
        click.secho(f"error: {outcome.target}: {what} refused: {reply}", err=True, fg="red")
    for what, reply in outcome.deferred.items():
        click.secho(
            f"error: {outcome.target}: {what} not delivered yet ({reply}); run again later",
            err=True,
            fg="yellow",
        )
    for what, why in outcome.in_doubt.items():
        click.secho(f"error: {outcome.target}: {what} in doubt: {why}", err=True, fg="red")
    if outcome.error:
        click.secho(f"error: {outcome.target}: {outcome.error}", err=True, fg="red")


@main.command(epilog=VERIFY_STATUSES)
@click.argument(
    "pack_dir", metavar="PACK", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.pass_context
def verify(ctx: click.Context, pack_dir: Path) -> None:
    """Recompute every checksum of PACK; name each file that differs, is missing or is extra."""
    from pipeline.packs import manifest

    project_of(ctx)  # every command but init runs in a project, so each says the same outside

    problems = manifest.verify(pack_dir)
    for problem in problems:
        click.secho(f"error: {pack_dir}: {problem}", err=True, fg="red")
    if problems:
        ctx.exit(FAILED)
    if not ctx.obj["quiet"]:
        click.echo(f"{pack_dir}: every file matches its manifest.")


@main.command(epilog=EXIT_STATUSES)
@click.argument(
    "pack_dir", metavar="PACK", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--to",
    "targets",
    multiple=True,
    required=True,
    metavar="TARGET",
    help="A target of the settings, dir:/path or smtp://host:port; repeatable.",
)
@force_option
@config_option
@click.pass_context
@pass_project
def deliver(
    ctx: click.Context,
    project: Project,
    pack_dir: Path,
    targets: tuple[str, ...],
    force: bool,
    config: Path | None,
) -> None:
    """Deliver PACK (a folder of output/packs) to each TARGET, once per date."""
    from pipeline import runs as packrun

    outcomes = packrun.deliver_pack(pack_dir, targets, force, config, project)
    for outcome in outcomes:
        _echo_outcome(ctx.obj["quiet"], outcome)
    ctx.exit(packrun.exit_code(None, outcomes))
