"""`briefing init` and `briefing templates`: starting a desk project and seeing its house style."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.app import main, pass_project
from pipeline.project import Project


@main.command()
@click.argument(
    "folder", metavar="[DIR]", default=".", type=click.Path(file_okay=False, path_type=Path)
)
@click.pass_context
def init(ctx: click.Context, folder: Path) -> None:
    """Start a desk project in DIR (default: here): settings, one example interview,
    locales/ and templates/ for the desk's own files. Never overwrites a file."""
    import json

    from pipeline import scaffold
    from pipeline.content.model import schema as model_schema

    schema_text = json.dumps(model_schema(), indent=2, ensure_ascii=False) + "\n"
    made = scaffold.init(folder, schema_text)
    if ctx.obj["quiet"]:
        return
    for path in made.written:
        click.echo(f"wrote {_shown(path)}")
    here = Path.cwd().resolve()
    go = "" if made.root == here else f"cd {_shown(made.root, here)} && "
    click.echo(
        f"\nA briefing project is ready in {_shown(made.root)}. Next:\n"
        f"  {go}briefing validate && briefing build\n"
        "Replace content/example-interview.yaml with your own interviews; "
        "`briefing templates` shows the house style and how to change it."
    )


def _shown(path: Path, here: Path | None = None) -> str:
    """A path as printed: relative to `here` when inside it; bytes no encoding can show
    (a name given in another encoding) replaced, not a crash."""
    if here is not None and path.is_relative_to(here):
        path = path.relative_to(here)
    return click.format_filename(path)


@main.command()
@click.option(
    "--copy",
    "to_copy",
    metavar="PATH",
    multiple=True,
    help="Copy this built-in template into the project's templates/ to edit it; repeatable.",
)
@click.pass_context
@pass_project
def templates(ctx: click.Context, project: Project, to_copy: tuple[str, ...]) -> None:
    """List the built-in templates and which ones the project overrides.

    A file under the project's templates/ at the same path as a built-in one is
    used instead of it, in every format that uses it (note.html, css/*.css,
    docx/reference.docx, pack/index.html ...).
    """
    from pipeline import scaffold
    from pipeline.project import BUILTIN_TEMPLATES

    for relative in to_copy:
        click.echo(f"copied {relative} to {_shown(scaffold.copy_builtin(project, relative))}")
    if to_copy:
        return
    listing = scaffold.templates(project)
    width = max(len(item.relative) for item in listing)
    click.echo(f"Built-in templates: {_shown(BUILTIN_TEMPLATES)}")
    click.echo(f"This project's:     {_shown(project.templates)}\n")
    for item in listing:
        if item.override is None:
            where = "built in"
        else:
            mine = _shown(item.override, project.root)
            where = f"overridden by {mine}" if item.builtin else f"the project's own: {mine}"
        click.echo(f"  {click.format_filename(item.relative):<{width}}  {where}")
    if not ctx.obj["quiet"]:
        overridden = sum(1 for item in listing if item.override is not None)
        click.echo(
            f"\n{overridden} of the project's files in use. To change one, "
            "`briefing templates --copy PATH` and edit the copy."
        )
