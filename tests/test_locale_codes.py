"""Language codes: BCP 47, and the usual mistakes (a country's code for its language)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli.app import main
from pipeline.content import loader as content
from pipeline.errors import ContentError
from pipeline.i18n import catalogs, workflow
from pipeline.language_tags import tag_problem
from tests.conftest import seed_data
from tests.i18n_support import content_catalog, seed_desk


@pytest.mark.parametrize("code", ["en", "ru", "ky", "ko", "en-XA", "sr-Latn", "pt-BR", "es-419"])
def test_a_language_tag_is_accepted(code):
    assert tag_problem(code) is None


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("kg", "write 'ky' (Kyrgyz)"),
        ("kr", "write 'ko' (Korean)"),
        ("ua", "write 'uk' (Ukrainian)"),
        ("cz", "write 'cs' (Czech)"),
        ("jp", "write 'ja' (Japanese)"),
        ("kz", "write 'kk' (Kazakh)"),
        ("kg-KG", "write 'ky' (Kyrgyz)"),
        ("ru_RU", "write 'ru-RU' (a hyphen, not an underscore)"),
        ("RU", "is not a BCP 47 language tag"),
        ("english", "is not a BCP 47 language tag"),
        ("xx", "is no language CLDR knows"),
    ],
)
def test_a_usual_mistake_is_refused_with_the_code_meant(code, hint):
    assert hint in tag_problem(code)


def test_a_content_file_in_kg_is_refused_with_file_line_and_field(write_content):
    data = seed_data()
    data["language"] = "kg"
    path = write_content(data)
    with pytest.raises(ContentError) as raised:
        content.load(path)
    [problem] = raised.value.problems
    line = next(
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if text.startswith("language:")
    )
    assert (problem.file, problem.line, problem.field) == (path, line, "language")
    assert "'kg' is a country code" in problem.message and "write 'ky'" in problem.message


def test_a_catalog_whose_language_header_says_kr_is_refused_with_its_line(tmp_path):
    project = seed_desk(tmp_path, locales=("ko",))
    path = content_catalog(project, "ko")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Language: ko\\n"', '"Language: kr\\n"'), encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t.startswith('"Language:'))
    with pytest.raises(ContentError) as raised:
        catalogs.read(path)
    assert str(raised.value.problems[0]).startswith(f"{path}:{line}: Language: 'kr' is a country")
    assert "write 'ko' (Korean)" in str(raised.value.problems[0])


def test_a_folder_of_catalogs_named_kg_is_refused(tmp_path):
    project = seed_desk(tmp_path, locales=("ky",))
    (project.locales / "ky").rename(project.locales / "kg")
    [problem] = workflow.check(project, ["ky"])
    assert problem.file == project.locales / "kg" and problem.field == "locale folder"
    assert "write 'ky'" in problem.message


def test_settings_and_the_command_line_name_the_code_meant(tmp_path):
    project = seed_desk(tmp_path, locales=())
    (project.root / "briefing.toml").write_text('[pack]\nlocales = ["en", "kg"]\n')
    result = CliRunner().invoke(main, ["--project", str(project.root), "pack"])
    assert result.exit_code == 2
    assert "pack.locales: unknown locale kg" in result.output and "write 'ky'" in result.output
    build = CliRunner().invoke(main, ["--project", str(project.root), "build", "-l", "kr"])
    assert build.exit_code == 2 and "write 'ko' (Korean)" in build.output
