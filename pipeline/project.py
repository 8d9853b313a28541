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
GLOSSARY_FILE = "glossary.tbx"

# The package's own files, wherever it is installed: in a checkout these are links to the
# top-level folders, in a wheel real copies. A worker resolves them on its own machine.
BUILTIN = Path(__file__).resolve().parent / "builtin"
BUILTIN_TEMPLATES = (BUILTIN / "templates").resolve()
BUILTIN_LOCALES = (BUILTIN / "locales").resolve()
BUILTIN_SCHEMAS = (BUILTIN / "schemas").resolve()


class NoProjectError(UsageError):
    """No project folder where the command looked."""


@dataclass(frozen=True)
class Project:
    """Every path a run uses, derived from the project's root folder.

    Only the root travels (to render workers too): the folders below it and the
    built-in files are looked up where the project is used, so a worker with the
    package installed elsewhere still finds its own built-in templates.
    """

    root: Path
    settings_file: Path | None = None

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def packs(self) -> Path:
        """Where packs go unless the settings say otherwise."""
        return self.output / "packs"

    @property
    def templates(self) -> Path:
        """The project's own templates; files here win over the built-in ones."""
        return self.root / "templates"

    @property
    def locales(self) -> Path:
        """The project's catalogs: its content translations and interface overrides."""
        return self.root / "locales"

    @property
    def glossary(self) -> Path:
        """The glossary `strings check` applies: the project's own, else the built-in one."""
        own = self.locales / GLOSSARY_FILE
        return own if own.is_file() else BUILTIN_LOCALES / GLOSSARY_FILE

    @property
    def schema_file(self) -> Path:
        """The JSON Schema of content files, beside them for editors' completion."""
        return self.content / "interview.schema.json"

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are looked up, first match wins: the project, then the package."""
        return _chain(self.templates, BUILTIN_TEMPLATES)

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
        return _chain(self.locales, BUILTIN_LOCALES)

    @property
    def is_source_checkout(self) -> bool:
        """This project's catalogs are the built-in ones: it is the package's own checkout."""
        return _same(self.locales, BUILTIN_LOCALES)

    def resolve(self, path: Path) -> Path:
        """A path from the settings: relative ones are relative to the project's root."""
        return path if path.is_absolute() else self.root / path


def user_cache() -> Path:
    """What only speeds up later runs, for every project of this user (compiled templates,
    WeasyPrint's library search): `$XDG_CACHE_HOME/briefing`, safe to delete at any time.
    Outside the project, so that a build writes nothing there but its outputs."""
    if cache_home := os.environ.get("XDG_CACHE_HOME"):
        return Path(cache_home) / "briefing"
    try:
        return Path.home() / ".cache" / "briefing"
    except RuntimeError:
        # No HOME and no passwd entry (a container's arbitrary uid): a folder nothing can
        # create, so every cache reads nothing and writes nothing, and the build goes on.
        return Path(os.devnull) / "briefing"


def _chain(own: Path, builtin: Path) -> tuple[Path, ...]:
    if own.is_dir() and not _same(own, builtin):
        return (own.resolve(), builtin)
    return (builtin,)


def _same(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve()
    except OSError:  # a link loop: not the package's folder
        return False


def find(explicit: Path | None = None, start: Path | None = None) -> Project:
    """The project named by `--project`, else `BRIEFING_PROJECT`, else the nearest one up."""
    named = explicit or (Path(os.environ[PROJECT_ENV]) if os.environ.get(PROJECT_ENV) else None)
    if named is not None:
        root = named.expanduser().resolve()
        settings = settings_file_of(root)
        if settings is None:
            how = "--project" if explicit else PROJECT_ENV
            raise NoProjectError(
                f"{named} (from {how}) is not a briefing project: it holds no {SETTINGS_FILE} "
                f"and no {PYPROJECT_FILE} with a [tool.briefing] table; run "
                f"`briefing init {named}` to make it one"
            )
        return Project(root, settings)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        settings = settings_file_of(folder)
        if settings is not None:
            return Project(folder, settings)
    near_miss = next(
        (why for folder in (here, *here.parents) if (why := _not_a_project(folder))), ""
    )
    raise NoProjectError(
        f"no briefing project in {here} or any folder above it (a project is a folder with a "
        f"{SETTINGS_FILE}){near_miss}; start one with `briefing init`, or name one with "
        f"--project DIR or {PROJECT_ENV}"
    )


def settings_file_of(folder: Path) -> Path | None:
    """The file that makes a folder a project, if it holds one."""
    own = folder / SETTINGS_FILE
    if own.exists() or own.is_symlink():  # even a broken one: loading the settings says why
        return own
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file() and _has_briefing_table(pyproject):
        return pyproject
    return None


def _not_a_project(folder: Path) -> str:
    """Why a pyproject.toml in `folder` did not make it a project, if there is one."""
    pyproject = folder / PYPROJECT_FILE
    if not (pyproject.exists() or pyproject.is_symlink()):
        return ""
    if not pyproject.is_file():
        return f"; {pyproject} is not a file, so it was not read"
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        return f"; {pyproject} cannot be read ({error.strerror or error})"
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return f"; {pyproject} is not valid TOML"
    tool = data.get("tool")
    if not isinstance(tool, dict):
        return f"; {pyproject} has no [tool.briefing] table (its `tool` is not a table)"
    return f"; {pyproject} has no [tool.briefing] table"


def _has_briefing_table(pyproject: Path) -> bool:
    # A broken pyproject.toml is reported when the settings are loaded, not here.
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return b"[tool.briefing" in _read_bytes(pyproject)
    tool = data.get("tool")
    return isinstance(tool, dict) and "briefing" in tool


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(1024 * 1024)
    except OSError:
        return b""


def discover(folder: Path) -> list[Path]:
    """The content files of a folder, in a stable order.

    Every `*.yaml` entry counts, whatever it is: a folder or a broken link under that
    name is reported by the loader, not skipped without a word.
    """
    return sorted(folder.glob("*.yaml"))
