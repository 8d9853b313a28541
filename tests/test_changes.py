"""What changed in a note, without rendering: versions records, the comparison per passage
and per word, the summary line in each language, and the marks the view builder applies."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from pipeline.changes import compare, marks, summary, versions
from pipeline.changes.compare import DEL, INS, SAME, word_edits
from pipeline.changes.versions import FigureVersion, NoteVersion, PassageVersion
from pipeline.content import loader
from pipeline.errors import ContentError
from tests.conftest import REPO, SEED_CONTENT, seed_data
from tests.pack_support import write_note


def _note(texts: dict[str, str], figures=(), locale="en") -> NoteVersion:
    passages = tuple(PassageVersion(key, text, text, locale) for key, text in texts.items())
    return NoteVersion("sample", locale, "en", passages, tuple(figures))


def _figure(value: str, unit="million USD", approximate=False) -> FigureVersion:
    return FigureVersion(0, "Bilateral trade", value, unit, approximate)


def test_word_edits_mark_only_the_changed_words():
    assert word_edits("trade reached USD 370 million.", "trade reached USD 375 million.") == (
        (SAME, "trade reached USD "),
        (DEL, "370"),
        (INS, "375"),
        (SAME, " million."),
    )


def test_neighbouring_changed_words_read_as_one_replacement():
    edits = word_edits("the cat was seen by the old harbour", "the dog is read by the old harbour")
    assert edits == (
        (SAME, "the "),
        (DEL, "cat was seen"),
        (INS, "dog is read"),
        (SAME, " by the old harbour"),
    )


def test_a_passage_rewritten_whole_is_deleted_and_inserted_whole():
    old, new = "A loan for the hospital is almost agreed.", "Tourism needs promoting in Seoul."
    assert word_edits(old, new) == ((DEL, old), (INS, new))


def test_korean_particles_change_by_the_character_inside_the_word():
    assert word_edits("정부가 노력했다", "정부는 노력했다", "ko") == (
        (SAME, "정부"),
        (DEL, "가"),
        (INS, "는"),
        (SAME, " 노력했다"),
    )
    # Other languages keep whole words.
    assert word_edits("Бишкеку помогли", "Бишкеком помогли", "ru")[:2] == (
        (DEL, "Бишкеку"),
        (INS, "Бишкеком"),
    )


def test_a_paragraph_inserted_first_is_one_addition_not_every_one_rewritten():
    old = {"turns[0].answer[0]": "First.", "turns[0].answer[1]": "Second."}
    new = {
        "turns[0].answer[0]": "A new opening.",
        "turns[0].answer[1]": "First.",
        "turns[0].answer[2]": "Second.",
    }
    result = compare.compare(_note(old), _note(new))
    assert result.status == compare.CHANGED
    assert [(c.kind, c.segment) for c in result.passages] == [("added", "turns[0].answer[0]")]


def test_a_removed_list_item_knows_what_it_stood_before():
    old = {f"brief.key_points[{i}]": f"Point {i}." for i in range(3)}
    new = {"brief.key_points[0]": "Point 0.", "brief.key_points[1]": "Point 2."}
    (change,) = compare.compare(_note(old), _note(new)).passages
    assert (change.kind, change.segment, change.before) == (
        "removed",
        "brief.key_points[1]",
        "brief.key_points[1]",
    )


def test_new_removed_and_unchanged_notes():
    note = _note({"title": "T"})
    assert compare.compare(None, note).status == compare.NEW
    assert compare.compare(note, None).status == compare.REMOVED
    assert compare.compare(note, note).status == compare.UNCHANGED


def test_the_summary_line_counts_what_changed_and_gives_a_figure_in_full():
    old = _note(
        {"turns[1].answer[0]": "It reached 370.", "brief.key_points[0]": "Trade at 370."},
        [_figure("370")],
    )
    new = _note(
        {"turns[1].answer[0]": "It reached 375.", "brief.key_points[0]": "Trade at 375."},
        [_figure("375")],
    )
    result = compare.compare(old, new)
    assert summary.line(result, "en", ()) == (
        "1 answer paragraph rewritten, 1 key point rewritten, "
        "figure ‘Bilateral trade’ 370 → 375 million USD"
    )


def test_two_answer_paragraphs_and_an_added_point_in_russian_and_korean():
    old = _note({"turns[0].answer[0]": "a b", "turns[0].answer[1]": "c d"})
    new = _note(
        {"turns[0].answer[0]": "a x", "turns[0].answer[1]": "c y", "brief.key_points[0]": "new"}
    )
    result = compare.compare(old, new)
    catalogs = REPO.interface_catalog_dirs
    assert summary.line(result, "en", ()) == "2 answer paragraphs rewritten, 1 key point added"
    assert summary.line(result, "ru", catalogs) == ("2 абзаца ответа переписаны, 1 тезис добавлен")
    assert summary.line(result, "ko", catalogs) == "답변 단락 2개 수정, 핵심 내용 1개 추가"


def test_a_changed_unit_shows_on_both_sides_and_about_is_kept():
    old = _note({}, [_figure("63.5", "million USD", approximate=True)])
    new = _note({}, [_figure("64", "million EUR")])
    line = summary.line(compare.compare(old, new), "en", ())
    assert line == "figure ‘Bilateral trade’ about 63.5 million USD → 64 million EUR"


def test_figure_wording_alone_counts_as_a_key_figure_rewritten():
    old = _note({"brief.key_figures[0].period": "2022"}, [_figure("370")])
    new = _note({"brief.key_figures[0].period": "2022, whole year"}, [_figure("370")])
    assert summary.line(compare.compare(old, new), "en", ()) == "1 key figure rewritten"


def test_versions_of_the_seed_round_trip_and_are_deterministic(tmp_path):
    sources = loader.load_all([SEED_CONTENT])
    records = versions.of_sources(sources, ["en", "ru"], REPO)
    data = versions.dumps(records)
    assert data == versions.dumps(list(reversed(records)))
    back = versions.loads(data, tmp_path / "versions.json")
    assert [back[record.key] for record in records] == records
    russian = back[(SEED_CONTENT.stem, "ru")]
    assert russian.language == "en"
    assert any(p.text != p.source and p.lang == "ru" for p in russian.passages)
    assert russian.figures[0].value == "370"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"not json", "not a versions record"),
        (b'{"format_version": 9, "notes": []}', "format_version is not 1"),
        (b'{"format_version": 1, "notes": [{"slug": "x"}]}', "missing field"),
        (
            b'{"format_version": 1, "notes": [{"slug": "x", "locale": "en", "language": "en",'
            b' "passages": [], "figures": [{"label": "Trade", "value": "lots", "unit": "USD",'
            b' "approximate": false}]}]}',
            "a figure's value 'lots' is not a number",
        ),
    ],
)
def test_a_broken_versions_record_is_refused_naming_the_file(tmp_path, data, message):
    with pytest.raises(ContentError) as caught:
        versions.loads(data, tmp_path / "versions.json")
    assert message in str(caught.value) and "versions.json" in str(caught.value)


def _job_with_changes(tmp_path: Path):
    from pipeline.engine import plan as build_plan

    data = seed_data()
    old_record = versions.of_sources(loader.load_all([SEED_CONTENT]), ["en"], REPO)[0]
    data["turns"][2]["answer"].pop(1)
    data["brief"]["key_points"][0] += " Corrected."
    data["brief"]["key_figures"][0]["value"] = 375
    data["brief"]["key_figures"][0]["source_sentence"] = data["brief"]["key_figures"][0][
        "source_sentence"
    ].replace("370", "375")
    data["turns"][1]["answer"][0] = data["turns"][1]["answer"][0].replace("370", "375")
    data.pop("slug")
    path = write_note(tmp_path, SEED_CONTENT.stem, **data)
    new_record = versions.of_sources(loader.load_all([path]), ["en"], REPO)[0]
    result = compare.compare(old_record, new_record)
    line = summary.line(result, "en", ())
    change_marks = marks.change_marks(result, line, dt.date(2026, 11, 26), "2026-11-27T08:00:00Z")
    (job,) = build_plan.plan([path], ["html"], ["en"], project=REPO).jobs
    return dataclasses.replace(job, changes=change_marks), line


def test_the_view_of_a_change_view_carries_the_marks(tmp_path):
    from pipeline.render.view_builder import build_view

    job, line = _job_with_changes(tmp_path)
    view = build_view(job)
    assert view.changes is not None and view.changes.summary == line
    assert view.changes.heading == "Changes since November 26, 2026"
    point = view.brief.key_points.items[0]
    assert point.change == "rewritten" and point.edits[-1] == (INS, " Corrected.")
    answers = view.interview.turns[2].answer
    removed = [passage for passage in answers if passage.change == "removed"]
    assert len(removed) == 1 and removed[0].edits[0][0] == DEL
    assert answers.index(removed[0]) == 1  # back where it stood
    assert (
        view.brief.figures.items[0].was == ("370", " ", "million USD")
        or view.brief.figures.items[0].was
    )
    plain = build_view(dataclasses.replace(job, changes=None))
    assert plain.changes is None
    assert all(not passage.edits for passage in plain.passages())


def test_the_html_of_a_change_view_has_ins_and_del_with_spoken_labels(tmp_path):
    from pipeline.render import templating
    from pipeline.render.view_builder import build_view

    job, _line = _job_with_changes(tmp_path)
    html = templating.render_note(job, build_view(job), "html")
    assert '<ins><span class="visually-hidden">inserted: </span>375</ins>' in html
    assert '<del><span class="visually-hidden">deleted: </span>370</del>' in html
    assert 'data-change="removed"' in html and 'class="changes"' in html
    printed = templating.render_note(job, build_view(job), "pdf")
    assert "<ins>375</ins>" in printed and 'visually-hidden">' not in printed


def test_deleted_text_keeps_its_language_where_a_translation_gave_way_to_the_source():
    from pipeline.render import templating, view_changes
    from pipeline.render.view import ChangeNotice, Passage

    old = NoteVersion(
        "sample", "ru", "en", (PassageVersion("title", "Old", "Старый заголовок", "ru"),), ()
    )
    new = NoteVersion("sample", "ru", "en", (PassageVersion("title", "New", "New", "en"),), ())
    result = compare.compare(old, new)
    change_marks = marks.change_marks(result, "", dt.date(2026, 11, 26), "2026-11-27T08:00:00Z")
    shown = view_changes.marked(Passage("New", "title", lang="en"), change_marks, "ru")
    assert shown.was_lang == "ru" and shown.edits == ((DEL, "Старый заголовок"), (INS, "New"))
    notice = ChangeNotice("", "", "", "добавлено", "удалено", "briefing", "")
    html = templating.marked(shown, notice)
    assert '<del lang="ru"><span class="visually-hidden">удалено: </span>Старый' in html
    # In the note's own language the deleted text needs no mark of its own.
    same = view_changes.marked(Passage("New", "title"), change_marks, "en")
    assert same.was_lang == "ru"
    assert view_changes.marked(Passage("Новый", "title"), change_marks, "ru").was_lang is None
