"""E-mail delivery: one digest per recipient list (pipeline.delivery.digest), the PDFs attached.

Replies are taken as SMTP means them: a 4xx reply (or a dropped connection) before
the message was handed over is temporary and retried with exponential backoff; a
5xx reply is permanent and reported with the recipient it concerns. Once the
server has the whole message, only its reply to it counts: 250 is recorded in the
delivery log at once (before QUIT, whose reply is ignored); no reply at all leaves
the delivery in doubt, and it is never sent again by itself (see pipeline.deliver).

Every attempt has a deadline (`message_deadline_seconds`, however slowly the server
trickles its replies) and so has the whole run (`run_deadline_seconds`, retries and
their waits included); what is not sent by then is left for the next run.

Credentials come only from the environment variables the target names
(`BRIEFING_SMTP_USER`, `BRIEFING_SMTP_PASSWORD` by default); they are sent only
over TLS (STARTTLS when the server offers it, or smtps://), except to a server
on this machine, and never printed."""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from pipeline.delivery.log import (
    DELIVERED,
    DeliveryError,
    DeliveryLog,
    Outcome,
)
from pipeline.delivery.smtp import Journal, _attempt, _flatten, _run_limit
from pipeline.packs.targets import ANY_LOCALE, RecipientList, SmtpTarget, for_locale
from pipeline.project import BUILTIN_LOCALES

log = logging.getLogger(__name__)


@dataclass
class Sent:
    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    deferred: dict[str, str] = field(default_factory=dict)
    in_doubt: dict[str, str] = field(default_factory=dict)


def send_pack(
    pack: Path,
    document: dict,
    name: str,
    target: SmtpTarget,
    delivery_log: DeliveryLog,
    force: bool,
    sleep: Callable[[float], None],
    templates: tuple[Path, ...],
    catalogs: tuple[Path, ...] = (),
) -> Outcome:
    """E-mail the pack to each recipient list of `target` not yet served (all with `force`)."""
    date, outcome = document["date"], Outcome(name)
    run_ends = time.monotonic() + target.run_deadline_seconds
    for list_name, recipients in target.lists.items():
        keys = {address: f"{list_name}/{address}" for address in recipients.to}
        due = _due(delivery_log, date, name, keys, force, outcome)
        if not due:
            continue
        try:
            message = compose(pack, document, target, list_name, recipients, templates, catalogs)
            journal = Journal(delivery_log, date, name, keys, document["inputs"], message)
            sent = send(target, message, due, journal, sleep, run_ends)
        except DeliveryError as error:  # this list only: another may be smaller, say
            outcome.error = f"{outcome.error}; {error}" if outcome.error else str(error)
            continue
        outcome.sent += [keys[a] for a in sent.accepted]
        outcome.refused |= {keys[a]: reply for a, reply in sent.refused.items()}
        outcome.deferred |= {keys[a]: reply for a, reply in sent.deferred.items()}
        outcome.in_doubt |= {keys[a]: why for a, why in sent.in_doubt.items()}
    return outcome


def _due(
    delivery_log: DeliveryLog,
    date: str,
    name: str,
    keys: dict[str, str],
    force: bool,
    outcome: Outcome,
) -> list[str]:
    """The recipients to send to now; the others are skipped, or named as in doubt."""
    due = []
    for address, key in keys.items():
        record = delivery_log.last(date, name, key)
        if force or record is None:
            due.append(address)
        elif record.get("status", DELIVERED) == DELIVERED:
            outcome.skipped.append(key)
        else:
            outcome.in_doubt[key] = (
                f"the run of {record.get('at', '(time unknown)')} stopped while handing message "
                f"{record.get('message_id', '(no Message-ID)')} to the server, before its "
                "reply was recorded; it is not sent again, so it arrives once at most: if it "
                "did not arrive, send it again with --force"
            )
    return due


def compose(
    pack: Path,
    document: dict,
    target: SmtpTarget,
    list_name: str,
    recipients: RecipientList,
    templates: tuple[Path, ...],
    catalogs: tuple[Path, ...] = (),
) -> EmailMessage:
    """The digest for one list: text and HTML alternatives, then the PDFs (or links to them).

    The PDFs are the list's notes and books; over `attach_limit_mb` they are linked
    from `link_base` instead.
    """
    from pipeline.delivery import digest

    date = dt.date.fromisoformat(document["date"])
    wanted = recipients.locales or document["locales"]
    locales = [locale for locale in document["locales"] if locale in wanted]
    pdfs = [
        entry
        for entry in document["files"]
        if entry["format"] in ("pdf", "book") and entry["locale"] in locales
    ]
    total = sum(entry["size"] for entry in pdfs)
    attach = total <= target.attach_limit_mb * 1024 * 1024
    if not attach and not target.link_base:
        raise DeliveryError(
            f"the PDFs for list {list_name!r} come to {total / 2**20:.1f} MB, over "
            f"attach_limit_mb = {target.attach_limit_mb:g}, and the target has no link_base "
            "to link them from instead; raise the limit or set link_base"
        )
    base = f"{target.link_base.rstrip('/')}/{date.isoformat()}/" if target.link_base else None
    day = digest.Day(
        document,
        locales,
        link=(lambda path: base + path) if base else (lambda path: None),
        attached={entry["path"] for entry in pdfs} if attach else set(),
        attachment_name=attachment_name,
    )
    composed = digest.compose(day, target, templates, catalogs or (BUILTIN_LOCALES,))
    message = EmailMessage()
    set_headers(message, target, list_name, recipients, date.isoformat(), composed.subject)
    message["X-Briefing-Pack"] = f"{date.isoformat()} {document['inputs'][:16]}"
    message.set_content(composed.text)
    message.add_alternative(composed.html, subtype="html")
    for entry in pdfs if attach else ():
        try:
            data = (pack / entry["path"]).read_bytes()
        except OSError as error:
            raise DeliveryError(f"{pack}: cannot read {entry['path']} ({error})") from None
        message.add_attachment(
            data, maintype="application", subtype="pdf", filename=attachment_name(entry)
        )
    return message


def attachment_name(entry: dict) -> str:
    """A note's PDF travels as `<slug>.<locale>.pdf`; a book under its own name."""
    if entry["format"] == "book":
        return entry["path"]
    if entry.get("view"):  # a change view beside its note: `<slug>.<locale>.changes.pdf`
        return f"{entry['slug']}.{entry['locale']}.{entry['view']}.pdf"
    return f"{entry['slug']}.{entry['locale']}.pdf"


def set_headers(
    message: EmailMessage,
    target: SmtpTarget,
    list_name: str,
    recipients: RecipientList,
    date: str,
    subject: str | None = None,
) -> None:
    """Subject, From, To, Date and Message-ID; the settings were checked for each at load.

    `subject`: the digest's, localized; None: the target's subject for every locale.
    """
    fallback = for_locale(target.subject, ANY_LOCALE) or "Briefing pack {date}"
    message["Subject"] = subject if subject is not None else fallback.format(date=date)
    message["From"] = target.sender
    message["To"] = ", ".join(recipients.to)
    message["Date"] = email.utils.format_datetime(dt.datetime.now(dt.UTC))
    domain = target.sender_address.rpartition("@")[2]
    message["Message-ID"] = email.utils.make_msgid(f"briefing.{date}.{list_name}", domain)


# --- Sending --------------------------------------------------------------------------------


def send(
    target: SmtpTarget,
    message: EmailMessage,
    recipients: list[str],
    journal: Journal,
    sleep: Callable[[float], None],
    run_ends: float,
) -> Sent:
    """Send to `recipients`, retrying temporary failures until the retries or the run end."""
    data = _flatten(message)
    sent, pending = Sent(), list(recipients)
    last: dict[str, str] = {}  # recipient -> the last temporary failure it met
    for attempt in range(target.retries + 1):
        remaining = run_ends - time.monotonic()
        delay = target.backoff_seconds * 2 ** (attempt - 1) if attempt else 0.0
        if remaining <= delay:
            stop = f"not sent: {_run_limit(target)} has passed"
            if remaining > 0:
                stop = f"not retried: waiting {delay:g} s would pass {_run_limit(target)}"
            last = {a: f"{last[a]}; {stop}" if a in last else stop for a in pending}
            break
        if delay:
            log.warning(
                "%s: temporary failure (%s); retrying in %g s",
                target.url,
                "; ".join(sorted(set(last.values()))),
                delay,
            )
            sleep(delay)
        seconds = min(target.message_deadline_seconds, run_ends - time.monotonic())
        limit = (
            f"message_deadline_seconds = {target.message_deadline_seconds:g}"
            if seconds == target.message_deadline_seconds
            else _run_limit(target)
        )
        result = _attempt(target, data, pending, journal, seconds, limit)
        sent.accepted += result.accepted
        sent.refused |= result.refused
        sent.in_doubt |= result.in_doubt
        pending, last = list(result.retry), result.retry
        if not pending:
            break
    sent.deferred = {address: last.get(address, "not sent") for address in pending}
    return sent
