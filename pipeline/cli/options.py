"""Options and arguments several commands share, declared once, so each reads the same
wherever it appears. (`-q`/`-v`, which every command takes, live with the group in `app`.)

Where two commands' defaults differ (`build` renders each note in its own language,
`pack` follows the settings), the help is the same and only its `[default: ...]` differs.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from pipeline.cli.app import FORMATS, content_argument
from pipeline.errors import (
    UsageError,
)
from pipeline.project import Project, discover

PROGRESS_THRESHOLD = 3  # outputs; fewer finish before a bar would be worth drawing

Command = TypeVar("Command", bound=Callable[..., Any])


def _content_paths(arguments: tuple[Path, ...], project: Project) -> list[Path]:
    """The files named, or every content file of the project."""
    if not arguments:
        if not project.content.is_dir():
            raise UsageError(
                f"no content/ folder in the project {project.root}; add content/<slug>.yaml "
                "there or name the files"
            )
        return discover(project.content)
    paths: list[Path] = []
    for argument in arguments:
        paths += discover(argument) if argument.is_dir() else [argument]
    return paths


def _formats(value: str) -> list[str]:
    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(
            f"choose from {', '.join(FORMATS)} (comma-separated), got {value!r}"
        )
    return list(dict.fromkeys(names))


# --- Old spellings -------------------------------------------------------------------------

_ALIAS_KEY = "briefing.deprecated:{}"


def _deprecated_alias(old: str, new: str, dest: str) -> Callable[[Command], Command]:
    """`old` still works for a release: hidden from the help, it warns and hands its value
    to `new`. Eager, so it is read before `new`, whatever their order on the line."""

    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value is None:
            return
        click.echo(
            f"warning: {old} is deprecated and goes in the next release; use {new}", err=True
        )
        ctx.meta[_ALIAS_KEY.format(dest)] = value

    # A name of its own: two options of one name would share the parsed value.
    return click.option(
        old, f"{dest}_alias", hidden=True, is_eager=True, expose_value=False, callback=remember
    )


def _or_alias(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The option's own value, else what its deprecated spelling was given."""
    return value if value is not None else ctx.meta.pop(_ALIAS_KEY.format(param.name), None)


def _parse_formats(ctx: click.Context, param: click.Parameter, value: str | None):
    value = _or_alias(ctx, param, value)
    return None if value is None else _formats(value)


# --- The shared options --------------------------------------------------------------------


def locale_option(default: str, alias: bool = False) -> Callable[[Command], Command]:
    """`-l/--locale`; `alias` also accepts the old `--locales`."""
    option = click.option(
        "-l",
        "--locale",
        "locales",
        default=None,
        metavar="LOCALES",
        callback=_or_alias,
        help=f"Locales, comma-separated, or 'all' (en, ru, ky, ko, en-XA)  [default: {default}].",
    )
    return _with_alias(option, "--locales", "--locale/-l", "locales") if alias else option


def format_option(default: str, alias: bool = False) -> Callable[[Command], Command]:
    """`-f/--format`, parsed to a list; `alias` also accepts the old `--formats`."""
    option = click.option(
        "-f",
        "--format",
        "formats",
        default=None,
        metavar="FORMATS",
        callback=_parse_formats,
        help=f"Formats, comma-separated ({', '.join(FORMATS)})  [default: {default}].",
    )
    return _with_alias(option, "--formats", "--format/-f", "formats") if alias else option


def _with_alias(
    option: Callable[[Command], Command], old: str, new: str, dest: str
) -> Callable[[Command], Command]:
    alias = _deprecated_alias(old, new, dest)
    return lambda command: alias(option(command))


def jobs_option(default: str) -> Callable[[Command], Command]:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help=f"Renders to run at once  [default: {default}].",
    )


allow_missing_glyphs_option = click.option(
    "--allow-missing-glyphs",
    is_flag=True,
    help="Build a PDF even when its fonts lack characters of the text.",
)
executor_option = click.option(
    "--executor",
    "executor",
    default="local",
    show_default=True,
    metavar="EXECUTOR",
    help="Where renders run: 'local' (processes on this machine) or 'dask://HOST:PORT' "
    "(a Dask cluster, see docs/distributed.md).",
)
shared_root_option = click.option(
    "--shared-root",
    is_flag=True,
    help="Dask workers see this project at the same path: they prepare notes too.",
)
force_option = click.option(
    "--force", is_flag=True, help="Deliver again what the delivery log says was sent."
)
config_option = click.option(
    "--config", type=click.Path(dir_okay=False, path_type=Path), help="Settings file."
)


def build_options(command: Command) -> Command:
    """The options `build` and its format shortcuts share."""
    for option in reversed(
        [
            content_argument,
            click.option(
                "--out",
                "out_dir",
                type=click.Path(file_okay=False, path_type=Path),
                default=None,
                help="Folder for the outputs, one subfolder per locale  "
                "[default: output/ of the project].",
            ),
            locale_option("each note's own language"),
            jobs_option("the number of cores"),
            allow_missing_glyphs_option,
            executor_option,
            shared_root_option,
        ]
    ):
        command = option(command)
    return command


@contextlib.contextmanager
def progress_bar(total: int) -> Iterator[Callable[[], None]]:
    """A bar on standard error while `total` renders run; none for a handful."""
    if total <= PROGRESS_THRESHOLD:
        yield lambda: None
        return
    with click.progressbar(length=total, label="Rendering", file=sys.stderr) as bar:
        yield lambda: bar.update(1)
