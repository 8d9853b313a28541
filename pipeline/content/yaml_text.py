"""A content file's YAML as plain data, with the line of every field.

YAML is composed into nodes first (so each value keeps its line), then turned into
plain data. Aliases are refused outright: a 700-byte alias bomb would otherwise expand
to hundreds of megabytes. libyaml scans and parses the text where PyYAML has it; a
text it refuses, or anything it is unsure of, is read again by PyYAML's own Python
scanner, whose messages (and lines) are the ones editors read.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline import atomic

FieldPath = tuple[str | int, ...]
MAX_CONTENT_BYTES = 20 * 1024 * 1024
MAX_NESTING = 20
"""Deepest nesting of YAML nodes (mappings, lists, values) a content file may use; the model
needs 5.

PyYAML composes nodes recursively: a few thousand `[` would end in a RecursionError."""


class Located(Exception):
    def __init__(self, line: int | None, field: FieldPath, message: str):
        self.line, self.field, self.message = line, field, message


class _Guards:
    """Aliases and deep nesting refused while composing, whichever scanner reads the text."""

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise Located(
                mark.line + 1,
                (),
                "YAML aliases (*name) are not allowed in content; write the value out",
            )
        if self._depth >= MAX_NESTING:
            mark = self.peek_event().start_mark
            raise Located(
                mark.line + 1,
                (),
                f"nested more than {MAX_NESTING} levels deep; content needs 5",
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _PyyamlLoader(_Guards, yaml.SafeLoader):
    """PyYAML's own scanner, in Python: its messages are the ones editors read."""


def _libyaml_parser() -> type:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml: its Python scanner alone
        return object
    return CParser


_CParser = _libyaml_parser()
_LIBYAML = _CParser is not object


class _LibyamlLoader(
    _Guards,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    yaml.resolver.Resolver,
    _CParser,  # type: ignore[misc, valid-type]  # found at run time: libyaml may be missing
):
    """libyaml's scanner and parser (in C, a tenth of the time), with PyYAML's composer,
    resolver and constructors: the same nodes, tags and values from valid YAML."""

    def __init__(self, text: str):
        _CParser.__init__(self, text)  # type: ignore[misc]
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


def read_yaml(path: Path, raw: bytes | None = None) -> tuple[object, dict[FieldPath, int]]:
    try:
        raw = atomic.read_bytes(path, MAX_CONTENT_BYTES) if raw is None else raw
    except OSError as error:
        raise Located(None, (), f"cannot read the file: {error.strerror}") from None
    if len(raw) > MAX_CONTENT_BYTES:
        raise Located(None, (), f"file is larger than {MAX_CONTENT_BYTES // 2**20} MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise Located(
            line, (), f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None
    if not text.strip():
        raise Located(None, (), "the file is empty; start from content/README.md")
    if _LIBYAML and "\t" not in text:  # libyaml takes a tab after `key:`; PyYAML refuses it
        try:
            return _compose(_LibyamlLoader(text))
        except Exception:
            pass
    try:
        loader = _PyyamlLoader(text)  # reads the whole text at once: may refuse a character
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise Located(
            line,
            (),
            f"holds the character U+{error.character:04X}, which YAML does not allow in a file;"
            " remove it",
        ) from None
    try:
        return _compose(loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise Located(
            mark.line + 1 if mark else None, (), f"not valid YAML: {error.problem or error.context}"
        ) from None
    except yaml.YAMLError as error:
        raise Located(None, (), f"not valid YAML: {error}") from None


def _compose(loader: yaml.SafeLoader | _LibyamlLoader) -> tuple[object, dict[FieldPath, int]]:
    try:
        node = loader.get_single_node()
        if node is None:
            raise Located(None, (), "the file holds only comments; start from content/README.md")
        lines: dict[FieldPath, int] = {}
        return _to_data(loader, node, (), lines), lines
    finally:
        loader.dispose()


_PLAIN_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


def _to_data(loader: yaml.SafeLoader, node: yaml.Node, path: FieldPath, lines: dict) -> object:
    lines.setdefault(path, node.start_mark.line + 1)
    expected_tag = _PLAIN_TAGS.get(type(node))
    if expected_tag and node.tag != expected_tag:
        raise Located(
            node.start_mark.line + 1, path, f"the YAML tag {node.tag} is not allowed in content"
        )
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node, path)
            if not isinstance(key, str):
                raise Located(
                    key_node.start_mark.line + 1, path, f"keys must be names, got {key!r}"
                )
            if key in result:
                raise Located(key_node.start_mark.line + 1, (*path, key), "appears twice; keep one")
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _to_data(loader, value_node, (*path, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(loader, item, (*path, i), lines) for i, item in enumerate(node.value)]
    return _construct(loader, node, path)


def _construct(loader: yaml.SafeLoader, node: yaml.Node, path: FieldPath) -> object:
    """A scalar's value; PyYAML's own constructors fail with plain Python errors on some input."""
    try:
        return loader.construct_object(node)
    except (ValueError, TypeError, AttributeError, OverflowError) as error:
        # e.g. `published: 2024-02-30` (ValueError: day is out of range for month)
        shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
        kind = node.tag.rsplit(":", 1)[-1]
        detail = f": {error}" if isinstance(error, ValueError) else ""
        raise Located(
            node.start_mark.line + 1, path, f"cannot read {shown} as a {kind}{detail}"
        ) from None
