"""`briefing import`: a draft interview from a raw article."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.app import main, pass_project
from pipeline.project import Project


@main.command("import")
@click.argument("raw", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the content file  [default: content/ of the project].",
)
@click.option("--slug", help="Slug and file name  [default: the raw file's name].")
@click.option("--lang", "language", help="Language tag  [default: detected from the script].")
@click.option("--dry-run", is_flag=True, help="Print the YAML instead of writing it.")
@click.option("--force", is_flag=True, help="Replace an existing content file.")
@click.option(
    "--keep-brief", is_flag=True, help="When replacing, keep the brief editors wrote in it."
)
@click.option(
    "--explain",
    is_flag=True,
    help="Print what each paragraph was taken for and why; write nothing.",
)
@click.pass_context
@pass_project
def import_(
    ctx: click.Context,
    project: Project,
    raw: Path,
    out_dir: Path | None,
    slug: str | None,
    language: str | None,
    dry_run: bool,
    force: bool,
    keep_brief: bool,
    explain: bool,
) -> None:
    """Turn a RAW interview (text, a saved .html/.mhtml page, a .docx) into content/<slug>.yaml."""
    from pipeline import importer
    from pipeline.importer import save

    data = save.read_raw(raw)
    try:
        result = importer.import_text(data, name=raw.name, slug=slug, language=language)
    except importer.RawTextError as error:  # the importer sees bytes; the user knows the file
        raise importer.RawTextError(f"{raw}: {error}") from None
    if explain:
        for line in [*result.explain(), "", *importer.format_report(result)]:
            click.echo(line)
        return
    target, text = save.prepare(result, out_dir or project.content, keep_brief=keep_brief)
    if dry_run:
        click.echo(text, nl=False)
    else:
        save.write(target, text, force=force)
    if not ctx.obj["quiet"]:
        # With --dry-run standard output is the YAML, so the report goes to standard error.
        click.echo(f"{'Would write' if dry_run else 'Wrote'} {target}", err=dry_run)
        for line in importer.format_report(result):
            click.echo(f"  {line}", err=dry_run)
