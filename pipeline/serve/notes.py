"""What the preview shows (each note in each locale) and what a changed file affects.

A note is known by its file's stem, which is its slug when the file is valid and
still names it when the YAML is broken, so the page of a broken note can say why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.project import Project, discover


@dataclass(frozen=True, order=True)
class Key:
    """One preview: a note in a locale."""

    stem: str
    locale: str

    def __str__(self) -> str:
        return f"{self.stem}/{self.locale}"

    def folder(self, previews: Path) -> Path:
        """Where its preview files go under the preview folder (a content file's stem
        never starts with a dot, so never `..`)."""
        return previews / self.locale / self.stem


@dataclass
class Notes:
    """The notes on show: the files named on the command line, else every content file."""

    project: Project
    named: tuple[Path, ...]
    locales: tuple[str, ...]
    paths: dict[str, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> bool:
        """Look again for content files (one may have been added); whether the list changed."""
        found = self._find()
        changed = found != self.paths
        self.paths = found
        return changed

    def _find(self) -> dict[str, Path]:
        if self.named:
            files: list[Path] = []
            for path in self.named:
                files += discover(path) if path.is_dir() else [path]
        else:
            files = discover(self.project.content) if self.project.content.is_dir() else []
        return {path.stem: path.resolve() for path in files}

    def every_key(self) -> list[Key]:
        return [Key(stem, locale) for stem in self.paths for locale in self.locales]

    def __contains__(self, key: Key) -> bool:
        return key.stem in self.paths and key.locale in self.locales


@dataclass(frozen=True)
class Change:
    """What a set of changed files asks for: which previews to render again, and whether the
    worker must forget what it keeps between renders (templates, interface catalogs)."""

    scopes: frozenset[tuple[str | None, str | None]] = frozenset()
    """(stem, locale) pairs; None stands for every note or every locale."""
    house_style: bool = False
    notes_listed: bool = False
    """A content file came or went: the list of notes may differ."""

    def affects(self, key: Key) -> bool:
        return any(
            stem in (None, key.stem) and locale in (None, key.locale)
            for stem, locale in self.scopes
        )

    def __bool__(self) -> bool:
        return bool(self.scopes) or self.notes_listed


def change_of(paths: Iterable[Path], project: Project, notes: Notes) -> Change:
    """Sort changed files into what they affect: a content file its note in every locale,
    a catalog its locale (a content catalog just its note there), a template or the
    settings everything."""
    scopes: set[tuple[str | None, str | None]] = set()
    house_style = notes_listed = False
    by_path = {path: stem for stem, path in notes.paths.items()}
    for path in paths:
        path = Path(path).resolve()
        if path in by_path:
            scopes.add((by_path[path], None))
            notes_listed = notes_listed or not path.exists()
        elif _is_settings(path, project) or _under(path, project.templates):
            scopes.add((None, None))
            house_style = True
        elif _under(path, project.locales):
            scope = _catalog_scope(path.relative_to(project.locales.resolve()).parts)
            if scope is not None:
                scopes.add(scope)
                house_style = house_style or scope[0] is None
        elif path.suffix == ".yaml" and _under(path, project.content):
            notes_listed = True  # a new or removed note; its page renders when opened
        elif _under(path, project.content) and path.suffix != ".json":
            scopes.add((None, None))  # a picture: which notes use it is in their YAML
    return Change(frozenset(scopes), house_style, notes_listed)


def _catalog_scope(parts: Sequence[str]) -> tuple[str | None, str | None] | None:
    """`ru/content/<slug>.po` -> that note in ru; `ru/LC_MESSAGES/*.po` -> every note in ru."""
    if len(parts) < 3 or not parts[-1].endswith(".po"):
        return None  # templates (.pot) and stray files render nothing
    locale, kind = parts[0], parts[1]
    if kind == "content" and len(parts) == 3:
        return (parts[2].removesuffix(".po"), locale)
    if kind == "LC_MESSAGES":
        return (None, locale)
    return None


def _is_settings(path: Path, project: Project) -> bool:
    return project.settings_file is not None and path == project.settings_file.resolve()


def _under(path: Path, folder: Path) -> bool:
    return path.is_relative_to(folder.resolve())


def watched_paths(project: Project, notes: Notes) -> list[Path]:
    """The folders and files whose changes matter, those that exist."""
    candidates = [project.content, project.templates, project.locales]
    candidates += [path.parent for path in notes.paths.values()]
    if project.settings_file is not None:
        candidates.append(project.settings_file)
    found: list[Path] = []
    for path in candidates:
        path = path.resolve()
        if path.exists() and not any(path.is_relative_to(seen) for seen in found):
            found = [seen for seen in found if not seen.is_relative_to(path)] + [path]
    return found
