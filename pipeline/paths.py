"""Where the project's own files live."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT_ROOT / "templates"
CONTENT = PROJECT_ROOT / "content"
OUTPUT = PROJECT_ROOT / "output"
REFERENCE_DOCX = TEMPLATES / "docx" / "reference.docx"
