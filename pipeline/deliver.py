"""Delivering a pack, exactly once: to a shared folder (`dir:`) or by e-mail (`smtp://`).

A delivery log beside the packs (`<packs>/deliveries.json`) records every
delivery: a folder per date and target, an e-mail per date, target, list and
recipient. Delivering the same date again sends nothing already recorded,
unless `force`. Only a complete pack that passes `verify` is delivered, and one
target failing does not keep the others from being tried.

Exactly once, whatever the server replies and wherever the process is killed:

- A folder gets a copy made beside `<folder>/<date>` and renamed into place. A
  run first undoes what a killed one left (a partial copy, the old copy moved
  aside), and records a copy it finds in place without making it again.
- An e-mail is recorded as *sending* (an intent) just before the end of the
  message is sent, with both possible next versions of the log (delivered, or as
  before) written beside it: the server's reply then only renames one of them
  into place, which needs no free space. A record still *sending* is a delivery
  in doubt (the run stopped between handing the message over and hearing the
  reply): no run sends it again by itself; each names it, until the operator
  sends it again with `force`.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import atomic, manifest
from pipeline.config import Config, DirTarget
from pipeline.errors import BriefingError

log = logging.getLogger(__name__)

TEMPORARY_FAILURE = 75
"""Exit status when a delivery could not be made now and should be retried (EX_TEMPFAIL)."""

DELIVERED, SENDING = "delivered", "sending"
"""The status of a delivery log record: made, or handed over with its outcome unknown."""

CRASH_ENV = "BRIEFING_CRASH_AT"
"""Names a step (`smtp:rcpt`, or `smtp:rcpt#2` for its second time) at which the process
kills itself; set only by the tests that prove a kill at any step loses and repeats nothing."""

_reached: collections.Counter[str] = collections.Counter()


def crash_point(step: str) -> None:
    """Inert unless BRIEFING_CRASH_AT names this step: then SIGKILL, as a crash would."""
    wanted = os.environ.get(CRASH_ENV)
    if not wanted:
        return
    _reached[step] += 1
    name, _, count = wanted.partition("#")
    if name == step and _reached[step] == (int(count) if count.isdigit() else 1):
        os.kill(os.getpid(), signal.SIGKILL)


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
    in_doubt: dict[str, str] = field(default_factory=dict)
    """Handed to the server, its reply unknown: recipient -> what happened. Never resent."""
    error: str | None = None
    """Why the target failed as a whole (what is listed above was still done)."""

    @property
    def exit_code(self) -> int:
        if self.refused or self.in_doubt or self.error:
            return 1
        return TEMPORARY_FAILURE if self.deferred else 0

    def as_json(self) -> dict:
        return {
            "target": self.target,
            "sent": self.sent,
            "skipped": self.skipped,
            "refused": self.refused,
            "deferred": self.deferred,
            "in_doubt": self.in_doubt,
            "error": self.error,
        }


# --- The delivery log ------------------------------------------------------------------------


class DeliveryLog:
    """`deliveries.json`: one record per delivery, each write atomic. Used under the run lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._records = _read_log(path)
        for leftover in path.parent.glob(f".{path.name}.*"):
            # A killed run's prepared versions and temporary files; the log itself is whole.
            with contextlib.suppress(OSError):
                leftover.unlink()

    def last(self, date: str, target: str, to: str) -> dict | None:
        """The newest record of this delivery, if any."""
        for record in reversed(self._records):
            if (record["date"], record["target"], record["to"]) == (date, target, to):
                return record
        return None

    def state(self, date: str, target: str, to: str) -> str | None:
        record = self.last(date, target, to)
        return None if record is None else record.get("status", DELIVERED)

    def record(self, date: str, target: str, to: str, pack: str) -> None:
        """Record a delivery made; raises OSError when the log cannot be written."""
        records = [*self._records, _entry(date, target, to, pack, DELIVERED)]
        atomic.write_bytes(self.path, _dumps(records))
        self._records = records

    def begin(self, entries: Sequence[dict]) -> Intent:
        """Record `entries` as being sent, with the log's next versions prepared beside it.

        Raises OSError, before anything is recorded, when the disk cannot take them.
        """
        before = list(self._records)
        sending = before + [{**entry, "status": SENDING} for entry in entries]
        done = before + [{**entry, "status": DELIVERED} for entry in entries]
        commit, rollback = self._beside("commit"), self._beside("rollback")
        try:
            atomic.write_bytes(commit, _dumps(done))
            atomic.write_bytes(rollback, _dumps(before))
            crash_point("log:prepared")
            atomic.write_bytes(self.path, _dumps(sending))
        except BaseException:
            for path in (commit, rollback):
                path.unlink(missing_ok=True)
            raise
        self._records = sending
        crash_point("log:intent")
        return Intent(self, (commit, done), (rollback, before))

    def _beside(self, name: str) -> Path:
        return self.path.with_name(f".{self.path.name}.{name}")


@dataclass
class Intent:
    """Messages handed over, or about to be: `commit` on acceptance, else `rollback`.

    Each is one rename of a version written in advance; it raises OSError if even
    that fails, and the log then keeps the deliveries in doubt.
    """

    log: DeliveryLog
    commit_to: tuple[Path, list[dict]]
    rollback_to: tuple[Path, list[dict]]

    def commit(self) -> None:
        self._switch(self.commit_to, self.rollback_to[0])

    def rollback(self) -> None:
        self._switch(self.rollback_to, self.commit_to[0])

    def _switch(self, chosen: tuple[Path, list[dict]], other: Path) -> None:
        path, records = chosen
        try:
            os.replace(path, self.log.path)
        finally:
            for leftover in (path, other):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        self.log._records = records
        try:
            _fsync_dir(self.log.path.parent)
        except OSError as error:
            log.warning("%s: written, but not synced to disk: %s", self.log.path, error)


def _entry(date: str, target: str, to: str, pack: str, status: str) -> dict:
    at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return {"date": date, "target": target, "to": to, "pack": pack, "at": at, "status": status}


def _dumps(records: list[dict]) -> bytes:
    return (json.dumps({"deliveries": records}, indent=1, ensure_ascii=False) + "\n").encode()


def _read_log(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return []
    except (OSError, ValueError, RecursionError) as error:
        raise _unreadable(path, str(error) or type(error).__name__) from None
    records = data.get("deliveries") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise _unreadable(path, 'it is not an object with a "deliveries" list')
    for index, record in enumerate(records):
        problem = _record_problem(record)
        if problem:
            raise _unreadable(path, f"deliveries[{index}]: {problem}")
    try:
        _dumps(records)
    except UnicodeEncodeError:
        raise _unreadable(path, "it holds text that is not valid Unicode") from None
    return records


def _record_problem(record: object) -> str | None:
    if not isinstance(record, dict):
        return "not an object"
    for key in ("date", "target", "to"):
        if not isinstance(record.get(key), str):
            return f'"{key}" is missing or not text'
    if record.get("status", DELIVERED) not in (DELIVERED, SENDING):
        return f'"status" is {record["status"]!r}, neither "{DELIVERED}" nor "{SENDING}"'
    return None


def _unreadable(path: Path, why: str) -> DeliveryError:
    return DeliveryError(
        f"{path}: the delivery log is unreadable ({why}); fix or move it away "
        "(without it, deliveries already made would be made again)"
    )


def log_path(pack: Path) -> Path:
    """The delivery log of the packs folder that `pack` belongs to."""
    parent = pack.absolute().parent
    return (parent.parent if parent.name == ".builds" else parent) / "deliveries.json"


# --- Which packs may be delivered --------------------------------------------------------------


def deliverable(pack: Path) -> dict:
    """The manifest of `pack` if it may be delivered: verified, real dates, complete."""
    try:
        problems = manifest.verify(pack)
        document = None if problems else manifest.read(pack)  # follows the schema
    except (OSError, manifest.ManifestError) as error:
        raise DeliveryError(f"{pack}: cannot read the pack ({error}); not delivered") from None
    if problems:
        raise DeliveryError(
            f"{pack} fails verification; not delivered:\n  " + "\n  ".join(problems)
        )
    for key in ("date", "built_at"):
        try:
            dt.datetime.fromisoformat(document[key].replace("Z", "+00:00"))
        except ValueError:
            raise DeliveryError(
                f"{pack / manifest.MANIFEST}: {key}: {document[key]!r} is no real date; "
                "not delivered"
            ) from None
    if document["complete"] is not True:
        failed = ", ".join(failure["path"] for failure in document["failures"])
        raise DeliveryError(
            f"{pack} is incomplete ({failed or 'outputs'} failed); not delivered: fix what "
            "failed and run 'briefing pack' again, which delivers the complete pack"
        )
    return document


# --- Delivering ------------------------------------------------------------------------------


def deliver_all(
    pack: Path,
    specs: Sequence[str],
    config: Config,
    force: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Outcome]:
    """Deliver `pack` to each target in turn: a target that fails says why, the rest go on."""
    try:
        document = deliverable(pack)
        delivery_log = DeliveryLog(log_path(pack))
    except DeliveryError as error:
        return [Outcome(config.target(spec)[0], error=str(error)) for spec in specs]
    outcomes = []
    for spec in specs:
        name, target = config.target(spec)
        try:
            if isinstance(target, DirTarget):
                outcome = _to_folder(pack, document, name, target.folder, delivery_log, force)
            else:
                from pipeline import mail

                outcome = mail.deliver(pack, document, name, target, delivery_log, force, sleep)
        except BriefingError as error:
            outcome = Outcome(name, error=str(error))
        outcomes.append(outcome)
    return outcomes


def _to_folder(
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
        _fsync_tree(incoming)
        crash_point("dir:copied")
        if destination.exists() or destination.is_symlink():
            os.rename(destination, retired)
            crash_point("dir:moved-aside")
        os.rename(incoming, destination)
        crash_point("dir:in-place")
        _fsync_dir(folder)
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


def _fsync_tree(folder: Path) -> None:
    """Copies reach the disk before they are renamed into place (a power cut keeps them)."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
