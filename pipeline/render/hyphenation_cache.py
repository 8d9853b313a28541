"""Pyphen's hyphenation patterns, read from its dictionary once per installation.

WeasyPrint hyphenates through Pyphen, which parses a whole `hyph_*.dic` (about
5,000 patterns for English, more for Russian) the first time a process hyphenates
a language: about a tenth of a second of CPU in every process that lays out a note.
The parsed patterns are plain strings and integers, so they are kept as JSON in the
user's cache folder (`$XDG_CACHE_HOME/briefing/hyphenation/`), named by a digest of
Pyphen's version and the dictionary file's path, size and modification time, and
loaded from there into the same `HyphDict` Pyphen would have built.

A dictionary whose patterns carry anything else (Pyphen's non-standard hyphenation
data), a Pyphen whose `HyphDict` holds other fields than the three it has now, or a
cache file that does not read back means Pyphen's own parse, as before. The
patterns are the same, so the hyphenation and the PDF are the same byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from pipeline import atomic
from pipeline.project import user_cache

log = logging.getLogger(__name__)

FIELDS = {"patterns", "cache", "maxlen"}
"""What a `pyphen.HyphDict` holds (Pyphen 0.14 to 0.18): anything else is not kept."""


def cache_folder() -> Path:
    return user_cache() / "hyphenation"


def remember_patterns() -> None:
    """Have Pyphen build its dictionaries from the kept patterns where it can."""
    import pyphen  # type: ignore[import-untyped]

    if getattr(pyphen.HyphDict, "remembers_patterns", False):
        return
    parse = pyphen.HyphDict

    def hyph_dict(path: Any) -> Any:
        try:
            return _kept(parse, path) or _parsed_and_kept(parse, path)
        except Exception as error:  # whatever went wrong, Pyphen parses as it always does
            log.debug("hyphenation patterns of %s parsed as usual: %s", path, error)
            return parse(path)

    hyph_dict.remembers_patterns = True  # type: ignore[attr-defined]
    pyphen.HyphDict = hyph_dict


def _cache_file(path: Any) -> Path | None:
    import pyphen

    if not os.path.isfile(str(path)):
        return None  # inside a zip, say: no file to date
    stat = os.stat(str(path))
    parts = [pyphen.__version__, str(path), str(stat.st_size), str(stat.st_mtime_ns)]
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]
    return cache_folder() / f"{Path(str(path)).stem}-{digest}.json"


def _kept(parse: Any, path: Any) -> Any:
    """The dictionary from the cache folder, or None if it is not there or does not read."""
    target = _cache_file(path)
    if target is None:
        return None
    try:
        record = json.loads(target.read_text(encoding="utf-8"))
        patterns = {key: (start, tuple(values)) for key, (start, values) in record.items()}
    except (OSError, ValueError, TypeError, AttributeError) as error:
        log.debug("no kept hyphenation patterns in %s: %s", target, error)
        return None
    if not patterns or not _plain(patterns):
        return None  # a file of another shape would fail later, in the middle of a layout
    dictionary = parse.__new__(parse)
    dictionary.patterns = patterns
    dictionary.cache = {}
    dictionary.maxlen = max(len(key) for key in patterns)
    return dictionary


def _parsed_and_kept(parse: Any, path: Any) -> Any:
    dictionary = parse(path)
    target = _cache_file(path)
    if target is None or set(vars(dictionary)) != FIELDS or not _plain(dictionary.patterns):
        return dictionary
    record = {key: [start, list(values)] for key, (start, values) in dictionary.patterns.items()}
    try:
        atomic.write_bytes(target, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except OSError as error:  # no cache folder: parsed again next time, nothing worse
        log.debug("cannot keep hyphenation patterns in %s: %s", target, error)
    return dictionary


def _plain(patterns: dict) -> bool:
    """Only strings to (offset, integers): what JSON gives back unchanged."""
    return all(
        type(key) is str
        and type(start) is int
        and isinstance(values, tuple)
        and all(type(value) is int for value in values)
        for key, (start, values) in patterns.items()
    )
