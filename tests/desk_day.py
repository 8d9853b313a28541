"""The sample desk day (tests/fixtures/desk-day/): the seed and two fictional interviews,
packed once per test session in English, Russian and Korean, PDF and HTML, with books."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EPOCH, ROOT
from tests.pack_support import DATE, invoke, report

DESK_DAY = ROOT / "tests" / "fixtures" / "desk-day"
LOCALES = ("en", "ru", "ko")
ORDER = [  # the fixture's [book] pin, then order
    "kabar-korea-ambassador-interview",
    "naryn-water-council-interview",
    "osh-apricot-exporters-interview",
]


def desk_day_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published pack folder; built by the first test module that asks, then shared."""
    root = tmp_path_factory.getbasetemp() / "desk-day-packs"
    pack = root / DATE
    if not (pack / "manifest.json").is_file():
        shutil.rmtree(root, ignore_errors=True)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
            arguments = ["--project", DESK_DAY, "pack", "-l", ",".join(LOCALES)]
            result = invoke(*arguments, "-f", "pdf,html", "--out", root, "-j", 2, "--json")
        assert result.exit_code == 0, result.output
        assert report(result)["complete"] is True
    return pack


def book_path(pack: Path, locale: str) -> Path:
    return pack / f"{DATE}-briefing-book-{locale}.pdf"
