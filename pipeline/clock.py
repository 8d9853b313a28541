"""The build's notion of "now", pinned by SOURCE_DATE_EPOCH for reproducible output.

SOURCE_DATE_EPOCH is read and checked here only: every writer (the pack's zip,
each DOCX, which is a zip too, PDF and HTML metadata) gets a time it can hold.
A zip dates its members from 1980 to 2107; before 1980 the zip writers use
1980-01-01, after 2107 there is no date to write, so such a time is refused.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from pipeline.errors import UsageError

VARIABLE = "SOURCE_DATE_EPOCH"
LATEST = dt.datetime(2107, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
"""The last second a zip member can be dated with (MS-DOS dates end in 2107)."""


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None when unset; UsageError (exit 2) if unusable."""
    value = os.environ.get(VARIABLE)
    if not value:
        return None
    digits = value.strip()
    # int() alone would also take "1_000", "-5" and non-ASCII digits.
    if re.fullmatch(r"[0-9]{1,20}", digits) and int(digits) <= LATEST.timestamp():
        return dt.datetime.fromtimestamp(int(digits), tz=dt.UTC)
    shown = repr(value) if len(value) <= 40 else repr(value[:40]) + "..."
    raise UsageError(
        f"{VARIABLE} must be whole seconds since 1970-01-01 UTC, at most "
        f"{int(LATEST.timestamp())} ({LATEST:%Y-%m-%d}, the last date a zip can hold); "
        f"got {shown}: fix or unset it"
    )


def build_time() -> dt.datetime:
    """UTC time of the build: SOURCE_DATE_EPOCH when set, else the wall clock."""
    return source_date_epoch() or dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def require_writable(date: dt.date, option: str) -> dt.date:
    """`date`, if a zip can hold it (notes are dated by the pack's date without SOURCE_DATE_EPOCH)."""
    if date > LATEST.date():
        raise UsageError(
            f"{option}: {date} is after {LATEST:%Y-%m-%d}, the last date a zip can hold"
        )
    return date
