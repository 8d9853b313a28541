"""E-mail delivery: one message per recipient list, the PDFs attached, the index as its body.

Replies are taken as SMTP means them: a 4xx reply (or a dropped connection) is
temporary and retried with exponential backoff; a 5xx reply is permanent and
reported with the recipient it concerns. A recipient the server accepted is
written to the delivery log at once, so a retry never sends to it twice.

Credentials come only from the environment variables the target names
(`BRIEFING_SMTP_USER`, `BRIEFING_SMTP_PASSWORD` by default); they are sent only
over TLS (STARTTLS when the server offers it, or smtps://), except to a server
on this machine, and never printed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import logging
import os
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from pipeline.config import RecipientList, SmtpTarget
from pipeline.deliver import DeliveryError, DeliveryLog, Outcome

log = logging.getLogger(__name__)


@dataclass
class Sent:
    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    deferred: dict[str, str] = field(default_factory=dict)


def deliver(
    pack: Path,
    document: dict,
    name: str,
    target: SmtpTarget,
    delivery_log: DeliveryLog,
    force: bool,
    sleep: Callable[[float], None],
) -> Outcome:
    date, outcome = document["date"], Outcome(name)
    for list_name, recipients in target.lists.items():
        keys = {address: f"{list_name}/{address}" for address in recipients.to}
        due = [a for a in recipients.to if force or not delivery_log.done(date, name, keys[a])]
        outcome.skipped += [keys[a] for a in recipients.to if a not in due]
        if not due:
            continue
        message = compose(pack, document, target, list_name, recipients)

        def accepted(addresses: list[str]) -> None:
            for address in addresses:
                delivery_log.record(date, name, keys[address], document["inputs"])  # noqa: B023

        sent = send(target, message, due, accepted, sleep)
        outcome.sent += [keys[a] for a in sent.accepted]
        outcome.refused |= {keys[a]: reply for a, reply in sent.refused.items()}
        outcome.deferred |= {keys[a]: reply for a, reply in sent.deferred.items()}
    return outcome


def compose(
    pack: Path, document: dict, target: SmtpTarget, list_name: str, recipients: RecipientList
) -> EmailMessage:
    from pipeline import pack_index

    date = dt.date.fromisoformat(document["date"])
    locales = recipients.locales or document["locales"]
    notes = [
        entry
        for entry in document["files"]
        if entry["format"] != "index" and entry["locale"] in locales
    ]
    pdfs = [entry for entry in notes if entry["format"] == "pdf"]
    total = sum(entry["size"] for entry in pdfs)
    attach = total <= target.attach_limit_mb * 1024 * 1024
    if not attach and not target.link_base:
        raise DeliveryError(
            f"the PDFs for list {list_name!r} come to {total / 2**20:.1f} MB, over "
            f"attach_limit_mb = {target.attach_limit_mb:g}, and the target has no link_base "
            "to link them from instead; raise the limit or set link_base"
        )
    base = f"{target.link_base.rstrip('/')}/{date.isoformat()}/" if target.link_base else None
    attached = {entry["path"] for entry in pdfs} if attach else set()
    intro = "The PDFs are attached." if attach else "The PDFs are linked: too large to attach."
    built_at = dt.datetime.fromisoformat(document["built_at"].replace("Z", "+00:00"))
    html = pack_index.render(
        date,
        built_at,
        notes,
        document.get("failures", []),
        [locale for locale in document["locales"] if locale in locales],
        archive=document["archive"]["path"],
        link=(lambda path: base + path) if base else (lambda path: None),
        attached=attached,
        intro=intro,
    )
    message = EmailMessage()
    message["Subject"] = target.subject.format(date=date.isoformat())
    message["From"] = target.sender
    message["To"] = ", ".join(recipients.to)
    message["Date"] = email.utils.format_datetime(dt.datetime.now(dt.UTC))
    domain = email.utils.parseaddr(target.sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = email.utils.make_msgid(f"briefing.{date}.{list_name}", domain)
    message["X-Briefing-Pack"] = f"{date.isoformat()} {document['inputs'][:16]}"
    message.set_content(_plain(document, notes, attached, base))
    message.add_alternative(html, subtype="html")
    for entry in pdfs if attach else ():
        message.add_attachment(
            (pack / entry["path"]).read_bytes(),
            maintype="application",
            subtype="pdf",
            filename=f"{entry['slug']}.{entry['locale']}.pdf",
        )
    return message


def _plain(document: dict, notes: list[dict], attached: set[str], base: str | None) -> str:
    lines = [f"Briefing pack, {document['date']}", ""]
    for slug in sorted({entry["slug"] for entry in notes}):
        mine = [entry for entry in notes if entry["slug"] == slug]
        lines.append(mine[0]["title"])
        for entry in sorted(mine, key=lambda entry: entry["path"]):
            where = (
                "attached" if entry["path"] in attached else (base + entry["path"] if base else "")
            )
            lines.append(f"  {entry['locale']} {entry['format'].upper()}  {where}".rstrip())
        lines.append("")
    return "\n".join(lines)


def send(
    target: SmtpTarget,
    message: EmailMessage,
    recipients: list[str],
    accepted: Callable[[list[str]], None],
    sleep: Callable[[float], None],
) -> Sent:
    """Send to `recipients`, retrying temporary failures; `accepted` hears of each success."""
    sent, pending, last = Sent(), list(recipients), {}
    for attempt in range(target.retries + 1):
        if attempt:
            delay = target.backoff_seconds * 2 ** (attempt - 1)
            log.warning(
                "%s: temporary failure (%s); retrying in %g s",
                target.url,
                "; ".join(sorted(set(last.values()))),
                delay,
            )
            sleep(delay)
        try:
            rejected = _transmit(target, message, pending)
        except smtplib.SMTPRecipientsRefused as error:
            rejected = error.recipients
        except smtplib.SMTPResponseException as error:
            reply = _reply(error.smtp_code, error.smtp_error)
            if 400 <= error.smtp_code < 500:
                last = dict.fromkeys(pending, reply)
                continue
            sent.refused |= dict.fromkeys(pending, reply)
            pending = []
            break
        except smtplib.SMTPNotSupportedError as error:
            raise DeliveryError(f"{target.url}: {error}") from None
        except OSError as error:  # refused or dropped connection, timeout, TLS failure
            last = dict.fromkeys(pending, f"connection failed: {error or type(error).__name__}")
            continue
        done = [address for address in pending if address not in rejected]
        if done:
            accepted(done)
            sent.accepted += done
        pending, last = [], {}
        for address, (code, text) in rejected.items():
            if 400 <= code < 500:
                pending.append(address)
                last[address] = _reply(code, text)
            else:
                sent.refused[address] = _reply(code, text)
        if not pending:
            break
    sent.deferred = {address: last.get(address, "not sent") for address in pending}
    return sent


def _transmit(target: SmtpTarget, message: EmailMessage, recipients: list[str]) -> dict:
    """One connection: EHLO, STARTTLS when offered, AUTH when configured, the message."""
    context = ssl.create_default_context()
    if target.implicit_tls:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            target.host, target.port, timeout=target.timeout_seconds, context=context
        )
    else:
        smtp = smtplib.SMTP(target.host, target.port, timeout=target.timeout_seconds)
    with smtp:
        smtp.ehlo()
        secure = target.implicit_tls
        if not secure and smtp.has_extn("starttls"):
            smtp.starttls(context=context)
            smtp.ehlo()
            secure = True
        _login(smtp, target, secure)
        sender = email.utils.parseaddr(target.sender)[1]
        return smtp.send_message(message, from_addr=sender, to_addrs=recipients)


def _login(smtp: smtplib.SMTP, target: SmtpTarget, secure: bool) -> None:
    user = os.environ.get(target.username_env)
    if not user:
        return
    password = os.environ.get(target.password_env)
    if not password:
        raise DeliveryError(
            f"{target.username_env} is set but {target.password_env} is not; "
            "set both (or neither, for a server that needs no login)"
        )
    if not secure and not _loopback(target.host):
        raise DeliveryError(
            f"{target.url} offers no STARTTLS, and the password is not sent in clear text; "
            "use smtps:// or a server that offers STARTTLS"
        )
    smtp.login(user, password)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}"
