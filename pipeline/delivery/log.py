"""The delivery log: what was delivered where, recorded atomically, so each pack reaches each reader exactly once."""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import json
import logging
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import atomic
from pipeline.errors import FAILED, OK, TEMPORARY_FAILURE, BriefingError

log = logging.getLogger(__name__)

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
            return FAILED
        return TEMPORARY_FAILURE if self.deferred else OK

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
            atomic.fsync_dir(self.log.path.parent)
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
