"""`briefing diff OLD NEW`: what changed between two versions of notes, like `diff`.

Each side is a content file or a pack (a folder of output/packs, read through its
versions.json). Notes are compared by slug and locale, per passage and per word, as
`briefing pack` compares each note with the previous pack's.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.cli.app import main, pass_project
from pipeline.cli.options import locale_option
from pipeline.errors import FAILED, INVALID, OK, UsageError, exit_status_help
from pipeline.project import Project

DIFF_STATUSES = exit_status_help(
    OK,
    FAILED,
    INVALID,
    saying={
        OK: "the notes are the same",
        FAILED: "they differ",
        INVALID: "an input cannot be read (a content file or pack with problems, or bad usage)",
    },
)


@main.command(epilog=DIFF_STATUSES)
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@locale_option("all the locales the sides hold; a content file alone: its own language")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a machine-readable report (JSON) instead of text.",
)
@click.pass_context
@pass_project
def diff(
    ctx: click.Context,
    project: Project,
    old: Path,
    new: Path,
    locales: str | None,
    as_json: bool,
) -> None:
    """Compare OLD and NEW, each a content file or a pack; say what changed in each note."""
    from pipeline.changes import compare, summary
    from pipeline.i18n import parse_locales

    wanted = parse_locales(locales) if locales and locales != "all" else None
    packs = {path: _pack_versions(path) for path in (old, new) if path.is_dir()}
    # A content file against a pack: translated into the pack's locales, as it would be built.
    in_packs = sorted({locale for side in packs.values() for _, locale in side}) or None
    sides = [
        packs[path] if path in packs else _content_versions(path, project, wanted or in_packs)
        for path in (old, new)
    ]
    shared = _locales_of(sides, wanted)
    comparisons = [
        compare.compare(sides[0].get(key), sides[1].get(key))
        for key in sorted(set(sides[0]) | set(sides[1]))
        if key[1] in shared
    ]
    if not comparisons:
        raise UsageError(f"{old} and {new} hold no note in a common locale; try --locale")
    different = any(item.status != compare.UNCHANGED for item in comparisons)
    if as_json:
        report = [
            item.as_json() | {"summary": summary.line(item, "en", ())} for item in comparisons
        ]
        click.echo(json.dumps({"different": different, "notes": report}, indent=2))
    elif not ctx.obj["quiet"]:
        for item in comparisons:
            _echo(item, summary.line(item, "en", ()))
    ctx.exit(FAILED if different else OK)


def _content_versions(path: Path, project: Project, locales: list[str] | None) -> dict:
    """The versions of a content file's note, by (slug, locale)."""
    from pipeline.changes import versions

    if not path.is_file():
        raise UsageError(f"{path}: no such content file or pack")
    from pipeline.content import loader

    records = versions.of_sources(loader.load_all([path]), locales, project)
    return {record.key: record for record in records}


def _pack_versions(pack: Path) -> dict:
    from pipeline.changes import versions
    from pipeline.packs import manifest

    try:
        manifest.read(pack)
        data = manifest.read_file(pack.resolve(), versions.FILE, versions.MAX_BYTES)
    except manifest.ManifestError as error:
        raise UsageError(f"{pack}: not a briefing pack: {error}") from None
    except OSError as error:
        raise UsageError(
            f"{pack / versions.FILE}: cannot be read ({error.strerror or error}); "
            "packs record their versions since this release: build the pack again"
        ) from None
    return versions.loads(data, pack / versions.FILE)


def _locales_of(sides: list[dict], wanted: list[str] | None) -> set[str]:
    if wanted:
        return set(wanted)
    found = [{locale for _, locale in side} for side in sides]
    return found[0] & found[1] or found[0] | found[1]


def _echo(item, line: str) -> None:
    from pipeline.changes.compare import CHANGED, DEL, INS

    where = f"{item.slug} ({item.locale})"
    if item.status != CHANGED:
        click.echo(f"{where}: {item.status}")
        return
    click.echo(f"{where}: changed: {line}")
    for change in item.passages:
        text = "".join(
            f"[-{piece}-]" if kind == DEL else f"{{+{piece}+}}" if kind == INS else piece
            for kind, piece in change.edits
        )
        click.echo(f"  {change.kind} {change.segment}: {text}")
    for figure in item.figures:
        old = f"{figure.old.value} {figure.old.unit}" if figure.old else "-"
        new = f"{figure.new.value} {figure.new.unit}" if figure.new else "-"
        click.echo(f"  figure {figure.kind} '{figure.label}': {old} -> {new}")
