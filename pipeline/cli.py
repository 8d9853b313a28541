"""`briefing`: the command line. Thin on purpose: it parses, calls the pipeline, reports.

Heavy modules (pydantic, Jinja, WeasyPrint, python-docx) are imported inside the
commands, so `briefing --help` stays instant.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import (
    OS_FAILURE,
    BriefingError,
    UsageError,
    describe_os_error,
    describe_unexpected,
    os_error_behind,
)

FORMATS = ("pdf", "docx", "html")
PROGRESS_THRESHOLD = 3  # outputs; fewer finish before a bar would be worth drawing
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


content_argument = click.argument(
    "content_files", metavar="[CONTENT]...", nargs=-1, type=click.Path(exists=True, path_type=Path)
)


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


@main.command()
@click.option(
    "-f",
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help="Formats to build, comma-separated.",
)
@build_options
@click.pass_context
def build(ctx: click.Context, formats: str, **options: object) -> None:
    """Build briefing notes from CONTENT files or folders (default: content/)."""
    _run_build(ctx, _formats(formats), **options)


def _shortcut(name: str) -> click.Command:
    @click.command(
        name=name, help=f"Build only the {name.upper()} notes (same as build -f {name})."
    )
    @build_options
    @click.pass_context
    def command(ctx: click.Context, **options: object) -> None:
        _run_build(ctx, [name], **options)

    return command


for _name in FORMATS:
    main.add_command(_shortcut(_name))


def _run_build(
    ctx: click.Context,
    formats: list[str],
    content_files: tuple[Path, ...],
    out_dir: Path,
    locales: str | None,
    jobs: int | None,
    allow_missing_glyphs: bool,
    engine: str,
    shared_root: bool,
) -> None:
    from pipeline.executor import Executor, default_jobs
    from pipeline.i18n import parse_locales
    from pipeline.remote import parse_engine, require_engine_for_shared_root

    quiet = ctx.obj["quiet"]
    started = time.perf_counter()
    paths = _content_paths(content_files)
    locale_list = parse_locales(locales)
    expected = len(paths) * len(formats) * len(locale_list or [None])
    # Workers fork before the model is imported, so they warm up while it loads.
    address = parse_engine(engine)
    require_engine_for_shared_root(address, shared_root)
    with Executor(
        jobs or default_jobs(), formats, outputs=expected, engine=address, shared_root=shared_root
    ) as runner:
        from pipeline import build as pipeline_build

        plan = pipeline_build.plan(paths, formats, locale_list, allow_missing_glyphs)
        show_progress = plan.total > PROGRESS_THRESHOLD and not quiet
        progress = click.progressbar(length=plan.total, label="Rendering", file=sys.stderr)
        with progress if show_progress else contextlib.nullcontext() as bar:
            report = pipeline_build.build(
                plan,
                out_dir,
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
        ctx.exit(1)


@main.command()
@content_argument
@click.pass_context
def validate(ctx: click.Context, content_files: tuple[Path, ...]) -> None:
    """Check CONTENT files without building anything."""
    from pipeline.content import load_all

    paths = _content_paths(content_files)
    if not paths:
        raise UsageError("no content files to validate")
    load_all(paths)
    if not ctx.obj["quiet"]:
        click.echo(f"{len(paths)} content file(s) valid.")


@main.command()
@click.option(
    "--out",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=SCHEMA_PATH,
    show_default=True,
    help="Where to write the JSON Schema ('-' for standard output).",
)
@click.option("--check", is_flag=True, help="Exit 1 if the file on disk differs from the model.")
def schema(target: Path, check: bool) -> None:
    """Write the JSON Schema of content files (editors use it for completion)."""
    import json

    from pipeline import atomic
    from pipeline.model import schema as model_schema

    text = json.dumps(model_schema(), indent=2, ensure_ascii=False) + "\n"
    if str(target) == "-":
        click.echo(text, nl=False)
    elif check:
        if not target.is_file() or target.read_bytes() != text.encode("utf-8"):
            raise BriefingError(f"{target} is out of date; run 'briefing schema' and commit it")
    else:
        atomic.write_bytes(target, text.encode("utf-8"))
        click.echo(f"wrote {target}")


@main.command("import")
@click.argument("raw", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="Folder for the content file.",
)
@click.option("--slug", help="Slug and file name  [default: the raw file's name].")
@click.option("--lang", "language", help="Language tag  [default: detected from the script].")
@click.option("--dry-run", is_flag=True, help="Print the YAML instead of writing it.")
@click.option("--force", is_flag=True, help="Replace an existing content file.")
@click.option(
    "--keep-brief", is_flag=True, help="When replacing, keep the brief editors wrote in it."
)
@click.pass_context
def import_(
    ctx: click.Context,
    raw: Path,
    out_dir: Path,
    slug: str | None,
    language: str | None,
    dry_run: bool,
    force: bool,
    keep_brief: bool,
) -> None:
    """Turn a RAW interview text, as pasted from a news site, into content/<slug>.yaml."""
    from pipeline import importer
    from pipeline.importer import save

    data = save.read_raw(raw)
    try:
        result = importer.import_text(data, name=raw.name, slug=slug, language=language)
    except importer.RawTextError as error:  # the importer sees bytes; the user knows the file
        raise importer.RawTextError(f"{raw}: {error}") from None
    target, text = save.prepare(result, out_dir, keep_brief=keep_brief)
    if dry_run:
        click.echo(text, nl=False)
    else:
        save.write(target, text, force=force)
    if not ctx.obj["quiet"]:
        # With --dry-run standard output is the YAML, so the report goes to standard error.
        click.echo(f"{'Would write' if dry_run else 'Wrote'} {target}", err=dry_run)
        for line in importer.format_report(result):
            click.echo(f"  {line}", err=dry_run)


@main.group()
def strings() -> None:
    """The string table: extract, update, check, status, export and import translations.

    Interface strings live in locales/messages.pot and locales/<locale>/LC_MESSAGES/;
    each interview's segments in locales/content/<slug>.pot and locales/<locale>/content/.
    """


def _all_sources():
    from pipeline.content import load_all

    return load_all(_content_paths(()))


@strings.command()
def extract() -> None:
    """Write the templates (.pot) of interface and content strings."""
    from pipeline.i18n import workflow

    for path in workflow.extract(_all_sources()):
        click.echo(f"wrote {path}")


@strings.command()
def update() -> None:
    """Merge the templates into every locale's catalogs (translations kept, changed ones fuzzy)."""
    from pipeline.i18n import workflow

    sources = _all_sources()
    workflow.extract(sources)
    for path in workflow.update(sources):
        click.echo(f"updated {path}")


@strings.command("check")
def check_strings() -> None:
    """Check every catalog: msgfmt --check, placeholders, markup, plural forms."""
    from pipeline.errors import ContentError
    from pipeline.i18n import workflow

    problems = workflow.check()
    if problems:
        raise ContentError(problems)
    click.echo("All catalogs pass their checks.")


@strings.command("status")
@click.option(
    "--min-coverage",
    type=click.FloatRange(0, 100),
    default=None,
    help="Exit 1 when a locale has fewer than this percentage of strings translated.",
)
def strings_status(min_coverage: float | None) -> None:
    """Translated, fuzzy and untranslated strings per locale."""
    from pipeline.i18n import workflow

    rows = workflow.status(_all_sources())
    header = f"{'locale':<7} {'interface':>22} {'content':>22} {'coverage':>9}"
    click.echo(header)
    click.echo(f"{'':<7} {'done / fuzzy / todo':>22} {'done / fuzzy / todo':>22}")
    for row in rows:
        cells = [
            f"{c.translated:>4} / {c.fuzzy:>5} / {c.untranslated:>4}"
            for c in (row.interface, row.content)
        ]
        click.echo(f"{row.locale:<7} {cells[0]:>22} {cells[1]:>22} {row.coverage:8.1f}%")
    below = [row.locale for row in rows if min_coverage is not None and row.coverage < min_coverage]
    if below:
        raise BriefingError(f"coverage under {min_coverage:g}% for: {', '.join(below)}")


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
def export_strings(kind: str, locale: str | None, target: Path | None) -> None:
    """Export every string with its translations, for a spreadsheet (CSV) or a CAT tool (XLIFF 2)."""
    from pipeline import atomic
    from pipeline.i18n import TRANSLATED_LOCALES, exchange

    slugs = [source.interview.slug for source in _all_sources()]
    if kind == "xliff":
        if locale not in TRANSLATED_LOCALES:
            raise UsageError(f"XLIFF needs --locale, one of {', '.join(TRANSLATED_LOCALES)}")
        text = exchange.to_xliff(exchange.rows(slugs, [locale]), locale)
    else:
        locales = [locale] if locale else list(TRANSLATED_LOCALES)
        text = exchange.to_csv(exchange.rows(slugs, locales), locales)
    if target is None:
        click.echo(text, nl=False)
    else:
        atomic.write_bytes(target, text.encode("utf-8"))
        click.echo(f"wrote {target}", err=True)


@strings.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_strings(source: Path) -> None:
    """Read translations back from an exported CSV or XLIFF file into the catalogs."""
    from pipeline.errors import ContentError
    from pipeline.i18n import exchange, workflow

    locales, table = exchange.read_exchange_file(source)
    changed = exchange.apply(table, locales, origin=source)
    problems = workflow.check(locales)
    for path in changed:
        click.echo(f"updated {path}")
    if problems:
        raise ContentError(problems)
    if not changed:
        click.echo("No translation changed.")


# --- Briefing packs: pack, verify, deliver (see pipeline/pack.py and pipeline/deliver.py) ---

EXIT_STATUSES = """\b
Exit status: 0 done; 1 some outputs or deliveries failed; 2 invalid content,
settings or usage; 3 skipped: another run holds the lock; 75 a delivery failed
for now (retry later)."""


@main.command(epilog=EXIT_STATUSES)
@content_argument
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), help="The pack's date [default: today].")
@click.option(
    "-l",
    "--locales",
    "locales",
    metavar="LOCALES",
    help="Comma-separated, or 'all' [default: en,ru,ky,ko].",
)
@click.option(
    "-f",
    "--formats",
    "formats",
    metavar="FORMATS",
    help="Comma-separated [default: pdf,docx,html].",
)
@click.option(
    "--out",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Packs folder [default: output/packs].",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Renders at once [default: cores].")
@click.option(
    "--render-timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Time limit per render, s [default: 120].",
)
@click.option(
    "--render-memory",
    type=click.IntRange(min=64),
    help="Memory limit per render, MB [default: 2048].",
)
@click.option(
    "--deliver", "targets", multiple=True, metavar="TARGET", help="Deliver when built; repeatable."
)
@click.option("--scheduled", is_flag=True, help="Deliver to the settings' [schedule] targets.")
@click.option("--force", is_flag=True, help="Deliver again what the delivery log says was sent.")
@click.option("--rebuild", is_flag=True, help="Render everything again, ignoring the cache.")
@click.option("--allow-missing-glyphs", is_flag=True, help="Build PDFs whose fonts lack glyphs.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable run report.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="Settings file.")
@click.option(
    "--executor",
    "engine",
    default="local",
    show_default=True,
    metavar="ENGINE",
    help="Where renders run: 'local' or 'dask://HOST:PORT' (docs/distributed.md).",
)
@click.option(
    "--shared-root",
    is_flag=True,
    help="Dask workers see this project at the same path: they prepare notes too.",
)
@click.pass_context
def pack(ctx: click.Context, **options) -> None:
    """Build output/packs/<date>/: every note, index.html, manifest.json and a zip.

    Settings (locales, formats, limits, delivery targets) come from briefing.toml
    or [tool.briefing] in pyproject.toml; options given here win.
    """
    import json

    from pipeline import packrun

    run = packrun.prepare(_content_paths(options.pop("content_files")), **options)
    progress = None if ctx.obj["quiet"] or run.as_json else _progress_bar
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


@contextlib.contextmanager
def _progress_bar(total: int):
    if total <= PROGRESS_THRESHOLD:
        yield lambda: None
        return
    with click.progressbar(length=total, label="Rendering", file=sys.stderr) as bar:
        yield lambda: bar.update(1)


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


@main.command(epilog="\b\nExit status: 0 the pack matches its manifest; 1 it does not.")
@click.argument(
    "pack_dir", metavar="PACK", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.pass_context
def verify(ctx: click.Context, pack_dir: Path) -> None:
    """Recompute every checksum of PACK; name each file that differs, is missing or is extra."""
    from pipeline import manifest

    problems = manifest.verify(pack_dir)
    for problem in problems:
        click.secho(f"error: {pack_dir}: {problem}", err=True, fg="red")
    if problems:
        ctx.exit(1)
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
@click.option("--force", is_flag=True, help="Deliver again what the delivery log says was sent.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="Settings file.")
@click.pass_context
def deliver(
    ctx: click.Context, pack_dir: Path, targets: tuple[str, ...], force: bool, config: Path | None
) -> None:
    """Deliver PACK (a folder of output/packs) to each TARGET, once per date."""
    from pipeline import packrun

    outcomes = packrun.deliver_only(pack_dir, targets, force, config)
    for outcome in outcomes:
        _echo_outcome(ctx.obj["quiet"], outcome)
    ctx.exit(packrun.exit_code(None, outcomes))
