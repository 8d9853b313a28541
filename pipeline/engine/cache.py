"""The render cache: an output is rendered again only when something that shapes it changed.

An output's key is the SHA-256 of everything that can change its bytes: the
content file and its assets, the template files the project uses (its own
overrides and the built-in ones they leave in place), the interface catalogs of
its locale that are merged (the project's and the built-in one) and its content
catalog, the format and renderer options, the build time written
into it, and the versions of the tools (Python, WeasyPrint, python-docx, Jinja,
Babel, ... and the pipeline's own source code). Keys come from raw bytes,
without loading the model or any renderer, so learning that nothing changed
costs milliseconds and never imports WeasyPrint.

The font files fontconfig picks for the notes' families are in the key too, by
path and size (`render.fonts.fingerprint`, in `tools`). Not in it: a font file
replaced by one of the same name and size, and the Pango/HarfBuzz libraries.
After upgrading those, run `briefing pack --rebuild`."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import platform
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pipeline
from pipeline import __version__, atomic
from pipeline.digests import _digest, _read, digest_files, digest_tree, sha256, tree_files
from pipeline.i18n import catalogs as cat
from pipeline.project import Project
from pipeline.render import fonts

log = logging.getLogger(__name__)

KEY_SCHEMA = 2
"""Bump when what a key covers changes, so old entries stop matching."""
TOOL_DISTRIBUTIONS = (
    "weasyprint",
    "python-docx",
    "pydyf",
    "fonttools",
    "jinja2",
    "babel",
    "pydantic",
    "PyYAML",
)


@dataclass(frozen=True)
class Sources:
    """The digests of what one output came from (they go into the manifest too)."""

    content: str
    templates: str
    catalogs: str


class Fingerprints:
    """Computes output keys; each tree is read once per run."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.template_dirs = project.template_dirs
        self.catalog_dirs = project.interface_catalog_dirs
        # The package's own source, wherever it is installed.
        self.code_dir = Path(pipeline.__file__).resolve().parent
        self.contents: dict[Path, bytes] = {}
        """Each content file's bytes as keyed: the render loads these, never the file again,
        so an edit during the build cannot be stored under the old content's key."""

    @functools.cached_property
    def templates(self) -> str:
        """The file each template path resolves to, first folder first: what the notes use."""
        chosen: dict[str, Path] = {}
        for folder in self.template_dirs:
            for relative, path in tree_files(folder):
                chosen.setdefault(relative, path)
        return digest_files(chosen.items())

    @functools.cached_property
    def code(self) -> str:
        return digest_tree(self.code_dir)

    @functools.cached_property
    def tools(self) -> dict[str, str]:
        versions = {"python": platform.python_version(), "briefing-pipeline": __version__}
        for name in TOOL_DISTRIBUTIONS:
            try:
                versions[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                versions[name] = "absent"
        versions["pipeline-source"] = self.code
        # The font files shape every PDF; Dask workers must match this digest (engine.cluster).
        versions["fonts"] = fonts.fingerprint()
        return versions

    @functools.cache  # noqa: B019 -- one Fingerprints per run; the cache dies with it
    def content(self, path: Path) -> str:
        """The content file and every file of the assets folder beside it."""
        assets = path.parent / "assets"
        raw = _read(path)
        if raw is not None:
            self.contents[path] = raw
        files = [("content.yaml", raw)]
        if assets.is_dir():
            files += [
                (f"assets/{item.relative_to(assets).as_posix()}", _read(item))
                for item in assets.rglob("*")
                if item.is_file()
            ]
        return _digest(files)

    def catalogs(self, locale: str, slug: str) -> str:
        """Every interface catalog merged for `locale`, in its place in the order, and the
        content catalog (which only the project has)."""
        interface = [
            (f"interface-{rank}.po", cat.interface_catalog(locale, folder))
            for rank, folder in enumerate(self.catalog_dirs)
        ]
        content = ("content.po", cat.content_catalog(locale, slug, self.project.locales))
        return digest_files([*interface, content])

    def key(
        self, path: Path, locale: str, format_name: str, options: Mapping[str, object]
    ) -> tuple[str, Sources]:
        sources = Sources(
            content=self.content(path),
            templates=self.templates,
            catalogs=self.catalogs(locale, path.stem),
        )
        material = {
            "schema": KEY_SCHEMA,
            "slug": path.stem,
            "locale": locale,
            "format": format_name,
            "options": dict(options),
            "sources": sources.__dict__,
            "tools": self.tools,
        }
        return sha256(json.dumps(material, sort_keys=True).encode()), sources


@dataclass(frozen=True)
class Entry:
    key: str
    data_path: Path
    meta: dict
    data: bytes
    """The bytes that were checked against the description (the file is not read again)."""

    def read(self) -> bytes:
        return self.data


class RenderCache:
    """Rendered outputs by key: `<root>/<key[:2]>/<key>.out` and its `.json` description.

    Whatever is found there may be damaged (by a crash, a full disk or a hand): an entry
    that cannot be read, or whose description is not an object matching its data, is a
    miss, and `put` replaces whatever stands in its place.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def _paths(self, key: str) -> tuple[Path, Path]:
        folder = self.root / key[:2]
        return folder / f"{key}.out", folder / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        """The entry, if present and intact (a damaged one is a miss)."""
        data_path, meta_path = self._paths(key)
        try:
            meta = json.loads(meta_path.read_bytes())
            data = data_path.read_bytes()
        except (OSError, ValueError, RecursionError):
            return None
        if not (
            isinstance(meta, dict)
            and meta.get("sha256") == sha256(data)
            and meta.get("size") == len(data)
        ):
            log.warning("render cache entry %s is damaged; rendering again", key[:12])
            return None
        with contextlib.suppress(OSError):  # a read-only cache still serves
            os.utime(meta_path)  # last use, for pruning
        return Entry(key, data_path, meta, data)

    def put(self, key: str, data: bytes, meta: Mapping[str, object]) -> Entry:
        data_path, meta_path = self._paths(key)
        full = {**meta, "sha256": sha256(data), "size": len(data)}
        _make_way(data_path, meta_path)
        atomic.write_bytes(data_path, data)
        # The description is written last: an entry without one does not exist.
        atomic.write_bytes(meta_path, json.dumps(full, sort_keys=True, indent=1).encode())
        return Entry(key, data_path, full, data)

    def clean_temporary(self) -> int:
        """Remove half-written files that a killed run left behind."""
        removed = 0
        for path in self.root.glob("*/.*.tmp") if self.root.is_dir() else ():
            _remove(path)
            removed += 1
        return removed

    def prune(self, max_age_days: float) -> int:
        """Remove entries not used for `max_age_days`."""
        cutoff, removed = time.time() - max_age_days * 86400, 0
        for meta_path in self.root.glob("*/*.json") if self.root.is_dir() else ():
            try:
                stale = meta_path.stat().st_mtime < cutoff
            except OSError:
                continue
            if stale:
                _remove(meta_path)
                _remove(meta_path.with_suffix(".out"))
                removed += 1
        return removed


def _make_way(data_path: Path, meta_path: Path) -> None:
    """Clear what a damaged entry left where the new one goes: a folder, or a file as folder."""
    folder = data_path.parent
    if os.path.lexists(folder) and not folder.is_dir():
        folder.unlink()
    for path in (meta_path, data_path):  # description first: without it, no entry exists
        if path.is_dir() and not path.is_symlink():
            _remove(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
