"""The build's notion of "now", pinned by SOURCE_DATE_EPOCH for reproducible output."""

from __future__ import annotations

import datetime as dt
import os

from pipeline.errors import UsageError


def build_time() -> dt.datetime:
    """UTC time of the build: SOURCE_DATE_EPOCH when set, else the wall clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {epoch!r}"
            ) from None
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
