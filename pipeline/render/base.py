"""The one interface every output format implements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pipeline.content import LoadedInterview
from pipeline.model import Interview
from pipeline.paths import TEMPLATES


@dataclass(frozen=True)
class RenderJob:
    """Everything a renderer may use; nothing else reaches it."""

    source: LoadedInterview
    built_at: dt.datetime
    templates: Path = TEMPLATES

    @property
    def interview(self) -> Interview:
        return self.source.interview


class Renderer(Protocol):
    """Turns one interview into the bytes of one file."""

    name: str
    suffix: str
    preload: tuple[str, ...]
    """Modules a worker process may import ahead of its first render."""

    def render(self, job: RenderJob) -> bytes: ...
