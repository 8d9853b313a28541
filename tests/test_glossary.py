"""The glossary (locales/glossary.tbx) and pofilter's prose checks in `briefing strings check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.app import main
from pipeline.errors import ContentError
from pipeline.i18n import catalogs, glossary, prose_checks, workflow
from pipeline.project import BUILTIN_LOCALES
from tests.conftest import REPO, ROOT
from tests.i18n_support import content_catalog, seed_desk

BUILT_IN = glossary.load(ROOT / "locales" / "glossary.tbx")


def _replace_in_translation(path: Path, old: str, new: str) -> int:
    """Replace the first `old` inside a msgstr; the line of that msgstr's entry."""
    lines = path.read_text(encoding="utf-8").split("\n")
    in_string = False
    for number, line in enumerate(lines):
        in_string = line.startswith("msgstr") or (in_string and line.startswith('"'))
        if in_string and old in line:
            lines[number] = line.replace(old, new, 1)
            path.write_text("\n".join(lines), encoding="utf-8")
            return number + 1
    raise AssertionError(f"{old!r} is in no translation of {path}")


def _check(project) -> list[str]:
    result = CliRunner().invoke(main, ["--project", str(project.root), "strings", "check"])
    return [result.exit_code, result.output]


def test_the_shipped_catalogs_pass_the_glossary_and_the_prose_checks():
    assert workflow.check(REPO, terminology=True) == []


def test_a_wrong_and_a_forbidden_form_are_reported_with_file_line_and_term(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    path = content_catalog(project, "ru")
    # The title's «Кыргызстаном» becomes an old spelling, the role's name a wrong one.
    _replace_in_translation(path, "с Кыргызстаном", "с Киргизией")
    _replace_in_translation(path, "Посол Республики Корея", "Посол Южной Кореи")
    entries = {message.context: message.lineno for message in catalogs.read(path, "ru")}
    title_line, role_line = entries["title"], entries["interviewee.role"]
    status, output = _check(project)
    assert status == 2
    assert (
        f"{path}:{title_line}: title: glossary: forbidden form 'Киргизия' of 'Kyrgyzstan';"
        " write 'Кыргызстан' (concept kyrgyzstan)" in output
    )
    assert (
        f"{path}:{title_line}: title: glossary: 'Kyrgyzstan' needs its approved form"
        " 'Кыргызстан' (concept kyrgyzstan)" in output
    )
    assert (
        f"{path}:{role_line}: interviewee.role: glossary: 'Republic of Korea' needs its"
        " approved form 'Республика Корея' (concept republic-of-korea)" in output
    )
    assert output.count("glossary:") == 3


def test_a_glossary_finding_is_for_the_translator_and_does_not_stop_a_build(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    _replace_in_translation(content_catalog(project, "ru"), "с Кыргызстаном", "с Киргизией")
    assert len(workflow.check(project, ["ru"], terminology=True)) == 2
    workflow.require_valid(project, ["ru"])  # what a build runs: no ContentError


@pytest.mark.parametrize(
    ("text", "form", "language"),
    [
        ("переговоры с Кыргызстаном", "Кыргызстан", "ru"),
        ("в Кыргызстане", "Кыргызстан", "ru"),
        ("посол Республики Корея", "Республика Корея", "ru"),
        ("с Республикой Корея", "Республика Корея", "ru"),
        ("граждан Кореи", "Корея", "ru"),
        ("в Центральной Азии", "Центральная Азия", "ru"),
        ("«глобальным ключевым государством»", "глобальное ключевое государство", "ru"),
        ("Кореянын өкмөтү", "Корея", "ky"),
        ("Кыргызстанда", "Кыргызстан", "ky"),
        ("Корея Республикасынын элчиси", "Корея Республикасы", "ky"),
        ("Кыргыз Республикасындагы", "Кыргыз Республикасы", "ky"),
        ("Бишкектеги элчи", "Бишкек", "ky"),
        ("«Кабар» агенттигине", "Кабар", "ky"),
        ("키르기스스탄과의 관계", "키르기스스탄", "ko"),
        ("비슈케크에서", "비슈케크", "ko"),
    ],
)
def test_an_inflected_correct_form_passes(text, form, language):
    assert glossary.contains(text, form, language)


@pytest.mark.parametrize(
    ("text", "form", "language"),
    [
        ("в Киргизии", "Кыргызстан", "ru"),
        ("Киргизией", "Киргизстан", "ru"),  # a stem that begins another is not enough
        ("коридор", "Корея", "ru"),
        ("Коргоо", "Корея", "ky"),  # Kyrgyz endings are added to the whole word only
        ("Кореялыктар", "Корея", "ky"),  # -лык makes another word (Koreans), no ending
        ("비쉬켁에서", "비슈케크", "ko"),
    ],
)
def test_another_word_is_not_a_form(text, form, language):
    assert not glossary.contains(text, form, language)


def test_an_inflected_correct_russian_translation_raises_no_finding(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    path = content_catalog(project, "ru")
    # «Кыргызстаном» (instrumental) is already a form of «Кыргызстан»; another case too.
    _replace_in_translation(path, "дружбе и сотрудничеству с Кыргызстаном", "дружбе Кыргызстана")
    status, output = _check(project)
    assert (status, output.strip()) == (0, "All catalogs pass their checks.")


def test_a_longer_term_hides_the_shorter_and_a_possessive_asks_for_nothing():
    found = glossary.source_concepts("The Republic of Korea's ambassador met Korea's", BUILT_IN)
    assert found == []
    found = glossary.source_concepts("the Republic of Korea and Korea", BUILT_IN)
    assert [concept.id for concept in found] == ["republic-of-korea", "korea"]
    found = glossary.source_concepts("the Republic of Korea", BUILT_IN)
    assert [concept.id for concept in found] == ["republic-of-korea"]


def test_a_translator_comment_exempts_a_concept_from_one_entry(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    path = content_catalog(project, "ru")
    line = _replace_in_translation(path, "с Кыргызстаном", "с этой страной")
    assert "glossary: 'Kyrgyzstan'" in _check(project)[1]
    text = path.read_text(encoding="utf-8").split("\n")
    start = max(n for n in range(line) if text[n].startswith("#:"))
    text.insert(start, "# glossary-exempt: kyrgyzstan (named in the sentence before)")
    path.write_text("\n".join(text), encoding="utf-8")
    assert _check(project)[0] == 0


def test_a_desk_glossary_replaces_the_built_in_one(tmp_path):
    project = seed_desk(tmp_path, locales=("ru",))
    assert project.glossary == BUILTIN_LOCALES / "glossary.tbx"
    (project.locales / "glossary.tbx").write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>A desk's own.</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="bishkek">
      <langSec xml:lang="en"><termSec><term>Bishkek</term></termSec></langSec>
      <langSec xml:lang="ru">
        <termSec><term>Пишпек</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>Бишкек</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
""",
        encoding="utf-8",
    )
    assert project.glossary == project.locales / "glossary.tbx"
    status, output = _check(project)
    assert status == 2
    assert "glossary: forbidden form 'Бишкек' of 'Bishkek'; write 'Пишпек'" in output
    assert "Кыргызстан" not in output  # the built-in glossary is not used beside it


@pytest.mark.parametrize(
    ("tbx", "message"),
    [
        ("<tbx", "glossary is not well-formed XML"),
        ("<martif/>", "glossary is not TBX: its root is <martif>"),
        (
            '<!DOCTYPE tbx [<!ENTITY x "y">]><tbx/>',
            "glossary has a DOCTYPE or entities; a TBX file needs neither",
        ),
        (
            '<tbx><conceptEntry id="c"><langSec xml:lang="ru"><termSec><term>Ош</term>'
            '<termNote type="administrativeStatus">approved</termNote></termSec></langSec>'
            "</conceptEntry></tbx>",
            "c: administrativeStatus 'approved' is not TBX-Basic's",
        ),
    ],
)
def test_a_broken_glossary_is_refused_with_its_line(tmp_path, tbx, message):
    path = tmp_path / "glossary.tbx"
    path.write_text(tbx, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        glossary.load(path)
    problem = raised.value.problems[0]
    assert message in f"{problem.field}: {problem.message}" or message in problem.message
    assert problem.file == path and problem.line == 1


def test_pofilter_finds_a_changed_number_a_missing_bracket_and_a_double_word(tmp_path):
    path = tmp_path / "x.po"
    catalog = catalogs.new_catalog("ru")
    catalog.add("USD 63.5 million", "63,5 млн долларов США", context="a")
    catalog.add("USD 370 million", "380 млн долларов США", context="b")
    catalog.add("Kabar (in a question)", "«Кабар», в вопросе", context="c")
    catalog.add("the airline is studying", "авиакомпания  изучает изучает", context="d")
    catalog.add("See https://kabar.kg/eng/", "См. https://kabar.kg/", context="e")
    catalog.add("ODA programme", "Программа ОПР (ODA)", context="f")  # an added bracket is fine
    catalogs.write(path, catalog)
    found = prose_checks.catalog_problems(path, catalogs.read(path, "ru"), "ru")
    named = {(problem.field, problem.message.split(":")[0]) for problem in found}
    assert named == {
        ("b", "pofilter numbers"),
        ("c", "pofilter brackets"),
        ("d", "pofilter doublespacing"),
        ("d", "pofilter doublewords"),
        ("e", "pofilter urls"),
    }
    assert all(problem.file == path and problem.line for problem in found)


def test_korean_is_spared_the_checks_its_conventions_break():
    catalog = catalogs.new_catalog("ko")
    catalog.add("USD 370 million.", "3억 7,000만 달러", context="a")
    assert prose_checks.catalog_problems(Path("ko.po"), catalog, "ko") == []
