"""`briefing`: the command line. Thin on purpose: it parses, calls the pipeline, reports.

One module per command group; each registers its commands on the group in `app`.
Heavy modules (pydantic, Jinja, WeasyPrint, python-docx) are imported inside the
commands, so `briefing --help` stays instant.
"""

from pipeline.cli import build, diff, importing, packs, project, serve, strings  # noqa: F401 -- registers the commands
from pipeline.cli.app import main

__all__ = ["main"]
