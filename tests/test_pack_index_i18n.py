"""The pack index in every locale of the pack: its own language's interface words, a language
switcher, the day's items (as the books' covers show them) above the table of files, and a
link to each book."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pipeline.packs import index
from pipeline.project import BUILTIN_LOCALES, BUILTIN_TEMPLATES
from tests.desk_day import LOCALES, ORDER, desk_day_pack
from tests.pack_support import DATE

DAY = dt.date(2026, 11, 27)
BUILT = dt.datetime(2026, 11, 27, 8, tzinfo=dt.UTC)


def text(value: str, lang: str | None = None) -> dict:
    return {"text": value, "lang": lang}


def item(slug: str, locale: str, points: int = 5, fallback: str | None = None) -> dict:
    return {
        "slug": slug,
        "locale": locale,
        "language": "en",
        "title": text(f"Headline of {slug} in {locale}", fallback),
        "short_title": text(slug),
        "interviewee": text(f"Person of {slug}"),
        "role": text("Chair"),
        "outlet": text(f"Outlet of {slug}"),
        "handling": text("For information"),
        "key_points": [text(f"Point {n} of {slug}", fallback) for n in range(1, points + 1)],
        "figures": [],
    }


def files(slugs: list[str], locales: list[str]) -> list[dict]:
    entries = []
    for slug in slugs:
        for locale in locales:
            for ext in ("pdf", "html"):
                entries.append(
                    {
                        "path": f"{locale}/{slug}.{ext}",
                        "format": ext,
                        "locale": locale,
                        "slug": slug,
                        "title": f"Headline of {slug} in {locale}",
                        "outlet": "Outlet",
                        "language": "en",
                        "pages": 4 if ext == "pdf" else None,
                        "size": 51_200,
                        "translation": {"translated": 9, "total": 10, "percent": 90.0},
                    }
                )
    entries += [
        {"path": f"{DATE}-briefing-book-{locale}.pdf", "format": "book", "locale": locale,
         "pages": 11, "size": 204_800, "slugs": slugs}
        for locale in locales
    ]  # fmt: skip
    return entries


def pages(locales=("en", "ru", "ko"), slugs=("b-note", "a-note")) -> dict[str, str]:
    items = {locale: [item(slug, locale) for slug in slugs] for locale in locales}
    rendered = index.render_all(
        DAY,
        BUILT,
        files(list(slugs), list(locales)),
        [],
        list(locales),
        items,
        archive=f"{DATE}-briefing-pack.zip",
        desk="Sample desk",
        templates=(BUILTIN_TEMPLATES,),
        catalogs=(BUILTIN_LOCALES,),
    )
    return {path: data.decode() for path, data in rendered.items()}


def test_one_page_per_locale_each_in_its_own_language():
    found = pages()
    assert sorted(found) == ["index.html", "index.ko.html", "index.ru.html"]
    for path, locale in (("index.html", "en"), ("index.ru.html", "ru"), ("index.ko.html", "ko")):
        assert f'<html lang="{locale}">' in found[path]
    russian = found["index.ru.html"]
    for words in ("Материалы дня", "Все файлы", "Сборники брифингов", "27 ноября 2026"):
        assert words in russian
    for english in ("Today's items", "All files", "Briefing books", " pages,"):
        assert english not in russian
    assert "4 страницы" in russian and "오늘의 항목" in found["index.ko.html"]


def test_the_switcher_links_every_other_language_and_marks_this_one():
    found = pages()
    russian = found["index.ru.html"]
    nav = re.search(r'<nav class="pack-languages".*?</nav>', russian, re.S).group()
    assert 'href="index.html" hreflang="en"' in nav and 'href="index.ko.html"' in nav
    assert '<span aria-current="page" lang="ru">русский</span>' in nav
    assert "index.ru.html" not in nav, "no link to the page itself"
    assert "<nav" not in pages(locales=("en",))["index.html"], "one language: no switcher"


def test_items_come_in_the_order_given_with_three_key_points_above_the_files():
    english = pages()["index.html"]
    items = english.index('id="items-title"')
    assert items < english.index('id="files-title"')
    assert english.index("Headline of b-note", items) < english.index("Headline of a-note", items)
    listed = english[items : english.index('id="files-title"')]
    assert "Point 3 of b-note" in listed and "Point 4 of b-note" not in listed
    assert "Person of a-note" in listed and "Outlet of a-note" in listed
    assert 'href="en/b-note.pdf" hreflang="en">PDF</a>' in listed


def test_each_book_is_linked_from_every_page():
    for page in pages().values():
        for locale in ("en", "ru", "ko"):
            assert f'href="{DATE}-briefing-book-{locale}.pdf"' in page


def test_a_fallback_passage_keeps_its_language_and_tag():
    items = {"ru": [item("a-note", "ru", fallback="en")]}
    page = index.render_all(
        DAY, BUILT, files(["a-note"], ["ru"]), [], ["ru"], items,
        archive=None, desk=None, templates=(BUILTIN_TEMPLATES,), catalogs=(BUILTIN_LOCALES,),
    )["index.html"].decode()  # fmt: skip
    assert '<li lang="en"><span class="lang-tag">EN</span> Point 1 of a-note</li>' in page
    assert '<span lang="en">Headline of a-note in ru</span>' in page


@pytest.mark.slow
def test_the_desk_days_pages_list_its_items_in_the_order_of_the_day(tmp_path_factory):
    pack: Path = desk_day_pack(tmp_path_factory)
    for locale in LOCALES:
        name = "index.html" if locale == LOCALES[0] else f"index.{locale}.html"
        page = (pack / name).read_text()
        assert f'<html lang="{locale}">' in page
        hrefs = re.findall(r'href="([^"#]+)"', page)
        assert hrefs and all((pack / href).is_file() for href in hrefs)
        assert not re.search(r'(src|href)="(https?:)?//', page)
        positions = [page.index(f'href="{locale}/{slug}.pdf"') for slug in ORDER]
        assert positions == sorted(positions)


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_each_page_passes_axe_and_fits_a_phone(tmp_path_factory, locale):
    from playwright.sync_api import sync_playwright

    from tests.test_browser import AXE, BLOCKING_IMPACTS, CHROMIUM, CHROMIUM_ARGS

    pack = desk_day_pack(tmp_path_factory)
    name = "index.html" if locale == LOCALES[0] else f"index.{locale}.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 375, "height": 900})
            page.goto((pack / name).resolve().as_uri(), wait_until="load")
            scroll_width, client_width = page.evaluate(
                "[document.scrollingElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll_width <= client_width, f"{scroll_width} px of content in 375 px"
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            results = page.evaluate("async () => await axe.run(document)")
            blocking = [v["id"] for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
            assert blocking == []
        finally:
            browser.close()


def test_each_page_lists_its_own_languages_book_first_then_the_packs_order():
    for path, first in (("index.html", "en"), ("index.ru.html", "ru"), ("index.ko.html", "ko")):
        page = pages()[path]
        found = [
            page.index(f'href="{DATE}-briefing-book-{each}.pdf"') for each in ("en", "ru", "ko")
        ]
        rest = [each for each in ("en", "ru", "ko") if each != first]
        order = sorted(("en", "ru", "ko"), key=lambda each: found[("en", "ru", "ko").index(each)])
        assert order == [first, *rest], (path, order)
