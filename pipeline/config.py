"""The operator's settings for packs and deliveries: `briefing.toml`, or `[tool.briefing]`.

One file holds what a scheduled run builds (`[pack]`), where it goes
(`[targets.NAME]`, with the recipient lists of e-mail targets) and what a
scheduled run delivers (`[schedule]`). Secrets never live here: an SMTP target
names the environment variables that hold its user name and password.

    [pack]
    locales = ["en", "ru", "ky", "ko"]
    formats = ["pdf", "docx", "html"]
    render_timeout = 120        # seconds per render
    render_memory = 2048        # MB of address space per render process

    [schedule]
    deliver = ["desk", "share"]

    [targets.share]
    url = "dir:/srv/briefings"

    [targets.desk]
    url = "smtp://mail.example.org:587"
    sender = "Briefings <briefings@example.org>"
    lists.policy = { to = ["ana@example.org", "ben@example.org"] }
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from pipeline.errors import UsageError

CONFIG_FILE = Path("briefing.toml")
PYPROJECT = Path("pyproject.toml")
FORMATS = ("pdf", "docx", "html")


class ConfigError(UsageError):
    """The settings file is unreadable or invalid; every problem is listed with its key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PackSettings(_Strict):
    out: Path = Path("output/packs")
    locales: list[str] = Field(default_factory=lambda: ["en", "ru", "ky", "ko"], min_length=1)
    formats: list[Literal["pdf", "docx", "html"]] = Field(
        default_factory=lambda: list(FORMATS), min_length=1
    )
    jobs: int | None = Field(default=None, ge=1)
    render_timeout: float = Field(default=120.0, gt=0, description="seconds per render")
    render_memory: int = Field(default=2048, ge=64, description="MB per render process")

    @field_validator("locales")
    @classmethod
    def _known_locales(cls, value: list[str]) -> list[str]:
        from pipeline.i18n import ALL_LOCALES

        unknown = [locale for locale in value if locale not in ALL_LOCALES]
        if unknown:
            raise ValueError(
                f"unknown locale {', '.join(unknown)}; choose from {', '.join(ALL_LOCALES)}"
            )
        return value


class DirTarget(_Strict):
    """Copy each pack into a shared folder, as <folder>/<date>/."""

    url: Annotated[str, Field(pattern=r"^dir:.+")]

    @property
    def folder(self) -> Path:
        return Path(self.url.removeprefix("dir:")).expanduser()


class RecipientList(_Strict):
    to: list[Annotated[str, Field(pattern=r"^[^@\s<>,]+@[^@\s<>,]+$")]] = Field(min_length=1)
    locales: list[str] | None = None
    """Only these locales' notes (default: every locale of the pack)."""


class SmtpTarget(_Strict):
    """One e-mail per recipient list, the day's PDFs attached, the pack index as its body."""

    url: Annotated[str, Field(pattern=r"^smtps?://[^/:]+(:\d+)?/?$")]
    sender: Annotated[str, Field(pattern=r"@")]
    lists: dict[str, RecipientList] = Field(min_length=1)
    subject: str = "Briefing pack {date}"
    username_env: str = "BRIEFING_SMTP_USER"
    password_env: str = "BRIEFING_SMTP_PASSWORD"
    attach_limit_mb: float = Field(default=10.0, ge=0)
    link_base: str | None = None
    """URL where packs are published; links replace attachments over the size limit."""
    retries: int = Field(default=4, ge=0, le=20)
    backoff_seconds: float = Field(default=30.0, ge=0)
    timeout_seconds: float = Field(default=60.0, gt=0)

    @property
    def host(self) -> str:
        return self.url.split("://", 1)[1].rstrip("/").rsplit(":", 1)[0]

    @property
    def port(self) -> int:
        rest = self.url.split("://", 1)[1].rstrip("/")
        if ":" in rest:
            return int(rest.rsplit(":", 1)[1])
        return 465 if self.implicit_tls else 25

    @property
    def implicit_tls(self) -> bool:
        return self.url.startswith("smtps://")


class Schedule(_Strict):
    deliver: list[str] = Field(default_factory=list)
    """Targets that `briefing pack --scheduled` delivers to."""


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


class Config(_Strict):
    pack: PackSettings = Field(default_factory=PackSettings)
    schedule: Schedule = Field(default_factory=Schedule)
    targets: dict[str, Target] = Field(default_factory=dict)
    source: str = Field(default="(defaults)", exclude=True)

    @model_validator(mode="after")
    def _scheduled_targets_exist(self) -> Config:
        unknown = [name for name in self.schedule.deliver if name not in self.targets]
        if unknown:
            raise ValueError(
                f"schedule.deliver names {', '.join(unknown)}, which no [targets.NAME] defines"
            )
        return self

    def target(self, spec: str) -> tuple[str, DirTarget | SmtpTarget]:
        """A target by name, by its URL, or an ad-hoc `dir:` folder."""
        if spec in self.targets:
            return spec, self.targets[spec]
        for name, target in self.targets.items():
            if target.url == spec:
                return name, target
        if spec.startswith("dir:") and len(spec) > 4:
            return spec, DirTarget(url=spec)
        if spec.startswith(("smtp://", "smtps://")):
            raise ConfigError(
                f"no recipients for {spec}: add a [targets.NAME] table with url = {spec!r}, "
                f"sender and lists to {self.source}"
            )
        known = ", ".join(self.targets) or "none configured"
        raise ConfigError(
            f"unknown delivery target {spec!r}; use a target name from {self.source} "
            f"({known}), dir:/path or smtp://host:port"
        )


def load(path: Path | None = None) -> Config:
    """Settings from `path`, else ./briefing.toml, else [tool.briefing] of ./pyproject.toml."""
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: no such settings file")
        return _parse(path, _read_toml(path), prefix="")
    if CONFIG_FILE.is_file():
        return _parse(CONFIG_FILE, _read_toml(CONFIG_FILE), prefix="")
    if PYPROJECT.is_file():
        table = _read_toml(PYPROJECT).get("tool", {}).get("briefing")
        if table is not None:
            return _parse(PYPROJECT, table, prefix="tool.briefing.")
    return Config()


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read it: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _parse(path: Path, table: object, prefix: str) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {prefix.rstrip('.') or 'the file'} must be a table")
    try:
        return Config.model_validate({**table, "source": str(path)})
    except ValidationError as error:
        lines = [
            f"{path}: {prefix}{_where(item['loc'])}: {_message(item)}" for item in error.errors()
        ]
        count = len(lines)
        raise ConfigError(
            f"{count} problem{'s' if count != 1 else ''} in the settings:\n  " + "\n  ".join(lines)
        ) from None


def _where(location: tuple) -> str:
    # Union branches add their tag to the location; a reader wants keys only.
    parts = [str(part) for part in location if part not in ("dir", "smtp")]
    text = ""
    for part in parts:
        text += f"[{part}]" if part.isdigit() else (f".{part}" if text else part)
    return text or "(top level)"


def _message(item: dict) -> str:
    if item["type"] == "extra_forbidden":
        return "is not a known setting"
    if item["type"] == "string_pattern_mismatch":
        key = next(str(part) for part in reversed(item["loc"]) if isinstance(part, str))
        return f"{item['input']!r} does not look right ({_PATTERN_HINTS.get(key, 'see README')})"
    if item["type"] == "missing":
        return "is required"
    return item["msg"].removeprefix("Value error, ")


_PATTERN_HINTS = {
    "url": "use dir:/path, smtp://host:port or smtps://host:port",
    "sender": "an address such as briefings@example.org",
    "to": "an address such as ana@example.org",
}
