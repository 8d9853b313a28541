"""Options and arguments several commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from pipeline.cli.app import DEFAULT_CONTENT, DEFAULT_OUT, FORMATS, content_argument
from pipeline.errors import (
    UsageError,
)

PROGRESS_THRESHOLD = 3  # outputs; fewer finish before a bar would be worth drawing


def _content_paths(arguments: tuple[Path, ...]) -> list[Path]:
    from pipeline.paths import discover

    if not arguments:
        if not DEFAULT_CONTENT.is_dir():
            raise UsageError(
                f"no {DEFAULT_CONTENT}/ folder here; run from the project root or name the files"
            )
        return discover(DEFAULT_CONTENT)
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


def build_options(command: Callable) -> Callable:
    """The options every building command shares."""
    for option in reversed(
        [
            content_argument,
            click.option(
                "--out",
                "out_dir",
                type=click.Path(file_okay=False, path_type=Path),
                default=DEFAULT_OUT,
                show_default=True,
                help="Folder for the outputs (one subfolder per locale).",
            ),
            click.option(
                "-l",
                "--locale",
                "locales",
                default=None,
                metavar="LOCALES",
                help="Locales to build, comma-separated, or 'all' (en, ru, ky, ko, en-XA)"
                "  [default: each note's own language].",
            ),
            click.option(
                "-j",
                "--jobs",
                type=click.IntRange(min=1),
                default=None,
                help="Renders to run at once  [default: the number of cores].",
            ),
            click.option(
                "--allow-missing-glyphs",
                is_flag=True,
                help="Build a PDF even when its fonts lack characters of the text.",
            ),
            click.option(
                "--executor",
                "engine",
                default="local",
                show_default=True,
                metavar="ENGINE",
                help="Where renders run: 'local' (a process pool) or 'dask://HOST:PORT'.",
            ),
            click.option(
                "--shared-root",
                is_flag=True,
                help="Dask workers see this project at the same path: they prepare notes too.",
            ),
        ]
    ):
        command = option(command)
    return command
