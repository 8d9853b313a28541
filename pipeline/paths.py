"""Where the project's own files live."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT_ROOT / "templates"
CONTENT = PROJECT_ROOT / "content"


def discover(folder: Path) -> list[Path]:
    """The content files of a folder, in a stable order.

    Every `*.yaml` entry counts, whatever it is: a folder or a broken link under that
    name is reported by the loader, not skipped without a word.
    """
    return sorted(folder.glob("*.yaml"))
