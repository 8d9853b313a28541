"""Projects: found from the working folder up, or named; `init` and `templates`; a desk's
own templates and translations over the built-in ones, in every format and in the cache key."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline import scaffold
from pipeline.cli.app import main
from pipeline.engine import cache
from pipeline.errors import UsageError
from pipeline.i18n import catalogs
from pipeline.packs import settings
from pipeline.project import (
    BUILTIN_LOCALES,
    BUILTIN_TEMPLATES,
    PROJECT_ENV,
    NoProjectError,
    Project,
    find,
)
from pipeline.render import templating
from tests import readers
from tests.conftest import REPO, ROOT

CSS_RULE = '\nh1::before { content: "HOUSE-STYLE "; }\n'
RU_KEY_POINTS = "Главное за минуту"
NOTE = "example-interview"


def invoke(*arguments: object, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in arguments], env=env)


def _clear_caches() -> None:
    catalogs.interface_mo.cache_clear()
    catalogs.interface_translations.cache_clear()
    templating.environment.cache_clear()


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    """A project made by `briefing init`, the working folder."""
    result = invoke("init", tmp_path / "desk")
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "desk")
    _clear_caches()
    yield tmp_path / "desk"
    _clear_caches()


def override_css(desk: Path) -> None:
    assert invoke("templates", "--copy", "css/note.css").exit_code == 0
    with (desk / "templates" / "css" / "note.css").open("a", encoding="utf-8") as sheet:
        sheet.write(CSS_RULE)


def override_string(desk: Path, locale: str, msgid: str, text: str, *extra: str) -> Path:
    path = desk / "locales" / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {locale}\\n"\n\nmsgid "{msgid}"\nmsgstr "{text}"\n' + "".join(extra),
        encoding="utf-8",
    )
    _clear_caches()
    return path


def docx_text(path: Path) -> str:
    return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


# --- Finding the project ----------------------------------------------------------------


def test_a_project_is_found_from_any_folder_below_it(tmp_path):
    (tmp_path / "briefing.toml").touch()
    deep = tmp_path / "content" / "assets"
    deep.mkdir(parents=True)
    found = find(start=deep)
    assert found == Project(tmp_path.resolve(), tmp_path.resolve() / "briefing.toml")
    assert found.content == tmp_path.resolve() / "content"
    assert found.output == tmp_path.resolve() / "output"


def test_a_pyproject_with_a_briefing_table_makes_a_project_and_one_without_does_not(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    with pytest.raises(NoProjectError) as refused:
        find(start=tmp_path)
    assert f"{tmp_path.resolve() / 'pyproject.toml'} has no [tool.briefing] table" in str(
        refused.value
    )
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.briefing]\n")
    assert find(start=tmp_path).settings_file == tmp_path.resolve() / "pyproject.toml"


def test_this_checkout_is_a_project_whose_files_are_the_built_in_ones():
    found = find(start=ROOT / "tests" / "hostile")
    assert found.root == ROOT and found.settings_file == ROOT / "pyproject.toml"
    assert found.template_dirs == (BUILTIN_TEMPLATES,) == ((ROOT / "templates").resolve(),)
    assert found.interface_catalog_dirs == (BUILTIN_LOCALES,)
    assert found.is_source_checkout


def test_project_option_and_environment_name_the_project(desk, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert invoke("validate").exit_code == 2
    named = invoke("--project", desk, "validate")
    assert named.exit_code == 0 and "1 content file(s) valid." in named.output, named.output
    by_environment = invoke("validate", env={PROJECT_ENV: str(desk)})
    assert by_environment.exit_code == 0, by_environment.output
    # --project wins over the environment, and a folder that is no project is named.
    other = invoke("--project", elsewhere, "validate", env={PROJECT_ENV: str(desk)})
    assert other.exit_code == 2
    assert f"{elsewhere} (from --project) is not a briefing project" in other.output
    assert f"briefing init {elsewhere}" in other.output


def _commands() -> list[list[str]]:
    from tests.hostile.test_tracebacks import RECIPES

    return [recipe for command, recipe in RECIPES.items() if command != ("init",)]


@pytest.mark.parametrize("recipe", _commands(), ids=lambda recipe: "-".join(recipe[:2]))
def test_outside_any_project_every_command_says_so_and_how_to_start_one(
    tmp_path, monkeypatch, recipe
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    for argument in recipe[1:]:  # the files the recipe names exist; only the project is missing
        if "/" in argument:
            (tmp_path / argument).mkdir(parents=True)
        elif "." in argument and not argument.startswith("-"):
            (tmp_path / argument).touch()
    result = invoke(*recipe)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: no briefing project in {tmp_path.resolve()} ")
    assert "start one with `briefing init`, or name one with --project DIR" in result.output
    assert "Traceback" not in result.output


def test_help_version_and_init_need_no_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("--help").exit_code == 0
    assert invoke("build", "--help").exit_code == 0
    assert invoke("--version").exit_code == 0
    assert invoke("init").exit_code == 0 and (tmp_path / "briefing.toml").is_file()


# --- init ----------------------------------------------------------------------------------


def test_init_makes_a_valid_project_without_any_built_in_template(desk):
    files = sorted(p.relative_to(desk).as_posix() for p in desk.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        "README.md",
        "briefing.toml",
        "content/example-interview.yaml",
        "content/interview.schema.json",
    ]
    assert (desk / "templates").is_dir() and not any((desk / "templates").iterdir())
    assert (desk / "locales").is_dir() and not any((desk / "locales").iterdir())
    assert "/output/" in (desk / ".gitignore").read_text().splitlines()
    loaded = settings.load(desk / "briefing.toml")  # every setting it names is valid
    assert loaded.pack.locales == ["en", "ru", "ky", "ko"] and loaded.targets == {}
    assert invoke("validate").exit_code == 0
    assert invoke("schema", "--check").exit_code == 0  # the schema written is the model's


def test_init_never_overwrites_a_file(desk):
    (desk / "README.md").write_text("our own notes")
    before = {p: p.read_bytes() for p in desk.rglob("*") if p.is_file()}
    result = invoke("init", desk)
    assert result.exit_code == 2
    assert "already holds briefing.toml, README.md, .gitignore" in result.output
    assert "never overwrites a file" in result.output
    assert {p: p.read_bytes() for p in desk.rglob("*") if p.is_file()} == before


def test_init_that_fails_half_way_leaves_nothing_behind(tmp_path, monkeypatch):
    written = []

    def fail_on_the_third(path: Path, data: bytes) -> None:
        if len(written) == 2:
            raise OSError(28, "No space left on device", str(path))
        path.write_bytes(data)
        written.append(path)

    monkeypatch.setattr(scaffold, "write_bytes", fail_on_the_third)
    with pytest.raises(OSError, match="No space left"):
        scaffold.init(tmp_path / "new" / "desk", "{}")
    assert len(written) == 2 and not (tmp_path / "new").exists()


# --- templates -----------------------------------------------------------------------------


def test_templates_lists_the_built_in_files_and_the_projects_overrides(desk):
    listing = invoke("templates")
    assert listing.exit_code == 0, listing.output
    lines = {line.split()[0]: line for line in listing.output.splitlines() if line[:2] == "  "}
    built_in = sorted(
        p.relative_to(BUILTIN_TEMPLATES).as_posix()
        for p in BUILTIN_TEMPLATES.rglob("*")
        if p.is_file()
    )
    assert sorted(lines) == built_in
    assert all(line.endswith("built in") for line in lines.values())

    override_css(desk)
    (desk / "templates" / "partials" / "extra.html").parent.mkdir()
    (desk / "templates" / "partials" / "extra.html").write_text("<p>ours</p>")
    lines = {
        line.split()[0]: line.split(None, 1)[1]
        for line in invoke("templates").output.splitlines()
        if line[:2] == "  "
    }
    assert lines["css/note.css"] == "overridden by templates/css/note.css"
    assert lines["partials/extra.html"] == "the project's own: templates/partials/extra.html"
    assert lines["css/print.css"] == "built in"


def test_templates_copy_copies_one_built_in_file_and_never_over_an_edit(desk):
    override_css(desk)
    again = invoke("templates", "--copy", "css/note.css")
    assert again.exit_code == 2 and "exists already" in again.output
    assert (desk / "templates/css/note.css").read_text().endswith(CSS_RULE)
    for wrong in ("css/none.css", "../pyproject.toml", "css", "/etc/hostname"):
        refused = invoke("templates", "--copy", wrong)
        assert refused.exit_code == 2 and "is not a built-in template" in refused.output, wrong
    assert sorted(p.name for p in (desk / "templates").rglob("*")) == ["css", "note.css"]


# --- Overrides in every format -------------------------------------------------------------


@pytest.mark.slow
def test_an_overridden_css_file_and_interface_string_show_in_every_format(desk):
    override_css(desk)
    override_string(desk, "ru", "Key points", RU_KEY_POINTS)
    result = invoke("build", "-l", "en,ru", "-j", "1")
    assert result.exit_code == 0, result.output
    out = desk / "output"
    for locale in ("en", "ru"):
        html = (out / locale / f"{NOTE}.html").read_text(encoding="utf-8")
        assert CSS_RULE.strip() in html
        assert "HOUSE-STYLE" in readers.pdf_pages(out / locale / f"{NOTE}.pdf")[0]
        assert "HOUSE-STYLE" not in docx_text(out / locale / f"{NOTE}.docx")  # no CSS there
    assert RU_KEY_POINTS in (out / "ru" / f"{NOTE}.html").read_text(encoding="utf-8")
    assert RU_KEY_POINTS in "".join(readers.pdf_pages(out / "ru" / f"{NOTE}.pdf"))
    assert RU_KEY_POINTS in docx_text(out / "ru" / f"{NOTE}.docx")
    # The rest of the Russian interface is still the built-in translation; English is English.
    assert "Ключевые цифры" in (out / "ru" / f"{NOTE}.html").read_text(encoding="utf-8")
    assert RU_KEY_POINTS not in docx_text(out / "en" / f"{NOTE}.docx")


def test_an_overridden_reference_docx_styles_the_word_note(desk):
    import docx

    reference = docx.Document(str(BUILTIN_TEMPLATES / "docx" / "reference.docx"))
    reference.styles["Title"].font.name = "House Serif"
    (desk / "templates" / "docx").mkdir(parents=True)
    reference.save(str(desk / "templates" / "docx" / "reference.docx"))
    assert invoke("docx", "-j", "1").exit_code == 0
    note = docx.Document(str(desk / "output" / "en" / f"{NOTE}.docx"))
    assert note.styles["Title"].font.name == "House Serif"


def test_an_english_override_and_added_message_are_used_and_empty_or_fuzzy_ones_are_not(desk):
    override_string(
        desk,
        "ru",
        "Key points",
        RU_KEY_POINTS,
        '\nmsgid "Summary"\nmsgstr ""\n',
        '\n#, fuzzy\nmsgid "Purpose."\nmsgstr "Зачем."\n',
    )
    merged = catalogs.merged_interface("ru", find().interface_catalog_dirs)
    builtin = catalogs.read(catalogs.interface_catalog("ru", BUILTIN_LOCALES), "ru")
    assert merged["Key points"].string == RU_KEY_POINTS
    assert merged["Summary"].string == builtin["Summary"].string != ""
    assert merged["Purpose."].string == builtin["Purpose."].string != "Зачем."
    assert len(merged) == len(builtin)  # plural entries and headers survive the merge

    override_string(desk, "en", "Key points", "Highlights")
    assert invoke("strings", "check").exit_code == 0
    assert invoke("html", "-j", "1").exit_code == 0
    assert "Highlights" in (desk / "output" / "en" / f"{NOTE}.html").read_text(encoding="utf-8")


def test_a_broken_override_catalog_is_refused_before_any_build(desk):
    path = override_string(desk, "ru", "Prepared %(date)s", "Подготовлено %(datum)s")
    result = invoke("html", "-l", "ru", "-j", "1")
    assert result.exit_code == 2 and str(path) in result.output, result.output
    assert "unknown %(datum)s" in result.output and not (desk / "output").exists()


# --- The cache key and what travels to workers ---------------------------------------------


def _keys(project: Project) -> dict[tuple[str, str], str]:
    fingerprints = cache.Fingerprints(project)
    note = project.content / f"{NOTE}.yaml"
    return {
        (locale, kind): fingerprints.key(note, locale, kind, {})[0]
        for locale in ("en", "ru", "ky")
        for kind in ("pdf", "docx")
    }


def test_adding_an_override_changes_the_key_of_what_it_shapes_only(desk):
    project = find()
    before = _keys(project)
    override_css(desk)
    restyled = _keys(project)
    assert all(restyled[name] != before[name] for name in before)
    (desk / "templates" / "css" / "note.css").unlink()
    assert _keys(project) == before  # an empty templates/ is the built-in style
    override_string(desk, "ru", "Key points", RU_KEY_POINTS)
    translated = _keys(project)
    assert {name for name in before if translated[name] != before[name]} == {
        ("ru", "pdf"),
        ("ru", "docx"),
    }


def test_a_render_job_carries_the_projects_root_not_the_packages_folders(desk, monkeypatch):
    """A worker (`--shared-root`) finds the built-in files where its own package is."""
    from pipeline import project as projects
    from pipeline.engine import plan

    override_css(desk)
    [job] = plan.plan([desk / "content" / f"{NOTE}.yaml"], ["html"], project=find()).jobs
    data = pickle.dumps(job)
    elsewhere = desk.parent / "site-packages" / "pipeline" / "builtin" / "templates"
    monkeypatch.setattr(projects, "BUILTIN_TEMPLATES", elsewhere)  # as on that worker
    on_the_worker = pickle.loads(data)
    assert on_the_worker.project == find()
    assert on_the_worker.templates == (desk.resolve() / "templates", elsewhere)


def test_relative_paths_in_the_settings_are_under_the_projects_root(desk, tmp_path, monkeypatch):
    (desk / "briefing.toml").write_text('[pack]\nout = "published"\nformats = ["html"]\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("--project", desk, "pack", "-l", "en", "-j", "1", "--json")
    assert result.exit_code == 0, result.output
    assert (desk / "published" / "latest" / "manifest.json").is_file()
    assert not (desk / "output").exists()


def test_a_project_named_in_code_needs_no_settings_file(tmp_path):
    assert settings.load(None).pack.out is None  # the packs then go to output/packs
    assert Project(tmp_path).packs == tmp_path / "output" / "packs"
    with pytest.raises(UsageError, match="template docx/none.docx is neither in"):
        REPO.template_file("docx/none.docx")


def test_a_user_without_a_home_gets_a_cache_folder_nothing_can_create(monkeypatch):
    """A container's arbitrary uid has no HOME and no passwd entry: Path.home() raises."""
    from pipeline import project

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    folder = project.user_cache()
    with pytest.raises(OSError):
        folder.mkdir(parents=True, exist_ok=True)
