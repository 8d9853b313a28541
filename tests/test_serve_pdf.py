"""The preview's quick PDF: only the pages from an edit on laid out again, the note's style
sheet kept, the edited page drawn first; and still the printed note's pages.

The fast tests check which page a change makes the layout start from; the slow ones lay
the seed note out after real edits and compare with a full layout and with the printed
PDF, byte for byte and pixel for pixel.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.serve.notes import Key
from pipeline.serve.previewer import _page
from pipeline.serve.relayout import _closest, _first_changed_page, _Layout, _Page, _whole_only
from pipeline.serve.state import Preview
from pipeline.serve.worker import Report
from tests.conftest import ROOT, SEED_CONTENT

# --- Which page a change starts the layout from (no WeasyPrint) -------------------------------

FREE, FORCED = {"break": "any", "page": ""}, {"break": "page", "page": ""}


def _element(tag: str, text: str = "", **attributes: str) -> tuple:
    return (tag, tuple(attributes.items()), text, None, 0)


def _kept(clean: tuple[bool, ...] = (True, True, True, True)) -> _Layout:
    """Four pages of eight elements: 0-1 the head, page 1 holds 2-3, page 2 4-5 (a forced
    break before it), page 3 6, page 4 7 (free breaks)."""
    signature = [_element("p", f"text {index}") for index in range(8)]
    pages = [
        _Page(None, (), [], last, clean_after)
        for last, clean_after in zip((3, 5, 6, 7), clean, strict=True)
    ]
    page_maker = [(None, FREE, True, None, None), (None, FORCED, False, None, None)]
    page_maker += [(None, FREE, True, None, None)] * 3
    return _Layout(signature, pages, page_maker)


def _edited(index: int, **change: str) -> list[tuple]:
    signature = list(_kept().signature)
    tag, attributes, text, tail, children = signature[index]
    signature[index] = (tag, tuple(change.items()) or attributes, text + " edited", tail, children)
    return signature


def test_a_text_edit_after_a_forced_break_keeps_every_page_before_it():
    assert _first_changed_page(_kept(), _edited(4)) == 1


def test_a_text_edit_after_a_free_break_lays_out_the_page_before_too():
    """A page's end can depend on what follows it (orphans, widows, break-after: avoid)."""
    assert _first_changed_page(_kept(), _edited(7)) == 2
    assert _first_changed_page(_kept(), _edited(6)) == 1


def test_an_edit_of_attributes_lays_out_the_page_before_even_after_a_forced_break():
    """A class can remove the very break that separated the pages."""
    assert _first_changed_page(_kept(), _edited(4, **{"class": "other"})) == 0


def test_an_edit_in_the_head_or_on_page_1_lays_out_everything():
    assert _first_changed_page(_kept(), _edited(0)) == 0
    assert _first_changed_page(_kept(), _edited(2)) == 0


def test_a_float_carried_over_a_page_break_moves_the_start_back():
    """Page 2 carries a float over to page 3: page 3 cannot start from the page maker."""
    assert _first_changed_page(_kept(clean=(True, False, True, True)), _edited(7)) == 1


def test_the_same_document_again_keeps_every_page():
    """As the page-1 fit's try of the brief alone is, after an edit in the interview."""
    assert _first_changed_page(_kept(), list(_kept().signature)) == 4


def test_a_document_starts_from_the_kept_layout_most_like_it():
    brief_alone, whole = _kept(), _kept()
    brief_alone.signature = brief_alone.signature[:3] + [_element("p", "other")]
    assert _closest([whole, brief_alone], _edited(6)) is whole
    assert _closest([brief_alone, whole], brief_alone.signature) is brief_alone
    assert _closest([], _edited(6)) is None


class _Element:
    def __init__(self, tag: str, text: str | None = None, **attributes: str) -> None:
        self.tag, self.text, self.attributes = tag, text, attributes

    def get(self, name: str) -> str | None:
        return self.attributes.get(name)


@pytest.mark.parametrize(
    "element",
    [
        _Element("style", "aside { float: footnote }"),
        _Element("style", "a::after { content: target-counter(attr(href), page) }"),
        _Element("style", "header { position: running(top) }"),
        _Element("link", rel="stylesheet", href="note.css"),
        _Element("p", style="float: footnote"),
    ],
)
def test_pages_that_depend_on_each_other_are_always_laid_out_whole(element):
    assert _whole_only([_Element("html"), element])


def test_the_pipelines_own_style_sheet_can_be_relaid_out():
    css = (ROOT / "templates" / "css" / "print.css").read_text(encoding="utf-8")
    assert not _whole_only([_Element("html"), _Element("style", css)])


def test_a_drawn_page_is_shown_new_and_the_others_stay_until_they_are_drawn():
    preview = Preview(Key("note", "en"), pages={"pdf": [3, 3, 3, 3, 3]})
    _page(Report(Key("note", "en"), 4, "page", format="pdf", pages=4, page=2))(preview)
    assert preview.pages["pdf"] == [3, 4, 3, 3]


def test_a_drawn_page_after_pages_with_no_image_waits_for_them():
    """A kept layout longer than the one on screen: pages 3 and 4 have no image yet."""
    preview = Preview(Key("note", "en"), pages={"pdf": [3, 3]})
    _page(Report(Key("note", "en"), 4, "page", format="pdf", pages=5, page=5))(preview)
    assert preview.pages["pdf"] == [3, 3]
    _page(Report(Key("note", "en"), 4, "page", format="pdf", pages=5, page=3))(preview)
    assert preview.pages["pdf"] == [3, 3, 4]


# --- The seed note laid out again after real edits ----------------------------------------------

PAGE_2 = "in particular with Kyrgyzstan.\n"
PAGE_4 = "I want to express my sincere gratitude"
EDITS = {
    # name: (old, new, the page the layout starts from at the latest, from 1)
    "a sentence added on page 2": (PAGE_2, "in particular with Kyrgyzstan. And more.\n", 2),
    "a long passage added on page 2": (PAGE_2, PAGE_2[:-1] + " More words." * 40 + "\n", 2),
    "a sentence removed on page 2": (PAGE_2, "\n", 2),
    "a word added on page 4": (PAGE_4, "I want to express, again, my sincere gratitude", 3),
    "the title": ("title: Korea", "title: The Republic of Korea", 1),
    "the brief": ("as part of its aim", "as a part of its aim", 1),
    "nothing (saved as it was)": ("title:", "title:", 5),
}


@pytest.fixture
def desk(tmp_path: Path) -> Project:
    root = tmp_path / "desk"
    (root / "content").mkdir(parents=True)
    shutil.copy(SEED_CONTENT, root / "content" / SEED_CONTENT.name)
    shutil.copytree(ROOT / "locales", root / "locales")
    (root / "briefing.toml").touch()
    return Project(root, root / "briefing.toml")


@pytest.fixture
def kept_layouts(monkeypatch) -> Iterator[None]:
    from pipeline.serve import warm

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795766400")
    warm.keep_layouts()
    try:
        yield
    finally:
        warm.forget_layouts()


def _lay_out(desk: Project, locale: str, whole: bool = False):
    from pipeline import render
    from pipeline.engine.plan import plan
    from pipeline.serve.relayout import RELAYOUT

    path = desk.root / "content" / SEED_CONTENT.name
    job = plan([path], ["pdf"], [locale], project=desk).jobs[0]
    if whole:
        RELAYOUT.forget()
    return render.get("pdf").lay_out(render.get("pdf").prepare(job)), RELAYOUT.last_start


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("edit", list(EDITS))
def test_a_note_laid_out_again_from_the_edit_is_the_pdf_a_full_layout_makes(
    desk, kept_layouts, edit, locale
):
    from pipeline.serve.pages import PREVIEW_PDF

    old, new, latest_start = EDITS[edit]
    path = desk.root / "content" / SEED_CONTENT.name
    _lay_out(desk, locale)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    again, start = _lay_out(desk, locale)
    whole, _ = _lay_out(desk, locale, whole=True)
    assert again.write_pdf(**PREVIEW_PDF) == whole.write_pdf(**PREVIEW_PDF)
    if locale == "en":  # (a Russian edit of the English text adds a notice on page 1)
        assert start <= latest_start - 1
        if edit == "a sentence added on page 2":
            assert start == 1  # page 1 is kept: the interview starts on a page of its own


@pytest.mark.slow
def test_the_preview_pdf_draws_the_printed_pages_and_the_edited_page_first(
    desk, kept_layouts, tmp_path
):
    import pypdfium2  # type: ignore[import-untyped]

    from pipeline import render
    from pipeline.engine.plan import plan
    from pipeline.serve import warm
    from pipeline.serve.pages import SCALE, png, write_preview_pdf

    def bitmaps(pdf: bytes) -> list[str]:
        document = pypdfium2.PdfDocument(pdf)
        return [hashlib.sha256(bytes(page.render(scale=1).buffer)).hexdigest() for page in document]

    path = desk.root / "content" / SEED_CONTENT.name
    _lay_out(desk, "en")
    old, new, _ = EDITS["a sentence added on page 2"]
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    document, start = _lay_out(desk, "en")
    told: list[tuple[str, int, int]] = []
    target = tmp_path / "preview" / "note.pdf"
    count = write_preview_pdf(
        document,
        target,
        start,
        lambda page, pages: told.append(("page", page, pages)),
        lambda: told.append(("written", 0, 0)),
    )
    assert told == [("page", 2, 4), ("written", 0, 0)]
    warm.forget_layouts()  # the printed PDF as briefing build lays it out, in full
    job = plan([path], ["pdf"], ["en"], project=desk).jobs[0]
    printed = render.get("pdf").render(job)
    assert bitmaps(target.read_bytes()) == bitmaps(printed)
    assert count == 4 and sorted(p.name for p in target.parent.glob("pdf-*.png")) == [
        f"pdf-{n}.png" for n in range(1, 5)
    ]
    # The page drawn first, from a one-page PDF, is the whole PDF's page 2.
    page = pypdfium2.PdfDocument(target.read_bytes())[1]
    bitmap = page.render(scale=SCALE, rev_byteorder=True)
    expected = png(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)
    assert (target.parent / "pdf-2.png").read_bytes() == expected


@pytest.mark.slow
def test_a_document_with_footnotes_is_laid_out_whole_every_time(kept_layouts):
    from pipeline.render.weasy import HTML, font_options
    from pipeline.serve.relayout import RELAYOUT

    paragraphs = "".join(f"<p>Paragraph {n}<span class=n>note {n}</span></p>" for n in range(90))
    html = f"<style>.n {{ float: footnote }} section {{ break-before: page }}</style>{paragraphs}"
    for text in (html, html.replace("Paragraph 80", "Paragraph eighty")):
        text = f"{text}<section>end</section>"
        document = HTML(string=text).render(**font_options(text))
        assert len(document.pages) > 2 and RELAYOUT.last_start == 0


@pytest.mark.slow
def test_a_kept_layout_serves_only_the_same_pictures(kept_layouts):
    """A picture's file name stays in the HTML when its bytes change: the worker's digest
    of the pictures is part of the key a kept layout is found under."""
    from pipeline.render.weasy import HTML, font_options
    from pipeline.serve.relayout import RELAYOUT

    sections = "".join(f"<section><p>Section {n}</p></section>" for n in range(4))
    html = f"<style>section {{ break-before: page }}</style>{sections}"
    starts = []
    for inputs, text in [("a", html), ("a", html.replace("Section 3", "Last")), ("b", html)]:
        RELAYOUT.inputs = inputs
        HTML(string=text).render(**font_options(text))
        starts.append(RELAYOUT.last_start)
    RELAYOUT.inputs = None
    assert starts == [0, 3, 0]
