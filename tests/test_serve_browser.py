"""The live preview in a real browser (Debian's Chromium, Playwright), as an editor and a
translator use it: nobody reloads the page, every change below shows by itself.

In a copy of the project: the title and one answer paragraph are edited (the HTML and
the first PDF page image follow), the YAML is broken (the page names the file and line,
above the last good note) and mended (the note is back), and a Russian catalog entry
is changed (the Russian preview follows). Screenshots land in `test-artifacts/browser/`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.content import loader
from pipeline.errors import ContentError
from tests.conftest import SEED_SLUG
from tests.test_browser import AXE, BLOCKING_IMPACTS, CHROMIUM, CHROMIUM_ARGS, artifact
from tests.test_serve_live import LiveServer, sample_desk

pytestmark = pytest.mark.slow

FIRST_RENDER = 90_000  # ms: a fresh worker on a busy machine
CHANGE = 30_000  # ms: one re-render, with room for a machine shared by many test runs
NEW_TITLE = "Sample edited title of the Korea and Kyrgyzstan preview test"
ADDED = "A sample sentence added while previewing."
PARAGRAPH_END = "in particular with Kyrgyzstan.\n"


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    return sample_desk(tmp_path_factory.mktemp("serve-browser") / "desk")


@pytest.fixture(scope="module")
def server(desk) -> Iterator[LiveServer]:
    live = LiveServer(desk)
    yield live
    assert live.stop() == 0, live.errors


@pytest.fixture(scope="module")
def page(server) -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing; install the Debian package chromium (make setup)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page
        browser.close()


def content_file(desk: Path) -> Path:
    return desk / "content" / f"{SEED_SLUG}.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def frame_text(page, selector: str = "body") -> str:
    return page.frame_locator("#note-frame").locator(selector).first.inner_text()


def wait_for_frame_text(page, expected: str, selector: str = "body") -> None:
    from playwright.sync_api import expect

    locator = page.frame_locator("#note-frame").locator(selector).first
    expect(locator).to_contain_text(expected, timeout=CHANGE)


def first_page(page) -> str:
    """The first PDF page image's URL, once the browser has it on screen."""
    page.wait_for_function(
        "() => { const i = document.querySelector('#pdf-pages img');"
        " return i && i.complete && i.naturalWidth > 0; }",
        timeout=FIRST_RENDER,
    )
    return page.get_attribute("#pdf-pages img", "src")


def wait_for_new_first_page(page, old: str) -> str:
    page.wait_for_function(
        "(old) => { const i = document.querySelector('#pdf-pages img');"
        " return i && i.getAttribute('src') !== old && i.complete && i.naturalWidth > 0; }",
        arg=old,
        timeout=CHANGE,
    )
    return page.get_attribute("#pdf-pages img", "src")


def image(page, server: LiveServer, url: str) -> bytes:
    response = page.request.get(server.url.rstrip("/") + url)
    assert response.ok, url
    return response.body()


def test_the_preview_shows_the_html_and_the_pdf_pages(server, page):
    page.goto(f"{server.url}note/{SEED_SLUG}/en")
    first_page(page)
    page.wait_for_selector("#note-frame:not([hidden])", timeout=FIRST_RENDER)
    assert "Korea attaches great importance" in frame_text(page, "h1")
    page.wait_for_function(
        "() => document.querySelectorAll('#pdf-pages img').length >= 3", timeout=CHANGE
    )  # the first page shows at once, the others as they are drawn
    assert page.is_hidden("#problems")
    assert page.get_attribute("#download-pdf", "href").endswith(".pdf?v=1&download")
    page.screenshot(path=artifact("serve-note", ".png"))
    assert page.errors == []


def test_axe_finds_no_serious_or_critical_problem_in_the_preview_page(server, page):
    # Evaluated through the debugging protocol: the page's policy refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document)")
    blocking = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == []
    assert len(results["passes"]) > 10  # axe really ran its rules on the page


def test_an_edit_of_the_title_and_an_answer_shows_without_a_reload(server, page, desk):
    before = first_page(page)
    before_image = image(page, server, before)
    path = content_file(desk)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", f"title: {NEW_TITLE}", text, count=1)
    assert text.count(PARAGRAPH_END) == 1
    frame = page.frame_locator("#note-frame").locator("html")
    frame.evaluate("() => window.scrollTo(0, 1500)")
    path.write_text(text.replace(PARAGRAPH_END, f"{PARAGRAPH_END[:-1]} {ADDED}\n"), "utf-8")
    page.evaluate("window.notReloaded = true")

    wait_for_frame_text(page, NEW_TITLE, "h1")
    wait_for_frame_text(page, ADDED)
    after = wait_for_new_first_page(page, before)
    assert image(page, server, after) != before_image  # the page drawn again, with the title
    assert page.evaluate("window.notReloaded") is True
    assert page.inner_text("#note-title") == NEW_TITLE
    page.wait_for_function(
        "() => document.querySelector('#note-frame').contentWindow.scrollY > 1000", timeout=CHANGE
    )  # the reader's place in the note is kept
    page.screenshot(path=artifact("serve-edited", ".png"))


def test_an_answer_edit_on_page_2_redraws_page_2(server, page, desk):
    """Only the pages from the edit on are laid out again (page 1 kept), the edited page
    drawn first: its image on screen changes, and the PDF keeps its four pages."""
    second = "() => document.querySelectorAll('#pdf-pages img')[1]"
    # The previous test waits for page 1 only; its other pages may still be drawn, and a
    # page image read then would be the one that render is about to replace.
    page.wait_for_selector("#status[data-state=ready]", timeout=CHANGE)
    page.wait_for_function(f"() => ({second})()?.complete", timeout=CHANGE)
    before = page.evaluate(f"() => ({second})().getAttribute('src')")
    before_image = image(page, server, before)
    edit(content_file(desk), ADDED, f"{ADDED} And one more, on page 2.")
    page.wait_for_function(
        f"(old) => {{ const i = ({second})();"
        " return i.getAttribute('src') !== old && i.complete && i.naturalWidth > 0; }",
        arg=before,
        timeout=CHANGE,
    )
    after = page.evaluate(f"() => ({second})().getAttribute('src')")
    assert image(page, server, after) != before_image
    wait_for_frame_text(page, "And one more, on page 2.")
    page.wait_for_function(
        "() => document.querySelectorAll('#pdf-pages img').length === 4", timeout=CHANGE
    )
    assert page.errors == []


def test_broken_yaml_shows_its_line_above_the_last_good_note(server, page, desk):
    path = content_file(desk)
    good = path.read_text(encoding="utf-8")
    edit(path, f"title: {NEW_TITLE}", "title: [an unclosed list")
    with pytest.raises(ContentError) as caught:
        loader.load(path)
    problem = str(caught.value.problems[0])
    assert re.search(rf"{SEED_SLUG}\.yaml:\d+: ", problem)

    page.wait_for_selector("#problems:not([hidden])", timeout=CHANGE)
    assert problem in page.inner_text("#problem-text")
    assert "last good preview" in page.inner_text("#problems")
    assert NEW_TITLE in frame_text(page, "h1")  # the last good note stays below
    page.screenshot(path=artifact("serve-broken", ".png"))

    path.write_text(good, encoding="utf-8")
    page.wait_for_selector("#problems", state="hidden", timeout=CHANGE)
    wait_for_frame_text(page, NEW_TITLE, "h1")
    assert page.inner_text("#status").startswith(("Up to date", "Rendering"))


def test_a_russian_catalog_edit_shows_in_the_russian_preview(server, page, desk):
    page.goto(f"{server.url}note/{SEED_SLUG}/ru")
    first = first_page(page)
    wait_for_frame_text(page, "Основные тезисы")
    catalog = desk / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    edit(catalog, 'msgstr "Основные тезисы"', 'msgstr "Главное за неделю"')
    page.evaluate("window.notReloaded = true")

    wait_for_frame_text(page, "Главное за неделю")
    wait_for_new_first_page(page, first)
    assert "Основные тезисы" not in frame_text(page)
    assert page.evaluate("window.notReloaded") is True
    assert page.errors == []


def test_the_docx_tab_shows_the_docx_pages_drawn_through_libreoffice(server, page):
    if shutil.which("soffice") is None:
        pytest.fail("soffice is missing; install the Debian package libreoffice-writer")
    page.click("#tab-docx")
    assert page.is_hidden("#view-pdf") and page.is_hidden("#view-html")
    page.wait_for_function(
        "() => { const i = document.querySelector('#docx-pages img');"
        " return i && i.complete && i.naturalWidth > 0; }",
        timeout=FIRST_RENDER * 2,  # LibreOffice starts slowly, and converts in the background
    )
    assert page.get_attribute("#docx-pages img", "alt").startswith("DOCX page 1 of ")
    assert page.url.endswith("#docx")  # the tab is kept in the address
    page.screenshot(path=artifact("serve-docx", ".png"))
