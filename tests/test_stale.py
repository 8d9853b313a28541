"""Stale translations: a passage whose source changed after it was translated.

The note shows the English source with its EN mark and, in the reader's language,
"updated in the original on <date>; translation pending"; `strings status` counts it.
The review notice ("Translation not reviewed") follows the catalog's X-Review-Status.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.app import main
from pipeline.content import loader as content
from pipeline.errors import ContentError
from pipeline.i18n import catalogs, segments, stale, workflow
from tests import readers
from tests.conftest import SEED_SLUG
from tests.i18n_support import content_catalog, seed_desk

OLD = "bilateral relations have developed in many areas"
NEW = "bilateral relations have developed in several areas"
# SOURCE_DATE_EPOCH's day, as CLDR writes it in Russian (a narrow space before г.)
NOTICE_RU = "оригинал обновлён 27 ноября 2026\u202fг.; перевод ожидается"
KEY = "turns[0].answer[1]"
FORMATS = ("html", "pdf", "docx")


def _edit_source(project) -> Path:
    path = project.content / f"{SEED_SLUG}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("in many areas") == 1
    path.write_text(text.replace("in many areas", "in several areas"), encoding="utf-8")
    return path


def _cli(project, *arguments: str):
    result = CliRunner().invoke(main, ["--project", str(project.root), *arguments])
    assert result.exit_code == 0, result.output
    return result.output


def _loaded(project):
    return content.load(project.content / f"{SEED_SLUG}.yaml")


# --- The catalog: dated when strings update finds the change ------------------------------


def test_strings_update_keeps_the_old_translation_fuzzy_and_dates_the_change(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    _edit_source(project)
    output = _cli(project, "strings", "update")
    assert "ru: 1 translations now stale (their source changed)" in output
    message = catalogs.read(content_catalog(project, "ru"), "ru").get(
        _loaded(project).interview.turns[0].answer[1], context=KEY
    )
    assert message.fuzzy and message.string.startswith("За последние 30 лет")
    assert stale.stamped_date(message) == dt.date(2026, 11, 27)
    assert OLD in message.previous_id[0]
    # A second update (nothing changed since) keeps the date and the old source.
    _cli(project, "strings", "update")
    again = catalogs.read(content_catalog(project, "ru"), "ru").get(message.id, context=KEY)
    assert stale.stamped_date(again) == dt.date(2026, 11, 27) and OLD in again.previous_id[0]


def test_strings_status_counts_the_passage_as_stale(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    _edit_source(project)
    _cli(project, "strings", "update")
    line = next(row for row in _cli(project, "strings", "status").splitlines() if row[:2] == "ru")
    assert re.search(r"\s95 /\s+1 /\s+0 /\s+0\s+", line), line
    [row] = workflow.status([_loaded(project)], project, ["ru"])
    assert (row.content.translated, row.content.stale, row.content.untranslated) == (95, 1, 0)


def test_a_build_before_strings_update_dates_the_change_by_the_build_day_not_the_file(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    path = _edit_source(project)
    catalog = catalogs.read(content_catalog(project, "ru"), "ru")
    dates = set()
    # The file's modification time is in no render key: it must not reach the note.
    for stamp in (1795000000, 1900000000):  # 2026-11-18, and after SOURCE_DATE_EPOCH
        os.utime(path, (stamp, stamp))
        _, l10n = segments.localize(_loaded(project), "ru", catalog)
        assert l10n.fallbacks == {KEY}
        dates.add(l10n.changed_on(KEY))
    assert dates == {dt.date(2026, 11, 27)}  # SOURCE_DATE_EPOCH's day, when it was found


def test_an_untranslated_or_memory_fuzzy_passage_is_not_called_stale(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    catalog = catalogs.read(content_catalog(project, "ru"), "ru")
    message = catalog.get(_loaded(project).interview.turns[0].answer[1], context=KEY)
    message.flags.add("fuzzy")  # fuzzy, but never dated by an update
    keyed = stale.by_key(catalog)
    assert stale.state(catalog, keyed, KEY, message.id).kind == "fuzzy"
    assert stale.state(catalog, keyed, "turns[99].answer[0]", "new text").kind == "untranslated"


# --- The note: HTML, PDF and DOCX ---------------------------------------------------------


@pytest.fixture(scope="module")
def stale_note(tmp_path_factory) -> dict[str, Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795766400")
        project = seed_desk(tmp_path_factory.mktemp("stale"), locales=("ru",))
        _edit_source(project)
        _cli(project, "strings", "update")
        return _rebuilt_in_russian(project, project.root / "out")


def _rebuilt_in_russian(project, out: Path) -> dict[str, Path]:
    """The note rendered as a build plans it (each format's renderer, in this process)."""
    from pipeline import render
    from pipeline.engine.plan import plan

    built = plan([project.content / f"{SEED_SLUG}.yaml"], FORMATS, ["ru"], project=project)
    [job] = {id(job): job for job in built.jobs}.values()
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind in FORMATS:
        written[kind] = out / f"{SEED_SLUG}.{kind}"
        written[kind].write_bytes(render.get(kind).render(job))
    return written


@pytest.mark.slow
def test_the_html_shows_the_english_paragraph_its_tag_and_the_notice(stale_note):
    import lxml.html

    tree = lxml.html.fromstring(stale_note["html"].read_bytes())
    [paragraph] = [p for p in tree.cssselect("section.turn p") if NEW in p.text_content()]
    assert paragraph.get("lang") == "en" and paragraph.get("data-fallback") is not None
    tag, notice = paragraph.cssselect(".lang-tag")[0], paragraph.cssselect(".pending")[0]
    assert tag.text_content() == "EN"
    assert notice.text_content() == f"({NOTICE_RU})" and notice.get("lang") == "ru"
    assert len(tree.cssselect(".pending")) == 1  # the other passages are translated


@pytest.mark.slow
def test_the_pdf_shows_the_notice_before_the_english_paragraph(stale_note):
    text = readers.normalise(" ".join(readers.pdf_pages(stale_note["pdf"])))
    text = readers.dehyphenate(text)
    assert f"EN ({readers.normalise(NOTICE_RU)}) Over the past 30 years, {NEW}" in text


@pytest.mark.slow
def test_the_docx_shows_the_notice_in_its_own_run_before_the_english_paragraph(stale_note):
    import docx

    [paragraph] = [p for p in docx.Document(str(stale_note["docx"])).paragraphs if NEW in p.text]
    runs = [(run.text, run.style.name) for run in paragraph.runs if run.text.strip()]
    assert runs[0] == ("EN", "Language Tag")
    assert runs[1] == (f"({NOTICE_RU})", "Subtle Emphasis")
    assert runs[2][0].startswith("Over the past 30 years")


# --- Review status ------------------------------------------------------------------------


def _set_review(path: Path, status: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r'"X-Review-Status: [^"\\]*\\n"', f'"X-Review-Status: {status}\\\\n"', text),
        encoding="utf-8",
    )


def test_the_review_notice_follows_the_catalogs_header(tmp_path):
    from pipeline.render.view_builder import build_view
    from tests.conftest import REPO

    project = seed_desk(tmp_path, locales=("ru",))
    path = content_catalog(project, "ru")

    def kicker() -> list[str]:
        catalog = catalogs.read(path, "ru")
        localized, l10n = segments.localize(_loaded(project), "ru", catalog)
        from pipeline.render.base import RenderJob

        job = RenderJob(localized, dt.datetime(2026, 11, 27, tzinfo=dt.UTC), REPO, l10n)
        return [item.content for item in build_view(job).masthead.kicker]

    assert "Перевод не проверен" in kicker()
    _set_review(path, "reviewed")
    assert "Перевод не проверен" not in kicker()
    assert catalogs.review_status(catalogs.read(path, "ru")) == "reviewed"


def test_an_unknown_review_status_names_the_file_and_line(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    path = content_catalog(project, "ru")
    _set_review(path, "checked by Aigul")
    line = next(
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if text.startswith('"X-Review-Status')
    )
    with pytest.raises(ContentError) as raised:
        catalogs.read(path, "ru")
    assert str(raised.value.problems[0]) == (
        f"{path}:{line}: X-Review-Status: 'checked by Aigul' is not a review status;"
        " write one of: not reviewed, reviewed"
    )


def test_strings_update_keeps_the_review_headers_and_status_shows_them(tmp_path):
    project = seed_desk(tmp_path, locales=("ru", "ko"))
    _cli(project, "strings", "update")
    for locale in ("ru", "ko"):
        catalog = catalogs.read(content_catalog(project, locale), locale)
        assert catalogs.review_status(catalog) == "not reviewed" and catalogs.translator(catalog)
    output = _cli(project, "strings", "status")
    assert f"ru      {SEED_SLUG}: not reviewed (briefing team (machine-assisted draft))" in output
    assert re.search(rf"ko\s+{SEED_SLUG}: not reviewed \(.+\)", output)


@pytest.mark.slow
def test_the_unreviewed_notice_is_in_the_front_matter_of_every_format(stale_note):
    import docx
    import lxml.html

    tree = lxml.html.fromstring(stale_note["html"].read_bytes())
    assert (
        tree.cssselect(".masthead .kicker .unreviewed")[0].text_content() == "Перевод не проверен"
    )
    first_page = readers.pdf_pages(stale_note["pdf"])[0]
    assert "ПЕРЕВОД НЕ ПРОВЕРЕН" in first_page.split("\n")[0]  # the kicker, in capitals
    kicker = next(
        p for p in docx.Document(str(stale_note["docx"])).paragraphs if p.style.name == "Kicker"
    )
    assert "Перевод не проверен" in kicker.text


# --- The pack index -----------------------------------------------------------------------


def _manifest_line(locale: str, translation: dict | None) -> dict:
    return {
        "path": f"{locale}/{SEED_SLUG}.html",
        "format": "html",
        "locale": locale,
        "slug": SEED_SLUG,
        "title": "Korea attaches great importance to friendship",
        "outlet": "Kabar Agency",
        "language": "en",
        "size": 38000,
        "pages": None,
        "translation": translation,
    }


def test_the_pack_index_shows_translated_stale_and_untranslated_counts(tmp_path):
    from pipeline.packs import index
    from tests.conftest import REPO

    project = seed_desk(tmp_path, locales=("ru",))
    _edit_source(project)
    _cli(project, "strings", "update")
    catalog = catalogs.read(content_catalog(project, "ru"), "ru")
    _, l10n = segments.localize(_loaded(project), "ru", catalog)
    assert l10n.counts() == {"translated": 95, "stale": 1, "untranslated": 0}
    translation = {"total": l10n.total, "percent": 99.0, **l10n.counts()}
    files = [_manifest_line("en", None), _manifest_line("ru", translation)]

    def page(locale: str) -> str:
        return index.render(
            dt.date(2026, 11, 27),
            dt.datetime(2026, 11, 27, 8, tzinfo=dt.UTC),
            files,
            [],
            ["en", "ru"],
            locale=locale,
            templates=REPO.template_dirs,
            catalogs=REPO.interface_catalog_dirs,
        )

    assert "99% translated: 95 translated, 1 stale, 0 untranslated" in page("en")
    assert "переведено: 95, устарело: 1, не переведено: 0" in page("ru")
    # A manifest written before the counts existed still reads.
    files[1]["translation"] = {"translated": 95, "total": 96, "percent": 99.0}
    assert "99% translated" in page("en") and "stale" not in page("en")
