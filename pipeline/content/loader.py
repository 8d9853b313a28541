"""Content files to validated models, with every problem located by file, line and field.

The YAML is read into plain data with the line of each field
(`pipeline.content.yaml_text`), then validated (`validate`).
"""

from __future__ import annotations

import logging
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.content import quick
from pipeline.content.picture import Picture, ReadError
from pipeline.content.picture import load as load_picture
from pipeline.content.records import Interview, from_model
from pipeline.content.rules import NARROW_TEXT_HELP
from pipeline.content.yaml_text import MAX_CONTENT_BYTES, MAX_NESTING, FieldPath, Located
from pipeline.content.yaml_text import read_yaml as _read_yaml
from pipeline.errors import ContentError, Problem
from pipeline.text import forbidden_characters, remove_forbidden

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import ErrorDetails

__all__ = ["MAX_CONTENT_BYTES", "MAX_NESTING", "LoadedInterview", "load", "load_all", "validate"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedInterview:
    """A validated interview, where it came from, and its picture as read and checked."""

    path: Path
    interview: Interview
    lines: dict[FieldPath, int] = field(default_factory=dict, compare=False, repr=False)
    """Line of each field in the file, for messages and translators' references."""
    picture: Picture | None = field(default=None, compare=False, repr=False)
    """The bytes every renderer embeds: the file is never opened again after loading."""

    @property
    def folder(self) -> Path:
        return self.path.parent


def format_field(path: FieldPath) -> str:
    """`("turns", 2, "answer")` -> `turns[2].answer`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load(path: Path) -> LoadedInterview:
    """Load and validate one content file, or raise ContentError listing every problem."""
    problems, loaded = _load(path)
    if problems:
        raise ContentError(problems)
    assert loaded is not None
    return loaded


def read_data(path: Path) -> object:
    """A YAML file's plain data, read with the loader's guards (size, aliases, nesting, tags)
    but not validated; raises ContentError with the problem located."""
    try:
        return _read_yaml(path)[0]
    except Located as error:
        field = format_field(error.field) or None
        raise ContentError([Problem(path, error.line, field, error.message)]) from None


def load_all(
    paths: Iterable[Path], contents: Mapping[Path, bytes] | None = None
) -> list[LoadedInterview]:
    """Load every file; report the problems of all of them together.

    `contents` holds bytes already read (and hashed) for some paths: those are loaded
    instead of reading the file again, which may have changed since.
    """
    problems: list[Problem] = []
    loaded: list[LoadedInterview] = []
    for path in paths:
        file_problems, item = _load(path, (contents or {}).get(path))
        problems += file_problems
        if item is not None:
            loaded.append(item)
    # The notes in their own languages; the build plan checks the locales it is asked for.
    from pipeline.content.collisions import collisions

    problems += collisions([(i.path, i.interview.slug, [i.interview.language]) for i in loaded])
    if problems:
        raise ContentError(problems)
    return loaded


def _load(path: Path, raw: bytes | None = None) -> tuple[list[Problem], LoadedInterview | None]:
    try:
        data, lines = _read_yaml(path, raw)
    except Located as error:
        return [Problem(path, error.line, format_field(error.field) or None, error.message)], None
    data = _warn_and_strip_forbidden(path, data, lines)
    interview, errors = validate(data)
    if interview is None:
        return [_problem_from(path, lines, item) for item in errors], None
    problems = _check_references(path, interview, lines)
    portrait, picture_problems = _read_picture(path, interview, lines)
    problems += picture_problems
    return problems, (None if problems else LoadedInterview(path, interview, lines, portrait))


def validate(data: object) -> tuple[Interview | None, list[ErrorDetails]]:
    """`data` as a validated interview, or pydantic's errors about it: the quick path
    takes most files without pydantic; what it is unsure of, the model decides."""
    note = quick.interview(data)
    if note is not None:
        return note, []
    from pydantic import ValidationError

    from pipeline.content import model

    try:
        return from_model(model.Interview.model_validate(data)), []
    except ValidationError as error:
        return None, error.errors()


def _warn_and_strip_forbidden(path: Path, data: object, lines: dict, at: FieldPath = ()) -> object:
    """`data` without the characters no output format can hold, each removal logged.

    Done before validation: pydantic refuses a lone surrogate outright, with a message
    ("unable to parse raw data as a Unicode string") that would not help an editor.
    """
    if isinstance(data, dict):
        return {
            key: _warn_and_strip_forbidden(path, value, lines, (*at, key))
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [
            _warn_and_strip_forbidden(path, value, lines, (*at, index))
            for index, value in enumerate(data)
        ]
    if isinstance(data, str) and (found := forbidden_characters(data)):
        log.warning(
            "%s:%s: %s: removed %d character(s) that documents cannot hold (%s)",
            path,
            lines.get(at, "?"),
            format_field(at) or "the file",
            len(found),
            ", ".join(sorted(set(found))),
        )
        return remove_forbidden(data)
    return data


def _problem_from(path: Path, lines: dict[FieldPath, int], error: ErrorDetails) -> Problem:
    location: FieldPath = tuple(error["loc"])
    return Problem(
        path, _nearest_line(lines, location), format_field(location) or None, _message(error)
    )


def _nearest_line(lines: dict[FieldPath, int], location: FieldPath) -> int | None:
    for end in range(len(location), -1, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return None


def _message(error: ErrorDetails) -> str:
    kind, location = error["type"], tuple(error["loc"])
    if kind == "missing":
        return "is required"
    if kind == "string_too_long":  # only fields printed in narrow boxes have a length limit
        limit = error["ctx"]["max_length"]
        return (
            f"is {len(error['input']):,} characters long; at most {limit:,} characters:"
            f" {NARROW_TEXT_HELP}"
        )
    if kind == "extra_forbidden":
        allowed = _allowed_fields(location[:-1])
        import difflib  # for messages only

        close = difflib.get_close_matches(str(location[-1]), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
        return f"is not a known field{hint}"
    message = error["msg"]
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _allowed_fields(location: FieldPath) -> list[str]:
    from pipeline.content.model import Interview as Model

    model: type[BaseModel] | None = Model
    for part in location:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    return sorted(model.model_fields) if model else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            if found := _model_in(argument):
                return found
    return None


def _check_references(
    path: Path, interview: Interview, lines: dict[FieldPath, int]
) -> list[Problem]:
    """What the model alone cannot know: the file name, the quoted sentences."""
    problems = []
    passages = [
        *interview.intro,
        *(t for turn in interview.turns for t in (turn.question, *turn.answer)),
    ]
    for index, figure in enumerate(interview.brief.key_figures):
        if not any(figure.source_sentence in passage for passage in passages):
            where = ("brief", "key_figures", index, "source_sentence")
            problems.append(
                Problem(
                    path,
                    lines.get(where),
                    format_field(where),
                    "is not found word for word in the interview text; copy the sentence exactly",
                )
            )
    if interview.slug != path.stem:
        problems.append(
            Problem(
                path,
                lines.get(("slug",)),
                "slug",
                f"'{interview.slug}' does not match the file name '{path.name}'; rename one of them",
            )
        )
    return problems


def _read_picture(
    path: Path, interview: Interview, lines: dict[FieldPath, int]
) -> tuple[Picture | None, list[Problem]]:
    """The portrait, read once through a path confined to the content's assets/ folder."""
    if interview.image is None:
        return None, []
    where = ("image", "file")
    shown = path.parent / interview.image.file
    try:
        assets = (path.parent / "assets").resolve()
        target = shown.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links
        return None, [Problem(path, lines.get(where), "image.file", f"cannot resolve: {error}")]
    if not target.is_relative_to(assets):
        return None, [Problem(path, lines.get(where), "image.file", "leads outside assets/")]
    try:
        return load_picture(assets, target.relative_to(assets), shown), []
    except ReadError as error:
        return None, [Problem(path, lines.get(where), "image.file", str(error))]
