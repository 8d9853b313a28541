"""Reading the raw file and writing the content file: never a file that would not load.

The YAML is loaded back with the project's own loader (in a scratch folder,
under its final name) before the content folder is touched, and then written
in one step through `pipeline.atomic`.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from pipeline import atomic
from pipeline.content.model import Interview
from pipeline.errors import ContentError, UsageError
from pipeline.importer.core import UNKNOWN_TITLE, ImportResult
from pipeline.importer.decode import MAX_BYTES
from pipeline.importer.people import UNKNOWN_NAME, UNKNOWN_OUTLET, UNKNOWN_ROLE
from pipeline.importer.report import RawTextError
from pipeline.importer.sources import HTML_SUFFIXES, MAX_PAGE_BYTES, MHTML_SUFFIXES
from pipeline.text import clean_paragraph

PAGE_SUFFIXES = HTML_SUFFIXES | MHTML_SUFFIXES | {".docx"}
# What an editor adds to an imported file, which a re-import with --keep-brief keeps.
EDITORIAL_FIELDS = ("brief", "short_title", "handling", "keywords", "image")
# What the importer writes where the text says nothing; an editor's value replaces it.
PLACEHOLDERS = frozenset({UNKNOWN_TITLE, UNKNOWN_OUTLET, UNKNOWN_NAME, UNKNOWN_ROLE})


def read_raw(path: Path) -> bytes:
    page = path.suffix.casefold() in PAGE_SUFFIXES  # pages carry scripts, styles, pictures
    limit = MAX_PAGE_BYTES if page else MAX_BYTES
    try:
        data = atomic.read_bytes(path, limit)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    if len(data) > limit:
        raise RawTextError(f"{path} is larger than {limit // 2**20} MiB; is it an interview?")
    return data


def prepare(result: ImportResult, out_dir: Path, *, keep_brief: bool) -> tuple[Path, str]:
    """Where the content file goes and its text, checked by the loader; nothing is written."""
    target = out_dir / f"{result.slug}.yaml"
    if keep_brief:
        result = _keep_editorial(result, target)
    text = result.to_yaml()
    _check_loads(text, target)
    return target, text


def write(target: Path, text: str, *, force: bool) -> None:
    if target.exists() and not force:
        raise UsageError(
            f"{target} already exists; give --force to replace it"
            " (and --keep-brief to keep the brief editors wrote)"
        )
    atomic.write_bytes(target, text.encode("utf-8"))


def _keep_editorial(result: ImportResult, target: Path) -> ImportResult:
    if not target.is_file():
        result.report.warn(None, f"--keep-brief: {target} does not exist yet; nothing to keep")
        return result
    existing = _existing(target)
    filled: list[str] = []
    data = _filled_in(result.data, existing, filled)
    data |= {key: existing[key] for key in EDITORIAL_FIELDS if key in existing}
    topics = _topics(existing)
    confirmed = _confirmed(existing)
    data["turns"] = [_with_topic(_checked(turn, confirmed), topics) for turn in data["turns"]]
    order = list(Interview.model_fields)
    data = {key: data[key] for key in sorted(data, key=order.index)}
    kept = [key for key in EDITORIAL_FIELDS if key in existing] + filled
    kept_topics = sum("topic" in turn for turn in data["turns"])
    result.report.guess(None, f"kept {', '.join(kept)} and {kept_topics} topic(s) from {target}")
    return dataclasses.replace(result, data=data)


def _filled_in(new: dict, old: dict, filled: list[str], at: str = "") -> dict:
    """`new`, with the editor's values from `old` where the importer had only a placeholder."""
    merged = dict(new)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(old.get(key), dict):
            merged[key] = _filled_in(value, old[key], filled, f"{at}{key}.")
        elif _placeholder(value) and isinstance(old.get(key), str) and not _placeholder(old[key]):
            merged[key] = old[key]
            filled.append(f"{at}{key}")
    return merged


def _placeholder(value: object) -> bool:
    return isinstance(value, str) and value in PLACEHOLDERS


def _existing(target: Path) -> dict:
    from pipeline.content.loader import read_data

    try:
        existing = read_data(target)  # the loader's guards: no alias bombs, no deep nesting
    except ContentError as error:
        raise UsageError(
            f"--keep-brief: {error.problems[0]}; fix it or import without --keep-brief"
        ) from None
    if not isinstance(existing, dict):
        raise UsageError(f"--keep-brief: {target} is not a content file (not a mapping)")
    return existing


def _topics(existing: dict) -> dict[str, str]:
    """Topics editors gave to turns, by question text, so a re-import keeps them."""
    turns = existing.get("turns")
    topics: dict[str, str] = {}
    for turn in turns if isinstance(turns, list) else []:
        if isinstance(turn, dict) and turn.get("topic") and turn.get("question"):
            topics[clean_paragraph(str(turn["question"]))] = turn["topic"]
    return topics


def _confirmed(existing: dict) -> set[tuple[str, tuple[str, ...]]]:
    """Turns an editor checked (no `status: unsure`), by their question and answer text."""
    turns = existing.get("turns")
    found = set()
    for turn in turns if isinstance(turns, list) else []:
        if isinstance(turn, dict) and turn.get("status") != "unsure" and turn.get("question"):
            written = turn.get("answer")
            answer = written if isinstance(written, list) else []
            found.add(
                (
                    clean_paragraph(str(turn["question"])),
                    tuple(clean_paragraph(str(a)) for a in answer),
                )
            )
    return found


def _checked(turn: dict, confirmed: set[tuple[str, tuple[str, ...]]]) -> dict:
    """A turn an editor already confirmed, read the same again, stays confirmed."""
    if (turn["question"], tuple(turn["answer"])) in confirmed:
        return {key: value for key, value in turn.items() if key != "status"}
    return turn


def _with_topic(turn: dict, topics: dict[str, str]) -> dict:
    topic = topics.get(turn["question"])
    # The editor's topic wins over a subheading the importer read as one.
    return {"topic": topic, **{k: v for k, v in turn.items() if k != "topic"}} if topic else turn


def _check_loads(text: str, target: Path) -> None:
    from pipeline.content.loader import load

    with tempfile.TemporaryDirectory(prefix="briefing-import-") as scratch:
        trial = Path(scratch) / target.name
        trial.write_text(text, encoding="utf-8")
        assets = target.parent / "assets"
        if assets.is_dir():  # so an image kept by --keep-brief resolves as it will
            (Path(scratch) / "assets").symlink_to(assets.resolve(), target_is_directory=True)
        try:
            load(trial)
        except ContentError as error:
            raise ContentError(
                [dataclasses.replace(problem, file=target) for problem in error.problems]
            ) from None
