"""The quick validation path accepts nothing the model refuses, and gives the model's values.

`pipeline.content.quick` validates content without pydantic; where it is unsure it gives
None and the model decides. These tests hold it against the model (pydantic) on every
content file of the repository, on hostile and mutated notes, and on URLs, numbers and
white space where the two could part.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import HttpUrl, TypeAdapter, ValidationError

from pipeline.content import loader, model, quick, records, rules
from tests.conftest import ROOT, SEED_CONTENT
from tests.hostile.strategies import BASE, hostile_interviews, hostile_settings, hostile_text


def model_records(data: object) -> records.Interview | None:
    try:
        return records.from_model(model.Interview.model_validate(data))
    except ValidationError:
        return None


def assert_agrees(data: object) -> records.Interview | None:
    """The quick path's answer is None or exactly the model's; returns the quick answer."""
    fast = quick.interview(copy.deepcopy(data))
    if fast is None:
        return None
    slow = model_records(data)
    assert slow is not None, "the quick path accepted content the model refuses"
    assert fast == slow
    assert fast.model_dump(mode="json") == model.Interview.model_validate(data).model_dump(
        mode="json"
    )
    return fast


CONTENT_FILES = sorted(
    {
        *ROOT.joinpath("content").glob("*.yaml"),
        *ROOT.joinpath("tests", "fixtures").rglob("*.yaml"),
        *ROOT.joinpath("templates").rglob("*.yaml"),
    }
)


def content_data(path: Path) -> object:
    try:
        return loader._read_yaml(path)[0]
    except loader.Located:
        return None


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_content_file_of_the_repository_validates_alike(path):
    data = content_data(path)
    if isinstance(data, dict) and "turns" in data:
        assert_agrees(data)


def test_the_seed_takes_the_quick_path():
    data = content_data(SEED_CONTENT)
    assert assert_agrees(data) is not None


def test_a_localized_note_validates_alike_again():
    """What `segments.localize` validates: a record's own dump, texts replaced."""
    note = loader.load(SEED_CONTENT).interview
    data = note.model_dump(mode="python")
    data["short_title"] = "Посол Кореи"
    data["language"] = "ru"
    assert assert_agrees(data) is not None
    data["short_title"] = "П" * 91
    assert quick.interview(data) is None and model_records(data) is None


SEED = content_data(SEED_CONTENT)
PATHS: list[tuple] = []


def _paths(data: object, at: tuple = ()) -> None:
    PATHS.append(at)
    if isinstance(data, dict):
        for key, value in data.items():
            _paths(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _paths(value, (*at, index))


_paths(SEED)
_paths(BASE)

URLS = [
    "https://example.com",
    "https://example.com/",
    "https://example.com/a/b?c=d#e",
    "https://Example.com/a",
    "HTTPS://example.com/a",
    "http://example.com:80/a",
    "https://example.com:443/a",
    "https://example.com:8443/a",
    "https://example.com/a b",
    "https://example.com/a/../b",
    "https://example.com/a/./b",
    "https://example.com/%2e%2e/b",
    "https://example.com/%7e",
    "https://example.com/a'b?c'd",
    "https://example.com/a?",
    "https://example.com/a#",
    "https://example.com//a",
    "https://user@example.com/",
    "https://127.0.0.1/",
    "https://1.2.3/",
    "https://0x7f.1/",
    "https://xn--e1afmkfd.xn--p1ai/",
    "https://xn--zz.com/",
    "https://a--b.com/",
    "https://пример.рф/",
    "https://example.com./",
    "https://example..com/",
    "https://-a.com/",
    "https://localhost/",
    "ftp://example.com/",
    "https://example.com/a\\b",
    "https://example.com/\ta",
    " https://example.com/",
    "https://example.com/" + "a" * 2100,
    "https://kabar.kg/eng/news/some-interview-1234/",
    "https://www.example.org/2026/12/01/interview.html?utm_source=x&y=1;z=2",
]


@pytest.mark.parametrize("url", URLS)
def test_a_url_the_quick_path_accepts_is_written_as_the_model_writes_it(url):
    try:
        expected = str(TypeAdapter(HttpUrl).validate_python(url))
    except ValidationError:
        expected = None
    try:
        accepted = quick._url(url)
    except quick.Unsure:
        return
    assert accepted == expected


NUMBERS = [0, 7, -3, 370, 63.5, 1e16, 1e17, 1e18, 1e-7, -0.0, 10**17, 10**18, 10**30,
           float("inf"), float("nan"), True, False, Decimal("1.50"), Decimal("NaN"), "12.5",
           12345678901234567.0, 0.1 + 0.2]  # fmt: skip


@pytest.mark.parametrize("number", NUMBERS, ids=repr)
def test_numbers_as_figures_and_as_texts_validate_alike(number):
    data = copy.deepcopy(BASE)
    data["published"] = dt.date(2024, 5, 6)
    data["brief"]["key_figures"][0]["value"] = number
    assert_agrees(data)
    data = copy.deepcopy(data)
    data["brief"]["key_figures"][0]["period"] = number
    assert_agrees(data)


SPACES = ["", " ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\x85", "\xa0", "\u2007", "\u200b",
          "\u2028", "\u3000", "\ufeff", "\x00"]  # fmt: skip


@pytest.mark.parametrize("space", SPACES, ids=repr)
@pytest.mark.parametrize("field", [("slug",), ("language",), ("short_title",), ("title",)])
def test_white_space_at_the_ends_is_stripped_as_the_model_strips_it(space, field):
    data = copy.deepcopy(BASE)
    data["published"] = dt.date(2024, 5, 6)
    data[field[0]] = space + str(data[field[0]]) + space
    assert_agrees(data)


def test_length_limits_count_as_the_model_counts():
    for text in ["x" * 90, "x" * 91, " " * 50 + "x" * 60, "x " * 46, "x" + "  " * 50 + "y"]:
        data = copy.deepcopy(BASE)
        data["published"] = dt.date(2024, 5, 6)
        data["short_title"] = text
        data["source"]["name"] = text * 6
        assert_agrees(data)


ODD_VALUES = st.one_of(
    hostile_text,
    st.sampled_from(["final", "draft", "Final", " draft", "confirmed", "suggested", "unsure"]),
    st.sampled_from(URLS),
    st.sampled_from(["assets/portrait.jpg", "assets/a.png", "../a.png", "assets/a.gif", "a.jpg"]),
    st.sampled_from(["en", "ru", "kg", "en-XA", "EN", "ko-KR", "hostile", "a-b-c"]),
    st.sampled_from(NUMBERS),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=8),
    st.just([]),
    st.just({}),
    st.lists(hostile_text, max_size=8),
    st.just("x" * 501),
)


@st.composite
def mutated_notes(draw) -> object:
    data = copy.deepcopy(draw(st.sampled_from([SEED, BASE])))
    if draw(st.booleans()):
        data["published"] = dt.date(2024, 5, 6)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        target, ok = data, True
        for part in path[:-1]:
            try:
                target = target[part]
            except (KeyError, IndexError, TypeError):
                ok = False
                break
        if not ok or not path or not isinstance(target, dict | list):
            continue
        action = draw(st.integers(0, 5))
        try:
            if action == 0 and isinstance(target, dict):
                target.pop(path[-1], None)
            elif action == 1 and isinstance(target, dict):
                target[draw(st.sampled_from(["extra", "Title", "url", "note", "status"]))] = 1
            else:
                target[path[-1]] = draw(ODD_VALUES)
        except (IndexError, TypeError):
            continue
    return data


@hostile_settings(400)
@given(mutated_notes())
def test_mutated_notes_validate_alike(data):
    assert_agrees(data)


@hostile_settings(200)
@given(hostile_interviews())
def test_hostile_notes_validate_alike(data):
    assert_agrees(data)
    data["published"] = dt.date(2024, 5, 6)  # as YAML gives it: the quick path may take it
    assert_agrees(data)


def test_records_are_frozen_compared_by_value_and_survive_pickling():
    note = loader.load(SEED_CONTENT).interview
    with pytest.raises(AttributeError):
        note.slug = "other"  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(note))
    assert again == note and again is not note and again.brief.is_draft is note.brief.is_draft
    assert note != records.from_model(model.Interview.model_validate({**SEED, "title": "Other"}))
    assert copy.deepcopy(note) == note


def test_a_file_the_quick_path_is_unsure_of_gets_the_models_message(tmp_path):
    """`published` written as a quoted string: only the model reads it (and here refuses it)."""
    text = SEED_CONTENT.read_text(encoding="utf-8")
    path = tmp_path / SEED_CONTENT.name
    path.write_text(text.replace("published: null", "published: 'soon'"), encoding="utf-8")
    with pytest.raises(loader.ContentError) as error:
        loader.load(path)
    assert error.value.problems[0].field == "published"
    assert "date" in error.value.problems[0].message


@pytest.mark.slow
def test_loading_the_seed_imports_no_pydantic():
    script = (
        "import sys\nfrom pathlib import Path\nfrom pipeline.content import loader\n"
        f"loader.load(Path({str(SEED_CONTENT)!r}))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')"
        " or m == 'pipeline.content.model'))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


STATUS_FIELDS = [
    ("brief", "status"),
    ("brief", "key_figures", 0, "status"),
    ("brief", "organisations", 0, "status"),
    ("turns", 0, "status"),
]
STATUSES = ["final", "draft", "Final", " draft", "confirmed", "suggested", "unsure", "", None, 1]


@pytest.mark.parametrize("status", STATUSES, ids=repr)
@pytest.mark.parametrize("field", STATUS_FIELDS, ids=lambda path: ".".join(map(str, path)))
def test_statuses_are_taken_exactly_as_the_model_takes_them(field, status):
    for draft in (True, False):
        data = copy.deepcopy(BASE)
        data["published"] = dt.date(2024, 5, 6)
        if not draft:  # a final brief: four key points, confirmed items
            brief = data["brief"]
            brief.update(status="final", key_points=["A.", "B.", "C.", "D."])
            brief["key_figures"][0]["status"] = brief["organisations"][0]["status"] = "confirmed"
        target = data
        for part in field[:-1]:
            target = target[part]
        target[field[-1]] = status
        assert_agrees(data)


@pytest.mark.parametrize("tag", sorted(quick._KNOWN_LANGUAGES))
def test_the_languages_taken_without_asking_cldr_are_ones_the_model_takes(tag):
    assert rules.language_tag(tag) == tag
    data = copy.deepcopy(BASE)
    data["published"] = dt.date(2024, 5, 6)
    data["language"] = tag
    assert assert_agrees(data) is not None


LIBRARIES_A_WARM_HTML_BUILD_NEEDS_NOT = ("pydantic", "pydantic_core", "babel", "docx", "lxml")


@pytest.mark.slow
def test_an_html_build_run_again_imports_neither_pydantic_nor_babel(tmp_path):
    """The second build of a note: its dates and figures come from the Babel cache."""
    script = (
        "import json, sys\nfrom pipeline.cli import main\n"
        "try:\n    main(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    command = [sys.executable, "-c", script, "--project", str(ROOT), "-q", "build", "-f", "html"]
    command += [str(SEED_CONTENT), "--out", str(tmp_path / "out")]
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for _ in range(2):
        run = subprocess.run(command, capture_output=True, text=True, check=True, env=environment)
    imported = set(json.loads(run.stdout.splitlines()[-1]))
    assert imported & set(LIBRARIES_A_WARM_HTML_BUILD_NEEDS_NOT) == set()
    assert (tmp_path / "out" / "en" / f"{SEED_CONTENT.stem}.html").is_file()


@pytest.mark.parametrize("kind", sorted(records.RECORDS))
def test_each_record_has_the_models_fields_in_the_models_order(kind):
    """`records.from_model` copies the record's fields: a field added to the model alone
    would be dropped from every loaded note without a word."""
    assert records.RECORDS[kind].fields == tuple(getattr(model, kind).model_fields)
