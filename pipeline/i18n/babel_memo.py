"""Babel's answers remembered between runs, so that a note built again needs no Babel.

Importing Babel's date and number code and loading a locale's CLDR data cost about
0.08 s, a quarter of an HTML build, for a handful of strings ("1 December 2026",
"63.5", "English"). Each answer is a function of Babel's files and the call's
arguments alone, so it is kept in the user's cache folder, in a file named by the
size and time of Babel's modules and locale data and by the pipeline code that asks
(`formatting.py`, the locale mapping): another Babel or another way of asking starts a
new file. A miss asks Babel and adds the answer; an unreadable or unwritable cache only
costs Babel's import.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path

from pipeline import atomic
from pipeline.project import user_cache

MAX_ANSWERS = 10_000
"""A file holding more starts again: one build date a day per locale, a few figures per note."""
_OUR_CALLERS = ("formatting.py", "__init__.py")
_STAMPED = ("__init__.py", "core.py", "dates.py", "numbers.py", "localedata.py", "locale-data")


@functools.cache
def _file() -> Path | None:
    """This Babel's file of answers, found without importing Babel."""
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    try:
        stamps = [(name, os.stat(folder / name)) for name in _STAMPED]
    except OSError:
        return None
    key = repr([(name, stat.st_size, stat.st_mtime_ns) for name, stat in stamps])
    digest = hashlib.sha1(f"{folder}\n{key}\n{_our_calls()}".encode()).hexdigest()[:16]
    return user_cache() / "babel" / f"{digest}.json"


def _our_calls() -> str:
    """The digest of the code that asks Babel (its options, the locale mapping): a pipeline
    that asks differently starts a new file instead of reading the old answers."""
    here = Path(__file__).parent
    digest = hashlib.sha1()
    for name in _OUR_CALLERS:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()


@functools.cache
def _answers() -> dict[str, str]:
    path = _file()
    if path is None:
        return {}
    try:
        answers = json.loads(atomic.read_bytes(path, 4 * 1024 * 1024))
    except (OSError, ValueError):
        return {}
    valid = isinstance(answers, dict) and all(isinstance(v, str) for v in answers.values())
    return answers if valid and len(answers) < MAX_ANSWERS else {}


def remembered(key: str, ask_babel: Callable[[], str]) -> str:
    """Babel's answer for `key` (the function and its arguments), asked once per Babel."""
    answers = _answers()
    if key in answers:
        return answers[key]
    answer = answers[key] = ask_babel()
    path = _file()
    if path is not None:
        with contextlib.suppress(OSError):  # the cache only saves time
            atomic.write_bytes(path, json.dumps(answers, ensure_ascii=False).encode("utf-8"))
    return answer
