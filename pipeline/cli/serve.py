"""`briefing serve`: the live preview (pipeline.serve), an optional extra."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import click

from pipeline.cli.app import content_argument, main, pass_project
from pipeline.cli.options import locale_option
from pipeline.errors import FAILED, INVALID, OK, UsageError, exit_status_help
from pipeline.network import is_loopback
from pipeline.project import Project

EXTRA_MODULES = ("starlette", "uvicorn", "watchfiles", "pypdfium2")  # PDFium draws the pages
INSTALL_HINT = "pip install 'briefing-pipeline[serve]'"
DEFAULT_PORT = 8000


class MissingExtra(UsageError):
    """The serve extra (Starlette, uvicorn, watchfiles, pypdfium2) is not installed."""


@main.command(
    epilog=exit_status_help(
        OK,
        FAILED,
        INVALID,
        saying={
            OK: "stopped with Ctrl-C or SIGTERM (or, with --once, every preview rendered)",
            FAILED: "with --once: a render failed",
            INVALID: "invalid usage, a port in use, the serve extra missing (or, with --once,"
            " invalid content)",
        },
    )
)
@content_argument
@locale_option("all")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    metavar="N",
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@click.option(
    "--host",
    metavar="ADDRESS",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this machine's own (127.0.0.1, ::1) lets "
    "others on the network read the notes.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the browser.")
@click.option(
    "--once",
    is_flag=True,
    help="Render every preview once, report the problems and exit, serving nothing.",
)
@click.pass_context
@pass_project
def serve(
    ctx: click.Context,
    project: Project,
    content_files: tuple[Path, ...],
    locales: str | None,
    port: int,
    host: str,
    open_browser: bool,
    once: bool,
) -> None:
    """Preview the notes live in the browser: HTML, PDF pages and DOCX pages, again on
    every save of a content file, catalog, template or the settings."""
    from pipeline import clock
    from pipeline.i18n import ALL_LOCALES, parse_locales
    from pipeline.serve.notes import Notes

    _require_extra()
    chosen = tuple(parse_locales(locales) or ALL_LOCALES)
    clock.build_time()  # a bad SOURCE_DATE_EPOCH is said now, not on every page
    notes = Notes(project, content_files, chosen)
    if not notes.paths and (content_files or once):
        raise UsageError(f"no content files to preview; add {project.content}/<slug>.yaml")
    if once:
        _render_once(ctx, project, notes)
        return
    _serve(ctx, project, notes, host, port, open_browser)


def _require_extra() -> None:
    missing = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtra(
            f"briefing serve needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'}"
            f" not installed; install the serve extra: {INSTALL_HINT}"
        )


def _serve(
    ctx: click.Context, project: Project, notes, host: str, port: int, open_browser: bool
) -> None:
    from pipeline.serve import server

    listener = server.bind(host, port)
    if not is_loopback(host):
        click.secho(
            f"warning: --host {host}: anyone who can reach this machine on port "
            f"{listener.getsockname()[1]} can read the notes being previewed (the preview has"
            " no password)",
            err=True,
            fg="yellow",
        )
    previewer = server.start_previewer(project, notes)
    quiet = ctx.obj["quiet"]

    def ready(address: server.Address) -> None:
        if not quiet:
            click.echo(f"Previewing {len(notes.paths)} note(s) at {address.url}  (Ctrl-C stops it)")
            if not previewer.docx_available:
                click.echo("  DOCX pages need LibreOffice (soffice), not found: downloads only.")
        if open_browser:
            import webbrowser  # its import starts a search for browsers: only when asked

            threading.Thread(target=webbrowser.open, args=(address.url,), daemon=True).start()

    server.serve(previewer, listener, ready)


def _render_once(ctx: click.Context, project: Project, notes) -> None:
    """Every preview rendered once, as the pages would show them; problems on standard error."""
    from pipeline.serve import server
    from pipeline.serve.worker import Report

    keys = notes.every_key()
    finished = threading.Event()
    problems: dict[str, list[tuple[str, int]]] = {}
    remaining = {str(key) for key in keys}
    lock = threading.Lock()

    def record(report: Report) -> None:
        with lock:
            if report.error:
                status = INVALID if report.kind == "failed" else FAILED
                problems.setdefault(str(report.key), []).append((report.error, status))
            if report.kind in ("done", "failed"):
                remaining.discard(str(report.key))
                if not remaining:
                    finished.set()

    previewer = server.start_previewer(project, notes, with_docx_pages=False, on_report=record)
    try:
        for key in keys:
            previewer.render(key)
        finished.wait()
    finally:
        previewer.stop()
    for key, found in sorted(problems.items()):
        for message, _status in found:
            click.secho(f"error: {key}: {message}", err=True, fg="red")
    if not ctx.obj["quiet"]:
        click.echo(
            f"Rendered {len(keys) - len(problems)} of {len(keys)} preview(s) in"
            f" {server.preview_folder(project)}."
        )
    if problems:
        ctx.exit(max(status for found in problems.values() for _message, status in found))
