"""Shared fixtures: the seed note built once per session, and sample content to vary."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from pipeline.content import loader as content
from pipeline.engine import plan as pipeline_build
from pipeline.project import Project

ROOT = Path(__file__).resolve().parent.parent
SEED_CONTENT = ROOT / "content" / "kabar-korea-ambassador-interview.yaml"
SEED_SLUG = SEED_CONTENT.stem
EPOCH = "1795766400"  # 2026-11-27 08:00:00 UTC
REPO = Project(ROOT, ROOT / "pyproject.toml")
"""This checkout as the project it is: its content, catalogs and the built-in templates."""


def seed_data() -> dict:
    """The seed content file as plain data, ready to be varied by a test."""
    return yaml.safe_load(SEED_CONTENT.read_text(encoding="utf-8"))


@pytest.fixture
def write_content(tmp_path: Path) -> Callable[..., Path]:
    """Write `data` (default: the seed) as content/<slug>.yaml under a fresh folder."""

    def write(
        data: dict | None = None, *, text: str | None = None, name: str | None = None
    ) -> Path:
        data = copy.deepcopy(data if data is not None else seed_data())
        folder = tmp_path / "content"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name or data.get('slug', 'note')}.yaml"
        if text is None:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _pinned_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def build_note(
    source_path: Path, out_dir: Path, formats=("html", "pdf", "docx")
) -> dict[str, Path]:
    """Build one content file in-process; returns the output path per format."""
    report = pipeline_build.build(
        pipeline_build.plan([source_path], list(formats), project=REPO), out_dir
    )
    assert report.ok, report.failures
    return {output.format: output.path for output in report.outputs}


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed note in all three formats, built once for the whole session."""
    out_dir = tmp_path_factory.mktemp("seed-output")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_note(SEED_CONTENT, out_dir)


@pytest.fixture(scope="session")
def seed_interview():
    return content.load(SEED_CONTENT).interview


@pytest.fixture
def png_file(tmp_path: Path) -> Callable[[Path], Path]:
    """A small real PNG picture at the given path."""
    from PIL import Image

    def make(path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        picture = Image.new("RGB", (120, 160), (31, 61, 99))
        for x in range(30, 90):
            for y in range(40, 120):
                picture.putpixel((x, y), (238, 242, 247))
        picture.save(path, format="PNG")
        return path

    return make


def project_overriding(root: Path, relative: str, change: Callable[[str], str]) -> Project:
    """A project in `root` whose templates/ holds one built-in template, changed by `change`
    (the built-in catalogs translate its interface; it has no content catalogs)."""
    from pipeline.project import BUILTIN_TEMPLATES

    (root / "briefing.toml").touch()
    target = root / "templates" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(change((BUILTIN_TEMPLATES / relative).read_text(encoding="utf-8")))
    return Project(root.resolve(), root.resolve() / "briefing.toml")
