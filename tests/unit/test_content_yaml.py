"""libyaml reads content as PyYAML does: the same data, the same lines, the same messages.

`pipeline.content.yaml_text` scans with libyaml (C) and falls back to PyYAML's Python
scanner on anything libyaml refuses; these tests read each text both ways.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pipeline.content import yaml_text
from tests.conftest import ROOT
from tests.hostile.strategies import hostile_interviews, hostile_settings
from tests.unit.test_content_quick import CONTENT_FILES, mutated_notes


def read(raw: bytes, tmp_path, libyaml: bool) -> object:
    path = tmp_path / "note.yaml"
    original = yaml_text._LIBYAML
    yaml_text._LIBYAML = libyaml
    try:
        return yaml_text.read_yaml(path, raw)
    except yaml_text.Located as error:
        return ("refused", error.line, error.field, error.message)
    finally:
        yaml_text._LIBYAML = original


def assert_read_alike(raw: bytes, tmp_path) -> object:
    expected = read(raw, tmp_path, libyaml=False)
    assert read(raw, tmp_path, libyaml=True) == expected
    return expected


def test_libyaml_is_there_to_be_used():
    assert yaml_text._LIBYAML, "PyYAML without libyaml: content is read at a quarter the speed"


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository_reads_alike(path, tmp_path):
    assert_read_alike(path.read_bytes(), tmp_path)


SNIPPETS = [
    "title: a\n",
    "title: a\r\nslug: b\r\n",
    "title: 'it''s'\n",
    'title: "tab\\there \\u00e9 \\x41"\n',
    "title: >-\n  folded\n  lines\n\n  paragraph\n",
    "title: |\n  literal\n   kept\n",
    "title: |+\n  keep\n\n\n",
    "title: plain\n  continued\n   again\n",
    "title: a # comment\n# only\n",
    "# comments only\n",
    "title: a\x85b\u2028c\u2029d\n",
    "title:\ta\n",
    "\ttitle: a\n",
    "title: a\n\tslug: b\n",
    "a: &x 1\nb: *x\n",
    "a: &x 1\n",
    "a: !!binary aGk=\n",
    "a: !!set {b, c}\n",
    "a: !custom 1\n",
    "a: 2024-02-30\n",
    "a: 2024-02-03\nb: 2024-02-03T04:05:06Z\nc: 1_000\nd: 0x1f\ne: 1:30\nf: .inf\ng: ~\n",
    "a: yes\nb: No\nc: on\nd: 'yes'\n",
    "a: [1, 2, {b: c}]\n",
    "[" * 30 + "]" * 30 + "\n",
    "a: b: c\n",
    "a: 'unclosed\n",
    "- a\nb: c\n",
    "a: 1\na: 2\n",
    "? complex\n: key\n",
    "{a: 1}: b\n",
    "---\na: 1\n---\nb: 2\n",
    "--- |\n  top literal\n",
    'a: "\\ud800"\n',
    "a: \u00e9\u4e2d\U0001f600\n",
    "a: x\x00y\n",
    "a: x\x1fy\n",
    "a: \ufeffx\n",
    "%YAML 1.1\n---\na: 1\n",
    "a:\n- 1\n-   - 2\n    - 3\n",
    "a: -\n",
    "a: @x\n",
    "a: `x\n",
    "a: 'x'y\n",
]


@pytest.mark.parametrize("text", SNIPPETS, ids=repr)
def test_odd_yaml_reads_alike(text, tmp_path):
    assert_read_alike(text.encode("utf-8"), tmp_path)


def test_an_alias_is_refused_on_its_own_line_whichever_scanner(tmp_path):
    raw = b"title: a\nx: &anchor 1\ny: *anchor\n"
    assert assert_read_alike(raw, tmp_path)[:2] == ("refused", 3)


STYLES = st.sampled_from([None, '"', "'", "|", ">"])


@hostile_settings(150)
@given(st.one_of(mutated_notes(), hostile_interviews()), STYLES, st.sampled_from([40, 80, 1000]))
def test_content_dumped_in_any_style_reads_alike(tmp_path_factory, data, style, width):
    try:
        text = yaml.safe_dump(data, allow_unicode=True, default_style=style, width=width)
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    assert_read_alike(text.encode("utf-8", "surrogatepass"), tmp_path_factory.mktemp("yaml"))
