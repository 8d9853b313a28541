"""The pack manifest checked against its own JSON Schema, with located messages, before any field is used."""

from __future__ import annotations

import functools
import json
import re

from pipeline.project import BUILTIN_SCHEMAS

SCHEMA_FILE = BUILTIN_SCHEMAS / "pack-manifest.schema.json"
MAX_PROBLEMS = 20


SCHEMA_KEYWORDS = frozenset(
    {"$schema", "$id", "$defs", "title", "description", "format", "$ref", "type", "const"}
    | {"enum", "pattern", "required", "properties", "additionalProperties", "items"}
    | {"minItems", "uniqueItems", "minimum", "maximum", "oneOf"}
)
_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "format", "type"}
_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}

Location = tuple[str | int, ...]


@functools.cache
def _schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def schema_problems(value: object, pointer: str = "#") -> list[str]:
    """Where `value` breaks the manifest's schema (or its part at `pointer`): `field: problem`."""
    return [
        f"{_field(at) or '(the whole file)'}: {message}"
        for at, message in _check(value, _resolve(pointer), ())
    ]


def _resolve(pointer: str) -> dict:
    schema = _schema()
    for part in pointer.removeprefix("#").strip("/").split("/"):
        if part:
            schema = schema[part]
    return schema


def _check(value: object, schema: dict, at: Location) -> list[tuple[Location, str]]:
    unknown = set(schema) - SCHEMA_KEYWORDS
    if unknown:
        raise ValueError(f"{SCHEMA_FILE}: keywords {sorted(unknown)} are not checked")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, name) for name in types):
            expected = " or ".join(_TYPE_NAMES[name] for name in types)
            return [(at, f"is {_show(value)}, expected {expected}")]
    problems = []
    for keyword, argument in schema.items():
        if keyword not in _ANNOTATIONS:
            problems += _KEYWORDS[keyword](value, argument, schema, at)
    return problems


def _is_type(value: object, name: str) -> bool:
    if isinstance(value, bool):
        return name == "boolean"
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, int | float)
    python = {"object": dict, "array": list, "string": str, "boolean": bool}
    return value is None if name == "null" else isinstance(value, python[name])


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _field(at: Location) -> str:
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _equal(one: object, other: object) -> bool:
    """JSON equality: true is not 1, and 1 is 1.0."""
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_equal(one[k], other[k]) for k in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(map(_equal, one, other))
    if isinstance(one, int | float) and isinstance(other, int | float):
        return one == other
    return type(one) is type(other) and one == other


def _ref(value, argument, schema, at):
    return _check(value, _resolve(argument), at)


def _const(value, argument, schema, at):
    return (
        [] if _equal(value, argument) else [(at, f"is {_show(value)}, expected {_show(argument)}")]
    )


def _enum(value, argument, schema, at):
    if any(_equal(value, option) for option in argument):
        return []
    return [(at, f"is {_show(value)}, expected one of {', '.join(map(_show, argument))}")]


def _pattern(value, argument, schema, at):
    if not isinstance(value, str) or re.search(argument, value):
        return []
    return [(at, f"is {_show(value)}, which does not have the form {argument}")]


def _required(value, argument, schema, at):
    if not isinstance(value, dict):
        return []
    return [((*at, name), "is required") for name in argument if name not in value]


def _properties(value, argument, schema, at):
    if not isinstance(value, dict):
        return []
    return [
        problem
        for name, subschema in argument.items()
        if name in value
        for problem in _check(value[name], subschema, (*at, name))
    ]


def _additional(value, argument, schema, at):
    if not isinstance(value, dict):
        return []
    extra = sorted(name for name in value if name not in schema.get("properties", {}))
    if argument is False:
        return [((*at, name), "is not a known field") for name in extra]
    if argument is True:
        return []
    return [problem for name in extra for problem in _check(value[name], argument, (*at, name))]


def _items(value, argument, schema, at):
    if not isinstance(value, list):
        return []
    return [
        problem
        for index, item in enumerate(value)
        for problem in _check(item, argument, (*at, index))
    ]


def _min_items(value, argument, schema, at):
    if isinstance(value, list) and len(value) < argument:
        return [(at, f"holds {len(value)} items, at least {argument} needed")]
    return []


def _unique(value, argument, schema, at):
    if not (argument and isinstance(value, list)):
        return []
    twice = [
        item
        for index, item in enumerate(value)
        if any(_equal(item, earlier) for earlier in value[:index])
    ]
    return [(at, f"holds {_show(item)} more than once") for item in twice[:1]]


def _minimum(value, argument, schema, at):
    if _is_type(value, "number") and value < argument:
        return [(at, f"is {_show(value)}, at least {argument} expected")]
    return []


def _maximum(value, argument, schema, at):
    if _is_type(value, "number") and value > argument:
        return [(at, f"is {_show(value)}, at most {argument} expected")]
    return []


def _one_of(value, argument, schema, at):
    outcomes = [_check(value, subschema, at) for subschema in argument]
    matching = sum(not problems for problems in outcomes)
    if matching == 1:
        return []
    if matching > 1:
        return [(at, "matches more than one of the forms it may take")]
    return min(outcomes, key=len)  # the form it came closest to says the most


_KEYWORDS = {
    "$ref": _ref,
    "const": _const,
    "enum": _enum,
    "pattern": _pattern,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "minItems": _min_items,
    "uniqueItems": _unique,
    "minimum": _minimum,
    "maximum": _maximum,
    "oneOf": _one_of,
}
