"""Hostile input and faults around packs, round two (issue 10, items 14 to 21).

Every input a pack step reads (SOURCE_DATE_EPOCH, the published manifest, cache
entries, the links of the packs folder) and every OS failure while writing ends
in one line naming the file and a documented exit status; the published pack is
never lost; what is cached is derived from the bytes the render used.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import atomic, clock, digests
from pipeline.engine import cache
from pipeline.errors import UsageError
from pipeline.packs import assemble as pack
from pipeline.packs import lock, manifest, publish, schema_check
from tests.conftest import ROOT
from tests.hostile.strategies import hostile_settings
from tests.pack_support import DATE, files_of, invoke, report, write_note

SCHEMA = json.loads((ROOT / "schemas" / "pack-manifest.schema.json").read_text())
SLUG = "a-note"
NOTE = f"en/{SLUG}.html"


def pack_run(note: Path, root: Path, *more: object):
    """`briefing pack` of one note, English HTML only (a fraction of a second)."""
    return invoke("pack", note, "-l", "en", "-f", "html", "--out", root, "--json", *more)


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    """A packs folder holding one published pack of one note; (note, root)."""
    note = write_note(tmp_path / "content", SLUG, title="The original headline")
    root = tmp_path / "packs"
    result = pack_run(note, root)
    assert result.exit_code == 0, result.output
    return note, root


def one_line_error(result) -> str:
    """The run's error: one line (under --json, the report's), never a traceback."""
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "internal error" not in errors[0], errors[0]
    return errors[0]


def leftovers(root: Path) -> list[Path]:
    """Temporary files and links a run may leave while writing."""
    return [p for p in root.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".link-")]


# --- 14: SOURCE_DATE_EPOCH ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "253402300799",  # 9999-12-31: the zip writer's struct.error
        str(int(clock.LATEST.timestamp()) + 1),  # the first second of 2108
        "-1",
        "1.5",
        "soon",
        "1_795_766_400",
        "9" * 40,  # past what a datetime holds
    ],
)
def test_a_source_date_epoch_no_writer_can_hold_exits_2_naming_the_variable(
    tmp_path, monkeypatch, value
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    note = write_note(tmp_path / "content", SLUG)
    result = invoke("pack", note, "-l", "en", "-f", "html,docx", "--out", tmp_path / "packs")
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in one_line_error(result)
    assert not (tmp_path / "packs" / ".builds").exists()


def test_a_source_date_epoch_no_writer_can_hold_stops_a_plain_build_too(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    note = write_note(tmp_path / "content", SLUG)
    result = invoke("build", note, "-f", "docx", "--out", tmp_path / "out")
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in one_line_error(result)


@pytest.mark.slow
def test_the_last_second_a_zip_can_hold_dates_the_pack_zip_and_every_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(clock.LATEST.timestamp())))
    note = write_note(tmp_path / "content", SLUG)
    root = tmp_path / "packs"
    result = invoke("pack", note, "-l", "en", "-f", "html,docx", "--out", root, "--json")
    assert result.exit_code == 0, result.output
    pack_dir = root / clock.LATEST.date().isoformat()
    archive = pack_dir / manifest.archive_name(clock.LATEST.date())
    with zipfile.ZipFile(archive) as bundle:
        assert {info.date_time[0] for info in bundle.infolist()} == {2107}
    with zipfile.ZipFile(pack_dir / "en" / f"{SLUG}.docx") as document:
        assert {info.date_time[0] for info in document.infolist()} == {2107}


def test_a_pack_date_past_what_a_zip_can_hold_exits_2(tmp_path, monkeypatch):
    """Without SOURCE_DATE_EPOCH, the notes are dated by the pack's date (DOCX is a zip)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    note = write_note(tmp_path / "content", SLUG)
    result = invoke("pack", note, "-f", "docx", "--date", "2108-01-01", "--out", tmp_path / "p")
    assert result.exit_code == 2 and "--date" in one_line_error(result)


@given(
    st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.integers(min_value=0, max_value=2 * int(clock.LATEST.timestamp())).map(str),
        st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"])),
    )
)
@hostile_settings(200)
def test_any_source_date_epoch_is_a_time_every_zip_writer_holds_or_a_usage_error(value):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", value)
        try:
            moment = clock.build_time()
        except UsageError as error:
            assert "SOURCE_DATE_EPOCH" in str(error) and "\n" not in str(error)
            return
    archive = zipfile.ZipFile(io.BytesIO(manifest.zip_bytes([("a", b"")], moment)))
    assert archive.read("a") == b""


# --- 15, 16: the published links -------------------------------------------------------------


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no clean-up is owed to it."""


def test_a_run_killed_between_the_date_and_latest_switches_is_finished_by_the_next(
    built, monkeypatch
):
    note, root = built
    write_note(note.parent, SLUG, title="A second headline")
    switch = publish.Layout.switch

    def killed_before_latest(self, link, folder):
        if link.name == "latest":
            raise Killed
        switch(self, link, folder)

    with monkeypatch.context() as patch, pytest.raises(Killed):
        patch.setattr(publish.Layout, "switch", killed_before_latest)
        pack_run(note, root)
    assert (root / "latest").resolve() != (root / DATE).resolve()  # the state the kill left

    again = pack_run(note, root)
    assert again.exit_code == 0 and report(again)["status"] == "up to date"
    assert report(again)["latest"] is True
    assert (root / "latest").resolve() == (root / DATE).resolve()
    assert "A second headline" in (root / "latest" / NOTE).read_text()
    assert len(list((root / ".builds").iterdir())) == 1, "the stale pack was collected"


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_latest_that_is_not_a_link_is_named_for_what_it_is_kept_and_recreated_once_removed(
    built, kind
):
    note, root = built
    latest = root / "latest"
    latest.unlink()
    if kind == "file":
        latest.write_text("someone's notes")
    else:
        latest.mkdir()
        (latest / "notes.txt").write_text("someone's notes")
    refused = pack_run(note, root, "--rebuild")
    assert refused.exit_code == 1
    message = one_line_error(refused)
    assert f"{latest} is a {kind}" in message and "move it away" in message
    assert "someone's notes" in (
        latest.read_text() if kind == "file" else (latest / "notes.txt").read_text()
    )

    shutil.rmtree(latest) if kind == "folder" else latest.unlink()
    again = pack_run(note, root)
    assert again.exit_code == 0 and report(again)["latest"] is True
    assert latest.is_symlink() and latest.resolve() == (root / DATE).resolve()


def test_a_date_that_is_a_folder_not_a_link_is_refused_before_building(built):
    note, root = built
    (root / DATE).unlink()
    (root / DATE).mkdir()
    result = pack_run(note, root, "--rebuild")
    assert result.exit_code == 1 and f"{root / DATE} is a folder" in one_line_error(result)
    assert list((root / DATE).iterdir()) == []
    assert len(list((root / ".builds").iterdir())) == 1, "nothing was built"


# --- 17: OS failures while writing -----------------------------------------------------------


class FailingOS:
    """`os` as pipeline.atomic sees it, with one call failing for targets named like `name`."""

    def __init__(self, name: str, call: str, code: int) -> None:
        self.name, self.call, self.code, self.failed = name, call, code, []

    def __getattr__(self, attribute: str):
        return getattr(os, attribute)

    def _target(self, fd_or_path) -> str:
        if isinstance(fd_or_path, int):
            return os.readlink(f"/proc/self/fd/{fd_or_path}")
        return str(fd_or_path)

    def _fail(self, target: str) -> None:
        self.failed.append(target)
        raise OSError(self.code, os.strerror(self.code), target)

    def fdopen(self, fd, *args, **kwargs):
        stream = os.fdopen(fd, *args, **kwargs)
        if self.call == "write" and self.name in self._target(fd):
            outer = self

            class HalfWritten:
                def __enter__(self):
                    return self

                def __exit__(self, *exc_info):
                    stream.close()

                def write(self, data):
                    stream.write(data[: len(data) // 2])
                    stream.flush()
                    outer._fail(outer._target(stream.fileno()))

                def __getattr__(self, attribute):
                    return getattr(stream, attribute)

            return HalfWritten()
        return stream

    def replace(self, source, target):
        if self.call == "replace" and self.name in str(target):
            self._fail(str(source))
        return os.replace(source, target)


@pytest.mark.parametrize(
    ("name", "call", "code"),
    [
        ("briefing-pack.zip", "write", errno.ENOSPC),
        ("manifest.json", "write", errno.ENOSPC),
        (f"{SLUG}.html", "write", errno.ENOSPC),  # the note, into the pack
        (".out", "write", errno.ENOSPC),  # the cache only
        ("index.html", "replace", errno.EROFS),
        ("briefing-pack.zip", "replace", errno.EACCES),
    ],
)
def test_an_os_failure_while_writing_a_pack_is_one_line_and_keeps_the_published_pack(
    built, monkeypatch, name, call, code
):
    note, root = built
    write_note(note.parent, SLUG, title="A headline that will not fit")
    before = files_of(root / DATE)
    failing = FailingOS(name, call, code)
    with monkeypatch.context() as patch:
        patch.setattr(atomic, "os", failing)
        result = pack_run(note, root)
    assert failing.failed, "the fault was injected"
    assert result.exit_code == 1
    message = one_line_error(result)
    assert name in message and os.strerror(code) in message and ".tmp" not in message
    assert json.loads(result.stdout)["exit_code"] == 1
    assert files_of(root / DATE) == before and files_of(root / "latest") == before
    assert len(list((root / ".builds").iterdir())) == 1, "the half-built pack was removed"
    assert leftovers(root) == []


def test_a_packs_folder_where_the_lock_cannot_be_made_is_one_line_naming_the_lock(
    tmp_path, monkeypatch
):
    real_open = os.open

    class ReadOnly:
        def __getattr__(self, attribute):
            return getattr(os, attribute)

        def open(self, path, *args, **kwargs):
            if str(path).endswith(".lock"):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real_open(path, *args, **kwargs)

    monkeypatch.setattr(lock, "os", ReadOnly())
    note = write_note(tmp_path / "content", SLUG)
    result = pack_run(note, tmp_path / "packs")
    assert result.exit_code == 1
    message = one_line_error(result)
    assert ".lock" in message and os.strerror(errno.EROFS) in message


# --- 18: manifests of the wrong shape ---------------------------------------------------------


def corrupt(document: dict, where: tuple, value: object) -> dict:
    document = json.loads(json.dumps(document))
    target = document
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    return document


@pytest.fixture
def pack_copy(built, tmp_path) -> Path:
    """The published pack copied to a plain folder, to be damaged."""
    _note, root = built
    return Path(shutil.copytree((root / DATE).resolve(), tmp_path / "pack"))


def write_manifest(pack_dir: Path, document: object) -> None:
    (pack_dir / "manifest.json").write_text(json.dumps(document))


@pytest.mark.parametrize(
    ("where", "value", "located"),
    [
        (("archive", "path"), 5, "archive.path"),
        (("archive",), None, "archive"),
        (("files", 0, "path"), 5, "files[0]"),
        (("files", 0, "path"), None, "files[0]"),
        (("files", 1, "path"), "../../etc/passwd", "files[1]"),
        (("files", 0, "size"), "12", "files[0]"),
        (("files", 0), "en/a-note.html", "files[0]"),
        (("files",), {}, "files"),
        (("complete",), 1, "complete"),
        (("inputs",), ["x"], "inputs"),
    ],
)
def test_verify_locates_a_manifest_field_of_the_wrong_type_and_exits_1(
    pack_copy, where, value, located
):
    document = json.loads((pack_copy / "manifest.json").read_text())
    write_manifest(pack_copy, corrupt(document, where, value))
    result = invoke("verify", pack_copy)
    assert result.exit_code == 1
    assert f"manifest.json: {located}" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("document", [None, [], "a pack", 5, {"files": []}])
def test_verify_names_a_manifest_that_is_not_an_object_of_the_schema(pack_copy, document):
    write_manifest(pack_copy, document)
    result = invoke("verify", pack_copy)
    assert result.exit_code == 1 and "manifest.json" in result.stderr


@pytest.mark.parametrize("text", ["[" * 100_000, '{"size": NaN}', "\ud800"])
def test_verify_names_a_manifest_that_is_not_json(pack_copy, text):
    (pack_copy / "manifest.json").write_bytes(text.encode("utf-8", "surrogatepass"))
    result = invoke("verify", pack_copy)
    assert result.exit_code == 1 and "manifest.json: not JSON" in result.stderr


def test_a_published_manifest_of_the_wrong_shape_is_built_again_not_a_crash(built):
    note, root = built
    published = (root / DATE).resolve() / "manifest.json"
    published.write_text(json.dumps([{"inputs": "x"}]))
    result = pack_run(note, root)
    assert result.exit_code == 0 and report(result)["status"] == "built"
    assert invoke("verify", root / DATE).exit_code == 0


def test_delivering_a_pack_whose_manifest_has_the_wrong_shape_is_refused(pack_copy, tmp_path):
    document = json.loads((pack_copy / "manifest.json").read_text())
    write_manifest(pack_copy, corrupt(document, ("files", 0, "path"), None))
    result = invoke("deliver", pack_copy, "--to", f"dir:{tmp_path / 'share'}")
    assert result.exit_code == 1 and "files[0]" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "share" / DATE).exists()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def field_paths(value: object, at: tuple = ()) -> list[tuple]:
    """Every place in a JSON document a value could be replaced."""
    places = [at] if at else []
    if isinstance(value, dict):
        for key, item in value.items():
            places += field_paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places += field_paths(item, (*at, index))
    return places


@pytest.fixture(scope="module")
def a_manifest(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("manifest")
    note = write_note(folder / "content", SLUG)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795766400")
        assert pack_run(note, folder / "packs").exit_code == 0
    return json.loads((folder / "packs" / DATE / "manifest.json").read_text())


@given(data=st.data())
@hostile_settings(300)
def test_the_manifest_check_agrees_with_the_schema_on_any_damaged_manifest(a_manifest, data):
    places = field_paths(a_manifest)
    where = data.draw(st.sampled_from(places))
    document = corrupt(a_manifest, where, data.draw(json_values))
    if data.draw(st.booleans()):
        again = data.draw(st.sampled_from(field_paths(document) or [where]))
        document = corrupt(document, again, data.draw(json_values))
    problems = schema_check.schema_problems(document)
    assert (not problems) == jsonschema.Draft202012Validator(SCHEMA).is_valid(document), problems


def schema_keywords(schema: dict) -> set[str]:
    """Every keyword the schema uses, in every subschema."""
    found = set(schema)
    for name in ("properties", "$defs"):
        for subschema in schema.get(name, {}).values():
            found |= schema_keywords(subschema)
    for name in ("items", "additionalProperties"):
        if isinstance(schema.get(name), dict):
            found |= schema_keywords(schema[name])
    for subschema in schema.get("oneOf", []):
        found |= schema_keywords(subschema)
    return found


def test_the_manifest_check_knows_every_keyword_of_the_schema_and_passes_a_real_manifest(
    a_manifest,
):
    assert schema_keywords(SCHEMA) <= schema_check.SCHEMA_KEYWORDS
    assert schema_check.schema_problems(a_manifest) == []


# --- 19: links and other non-files inside a pack ----------------------------------------------


def test_verify_names_a_link_to_a_folder_inside_the_pack(pack_copy, tmp_path):
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "password.txt").write_text("hunter2")
    (pack_copy / "en" / "more").symlink_to(secrets)
    result = invoke("verify", pack_copy)
    assert result.exit_code == 1
    assert "en/more: a symbolic link to a folder, not a file of the pack" in result.stderr


def test_verify_names_a_listed_file_replaced_by_a_link_to_the_same_bytes(pack_copy, tmp_path):
    note = pack_copy / NOTE
    elsewhere = Path(shutil.copy(note, tmp_path / "elsewhere.html"))
    note.unlink()
    note.symlink_to(elsewhere)
    result = invoke("verify", pack_copy)
    assert result.exit_code == 1 and f"{NOTE}: a symbolic link, not a file" in result.stderr


def test_verify_names_a_pipe_and_an_empty_folder_without_waiting_on_the_pipe(pack_copy):
    os.mkfifo(pack_copy / "en" / "pipe")
    (pack_copy / "empty").mkdir()
    result = invoke("verify", pack_copy)
    assert result.exit_code == 1
    assert "en/pipe: a named pipe, not a file of the pack" in result.stderr
    assert "empty/: an empty folder, not in the manifest" in result.stderr


def test_folder_delivery_copies_only_the_listed_regular_files(pack_copy, tmp_path, monkeypatch):
    """A link planted after verify (here: verify made blind) is still not followed."""
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "password.txt").write_text("hunter2")
    (pack_copy / "en" / "more").symlink_to(secrets)
    (pack_copy / "stray.txt").write_text("not listed")
    monkeypatch.setattr(manifest, "verify", lambda pack_dir: [])
    share = tmp_path / "share"
    result = invoke("deliver", pack_copy, "--to", f"dir:{share}")
    assert result.exit_code == 0, result.output
    listed = {
        entry["path"] for entry in json.loads((pack_copy / "manifest.json").read_text())["files"]
    }
    listed |= {"manifest.json", manifest.archive_name(dt.date.fromisoformat(DATE))}
    delivered = share / DATE
    assert {
        p.relative_to(delivered).as_posix() for p in delivered.rglob("*") if not p.is_dir()
    } == listed
    assert not any(p.is_symlink() for p in delivered.rglob("*"))


def test_folder_delivery_does_not_follow_a_listed_file_turned_into_a_link(
    pack_copy, tmp_path, monkeypatch
):
    (tmp_path / "password.txt").write_text("hunter2")
    (pack_copy / NOTE).unlink()
    (pack_copy / NOTE).symlink_to(tmp_path / "password.txt")
    monkeypatch.setattr(manifest, "verify", lambda pack_dir: [])
    share = tmp_path / "share"
    result = invoke("deliver", pack_copy, "--to", f"dir:{share}")
    assert result.exit_code == 1 and NOTE in one_line_error(result)
    assert not any("hunter2" in p.read_text() for p in share.rglob("*") if p.is_file())


# --- 20: damaged cache entries ---------------------------------------------------------------


def cache_entry(root: Path) -> tuple[Path, Path]:
    """The `.out` and `.json` of the one note cached under `root`."""
    [description] = (root / ".cache").glob("*/*.json")
    return description.with_suffix(".out"), description


def full_description(root: Path) -> dict:
    return json.loads(cache_entry(root)[1].read_text())


@pytest.mark.parametrize(
    "damage",
    [
        "null",
        "[]",
        '"text"',
        "{}",
        "without slug",
        "title a number",
        "size wrong",
        "out a folder",
        "json a folder",
        "folder a file",
    ],
)
def test_a_damaged_cache_entry_is_a_miss_and_is_replaced(built, damage):
    note, root = built
    data_path, meta_path = cache_entry(root)
    good = full_description(root)
    if damage in ("null", "[]", '"text"', "{}"):
        meta_path.write_text(damage)
    elif damage == "without slug":
        meta_path.write_text(json.dumps({k: v for k, v in good.items() if k != "slug"}))
    elif damage == "title a number":
        meta_path.write_text(json.dumps({**good, "title": 5}))
    elif damage == "size wrong":
        meta_path.write_text(json.dumps({**good, "size": good["size"] + 1}))
    elif damage == "out a folder":
        data_path.unlink()
        (data_path / "inside").mkdir(parents=True)
    elif damage == "json a folder":
        meta_path.unlink()
        meta_path.mkdir()
    else:
        shutil.rmtree(meta_path.parent)
        meta_path.parent.write_text("not a folder")
    result = pack_run(note, root, "--date", "2026-11-28")  # same keys, another pack
    assert result.exit_code == 0, result.output
    assert report(result)["built"] == [NOTE]
    assert cache_entry(root)[0].is_file() and full_description(root) == good
    again = pack_run(note, root, "--date", "2026-11-29")
    assert again.exit_code == 0 and report(again)["reused"] == [NOTE] and not report(again)["built"]


def cached_html() -> bytes:
    return b"<html>a note</html>"


WHOLE_DESCRIPTION = {
    "slug": SLUG,
    "title": "A headline",
    "outlet": None,
    "language": "en",
    "locale": "en",
    "format": "html",
    "pages": None,
    "translation": {"translated": 1, "total": 1, "percent": 100.0},
    "sha256": digests.sha256(cached_html()),
    "size": len(cached_html()),
}


@st.composite
def descriptions(draw) -> tuple[object, bool]:
    """A cache description, and whether it is whole (a damaged one has a field replaced)."""
    if draw(st.booleans()):
        return draw(json_values), False
    description = dict(WHOLE_DESCRIPTION)
    for name in draw(st.lists(st.sampled_from(sorted(description)), max_size=3, unique=True)):
        if draw(st.booleans()):
            del description[name]
        else:
            description[name] = draw(json_values)
    return description, description == WHOLE_DESCRIPTION


@given(drawn=descriptions())
@hostile_settings(200)
def test_any_cache_description_is_reused_only_when_it_makes_a_valid_manifest_line(
    tmp_path_factory, drawn
):
    description, whole = drawn
    store = cache.RenderCache(tmp_path_factory.mktemp("cache"))
    key = "ab" + "0" * 62
    store.put(key, cached_html(), {})
    store._paths(key)[1].write_text(json.dumps(description))
    sources = cache.Sources("0" * 64, "0" * 64, "0" * 64)
    item = pack.Wanted(Path(f"{SLUG}.yaml"), "en", "html", NOTE, key, sources)
    reused = pack._reuse(store, item)
    if whole:
        assert reused is not None and reused[0] == cached_html()
    if reused is not None:
        assert schema_check.schema_problems(reused[1], "#/$defs/note") == []


# --- 21: content edited while the pack builds -----------------------------------------------


def test_content_edited_while_a_pack_builds_is_not_cached_under_the_old_key(built, monkeypatch):
    note, root = built
    from pipeline.engine import plan as build

    original = note.read_bytes()
    plan = build.plan

    def edited_after_the_keys(*args, **kwargs):
        write_note(note.parent, SLUG, title="Edited while building")
        return plan(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(build, "plan", edited_after_the_keys)
        first = pack_run(note, root, "--rebuild")
    assert first.exit_code == 0, first.output
    assert "The original headline" in (root / DATE / NOTE).read_text()

    edited = pack_run(note, root)
    assert report(edited)["built"] == [NOTE]
    assert "Edited while building" in (root / DATE / NOTE).read_text()

    note.write_bytes(original)
    reverted = pack_run(note, root)
    assert reverted.exit_code == 0 and report(reverted)["reused"] == [NOTE]
    assert "The original headline" in (root / DATE / NOTE).read_text()
