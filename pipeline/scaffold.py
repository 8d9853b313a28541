"""`briefing init` and `briefing templates`: a desk project holding its own files only.

A new project gets settings, one example interview, an empty `locales/` and
`templates/`, a `.gitignore` and a README, and no copy of any built-in template:
the house style comes from the package until the desk overrides a file.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.atomic import write_bytes
from pipeline.digests import tree_files
from pipeline.errors import UsageError
from pipeline.project import BUILTIN, BUILTIN_TEMPLATES, Project

SCAFFOLD = BUILTIN / "scaffold"
# Where each scaffold file lands in the new project ("gitignore" is stored without its
# dot so that packaging tools do not treat it as a rule for the package itself).
FILES = {
    "briefing.toml": "briefing.toml",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "content/example-interview.yaml": "content/example-interview.yaml",
}
SCHEMA_FILE = "content/interview.schema.json"
EMPTY_FOLDERS = ("locales", "templates")


class ProjectExistsError(UsageError):
    """`init` never overwrites a file."""


@dataclass(frozen=True)
class Scaffolded:
    root: Path
    written: list[Path]


def init(folder: Path, schema_text: str) -> Scaffolded:
    """Write a new project into `folder` (made if missing); refuses if any file exists."""
    root = folder.expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise ProjectExistsError(f"{root} is a file; `briefing init` needs a folder")
    planned: dict[Path, bytes | None] = {root / target: None for target in FILES.values()}
    planned[root / SCHEMA_FILE] = schema_text.encode("utf-8")
    taken = [path for path in planned if path.exists() or path.is_symlink()]
    taken += [
        root / name
        for name in EMPTY_FOLDERS
        if (root / name).exists() and not (root / name).is_dir()
    ]
    if taken:
        names = ", ".join(str(path.relative_to(root)) for path in taken)
        raise ProjectExistsError(
            f"{root} already holds {names}; `briefing init` never overwrites a file: "
            "choose an empty folder, or remove those files first"
        )
    sources = {root / target: SCAFFOLD / source for source, target in FILES.items()}
    folders = [
        *reversed(root.parents),
        root,
        *(root / name for name in ("content", *EMPTY_FOLDERS)),
    ]
    made = [folder for folder in folders if not folder.exists()]
    written: list[Path] = []
    try:
        for folder in made:
            folder.mkdir()
        for target, data in planned.items():
            write_bytes(target, data if data is not None else sources[target].read_bytes())
            written.append(target)
    except OSError:
        _undo(written, made)  # half a project would make the next `init` refuse
        raise
    return Scaffolded(root, written)


def _undo(written: list[Path], made: list[Path]) -> None:
    for path in [*written, *reversed(made)]:
        # The system may refuse removals too (read-only); the error says what failed.
        with contextlib.suppress(OSError):
            path.rmdir() if path in made else path.unlink()


@dataclass(frozen=True)
class TemplateFile:
    relative: str
    builtin: bool
    override: Path | None
    """The project's file of the same path, which is used instead of the built-in one."""


def templates(project: Project) -> list[TemplateFile]:
    """Every template file: the built-in ones, which of them the project overrides, and
    the files only the project has (a partial its own templates include, say)."""
    builtin = dict(tree_files(BUILTIN_TEMPLATES))
    own = (
        dict(tree_files(project.templates)) if project.template_dirs[0] != BUILTIN_TEMPLATES else {}
    )
    return [
        TemplateFile(relative, relative in builtin, own.get(relative))
        for relative in sorted(builtin.keys() | own.keys())
    ]


def copy_builtin(project: Project, relative: str) -> Path:
    """Copy one built-in template into the project's `templates/`, to be edited there."""
    source = (BUILTIN_TEMPLATES / relative).resolve()
    if not source.is_relative_to(BUILTIN_TEMPLATES) or not source.is_file():
        raise UsageError(f"{relative} is not a built-in template; `briefing templates` lists them")
    target = project.templates / source.relative_to(BUILTIN_TEMPLATES)
    if target.exists() or target.is_symlink():
        raise ProjectExistsError(f"{target} exists already; edit it there, or remove it first")
    write_bytes(target, source.read_bytes())
    return target
