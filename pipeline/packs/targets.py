"""Delivery targets as the settings file describes them: shared folders and SMTP servers, checked completely at load."""

from __future__ import annotations

import email.utils
import ipaddress
import re
import string
from email.headerregistry import Address, AddressHeader, HeaderRegistry
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from pipeline.errors import UsageError
from pipeline.language_tags import tag_problem


class ConfigError(UsageError):
    """The settings file is unreadable or invalid; every problem is listed with its key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# What a mail header or a command line to the server must never carry: line breaks and
# other controls (header injection), and lone surrogates (which cannot be encoded).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_ADDR_SPEC = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_HOSTNAME.pattern}")
_SMTP_URL = re.compile(r"(smtps?)://(\[[0-9A-Fa-f:.]+\]|[^\[\]/:@?#]*)(?::([0-9]*))?/?")


def _no_controls(value: str) -> str:
    found = _CONTROLS.search(value)
    if found:
        raise ValueError(
            f"{value!r} holds the control character U+{ord(found.group()):04X} (a line break "
            "would start a new mail header); write it on one line, in plain characters"
        )
    return value


def addr_spec(value: str) -> str:
    """A bare address exactly as the server will be sent it, or ValueError.

    Parsed with the standard library as well: an address its parsers read differently
    (`a;b@example.org` is read as `a`) would reach someone else than written.
    """
    _no_controls(value)
    if not value.isascii() or len(value) > 254 or not _ADDR_SPEC.fullmatch(value):
        raise ValueError(
            f"{value!r} does not look right (a plain address such as ana@example.org: "
            "letters, digits and dots; an international domain in its xn-- form)"
        )
    if len(value.partition("@")[0]) > 64 or not _round_trips(value):
        raise ValueError(f"{value!r} is not an address the mail software reads the same way")
    return value


def _round_trips(value: str) -> bool:
    try:
        parsed = Address(addr_spec=value).addr_spec
    except Exception:  # the email parser raises assorted errors on malformed addresses
        return False
    return parsed == value and email.utils.parseaddr(value) == ("", value)


def _sender(value: str) -> str:
    _no_controls(value)
    try:
        addresses = _from_addresses(value)
    except Exception:  # the email parser raises assorted errors on malformed headers
        addresses = ()
    if len(addresses) != 1:
        raise ValueError(
            f"{value!r} is not one address such as 'Briefings <briefings@example.org>' "
            "(quote a name that holds commas: '\"Desk, Bishkek\" <desk@example.org>')"
        )
    addr_spec(addresses[0].addr_spec)
    return value


def _from_addresses(value: str) -> tuple[Address, ...]:
    """The addresses of `value` read as a From header; ValueError if it has any defect."""
    header = HeaderRegistry()("From", value)
    if header.defects or not isinstance(header, AddressHeader):
        raise ValueError(f"{value!r} is no clean From header")
    return header.addresses


def _subject(value: str) -> str:
    _no_controls(value)
    try:
        fields = [f[1:] for f in string.Formatter().parse(value) if f[1] is not None]
        plain = all(field == ("date", "", None) for field in fields)
    except ValueError:  # a lone brace
        plain = False
    if not plain:
        raise ValueError(
            f"{value!r}: only {{date}} may stand in braces (the pack's date); "
            "write {{ and }} for a brace itself"
        )
    return value


def _link_base(value: str | None) -> str | None:
    if value is None:
        return value
    parts = urlsplit(_no_controls(value))
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
        raise ValueError(
            f"{value!r} is not a web address such as https://intranet.example.org/briefings/"
        )
    return value


def _env_name(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise ValueError(f"{value!r} is not the name of an environment variable")
    return value


def split_smtp_url(url: str) -> tuple[str, int]:
    """Host and port of an smtp:// or smtps:// URL, or ValueError saying what is wrong."""
    match = _SMTP_URL.fullmatch(url)
    hint = "use smtp://host:port or smtps://host:port, with nothing after the port"
    if not match:
        raise ValueError(f"{url!r} does not look right ({hint})")
    scheme, host, port = match.groups()
    host = host.removeprefix("[").removesuffix("]")
    if not _valid_host(host):
        raise ValueError(f"{url!r}: {host!r} is not a host name or IP address ({hint})")
    if port is None:
        return host, 465 if scheme == "smtps" else 25
    if not port or not 1 <= int(port) <= 65535:
        raise ValueError(f"{url!r}: the port must be a number from 1 to 65535")
    return host, int(port)


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return len(host) <= 253 and bool(_HOSTNAME.fullmatch(host))


def _smtp_url(value: str) -> str:
    split_smtp_url(value)
    return value


def _dir_url(value: str) -> str:
    if "\x00" in value:
        raise ValueError(f"{value!r}: a folder name cannot hold a NUL character")
    return value


_LIST_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

Seconds = Annotated[float, Field(allow_inf_nan=False)]
ANY_LOCALE = "*"


def _per_locale(value: object) -> object:
    # One line for every locale is checked here, so a mistake is reported at its own key.
    return {ANY_LOCALE: _subject(value)} if isinstance(value, str) else value


def _locale_keys(value: dict[str, str]) -> dict[str, str]:
    _known_locales([key for key in value if key != ANY_LOCALE])
    return value


PerLocale = Annotated[
    dict[str, Annotated[str, Field(min_length=1), AfterValidator(_subject)]],
    BeforeValidator(_per_locale),
    AfterValidator(_locale_keys),
]
"""A subject or preheader: one line, with only `{date}` in braces; one for every locale, or
a table of them by locale (`*` for the others)."""


def for_locale(value: dict[str, str], locale: str) -> str | None:
    """The subject or preheader for `locale`: its own, else the one for every locale."""
    return value.get(locale, value.get(ANY_LOCALE))


class DirTarget(_Strict):
    """Copy each pack into a shared folder, as <folder>/<date>/."""

    url: Annotated[str, Field(pattern=r"^dir:.+"), AfterValidator(_dir_url)]

    @property
    def folder(self) -> Path:
        return Path(self.url.removeprefix("dir:")).expanduser()


class RecipientList(_Strict):
    to: list[Annotated[str, AfterValidator(addr_spec)]] = Field(min_length=1)
    locales: list[str] | None = None
    """Only these locales' notes (default: every locale of the pack)."""

    @field_validator("locales")
    @classmethod
    def _known_locales(cls, value: list[str] | None) -> list[str] | None:
        return value if value is None else _known_locales(value)


class SmtpTarget(_Strict):
    """One e-mail per recipient list, the day's PDFs attached, the pack index as its body.

    Every value is checked here, at load: nothing that can fail while sending is found
    only after the pack was built.
    """

    url: Annotated[str, AfterValidator(_smtp_url)]
    sender: Annotated[str, AfterValidator(_sender)]
    lists: dict[str, RecipientList] = Field(min_length=1)
    subject: PerLocale = Field(default_factory=lambda: {ANY_LOCALE: "Briefing pack {date}"})
    """One subject, or one per locale (`{ ru = "...", "*" = "..." }`); unset: translated."""
    preheader: PerLocale = Field(default_factory=dict)
    """The line a mail client previews, like `subject`; unset: the day's count and headline."""
    username_env: Annotated[str, AfterValidator(_env_name)] = "BRIEFING_SMTP_USER"
    password_env: Annotated[str, AfterValidator(_env_name)] = "BRIEFING_SMTP_PASSWORD"
    attach_limit_mb: float = Field(default=10.0, ge=0, allow_inf_nan=False)
    link_base: Annotated[str | None, AfterValidator(_link_base)] = None
    """URL where packs are published; links replace attachments over the size limit."""
    retries: int = Field(default=4, ge=0, le=20)
    backoff_seconds: Seconds = Field(default=30.0, ge=0, le=3600)
    timeout_seconds: Seconds = Field(default=60.0, gt=0, le=3600)
    """The longest wait for one reply of the server."""
    message_deadline_seconds: Seconds = Field(default=300.0, gt=0, le=86400)
    """The longest one attempt at one message may take, connection to QUIT, whatever the
    server does (a server that trickles its replies is left at this deadline)."""
    run_deadline_seconds: Seconds = Field(default=900.0, gt=0, le=86400)
    """The longest a run may spend on this target, retries and their waits included; what
    is not sent by then is left for the next run (exit status 75)."""

    @field_validator("lists")
    @classmethod
    def _list_names(cls, value: dict[str, RecipientList]) -> dict[str, RecipientList]:
        for name in value:
            if not _LIST_NAME.fullmatch(name):
                raise ValueError(
                    f"list name {name!r}: use letters, digits, '.', '_' and '-' "
                    "(it becomes part of the message's Message-ID and of the delivery log)"
                )
        return value

    @model_validator(mode="after")
    def _can_attach_or_link(self) -> SmtpTarget:
        if self.attach_limit_mb == 0 and not self.link_base:
            raise ValueError(
                "attach_limit_mb = 0 attaches no PDF, and there is no link_base to link "
                "them from instead; set link_base or raise attach_limit_mb"
            )
        return self

    @property
    def sender_address(self) -> str:
        """The address of `sender`, for the envelope (MAIL FROM)."""
        return _from_addresses(self.sender)[0].addr_spec

    @property
    def host(self) -> str:
        return split_smtp_url(self.url)[0]

    @property
    def port(self) -> int:
        return split_smtp_url(self.url)[1]

    @property
    def implicit_tls(self) -> bool:
        return self.url.startswith("smtps://")


def _target_kind(value: object) -> str | None:
    # Chosen by the URL scheme, so errors speak of the fields of the right kind.
    url = value.get("url", "") if isinstance(value, dict) else getattr(value, "url", "")
    if str(url).startswith("dir:"):
        return "dir"
    if str(url).startswith(("smtp://", "smtps://")):
        return "smtp"
    return None


Target = Annotated[
    Annotated[DirTarget, Tag("dir")] | Annotated[SmtpTarget, Tag("smtp")],
    Discriminator(
        _target_kind,
        custom_error_type="target_url",
        custom_error_message="needs url = 'dir:/path', 'smtp://host:port' or 'smtps://host:port'",
    ),
]


def _known_locales(value: list[str]) -> list[str]:
    from pipeline.i18n import ALL_LOCALES

    unknown = [locale for locale in value if locale not in ALL_LOCALES]
    if unknown:
        raise ValueError(
            f"unknown locale {', '.join(unknown)}; choose from {', '.join(ALL_LOCALES)}"
            + "".join(f" ({hint})" for hint in map(tag_problem, unknown) if hint)
        )
    return value
