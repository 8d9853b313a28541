"""The briefing book, read back with poppler and PDFium: the cover lists the day's items in the
order of the day, the contents page's numbers are the pages the notes start on, every passage
of every note is there in order, and the outline nests book > note > section."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pypdfium2
import pytest

from pipeline.engine import plan as build_plan
from pipeline.packs import book
from pipeline.project import Project
from pipeline.render import book as book_render
from pipeline.render.view_builder import build_view
from tests import readers
from tests.conftest import EPOCH, ROOT
from tests.desk_day import DESK_DAY, LOCALES, ORDER, book_path, desk_day_pack
from tests.pack_support import DATE

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    return desk_day_pack(tmp_path_factory)


@pytest.fixture(scope="module")
def jobs() -> dict[str, list]:
    """Each locale's planned notes, in the order of the day."""
    project = Project(DESK_DAY)
    paths = [DESK_DAY / "content" / f"{slug}.yaml" for slug in ORDER]
    planned = {}
    for locale in LOCALES:
        plan = build_plan.plan(paths, ["pdf"], [locale], project=project)
        by_slug = {job.interview.slug: job for job in plan.jobs}
        planned[locale] = [by_slug[slug] for slug in ORDER]
    return planned


def outline(path: Path) -> list[tuple[int, int, str]]:
    """(level, page number, title) of every bookmark."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [
            (item.level, item.get_dest().get_index() + 1, readers.normalise(item.get_title()))
            for item in document.get_toc()
        ]
    finally:
        document.close()


def _squash(text: str) -> str:
    """Text without whitespace: a line break inside a Korean word is no space in the text."""
    return re.sub(r"\s+", "", text)


def _in_order(haystack: str, passages: list[str]) -> list[str]:
    """The passages not found in order: short ones whole, long ones by their first and last
    40 characters (a page break, with its running header, may fall in the middle)."""
    snippets = []
    for passage in passages:
        core = _squash(passage)
        snippets += [core] if len(core) <= 80 else [core[:40], core[-40:]]
    return readers.find_in_order(_squash(haystack), snippets)


def note_starts(path: Path) -> list[int]:
    return [page for level, page, _title in outline(path) if level == 1]


@pytest.mark.slow
def test_the_pack_has_a_book_per_locale_in_its_manifest_and_zip(pack):
    document = json.loads((pack / "manifest.json").read_text())
    books = [entry for entry in document["files"] if entry["format"] == "book"]
    assert sorted(entry["locale"] for entry in books) == sorted(LOCALES)
    for entry in books:
        assert entry["path"] == f"{DATE}-briefing-book-{entry['locale']}.pdf"
        assert entry["slugs"] == ORDER
        assert entry["pages"] == readers.page_count(pack / entry["path"])
    with zipfile.ZipFile(pack / f"{DATE}-briefing-pack.zip") as archive:
        assert {entry["path"] for entry in books} <= set(archive.namelist())
    assert sorted(document["items"]) == sorted(LOCALES)
    assert [item["slug"] for item in document["items"]["ru"]] == ORDER


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_the_cover_lists_every_interview_in_the_order_of_the_day(pack, jobs, locale):
    cover = readers.pdf_pages(book_path(pack, locale))[0]
    items = [
        [job.interview.title, job.interview.interviewee.name, job.interview.outlet]
        + job.interview.brief.key_points[:3]
        for job in jobs[locale]
    ]
    assert _in_order(cover, [text for item in items for text in item]) == []
    fourth = jobs[locale][0].interview.brief.key_points[3]
    assert _squash(fourth)[:40] not in _squash(cover), "the cover shows three points only"
    ARTIFACTS.mkdir(exist_ok=True)  # a small picture of the cover for a person to look at
    command = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, book_path(pack, locale), ARTIFACTS / f"book-cover-{locale}"])


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_the_contents_page_numbers_are_the_pages_where_the_notes_start(pack, jobs, locale):
    path = book_path(pack, locale)
    pages = readers.pdf_pages(path)
    listed = [int(number) for number in re.findall(r"\.{3,}\s*(\d+)", pages[1])]
    starts = note_starts(path)
    assert listed == starts and len(starts) == len(ORDER)
    for job, start in zip(jobs[locale], starts, strict=True):
        assert _squash(job.interview.title) in _squash(pages[start - 1])
    # "Page 7 of 23": one count through the book, not per note.
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        label = [line for line in text.splitlines() if line.strip()][-1]
        assert sorted(map(int, re.findall(r"\d+", label))) == sorted([number, total]), label


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_every_passage_of_every_note_is_there_in_order(pack, jobs, locale):
    path = book_path(pack, locale)
    pages = readers.pdf_pages(path)
    starts = [*note_starts(path), len(pages) + 1]
    for index, job in enumerate(jobs[locale]):
        text = readers.normalise(" ".join(pages[starts[index] - 1 : starts[index + 1] - 1]))
        view = build_view(job)
        passages = [
            *view.brief.key_points.items,
            *view.interview.intro,
            *(p for turn in view.interview.turns for p in (turn.question, *turn.answer)),
        ]
        assert _in_order(text, [passage.text for passage in passages]) == [], job.interview.slug


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_the_outline_nests_book_note_section(pack, jobs, locale):
    marks = outline(book_path(pack, locale))
    assert [level for level, _page, _title in marks].count(0) == 1 and marks[0][0] == 0
    assert marks[0][1] == 1 and DATE[:4] in marks[0][2]
    notes = [title for level, _page, title in marks if level == 1]
    titles = [readers.normalise(job.interview.title) for job in jobs[locale]]
    assert len(notes) == len(titles) and all(
        bookmark.endswith(title) for bookmark, title in zip(notes, titles, strict=True)
    ), "a title left in English carries its EN tag in the bookmark too"
    view = build_view(jobs[locale][0])
    sections = []
    for level, _page, title in marks[2:]:
        if level == 1:
            break
        if level == 2:
            sections.append(title)
    assert sections == [view.brief.heading, view.interview.heading]


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_each_note_keeps_its_own_running_header(pack, jobs, locale):
    path = book_path(pack, locale)
    pages = readers.pdf_pages(path)
    starts = note_starts(path)
    for job, start in zip(jobs[locale], starts, strict=True):
        header = readers.normalise(pages[start].splitlines()[0])  # the note's second page
        assert header.startswith(readers.normalise(job.interview.short_title)[:30])


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_the_book_is_tagged_embeds_its_fonts_and_says_what_it_is(pack, locale):
    path = book_path(pack, locale)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert re.search(r"^Title:\s+Central Asia desk \(sample\): .+", info, re.M)
    assert re.search(r"^Author:\s+Central Asia desk \(sample\)", info, re.M)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", row) for row in rows)
    objects = json.loads(
        subprocess.run(
            ["qpdf", "--json=2", "--json-key=qpdf", str(path)], capture_output=True, check=True
        ).stdout
    )["qpdf"][1]
    catalog = objects[f"obj:{objects['trailer']['value']['/Root']}"]["value"]
    assert catalog["/Lang"] == f"u:{locale}" and "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] is True


@pytest.mark.slow
def test_the_book_is_the_same_bytes_when_rendered_again_in_this_process(pack, jobs):
    """The pack rendered it in a worker process; the same job here gives the same bytes."""
    rendered_at = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC)
    again = book_render.RENDERER.render(
        book_render.BookJob(
            jobs=tuple(dataclasses.replace(job, built_at=rendered_at) for job in jobs["en"]),
            locale="en",
            date=dt.date.fromisoformat(DATE),
            desk="Central Asia desk (sample)",
            handling=None,
            project=Project(DESK_DAY),
        )
    )
    assert again == book_path(pack, "en").read_bytes()


# --- Fast: the order of the day and the cache key ------------------------------------------


def test_pinned_then_ordered_then_by_name():
    paths = [Path(f"content/{name}.yaml") for name in ("b", "d", "a", "c")]
    settings = book.BookSettings(pin=["c"], order=["d", "b"])
    assert [path.stem for path in book.ordered(paths, settings)] == ["c", "d", "b", "a"]
    assert [path.stem for path in book.ordered(paths, book.BookSettings())] == list("abcd")


def test_a_book_is_keyed_by_its_notes_and_the_settings():
    paths = [Path("content/a.yaml"), Path("content/b.yaml")]
    keys = {(path, "ru"): "1" * 64 for path in paths}
    date = dt.date(2026, 11, 27)

    def key(**changes) -> str:
        settings = book.BookSettings(**changes.pop("settings", {}))
        notes = {**keys, **changes.pop("keys", {})}
        return book.wanted(date, ["ru"], paths, notes, settings)[0].key

    base = key()
    assert key() == base
    assert key(keys={(paths[1], "ru"): "2" * 64}) != base
    assert key(settings={"desk": "Another desk"}) != base
    assert key(settings={"pin": ["b"]}) != base
    assert book.wanted(date, ["ru"], paths, keys, book.BookSettings(enabled=False)) == []
