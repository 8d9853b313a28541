"""The typefaces of the printed note, and a check that they can draw every character.

WeasyPrint draws an empty box for a character no font has, and says nothing.
So before a PDF is laid out, every character of its text is looked up in the
fonts chosen for its locale (through fontconfig's coverage data), and a gap
stops the build with the characters and the package that provides them.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import math
import os
import re
import shutil
import subprocess
import unicodedata

from pipeline.errors import BriefingError

# One design family for Latin, Cyrillic and Hangul: Noto Sans and Noto Sans CJK.
LATIN_CYRILLIC = ("Noto Sans", "DejaVu Sans")
STACKS = {"ko": ("Noto Sans CJK KR", *LATIN_CYRILLIC)}
_PACKAGES = (
    (
        re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3000-\u30ff\u4e00-\u9fff]"),
        "fonts-noto-cjk",
    ),
    (re.compile(r"."), "fonts-noto-core"),
)


class MissingGlyphsError(BriefingError):
    pass


def stack_for(locale: str) -> tuple[str, ...]:
    return STACKS.get(locale.split("-")[0], LATIN_CYRILLIC)


def missing_characters(text: str, families: tuple[str, ...]) -> list[str]:
    """The characters of `text` that none of `families` covers, in order of first use."""
    coverage = [_coverage(family) for family in families]
    missing = []
    for char in dict.fromkeys(text):  # each character once: a note has a few hundred
        if unicodedata.category(char) in ("Cc", "Cf"):
            continue
        point = ord(char)
        if not any(_covers(ranges, point) for ranges in coverage):
            missing.append(char)
    return missing


def require_glyphs(text: str, locale: str) -> None:
    families = stack_for(locale)
    missing = missing_characters(text, families)
    if not missing:
        return
    shown = ", ".join(f"{char} (U+{ord(char):04X})" for char in missing[:8])
    more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
    package = next(name for pattern, name in _PACKAGES if pattern.search("".join(missing)))
    installed = [family for family in families if _coverage(family)]
    raise MissingGlyphsError(
        f"the {locale} fonts ({', '.join(installed) or 'none installed'}) cannot draw {len(missing)} "
        f"character(s): {shown}{more}; install the Debian package {package}"
        " (make setup does it), or build with --allow-missing-glyphs"
    )


@functools.cache
def _coverage(family: str) -> tuple[tuple[int, int], ...]:
    """Code point ranges the installed font `family` covers; empty when it is not installed."""
    if shutil.which("fc-match") is None:
        return ()
    result = subprocess.run(
        ["fc-match", "--format=%{family}\n%{charset}", family], capture_output=True, text=True
    )
    if result.returncode != 0 or "\n" not in result.stdout:
        return ()
    matched, charset = result.stdout.split("\n", 1)
    if family.lower() not in [name.strip().lower() for name in matched.split(",")]:
        return ()  # fontconfig offered a substitute: the family itself is not installed
    ranges = []
    for item in charset.split():
        low, _, high = item.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return tuple(sorted(ranges))


@functools.cache
def fingerprint() -> str:
    """A digest of the font files fontconfig picks for every family the notes use.

    A different file (another version of Noto, a substitute) changes the PDF, so
    the digest is part of the render cache key and every Dask worker must match it.
    """
    families = sorted({*LATIN_CYRILLIC, *(family for stack in STACKS.values() for family in stack)})
    lines = []
    for family in families:
        found = (
            subprocess.run(
                ["fc-match", "--format=%{family}|%{file}", family], capture_output=True, text=True
            ).stdout
            if shutil.which("fc-match")
            else ""
        )
        path = found.rpartition("|")[2]
        size = os.path.getsize(path) if path and os.path.isfile(path) else 0
        lines.append(f"{family}={found}:{size}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def _covers(ranges: tuple[tuple[int, int], ...], point: int) -> bool:
    """Whether `point` is in one of `ranges` (sorted, not overlapping)."""
    index = bisect.bisect_right(ranges, (point, math.inf)) - 1
    return index >= 0 and ranges[index][1] >= point
