"""Publishing packs in one step, and the layout of the packs folder.

    output/packs/
      2026-11-27 -> .builds/2026-11-27.x1y2z3   the published pack, switched in one step
      latest     -> .builds/2026-11-27.x1y2z3   the newest complete pack
      .builds/    packs being built and packs published (symlinks above point here)
      .cache/     rendered outputs by key (pipeline.cache)
      .lock       one run at a time (packs.lock)
      deliveries.json   what was delivered where (pipeline.deliver)

A directory cannot be replaced by rename(2), but a symlink can: a pack is
assembled in a fresh folder under `.builds/`, then published by renaming a new
`<date>` symlink over the old one. Readers see the old pack or the new one,
never half of one; a folder no symlink points to is left over, and removed.
`<date>` is switched before `latest`; a run that stopped between the two leaves
`latest` behind, and the next run moves it (even when the pack is up to date).
A `<date>` or `latest` that is not a symlink is someone's own file: never replaced.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from pipeline import atomic
from pipeline.errors import BriefingError, describe_os_error
from pipeline.packs import manifest


class Layout:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.builds = root / ".builds"
        self.cache = root / ".cache"
        self.latest = root / "latest"
        self.deliveries = root / "deliveries.json"

    def dated(self, date: dt.date) -> Path:
        return self.root / date.isoformat()

    def new_build(self, date: dt.date) -> Path:
        self.builds.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{date.isoformat()}.", dir=self.builds))
        folder.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a pack is for readers
        return folder

    def published(self) -> list[Path]:
        """The symlinks of published packs (dates and `latest`)."""
        if not self.root.is_dir():
            return []
        return [path for path in self.root.iterdir() if path.is_symlink()]

    def collect(self) -> list[Path]:
        """Remove builds no symlink points to: left by a killed run, or replaced since."""
        referenced = {path.resolve() for path in self.published()}
        removed = []
        if self.builds.is_dir():
            for folder in self.builds.iterdir():
                if folder.resolve() not in referenced:
                    shutil.rmtree(folder, ignore_errors=True)
                    removed.append(folder)
        for stray in self.root.glob(".link-*"):
            stray.unlink(missing_ok=True)
        return removed

    def check_links(self, date: dt.date) -> None:
        """Refuse, before anything is built, a `<date>` or `latest` that is not a link.

        Such a file or folder is someone's own (a copy, notes): it is never replaced.
        """
        for link in (self.dated(date), self.latest):
            _require_link(link)

    def discard(self, folder: Path) -> None:
        """Remove a build that no published link points to (the old pack stays published)."""
        if folder.resolve() not in {path.resolve() for path in self.published()}:
            shutil.rmtree(folder, ignore_errors=True)

    def switch(self, link: Path, folder: Path) -> None:
        """Point `link` at `folder` in one step (a new symlink renamed over the old one)."""
        _require_link(link)
        temporary = self.root / f".link-{link.name}-{os.getpid()}"
        try:
            temporary.unlink(missing_ok=True)
            temporary.symlink_to(folder.relative_to(self.root))
            os.replace(temporary, link)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise OSError(error.errno, error.strerror, str(link)) from error
        atomic.fsync_dir(self.root)


def _require_link(link: Path) -> None:
    if os.path.lexists(link) and not link.is_symlink():
        kind = "folder" if link.is_dir() else "file"
        raise BriefingError(
            f"{link} is a {kind}, not a link to a published pack; move it away and run again"
        )


def publish(layout: Layout, date: dt.date, folder: Path, complete: bool) -> bool:
    """Switch `<date>` to the new pack, and `latest` if it is complete and the newest.

    Until `<date>` is switched, a failure removes the new pack and leaves the published
    one as it was; after, the next run finishes the move of `latest` (see `settle_latest`).
    """
    try:
        atomic.fsync_tree(folder)
        layout.switch(layout.dated(date), folder)
    except BaseException:
        layout.discard(folder)
        raise
    switched = False
    if complete:
        try:
            switched = settle_latest(layout, date)
        except OSError as error:
            raise BriefingError(
                f"{describe_os_error(error)}; {layout.dated(date)} was published but "
                f"{layout.latest} was not moved to it: run again to move it"
            ) from None
    layout.collect()
    return switched


def settle_latest(layout: Layout, date: dt.date) -> bool:
    """Point `latest` at the (complete) pack of `date` unless a newer pack holds it.

    Publishing moves it so; a run that finds the pack up to date moves it so too,
    since a run killed between the `<date>` and the `latest` switches, or a `latest`
    removed by hand, leaves it behind. True when `latest` is that pack.
    """
    published = layout.dated(date)
    if is_latest(layout, published):
        return True
    target = published.resolve()
    if target.parent != layout.builds.resolve() or not _newest(layout, date):
        return False  # a link made by hand, or an older date: not ours to move
    layout.switch(layout.latest, layout.builds / target.name)
    return True


def _newest(layout: Layout, date: dt.date) -> bool:
    try:
        current = manifest.read(layout.latest)["date"]
    except (manifest.ManifestError, OSError):
        return True
    return date.isoformat() >= current


def is_latest(layout: Layout, pack: Path) -> bool:
    return layout.latest.exists() and layout.latest.resolve() == pack.resolve()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
