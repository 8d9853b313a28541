"""Translation memory: `strings update` pre-fills a new interview from the others' catalogs."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli.app import main
from pipeline.content import loader as content
from pipeline.i18n import catalogs, memory, workflow
from tests.conftest import ROOT, SEED_SLUG
from tests.i18n_support import content_catalog, seed_desk

SECOND = ROOT / "tests" / "fixtures" / "memory" / "kabar-korea-follow-up-interview.yaml"
SECOND_SLUG = SECOND.stem


def _with_second_interview(tmp_path: Path):
    project = seed_desk(tmp_path, locales=("ru",))
    shutil.copy(SECOND, project.content)
    return project


def _russian(project, key: str):
    catalog = catalogs.read(content_catalog(project, "ru", SECOND_SLUG), "ru")
    return next(message for message in catalog if message.context == key)


def test_a_second_interview_gets_the_shared_sentences_pre_filled(tmp_path):
    project = _with_second_interview(tmp_path)
    sources = content.load_all(sorted(project.content.glob("*.yaml")))
    workflow.extract(sources, project)
    report = workflow.update_catalogs(sources, project, ["ru"])
    # Exact: outlet, byline, dateline, interviewer, interviewee name and role, handling,
    # the first intro paragraph, one key point. Near: the answer with one word changed.
    assert report.prefilled["ru"] == memory.Prefilled(exact=9, fuzzy=1)
    seed = catalogs.read(content_catalog(project, "ru"), "ru")
    point = _russian(project, "brief.key_points[0]")
    assert not point.fuzzy
    assert point.string == seed.get(point.id, context="brief.key_points[4]").string
    assert _russian(project, "intro[0]").string.startswith("В прошлом году Кыргызстан")
    near = _russian(project, "turns[0].answer[0]")
    assert near.fuzzy and near.string.startswith("За последние 30 лет")
    assert (
        near.previous_id[0].startswith("Over the past 30 years")
        and "many areas" in near.previous_id[0]
    )
    assert "translation memory: near match from content/" in " ".join(near.user_comments).lower()
    # Its own sentences stay for the translator; the seed's catalog is not touched.
    assert _russian(project, "turns[0].answer[1]").string == ""
    assert _russian(project, "title").string == ""
    assert workflow.check(project, ["ru"]) == []


def test_the_near_match_keeps_the_old_source_as_a_previous_msgid_msgfmt_reads(tmp_path):
    project = _with_second_interview(tmp_path)
    sources = content.load_all(sorted(project.content.glob("*.yaml")))
    workflow.extract(sources, project)
    workflow.update_catalogs(sources, project, ["ru"])
    text = content_catalog(project, "ru", SECOND_SLUG).read_text(encoding="utf-8")
    previous = text[text.index('#| msgid ""') : text.index('msgctxt "turns[0].answer[0]"')]
    assert all(line.startswith('#| "') for line in previous.splitlines()[1:])
    assert "many areas" in previous.replace('"\n#| "', "")


def test_strings_update_says_how_many_passages_it_pre_filled(tmp_path):
    project = _with_second_interview(tmp_path)
    result = CliRunner().invoke(main, ["--project", str(project.root), "strings", "update"])
    assert result.exit_code == 0, result.output
    assert (
        "ru: 10 passages pre-filled from the translation memory (9 exact, 1 fuzzy)" in result.output
    )
    # Nothing to remember for ky and ko: the project has no catalogs of theirs.
    assert "ky: 0 passages pre-filled" in result.output
    again = CliRunner().invoke(main, ["--project", str(project.root), "strings", "update"])
    assert "ru: 0 passages pre-filled" in again.output  # filled entries are left alone


def test_a_fuzzy_or_other_interviews_own_translation_is_not_remembered(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    remembered = memory.memory("ru", project.locales, but="another-interview")
    seed = catalogs.read(content_catalog(project, "ru"), "ru")
    assert len(remembered) == len({m.id for m in seed if m.id and m.string and not m.fuzzy})
    assert memory.memory("ru", project.locales, but=SEED_SLUG) == {}
