"""Delivering a pack, exactly once: to a shared folder (`dir:`) or by e-mail (`smtp://`).

A delivery log beside the packs (`<packs>/deliveries.json`) records every
delivery: a folder per date and target, an e-mail per date, target, list and
recipient the server accepted. Delivering the same date again sends nothing
already recorded, unless `force`. A pack that fails `verify` is never delivered.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import atomic, manifest
from pipeline.config import Config, DirTarget
from pipeline.errors import BriefingError

log = logging.getLogger(__name__)

TEMPORARY_FAILURE = 75
"""Exit status when a delivery could not be made now and should be retried (EX_TEMPFAIL)."""


class DeliveryError(BriefingError):
    """A delivery that cannot succeed as configured; the message says what to change."""


@dataclass
class Outcome:
    """What one target got."""

    target: str
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    """Permanent failures: recipient -> server reply."""
    deferred: dict[str, str] = field(default_factory=dict)
    """Temporary failures still standing after the retries: recipient -> last reply."""

    @property
    def exit_code(self) -> int:
        if self.refused:
            return 1
        return TEMPORARY_FAILURE if self.deferred else 0

    def as_json(self) -> dict:
        return {
            "target": self.target,
            "sent": self.sent,
            "skipped": self.skipped,
            "refused": self.refused,
            "deferred": self.deferred,
        }


class DeliveryLog:
    """`deliveries.json`: one record per thing delivered, rewritten atomically after each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._records: list[dict] = json.loads(path.read_text(encoding="utf-8"))["deliveries"]
        except FileNotFoundError:
            self._records = []
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise DeliveryError(
                f"{path}: the delivery log is unreadable ({error}); fix or move it away "
                "(without it, deliveries already made would be made again)"
            ) from None

    def done(self, date: str, target: str, to: str) -> bool:
        return any(
            (record["date"], record["target"], record["to"]) == (date, target, to)
            for record in self._records
        )

    def record(self, date: str, target: str, to: str, pack: str) -> None:
        self._records.append(
            {
                "date": date,
                "target": target,
                "to": to,
                "pack": pack,
                "at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            }
        )
        text = json.dumps({"deliveries": self._records}, indent=1, ensure_ascii=False) + "\n"
        atomic.write_bytes(self.path, text.encode("utf-8"))


def log_path(pack: Path) -> Path:
    """The delivery log of the packs folder that `pack` belongs to."""
    parent = pack.absolute().parent
    return (parent.parent if parent.name == ".builds" else parent) / "deliveries.json"


def deliver(
    pack: Path,
    spec: str,
    config: Config,
    force: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> Outcome:
    """Deliver `pack` to the target `spec` (a configured name, its URL, or dir:/path)."""
    name, target = config.target(spec)
    problems = manifest.verify(pack)
    if problems:
        raise DeliveryError(
            f"{pack} fails verification; not delivered:\n  " + "\n  ".join(problems)
        )
    document = json.loads((pack / manifest.MANIFEST).read_bytes())
    delivery_log = DeliveryLog(log_path(pack))
    if isinstance(target, DirTarget):
        return _to_folder(pack, document, name, target.folder, delivery_log, force)
    from pipeline import mail

    return mail.deliver(pack, document, name, target, delivery_log, force, sleep)


def _to_folder(
    pack: Path, document: dict, name: str, folder: Path, delivery_log: DeliveryLog, force: bool
) -> Outcome:
    """Copy the pack to `<folder>/<date>/`: copied beside it, then renamed into place."""
    date, outcome = document["date"], Outcome(name)
    destination = folder / date
    if delivery_log.done(date, name, str(destination)) and not force:
        outcome.skipped.append(str(destination))
        return outcome
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _recover(folder)
        incoming = Path(tempfile.mkdtemp(prefix=f".{date}.incoming-", dir=folder))
    except OSError as error:
        raise DeliveryError(f"cannot write to {folder}: {error}") from None
    try:
        shutil.copytree(pack.resolve(), incoming, dirs_exist_ok=True)
        incoming.chmod(0o755)
        if destination.exists():
            retired = folder / f".{date}.old-{os.getpid()}"
            os.rename(destination, retired)
            os.rename(incoming, destination)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(incoming, destination)
    except OSError as error:
        shutil.rmtree(incoming, ignore_errors=True)
        raise DeliveryError(f"cannot copy the pack to {destination}: {error}") from None
    delivery_log.record(date, name, str(destination), document["inputs"])
    outcome.sent.append(str(destination))
    return outcome


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
