"""Where the project's own files live."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT_ROOT / "templates"
CONTENT = PROJECT_ROOT / "content"


def discover(folder: Path) -> list[Path]:
    """The content files of a folder, in a stable order."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())
