"""The SMTP conversation of one message: TLS, login, deadlines, and replies read as accepted, refused, deferred or in doubt."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import re
import smtplib
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.generator import BytesGenerator
from email.message import EmailMessage

from pipeline.delivery.log import DeliveryError, DeliveryLog, Intent, crash_point
from pipeline.network import is_loopback
from pipeline.packs.targets import SmtpTarget

log = logging.getLogger(__name__)


def _run_limit(target: SmtpTarget) -> str:
    return f"run_deadline_seconds = {target.run_deadline_seconds:g}"


@dataclass
class _Attempt:
    """What one connection settled, recipient by recipient."""

    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    retry: dict[str, str] = field(default_factory=dict)
    in_doubt: dict[str, str] = field(default_factory=dict)
    handed_over: list[str] = field(default_factory=list)
    """Recipients of a message the server has whole, its reply not yet read."""

    def settle(self, addresses: list[str], code: int, text: bytes | str) -> None:
        reply = _reply(code, text)
        into = self.refused if 500 <= code <= 599 else self.retry
        into |= dict.fromkeys(addresses, reply)

    def unsettled(self, addresses: list[str]) -> list[str]:
        done = {*self.accepted, *self.refused, *self.retry, *self.in_doubt}
        return [address for address in addresses if address not in done]


def _attempt(
    target: SmtpTarget, data: bytes, recipients: list[str], journal: Journal, seconds: float,
    limit: str,
) -> _Attempt:  # fmt: skip
    """One connection, ended by `seconds` at the latest, whatever the server does."""
    result = _Attempt()
    smtp = _session(target, seconds)
    watchdog = threading.Timer(seconds, smtp.expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        _converse(smtp, target, data, recipients, journal, result)
    except smtplib.SMTPResponseException as error:  # to EHLO, STARTTLS or AUTH; a broken line
        if result.handed_over:
            _in_doubt(result, _reply(error.smtp_code, error.smtp_error))
        else:
            result.settle(result.unsettled(recipients), error.smtp_code, error.smtp_error)
    except smtplib.SMTPNotSupportedError as error:
        raise DeliveryError(f"{target.url}: {error}") from None
    except OSError as error:  # refused or dropped connection, timeout, deadline, TLS failure
        why = f"took longer than {limit}" if smtp.expired else str(error) or type(error).__name__
        if result.handed_over:
            _in_doubt(result, why)
        else:
            result.retry |= dict.fromkeys(result.unsettled(recipients), f"connection failed: {why}")
    finally:
        watchdog.cancel()
        smtp.close()
    return result


def _in_doubt(result: _Attempt, why: str) -> None:
    result.in_doubt |= dict.fromkeys(
        result.handed_over,
        f"no reply after the whole message was handed over ({why}): it may have arrived, so "
        "it is not sent again; if it did not arrive, send it again with --force",
    )
    result.handed_over = []


def _converse(
    smtp: _Session, target: SmtpTarget, data: bytes, recipients: list[str], journal: Journal,
    result: _Attempt,
) -> None:  # fmt: skip
    code, text = smtp.connect(target.host, target.port)
    if code != 220:
        raise smtplib.SMTPConnectError(code, text)
    crash_point("smtp:connected")
    _hello(smtp, target)
    code, text = smtp.mail(target.sender_address, _mail_options(smtp, data))
    if code != 250:
        result.settle(recipients, code, text)
        return
    crash_point("smtp:mail")
    accepted = []
    for address in recipients:
        code, text = smtp.rcpt(address)
        if code in (250, 251):
            accepted.append(address)
            crash_point("smtp:rcpt")
        else:
            result.settle([address], code, text)
    if accepted:
        _transfer(smtp, data, accepted, journal, result)
    _quit(smtp)
    crash_point("smtp:quit")


def _transfer(
    smtp: _Session, data: bytes, accepted: list[str], journal: Journal, result: _Attempt
) -> None:
    """DATA, the message, then its end: recorded as sending first, then as the reply says."""
    code, text = smtp.docmd("DATA")
    if code != 354:
        result.settle(accepted, code, text)
        return
    crash_point("smtp:data")
    smtp.send(data)
    crash_point("smtp:body")
    intent = journal.begin(accepted)
    try:
        smtp.send(b".\r\n")
    except OSError:
        journal.rollback(intent)  # the end never left: the server discards the message
        raise
    result.handed_over = accepted
    code, text = smtp.getreply()
    if 400 <= code <= 599:  # refused for sure: the message may be sent again
        result.handed_over = []
        journal.rollback(intent)
        result.settle(accepted, code, text)
    elif not 200 <= code <= 299:
        _in_doubt(result, f"the server replied {_reply(code, text)}")
    else:
        result.handed_over = []
        crash_point("smtp:accepted")
        failure = journal.commit(intent)
        if failure:
            result.in_doubt |= dict.fromkeys(accepted, failure)
            return
        crash_point("log:committed")
        result.accepted += accepted


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def _quit(smtp: _Session) -> None:
    """QUIT, its reply ignored: what the server accepted is already recorded."""
    try:
        code, text = smtp.docmd("QUIT")
        if code != 221:
            log.info("the server replied %s to QUIT", _reply(code, text))
    except (OSError, smtplib.SMTPException) as error:
        log.info("QUIT: %s", error)


def _flatten(message: EmailMessage) -> bytes:
    """The message as sent after DATA: CRLF lines, dots doubled, without the final dot."""
    with io.BytesIO() as buffer:
        BytesGenerator(buffer, policy=message.policy).flatten(message, linesep="\r\n")
        data = buffer.getvalue()
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def _mail_options(smtp: _Session, data: bytes) -> list[str]:
    options = [f"SIZE={len(data)}"] if smtp.has_extn("size") else []
    if not data.isascii() and smtp.has_extn("8bitmime"):
        options.append("BODY=8BITMIME")
    return options


class _Session(smtplib.SMTP):
    """smtplib.SMTP whose conversation ends by a deadline: `expire` cuts it off at once,
    from another thread, however slowly the server trickles its replies."""

    ends = float("inf")
    _host: str  # smtplib's own: what TLS checks the certificate against (set by connect())

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.ends

    def _get_socket(self, host, port, timeout):
        remaining = self.ends - time.monotonic()
        return super()._get_socket(host, port, max(min(timeout, remaining), 0.001))

    def expire(self) -> None:
        sock = self.sock
        if sock is not None:
            # The plain socket's shutdown, also under TLS: it wakes a blocked read or write.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _TlsSession(_Session, smtplib.SMTP_SSL):
    pass


def _session(target: SmtpTarget, seconds: float) -> _Session:
    if target.implicit_tls:
        context = ssl.create_default_context()
        smtp: _Session = _TlsSession(timeout=target.timeout_seconds, context=context)
    else:
        smtp = _Session(timeout=target.timeout_seconds)
    smtp._host = target.host  # what TLS checks the certificate against; set by connect() only
    smtp.ends = time.monotonic() + seconds
    return smtp


def _hello(smtp: _Session, target: SmtpTarget) -> None:
    """EHLO (or HELO), STARTTLS when offered, AUTH when configured."""
    code, text = smtp.ehlo()
    if not 200 <= code <= 299:
        code, text = smtp.helo()
        if not 200 <= code <= 299:
            raise smtplib.SMTPHeloError(code, text)
    secure = target.implicit_tls
    if not secure and smtp.has_extn("starttls"):
        smtp.starttls(context=ssl.create_default_context())  # raises unless 220
        code, text = smtp.ehlo()
        if not 200 <= code <= 299:
            raise smtplib.SMTPHeloError(code, text)
        secure = True
    _login(smtp, target, secure)


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
    if not secure and not is_loopback(target.host):
        raise DeliveryError(
            f"{target.url} offers no STARTTLS, and the password is not sent in clear text; "
            "use smtps:// or a server that offers STARTTLS"
        )
    try:
        smtp.login(user, password)
    except (smtplib.SMTPResponseException, smtplib.SMTPServerDisconnected):
        raise
    except smtplib.SMTPException as error:  # no AUTH, or no mechanism in common
        raise DeliveryError(f"{target.url}: cannot log in: {error}") from None


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    printable = "".join(char if char.isprintable() else " " for char in text)
    return f"{code} {' '.join(printable.split())}"


@dataclass
class Journal:
    """Records in the delivery log what one message does, recipient by recipient."""

    log: DeliveryLog
    date: str
    target: str
    keys: dict[str, str]
    pack: str
    message: EmailMessage

    def begin(self, addresses: list[str]) -> Intent:
        at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        entries = [
            {"date": self.date, "target": self.target, "to": self.keys[address],
             "pack": self.pack, "at": at, "message_id": str(self.message["Message-ID"])}
            for address in addresses
        ]  # fmt: skip
        try:
            return self.log.begin(entries)
        except OSError as error:
            raise DeliveryError(
                f"cannot write the delivery log {self.log.path} ({_why(error)}); nothing was sent "
                f"to {', '.join(self.keys[a] for a in addresses)} (a delivery is recorded "
                "before it is made): make room, then run again"
            ) from None

    def commit(self, intent: Intent) -> str | None:
        """Record the message accepted; the reason it stays in doubt if that fails."""
        try:
            intent.commit()
        except OSError as error:
            return (
                f"the server accepted the message, but the delivery log {self.log.path} "
                f"could not be updated ({_why(error)}): it still shows the delivery in doubt, so "
                "it is not sent again (later runs name it in doubt; it did arrive)"
            )
        return None

    def rollback(self, intent: Intent) -> None:
        try:
            intent.rollback()
        except OSError as error:
            raise DeliveryError(
                f"the server did not take the message, but the delivery log {self.log.path} "
                f"could not be reset ({_why(error)}): it shows the delivery in doubt; make room, "
                "then send it with --force"
            ) from None
