"""`briefing`: the command line. Thin on purpose: it parses, calls the pipeline, reports.

Heavy modules (pydantic, Jinja, WeasyPrint, python-docx) are imported inside the
commands, so `briefing --help` stays instant."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import (
    OS_FAILURE,
    BriefingError,
    describe_os_error,
    describe_unexpected,
    os_error_behind,
)

FORMATS = ("pdf", "docx", "html")
DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("output")
SCHEMA_PATH = Path("content/interview.schema.json")


class _BriefingGroup(click.Group):
    """Turns every failure into one clean message and a documented exit status.

    The pipeline's own errors carry their message and status. An OS error that no
    code turned into one still names its file and reason. Anything else is a bug:
    one line says so, and -v shows its traceback.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefingError as error:
            _fail(ctx, str(error), error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            os_error = os_error_behind(error)
            if os_error is not None:
                _fail(ctx, describe_os_error(os_error), OS_FAILURE, error)
            _fail(ctx, describe_unexpected(error), 1, error)


def _fail(ctx: click.Context, message: str, status: int, error: Exception | None = None) -> None:
    if error is not None and ctx.params.get("verbose"):
        click.echo("".join(traceback.format_exception(error)), err=True, nl=False)
    click.secho(f"error: {message}", err=True, fg="red")
    ctx.exit(status)


@click.group(cls=_BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefing")
@click.option("-v", "--verbose", is_flag=True, help="Say what is being done, file by file.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Turn structured interviews into briefing notes: PDF, DOCX and HTML.

    Content lives in content/<slug>.yaml; outputs go to output/<lang>/<slug>.<ext>.
    """
    if verbose and quiet:
        raise click.UsageError("--verbose and --quiet cannot be used together")
    ctx.obj = {"quiet": quiet}
    _configure_logging(logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING)


def _configure_logging(level: int) -> None:
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
