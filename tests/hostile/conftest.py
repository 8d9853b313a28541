"""Hypothesis profiles for the hostile-input tests.

`ci` (the default) is bounded and derandomized: every run tries the same examples,
so `make test` is quick and never flaky. `fuzz` is the longer run, random and with
an example database in `.hypothesis/` so a failure found once is retried first:

    make fuzz                      # HYPOTHESIS_PROFILE=fuzz FUZZ_SCALE=100, about 10 minutes
    HYPOTHESIS_PROFILE=fuzz FUZZ_SCALE=1000 .venv/bin/pytest tests/hostile -k fuzz

FUZZ_SCALE multiplies every test's example budget (see `budget`).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # a PDF render takes a varying fraction of a second
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("fuzz", print_blob=True, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
