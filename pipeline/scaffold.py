"""`briefing init`: a new desk project holding its own files and nothing built in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.atomic import write_bytes
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
    planned = {root / target: SCAFFOLD / source for source, target in FILES.items()}
    planned[root / "content" / "interview.schema.json"] = None  # written from the model
    taken = [path for path in planned if path.exists() or path.is_symlink()]
    if taken:
        names = ", ".join(str(path.relative_to(root)) for path in taken)
        raise ProjectExistsError(
            f"{root} already holds {names}; `briefing init` never overwrites a file: "
            "choose an empty folder, or remove those files first"
        )
    written = []
    for target, source in planned.items():
        data = schema_text.encode() if source is None else source.read_bytes()
        write_bytes(target, data)
        written.append(target)
    for name in EMPTY_FOLDERS:
        (root / name).mkdir(exist_ok=True)
    return Scaffolded(root, written)


@dataclass(frozen=True)
class TemplateFile:
    relative: str
    overridden_by: Path | None


def templates(project: Project) -> list[TemplateFile]:
    """Every built-in template file and, where the project has its own, which file wins."""
    listing = []
    own = next((d for d in project.template_dirs if d != BUILTIN_TEMPLATES), None)
    for path in sorted(p for p in BUILTIN_TEMPLATES.rglob("*") if p.is_file()):
        relative = path.relative_to(BUILTIN_TEMPLATES).as_posix()
        override = own / relative if own is not None and (own / relative).is_file() else None
        listing.append(TemplateFile(relative, override))
    return listing
