"""Folder delivery: a pack copied into a share as <share>/<date>/, renamed into place, undone if a run was killed."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from pipeline import atomic
from pipeline.delivery.log import DeliveryError, DeliveryLog, Outcome, crash_point
from pipeline.packs import manifest

log = logging.getLogger(__name__)


def copy_pack(
    pack: Path, document: dict, name: str, folder: Path, delivery_log: DeliveryLog, force: bool
) -> Outcome:
    """Copy the pack to `<folder>/<date>/`: copied beside it, then renamed into place."""
    date, outcome = document["date"], Outcome(name)
    destination = folder / date
    try:
        _recover(folder)
    except OSError as error:
        raise DeliveryError(f"cannot write to {folder}: {error}") from None
    logged = delivery_log.state(date, name, str(destination)) is not None
    if logged and _is_pack(destination) and not force:
        outcome.skipped.append(str(destination))
        return outcome
    if force or not _same_pack(destination, pack):
        if logged and not force:
            log.warning("%s was delivered, but is gone or damaged; delivering again", destination)
        _copy(pack, folder, destination, date)
    try:
        delivery_log.record(date, name, str(destination), document["inputs"])
    except OSError as error:
        raise DeliveryError(
            f"the pack was copied to {destination}, but the delivery log {delivery_log.path} "
            f"could not be written ({error}); the next run finds the copy and records it"
        ) from None
    crash_point("log:written")
    outcome.sent.append(str(destination))
    return outcome


def _copy(pack: Path, folder: Path, destination: Path, date: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        incoming = Path(tempfile.mkdtemp(prefix=f".{date}.incoming-", dir=folder))
    except OSError as error:
        raise DeliveryError(f"cannot write to {folder}: {error}") from None
    crash_point("dir:incoming")
    retired = folder / f".{date}.old-{os.getpid()}"
    try:
        manifest.copy_listed(pack, incoming)  # listed regular files only, no link followed
        incoming.chmod(0o755)
        atomic.fsync_tree(incoming)
        crash_point("dir:copied")
        if destination.exists() or destination.is_symlink():
            os.rename(destination, retired)
            crash_point("dir:moved-aside")
        os.rename(incoming, destination)
        crash_point("dir:in-place")
        atomic.fsync_dir(folder)
    except (OSError, manifest.ManifestError) as error:
        shutil.rmtree(incoming, ignore_errors=True)
        if retired.exists() and not destination.exists():
            with contextlib.suppress(OSError):
                os.rename(retired, destination)
        raise DeliveryError(f"cannot copy the pack to {destination}: {error}") from None
    shutil.rmtree(retired, ignore_errors=True)
    crash_point("dir:done")


def _is_pack(folder: Path) -> bool:
    try:
        return (folder / manifest.MANIFEST).is_file()
    except OSError:
        return False


def _same_pack(folder: Path, pack: Path) -> bool:
    """Whether `folder` holds this very pack (a copy renamed into place, not yet logged)."""
    try:
        theirs = (folder / manifest.MANIFEST).read_bytes()
        return theirs == (pack / manifest.MANIFEST).read_bytes() and not manifest.verify(folder)
    except OSError:
        return False


def _recover(folder: Path) -> None:
    """Undo what a copy killed half-way left: partial copies, and a pack moved aside."""
    for partial in folder.glob(".*.incoming-*"):
        shutil.rmtree(partial, ignore_errors=True)
    for retired in folder.glob(".*.old-*"):
        original = folder / retired.name[1:].split(".old-")[0]
        if original.exists():
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(retired, original)
            log.warning("%s: put back the copy a killed delivery had moved aside", original)
