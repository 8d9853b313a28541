"""`briefing strings`: the string table's commands."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.app import main, pass_project
from pipeline.cli.options import _content_paths
from pipeline.errors import (
    FAILED,
    BriefingError,
    UsageError,
)
from pipeline.project import Project


@main.group()
def strings() -> None:
    """The string table: extract, update, check, status, export and import translations.

    Each interview's segments live in locales/content/<slug>.pot and
    locales/<locale>/content/ of the project. Interface strings are built in; a
    project's locales/<locale>/LC_MESSAGES/messages.po overrides or adds translations,
    message by message.
    """


def _all_sources(project: Project):
    from pipeline.content.loader import load_all

    return load_all(_content_paths((), project))


@strings.command()
@pass_project
def extract(project: Project) -> None:
    """Write the templates (.pot) of the content strings (and, in the package's own
    checkout, of the interface strings)."""
    from pipeline.i18n import workflow

    for path in workflow.extract(_all_sources(project), project):
        click.echo(f"wrote {path}")


@strings.command()
@pass_project
def update(project: Project) -> None:
    """Merge the templates into every locale's catalogs (translations kept, changed ones fuzzy).

    Empty entries are pre-filled from the other interviews' catalogs of the same
    locale: the same sentence as translated, a near match as fuzzy."""
    from pipeline.i18n import workflow

    sources = _all_sources(project)
    workflow.extract(sources, project)
    report = workflow.update_catalogs(sources, project)
    for path in report.written:
        click.echo(f"updated {path}")
    for locale, filled in report.prefilled.items():
        click.echo(
            f"{locale}: {filled.total} passages pre-filled from the translation memory"
            f" ({filled.exact} exact, {filled.fuzzy} fuzzy)"
        )
    for locale, changed in report.stale.items():
        if changed:
            click.echo(f"{locale}: {changed} translations now stale (their source changed)")


@strings.command("check")
@pass_project
def check_strings(project: Project) -> None:
    """Check every catalog of the project: msgfmt --check, placeholders, markup, plural
    forms; the glossary (locales/glossary.tbx: approved and forbidden forms of names);
    translate-toolkit's prose checks (numbers, brackets, URLs, spacing, end punctuation)."""
    from pipeline.errors import ContentError
    from pipeline.i18n import workflow

    problems = workflow.check(project, terminology=True)
    if problems:
        raise ContentError(problems)
    click.echo("All catalogs pass their checks.")


@strings.command("status")
@click.option(
    "--min-coverage",
    type=click.FloatRange(0, 100),
    default=None,
    help=f"Exit {FAILED} when a locale has fewer than this percentage of strings translated.",
)
@pass_project
def strings_status(project: Project, min_coverage: float | None) -> None:
    """Translated, stale, fuzzy and untranslated strings per locale, and each content
    catalog's review status (X-Review-Status) and translator (X-Translator).

    Stale: translated once, the source changed since (the note shows the source with a
    notice). Fuzzy: a draft for a translator to confirm, e.g. from the translation memory."""
    from pipeline.i18n import workflow

    sources = _all_sources(project)
    rows = workflow.status(sources, project)
    counts = "done / stale / fuzzy / todo"
    click.echo(f"{'locale':<7} {'interface':>27}  {'content':>27} {'coverage':>9}")
    click.echo(f"{'':<7} {counts:>27}  {counts:>27}")
    for row in rows:
        cells = [
            f"{c.translated:>4} / {c.stale:>5} / {c.fuzzy:>5} / {c.untranslated:>4}"
            for c in (row.interface, row.content)
        ]
        click.echo(f"{row.locale:<7} {cells[0]:>27}  {cells[1]:>27} {row.coverage:8.1f}%")
    _echo_reviews(workflow.reviews(sources, project))
    below = [row.locale for row in rows if min_coverage is not None and row.coverage < min_coverage]
    if below:
        raise BriefingError(f"coverage under {min_coverage:g}% for: {', '.join(below)}")


def _echo_reviews(reviews) -> None:
    """Each content catalog's X-Review-Status and X-Translator header fields."""
    if not reviews:
        return
    click.echo("")
    click.echo("review of the content catalogs (X-Review-Status, X-Translator):")
    for review in reviews:
        status = review.status or "no X-Review-Status"
        by = f" ({review.translator})" if review.translator else ""
        click.echo(f"{review.locale:<7} {review.slug}: {status}{by}")


@strings.command("export")
@click.option(
    "--format", "kind", type=click.Choice(["csv", "xliff"]), default="csv", show_default=True
)
@click.option("--locale", "locale", default=None, help="XLIFF: the target locale (one file each).")
@click.option(
    "--out",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write [default: standard output].",
)
@pass_project
def export_strings(project: Project, kind: str, locale: str | None, target: Path | None) -> None:
    """Export every string with its translations, for a spreadsheet (CSV) or a CAT tool (XLIFF 2)."""
    from pipeline import atomic
    from pipeline.i18n import TRANSLATED_LOCALES, exchange

    slugs = [source.interview.slug for source in _all_sources(project)]
    if kind == "xliff":
        if locale not in TRANSLATED_LOCALES:
            raise UsageError(f"XLIFF needs --locale, one of {', '.join(TRANSLATED_LOCALES)}")
        text = exchange.to_xliff(exchange.rows(slugs, [locale], project.locales), locale)
    else:
        locales = [locale] if locale else list(TRANSLATED_LOCALES)
        text = exchange.to_csv(exchange.rows(slugs, locales, project.locales), locales)
    if target is None:
        click.echo(text, nl=False)
    else:
        atomic.write_bytes(target, text.encode("utf-8"))
        click.echo(f"wrote {target}", err=True)


@strings.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_project
def import_strings(project: Project, source: Path) -> None:
    """Read translations back from an exported CSV or XLIFF file into the project's catalogs."""
    from pipeline.errors import ContentError
    from pipeline.i18n import exchange, workflow

    locales, table = exchange.read_exchange_file(source)
    changed = exchange.apply(table, locales, project.locales, origin=source)
    problems = workflow.check(project, locales)
    for path in changed:
        click.echo(f"updated {path}")
    if problems:
        raise ContentError(problems)
    if not changed:
        click.echo("No translation changed.")


# --- Briefing packs: pack, verify, deliver (see pipeline/pack.py and pipeline/deliver.py) ---
