"""The operator's settings for packs and deliveries: `briefing.toml`, or `[tool.briefing]`.

The file is the project's (pipeline.project finds it); a relative path in it is
relative to the project's root.

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
    lists.policy = { to = ["ana@example.org", "ben@example.org"] }"""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import (
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from pipeline.packs.book import BookSettings
from pipeline.packs.targets import (
    ConfigError,
    DirTarget,
    SmtpTarget,
    Target,
    _known_locales,
    _Strict,
)

MAX_SETTINGS_BYTES = 1024 * 1024
Format = Literal["pdf", "docx", "html"]
FORMATS: tuple[Format, ...] = ("pdf", "docx", "html")


class PackSettings(_Strict):
    out: Path | None = Field(default=None, description="default: output/packs of the project")
    locales: list[str] = Field(default_factory=lambda: ["en", "ru", "ky", "ko"], min_length=1)
    formats: list[Format] = Field(default_factory=lambda: list(FORMATS), min_length=1)
    jobs: int | None = Field(default=None, ge=1)
    render_timeout: float = Field(
        default=120.0, gt=0, allow_inf_nan=False, description="seconds per render"
    )
    render_memory: int = Field(default=2048, ge=64, description="MB per render process")

    @field_validator("locales")
    @classmethod
    def _known_locales(cls, value: list[str]) -> list[str]:
        return _known_locales(value)


class Schedule(_Strict):
    deliver: list[str] = Field(default_factory=list)
    """Targets that `briefing pack --scheduled` delivers to."""


class Config(_Strict):
    pack: PackSettings = Field(default_factory=PackSettings)
    schedule: Schedule = Field(default_factory=Schedule)
    targets: dict[str, Target] = Field(default_factory=dict)
    book: BookSettings = Field(default_factory=BookSettings)
    """The briefing books' cover and the order of the day (pipeline.packs.book)."""
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
            try:
                return spec, DirTarget(url=spec)
            except ValidationError as error:
                raise ConfigError(f"{spec}: {_message(error.errors()[0])}") from None
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


def load(path: Path | None) -> Config:
    """Settings from `path` (a project's `Project.settings_file`, or `--config`): a
    briefing.toml, or the [tool.briefing] table of a pyproject.toml. None: the defaults."""
    if path is None:
        return Config()
    if not _present(path):
        raise ConfigError(f"{path}: no such settings file")
    data = _read_toml(path)
    if path.name != "pyproject.toml":
        return _parse(path, data, prefix="")
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool must be a table ([tool.briefing] and others)")
    if tool.get("briefing") is not None:
        return _parse(path, tool["briefing"], prefix="tool.briefing.")
    return Config(source=f"{path} (it has no [tool.briefing] table)")


def _present(path: Path) -> bool:
    """There, even as something unreadable (a folder, a broken link): reading then says why."""
    return path.exists() or path.is_symlink()


def _read_toml(path: Path) -> dict:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe would hold the read for ever
            raise ConfigError(f"{path}: not a regular file; the settings are a TOML file")
        if info.st_size > MAX_SETTINGS_BYTES:
            raise ConfigError(
                f"{path}: {info.st_size:,} bytes, over the {MAX_SETTINGS_BYTES:,} a settings "
                "file may have; is it the right file?"
            )
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read it: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: arrays or tables nested too deeply") from None


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


def _message(item: ErrorDetails) -> str:
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
