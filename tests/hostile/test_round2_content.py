"""Hostile content and assets, round two (issue 10, items 1, 2, 3, 12 and 13).

The portrait is a file the tool reads: it is opened once, at load, without following a
link out of content/assets, checked to be a PNG or JPEG within size and pixel limits, and
those very bytes go to every renderer. An asset no note uses cannot stop a pack. Text
that would take minutes to lay out is refused at load, naming the field and the limit.
Two notes that would write the same output are refused before anything is written.
"""

from __future__ import annotations

import base64
import io
import os
import pathlib
import struct
import threading
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import render
from pipeline.content import loader as content
from pipeline.content import picture
from pipeline.content.model import NARROW_CHARS, NARROW_TEXT_HELP
from pipeline.engine import cache
from pipeline.engine import plan as pipeline_build
from pipeline.errors import ContentError
from pipeline.text import LONG_RUN_CHARS, MAX_LAYOUT_COST, MAX_WORD_CHARS
from tests.conftest import REPO, seed_data
from tests.hostile.strategies import hostile_settings
from tests.pack_support import invoke, write_note

SECRET = b"root:x:0:0:root:/root:/bin/bash\n"


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` pixels, with no pixel data to back it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def picture_bytes(kind: str = "PNG", size: tuple[int, int] = (120, 160)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 61, 99)).save(buffer, format=kind)
    return buffer.getvalue()


def _inserted(data: bytes, extra: bytes) -> bytes:
    return data[: len(data) // 2] + extra + data[len(data) // 2 :]


@pytest.fixture
def with_portrait(write_content):
    """Write the seed with a portrait at assets/portrait.png holding `data`; returns its paths."""

    def write(data: bytes | None = None, file: str = "assets/portrait.png") -> tuple[Path, Path]:
        note = seed_data()
        note["image"] = {"file": file, "alt": "Portrait", "credit": "Agency"}
        path = write_content(note)
        target = path.parent / file
        target.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            target.write_bytes(data)
        return path, target

    return write


def only_problem(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        content.load(path)
    [problem] = caught.value.problems
    assert problem.field == "image.file", problem
    assert problem.line, problem
    return problem.message


# --- Item 1: the portrait is checked to be a picture, within limits, when it is read ---------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SECRET, id="passwd"),
        pytest.param(b"", id="empty"),
        pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"/>', id="svg"),
        pytest.param(picture_bytes("GIF"), id="gif"),
        pytest.param(picture_bytes("PNG")[:60], id="truncated-png"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, id="png-signature-only"),
        pytest.param(picture_bytes("PNG")[:-80], id="png-cut-short"),
        pytest.param(_inserted(picture_bytes("PNG"), b"\xff\xfe\xc0\xaf"), id="png-bytes-inserted"),
        pytest.param(picture_bytes("JPEG").replace(b"\xff\xe0", b"\xff\xe1", 1), id="jfif-no-app0"),
    ],
)
def test_a_portrait_that_is_not_a_png_or_jpeg_is_refused_at_load(with_portrait, data):
    import weasyprint  # noqa: F401 -- once imported, it tells Pillow to accept truncated files

    path, _ = with_portrait(data)
    assert "is not a readable PNG or JPEG picture" in only_problem(path)


def test_a_hard_link_to_a_system_file_named_portrait_png_is_refused(with_portrait, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    path, target = with_portrait()
    os.link(secret, target)
    assert "is not a readable PNG or JPEG picture" in only_problem(path)


@pytest.mark.parametrize(
    ("width", "height"),
    [
        pytest.param(30_000, 30_000, id="30000x30000"),
        pytest.param(65_536, 32_768, id="2^31-pixels"),
        pytest.param(picture.MAX_PIXELS // 4000 + 1, 4000, id="just-over-the-pixel-limit"),
        pytest.param(picture.MAX_SIDE + 1, 10, id="too-wide"),
    ],
)
def test_a_portrait_over_the_pixel_limits_is_refused_naming_them(with_portrait, width, height):
    path, _ = with_portrait(png_header(width, height))
    message = only_problem(path)
    assert f"{picture.MAX_PIXELS:,} pixels" in message
    assert f"{picture.MAX_SIDE:,} pixels a side" in message


def test_a_portrait_over_the_byte_limit_is_refused_before_decoding(with_portrait):
    path, _ = with_portrait(picture_bytes() + b"\0" * picture.MAX_BYTES)
    assert f"larger than {picture.MAX_BYTES // 2**20} MiB" in only_problem(path)


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir], ids=["fifo", "folder"])
def test_a_portrait_that_is_not_a_regular_file_is_refused_without_blocking(with_portrait, make):
    path, target = with_portrait()
    make(target)
    assert "is not a regular file" in only_problem(path)


def test_an_unreadable_portrait_is_one_located_error(with_portrait, monkeypatch):
    path, target = with_portrait(picture_bytes())
    real_open = os.open

    def refusing_open(name, flags, *arguments, **options):
        if os.fspath(name) == target.name:
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, flags, *arguments, **options)

    monkeypatch.setattr(os, "open", refusing_open)
    assert only_problem(path) == f"cannot read {target}: Permission denied"


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_real_png_or_jpeg_portrait_loads_with_its_bytes_and_type(with_portrait, kind):
    data = picture_bytes(kind)
    path, _ = with_portrait(data, file=f"assets/portrait.{'png' if kind == 'PNG' else 'jpg'}")
    loaded = content.load(path)
    assert loaded.picture.data == data
    assert loaded.picture.media_type == f"image/{kind.lower()}"
    assert (loaded.picture.width, loaded.picture.height) == (120, 160)


@st.composite
def damaged_pictures(draw) -> bytes:
    """A real PNG or JPEG with bytes changed, cut off or inserted, or a header's claims."""
    data = bytearray(draw(st.sampled_from([picture_bytes("PNG"), picture_bytes("JPEG")])))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at:]
            if not data:
                break
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


@hostile_settings(300)
@given(data=st.one_of(damaged_pictures(), st.binary(max_size=64)))
def test_any_bytes_are_a_checked_picture_or_one_clear_refusal(data):
    """What passes the check, python-docx reads; what does not is refused in words."""
    try:
        media_type, width, height = picture.check(data)
    except picture.PictureError as error:
        assert str(error).startswith(("is ", "claims ")), error
    else:
        from docx.image.image import Image as WordImage

        assert media_type in {"image/png", "image/jpeg"}
        assert 0 < width * height <= picture.MAX_PIXELS
        assert WordImage.from_blob(data).content_type == media_type  # the DOCX reads it too


def test_the_command_refuses_a_fake_portrait_in_one_line_with_exit_2(with_portrait, tmp_path):
    path, _ = with_portrait(png_header(30_000, 30_000))
    result = invoke("build", path, "-f", "docx", "--out", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert f"{path}:" in result.output and ": image.file: " in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


# --- Item 2: the bytes read at load are the bytes every format embeds ------------------------


def embedded_pictures(outputs: dict[str, bytes]) -> dict[str, bytes]:
    """The picture bytes each format carries (HTML data: URI, the DOCX media part)."""
    import lxml.html

    [img] = lxml.html.fromstring(outputs["html"]).cssselect("figure.portrait img")
    found = {"html": base64.b64decode(img.get("src").split(",", 1)[1])}
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as archive:
        [media] = [name for name in archive.namelist() if name.startswith("word/media/")]
        found["docx"] = archive.read(media)
    return found


def test_the_portrait_is_read_once_at_load_and_never_opened_again(with_portrait, tmp_path):
    original = picture_bytes()
    path, target = with_portrait(original)
    plan = pipeline_build.plan([path], ["html", "docx"], project=REPO)
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    target.unlink()
    target.symlink_to(secret)  # swapped after the check: nothing may read it now
    outputs = {name: render.get(name).render(plan.jobs[0]) for name in ("html", "docx")}
    assert embedded_pictures(outputs) == {"html": original, "docx": original}
    assert all(SECRET not in data for data in outputs.values())


@pytest.mark.slow
def test_the_pdf_embeds_the_portrait_read_at_load_not_the_file_now_there(with_portrait, tmp_path):
    path, target = with_portrait(picture_bytes())
    plan = pipeline_build.plan([path], ["pdf"], project=REPO)
    target.unlink()
    target.write_bytes(b"not a picture any more")
    data = render.get("pdf").render(plan.jobs[0])  # fails if the PDF read the file again
    assert data.startswith(b"%PDF") and b"/Subtype /Image" in data


def test_a_link_met_while_opening_is_not_followed(tmp_path):
    """A path resolved a moment ago may be a link by the time it is opened."""
    assets = tmp_path / "assets"
    (assets / "sub").mkdir(parents=True)
    (tmp_path / "passwd").write_bytes(SECRET)
    (assets / "link.png").symlink_to(tmp_path / "passwd")
    (assets / "folder-link").symlink_to(tmp_path, target_is_directory=True)
    for relative in ("link.png", "folder-link/passwd"):
        with pytest.raises(picture.ReadError, match="changed while it was being read"):
            picture.read_confined(assets, Path(relative))


def test_flipping_the_portrait_to_a_link_during_builds_never_leaks_the_target(
    with_portrait, tmp_path
):
    original = picture_bytes()
    path, target = with_portrait(original)
    secret = tmp_path / "passwd"
    secret.write_bytes(SECRET)
    real, link = tmp_path / "real.png", tmp_path / "link.png"
    real.write_bytes(original)
    link.symlink_to(secret)
    stop = threading.Event()

    def flip() -> None:
        while not stop.is_set():
            for source in (link, real):
                replacement = target.with_name(".swap")
                if source.is_symlink():
                    replacement.symlink_to(secret)
                else:
                    replacement.write_bytes(original)
                os.replace(replacement, target)

    flipper = threading.Thread(target=flip)
    flipper.start()
    built = refused = 0
    try:
        for _ in range(40):
            try:
                plan = pipeline_build.plan([path], ["html"], project=REPO)
            except ContentError as error:
                refused += 1
                assert [p.field for p in error.problems] == ["image.file"], error
                continue
            html = render.get("html").render(plan.jobs[0])
            assert base64.b64encode(SECRET) not in html
            assert base64.b64encode(original) in html
            built += 1
    finally:
        stop.set()
        flipper.join()
    assert built + refused == 40


# --- Item 3: an asset no note uses cannot stop a pack -----------------------------------------


@pytest.fixture
def unreadable(monkeypatch):
    """Files named `unreadable.*` fail to open, as a file without read permission does
    (the tests run as root, whom permissions do not stop)."""
    real_open = pathlib.Path.open

    def refusing_open(self, mode="r", *arguments, **options):
        if self.name.startswith("unreadable.") and "r" in mode:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, mode, *arguments, **options)

    monkeypatch.setattr(pathlib.Path, "open", refusing_open)


def test_an_unreadable_unused_asset_does_not_stop_a_pack(tmp_path, unreadable):
    source = write_note(tmp_path / "content", "plain-note")
    assets = tmp_path / "content" / "assets"
    assets.mkdir()
    (assets / "unreadable.png").write_bytes(picture_bytes())
    (assets / "unreadable.png").chmod(0)
    result = invoke("pack", source, "-l", "en", "-f", "html", "--out", tmp_path / "packs")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_an_unreadable_asset_still_counts_in_the_cache_key(tmp_path, unreadable):
    source = write_note(tmp_path / "content", "plain-note")
    (tmp_path / "content" / "assets").mkdir()
    before = cache.Fingerprints(REPO).content(source)
    (tmp_path / "content" / "assets" / "unreadable.png").write_bytes(b"x")
    assert cache.Fingerprints(REPO).content(source) != before


# --- Item 12: what one paragraph may cost to lay out is bounded ------------------------------


def refused_text(write_content, text: str, field: str = "answer") -> str:
    data = seed_data()
    if field == "answer":
        data["turns"][0]["answer"].append(text)
    else:
        data["brief"]["key_figures"][0]["note"] = text
    path = write_content(data)
    with pytest.raises(ContentError) as caught:
        content.load(path)
    [problem] = caught.value.problems
    assert problem.line, problem
    return f"{problem.field}: {problem.message}"


def test_ten_long_words_in_one_paragraph_are_refused_naming_the_limit(write_content):
    word = "x" * (MAX_WORD_CHARS - 10)
    message = refused_text(write_content, " ".join([word] * 10))
    assert message.startswith("turns[0].answer[2]: has 10 words longer than")
    assert f"at most {MAX_LAYOUT_COST:,}" in message


@pytest.mark.parametrize(
    ("count", "length", "filler"),
    [
        pytest.param(300, 150, 0, id="300-words-of-150"),
        pytest.param(300, LONG_RUN_CHARS + 1, 0, id="300-words-just-over-a-line"),
        pytest.param(1, 2_000, 50_000, id="one-long-word-then-a-long-paragraph"),
    ],
)
def test_many_words_longer_than_a_line_are_refused_together(write_content, count, length, filler):
    text = " ".join(["y" * length] * count) + " and so on" * (filler // 10)
    assert f"longer than {LONG_RUN_CHARS} characters" in refused_text(write_content, text)


def test_a_paragraph_at_the_layout_limit_loads(write_content):
    data = seed_data()
    data["turns"][0]["answer"].append("x" * MAX_WORD_CHARS)
    short = "z" * (LONG_RUN_CHARS + 1)
    paragraph = " ".join([short] * (MAX_LAYOUT_COST // MAX_WORD_CHARS // (len(short) + 1)))
    data["turns"][1]["answer"].append(paragraph[: MAX_WORD_CHARS - 1])
    data["turns"][2]["answer"].append(" ".join(["w" * LONG_RUN_CHARS] * 2_000))  # fit a line
    assert content.load(write_content(data))


@pytest.mark.parametrize(
    ("where", "limit"),
    [
        (("image", "credit"), NARROW_CHARS),
        (("brief", "key_figures", 0, "note"), 2 * NARROW_CHARS),
        (("brief", "key_figures", 0, "label"), NARROW_CHARS),
        (("dateline",), NARROW_CHARS),
        (("handling",), NARROW_CHARS),
    ],
)
def test_text_in_narrow_boxes_is_limited_in_length(with_portrait, where, limit):
    path, _ = with_portrait(picture_bytes())
    data = seed_data()
    data["image"] = {"file": "assets/portrait.png", "alt": "Portrait", "credit": "Agency"}
    target = data
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = "short words " * (limit // 12 + 1)
    with pytest.raises(ContentError) as caught:
        content.load(_rewrite(path, data))
    [problem] = caught.value.problems
    assert problem.field == content.format_field(where)
    assert f"at most {limit:,} characters" in problem.message
    assert NARROW_TEXT_HELP in problem.message


def _rewrite(path: Path, data: dict) -> Path:
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- Item 13: two notes that would write the same output are refused before any write -------


@pytest.fixture
def twins(tmp_path) -> tuple[Path, Path]:
    """`dup` in English under content/a/ and in Russian under content/b/."""
    english = write_note(tmp_path / "content" / "a", "dup")
    russian = write_note(tmp_path / "content" / "b", "dup", language="ru")
    return english, russian


def test_the_build_plan_refuses_the_same_slug_in_two_languages_for_shared_locales(twins):
    english, russian = twins
    assert (
        len(pipeline_build.plan([english, russian], ["html"], project=REPO).jobs) == 2
    )  # own languages
    with pytest.raises(ContentError) as caught:
        pipeline_build.plan([english, russian], ["html"], ["en", "ru"], project=REPO)
    [problem] = caught.value.problems
    assert problem.file == russian and str(english) in problem.message
    assert "(en, ru)" in problem.message


@hostile_settings(200)
@given(
    notes=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.lists(st.sampled_from(["en", "ru", "ko"]), min_size=1, max_size=3, unique=True),
        ),
        max_size=5,
    )
)
def test_collisions_name_every_pair_of_notes_that_share_an_output(notes):
    planned = [
        (Path(f"content/{index}/{slug}.yaml"), slug, locales)
        for index, (slug, locales) in enumerate(notes)
    ]
    expected = {
        (later, earlier)
        for later in range(len(notes))
        for earlier in range(later)
        if notes[later][0] == notes[earlier][0] and set(notes[later][1]) & set(notes[earlier][1])
    }
    problems = pipeline_build.collisions(planned)
    named = {
        (index, owner)
        for problem in problems
        for index, (path, _slug, _locales) in enumerate(planned)
        if problem.file == path
        for owner, (other, _s, _l) in enumerate(planned)
        if f"already used by {other};" in problem.message
    }
    # Each note is reported once, against the first note that took each output it shares.
    assert {index for index, _owner in named} == {later for later, _earlier in expected}
    assert named <= expected


def test_build_refuses_colliding_outputs_with_exit_2_before_writing(twins, tmp_path):
    english, russian = twins
    out = tmp_path / "out"
    result = invoke("build", english, russian, "-l", "en,ru", "-f", "html", "--out", out)
    assert result.exit_code == 2, result.output
    assert str(english) in result.output and str(russian) in result.output
    assert "Built" not in result.output
    assert not out.exists()


def test_pack_refuses_colliding_outputs_with_exit_2_before_writing(twins, tmp_path):
    english, russian = twins
    packs = tmp_path / "packs"
    result = invoke("pack", english, russian, "-l", "en,ru", "-f", "html", "--out", packs)
    assert result.exit_code == 2, result.output
    assert str(english) in result.output and str(russian) in result.output
    assert not list(packs.glob("20*"))


def test_pack_refuses_colliding_outputs_even_when_one_note_is_cached(twins, tmp_path):
    """The renders of a note packed before come from the cache, without any build plan."""
    english, russian = twins
    packs = tmp_path / "packs"
    assert invoke("pack", english, "-l", "en,ru", "-f", "html", "--out", packs).exit_code == 0
    published = {path: path.read_bytes() for path in packs.rglob("*") if path.is_file()}
    result = invoke(
        "pack",
        english,
        russian,
        "-l",
        "en,ru",
        "-f",
        "html",
        "--out",
        packs,
        "--date",
        "2026-11-28",
    )
    assert result.exit_code == 2, result.output
    assert f"{russian}: slug: 'dup' (en, ru) is already used by {english}" in result.output
    assert not (packs / "2026-11-28").exists()
    assert {path: path.read_bytes() for path in published} == published


# --- Found on the way: content files that are not files, and --keep-brief's reader --------


@pytest.mark.parametrize("make", ["folder", "broken-link"])
def test_a_content_name_that_is_not_a_file_is_reported_not_skipped(tmp_path, make):
    folder = tmp_path / "content"
    write_note(folder, "plain-note")
    odd = folder / "odd.yaml"
    odd.mkdir() if make == "folder" else odd.symlink_to("nowhere.yaml")
    result = invoke("validate", folder)
    assert result.exit_code == 2, result.output
    assert f"{odd}: cannot read the file" in result.output


def test_keep_brief_reads_the_old_file_with_the_loaders_guards(tmp_path):
    raw = tmp_path / "raw.txt"
    raw.write_text("Title\n\nQ: What next?\nA: More of the same.\n", encoding="utf-8")
    target = tmp_path / "content" / "note.yaml"
    target.parent.mkdir()
    target.write_text("slug: " + "[" * 5000 + "\n", encoding="utf-8")
    result = invoke(
        "import", raw, "--out", target.parent, "--slug", "note", "--force", "--keep-brief"
    )
    assert result.exit_code == 2, result.output
    assert f"--keep-brief: {target}:1: nested more than" in result.output
    assert "Traceback" not in result.output


# --- Found by `make fuzz`: a line or paragraph separator inside a paragraph ----------------


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_a_line_separator_inside_a_paragraph_is_a_space(write_content, separator):
    """WeasyPrint's line breaker fails on these inside one paragraph ('Expected nothing or a
    preserved line break'); a content paragraph is one paragraph, so they fold like a newline."""
    data = seed_data()
    data["turns"][0]["answer"].append(f"a {separator}a {separator}")
    data["title"] = f"Title{separator}on two lines"
    loaded = content.load(write_content(data))
    assert loaded.interview.turns[0].answer[-1] == "a a"
    assert loaded.interview.title == "Title on two lines"


@pytest.mark.slow
def test_a_paragraph_with_a_paragraph_separator_builds_every_format(tmp_path):
    turns = seed_data()["turns"]
    turns[0]["answer"].append("a \u2029a ")
    note = write_note(tmp_path / "content", "separated", turns=turns)
    result = invoke("build", note, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert {p.suffix for p in (tmp_path / "out" / "en").iterdir()} == {".pdf", ".docx", ".html"}


# A named pipe where a file is read used to hold the command for ever (found by the
# preview server's watchdog): every reader of an input file refuses it without waiting.
def test_a_content_file_that_is_a_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(ContentError) as caught:
        content.load(pipe)
    assert f"{pipe}: cannot read the file: not a regular file" in str(caught.value)


def test_a_catalog_that_is_a_named_pipe_is_refused_without_blocking(tmp_path):
    from pipeline.i18n import catalogs

    pipe = tmp_path / "messages.po"
    os.mkfifo(pipe)
    with pytest.raises(ContentError) as caught:
        catalogs.read(pipe)
    assert str(pipe) in str(caught.value)
    assert "not a regular file" in str(caught.value)


def test_raw_text_to_import_that_is_a_named_pipe_is_refused_without_blocking(tmp_path):
    from pipeline.errors import UsageError
    from pipeline.importer.save import read_raw

    pipe = tmp_path / "interview.txt"
    os.mkfifo(pipe)
    with pytest.raises(UsageError, match="not a regular file"):
        read_raw(pipe)
