"""`briefing`: the command line. Thin on purpose: it parses, calls the pipeline, reports.

Heavy modules (pydantic, Jinja, WeasyPrint, python-docx) are imported inside the
commands, so `briefing --help` stays instant."""

from __future__ import annotations

import functools
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipeline import __version__
from pipeline import project as projects
from pipeline.errors import (
    FAILED,
    OS_FAILURE,
    BriefingError,
    describe_os_error,
    describe_unexpected,
    os_error_behind,
)

FORMATS = ("pdf", "docx", "html")


_VERBOSITY = {
    "verbose": (("-v", "--verbose"), "Say what is being done, file by file."),
    "quiet": (("-q", "--quiet"), "Print errors only."),
}


def _add_verbosity(command: click.Command) -> None:
    if any(param.name in _VERBOSITY for param in command.params):
        return
    for name, (flags, help_text) in _VERBOSITY.items():
        command.params.append(
            click.Option(
                [*flags, name],
                is_flag=True,
                expose_value=False,
                callback=_set_verbosity,
                help=help_text,
            )
        )


def _verbosity_of(ctx: click.Context) -> dict[str, Any]:
    """The run's settings, one dict for the group and every subcommand (ctx.obj)."""
    return ctx.find_root().ensure_object(dict)


def _set_verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or param.name is None:
        return
    state = _verbosity_of(ctx)
    if state.get("quiet" if param.name == "verbose" else "verbose"):
        raise click.UsageError("--verbose and --quiet cannot be used together", ctx)
    state[param.name] = True
    _configure_logging(state)


class _BriefingGroup(click.Group):
    """Turns every failure into one clean message and a documented exit status.

    The pipeline's own errors carry their message and status. An OS error that no
    code turned into one still names its file and reason. Anything else is a bug:
    one line says so, and -v shows its traceback.

    Every command, and every command of a subgroup, takes `-q`/`-v` too, so they
    work before or after the subcommand's name.
    """

    group_class = type  # subgroups (`strings`) are briefing groups as well

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_verbosity(self)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        _add_verbosity(cmd)
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefingError as error:
            _fail(ctx, str(error), error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            os_error = os_error_behind(error)
            if isinstance(os_error, BrokenPipeError):
                _stop_writing_quietly(ctx)
            if os_error is not None:
                _fail(ctx, describe_os_error(os_error), OS_FAILURE, error)
            _fail(ctx, describe_unexpected(error), FAILED, error)


def _stop_writing_quietly(ctx: click.Context) -> None:
    """The reader of our output went away (`briefing templates | head`): stop as other tools
    do, without an error line. Standard output goes to /dev/null first, so that Python's
    own flush at exit does not fail on the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    ctx.exit(FAILED)


def _fail(ctx: click.Context, message: str, status: int, error: Exception | None = None) -> None:
    if error is not None and _verbosity_of(ctx).get("verbose"):
        click.echo("".join(traceback.format_exception(error)), err=True, nl=False)
    click.secho(f"error: {message}", err=True, fg="red")
    ctx.exit(status)


@click.group(cls=_BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefing")
@click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help=f"The project folder  [default: ${projects.PROJECT_ENV}, else the nearest folder "
    f"up from here with a {projects.SETTINGS_FILE}].",
)
@click.pass_context
def main(ctx: click.Context, project_dir: Path | None) -> None:
    """Turn structured interviews into briefing notes: PDF, DOCX and HTML.

    A project is a folder with a briefing.toml (`briefing init` makes one): its
    content/<slug>.yaml become output/<lang>/<slug>.<ext>, in the house style of
    its templates/ and locales/ over the built-in ones.
    """
    # Commands read ctx.obj["quiet"]; a -q/-v after the subcommand updates the same dict.
    state = _verbosity_of(ctx)
    state.setdefault("quiet", False)
    state.setdefault("verbose", False)
    state["project_dir"] = project_dir
    _configure_logging(state)


def project_of(ctx: click.Context) -> projects.Project:
    """The run's project, found once, when a command first needs it (so `--help` of any
    command and `init` work outside a project); none there is a usage error (exit 2)."""
    state = _verbosity_of(ctx)
    if state.get("project") is None:
        state["project"] = projects.find(state.get("project_dir"))
    return state["project"]


def pass_project(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give the command its project as the keyword argument `project`."""

    @functools.wraps(command)
    def with_project(*args: Any, **kwargs: Any) -> Any:
        return command(*args, project=project_of(click.get_current_context()), **kwargs)

    return with_project


def _configure_logging(state: dict[str, Any]) -> None:
    verbose, quiet = state.get("verbose"), state.get("quiet")
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger("pipeline")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    logging.getLogger("weasyprint").setLevel(max(level, logging.ERROR))
    logging.getLogger("fontTools").setLevel(max(level, logging.ERROR))


content_argument = click.argument(
    "content_files", metavar="[CONTENT]...", nargs=-1, type=click.Path(exists=True, path_type=Path)
)
