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
  sends it again with `force`."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.delivery.folder import copy_pack
from pipeline.delivery.log import DeliveryError, DeliveryLog, Outcome, log_path
from pipeline.errors import BriefingError
from pipeline.packs import manifest
from pipeline.packs.settings import Config
from pipeline.packs.targets import DirTarget

log = logging.getLogger(__name__)


def deliverable(pack: Path) -> dict:
    """The manifest of `pack` if it may be delivered: verified, real dates, complete."""
    document = _verified_manifest(pack)
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


def _verified_manifest(pack: Path) -> dict:
    """The manifest (which follows its schema) of a pack whose every file matches it."""
    try:
        problems = manifest.verify(pack)
        if not problems:
            return manifest.read(pack)
    except (OSError, manifest.ManifestError) as error:
        raise DeliveryError(f"{pack}: cannot read the pack ({error}); not delivered") from None
    raise DeliveryError(f"{pack} fails verification; not delivered:\n  " + "\n  ".join(problems))


# --- Delivering ------------------------------------------------------------------------------


def deliver_all(
    pack: Path,
    specs: Sequence[str],
    config: Config,
    force: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    *,
    templates: tuple[Path, ...],
    catalogs: tuple[Path, ...] = (),
) -> list[Outcome]:
    """Deliver `pack` to each target in turn: a target that fails says why, the rest go on.

    `templates`: the project's template folders, for the e-mail's page (Project.template_dirs);
    `catalogs`: its interface catalogs, for the e-mail's words (Project.interface_catalog_dirs).
    """
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
                outcome = copy_pack(pack, document, name, target.folder, delivery_log, force)
            else:
                from pipeline.delivery import mail

                outcome = mail.send_pack(
                    pack, document, name, target, delivery_log, force, sleep, templates, catalogs
                )
        except BriefingError as error:
            outcome = Outcome(name, error=str(error))
        outcomes.append(outcome)
    return outcomes
