"""The project a command works on: one folder holding a desk's settings and files.

A project is the folder with `briefing.toml` (or a `pyproject.toml` with a
`[tool.briefing]` table), found from the working folder upward, or named with
`--project DIR` or the `BRIEFING_PROJECT` environment variable, as MkDocs and
Quarto find theirs. Everything a run reads or writes is located through the one
`Project` the CLI makes, so no module keeps a path of its own.

The house style (templates, interface catalogs, JSON schemas) ships with the
package in `pipeline/builtin/`; a project overrides it file by file by placing
a file at the same relative path under its own `templates/` (or adding
translations under its own `locales/`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError

SETTINGS_FILE = "briefing.toml"
PYPROJECT_FILE = "pyproject.toml"
PROJECT_ENV = "BRIEFING_PROJECT"

BUILTIN = Path(__file__).resolve().parent / "builtin"
BUILTIN_TEMPLATES = (BUILTIN / "templates").resolve()
BUILTIN_LOCALES = (BUILTIN / "locales").resolve()
BUILTIN_SCHEMAS = (BUILTIN / "schemas").resolve()


class NoProjectError(UsageError):
    """No project folder where the command looked."""


@dataclass(frozen=True)
class Project:
    """Every path a run uses, derived from the project's root folder."""

    root: Path
    settings_file: Path | None = None

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def templates(self) -> Path:
        """The project's own templates; files here win over the built-in ones."""
        return self.root / "templates"

    @property
    def locales(self) -> Path:
        """The project's catalogs: its content translations and interface overrides."""
        return self.root / "locales"

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are looked up, first match wins: the project, then the package."""
        own = self.templates
        if own.is_dir() and own.resolve() != BUILTIN_TEMPLATES:
            return (own.resolve(), BUILTIN_TEMPLATES)
        return (BUILTIN_TEMPLATES,)

    def template_file(self, relative: str) -> Path:
        """The file that will be used for a template path, e.g. `docx/reference.docx`."""
        for folder in self.template_dirs:
            candidate = folder / relative
            if candidate.is_file():
                return candidate
        raise UsageError(f"template {relative} is neither in {self.templates} nor built in")

    @property
    def interface_catalog_dirs(self) -> tuple[Path, ...]:
        """Interface catalogs, most specific first: the project's, then the built-in ones."""
        own = self.locales
        if own.is_dir() and own.resolve() != BUILTIN_LOCALES:
            return (own.resolve(), BUILTIN_LOCALES)
        return (BUILTIN_LOCALES,)

    def relative(self, path: Path) -> str:
        """A path as the user should read it: relative to the project when inside it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def find(explicit: Path | None = None, start: Path | None = None) -> Project:
    """The project named by `--project`, else `BRIEFING_PROJECT`, else the nearest one up."""
    named = explicit or (Path(os.environ[PROJECT_ENV]) if os.environ.get(PROJECT_ENV) else None)
    if named is not None:
        root = named.expanduser().resolve()
        settings = settings_file_of(root)
        if settings is None:
            raise NoProjectError(
                f"{named} is not a briefing project: it holds no {SETTINGS_FILE} and no "
                f"{PYPROJECT_FILE} with a [tool.briefing] table; run `briefing init {named}` "
                "to make it one"
            )
        return Project(root, settings)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        settings = settings_file_of(folder)
        if settings is not None:
            return Project(folder, settings)
    raise NoProjectError(
        f"no briefing project in {here} or any folder above it (a project has a "
        f"{SETTINGS_FILE}); start one with `briefing init`, or name one with "
        f"--project DIR or {PROJECT_ENV}"
    )


def settings_file_of(folder: Path) -> Path | None:
    """The file that makes a folder a project, if it holds one."""
    own = folder / SETTINGS_FILE
    if own.is_file():
        return own
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file() and _has_briefing_table(pyproject):
        return pyproject
    return None


def _has_briefing_table(pyproject: Path) -> bool:
    # A broken pyproject.toml is reported when the settings are loaded, not here.
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return b"[tool.briefing" in _read_bytes(pyproject)
    tool = data.get("tool")
    return isinstance(tool, dict) and "briefing" in tool


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
