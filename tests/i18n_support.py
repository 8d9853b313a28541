"""A desk project in a temporary folder: the seed, its content catalogs, no interface ones."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.project import Project
from tests.conftest import ROOT, SEED_SLUG


def seed_desk(root: Path, locales: tuple[str, ...] = ("ru", "ky", "ko")) -> Project:
    """`root` made a project holding the seed and its content catalogs in `locales`."""
    (root / "content").mkdir(parents=True)
    shutil.copy(ROOT / "content" / f"{SEED_SLUG}.yaml", root / "content")
    (root / "locales" / "content").mkdir(parents=True)
    shutil.copy(ROOT / "locales" / "content" / f"{SEED_SLUG}.pot", root / "locales" / "content")
    for locale in locales:
        folder = root / "locales" / locale / "content"
        folder.mkdir(parents=True)
        shutil.copy(ROOT / "locales" / locale / "content" / f"{SEED_SLUG}.po", folder)
    (root / "briefing.toml").write_text("", encoding="utf-8")
    return Project(root, root / "briefing.toml")


def content_catalog(project: Project, locale: str, slug: str = SEED_SLUG) -> Path:
    return project.locales / locale / "content" / f"{slug}.po"
