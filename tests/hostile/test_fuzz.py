"""Fuzzing the YAML loader and the importer: any bytes load, or fail with the pipeline's own error.

Three harnesses, each bounded for `make test` (derandomized, a few seconds) and scaled
up by `make fuzz` (random, with an example database; see tests/hostile/strategies.py):

- the seed content file with bytes inserted, deleted, replaced or repeated, the inserts
  drawn from YAML's syntax (anchors, aliases, tags, directives, flow and block markers,
  escapes, a BOM, invalid UTF-8);
- content files written from a soup of the same tokens;
- the importer fed the raw seed interview text, mutated the same way.

The property: `content.load` returns an interview or raises ContentError, whose message
can be printed; the importer returns a result or raises a BriefingError. A
RecursionError, a UnicodeError, a yaml error or any other exception is a bug.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from pipeline.content import loader as content
from pipeline.errors import BriefingError, ContentError
from tests.conftest import ROOT, SEED_CONTENT
from tests.hostile.strategies import hostile_settings

SEED_BYTES = SEED_CONTENT.read_bytes()
RAW_SEED = (
    ROOT / "tests" / "fixtures" / "seeds" / "kabar-korea-ambassador-interview.txt"
).read_bytes()

YAML_TOKENS = [
    b"&a ",
    b"*a",
    b"&a [*a, *a, *a]",
    b"<<: *a\n",
    b"<<: {slug: x}\n",
    b"!!python/object/apply:os.system ['true']",
    b"!!python/name:os.system",
    b"!!binary aGk=",
    b"!!set {a, b}",
    b"!!omap [a: 1]",
    b"!!timestamp 2024-02-30",
    b"!local x",
    b"%YAML 1.1\n",
    b"%YAML 9.9\n",
    b"%TAG ! tag:example.org,2000:\n",
    b"---\n",
    b"--- |\n",
    b"...\n",
    b"? ",
    b": ",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"|\n",
    b"|-2\n",
    b">+\n",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"   ",
    b"'",
    b'"',
    b"\\",
    b'"\\x00\\x0b\\ud800\\U0010ffff\\N\\_\\L\\P"',
    b"#",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\x1b",
    b"\xc3",
    b"\xed\xa0\x80",  # a surrogate encoded in UTF-8: invalid
    b"\xf4\x90\x80\x80",  # past U+10FFFF: invalid
    b"~",
    b"null",
    b"true",
    b"yes",
    b".inf",
    b".nan",
    b"0x1F",
    b"0o17",
    b"1_000",
    b"1e400",
    b"9" * 400,
    b"2024-02-30",
    b"2024-13-01T25:61:61Z",
    b"slug",
    b"turns",
    b"answer",
    b"brief",
    b"key_figures",
    b"x" * 10_001,
]
token = st.one_of(st.sampled_from(YAML_TOKENS), st.binary(min_size=1, max_size=8))


@st.composite
def mutated(draw, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        if kind == "insert":
            data[position:position] = draw(token)
        elif kind == "delete":
            del data[position : position + draw(st.integers(1, 400))]
        elif kind == "replace":
            piece = draw(token)
            data[position : position + len(piece)] = piece
        else:
            end = min(len(data), position + draw(st.integers(1, 200)))
            data[position:position] = data[position:end] * draw(st.integers(2, 50))
    return bytes(data)


def load_or_refuse(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / SEED_CONTENT.name
        path.write_bytes(raw)
        try:
            content.load(path)
        except ContentError as error:
            str(error).encode("utf-8")  # printable: no lone surrogate in the message
            event(f"refused: {error.problems[0].message[:30]}")
        else:
            event("loaded")


@hostile_settings(150)
@given(mutated(SEED_BYTES))
def test_fuzz_loader_with_the_seed_mutated(raw):
    load_or_refuse(raw)


@hostile_settings(150)
@given(st.lists(token, max_size=40).map(b"".join))
def test_fuzz_loader_with_a_soup_of_yaml_tokens(raw):
    load_or_refuse(raw)


@hostile_settings(60)
@given(mutated(RAW_SEED))
def test_fuzz_importer_with_the_raw_seed_mutated(raw):
    from pipeline.importer import import_text

    try:
        result = import_text(raw, name="fuzzed.txt")
    except BriefingError as error:
        str(error).encode("utf-8")
        event(f"refused: {type(error).__name__}")
    else:
        assert result.data["turns"]
        event("imported")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"#", "the file holds only comments"),
        (
            b"# yaml-language-server: $schema=interview.schema.json\n",
            "the file holds only comments",
        ),
        (b"\x00", "1: holds the character U+0000, which YAML does not allow"),
        (b"slug: x\ntitle: a\x1bb\n", "2: holds the character U+001B, which YAML does not allow"),
        (
            b"slug: x\npublished: 2024-02-30\n",
            "2: published: cannot read '2024-02-30' as a timestamp: day is out of range for month",
        ),
        (b"slug: !!timestamp 2024-02-30x\n", "1: slug: cannot read '2024-02-30x' as a timestamp"),
    ],
)
def test_inputs_found_by_fuzzing_are_refused_with_a_located_message(tmp_path, raw, message):
    """Each of these raised a Python error (ValueError, AttributeError, yaml's ReaderError)."""
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    with pytest.raises(ContentError) as caught:
        content.load(path)
    assert message in str(caught.value)
