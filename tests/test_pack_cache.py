"""The render cache: what changes a key (and what does not), damaged entries, pruning."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline.engine import cache
from pipeline.project import BUILTIN_TEMPLATES, Project
from tests.conftest import ROOT, SEED_CONTENT

OPTIONS = {"allow_missing_glyphs": False, "rendered_at": "2026-11-27T08:00:00+00:00"}


@pytest.fixture
def trees(tmp_path) -> tuple[Path, Path, Path]:
    """A project holding a copy of every template and of the checkout's catalogs."""
    templates = Path(shutil.copytree(BUILTIN_TEMPLATES, tmp_path / "templates"))
    locales = Path(shutil.copytree(ROOT / "locales", tmp_path / "locales"))
    content = Path(shutil.copy(SEED_CONTENT, tmp_path / SEED_CONTENT.name))
    return templates, locales, content


def keys(templates: Path, locales: Path, content: Path, **options) -> dict[tuple[str, str], str]:
    project = Project(templates.parent)
    assert project.templates == templates and project.locales == locales
    fingerprints = cache.Fingerprints(project)
    return {
        (locale, format_name): fingerprints.key(content, locale, format_name, OPTIONS | options)[0]
        for locale in ("en", "ru", "ky")
        for format_name in ("pdf", "html")
    }


def changed(before: dict, after: dict) -> set:
    return {name for name in before if before[name] != after[name]}


def test_the_same_inputs_give_the_same_keys(trees):
    assert keys(*trees) == keys(*trees)


def test_a_template_change_misses_every_output(trees):
    templates, locales, content = trees
    before = keys(*trees)
    (templates / "css" / "note.css").write_text("/* restyled */", encoding="utf-8")
    assert changed(before, keys(*trees)) == set(before)


def test_a_catalog_change_misses_only_its_locale(trees):
    templates, locales, content = trees
    before = keys(*trees)
    catalog = locales / "ru" / "content" / f"{content.stem}.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert changed(before, keys(*trees)) == {("ru", "pdf"), ("ru", "html")}


def test_content_assets_options_and_tools_are_in_the_key(trees, monkeypatch):
    templates, locales, content = trees
    before = keys(*trees)
    (content.parent / "assets").mkdir()
    (content.parent / "assets" / "portrait.png").write_bytes(b"picture")
    assert changed(before, keys(*trees)) == set(before)
    assert changed(before, keys(*trees, rendered_at="2026-11-28T00:00:00+00:00")) == set(before)
    (content.parent / "assets" / "portrait.png").unlink()
    assert keys(*trees) == before
    monkeypatch.setattr(cache, "TOOL_DISTRIBUTIONS", ("weasyprint", "no-such-tool"))
    assert changed(before, keys(*trees)) == set(before)


def test_a_damaged_entry_is_a_miss_and_pruning_removes_old_entries(tmp_path):
    store = cache.RenderCache(tmp_path / "cache")
    key = "ab" + "0" * 62
    entry = store.put(key, b"%PDF-1.7 bytes", {"format": "pdf"})
    assert store.get(key).read() == b"%PDF-1.7 bytes" and entry.meta["size"] == 14
    entry.data_path.write_bytes(b"%PDF-1.7 bytez")
    assert store.get(key) is None

    store.put(key, b"fresh", {})
    (tmp_path / "cache" / "ab" / ".leftover.tmp").write_bytes(b"half")
    assert store.clean_temporary() == 1
    old = time.time() - 40 * 86400
    os.utime(store._paths(key)[1], (old, old))
    assert store.prune(30) == 1 and store.get(key) is None
