"""The one interface every output format implements.

A render has two halves. `prepare` works on the validated model and is cheap;
it runs in the process that loaded the content. `paint` does the heavy work
(layout, packaging) from what `prepare` returned, which is plain picklable
data, so it can run in a worker process that never imports the model."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from pipeline.project import Project

if TYPE_CHECKING:  # the model is heavy to import; workers that only paint never need it
    from pipeline.content.loader import LoadedInterview
    from pipeline.content.records import Interview
from pipeline.i18n.localization import Localization
from pipeline.render.view import ChangeMarks


@dataclass(frozen=True)
class RenderJob:
    """Everything a renderer may use; nothing else reaches it.

    `source.interview` is already in the target locale (see pipeline.i18n.segments).
    `project` gives the house style: its templates and interface catalogs over the
    built-in ones.
    """

    source: LoadedInterview
    built_at: dt.datetime
    project: Project
    localization: Localization | None = None
    allow_missing_glyphs: bool = False
    changes: ChangeMarks | None = None
    """Set for a change view: the note laid out with what changed since the previous pack."""

    @property
    def interview(self) -> Interview:
        return self.source.interview

    @property
    def templates(self) -> tuple[Path, ...]:
        """Template folders, first match wins: the project's, then the built-in one."""
        return self.project.template_dirs

    @property
    def interface_catalogs(self) -> tuple[Path, ...]:
        """Interface catalog folders, most specific first."""
        return self.project.interface_catalog_dirs

    @property
    def locale(self) -> str:
        return self.localization.locale if self.localization else self.interview.language

    @property
    def l10n(self) -> Localization:
        return self.localization or Localization(self.locale, self.locale)


Prepared = TypeVar("Prepared")
"""What a renderer's `prepare` hands to its `paint`."""


class Renderer(ABC, Generic[Prepared]):
    """Turns one interview into the bytes of one file."""

    name: ClassVar[str]
    suffix: ClassVar[str]
    preload: ClassVar[tuple[str, ...]] = ()
    """Modules a worker process may import ahead of its first paint."""
    heavy: ClassVar[bool] = False
    """Its paint lays out pages (seconds, and a heavy library): given cores, it runs in a
    worker of its own; a light paint runs in the process that prepared its note."""
    is_format: ClassVar[bool] = True
    """A format of `build --format`; False for a pack's own target (the book)."""

    @abstractmethod
    def prepare(self, job: RenderJob) -> Prepared:
        """The model-facing half; returns picklable input for `paint`."""

    @abstractmethod
    def paint(self, prepared: Prepared) -> bytes:
        """The heavy half; may run in another process."""

    def render(self, job: RenderJob) -> bytes:
        return self.paint(self.prepare(job))
